import { binomialTails } from './binomial';

/**
 * The Clopper-Pearson ("exact") confidence interval for a proportion: the rates that
 * an exact binomial test at that level would not reject. Conservative (coverage at
 * least the level), which is what an interval built on it, such as the ratio of two
 * counts in countChange, needs to be trusted with small numbers. Same as R's
 * binom.test(x, n)$conf.int.
 */

/** The p in (0, 1) where an increasing `f` crosses `target`, by bisection to full precision. */
function solveIncreasing(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Exact two-sided interval (95% by default) for the rate behind `successes` of `n` (n >= 1). */
export function clopperPearson(successes: number, n: number, level = 0.95): { low: number; high: number } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number >= 1: ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be a whole number from 0 to n: ${successes}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1: ${level}`);
  const tail = (1 - level) / 2;
  // Lower: P(X >= successes) reaches the tail; it rises with p. Upper: P(X <= successes) falls to it.
  const low = successes === 0 ? 0 : solveIncreasing((p) => binomialTails(successes, n, p).atLeast, tail);
  const high = successes === n ? 1 : solveIncreasing((p) => 1 - binomialTails(successes, n, p).atMost, 1 - tail);
  return { low, high };
}
