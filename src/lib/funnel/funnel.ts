import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { ident, type SqlFragment } from '../engine/sql';
import { rate, type Rate } from '../stats/rate';
import { whereSql, type Filters } from './filters';
import { DAYS_TO_FINAL_COLUMN, stepBackwardsColumn, stepDaysColumn, stepSkippedColumn } from '../schema';
import { visibleStages, type FunnelSettings } from './settings';
import { backColumn, countedFrom, COUNTS_CUBE, cubesSql, fromCubes, DAYS_CUBE, quantileCont, skipColumn, stepName, type DayCount } from './cube';

/** One row of the funnel: a stage and what became of those who reached it. */
export interface FunnelStep {
  id: string;
  name: string;
  /** Furthest stage is this one or later. */
  reached: number;
  /** Left with this as their furthest stage. */
  left: number;
  /** Still open with this as their furthest stage. */
  open: number;
  /** reached / reached at the previous stage. */
  conversion: Rate | null;
  /** reached / (reached + left at the previous stage): among those whose step is decided. */
  decidedConversion: Rate | null;
  /** Days from the previous stage's date, where both are recorded and in order. */
  days: { median: number | null; q1: number | null; q3: number | null; n: number } | null;
  /** Intervals that ran backwards (left out of timings). */
  backwards: number;
  /** Enquiries with no date here but a later stage dated. */
  skipped: number;
}

export interface Funnel {
  steps: FunnelStep[];
  /** Days from the first stage to the final one, for those who reached it with both dated. */
  daysToFinal: { median: number | null; q1: number | null; q3: number | null; n: number };
  total: number;
  approved: number;
  open: number;
  left: number;
}

/** Day quartiles of a step column: the list [q1, median, q3]. */
const quartilesSql = (col: string) => `quantile_cont(${col}, [0.25, 0.5, 0.75])`;

/** The timing columns for each step after the first, with named results (q_ID, n_ID, back_ID, skip_ID). */
function timingSql(s: FunnelSettings, filters: Filters | undefined): string | null {
  const stages = visibleStages(s);
  if (stages.length < 2) return null;
  const parts = stages.slice(1).flatMap(({ id }) => [
    `${quartilesSql(stepDaysColumn(id))} AS ${ident('q_' + id)}`,
    `count(${stepDaysColumn(id)})::INTEGER AS ${ident('n_' + id)}`,
    `count(*) FILTER (WHERE ${stepBackwardsColumn(id)})::INTEGER AS ${backColumn(id)}`,
    `count(*) FILTER (WHERE ${stepSkippedColumn(id)})::INTEGER AS ${skipColumn(id)}`,
  ]);
  parts.push(`${quartilesSql(DAYS_TO_FINAL_COLUMN)} AS q_all`, `count(${DAYS_TO_FINAL_COLUMN})::INTEGER AS n_all`);
  return `SELECT ${parts.join(', ')} FROM journeys WHERE ${whereSql(filters)}`;
}

const days = (q: number[] | null | undefined, n: number) => ({ q1: q?.[0] ?? null, median: q?.[1] ?? null, q3: q?.[2] ?? null, n });

/** The timing row timingSql gives (q_ID, n_ID, back_ID, skip_ID, q_all, n_all), from the cubes' day counts and flags instead. */
function timingFromCube(s: FunnelSettings, histogram: readonly (DayCount & { step: string })[], flags: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...flags };
  for (const [i, id] of ['all', ...visibleStages(s).slice(1).map((st) => st.id)].entries()) {
    const h = histogram.filter((r) => r.step === stepName(i));
    out['n_' + id] = h.reduce((a, r) => a + r.n, 0);
    out['q_' + id] = h.length ? [0.25, 0.5, 0.75].map((q) => quantileCont(h, q)) : null;
  }
  return out;
}

/**
 * The funnel under the filters: counts in one grouped query, timings in one
 * more, both over `journeys` (step days and flags are its columns, so this is
 * plain aggregation), or over the summaries of cube.ts under a campaign or
 * source filter once they are written; reshaping in TypeScript on a handful of rows.
 */
