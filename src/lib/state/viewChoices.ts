import type { Grain } from '../funnel/cohorts';
import type { RetentionGroupBy } from '../retention/afterApproval';
import { DAYS_PER_MONTH } from '../funnel/periods';

/** How the Campaigns view (and its summary and report section) groups its rows. */
export type ChannelGrouping = 'campaign' | 'source' | 'service';
/** What the Trends view's approval curves are split by. */
export type CurvesBy = 'fy' | 'campaign' | 'source';

/** The cohort windows offered, in months. */
const COHORT_WINDOW_MONTHS = [6, 12, 18, 24] as const;

/**
 * The per-view choices a link carries (`u.grain=…` and so on), parsed and
 * checked once: anything unknown falls back to the default, so no view,
 * summary or report ever builds a query from an unchecked value.
 */
export interface ViewChoices {
  grain: Grain;
  /** Months a cohort is followed for. */
  windowMonths: number;
  /** The same window in days, as the cohort metric takes it. */
  windowDays: number;
  curves: CurvesBy;
  /** The grouping asked for; 'service' only counts when the data name services (see `channelGrouping`). */
  by: ChannelGrouping;
  retain: RetentionGroupBy | null;
}

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/** Parses the per-view choices of a link. */
export function viewChoices(ui: Readonly<Record<string, string>>): ViewChoices {
  const months = Number(ui.window);
  const windowMonths = (COHORT_WINDOW_MONTHS as readonly number[]).includes(months) ? months : 12;
  const retain = oneOf(ui.retain, ['source', 'campaign', 'year', 'service', ''] as const, '');
  return {
    grain: oneOf(ui.grain, ['fy', 'quarter', 'month'] as const, 'fy'),
    windowMonths,
    windowDays: Math.round(windowMonths * DAYS_PER_MONTH),
    curves: oneOf(ui.curves, ['fy', 'campaign', 'source'] as const, 'fy'),
    by: oneOf(ui.by, ['campaign', 'source', 'service'] as const, 'campaign'),
    retain: retain || null,
  };
}

/** The grouping in force: by service only when the data have a service column. */
export function channelGrouping(choices: ViewChoices, serviceColumn: string | null): ChannelGrouping {
  return choices.by === 'service' && !serviceColumn ? 'campaign' : choices.by;
}
