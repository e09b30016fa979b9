/**
 * Quantiles by linear interpolation between order statistics (Hyndman & Fan type 7):
 * the default of R's quantile(), numpy.percentile and Excel's QUARTILE.INC, and what
 * DuckDB's quantile_cont returns, so figures computed here match figures from SQL.
 * Non-finite values (NaN, ±Infinity) are ignored; with nothing left the result is null.
 */

function sortedFinite(values: readonly number[]): number[] {
  return values.filter(Number.isFinite).sort((a, b) => a - b);
}

function quantileOfSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const fraction = position - below;
  return fraction === 0 ? sorted[below] : sorted[below] + fraction * (sorted[above] - sorted[below]);
}

/** The p-quantile (0 <= p <= 1) of the values, type 7; null when there are none. */
export function quantile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be between 0 and 1: ${p}`);
  return quantileOfSorted(sortedFinite(values), p);
}

/** The median of the values; null when there are none. */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

export interface Quartiles {
  q1: number | null;
  median: number | null;
  q3: number | null;
}

/** Lower quartile, median and upper quartile (type 7), sorting once. */
export function quartiles(values: readonly number[]): Quartiles {
  const sorted = sortedFinite(values);
  return {
    q1: quantileOfSorted(sorted, 0.25),
    median: quantileOfSorted(sorted, 0.5),
    q3: quantileOfSorted(sorted, 0.75),
  };
}
