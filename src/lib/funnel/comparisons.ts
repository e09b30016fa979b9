import { cmhTest } from '../stats/cmh';
import { compareRates, tooFewToTell, type RateComparison, type RateVerdict } from '../stats/fisher';
import { classifyFunnel, funnelLimits, type FunnelClass } from '../stats/funnelPlot';
import { holmAdjust } from '../stats/holm';
import { rate, type Rate } from '../stats/rate';
import { MIN_N_TO_COMPARE, SIGNIFICANCE_LEVEL } from '../thresholds';
import type { GroupFunnel } from './breakdowns';

/** One step's comparison between two groups (or a group and everyone else). */
export interface StepComparison extends RateComparison {
  /** The stage reached at the end of the step. */
  stage: string;
  a: Rate & { successes: number };
  b: Rate & { successes: number };
  /** Compared within strata (compareFunnelsWithin): what the verdict rests on. */
  within?: WithinStrata;
}

/**
 * What a step's rate is out of: 'reached' (everyone who reached the step, the
 * funnel's conversion) or 'decided' (those who went on or left there; enquiries
 * still open at the step are left out, so a group with more recent cases is not
 * made to look as if it lost them). Decided removes most of that, not all:
 * people who leave tend to do so sooner than others go on, so among very
 * recent cases the decided ones lean towards leavers (in a simulation, a
 * service with six months of enquiries beside two with four years was named
 * behind in 10% of loads with no real difference, against the 5% intended;
 * with a year of enquiries, 2%).
 */
export type StepBasis = 'reached' | 'decided';

export interface CompareFunnelOptions {
  alpha?: number;
  minN?: number;
  basis?: StepBasis;
}

function stepCounts(f: Pick<GroupFunnel, 'steps'>, i: number, basis: StepBasis) {
  const successes = f.steps[i].reached;
  return { successes, n: basis === 'decided' ? successes + f.steps[i - 1].left : f.steps[i - 1].reached };
}

function withInterval(successes: number, n: number) {
  return { ...rate(successes, n), successes };
}

/** Per step, group A against group B with Fisher's exact test ("too few to tell" where counts are small). */
export function compareFunnels(a: Pick<GroupFunnel, 'steps'>, b: Pick<GroupFunnel, 'steps'>, opts: CompareFunnelOptions = {}): StepComparison[] {
  const basis = opts.basis ?? 'reached';
  const out: StepComparison[] = [];
  for (let i = 1; i < a.steps.length; i++) {
    const x = stepCounts(a, i, basis);
    const y = stepCounts(b, i, basis);
    out.push({
      stage: a.steps[i].id,
      ...compareRates(x.successes, x.n, y.successes, y.n, opts),
      a: withInterval(x.successes, x.n),
      b: withInterval(y.successes, y.n),
    });
  }
  return out;
}

/**
 * A step comparison after allowing for the others made with it. `verdict` is
 * the adjusted one: 'lower' or 'higher' only when the Holm-adjusted p-value is
 * below SIGNIFICANCE_LEVEL.
 */
export interface AdjustedComparison extends StepComparison {
  /** Holm-adjusted p-value within the family (null when no test could be made). */
  adjustedP: number | null;
  /** Lower at p < alpha before adjustment but not after: worth watching, not conclusive. */
  watch: boolean;
}

/**
 * Holm's adjustment across a family of step comparisons (rows flattened in
 * order): each comes back with its adjusted p-value and adjusted verdict.
 */
export function adjustFamily(family: readonly StepComparison[][], alpha = SIGNIFICANCE_LEVEL): { steps: AdjustedComparison[][]; comparisons: number } {
  const adjusted = holmAdjust(family.flat().map((c) => c.pValue));
  let k = 0;
  const steps = family.map((row) => row.map((c) => withAdjustedP(c, adjusted[k++], alpha)));
  return { steps, comparisons: adjusted.filter((p) => p !== null).length };
}