export const funnelMetric: MetricSpec<MetricParams, Funnel> = {
  name: 'funnel',
  what: 'the funnel',
  prepare: ({ settings, filters }, facts) => (fromCubes(filters, facts) ? cubesSql(settings) : []),
  sql({ settings, filters }, facts): Record<string, SqlFragment | string> {
    const where = whereSql(filters);
    const cubes = fromCubes(filters, facts);
    const { from, n } = countedFrom(cubes);
    const counts = `SELECT furthest, outcome, ${n.text}::INTEGER AS n FROM ${from.text} WHERE ${where} GROUP BY ALL`;
    if (cubes) {
      const steps = visibleStages(settings).slice(1).map((st) => st.id);
      if (!steps.length) return { counts };
      const flags = steps.flatMap((id) => [
        `coalesce(sum(${backColumn(id)}), 0)::INTEGER AS ${backColumn(id)}`,
        `coalesce(sum(${skipColumn(id)}), 0)::INTEGER AS ${skipColumn(id)}`,
      ]);
      return {
        counts,
        flags: `SELECT ${flags.join(', ')} FROM ${COUNTS_CUBE} WHERE ${where}`,
        days: `SELECT step, days, sum(n)::INTEGER AS n FROM ${DAYS_CUBE} WHERE ${where} GROUP BY ALL ORDER BY step, days`,
      };
    }
    const timing = timingSql(settings, filters);
    return timing ? { counts, timing } : { counts };
  },
  shape(rows, { settings }) {
    const t = rows.days
      ? timingFromCube(settings, rows.days as unknown as (DayCount & { step: string })[], rows.flags?.[0] ?? {})
      : ((rows.timing?.[0] ?? {}) as Record<string, unknown>);
    const { steps: counted, total, approved, open, left } = funnelFromCounts(visibleStages(settings), rows.counts as unknown as OutcomeCount[]);
    const steps = counted.map((st, i) => ({
      ...st,
      days: i > 0 ? days(t['q_' + st.id] as number[] | null, t['n_' + st.id] as number) : null,
      backwards: i > 0 ? (t['back_' + st.id] as number) : 0,
      skipped: i > 0 ? (t['skip_' + st.id] as number) : 0,
    }));
    return { steps, daysToFinal: days(t.q_all as number[] | null | undefined, (t.n_all as number | undefined) ?? 0), total, approved, open, left };
  },
};

export interface OutcomeCount {
  furthest: number;
  outcome: string;
  n: number;
}

/** Counts and rates of a funnel from counts by furthest stage and outcome (no timings). */
export function funnelFromCounts(
  stages: readonly { id: string; name: string }[],
  counts: readonly OutcomeCount[],
): Omit<Funnel, 'daysToFinal' | 'steps'> & { steps: Omit<FunnelStep, 'days' | 'backwards' | 'skipped'>[] } {
  const k = stages.length;
  const left = new Array<number>(k).fill(0);
  const open = new Array<number>(k).fill(0);
  const at = new Array<number>(k).fill(0);
  for (const r of counts) {
    at[r.furthest] += r.n;
    if (r.outcome === 'left') left[r.furthest] += r.n;
    else if (r.outcome === 'open') open[r.furthest] += r.n;
  }
  const reached = new Array<number>(k).fill(0);
  for (let i = k - 1, acc = 0; i >= 0; i--) reached[i] = acc += at[i];
  const steps = stages.map((st, i) => ({
    id: st.id, name: st.name, reached: reached[i], left: left[i], open: open[i],
    conversion: i > 0 ? rate(reached[i], reached[i - 1]) : null,
    decidedConversion: i > 0 ? rate(reached[i], reached[i] + left[i - 1]) : null,
  }));
  return {
    steps,
    total: reached[0] ?? 0,
    approved: k ? reached[k - 1] : 0,
    open: open.reduce((a, b) => a + b, 0),
    left: left.reduce((a, b) => a + b, 0),
  };
}
