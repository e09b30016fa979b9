import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { comparisonWindows, type ComparisonWindows } from './change';
import { financialYear, financialYearRange } from './periods';
import { enquiryRangeMetric } from './values';
import { windowCountsMetric, type WindowCounts } from './windowCounts';

/** The period counts behind the Overview's headline comparisons. */
export interface HeadlineCounts {
  /** The as-of date the windows end at (ISO). */
  asOf: string;
  /** The window on show and the one before it; null when the date filter leaves no window up to the as-of date. */
  windows: ComparisonWindows | null;
  /** Period counts: [the window on show, the one before, the last 12 months, this financial year so far]. */
  counts: WindowCounts[];
}

/**
 * The windows the Overview compares (the date filter's range, else the last
 * 12 months, against as many days before it), the last 12 months and this
 * financial year so far, and the period counts in each. Period counts take
 * every filter but the enquiry dates: the windows stand in for those. Without
 * a comparison window, the last 12 months stand in for the first two.
 */
export const headlineCountsMetric: MetricSpec<MetricParams, HeadlineCounts> = {
  name: 'headlineCounts',
  what: 'the headline comparisons',
  sql: () => ({}),
  async shape(_rows, { settings, filters = {} }, ctx) {
    const { asOf } = ctx;
    const range = await ctx.use(enquiryRangeMetric, { settings });
    const windows = range.first ? comparisonWindows(asOf, range.first, filters) : null;
    const last12 = comparisonWindows(asOf, range.first ?? asOf)!.current;
    const yearSoFar = { from: financialYearRange(financialYear(asOf)).from, to: asOf };
    const compared = windows ? [windows.current, windows.previous] : [last12, last12];
    const counts = await ctx.use(windowCountsMetric, { settings, filters: { ...filters, from: null, to: null }, windows: [...compared, last12, yearSoFar] });
    return { asOf, windows, counts };
  },
};
