import { compareRates, type RateComparison } from '../stats/fisher';
import { classifyFunnel, controlLimits, type FunnelClass } from '../stats/funnelPlot';
import { wilson } from '../stats/wilson';
import type { GroupFunnel } from './breakdowns';
import type { Rate } from './funnel';

/** One step's comparison between two groups (or a group and everyone else). */
export interface StepComparison extends RateComparison {
  /** The stage reached at the end of the step. */
  stage: string;
  a: Rate & { successes: number };
  b: Rate & { successes: number };
}

function stepCounts(f: Pick<GroupFunnel, 'steps'>, i: number) {
  return { successes: f.steps[i].reached, n: f.steps[i - 1].reached };
}

function withInterval(successes: number, n: number) {
  const w = wilson(successes, n);
  return { rate: w.rate, low: w.low, high: w.high, n, successes };
}

/** Per step, group A against group B with Fisher's exact test ("too few to tell" where counts are small). */
export function compareFunnels(a: Pick<GroupFunnel, 'steps'>, b: Pick<GroupFunnel, 'steps'>, opts?: { alpha?: number; minN?: number }): StepComparison[] {
  const out: StepComparison[] = [];
  for (let i = 1; i < a.steps.length; i++) {
    const x = stepCounts(a, i);
    const y = stepCounts(b, i);
    out.push({
      stage: a.steps[i].id,
      ...compareRates(x.successes, x.n, y.successes, y.n, opts),
      a: withInterval(x.successes, x.n),
      b: withInterval(y.successes, y.n),
    });
  }
  return out;
}

/** Everyone in `groups` except one, added up: the "rest" to compare a group with. */
export function restOf(groups: readonly GroupFunnel[], except: string): Pick<GroupFunnel, 'steps'> {
  const others = groups.filter((g) => g.group !== except);
  const template = groups[0];
  return {
    steps: template.steps.map((st, i) => ({
      ...st,
      reached: others.reduce((acc, g) => acc + g.steps[i].reached, 0),
      left: others.reduce((acc, g) => acc + g.steps[i].left, 0),
      open: others.reduce((acc, g) => acc + g.steps[i].open, 0),
    })),
  };
}

/** Each group against the rest, per step. */
export function groupVsRest(groups: readonly GroupFunnel[], opts?: { alpha?: number; minN?: number }): { group: string; steps: StepComparison[] }[] {
  return groups.map((g) => ({ group: g.group, steps: compareFunnels(g, restOf(groups, g.group), opts) }));
}

/** A point on a funnel plot: a group's rate and size against limits around the overall rate. */
export interface FunnelPlotPoint {
  group: string;
  successes: number;
  n: number;
  rate: number | null;
  class: FunnelClass | null;
}

/**
 * Funnel-plot data for comparing many campaigns or teams on one step (from
 * stage index `fromIdx` to `toIdx`): each group's rate and n, the overall
 * rate, and 95% / 99.8% limits for a range of n.
 */
export function funnelPlotData(groups: readonly GroupFunnel[], fromIdx: number, toIdx: number) {
  return funnelPlotFromCounts(groups.map((g) => ({ group: g.group, n: g.steps[fromIdx].reached, successes: g.steps[toIdx].reached })));
}

/** Funnel-plot data from each group's count of successes out of n (e.g. published figures). */
export function funnelPlotFromCounts(groups: readonly { group: string; successes: number; n: number }[]) {
  const points: FunnelPlotPoint[] = groups.map(({ group, successes, n }) => {
    const rate = n ? successes / n : null;
    return { group, successes, n, rate, class: null as FunnelClass | null };
  });
  const totalN = points.reduce((a, p) => a + p.n, 0);
  const overall = totalN ? points.reduce((a, p) => a + p.successes, 0) / totalN : 0;
  for (const p of points) p.class = p.rate === null ? null : classifyFunnel(p.rate, p.n, overall);
  const maxN = Math.max(10, ...points.map((p) => p.n));
  const limits = Array.from({ length: 60 }, (_, i) => controlLimits(overall, Math.max(1, Math.round(((i + 1) / 60) * maxN * 1.05))));
  return { overall, points, limits };
}
