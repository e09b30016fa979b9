import { Z_95, Z_998 } from './zValues';

/**
 * Funnel plot control limits for proportions (Spiegelhalter 2005): groups of
 * different sizes are plotted by rate against size, with limits around the overall
 * rate that narrow as groups grow, so a small team is not flagged for noise.
 *
 * Limits use the normal approximation with binomial variance,
 * p ± z·sqrt(p(1 - p) / n), clamped to [0, 1]. It is simple, smooth to draw and is
 * what most published public-sector funnel plots use; for very small n or rates near
 * 0 or 1 it is only approximate (exact binomial limits would be slightly asymmetric).
 */

export interface ControlLimits {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export type FunnelClass = 'within' | 'above95' | 'below95' | 'above998' | 'below998';

function assertRate(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`overall rate must be between 0 and 1: ${p}`);
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/** 95% and 99.8% control limits around overall rate p for a group of size n > 0. */
export function controlLimits(p: number, n: number): ControlLimits {
  assertRate(p);
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`n must be positive: ${n}`);
  const se = Math.sqrt((p * (1 - p)) / n);
  return {
    n,
    lower95: clamp(p - Z_95 * se),
    upper95: clamp(p + Z_95 * se),
    lower998: clamp(p - Z_998 * se),
    upper998: clamp(p + Z_998 * se),
  };
}

/**
 * Control limits at `points` sizes from nMin to nMax, spaced evenly on a log scale
 * (the limits change fastest at small n), both ends included: the curves to draw.
 */
export function funnelLimits(p: number, nMin: number, nMax: number, points = 100): ControlLimits[] {
  if (!(nMin > 0) || !(nMax >= nMin) || !Number.isFinite(nMax)) {
    throw new RangeError(`need 0 < nMin <= nMax: ${nMin}, ${nMax}`);
  }
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`points must be a whole number >= 2: ${points}`);
  if (nMin === nMax) return [controlLimits(p, nMin)];
  const ratio = Math.log(nMax / nMin);
  return Array.from({ length: points }, (_, i) => {
    const n = i === points - 1 ? nMax : nMin * Math.exp((ratio * i) / (points - 1));
    return controlLimits(p, n);
  });
}

/**
 * Where a group with rate `rate` over `n` people sits against overall rate p:
 * outside the 99.8% limits ('above998'/'below998', "almost certainly different"),
 * outside only the 95% ones ('above95'/'below95', "worth a look"), or 'within'.
 * A rate exactly on a limit counts as inside it; a group with n = 0 is 'within'.
 */
export function classifyFunnel(rate: number, n: number, p: number): FunnelClass {
  assertRate(p);
  if (n === 0) return 'within';
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate must be between 0 and 1: ${rate}`);
  const limits = controlLimits(p, n);
  if (rate > limits.upper998) return 'above998';
  if (rate < limits.lower998) return 'below998';
  if (rate > limits.upper95) return 'above95';
  if (rate < limits.lower95) return 'below95';
  return 'within';
}