/** A comparison with its adjusted p-value, its verdict the adjusted one (see AdjustedComparison). */
export function withAdjustedP(c: StepComparison, adjustedP: number | null, alpha = SIGNIFICANCE_LEVEL): AdjustedComparison {
  const raw = c.verdict === 'lower' || c.verdict === 'higher';
  const holds = raw && adjustedP !== null && adjustedP < alpha;
  return { ...c, adjustedP, verdict: holds || !raw ? c.verdict : 'no clear difference', watch: raw && !holds && c.verdict === 'lower' };
}

/** Group A against group B at every step, adjusted for the number of steps compared (Holm). */
export function compareFunnelsAdjusted(a: Pick<GroupFunnel, 'steps'>, b: Pick<GroupFunnel, 'steps'>, opts: CompareFunnelOptions = {}): AdjustedComparison[] {
  return adjustFamily([compareFunnels(a, b, opts)], opts.alpha).steps[0];
}

/**
 * Groups added up, step by step: a pooled set (e.g. several ethnic groups) as
 * one funnel. `template` gives the stages when `groups` may be empty.
 */
export function poolOf(groups: readonly Pick<GroupFunnel, 'steps'>[], template = groups[0]): Pick<GroupFunnel, 'steps'> {
  return {
    steps: template.steps.map((st, i) => ({
      ...st,
      reached: groups.reduce((acc, g) => acc + g.steps[i].reached, 0),
      left: groups.reduce((acc, g) => acc + g.steps[i].left, 0),
      open: groups.reduce((acc, g) => acc + g.steps[i].open, 0),
    })),
  };
}

/** Everyone in `groups` except one, added up: the "rest" to compare a group with. */
export function restOf(groups: readonly GroupFunnel[], except: string): Pick<GroupFunnel, 'steps'> {
  return poolOf(groups.filter((g) => g.group !== except), groups[0]);
}

/** Each group against the rest, per step. */
export function groupVsRest(groups: readonly GroupFunnel[], opts?: CompareFunnelOptions): { group: string; steps: StepComparison[] }[] {
  return groups.map((g) => ({ group: g.group, steps: compareFunnels(g, restOf(groups, g.group), opts) }));
}

/** Group A and group B within one stratum (e.g. one service of a hub). */
export interface StratumPair {
  a: Pick<GroupFunnel, 'steps'>;
  b: Pick<GroupFunnel, 'steps'>;
}

/**
 * What a comparison within strata rests on: group A's successes in the strata
 * where both groups are (`observed`, of `n`), and how many the other group's
 * own rates in the same strata would give it (`expected`, Σ n·rate of B; the
 * test's expectation, at the strata's pooled rates, sits between the two). The rates of all strata
 * together can point the other way (a group mostly in a service that converts
 * well can be ahead overall and behind within each service), so a verdict made
 * within strata is told with these.
 */
export interface WithinStrata {
  observed: number;
  expected: number;
  n: number;
}

/**
 * Per step, group A against group B compared within each stratum (the
 * Cochran-Mantel-Haenszel test, so a difference that comes from how the two
 * are spread over the strata is not counted), their rates and intervals those
 * of all strata together, and `within` what the test rests on. "Too few to
 * tell" by compareFunnels' rule applied to the strata that can tell (both
 * groups present): a group mostly where the other is not rests on the few
 * people it has where the other is; and when no stratum can tell. Otherwise
 * 'lower' or 'higher' as A's successes fall below or above what equal rates
 * within each stratum would give, when p < alpha.
 */
