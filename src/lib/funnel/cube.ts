import type { DatasetFacts } from '../coordinator/metric';
import { ident, raw, type SqlFragment } from '../engine/sql';
import { DAYS_TO_FINAL_COLUMN, stepBackwardsColumn, stepDaysColumn, stepSkippedColumn } from '../schema';
import type { Filters } from './filters';
import { visibleStages, type FunnelSettings } from './settings';

/**
 * Pre-aggregates of `journeys` by campaign and source, for the figures every
 * filter change or view switch asks for again: the funnel's counts and step
 * timings here, the timeliness counts in timing.ts, the window and period
 * counts in windowCounts.ts and cohorts.ts, the campaigns table and funnels
 * by campaign or source in campaigns.ts and breakdowns.ts. A filter on
 * campaigns or sources, or none, is answered from them, a sum over a few
 * thousand rows instead of a scan of every enquiry (the funnel at a million
 * enquiries: 20-75 ms against 190-270 under a filter; 23-32 ms against
 * 260-460 with none, in Node). They are written by `prepare` statements, so
 * once per `journeys` (the coordinator runs a statement once until
 * `journeys` changes), ahead of need: for big data whenever `journeys` is
 * built (a load's last step, or after new stage settings), before anything
 * is answered from it, for smaller data straight after the first draw
 * (cubesMetric in filterCubes.ts, summariseFirst in viewRequests.ts); a
 * request before they are written scans (fromCubes). Day timings are kept
 * as counts by day, so quartiles and medians stay exact (quantileCont).
 */

/** True when the filters choose nothing the cubes don't keep (dates, attributes): campaigns, sources, or nothing at all. */
export function cubeAnswers(filters: Filters | undefined): boolean {
  return !(filters?.from || filters?.to || Object.values(filters?.attributes ?? {}).some((v) => v.length));
}

/** Where enquiries are counted from, and how: the counts cube's sums, or a count of the rows of `journeys`. */
export function countedFrom(cubes: boolean): { from: SqlFragment; n: SqlFragment } {
  return cubes ? { from: raw(COUNTS_CUBE), n: raw('sum(n)') } : { from: raw('journeys'), n: raw('count(*)') };
}

/** The name of the spec writing the cubes (filterCubes.ts), for `DatasetFacts.ready`. */
export const CUBES = 'cubes';

/**
 * True when a metric answers from the cubes: the filters allow it and the
 * cubes are written. Until they are (small data just loaded, or when they
 * could not be written with `journeys`), a filter scans as it did without
 * them rather than wait for all of them to be written (a second or two at a
 * million enquiries).
 */
export function fromCubes(filters: Filters | undefined, facts: Pick<DatasetFacts, 'ready'>): boolean {
  return cubeAnswers(filters) && (facts.ready?.(CUBES) ?? true);
}

/**
 * True when figures grouped by `column` answer from the cubes: fromCubes, and
 * the cubes keep the column ("campaign" or "source", not an attribute such as the service).
 */
export function groupFromCubes(column: string, filters: Filters | undefined, facts: Pick<DatasetFacts, 'ready'>): boolean {
  return (column === 'campaign' || column === 'source') && fromCubes(filters, facts);
}

/** The counts cube: enquiries by campaign, source, furthest stage and outcome, with each step's backwards and skipped counts. */
export const COUNTS_CUBE = 'cube_counts';
/** The timings cube: by campaign, source and step (see stepName), how many took each number of days. */
export const DAYS_CUBE = 'cube_days';

/** The days cube's name of the step into visible stage `i` (0: from the first stage to the last). */
export const stepName = (i: number) => `step_${i}`;

/** Names of the counts cube's columns for a step's backwards and skipped counts. */
export const backColumn = (stageId: string) => ident('back_' + stageId);
export const skipColumn = (stageId: string) => ident('skip_' + stageId);

/** SQL (statements) writing the funnel's cubes from `journeys` for the settings' visible stages (timing.ts writes the timeliness one). */
export function cubesSql(s: FunnelSettings): string[] {
  const steps = visibleStages(s).slice(1).map((st) => st.id);
  const flags = steps.flatMap((id) => [
    `count(*) FILTER (WHERE ${stepBackwardsColumn(id)})::INTEGER AS ${backColumn(id)}`,
    `count(*) FILTER (WHERE ${stepSkippedColumn(id)})::INTEGER AS ${skipColumn(id)}`,
  ]);
  // Named by position, which no stage id can clash with: step i (into visible stage i), 0 for first stage to last.
  const days = [[DAYS_TO_FINAL_COLUMN, stepName(0)], ...steps.map((id, i) => [stepDaysColumn(id), stepName(i + 1)])];
  // One scan: each enquiry's step days turned into rows (UNPIVOT leaves out the NULLs), then counted.
  const unpivoted = `UNPIVOT (SELECT campaign, source, ${days.map(([col, id]) => `${col} AS ${ident(id)}`).join(', ')} FROM journeys)
      ON ${days.map(([, id]) => ident(id)).join(', ')} INTO NAME step VALUE days`;
  return [
    `CREATE OR REPLACE TABLE ${COUNTS_CUBE} AS SELECT campaign, source, furthest, outcome, count(*)::INTEGER AS n${flags.length ? ', ' + flags.join(', ') : ''}
      FROM journeys GROUP BY ALL`,
    `CREATE OR REPLACE TABLE ${DAYS_CUBE} AS SELECT campaign, source, step, days, count(*)::INTEGER AS n FROM (${unpivoted}) GROUP BY ALL`,
  ];
}

/** Days and how many took them, in order of days. */
export interface DayCount {
  days: number;
  n: number;
}

/**
 * The q-quantile of the values a histogram counts, interpolated as DuckDB's
 * quantile_cont interpolates (position q x (n - 1) among the sorted values,
 * between the two values either side); null when it counts nothing.
 */
export function quantileCont(histogram: readonly DayCount[], q: number): number | null {
  const total = histogram.reduce((a, h) => a + h.n, 0);
  if (!total) return null;
  const position = q * (total - 1);
  const [lo, hi] = [Math.floor(position), Math.ceil(position)];
  const at = (rank: number) => {
    let seen = 0;
    for (const h of histogram) {
      seen += h.n;
      if (rank < seen) return h.days;
    }
    return histogram[histogram.length - 1].days;
  };
  const low = at(lo);
  if (lo === hi) return low;
  // Weighted as DuckDB weighs the two values, so the result is the same double to the last bit.
  const d = position - lo;
  return low * (1 - d) + at(hi) * d;
}
