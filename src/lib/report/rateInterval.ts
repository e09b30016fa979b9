import type { Count, PubRate } from '../state/summary';
import { rate } from '../stats/rate';

/**
 * The 95% interval (Wilson, as every rate on screen has) of a published rate
 * over a published denominator: null when either is withheld or undefined,
 * so a withheld count cannot be worked back from an interval.
 */
export function rateInterval(share: PubRate, n: Count): { low: number; high: number } | null {
  if (typeof share !== 'number' || typeof n !== 'number' || n === 0) return null;
  // A published rate is a count over n: the count is recovered exactly.
  const r = rate(Math.round(share * n), n);
  return r.low === null || r.high === null ? null : { low: r.low, high: r.high };
}