export function compareFunnelsWithin(strata: readonly StratumPair[], opts: CompareFunnelOptions = {}): StepComparison[] {
  const alpha = opts.alpha ?? SIGNIFICANCE_LEVEL;
  const basis = opts.basis ?? 'reached';
  const a = poolOf(strata.map((s) => s.a));
  const b = poolOf(strata.map((s) => s.b));
  const out: StepComparison[] = [];
  for (let i = 1; i < a.steps.length; i++) {
    const x = stepCounts(a, i, basis);
    const y = stepCounts(b, i, basis);
    const test = cmhTest(strata.map((s) => {
      const sx = stepCounts(s.a, i, basis);
      const sy = stepCounts(s.b, i, basis);
      return { aSuccess: sx.successes, aN: sx.n, bSuccess: sy.successes, bN: sy.n };
    }));
    const told = test.informative;
    const rateA = x.n > 0 ? x.successes / x.n : null;
    const rateB = y.n > 0 ? y.successes / y.n : null;
    // Too few: no test, too few people where both sides are, or (the exact test) no split of their successes could reach alpha.
    const verdict: RateVerdict = test.pValue === null || tooFewToTell(told.aN, told.bN, told.aSuccess + told.bSuccess, opts)
      || (test.smallestP !== null && !(test.smallestP < alpha)) ? 'too few to tell'
      : test.pValue < alpha ? (test.excess < 0 ? 'lower' : 'higher')
      : 'no clear difference';
    out.push({
      stage: a.steps[i].id,
      rateA,
      rateB,
      difference: rateA !== null && rateB !== null ? rateA - rateB : null,
      pValue: test.pValue,
      verdict,
      a: withInterval(x.successes, x.n),
      b: withInterval(y.successes, y.n),
      within: { observed: told.aSuccess, expected: test.atOthersRates, n: told.aN },
    });
  }
  return out;
}

/** Each group against the rest, per step, compared within each stratum (`strata`: the same groups' funnels in each). */
export function groupVsRestWithin(groups: readonly GroupFunnel[], strata: readonly (readonly GroupFunnel[])[], opts?: CompareFunnelOptions): { group: string; steps: StepComparison[] }[] {
  const empty = poolOf([], groups[0]);
  return groups.map((g) => ({
    group: g.group,
    steps: compareFunnelsWithin(strata.map((s) => ({
      a: s.find((x) => x.group === g.group) ?? empty,
      b: poolOf(s.filter((x) => x.group !== g.group), groups[0]),
    })), opts),
  }));
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
 * rate, and 95% / 99.8% limits for a range of n. On the 'decided' basis, n is
 * those who reached `toIdx` or left on the way there: enquiries still open
 * short of it are left out, so a group with more recent enquiries is not
 * plotted as if it had lost them.
 */
export function funnelPlotData(groups: readonly GroupFunnel[], fromIdx: number, toIdx: number, basis: StepBasis = 'reached') {
  return funnelPlotFromCounts(groups.map((g) => {
    const successes = g.steps[toIdx].reached;
    let left = 0;
    for (let k = fromIdx; k < toIdx; k++) left += g.steps[k].left;
    return { group: g.group, n: basis === 'decided' ? successes + left : g.steps[fromIdx].reached, successes };
  }));
}

/**
 * Funnel-plot data from each group's count of successes out of n (e.g.
 * published figures), around `overall` when given (published totals, where
 * some groups' counts are withheld), else the groups' pooled rate.
 */
export function funnelPlotFromCounts(groups: readonly { group: string; successes: number; n: number }[], overallRate?: number) {
  const points: FunnelPlotPoint[] = groups.map(({ group, successes, n }) => {
    const rate = n ? successes / n : null;
    return { group, successes, n, rate, class: null as FunnelClass | null };
  });
  const totalN = points.reduce((a, p) => a + p.n, 0);
  const overall = overallRate ?? (totalN ? points.reduce((a, p) => a + p.successes, 0) / totalN : 0);
  for (const p of points) p.class = p.rate === null ? null : classifyFunnel(p.rate, p.n, overall);
  // Exact limits from the smallest size judged to a little past the largest group, spaced
  // on a log scale where they bend most; groups under MIN_N_TO_COMPARE are not judged, so no curve.
  const maxN = Math.max(MIN_N_TO_COMPARE, ...points.map((p) => p.n));
  const limits = funnelLimits(overall, MIN_N_TO_COMPARE, Math.round(maxN * 1.05), 80);
  return { overall, points, limits };
}
