import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { id, joinSql, litDate, raw, sql, type SqlFragment } from '../engine/sql';
import { fromCubes, quantileCont, type DayCount } from './cube';
import { whereSql } from './filters';
import { DAYS_TO_FINAL_COLUMN, visibleStageDateColumn } from '../schema';
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

/** The windows to count over, besides the settings and filters. */
export interface WindowCountsParams extends MetricParams {
  windows: DateWindow[];
}

/** The counts a window gets, each a result column named `<field>_<window index>`. */
const FIELDS = ['enquiries', 'applications', 'approvals', 'medianDaysToApproval', 'approvalsTimed'] as const;

/** SQL: true when the date `col` falls in the window (both ends included). */
export function withinSql(col: SqlFragment, w: DateWindow): SqlFragment {
  return sql`${col} BETWEEN ${raw(litDate(w.from))} AND ${raw(litDate(w.to))}`;
}

/** One window's counts: a column per field of WindowCounts, suffixed with the window's index. */
function windowColumns(w: DateWindow, i: number, application: SqlFragment | null, final: SqlFragment): SqlFragment[] {
  const within = (col: SqlFragment) => withinSql(col, w);
  const days = raw(DAYS_TO_FINAL_COLUMN);
  const values: Record<(typeof FIELDS)[number], SqlFragment> = {
    enquiries: sql`count(*) FILTER (WHERE ${within(raw('enquiry_date'))})::INTEGER`,
    applications: application ? sql`count(*) FILTER (WHERE ${within(application)})::INTEGER` : raw('0'),
    approvals: sql`count(*) FILTER (WHERE ${within(final)})::INTEGER`,
    medianDaysToApproval: sql`median(${days}) FILTER (WHERE ${within(final)})::DOUBLE`,
    approvalsTimed: sql`count(${days}) FILTER (WHERE ${within(final)})::INTEGER`,
  };
  return windowColumnsSql(FIELDS, values, i);
}

/**
 * SQL: true for a row with any of `dates` in the span from the first window's
 * start to the last one's end. Every count of a window asks for one of them
 * in the window, so the rows outside count for nothing: leaving them out
 * first spares them every window's tests (340 ms to about 190 at a million
 * enquiries, four windows).
 */
function anyWithin(windows: readonly DateWindow[], dates: readonly (SqlFragment | null)[]): SqlFragment {
  const span = {
    from: windows.reduce((a, w) => (w.from < a ? w.from : a), windows[0].from),
    to: windows.reduce((a, w) => (w.to > a ? w.to : a), windows[0].to),
  };
  const tests = dates.filter((d): d is SqlFragment => d !== null).map((d) => withinSql(d, span));
  return sql`(${joinSql(tests, ' OR ')})`;
}

/** The column of a window's figure: `<field>_<window index>`. */
const windowColumn = (field: string, i: number) => `${field}_${i}`;

/** Where a window's span first comes in `windows`: a span asked for twice is counted once, under that index. */
const firstIndex = (windows: readonly DateWindow[], w: DateWindow) => windows.findIndex((x) => x.from === w.from && x.to === w.to);

/** The windows to count, each span once, with the index its figures are named by (see windowColumn). */
export function distinctWindows(windows: readonly DateWindow[]): [DateWindow, number][] {
  return windows.flatMap((w, i): [DateWindow, number][] => (firstIndex(windows, w) === i ? [[w, i]] : []));
}

/** One window's figures as SQL columns of one row (see windowColumn), in the order of `fields`. */
export function windowColumnsSql<F extends string>(fields: readonly F[], values: Record<F, SqlFragment>, i: number): SqlFragment[] {
  return fields.map((f) => sql`${values[f]} AS ${id(windowColumn(f, i))}`);
}

/** Each window with its figures, read back from that row (a span asked for twice has one set): a figure missing is 0, or null for the `nullable` ones. */
export function windowFigures<F extends string>(
  row: Record<string, number | null> | undefined, windows: readonly DateWindow[], fields: readonly F[], nullable: readonly F[] = [],
): (DateWindow & Record<F, number | null>)[] {
  return windows.map((w) => ({
    ...w,
    ...(Object.fromEntries(fields.map((f) => [f, row?.[windowColumn(f, firstIndex(windows, w))] ?? (nullable.includes(f) ? null : 0)])) as Record<F, number | null>),
  }));
}

/**
 * Enquiries received, applications received and approvals made within each
 * window (period counts, as Ofsted counts them), under the filters. The
 * enquiry-date filter is the caller's to leave out: the windows replace it.
 * One pass over `journeys` for all windows, each span counted once.
 */
