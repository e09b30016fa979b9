/**
 * Counts whose chance is itself uncertain: the Beta-Binomial distribution, and
 * the distribution of a sum of independent such counts (exact convolution).
 *
 * Used for "how many of these open enquiries will be approved": each group of
 * open enquiries shares one uncertain approval chance (a Beta posterior), so its
 * count is Beta-Binomial, and the total is the sum over groups.
 */

import { logGamma } from './logGamma';

/**
 * A distribution on whole numbers: P(X = offset + i) = probs[i]. Values outside
 * the array have (negligible) probability 0.
 */
export interface WholeNumberDistribution {
  offset: number;
  probs: number[];
}

/** Tail mass dropped at each end of a distribution; far below anything reported. */
const TAIL = 1e-13;

/** ln B(a, b) */
function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * Beta-Binomial(n, alpha, beta): the number of successes in n trials whose
 * shared chance is Beta(alpha, beta). Tails with less than 1e-13 probability are
 * trimmed (and the rest renormalised) so large n stays cheap to convolve.
 */
export function betaBinomial(n: number, alpha: number, beta: number): WholeNumberDistribution {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0: ${n}`);
  if (!(alpha > 0) || !(beta > 0) || !Number.isFinite(alpha) || !Number.isFinite(beta)) {
    throw new RangeError(`alpha and beta must be finite and > 0: ${alpha}, ${beta}`);
  }
  // log P(k) by the ratio P(k+1)/P(k) = (n-k)(k+alpha) / ((k+1)(n-k-1+beta)), in logs so nothing underflows.
  const logP = new Array<number>(n + 1);
  logP[0] = logBeta(alpha, n + beta) - logBeta(alpha, beta);
  for (let k = 0; k < n; k++) {
    logP[k + 1] = logP[k] + Math.log((n - k) * (k + alpha)) - Math.log((k + 1) * (n - k - 1 + beta));
  }
  let top = -Infinity;
  for (const l of logP) if (l > top) top = l;
  return trimmed(0, logP.map((l) => Math.exp(l - top)));
}

/** Normalises weights to sum 1 and drops tails below TAIL at each end. */
function trimmed(offset: number, weights: number[]): WholeNumberDistribution {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('a distribution needs some positive weight');
  let lo = 0;
  let hi = weights.length - 1;
  for (let below = weights[lo] / total; lo < hi && below < TAIL; below += weights[lo] / total) lo++;
  for (let above = weights[hi] / total; hi > lo && above < TAIL; above += weights[hi] / total) hi--;
  const kept = weights.slice(lo, hi + 1);
  const keptTotal = kept.reduce((a, b) => a + b, 0);
  return { offset: offset + lo, probs: kept.map((w) => w / keptTotal) };
}

/** The point mass at 0 (the sum of no counts). */
export function zero(): WholeNumberDistribution {
  return { offset: 0, probs: [1] };
}

/** The distribution of X + Y for independent X and Y (exact convolution, tails trimmed). */
export function convolve(x: WholeNumberDistribution, y: WholeNumberDistribution): WholeNumberDistribution {
  const out = new Array<number>(x.probs.length + y.probs.length - 1).fill(0);
  for (let i = 0; i < x.probs.length; i++) {
    const px = x.probs[i];
    if (px === 0) continue;
    for (let j = 0; j < y.probs.length; j++) out[i + j] += px * y.probs[j];
  }
  return trimmed(x.offset + y.offset, out);
}

/** E[X]. */
export function mean(d: WholeNumberDistribution): number {
  return d.probs.reduce((acc, p, i) => acc + p * (d.offset + i), 0);
}

/** The smallest whole number x with P(X <= x) >= q (0 < q < 1). */
export function quantile(d: WholeNumberDistribution, q: number): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be between 0 and 1: ${q}`);
  let cumulative = 0;
  for (let i = 0; i < d.probs.length; i++) {
    cumulative += d.probs[i];
    // A hair of slack so rounding in the sums cannot push a quantile one step up.
    if (cumulative >= q - 1e-12) return d.offset + i;
  }
  return d.offset + d.probs.length - 1;
}

/** One group of trials sharing an uncertain chance, Beta(alpha, beta). */
export interface BetaBinomialGroup {
  trials: number;
  alpha: number;
  beta: number;
}

/** The sum of independent Beta-Binomial counts: its distribution, mean and central interval. */
export function betaBinomialSum(groups: readonly BetaBinomialGroup[], level = 0.95): {
  distribution: WholeNumberDistribution; mean: number; low: number; high: number;
} {
  let distribution = zero();
  let expected = 0;
  for (const g of groups) {
    if (g.trials === 0) continue;
    distribution = convolve(distribution, betaBinomial(g.trials, g.alpha, g.beta));
    // The exact mean, rather than the trimmed distribution's.
    expected += (g.trials * g.alpha) / (g.alpha + g.beta);
  }
  const tail = (1 - level) / 2;
  return { distribution, mean: expected, low: quantile(distribution, tail), high: quantile(distribution, 1 - tail) };
}
