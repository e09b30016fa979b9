/**
 * The Cochran-Mantel-Haenszel test: do two groups' rates differ once each is
 * compared only with the other inside the same stratum (a hub's service)?
 * A gap that comes from the groups being spread differently over strata with
 * different rates (one service recording a field and losing people for its
 * own reasons) is not a gap within any stratum, and this test does not see it.
 */
import { logWeights, RELATIVE_TOLERANCE } from './fisher';
import { lowerGammaRegularised } from './poisson';

/** One stratum's 2×2 table: group A's successes of aN, group B's of bN. */
export interface Stratum {
  aSuccess: number;
  aN: number;
  bSuccess: number;
  bN: number;
}

/** The test's result: the two-sided p-value (null when no stratum can tell), and A's successes above (+) or below (−) what equal rates would give. */
export interface CmhResult {
  pValue: number | null;
  /** Σ (A's successes − their expectation under equal rates within each stratum). */
  excess: number;
  /** Σ of those successes' hypergeometric variances. */
  variance: number;
  /**
   * The strata that can tell (both groups present, and neither everyone nor no
   * one succeeded), added up: the people the test rests on, which may be far
   * fewer than the groups' totals when a group is mostly where the other is not.
   */
  informative: { aSuccess: number; aN: number; bSuccess: number; bN: number };
  /** A's successes in those strata had it converted at B's rate in each: Σ aN · bSuccess / bN (what "B's rates would give A"). */
  atOthersRates: number;
  /** Whether the p-value is the exact conditional one (small counts) rather than chi-squared's. */
  exact: boolean;
  /** With the exact test, the smallest p-value any split of these strata's successes could give (the most lopsided); else null. */
  smallestP: number | null;
}

/**
 * Most values A's successes can take, summed over the strata, for which the
 * exact test is used. Below it the chi-squared approximation is at its worst
 * (a few people in a stratum: 8× too many calls at the small p-values Holm
 * asks of a family of a hundred comparisons) and weighing every total is cheap
 * (at most this squared, 90,000 steps); above it the approximation holds.
 */
const EXACT_SUPPORT_LIMIT = 300;

/** A's successes in one stratum given its margins: the hypergeometric weights (Fisher's, relative to the likeliest) from `low`. */
function hypergeometric(s: Stratum): { low: number; weights: number[] } {
  const { low, logs } = logWeights(s.aN, s.bN, s.aSuccess + s.bSuccess);
  const top = Math.max(...logs);
  return { low, weights: logs.map((l) => Math.exp(l - top)) };
}

/**
 * The exact conditional test (as R's mantelhaen.test with exact = TRUE): the
 * distribution of A's total successes given every stratum's margins, the
 * strata's hypergeometric distributions convolved; two-sided, the totals at
 * most as likely as the one observed.
 */
function exactTest(strata: readonly Stratum[], observed: number): { pValue: number; smallest: number } {
  let low = 0;
  let dist = [1];
  for (const s of strata) {
    const h = hypergeometric(s);
    const next = new Array<number>(dist.length + h.weights.length - 1).fill(0);
    for (let i = 0; i < dist.length; i++) for (let j = 0; j < h.weights.length; j++) next[i + j] += dist[i] * h.weights[j];
    const total = next.reduce((a, b) => a + b, 0);
    dist = next.map((w) => w / total);
    low += h.low;
  }
  // Fisher's tolerance keeps totals as likely as the observed one, but for rounding, in the tail.
  const pAt = (at: number) => Math.min(1, dist.reduce((acc, w) => (w <= at * (1 + RELATIVE_TOLERANCE) ? acc + w : acc), 0));
  return { pValue: pAt(dist[observed - low]), smallest: Math.min(pAt(dist[0]), pAt(dist[dist.length - 1])) };
}

/**
 * Two-sided CMH test. With the continuity correction, (|Σ(a − E a)| − ½)² / Σ Var a
 * against chi-squared on one degree of freedom, E and Var the hypergeometric
 * mean and variance of A's successes given each stratum's margins; where the
 * strata that can tell hold few people (EXACT_SUPPORT_LIMIT), the exact
 * conditional test instead. A stratum where either group is empty, or
 * everyone or no one succeeded, adds nothing.
 */
export function cmhTest(strata: readonly Stratum[]): CmhResult {
  let excess = 0;
  let variance = 0;
  let support = 0;
  let atOthersRates = 0;
  const telling: Stratum[] = [];
  const informative = { aSuccess: 0, aN: 0, bSuccess: 0, bN: 0 };
  for (const s of strata) {
    const n = s.aN + s.bN;
    const t = s.aSuccess + s.bSuccess;
    if (s.aN === 0 || s.bN === 0 || t === 0 || t === n) continue;
    telling.push(s);
    excess += s.aSuccess - (s.aN * t) / n;
    variance += (s.aN * s.bN * t * (n - t)) / (n * n * (n - 1));
    support += Math.min(s.aN, t) - Math.max(0, t - s.bN);
    informative.aSuccess += s.aSuccess;
    informative.aN += s.aN;
    informative.bSuccess += s.bSuccess;
    informative.bN += s.bN;
    atOthersRates += (s.aN * s.bSuccess) / s.bN;
  }
  if (!(variance > 0)) return { pValue: null, excess, variance, informative, atOthersRates, exact: false, smallestP: null };
  if (support <= EXACT_SUPPORT_LIMIT) {
    const { pValue, smallest } = exactTest(telling, informative.aSuccess);
    return { pValue, excess, variance, informative, atOthersRates, exact: true, smallestP: smallest };
  }
  const corrected = Math.max(0, Math.abs(excess) - 0.5);
  const statistic = (corrected * corrected) / variance;
  // Chi-squared with one degree of freedom: P(X > x) = Q(1/2, x/2).
  return { pValue: Math.min(1, Math.max(0, 1 - lowerGammaRegularised(0.5, statistic / 2))), excess, variance, informative, atOthersRates, exact: false, smallestP: null };
}
