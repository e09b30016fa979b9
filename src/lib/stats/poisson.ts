/**
 * Exact (Garwood) confidence interval for a Poisson count: the range of mean
 * counts under which seeing k events is not surprising at the chosen level.
 * Used where a count of events (approvals) is the denominator of a cost.
 */
import { logGamma } from './logGamma';

/** Regularised lower incomplete gamma P(a, x) for a > 0, x >= 0. */
export function lowerGammaRegularised(a: number, x: number): number {
  if (x <= 0) return 0;
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series: sum x^n / (a (a+1) ... (a+n)).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(logFront));
  }
  // Continued fraction for the upper tail Q(a, x) (modified Lentz), then P = 1 - Q.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(logFront) * h);
}

/** The x at which P(a, x) = p, by bisection (P rises with x). */
function gammaQuantile(a: number, p: number): number {
  let lo = 0;
  let hi = a + 10 + 10 * Math.sqrt(a);
  while (lowerGammaRegularised(a, hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (lowerGammaRegularised(a, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Exact two-sided interval for the mean of a Poisson count k (a whole number
 * >= 0): low solves P(X >= k) = alpha/2, high solves P(X <= k) = alpha/2.
 * For k = 0 the low end is 0. `confidence` defaults to 95%.
 */
export function poissonInterval(k: number, confidence = 0.95): { low: number; high: number } {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`poissonInterval needs a whole count >= 0: ${k}`);
  const alpha = 1 - confidence;
  return {
    low: k === 0 ? 0 : gammaQuantile(k, alpha / 2),
    high: gammaQuantile(k + 1, 1 - alpha / 2),
  };
}