export const windowCountsMetric: MetricSpec<WindowCountsParams, WindowCounts[]> = {
  name: 'windowCounts',
  what: 'the counts for the period',
  prepare: ({ settings, filters }, facts) => (fromCubes(filters, facts) ? windowCubesSql(settings) : []),
  sql({ settings, filters, windows }, facts): Record<string, SqlFragment | string> {
    if (!windows.length) return {};
    if (fromCubes(filters, facts)) return windowCubeQueries(windows, raw(whereSql(filters)));
    const { application, final } = windowDates(settings);
    const cols = distinctWindows(windows).flatMap(([w, i]) => windowColumns(w, i, application, final));
    return { counts: sql`SELECT ${joinSql(cols)} FROM journeys WHERE ${raw(whereSql(filters))} AND ${anyWithin(windows, [raw('enquiry_date'), application, final])}` };
  },
  shape(rows, { windows }) {
    const row = (rows.counts?.[0] ?? {}) as Record<string, number | null>;
    if (rows.days) {
      // From the cubes: each window's median from its approvals' day counts.
      const days = rows.days as unknown as (DayCount & { w: number })[];
      for (const [, i] of distinctWindows(windows)) row[windowColumn('medianDaysToApproval', i)] = quantileCont(days.filter((d) => d.w === i), 0.5);
    }
    return windowFigures(row, windows, FIELDS, ['medianDaysToApproval']) as WindowCounts[];
  },
};

/** The journeys columns a window counts by: the application stage's date (when shown) and the last stage's. */
function windowDates(settings: FunnelSettings) {
  const stages = visibleStages(settings);
  const application = stages.some((x) => x.id === 'application') ? raw(visibleStageDateColumn('application')) : null;
  return { application, final: raw(visibleStageDateColumn(stages[stages.length - 1].id)) };
}

/** The window cubes (see cube.ts): enquiries, applications and approvals by campaign, source and day; approvals' days to approval by day too. */
export const DATES_CUBE = 'cube_dates';
const APPROVAL_DAYS_CUBE = 'cube_approval_days';

/** Statements writing the window cubes from `journeys` for the settings' visible stages. */
export function windowCubesSql(settings: FunnelSettings): string[] {
  const { application, final } = windowDates(settings);
  const dates: [string, SqlFragment | null][] = [['enquiries', raw('enquiry_date')], ['applications', application], ['approvals', final]];
  const counted = dates.flatMap(([kind, col]) => (col ? [sql`${col} AS ${raw(kind)}`] : []));
  const kinds = dates.flatMap(([kind, col]) => (col ? [kind] : []));
  return [
    `CREATE OR REPLACE TABLE ${DATES_CUBE} AS SELECT campaign, source, kind, day, count(*)::INTEGER AS n
      FROM (UNPIVOT (SELECT campaign, source, ${joinSql(counted).text} FROM journeys) ON ${kinds.join(', ')} INTO NAME kind VALUE day) GROUP BY ALL`,
    `CREATE OR REPLACE TABLE ${APPROVAL_DAYS_CUBE} AS SELECT campaign, source, ${final.text} AS day, ${DAYS_TO_FINAL_COLUMN} AS days, count(*)::INTEGER AS n
      FROM journeys WHERE ${DAYS_TO_FINAL_COLUMN} IS NOT NULL GROUP BY ALL`,
  ];
}

/** SQL: the dates cube's count of a kind (enquiries, applications, approvals) over its rows meeting `condition`; 0 when none. */
export function datesCubeSumSql(kind: string, condition: SqlFragment = raw('TRUE')): SqlFragment {
  return sql`coalesce(sum(n) FILTER (WHERE kind = ${kind} AND ${condition}), 0)::INTEGER`;
}

/** The queries answering windowCountsMetric from the cubes: the counts as one row (as the scan gives it), and each window's approvals by days to approval. */
function windowCubeQueries(windows: readonly DateWindow[], where: SqlFragment): Record<string, SqlFragment> {
  const within = (w: DateWindow) => withinSql(raw('day'), w);
  const sum = (kind: string, w: DateWindow) => datesCubeSumSql(kind, within(w));
  const distinct = distinctWindows(windows);
  const cols = distinct.flatMap(([w, i]) => windowColumnsSql(['enquiries', 'applications', 'approvals'] as const, {
    enquiries: sum('enquiries', w), applications: sum('applications', w), approvals: sum('approvals', w),
  }, i));
  const timed = distinct.map(([w, i]) => sql`coalesce(sum(n) FILTER (WHERE ${within(w)}), 0)::INTEGER AS ${id(windowColumn('approvalsTimed', i))}`);
  const days = distinct.map(([w, i]) =>
    sql`SELECT ${i} AS w, days, sum(n)::INTEGER AS n FROM ${raw(APPROVAL_DAYS_CUBE)} WHERE ${where} AND ${within(w)} GROUP BY days`);
  return {
    counts: sql`SELECT * FROM (SELECT ${joinSql(cols)} FROM ${raw(DATES_CUBE)} WHERE ${where}), (SELECT ${joinSql(timed)} FROM ${raw(APPROVAL_DAYS_CUBE)} WHERE ${where})`,
    days: sql`${joinSql(days, ' UNION ALL ')} ORDER BY w, days`,
  };
}
