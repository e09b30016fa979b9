import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { joinSql, litDate, minOfSql, raw, sql, type SqlFragment } from '../engine/sql';
import { visibleStageDateColumn } from '../schema';
import { whereSql } from './filters';
import { visibleStages } from './settings';
import { distinctWindows, windowColumnsSql, windowFigures, withinSql, type DateWindow } from './windowCounts';

/** What happened to leavers and open enquiries within one window (period counts). */
export interface ExitWindowCounts extends DateWindow {
  /** Enquiries that ended (left) within the window, wherever they were. */
  left: number;
  /** Of those, the ones who left at the stage asked about. */
  leftAtStage: number;
  /** People who moved on from that stage within the window (dated at the next stage they reached). */
  movedOnFromStage: number;
  /** Enquiries open on the window's last day: made by then, neither approved nor left by then. */
  openAtEnd: number;
}

/** The windows, and the stage whose step is counted, besides the settings and filters. */
export interface ExitWindowCountsParams extends MetricParams {
  windows: DateWindow[];
  /** A visible stage id (not the last); its leavers and those moving on from it are counted. */
  stage: string | null;
}

const FIELDS = ['left', 'leftAtStage', 'movedOnFromStage', 'openAtEnd'] as const;

/** One window's columns, each named `<field>_<window index>`, over the per-enquiry dates of `eventsSql`. */
function windowColumns(w: DateWindow, i: number, hasStage: boolean): SqlFragment[] {
  const within = (col: string) => withinSql(raw(col), w);
  const end = raw(litDate(w.to));
  const values: Record<(typeof FIELDS)[number], SqlFragment> = {
    left: sql`count(*) FILTER (WHERE ${within('left_on')})::INTEGER`,
    leftAtStage: hasStage ? sql`count(*) FILTER (WHERE at_stage AND ${within('left_on')})::INTEGER` : raw('0'),
    movedOnFromStage: hasStage ? sql`count(*) FILTER (WHERE ${within('moved_on')})::INTEGER` : raw('0'),
    openAtEnd: sql`count(*) FILTER (WHERE enquiry_date <= ${end} AND (ended IS NULL OR ended > ${end}))::INTEGER`,
  };
  return windowColumnsSql(FIELDS, values, i);
}

/**
 * Per filtered enquiry: when it left (its exit date, else its last stage date,
 * else its enquiry date, as the approval curves date it), when it ended either
 * way, whether it ended at the stage, and when it moved on from the stage
 * (the first date of any later stage).
 */
function eventsSql(params: ExitWindowCountsParams, k: number): SqlFragment {
  const stages = visibleStages(params.settings);
  const final = visibleStageDateColumn(stages[stages.length - 1].id);
  const later = stages.slice(k + 1).map((s) => visibleStageDateColumn(s.id));
  // The least passes over NULLs: a skipped stage leaves the next dated one.
  const movedOn = k >= 0 && later.length ? `CASE WHEN furthest > ${k} THEN ${minOfSql(later)} END` : 'NULL::DATE';
  return sql`SELECT enquiry_date, furthest = ${k} AS at_stage, ${raw(movedOn)} AS moved_on,
      CASE WHEN outcome = 'left' THEN coalesce(exit_date, last_stage_date, enquiry_date) END AS left_on,
      CASE WHEN outcome = 'left' THEN coalesce(exit_date, last_stage_date, enquiry_date)
           WHEN outcome = 'approved' THEN coalesce(${raw(final)}, last_stage_date, enquiry_date) END AS ended
    FROM journeys WHERE ${raw(whereSql(params.filters))}`;
}

/**
 * Period counts for the Drop-off view's comparisons, in one pass over
 * `journeys`: for each window, the people who left in it, those who left at
 * one stage and those who moved on from it in it (so the share who left among
 * the steps decided there in the window), and the enquiries open on its last
 * day. The enquiry-date filter is the caller's to leave out: the windows replace it.
 */
export const exitWindowCountsMetric: MetricSpec<ExitWindowCountsParams, ExitWindowCounts[]> = {
  name: 'exitWindowCounts',
  what: 'the leavers in each period',
  sql(params): Record<string, SqlFragment | string> {
    if (!params.windows.length) return {};
    const stages = visibleStages(params.settings);
    const k = stages.findIndex((s) => s.id === params.stage);
    const hasStage = k >= 0 && k < stages.length - 1;
    const cols = distinctWindows(params.windows).flatMap(([w, i]) => windowColumns(w, i, hasStage));
    return { counts: sql`SELECT ${joinSql(cols)} FROM (${eventsSql(params, hasStage ? k : -1)})` };
  },
  shape: (rows, { windows }) => windowFigures(rows.counts?.[0] as Record<string, number | null> | undefined, windows, FIELDS) as ExitWindowCounts[],
};
