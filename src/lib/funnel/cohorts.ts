import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { greaterSql, id, joinSql, litDate, raw, sql, type SqlFragment } from '../engine/sql';
import { aalenJohansenCounts, type IncidencePoint } from '../stats/aalenJohansen';
import { rate, type Rate } from '../stats/rate';
import { groupColumnSql } from './breakdowns';
import { BLANK, whereSql, type Filters } from './filters';
import { visibleStageDateColumn } from '../schema';
import { visibleStages, type FunnelSettings } from './settings';
import { fromCubes } from './cube';
import { DATES_CUBE, datesCubeSumSql, windowCubesSql } from './windowCounts';

/** Period grains; financial years run April to March ("2023-24"). */
export type Grain = 'month' | 'quarter' | 'fy';

/**
 * SQL giving a date's period as a whole number that sorts as the labels do
 * (month 202304, financial year 2023, quarter 20231). Queries group by it
 * and label the groups (periodLabelSql): building a label for every row
 * cost four to eight times as much as the grouping.
 */
export function periodKeySql(col: string, grain: Grain): string {
  const fy = `(year(${col}) - (month(${col}) < 4)::INTEGER)`;
  switch (grain) {
    case 'month':
      return `(year(${col}) * 100 + month(${col}))`;
    case 'quarter':
      // Financial quarters: Q1 = April-June.
      return `(${fy} * 10 + ((month(${col}) + 8) % 12) // 3 + 1)`;
    case 'fy':
      return fy;
  }
}

