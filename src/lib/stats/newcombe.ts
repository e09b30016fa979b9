import { rate } from './rate';
import { Z_95 } from './zValues';

/**
 * The difference between two independent proportions, p1 - p2, with Newcombe's hybrid
 * score interval (method 10 of Newcombe 1998, "Interval estimation for the difference
 * between independent proportions: comparison of eleven methods", Stat Med 17:873).
 * Built from each rate's Wilson interval (l, u):
 *   lower = d - sqrt((p1 - l1)^2 + (u2 - p2)^2),  upper = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
 * Chosen over "d ± z·SE" because it stays inside [-1, 1], is never zero-width at 0%
 * or 100%, and keeps close to its nominal coverage with the small counts of a
 * single month or campaign.
 */

export interface RateDifference {
  /** successes1 / n1 - successes2 / n2; null when either n is 0. */
  difference: number | null;
  low: number | null;
  high: number | null;
}

/** What an interval says about a change: up, down, or no clear change (it includes no change). */
export type ChangeVerdict = 'up' | 'down' | 'no clear change' | 'no data';

/**
 * Newcombe's hybrid score interval for p1 - p2 (95% by default; pass Z_998 for 99.8%),
 * from successes1 of n1 and successes2 of n2.
 */
export function newcombeDifference(successes1: number, n1: number, successes2: number, n2: number, z: number = Z_95): RateDifference {
  const a = rate(successes1, n1, z);
  const b = rate(successes2, n2, z);
  if (a.rate === null || b.rate === null) return { difference: null, low: null, high: null };
  const difference = a.rate - b.rate;
  const low = difference - Math.hypot(a.rate - a.low!, b.high! - b.rate);
  const high = difference + Math.hypot(a.high! - a.rate, b.rate - b.low!);
  return { difference, low: Math.max(-1, low), high: Math.min(1, high) };
}

/**
 * Whether an interval shows a change: 'up' when it lies wholly above `noChange`, 'down'
 * when wholly below, 'no clear change' when it includes it (touching counts as
 * including), 'no data' when there is no interval. `noChange` is 0 for a difference and
 * 1 for a ratio.
 */
export function changeVerdict(interval: { low: number | null; high: number | null }, noChange = 0): ChangeVerdict {
  const { low, high } = interval;
  if (low === null || high === null || Number.isNaN(low) || Number.isNaN(high)) return 'no data';
  if (low > noChange) return 'up';
  if (high < noChange) return 'down';
  return 'no clear change';
}

export interface RateChange extends RateDifference {
  current: { successes: number; n: number; rate: number | null };
  previous: { successes: number; n: number; rate: number | null };
  verdict: ChangeVerdict;
}

/**
 * A rate this period against the previous one ("vs previous period"): both rates with
 * their n, the difference current - previous with its 95% Newcombe interval, and
 * 'up' / 'down' only when that interval excludes zero.
 */
export function rateChange(current: { successes: number; n: number }, previous: { successes: number; n: number }): RateChange {
  const diff = newcombeDifference(current.successes, current.n, previous.successes, previous.n);
  const rateOf = (c: { successes: number; n: number }) => (c.n ? c.successes / c.n : null);
  return {
    ...diff,
    current: { ...current, rate: rateOf(current) },
    previous: { ...previous, rate: rateOf(previous) },
    verdict: changeVerdict(diff),
  };
}
