import type { Engine } from '../engine/engine';
import { litDate } from '../engine/sql';
import { whereSql, type Filters } from './filters';
import { DAYS_TO_FINAL_COL, dateCol } from './journeys';
import { visibleStages, type FunnelSettings } from './settings';

/** A span of days, ISO, inclusive. */
export interface DateWindow {
  from: string;
  to: string;
}

/** Period counts over one window: what happened in it, each by its own date. */
export interface WindowCounts extends DateWindow {
  enquiries: number;
  applications: number;
  approvals: number;
  /** Median days from enquiry to approval of the approvals made in the window, and how many had both dates. */
  medianDaysToApproval: number | null;
  approvalsTimed: number;
}

/**
 * Enquiries received, applications received and approvals made within each
 * window (period counts, as Ofsted counts them), under the filters. The
 * enquiry-date filter is the caller's to leave out: the windows replace it.
 * One pass over `journeys` for all windows.
 */
export async function windowCounts(engine: Engine, s: FunnelSettings, windows: DateWindow[], filters?: Filters): Promise<WindowCounts[]> {
  if (!windows.length) return [];
  const stages = visibleStages(s);
  const app = stages.some((x) => x.id === 'application') ? dateCol('application') : null;
  const fin = dateCol(stages[stages.length - 1].id);
  const within = (col: string, w: DateWindow) => `${col} BETWEEN ${litDate(w.from)} AND ${litDate(w.to)}`;
  const cols = windows.flatMap((w, i) => [
    `count(*) FILTER (WHERE ${within('enquiry_date', w)})::INTEGER AS e${i}`,
    app ? `count(*) FILTER (WHERE ${within(app, w)})::INTEGER AS a${i}` : `0 AS a${i}`,
    `count(*) FILTER (WHERE ${within(fin, w)})::INTEGER AS p${i}`,
    `median(${DAYS_TO_FINAL_COL}) FILTER (WHERE ${within(fin, w)})::DOUBLE AS m${i}`,
    `count(${DAYS_TO_FINAL_COL}) FILTER (WHERE ${within(fin, w)})::INTEGER AS t${i}`,
  ]);
  const [r] = await engine.query<Record<string, number | null>>(`SELECT ${cols.join(', ')} FROM journeys WHERE ${whereSql(filters)}`);
  return windows.map((w, i) => ({
    ...w, enquiries: r[`e${i}`] ?? 0, applications: r[`a${i}`] ?? 0, approvals: r[`p${i}`] ?? 0,
    medianDaysToApproval: r[`m${i}`] ?? null, approvalsTimed: r[`t${i}`] ?? 0,
  }));
}
