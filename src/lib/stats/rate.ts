import { Z_95 } from './zValues';

/**
 * A proportion as every rate on screen carries it: the rate, its Wilson
 * interval and its denominator, so n can be shown beside it.
 */
export interface Rate {
  /** successes / n, or null when n = 0. */
  rate: number | null;
  low: number | null;
  high: number | null;
  /** The denominator. */
  n: number;
}

/**
 * The rate successes / n with its Wilson score interval (95% by default; pass
 * Z_998 for 99.8%). Wilson rather than the textbook "rate ± z·SE" because it
 * stays inside [0, 1] and behaves well for small groups and for rates of 0% or
 * 100%, which funnels produce.
 */
export function rate(successes: number, n: number, z: number = Z_95): Rate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0: ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be a whole number from 0 to n: ${successes}`);
  }
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`z must be positive: ${z}`);
  if (n === 0) return { rate: null, low: null, high: null, n };

  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the matching bound is exactly 0 or 1; say so without rounding noise.
  const low = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = successes === n ? 1 : Math.min(1, centre + halfWidth);
  return { rate: p, low, high, n };
}
