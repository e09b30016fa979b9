import { binomialTails } from './binomial';
import { logGamma } from './logGamma';

/**
 * The Clopper-Pearson ("exact") confidence interval for a proportion: the rates that
 * an exact binomial test at that level would not reject. Conservative (coverage at
 * least the level), which is what an interval built on it, such as the ratio of two
 * counts in countChange, needs to be trusted with small numbers. Same as R's
 * binom.test(x, n)$conf.int.
 */

/**
 * The p in (0, 1) where an increasing `f` crosses zero, to full precision: Newton's
 * method from `start`, with `slope` its derivative, kept inside a bracket that every
 * evaluation narrows, and a bisection step wherever Newton's would leave it. An exact
 * binomial tail costs a pass over thousands of terms at a million trials, so the
 * handful of Newton steps (against some fifty of bisection) is what keeps an interval
 * on a national count to a millisecond or two of the page's main thread.
 */
function solveIncreasing(f: (p: number) => number, slope: (p: number) => number, start: number): number {
  let lo = 0;
  let hi = 1;
  let p = start;
  for (let i = 0; i < 200; i++) {
    const y = f(p);
    if (y === 0) return p;
    if (y < 0) lo = p;
    else hi = p;
    if (hi - lo <= 1e-15 * hi) break;
    const newton = p - y / slope(p);
    // A step below the precision of p: converged (NaN, from a slope that underflowed, is not).
    if (Math.abs(newton - p) <= 1e-15 * p) return newton;
    p = newton > lo && newton < hi ? newton : (lo + hi) / 2;
  }
  return (lo + hi) / 2;
}

/** The density of Beta(a, b) at p, 0 < p < 1: the slope of an exact binomial tail in p. */
function betaDensity(a: number, b: number, p: number): number {
  return Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + (a - 1) * Math.log(p) + (b - 1) * Math.log1p(-p));
}

/** Exact two-sided interval (95% by default) for the rate behind `successes` of `n` (n >= 1). */
export function clopperPearson(successes: number, n: number, level = 0.95): { low: number; high: number } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number >= 1: ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be a whole number from 0 to n: ${successes}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1: ${level}`);
  const tail = (1 - level) / 2;
  const x = successes;
  // A start strictly inside (0, 1), at the observed rate.
  const start = (x + 0.5) / (n + 1);
  // Lower: P(X >= x) = I_p(x, n - x + 1) rises with p to the tail. Upper: P(X <= x) = 1 - I_p(x + 1, n - x) falls to it.
  const low = x === 0 ? 0 : solveIncreasing((p) => binomialTails(x, n, p).atLeast - tail, (p) => betaDensity(x, n - x + 1, p), start);
  const high = x === n ? 1 : solveIncreasing((p) => tail - binomialTails(x, n, p).atMost, (p) => betaDensity(x + 1, n - x, p), start);
  return { low, high };
}
