import type { Engine } from '../engine/engine';
import { litDate } from '../engine/sql';
import { wilson } from '../stats/wilson';
import { whereSql, type Filters } from './filters';
import { dateCol } from './journeys';
import { visibleStages, type FunnelSettings } from './settings';
import type { Rate } from './funnel';

/** Period grains; financial years run April to March ("2023-24"). */
export type Grain = 'month' | 'quarter' | 'fy';

/** SQL giving the period label of a date column for a grain. */
export function periodSql(col: string, grain: Grain): string {
  switch (grain) {
    case 'month':
      return `strftime(${col}, '%Y-%m')`;
    case 'quarter':
      // Financial quarters: Q1 = April-June.
      return `${periodSql(col, 'fy')} || ' Q' || (((month(${col}) + 8) % 12) // 3 + 1)::VARCHAR`;
    case 'fy': {
      const start = `(CASE WHEN month(${col}) >= 4 THEN year(${col}) ELSE year(${col}) - 1 END)`;
      return `${start}::VARCHAR || '-' || lpad(((${start} + 1) % 100)::VARCHAR, 2, '0')`;
    }
  }
}

/** SQL giving the last day of the period containing a date. */
function periodEndSql(col: string, grain: Grain): string {
  switch (grain) {
    case 'month':
      return `last_day(${col})`;
    case 'quarter':
      return `last_day(date_trunc('quarter', ${col}) + INTERVAL 2 MONTH)`;
    case 'fy':
      return `make_date(CASE WHEN month(${col}) >= 4 THEN year(${col}) + 1 ELSE year(${col}) END, 3, 31)`;
  }
}

/** What happened in a period, as Ofsted counts it (period counts, not cohorts). */
export interface PeriodCount {
  period: string;
  enquiries: number;
  applications: number;
  approvals: number;
}

/**
 * Period counts: enquiries received, applications received and approvals made
 * in each period, each by its own date. Every filter applies, the enquiry-date
 * filter included: under it these are the applications and approvals of the
 * people who enquired in that range, in whichever period they happened, so the
 * enquiries add up to the overview's (a view must never count people the
 * filter chips say are left out).
 */
export async function periodCounts(engine: Engine, s: FunnelSettings, grain: Grain, filters?: Filters): Promise<PeriodCount[]> {
  const stages = visibleStages(s);
  const where = whereSql(filters);
  const appId = stages.some((x) => x.id === 'application') ? 'application' : null;
  const finalId = stages[stages.length - 1].id;
  const parts = [`SELECT ${periodSql('enquiry_date', grain)} AS period, 'enquiries' AS what FROM journeys WHERE ${where}`];
  if (appId) parts.push(`SELECT ${periodSql(dateCol(appId), grain)}, 'applications' FROM journeys WHERE ${dateCol(appId)} IS NOT NULL AND ${where}`);
  parts.push(`SELECT ${periodSql(dateCol(finalId), grain)}, 'approvals' FROM journeys WHERE ${dateCol(finalId)} IS NOT NULL AND ${where}`);
  const rows = await engine.query<{ period: string; what: string; n: number }>(
    `SELECT period, what, count(*)::INTEGER AS n FROM (${parts.join(' UNION ALL ')}) GROUP BY ALL ORDER BY period`,
  );
  const map = new Map<string, PeriodCount>();
  for (const r of rows) {
    const p = map.get(r.period) ?? { period: r.period, enquiries: 0, applications: 0, approvals: 0 };
    p[r.what as 'enquiries' | 'applications' | 'approvals'] = r.n;
    map.set(r.period, p);
  }
  return [...map.values()].sort((a, b) => a.period.localeCompare(b.period));
}

/** What became of those who enquired in a period. */
export interface CohortResult {
  period: string;
  enquiries: number;
  /** Reached per visible stage id. */
  reached: Record<string, number>;
  approved: number;
  left: number;
  open: number;
  /** How many were approved within the window of their enquiry date. */
  approvedWithin: number;
  /** The same as a share of the cohort. */
  approvedWithinWindow: Rate;
  /** The window has not yet passed for everyone in the cohort: figures will still rise. */
  provisional: boolean;
}

