import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { joinSql, litDate, raw, sql, type SqlFragment } from '../engine/sql';
import { rate, type Rate } from '../stats/rate';
import { workdaysSql } from './calendar';
import { fromCubes } from './cube';
import { whereSql } from './filters';
import { visibleStageDateColumn } from '../schema';
import { stalledThreshold, visibleStages, type FunnelSettings } from './settings';

export interface StalledSummary {
  stage: string;
  open: number;
  stalled: number;
  /** The stage's stalled threshold in days. */
  stalledAfter: number;
  medianDaysIdle: number | null;
}

export interface StalledEnquiry {
  id: string;
  stage: string;
  lastDate: string;
  daysIdle: number;
  campaign: string | null;
  source: string | null;
  status: string | null;
}

export interface Timeliness {
  /** Application to panel within the standard, among those with both dates. */
  panelWithinStandard: Rate;
  /** Open applications past the standard with no panel yet. */
  panelOverdueOpen: number;
  /** Enquiry to initial visit within the working-day standard, among those with both dates. */
  visitWithinStandard: Rate;
  panelMonths: number;
  visitWorkingDays: number;
}

const has = (s: FunnelSettings, id: string) => visibleStages(s).some((x) => x.id === id);

/** SQL: the stalled threshold of the stage an enquiry is at (journeys' `furthest`). */
function thresholdSql(s: FunnelSettings): SqlFragment {
  return sql`CASE furthest ${joinSql(visibleStages(s).map((st, i) => sql`WHEN ${i} THEN ${stalledThreshold(s, st.id)}`), ' ')} END`;
}

/** Open enquiries per stage with stalled counts, and the stalled ones themselves. */
export interface Stalled {
  summary: StalledSummary[];
  list: StalledEnquiry[];
}

/** The stalled list is cut at `limit` enquiries (500 unless given). */
export interface StalledParams extends MetricParams {
  limit?: number;
}

/**
 * Open enquiries per stage (how many, how many stalled: idle past the stage's
 * threshold, and median days since their last recorded stage), and the
 * stalled ones, oldest first (longest without progress), as of the as-of date.
 */
export const stalledMetric: MetricSpec<StalledParams, Stalled> = {
  name: 'stalled',
  what: 'the stalled enquiries',
  sql({ settings, filters, limit = 500 }, { asOf }) {
    const idle = sql`date_diff('day', coalesce(last_stage_date, enquiry_date), ${raw(litDate(asOf))})`;
    const open = sql`outcome = 'open' AND ${raw(whereSql(filters))}`;
    const threshold = thresholdSql(settings);
    return {
      summary: sql`SELECT furthest, count(*)::INTEGER AS open,
          count(*) FILTER (WHERE ${idle} > ${threshold})::INTEGER AS stalled, median(${idle}) AS "medianDaysIdle"
        FROM journeys WHERE ${open} GROUP BY furthest ORDER BY furthest`,
      list: sql`SELECT id, furthest, strftime(coalesce(last_stage_date, enquiry_date), '%Y-%m-%d') AS "lastDate",
          ${idle}::INTEGER AS "daysIdle", campaign, source, status
        FROM journeys WHERE ${open} AND ${idle} > ${threshold}
        ORDER BY "daysIdle" DESC, id LIMIT ${limit}`,
    };
  },
  shape(rows, { settings }) {
    const stages = visibleStages(settings);
    const atStage = new Map(rows.summary.map((r) => [r.furthest as number, r]));
    const summary = stages.map((st, i) => {
      const r = atStage.get(i);
      return {
        stage: st.id, open: (r?.open as number) ?? 0, stalled: (r?.stalled as number) ?? 0,
        stalledAfter: stalledThreshold(settings, st.id), medianDaysIdle: (r?.medianDaysIdle as number | null) ?? null,
      };
    });
    const list = (rows.list as (Omit<StalledEnquiry, 'stage'> & { furthest: number })[]).map(({ furthest, ...r }) => ({ ...r, stage: stages[furthest].id }));
    return { summary, list };
  },
};

/** The timeliness counts by name, for the stages the settings show; `visitOk` counts the visits within the standard. */
function timelinessCounts(s: FunnelSettings, asOf: string, visitOk: (v: SqlFragment) => SqlFragment): [string, SqlFragment][] {
  const out: [string, SqlFragment][] = [];
  const months = sql`INTERVAL ${s.panelStandardMonths} MONTH`;
  if (has(s, 'application') && has(s, 'panel')) {
    const a = raw(visibleStageDateColumn('application'));
    const p = raw(visibleStageDateColumn('panel'));
    out.push(
      ['panel_n', sql`count(*) FILTER (WHERE ${a} IS NOT NULL AND ${p} >= ${a})::INTEGER`],
      ['panel_ok', sql`count(*) FILTER (WHERE ${a} IS NOT NULL AND ${p} >= ${a} AND ${p} <= ${a} + ${months})::INTEGER`],
      ['panel_overdue', sql`count(*) FILTER (WHERE outcome = 'open' AND ${a} IS NOT NULL AND ${p} IS NULL AND ${raw(litDate(asOf))} > ${a} + ${months})::INTEGER`],
    );
  }
  if (has(s, 'initial_visit')) {
    const v = raw(visibleStageDateColumn('initial_visit'));
    out.push(['visit_n', sql`count(*) FILTER (WHERE ${v} >= enquiry_date)::INTEGER`], ['visit_ok', visitOk(v)]);
  }
  return out;
}

