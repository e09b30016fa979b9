/**
 * The Cochran-Mantel-Haenszel test: do two groups' rates differ once each is
 * compared only with the other inside the same stratum (a hub's service)?
 * A gap that comes from the groups being spread differently over strata with
 * different rates (one service recording a field and losing people for its
 * own reasons) is not a gap within any stratum, and this test does not see it.
 */
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
}

/**
 * Two-sided CMH test with the continuity correction: (|Σ(a − E a)| − ½)² / Σ Var a,
 * against chi-squared on one degree of freedom. E and Var are the hypergeometric
 * mean and variance of A's successes given each stratum's margins. A stratum
 * where either group is empty, or everyone or no one succeeded, adds nothing.
 */
export function cmhTest(strata: readonly Stratum[]): CmhResult {
  let excess = 0;
  let variance = 0;
  for (const s of strata) {
    const n = s.aN + s.bN;
    const t = s.aSuccess + s.bSuccess;
    if (s.aN === 0 || s.bN === 0 || t === 0 || t === n) continue;
    excess += s.aSuccess - (s.aN * t) / n;
    variance += (s.aN * s.bN * t * (n - t)) / (n * n * (n - 1));
  }
  if (!(variance > 0)) return { pValue: null, excess, variance };
  const corrected = Math.max(0, Math.abs(excess) - 0.5);
  const statistic = (corrected * corrected) / variance;
  // Chi-squared with one degree of freedom: P(X > x) = Q(1/2, x/2).
  return { pValue: Math.min(1, Math.max(0, 1 - lowerGammaRegularised(0.5, statistic / 2))), excess, variance };
}
