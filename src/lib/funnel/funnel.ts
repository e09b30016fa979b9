import type { Engine } from '../engine/engine';
import { wilson } from '../stats/wilson';
import { whereSql, type Filters } from './filters';
import { DAYS_TO_FINAL_COL, stepBackwardsCol, stepDaysCol, stepSkippedCol } from './journeys';
import { visibleStages, type FunnelSettings } from './settings';

/** A rate with its sample size and 95% Wilson interval. */
export interface Rate {
  rate: number | null;
  low: number | null;
  high: number | null;
  /** The denominator. */
  n: number;
}

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

/** A rate with its Wilson interval; n is the denominator. */
export function rate(num: number, den: number): Rate {
  const w = wilson(num, den);
  return { rate: w.rate, low: w.low, high: w.high, n: den };
}

/**
 * The funnel under the filters: counts in one grouped query, timings in one
 * more, both over `journeys`; reshaping in TypeScript on a handful of rows.
 */
export async function computeFunnel(engine: Engine, s: FunnelSettings, filters?: Filters): Promise<Funnel> {
  const stages = visibleStages(s);
  const where = whereSql(filters);
  const counts = await engine.query<OutcomeCount>(
    `SELECT furthest, outcome, count(*)::INTEGER AS n FROM journeys WHERE ${where} GROUP BY ALL`,
  );
  // Step days and flags are columns of journeys, so this is plain aggregation (no per-row date arithmetic).
  const quartiles = (col: string) => `quantile_cont(${col}, [0.25, 0.5, 0.75])`;
  const timingParts: string[] = [];
  for (let k = 1; k < stages.length; k++) {
    const id = stages[k].id;
    timingParts.push(
      `${quartiles(stepDaysCol(id))} AS q${k}`,
      `count(${stepDaysCol(id)})::INTEGER AS n${k}`,
      `count(*) FILTER (WHERE ${stepBackwardsCol(id)})::INTEGER AS back${k}`,
      `count(*) FILTER (WHERE ${stepSkippedCol(id)})::INTEGER AS skip${k}`,
    );
  }
  if (stages.length > 1) timingParts.push(`${quartiles(DAYS_TO_FINAL_COL)} AS qall`, `count(${DAYS_TO_FINAL_COL})::INTEGER AS nall`);
  const [t] = timingParts.length
    ? await engine.query<Record<string, unknown>>(`SELECT ${timingParts.join(', ')} FROM journeys WHERE ${where}`)
    : [{}];

  const { steps: counted, total, approved, open, left } = funnelFromCounts(stages, counts);
  const steps = counted.map((st, i) => {
    const q = i > 0 ? (t[`q${i}`] as number[] | null) : null;
    return {
      ...st,
      days: i > 0 ? { q1: q?.[0] ?? null, median: q?.[1] ?? null, q3: q?.[2] ?? null, n: t[`n${i}`] as number } : null,
      backwards: i > 0 ? (t[`back${i}`] as number) : 0,
      skipped: i > 0 ? (t[`skip${i}`] as number) : 0,
    };
  });
  const qall = (t.qall as number[] | null | undefined) ?? null;
  return {
    steps,
    daysToFinal: { q1: qall?.[0] ?? null, median: qall?.[1] ?? null, q3: qall?.[2] ?? null, n: (t.nall as number | undefined) ?? 0 },
    total, approved, open, left,
  };
}

/** Counts of enquiries by furthest stage index and outcome, as SQL returns them. */
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
