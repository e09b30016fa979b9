import type { MetricSpec } from '../coordinator/metric';
import { fmtDate } from '../format';
import { comparisonWindows, latestAgainstPrevious } from './change';
import type { GrainParams } from './cohorts';
import { windowsLabel } from './headline';
import { periodLabel, periodRange, PIPELINE_FILLING_DAYS } from './periods';
import { toDayNumber } from '../stats/isoDate';
import { enquiryRangeMetric } from './values';
import { windowCountsMetric, type DateWindow, type WindowCounts } from './windowCounts';

/** What the Trends finding compares, and the span the data cover. */
export interface TrendComparison {
  asOf: string;
  /** The first enquiry in the data (null with none). */
  firstEnquiry: string | null;
  /**
   * The two windows' counts, [latest, the one before], with their labels; null
   * when the data don't cover the one before. `filling`: the one before starts
   * within a year of the first enquiry, so its applications and approvals are
   * undercounted (some come from enquiries before the data begin) and only
   * enquiries can be compared.
   */
  compared: { counts: WindowCounts[]; now: string; before: string; filling: boolean; days: [number, number] } | null;
}

/** Whether two ISO dates fall on the same day of their months (not so for 30 March shifted into February). */
const sameDates = (a: string, b: string) => a.slice(8) === b.slice(8);

/** The two windows and their labels: the date filter's range against the one before, or else the latest period against the same span before it. */
function windowsFor({ grain, filters = {} }: GrainParams, asOf: string, first: string): { windows: [DateWindow, DateWindow]; now: string; before: string } | null {
  if (filters.from || filters.to) {
    const w = comparisonWindows(asOf, first, filters);
    // An earlier window the data cover only in part would read as a rise.
    if (!w || w.previousIncomplete) return null;
    const [now, before] = windowsLabel(w, filters).split(' compared with ');
    return { windows: [w.current, w.previous], now, before };
  }
  const latest = periodLabel(asOf, grain);
  const span = latestAgainstPrevious(periodRange(latest, grain), asOf, grain);
  if (span.previous.from < first) return null;
  const previous = periodLabel(span.previous.from, grain);
  return span.part
    ? { windows: [span.current, span.previous], now: `${latest} so far (${fmtDate(span.current.from)} to ${fmtDate(span.current.to)})`, before: sameDates(span.current.to, span.previous.to) ? `the same dates in ${previous}` : `${fmtDate(span.previous.from)} to ${fmtDate(span.previous.to)}` }
    : { windows: [span.current, span.previous], now: latest, before: previous };
}

/**
 * What the Trends finding compares: the date filter's range with as many days
 * before it, or else the latest period (as far as the data go) with the same
 * span of the one before; counted by windowCountsMetric with every other filter.
 */
export const trendComparisonMetric: MetricSpec<GrainParams, TrendComparison> = {
  name: 'trendComparison',
  what: 'the latest change',
  sql: () => ({}),
  async shape(_rows, params, ctx) {
    const { first } = await ctx.use(enquiryRangeMetric, { settings: params.settings });
    const chosen = first ? windowsFor(params, ctx.asOf, first) : null;
    if (!first || !chosen) return { asOf: ctx.asOf, firstEnquiry: first, compared: null };
    const filters = { ...params.filters, from: null, to: null };
    const counts = await ctx.use(windowCountsMetric, { settings: params.settings, filters, windows: chosen.windows });
    const filling = toDayNumber(chosen.windows[1].from) < toDayNumber(first) + PIPELINE_FILLING_DAYS;
    const days = chosen.windows.map((w) => toDayNumber(w.to) - toDayNumber(w.from) + 1) as [number, number];
    return { asOf: ctx.asOf, firstEnquiry: first, compared: { counts, now: chosen.now, before: chosen.before, filling, days } };
  },
};
