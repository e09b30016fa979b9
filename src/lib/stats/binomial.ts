/**
 * The Binomial(n, p) distribution over the counts that carry its probability, for
 * exact funnel-plot limits and exact (Clopper-Pearson) intervals. Built without
 * factorials, so n in the millions is as safe and quick as n = 10.
 */

// Terms below this share of the largest probability are dropped: together they carry
// far under 1e-15, which cannot move a limit or bound set at a 0.1% tail.
const NEGLIGIBLE = 1e-20;

export interface BinomialTerms {
  /** The smallest count kept: pmf[i] is P(X = first + i). */
  first: number;
  pmf: Float64Array;
  /** below[i] = P(X <= first + i), summed up from the lower tail. */
  below: Float64Array;
  /** above[i] = P(X > first + i), summed down from the upper tail. */
  above: Float64Array;
}

/**
 * Probabilities of Binomial(n, p), 0 < p < 1, over the counts that matter, with both
 * tails summed from their own end so neither loses precision near 0 or 1. Terms come
 * from the ratio recurrence outward from the mode, scaled so the mode is 1 (nothing
 * overflows or underflows) and normalised at the end: about 20 standard deviations
 * of terms: about half a millisecond for a million trials.
 */
export function binomialTerms(n: number, p: number): BinomialTerms {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0: ${n}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be strictly between 0 and 1: ${p}`);
  const odds = p / (1 - p);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  let low = mode;
  for (let t = 1; low > 0; low--) {
    t *= low / ((n - low + 1) * odds); // P(k - 1) / P(k) at k = low
    if (t < NEGLIGIBLE) break;
  }
  let high = mode;
  for (let t = 1; high < n; high++) {
    t *= ((n - high) / (high + 1)) * odds; // P(k + 1) / P(k) at k = high
    if (t < NEGLIGIBLE) break;
  }
  const pmf = new Float64Array(high - low + 1);
  const at = mode - low;
  pmf[at] = 1;
  for (let i = at; i > 0; i--) {
    const k = low + i;
    pmf[i - 1] = pmf[i] * (k / ((n - k + 1) * odds));
  }
  for (let i = at; i < pmf.length - 1; i++) {
    const k = low + i;
    pmf[i + 1] = pmf[i] * (((n - k) / (k + 1)) * odds);
  }
  let total = 0;
  for (const w of pmf) total += w;
  const below = new Float64Array(pmf.length);
  const above = new Float64Array(pmf.length);
  for (let i = 0, s = 0; i < pmf.length; i++) {
    pmf[i] /= total;
    below[i] = s += pmf[i];
  }
  for (let i = pmf.length - 1, s = 0; i >= 0; i--) {
    above[i] = s;
    s += pmf[i];
  }
  return { first: low, pmf, below, above };
}

/** P(X <= k) for X ~ Binomial(n, p), 0 < p < 1. */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const { first, below } = binomialTerms(n, p);
  const i = Math.floor(k) - first;
  return i < 0 ? 0 : i >= below.length ? 1 : below[i];
}

/** P(X > k) for X ~ Binomial(n, p), 0 < p < 1: the upper tail, without 1 - F rounding. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k < 0) return 1;
  if (k >= n) return 0;
  const { first, above } = binomialTerms(n, p);
  const i = Math.floor(k) - first;
  return i < 0 ? 1 : i >= above.length ? 0 : above[i];
}

/**
 * Both exact tails at an observed count x of n: P(X >= x) and P(X <= x) for
 * X ~ Binomial(n, p), 0 <= p <= 1 (at p = 0 or 1 every count but one is impossible).
 * The same terms as binomialTerms, summed as they come instead of stored: an
 * exact interval calls this a dozen times, and at a million trials the three
 * tables cost ten times the sums. (Sharing binomialTerms' walk, as a callback
 * per term or a buffer filled then summed, made it three to six times slower;
 * a property test holds the two to the same answers.) Each tail is a sum of
 * positive terms of its own, never 1 minus the other, so a small tail keeps
 * its precision, as far as the terms kept go: those under 1e-20 of the
 * likeliest are dropped.
 */
export function binomialTails(x: number, n: number, p: number): { atLeast: number; atMost: number } {
  if (!Number.isInteger(x) || x < 0 || x > n) throw new RangeError(`x must be a whole number from 0 to n: ${x}`);
  if (p === 0) return { atLeast: x === 0 ? 1 : 0, atMost: 1 };
  if (p === 1) return { atLeast: 1, atMost: x === n ? 1 : 0 };
  const odds = p / (1 - p);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  // The mode's term is 1; the rest come from the ratio recurrence outward from it.
  let total = 1;
  let atLeast = mode >= x ? 1 : 0;
  let atMost = mode <= x ? 1 : 0;
  for (let k = mode, t = 1; k > 0; k--) {
    t *= k / ((n - k + 1) * odds); // P(k - 1) / P(k)
    if (t < NEGLIGIBLE) break;
    total += t;
    if (k - 1 >= x) atLeast += t;
    else atMost += t;
    if (k - 1 === x) atMost += t;
  }
  for (let k = mode, t = 1; k < n; k++) {
    t *= ((n - k) / (k + 1)) * odds; // P(k + 1) / P(k)
    if (t < NEGLIGIBLE) break;
    total += t;
    if (k + 1 <= x) atMost += t;
    else atLeast += t;
    if (k + 1 === x) atLeast += t;
  }
  return { atLeast: x === 0 ? 1 : atLeast / total, atMost: atMost / total };
}
