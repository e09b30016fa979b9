import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { biggestLossIndex } from './biggestLoss';
import { comparisonWindows, type ComparisonWindows } from './change';
import { exitWindowCountsMetric, type ExitWindowCounts } from './exitWindowCounts';
import { hasFilters } from './filters';
import { funnelMetric, type Funnel } from './funnel';
import { enquiryRangeMetric } from './values';

/** The Drop-off headline figures of one set of enquiries (each followed to wherever it got: a cohort). */
export interface DropoffFigures {
  total: number;
  left: number;
  open: number;
  /** The stage most people left at (the Overview's biggest loss), or null when nobody has left before the last stage. */
  stage: { id: string; name: string; nextId: string; next: string; reached: number; left: number; open: number } | null;
}

/** The Drop-off view's headline figures, the service's overall ones beside them, and the two periods to compare. */
export interface DropoffHeadline {
  asOf: string;
  /** The window on show and the one before (as on the Overview); null when the date filter leaves none. */
  windows: ComparisonWindows | null;
  now: DropoffFigures;
  /** The same figures with no filters (at the same stage); null when no filter is set. */
  overall: DropoffFigures | null;
  /** Period counts [the window on show, the one before]; null when there is no earlier window of the same length in the data. */
  periods: [ExitWindowCounts, ExitWindowCounts] | null;
}

/** The headline figures of a funnel, at stage index `k` (-1: none). */
export function dropoffFigures(f: Funnel, k: number): DropoffFigures {
  const s = k >= 0 && k < f.steps.length - 1 ? f.steps[k] : null;
  return {
    total: f.total, left: f.left, open: f.open,
    stage: s && { id: s.id, name: s.name, nextId: f.steps[k + 1].id, next: f.steps[k + 1].name, reached: s.reached, left: s.left, open: s.open },
  };
}

/**
 * The Drop-off view's headline: people who left, the share who left at the
 * stage most people leave at, and those still open (from the funnel, under
 * the filters and, beside it, with none), with the period counts to compare
 * them with the period before of the same length: the Overview's windows,
 * every filter but the enquiry dates applied (the windows stand in for them).
 */
export const dropoffHeadlineMetric: MetricSpec<MetricParams, DropoffHeadline> = {
  name: 'dropoffHeadline',
  what: 'the drop-off headline figures',
  sql: () => ({}),
  async shape(_rows, { settings, filters = {} }, ctx) {
    const funnel = await ctx.use(funnelMetric, { settings, filters });
    const k = biggestLossIndex(funnel.steps);
    const now = dropoffFigures(funnel, k);
    const overallFunnel = hasFilters(filters) ? await ctx.use(funnelMetric, { settings, filters: {} }) : null;
    // The overall figure is at the filtered figure's stage, so the two sit side by side.
    const overall = overallFunnel && dropoffFigures(overallFunnel, overallFunnel.steps.findIndex((s) => s.id === now.stage?.id));
    const range = await ctx.use(enquiryRangeMetric, { settings });
    const windows = range.first ? comparisonWindows(ctx.asOf, range.first, filters) : null;
    if (!windows || windows.previousIncomplete) return { asOf: ctx.asOf, windows, now, overall, periods: null };
    const counts = await ctx.use(exitWindowCountsMetric, {
      settings, filters: { ...filters, from: null, to: null }, windows: [windows.current, windows.previous], stage: now.stage?.id ?? null,
    });
    return { asOf: ctx.asOf, windows, now, overall, periods: [counts[0], counts[1]] };
  },
};