/** SQL giving the label of a period key (periodKeySql): "2023-04", "2023-24", "2023-24 Q1". */
export function periodLabelSql(key: string, grain: Grain): string {
  const fyLabel = (start: string) => `${start}::VARCHAR || '-' || lpad(((${start} + 1) % 100)::VARCHAR, 2, '0')`;
  switch (grain) {
    case 'month':
      return `(${key} // 100)::VARCHAR || '-' || lpad((${key} % 100)::VARCHAR, 2, '0')`;
    case 'quarter':
      return `${fyLabel(`(${key} // 10)`)} || ' Q' || (${key} % 10)::VARCHAR`;
    case 'fy':
      return fyLabel(key);
  }
}

/** SQL giving the period label of a date column for a grain (for a few rows; group by periodKeySql over many). */
export function periodSql(col: string, grain: Grain): string {
  return periodLabelSql(periodKeySql(col, grain), grain);
}

/** SQL giving the last day of the period of a key (periodKeySql). */
function periodEndSql(key: string, grain: Grain): string {
  switch (grain) {
    case 'month':
      return `last_day(make_date((${key} // 100)::INTEGER, (${key} % 100)::INTEGER, 1))`;
    case 'quarter':
      return `last_day(make_date((${key} // 10)::INTEGER, 4, 1) + to_months(((${key} % 10) * 3 - 1)::INTEGER))`;
    case 'fy':
      return `make_date((${key} + 1)::INTEGER, 3, 31)`;
  }
}

/** A period-grained metric's parameters: the grain besides settings and filters. */
export interface GrainParams extends MetricParams {
  grain: Grain;
}

/** What happened in a period, as Ofsted counts it (period counts, not cohorts). */
export interface PeriodCount {
  period: string;
  enquiries: number;
  applications: number;
  approvals: number;
}

/** The SQL of period counts: one row per period, a named column per count. */
function periodCountsSql({ settings, filters, grain }: GrainParams): SqlFragment {
  const stages = visibleStages(settings);
  const where = raw(whereSql(filters));
  const period = (col: string) => raw(periodKeySql(col, grain));
  const appCol = stages.some((x) => x.id === 'application') ? visibleStageDateColumn('application') : null;
  const finalCol = visibleStageDateColumn(stages[stages.length - 1].id);
  const parts = [sql`SELECT ${period('enquiry_date')} AS k, 1 AS e, 0 AS a, 0 AS p FROM journeys WHERE ${where}`];
  if (appCol) parts.push(sql`SELECT ${period(appCol)}, 0, 1, 0 FROM journeys WHERE ${raw(appCol)} IS NOT NULL AND ${where}`);
  parts.push(sql`SELECT ${period(finalCol)}, 0, 0, 1 FROM journeys WHERE ${raw(finalCol)} IS NOT NULL AND ${where}`);
  return sql`SELECT ${raw(periodLabelSql('k', grain))} AS period, sum(e)::INTEGER AS enquiries, sum(a)::INTEGER AS applications, sum(p)::INTEGER AS approvals
    FROM (${joinSql(parts, ' UNION ALL ')}) GROUP BY k ORDER BY k`;
}

/** The same from the dates cube (windowCounts.ts), which counts each of the three by its own date, by day. */
function periodCountsCubeSql({ filters, grain }: GrainParams): SqlFragment {
  return sql`SELECT ${raw(periodLabelSql('k', grain))} AS period, ${datesCubeSumSql('enquiries')} AS enquiries, ${datesCubeSumSql('applications')} AS applications, ${datesCubeSumSql('approvals')} AS approvals
    FROM (SELECT ${raw(periodKeySql('day', grain))} AS k, kind, n FROM ${raw(DATES_CUBE)} WHERE ${raw(whereSql(filters))}) GROUP BY k ORDER BY k`;
}

/**
 * Period counts: enquiries received, applications received and approvals made
 * in each period, each by its own date. Every filter applies, the enquiry-date
 * filter included: under it these are the applications and approvals of the
 * people who enquired in that range, in whichever period they happened, so the
 * enquiries add up to the overview's (a view must never count people the
 * filter chips say are left out).
 */
export const periodCountsMetric: MetricSpec<GrainParams, PeriodCount[]> = {
  name: 'periodCounts',
  what: 'the counts per period',
  prepare: ({ settings, filters }, facts) => (fromCubes(filters, facts) ? windowCubesSql(settings) : []),
  sql: (params, facts) => ({ periods: fromCubes(params.filters, facts) ? periodCountsCubeSql(params) : periodCountsSql(params) }),
  shape: (rows) => rows.periods as unknown as PeriodCount[],
};

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

/** Cohorts' parameters: the grain and the window (days from enquiry) an approval must fall within. */
export interface CohortParams extends GrainParams {
  windowDays: number;
}

/** The column holding how many of a cohort reached a stage. */
const reachedColumn = (stageId: string) => 'reached_' + stageId;

/**
 * Cohort results by enquiry period. Conversion within `windowDays` is only
 * final for cohorts whose last enquiry is at least that old at the as-of date;
 * younger cohorts are flagged provisional.
 */
export const cohortsMetric: MetricSpec<CohortParams, CohortResult[]> = {
  name: 'cohorts',
  what: 'the cohorts',
  sql({ settings, filters, grain, windowDays }, { asOf }) {
    const stages = visibleStages(settings);
    const finalCol = raw(visibleStageDateColumn(stages[stages.length - 1].id));
    const reached = stages.map((st, i) => sql`count(*) FILTER (WHERE furthest >= ${i})::INTEGER AS ${id(reachedColumn(st.id))}`);
    const window = Math.round(windowDays);
    return {
      cohorts: sql`SELECT ${raw(periodLabelSql('k', grain))} AS period, * EXCLUDE (k),
         ${raw(periodEndSql('k', grain))} + INTERVAL ${window} DAY > ${raw(litDate(asOf))} AS provisional FROM (
       SELECT ${raw(periodKeySql('enquiry_date', grain))} AS k, count(*)::INTEGER AS enquiries, ${joinSql(reached)},
         count(*) FILTER (WHERE outcome = 'approved')::INTEGER AS approved,
         count(*) FILTER (WHERE outcome = 'left')::INTEGER AS "left",
         count(*) FILTER (WHERE outcome = 'open')::INTEGER AS open,
         count(*) FILTER (WHERE outcome = 'approved' AND date_diff('day', enquiry_date, ${finalCol}) <= ${window})::INTEGER AS in_window
       FROM journeys WHERE ${raw(whereSql(filters))} GROUP BY 1) ORDER BY k`,
    };
  },
  shape(rows, { settings }) {
    const stages = visibleStages(settings);
    return (rows.cohorts as Record<string, number | string | boolean>[]).map((r) => ({
      period: r.period as string,
      enquiries: r.enquiries as number,
      reached: Object.fromEntries(stages.map((st) => [st.id, r[reachedColumn(st.id)] as number])),
      approved: r.approved as number,
      left: r.left as number,
      open: r.open as number,
      approvedWithin: r.in_window as number,
      approvedWithinWindow: rate(r.in_window as number, r.enquiries as number),
      provisional: Boolean(r.provisional),
    }));
  },
};

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
 * at the as-of date), grouped by a journeys column (SQL) or not at all.
 * Aggregated in SQL so the curve is computed from thousands of rows, not millions.
 */