/** Named counts as the columns of a SELECT. */
const named = (counts: [string, SqlFragment][]) => joinSql(counts.map(([name, value]) => sql`${value} AS ${raw(name)}`));

/** The timeliness counts for the stages the settings show (nothing when neither standard applies). */
function timelinessSql(s: FunnelSettings, asOf: string, where: SqlFragment): SqlFragment | null {
  // Working days are looked up for the visited only (a dated visit on or after the enquiry), not for every row.
  const counts = timelinessCounts(s, asOf, (v) => sql`(SELECT count(*) FROM journeys JOIN workdays w1 ON w1.d = journeys.enquiry_date JOIN workdays w2 ON w2.d = journeys.${v}
           WHERE ${v} >= enquiry_date AND w2.n - w1.n <= ${s.visitStandardWorkingDays} AND ${where})::INTEGER`);
  return counts.length ? sql`SELECT ${named(counts)} FROM journeys WHERE ${where}` : null;
}

/** The timeliness cube (see cube.ts): its counts follow the standards too, so they are in its name. */
const timelinessCube = (s: FunnelSettings) => `cube_timeliness_${`${s.panelStandardMonths}_${s.visitStandardWorkingDays}`.replace(/\W/g, '_')}`;

/** Statements writing the timeliness counts by campaign and source (the calendar first), or none when neither standard applies. */
export function timelinessCubeSql(s: FunnelSettings, asOf: string): string[] {
  const counts = timelinessCounts(s, asOf, (v) => sql`count(*) FILTER (WHERE ${v} >= enquiry_date AND w2.n - w1.n <= ${s.visitStandardWorkingDays})::INTEGER`);
  if (!counts.length) return [];
  // Outer joins keep every enquiry: one with no calendar day (outside its years) has no working days, as the inner join leaves it out.
  const calendar = has(s, 'initial_visit')
    ? ` LEFT JOIN workdays w1 ON w1.d = enquiry_date LEFT JOIN workdays w2 ON w2.d = ${visibleStageDateColumn('initial_visit')}`
    : '';
  return [
    ...(has(s, 'initial_visit') ? [workdaysSql()] : []),
    `CREATE OR REPLACE TABLE ${timelinessCube(s)} AS SELECT campaign, source, ${named(counts).text} FROM journeys${calendar} GROUP BY ALL`,
  ];
}

/**
 * Timeliness against the standards: application to panel within N months
 * (NMS 14: 8), enquiry to initial visit within N working days (England bank
 * holidays excluded, from the `workdays` calendar table).
 */
export const timelinessMetric: MetricSpec<MetricParams, Timeliness> = {
  name: 'timeliness',
  what: 'timeliness against the standards',
  prepare: ({ settings, filters }, facts) =>
    fromCubes(filters, facts) ? timelinessCubeSql(settings, facts.asOf) : has(settings, 'initial_visit') ? [workdaysSql()] : [],
  sql({ settings, filters }, facts): Record<string, SqlFragment | string> {
    const { asOf } = facts;
    if (fromCubes(filters, facts)) {
      const names = timelinessCounts(settings, asOf, () => raw('0')).map(([name]) => name);
      if (!names.length) return {};
      return { counts: `SELECT ${names.map((n) => `coalesce(sum(${n}), 0)::INTEGER AS ${n}`).join(', ')} FROM ${timelinessCube(settings)} WHERE ${whereSql(filters)}` };
    }
    const counts = timelinessSql(settings, asOf, raw(whereSql(filters)));
    return counts ? { counts } : {};
  },
  shape(rows, { settings }) {
    const r = (rows.counts?.[0] ?? {}) as Record<string, number | undefined>;
    return {
      panelWithinStandard: rate(r.panel_ok ?? 0, r.panel_n ?? 0),
      panelOverdueOpen: r.panel_overdue ?? 0,
      visitWithinStandard: rate(r.visit_ok ?? 0, r.visit_n ?? 0),
      panelMonths: settings.panelStandardMonths,
      visitWorkingDays: settings.visitStandardWorkingDays,
    };
  },
};
