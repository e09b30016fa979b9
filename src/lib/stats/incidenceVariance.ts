/**
 * How sure an Aalen-Johansen cumulative incidence is: its delta-method variance,
 * and the "effective number of people" it is worth.
 *
 * Why: a share estimated from 40 people, half of them still open, is worth less
 * than 40 decided cases. The effective number n is the size of a fully decided
 * group that would give the same variance, p(1 - p) / n.
 */

import type { IncidencePoint } from './aalenJohansen';

export interface IncidenceEstimate {
  /** Estimated share approved by the time (the end of follow-up by default). */
  incidence: number;
  /** Its variance (delta method, treating each time's outcomes as multinomial given those at risk). */
  variance: number;
}

/**
 * The cumulative incidence at time t (by default the end of follow-up) with its
 * variance. With every outcome known (no censoring) the variance is exactly
 * p(1 - p) / n, the binomial one.
 *
 * Derivation: F(t) = sum_j S(j-1) h1_j with S(j) = S(j-1)(1 - h1_j - h2_j), where
 * h1, h2 are the approval and leaving hazards at event time j (d / n at risk).
 * dF/dh1_j = S(j-1)(1 - R_j) and dF/dh2_j = -S(j-1) R_j, R_j being the chance of
 * approval later for someone with no outcome by j: (F(t) - F(j)) / S(j). The
 * hazards at one time are multinomial proportions, independent across times.
 */
export function incidenceWithVariance(curve: readonly IncidencePoint[], t = Infinity): IncidenceEstimate {
  const points = curve.filter((p) => p.time <= t);
  if (!points.length) return { incidence: 0, variance: 0 };
  const final = points[points.length - 1].cumulativeIncidence;
  let before = 1;
  let variance = 0;
  for (const p of points) {
    const h1 = p.events / p.atRisk;
    const h2 = p.competingEvents / p.atRisk;
    const later = p.survival > 0 ? (final - p.cumulativeIncidence) / p.survival : 0;
    const a = 1 - later;
    const b = -later;
    // Var(a h1 + b h2) for multinomial proportions from atRisk people.
    const spread = a * a * h1 + b * b * h2 - (a * h1 + b * h2) ** 2;
    variance += (before * before * spread) / p.atRisk;
    before = p.survival;
  }
  return { incidence: final, variance: Math.max(0, variance) };
}

/**
 * The number of fully decided people an estimate is worth: p(1 - p) / variance.
 * When that is undefined (p is 0 or 1, so the variance is 0) it is `fallback`
 * (e.g. the number whose outcome is known). Never more than `cap` (the number
 * of people the estimate was made from).
 */
export function effectiveSize(e: IncidenceEstimate, fallback: number, cap: number): number {
  const p = e.incidence;
  const n = p > 0 && p < 1 && e.variance > 0 ? (p * (1 - p)) / e.variance : fallback;
  return Math.max(0, Math.min(n, cap));
}
