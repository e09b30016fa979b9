import { MIN_N_TO_COMPARE } from '../thresholds';
import { binomialTails, binomialTerms, type BinomialTerms } from './binomial';

/**
 * Funnel plot control limits for proportions (Spiegelhalter 2005, "Funnel plots for
 * comparing institutional performance", Stat Med 24:1185): groups of different sizes
 * are plotted by rate against size, with limits around the overall rate that narrow
 * as groups grow, so a small team is not flagged for noise.
 *
 * The limits are exact binomial quantiles with Spiegelhalter's interpolation for
 * discreteness (his appendix): for a group of n around overall rate p at level q,
 * r = the smallest count with F(r) >= q (F the Binomial(n, p) distribution function),
 * alpha = (F(r) - q) / (F(r) - F(r - 1)), and the lower limit is (r - alpha) / n; the
 * upper limit is the same formula applied to the failures, (r + 1 - alpha') / n, so
 * that on both sides a point beyond a drawn line is exactly a point flagged. Groups themselves are judged on exact binomial tail probabilities
 * (classifyFunnel), so under no real difference at most 0.2% of groups fall outside
 * the 99.8% limits and 5% outside the 95% ones, at every n and p. The normal
 * approximation p ± z·sqrt(p(1 - p)/n) used before flagged far more small groups
 * than that, and drew symmetric limits where the truth is lopsided near 0 and 1.
 */

export interface ControlLimits {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * Where a group sits: outside the 99.8% limits ('above998'/'below998'), outside only
 * the 95% ones ('above95'/'below95'), 'within' both, or 'tooSmall' (fewer than
 * MIN_N_TO_COMPARE people: a handful of outcomes cannot show a difference either way).
 */
export type FunnelClass = 'within' | 'above95' | 'below95' | 'above998' | 'below998' | 'tooSmall';

/** The four distribution-function levels: 95% and 99.8% two-sided (2.5% and 0.1% in each tail). */
const LEVELS = { lower998: 0.001, lower95: 0.025, upper95: 0.975, upper998: 0.999 } as const;

function assertRate(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`overall rate must be between 0 and 1: ${p}`);
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/**
 * Spiegelhalter's interpolated q-quantile of the count, (r - alpha), for 0 < p < 1.
 * Lower levels are found on P(X <= r), upper ones on P(X > r) (= 1 - F(r)), so
 * 0.999 is never worked out as 1 minus a rounded number.
 */
function interpolatedQuantile(terms: BinomialTerms, q: number): number {
  const { first, pmf, below, above } = terms;
  const last = pmf.length - 1;
  if (q < 0.5) {
    let i = 0;
    while (i < last && below[i] < q) i++;
    return first + i - (below[i] - q) / pmf[i];
  }
  const tail = 1 - q;
  let i = 0;
  while (i < last && above[i] > tail) i++;
  // Mirrored: the lower formula applied to failures, so the line sits between the
  // last count inside and the first count flagged, and the drawn limits agree with
  // classifyFunnel on both sides (a rate's plot mirrors its complement's).
  return first + i + 1 - (tail - above[i]) / pmf[i];
}

/**
 * Exact 95% and 99.8% control limits around overall rate p for a group of n people
 * (a whole number >= 1), as rates clamped to [0, 1]. At p = 0 or 1 every group must
 * sit at p, so the limits are p.
 */
export function controlLimits(p: number, n: number): ControlLimits {
  assertRate(p);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number >= 1: ${n}`);
  if (p === 0 || p === 1) return { n, lower95: p, upper95: p, lower998: p, upper998: p };
  const terms = binomialTerms(n, p);
  const limit = (q: number) => clamp(interpolatedQuantile(terms, q) / n);
  return {
    n,
    lower95: limit(LEVELS.lower95),
    upper95: limit(LEVELS.upper95),
    lower998: limit(LEVELS.lower998),
    upper998: limit(LEVELS.upper998),
  };
}

/**
 * Control limits at up to `points` whole-number sizes from nMin to nMax, spaced
 * evenly on a log scale (the limits change fastest at small n) and rounded, both ends
 * included: the curves to draw. Sizes that round to the same number appear once.
 */
export function funnelLimits(p: number, nMin: number, nMax: number, points = 100): ControlLimits[] {
  if (!Number.isInteger(nMin) || !Number.isInteger(nMax) || nMin < 1 || nMax < nMin) {
    throw new RangeError(`need whole numbers 1 <= nMin <= nMax: ${nMin}, ${nMax}`);
  }
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`points must be a whole number >= 2: ${points}`);
  const ratio = Math.log(nMax / nMin);
  const sizes = Array.from({ length: points }, (_, i) => Math.round(nMin * Math.exp((ratio * i) / (points - 1))));
  sizes[points - 1] = nMax;
  return [...new Set(sizes)].map((n) => controlLimits(p, n));
}

/**
 * Where a group with rate `rate` over `n` people sits against overall rate p (see
 * FunnelClass). A group is outside a limit only when its count is that far out with
 * exact binomial probability below the tail the limit stands for (0.1% each side for
 * 99.8%, 2.5% for 95%), so groups are never flagged more often than promised; the
 * drawn limits fall between the last count inside and the first flagged, so a point
 * beyond a line is flagged and one on or inside it is not. A group of fewer
 * than MIN_N_TO_COMPARE people (including none) is 'tooSmall'.
 */
export function classifyFunnel(rate: number, n: number, p: number): FunnelClass {
  assertRate(p);
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate must be between 0 and 1: ${rate}`);
  if (n < MIN_N_TO_COMPARE) return 'tooSmall';
  if (!Number.isInteger(n)) throw new RangeError(`n must be a whole number: ${n}`);
  const { atLeast, atMost } = binomialTails(Math.round(rate * n), n, p);
  if (atLeast < LEVELS.lower998) return 'above998';
  if (atMost < LEVELS.lower998) return 'below998';
  if (atLeast < LEVELS.lower95) return 'above95';
  if (atMost < LEVELS.lower95) return 'below95';
  return 'within';
}