/**
 * Cohort results by enquiry period. Conversion within `windowDays` is only
 * final for cohorts whose last enquiry is at least that old at the as-of date;
 * younger cohorts are flagged provisional.
 */
export async function cohorts(engine: Engine, s: FunnelSettings, grain: Grain, asOf: string, windowDays = 365, filters?: Filters): Promise<CohortResult[]> {
  const stages = visibleStages(s);
  const finalCol = dateCol(stages[stages.length - 1].id);
  const reachedCols = stages.map((_, i) => `count(*) FILTER (WHERE furthest >= ${i})::INTEGER AS r${i}`);
  const rows = await engine.query<Record<string, number | string>>(
    `SELECT ${periodSql('enquiry_date', grain)} AS period, count(*)::INTEGER AS enquiries, ${reachedCols.join(', ')},
       count(*) FILTER (WHERE outcome = 'approved')::INTEGER AS approved,
       count(*) FILTER (WHERE outcome = 'left')::INTEGER AS "left",
       count(*) FILTER (WHERE outcome = 'open')::INTEGER AS open,
       count(*) FILTER (WHERE outcome = 'approved' AND date_diff('day', enquiry_date, ${finalCol}) <= ${windowDays})::INTEGER AS in_window,
       max(${periodEndSql('enquiry_date', grain)}) + INTERVAL ${windowDays} DAY > ${litDate(asOf)} AS provisional
     FROM journeys WHERE ${whereSql(filters)} GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => {
    const reached: Record<string, number> = {};
    stages.forEach((st, i) => (reached[st.id] = r[`r${i}`] as number));
    return {
      period: r.period as string,
      enquiries: r.enquiries as number,
      reached,
      approved: r.approved as number,
      left: r.left as number,
      open: r.open as number,
      approvedWithin: r.in_window as number,
      approvedWithinWindow: { ...wilson(r.in_window as number, r.enquiries as number) },
      provisional: Boolean(r.provisional),
    };
  });
}

/** Counts of approvals, exits and censorings by whole days since enquiry, for one group. */
export interface TimeToEventCounts {
  group: string | null;
  day: number;
  approved: number;
  left: number;
  censored: number;
}

/**
 * Day-level counts for cumulative incidence of approval by days since enquiry
 * (approval the event, leaving the competing event, open enquiries censored
 * at the as-of date), grouped by a journeys column or not at all. Aggregated
 * in SQL so the curve is computed from thousands of rows, not millions.
 */
export async function timeToEventCounts(engine: Engine, s: FunnelSettings, asOf: string, groupBy: string | null, filters?: Filters): Promise<TimeToEventCounts[]> {
  const stages = visibleStages(s);
  const finalCol = dateCol(stages[stages.length - 1].id);
  // When it was approved or left; NULL while open. Whatever happens after the
  // as-of date is not known yet then: such enquiries are censored at it.
  const event = `CASE WHEN outcome = 'approved' THEN coalesce(${finalCol}, last_stage_date)
                      WHEN outcome = 'left' THEN coalesce(exit_date, last_stage_date, enquiry_date) END`;
  const known = `(event <= ${litDate(asOf)})`;
  return engine.query<TimeToEventCounts>(
    `SELECT "group", greatest(date_diff('day', enquiry_date, CASE WHEN ${known} THEN event ELSE ${litDate(asOf)} END), 0)::INTEGER AS day,
       count(*) FILTER (WHERE outcome = 'approved' AND ${known})::INTEGER AS approved,
       count(*) FILTER (WHERE outcome = 'left' AND ${known})::INTEGER AS "left",
       count(*) FILTER (WHERE NOT coalesce(${known}, false))::INTEGER AS censored
     FROM (SELECT ${groupBy ?? 'NULL::VARCHAR'} AS "group", enquiry_date, outcome, ${event} AS event
           FROM journeys WHERE ${whereSql(filters)} AND enquiry_date <= ${litDate(asOf)})
     GROUP BY ALL ORDER BY 1, 2`,
  );
}