export function timeToEventSql(s: FunnelSettings, asOf: string, groupBy: string | null, filters?: Filters, groupLabel?: (key: string) => string): SqlFragment {
  const stages = visibleStages(s);
  const finalCol = raw(visibleStageDateColumn(stages[stages.length - 1].id));
  const at = raw(litDate(asOf));
  // When it was approved or left; NULL while open. Whatever happens after the
  // as-of date is not known yet then: such enquiries are censored at it.
  const event = sql`CASE WHEN outcome = 'approved' THEN coalesce(${finalCol}, last_stage_date)
                      WHEN outcome = 'left' THEN coalesce(exit_date, last_stage_date, enquiry_date) END`;
  const known = sql`(event <= ${at})`;
  const counts = sql`SELECT "group", ${raw(greaterSql(`(CASE WHEN ${known.text} THEN event ELSE ${at.text} END - enquiry_date)`, '0'))}::INTEGER AS day,
       count(*) FILTER (WHERE outcome = 'approved' AND ${known})::INTEGER AS approved,
       count(*) FILTER (WHERE outcome = 'left' AND ${known})::INTEGER AS "left",
       count(*) FILTER (WHERE NOT coalesce(${known}, false))::INTEGER AS censored
     FROM (SELECT ${raw(groupBy ?? 'NULL::VARCHAR')} AS "group", enquiry_date, outcome, ${event} AS event
           FROM journeys WHERE ${raw(whereSql(filters))} AND enquiry_date <= ${at})
     GROUP BY ALL ORDER BY 1, 2`;
  // A group given as a key (a period) is labelled once grouped, not row by row.
  return groupLabel ? sql`SELECT ${raw(groupLabel('"group"'))} AS "group", * EXCLUDE ("group") FROM (${counts}) ORDER BY "group", day` : counts;
}

/** How the approval curves are split: by enquiry financial year, campaign, source, or not at all. */
export type IncidenceBy = 'fy' | 'campaign' | 'source' | null;

/** One group's cumulative incidence of approval by days since enquiry. */
export interface IncidenceGroup {
  group: string;
  /** Enquiries in the group. */
  n: number;
  /** The longest follow-up in the group: the curve is unknown beyond it. */
  until: number;
  curve: IncidencePoint[];
}

/** The SQL of an incidence grouping (a financial year as its key: see incidenceGroupLabel). */
function incidenceGroupSql(by: IncidenceBy): string | null {
  if (by === 'fy') return periodKeySql('enquiry_date', 'fy');
  return by ? groupColumnSql(by) : null;
}

/** How an incidence grouping's key is labelled, when it is a key. */
const incidenceGroupLabel = (by: IncidenceBy) => (by === 'fy' ? (key: string) => periodLabelSql(key, 'fy') : undefined);

/** Time-to-event counts split by group, in the rows' order (no group recorded is BLANK). */
function byGroup(counts: readonly TimeToEventCounts[]): Map<string, TimeToEventCounts[]> {
  const groups = new Map<string, TimeToEventCounts[]>();
  for (const c of counts) {
    const key = c.group ?? BLANK;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return groups;
}

/**
 * Cumulative incidence of approval by days since enquiry (Aalen-Johansen,
 * leaving the competing event), per group of `by`: counts per day in SQL,
 * the curves from those counts.
 */
export const incidenceMetric: MetricSpec<MetricParams & { by: IncidenceBy }, IncidenceGroup[]> = {
  name: 'incidence',
  what: 'the approval curves',
  sql: ({ settings, filters, by }, { asOf }) => ({ counts: timeToEventSql(settings, asOf, incidenceGroupSql(by), filters, incidenceGroupLabel(by)) }),
  shape(rows) {
    return [...byGroup(rows.counts as unknown as TimeToEventCounts[])].map(([group, counts]) => ({
      group,
      n: counts.reduce((a, c) => a + c.approved + c.left + c.censored, 0),
      until: counts.reduce((a, c) => Math.max(a, c.day), 0),
      curve: aalenJohansenCounts(counts.map((c) => ({ time: c.day, approved: c.approved, left: c.left, censored: c.censored }))),
    }));
  },
};
