import { MIN_N_TO_COMPARE, SIGNIFICANCE_LEVEL } from '../thresholds';
import { logChoose } from './logGamma';

/**
 * Fisher's exact test for a 2x2 table, and a plain-language comparison of two rates
 * built on it. Exact rather than chi-squared because council cohorts are often small
 * (a dozen approvals a year) where the chi-squared approximation is poor.
 */

// Tables whose probability is within this relative distance of the observed one count
// as "as extreme", so floating-point noise cannot drop exact ties (R uses the same).
export const RELATIVE_TOLERANCE = 1e-7;

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number >= 0: ${value}`);
  }
}

/** Checks two group sizes and the successes they share. */
function assertMargins(nA: number, nB: number, successes: number): void {
  assertCount(nA, 'nA');
  assertCount(nB, 'nB');
  assertCount(successes, 'successes');
  if (successes > nA + nB) throw new RangeError('successes cannot exceed nA + nB');
}

/** The fewest and most successes row A can hold among the tables sharing these margins. */
function tableRange(rowA: number, rowB: number, successes: number): { low: number; high: number } {
  return { low: Math.max(0, successes - rowB), high: Math.min(rowA, successes) };
}

/**
 * Log hypergeometric weights of every table sharing the margins, indexed from `low`.
 * Left unnormalised (the common C(n, successes) is dropped): `twoSided` normalises
 * by their sum, which also makes the weights of all tables add up to exactly 1.
 * The first is worked out from log-gamma, each next from it by the ratio of
 * neighbouring weights (hypergeometricStep): one logarithm a table instead of
 * four log-gammas.
 */
export function logWeights(rowA: number, rowB: number, successes: number) {
  const { low, high } = tableRange(rowA, rowB, successes);
  const logs: number[] = [logWeightAt(rowA, rowB, successes, low)];
  for (let x = low; x < high; x++) logs.push(logs[logs.length - 1] + hypergeometricStep(rowA, rowB, successes, x));
  return { low, logs };
}

/** The log hypergeometric weight of the table with x successes in row A (unnormalised, as logWeights). */
function logWeightAt(rowA: number, rowB: number, successes: number, x: number): number {
  return logChoose(rowA, x) + logChoose(rowB, successes - x);
}

/** The likeliest table's successes in row A, within [low, high]. */
function hypergeometricMode(rowA: number, rowB: number, successes: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Math.floor(((rowA + 1) * (successes + 1)) / (rowA + rowB + 2))));
}

/** log(w(x + 1) / w(x)): the log ratio of the weights of the tables with x + 1 and x successes in row A. */
function hypergeometricStep(rowA: number, rowB: number, successes: number, x: number): number {
  return Math.log(((rowA - x) * (successes - x)) / ((x + 1) * (rowB - successes + x + 1)));
}

/** Two-sided p-value: total probability of tables no more likely than table `index`. */
function twoSided(logs: readonly number[], index: number): number {
  const threshold = logs[index] + Math.log1p(RELATIVE_TOLERANCE);
  const top = logs.reduce((max, value) => Math.max(max, value), -Infinity);
  let total = 0;
  let asExtreme = 0;
  for (const logWeight of logs) {
    const weight = Math.exp(logWeight - top); // scaled so the likeliest table weighs 1
    total += weight;
    if (logWeight <= threshold) asExtreme += weight;
  }
  return Math.min(1, asExtreme / total);
}

/**
 * Two-sided p-value of Fisher's exact test for the table [[a, b], [c, d]]: the chance,
 * with all margins fixed and no real difference, of a table at most as probable as
 * this one. Works in log space, so counts in the tens of thousands are fine.
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  assertCount(a, 'a');
  assertCount(b, 'b');
  assertCount(c, 'c');
  assertCount(d, 'd');
  const rowA = a + b;
  const rowB = c + d;
  const successes = a + c;
  const { low, high } = tableRange(rowA, rowB, successes);
  if (high - low <= WEIGH_EVERY_TABLE_UP_TO) {
    const { logs } = logWeights(rowA, rowB, successes);
    return twoSided(logs, a - low);
  }
  return twoSidedFromMode(rowA, rowB, successes, a, low, high);
}

// Up to this many tables, every one is weighed; beyond, only those that matter (the walk
// from the likeliest, whose cost grows with the spread, not with the number of tables).
// Weighing up to 5,000 tables a test, the Equality view's comparisons at a million
// enquiries took 170-320 ms of the page's main thread; walking, 25-35 ms (Node).
const WEIGH_EVERY_TABLE_UP_TO = 200;
// Up to this many tables, the most lopsided split can be weighed (smallestAttainablePValue).
const FULL_ENUMERATION_LIMIT = 5000;
// Tables less likely than e^-45 times both the likeliest and the observed table add under
// 1e-12 to the total and to the p-value.
const NEGLIGIBLE_LOG_WEIGHT = -45;

/**
 * The same two-sided p-value for large tables (a million enquiries): weights
 * are walked outwards from the likeliest table by the hypergeometric ratio
 * and the walk stops once they are negligible, beside the likeliest table and
 * beside the observed one, so the cost grows with the spread of the
 * distribution, not with the group sizes.
 */
function twoSidedFromMode(rowA: number, rowB: number, successes: number, observed: number, low: number, high: number): number {
  const mode = hypergeometricMode(rowA, rowB, successes, low, high);
  const logAt = (x: number) => logWeightAt(rowA, rowB, successes, x);
  const threshold = logAt(observed) - logAt(mode) + Math.log1p(RELATIVE_TOLERANCE);
  const negligible = Math.min(0, threshold) + NEGLIGIBLE_LOG_WEIGHT;
  let total = 1;
  let asExtreme = threshold >= 0 ? 1 : 0;
  for (let x = mode, lw = 0; x < high; x++) {
    lw += hypergeometricStep(rowA, rowB, successes, x);
    if (lw < negligible) break;
    const w = Math.exp(lw);
    total += w;
    if (lw <= threshold) asExtreme += w;
  }
  for (let x = mode, lw = 0; x > low; x--) {
    lw -= hypergeometricStep(rowA, rowB, successes, x - 1);
    if (lw < negligible) break;
    const w = Math.exp(lw);
    total += w;
    if (lw <= threshold) asExtreme += w;
  }
  return Math.min(1, asExtreme / total);
}

/**
 * The smallest two-sided Fisher p-value any table could give for two groups of sizes
 * `nA` and `nB` sharing `successes` in total: that of the most lopsided split. If it
 * is not below alpha, no split of those successes could ever be called a difference.
 */
export function smallestAttainablePValue(nA: number, nB: number, successes: number): number {
  assertMargins(nA, nB, successes);
  return smallestPValue(nA, nB, successes);
}

/** smallestAttainablePValue for margins already checked. */
function smallestPValue(nA: number, nB: number, successes: number): number {
  const { low, high } = tableRange(nA, nB, successes);
  // When thousands of successes could fall either way, the most lopsided split is
  // astronomically unlikely (far below 1e-12): no need to weigh every table.
  if (high - low > FULL_ENUMERATION_LIMIT) return 0;
  const { logs } = logWeights(nA, nB, successes);
  // The distribution is unimodal, so the least likely table is at one end.
  const end = logs[0] <= logs[logs.length - 1] ? 0 : logs.length - 1;
  return twoSided(logs, end);
}

/**
 * Whether some split of `successes` between groups of `nA` and `nB` would give a
 * p-value below `alpha`: smallestAttainablePValue(nA, nB, successes) < alpha,
 * mostly without weighing every table. The tables at most as likely as the least
 * likely end weigh at most that end each, and all of them at least the table at
 * the mode, so (number of tables) x w(end) / w(mode) bounds the smallest p-value
 * from above: four log-gammas settle nearly every comparison of big groups,
 * where weighing up to 5,000 tables for each of hundreds of comparisons cost
 * tens of milliseconds of the page's main thread at a million enquiries.
 */
export function someSplitReaches(nA: number, nB: number, successes: number, alpha: number): boolean {
  assertMargins(nA, nB, successes);
  const { low, high } = tableRange(nA, nB, successes);
  const mode = hypergeometricMode(nA, nB, successes, low, high);
  const logAt = (x: number) => logWeightAt(nA, nB, successes, x);
  const bound = Math.log(high - low + 1) + Math.min(logAt(low), logAt(high)) + Math.log1p(RELATIVE_TOLERANCE) - logAt(mode);
  // The margin covers the log-gammas' rounding (about 1e-8 at a million).
  if (bound < Math.log(alpha) - 1e-6) return true;
  return smallestPValue(nA, nB, successes) < alpha;
}

/**
 * Whether compareRates would say 'too few to tell' of groups of `nA` and `nB`
 * sharing `successes`, whatever their split: either group under `minN`, or no
 * split of those successes could reach p < alpha. For comparisons whose p-value
 * comes from another test (compareFunnelsWithin's, within strata), so the
 * same groups are too few by the same rule without weighing Fisher's tables.
 */
export function tooFewToTell(nA: number, nB: number, successes: number, opts: CompareOptions = {}): boolean {
  const minN = Math.max(1, opts.minN ?? MIN_N_TO_COMPARE);
  return nA < minN || nB < minN || !someSplitReaches(nA, nB, successes, opts.alpha ?? SIGNIFICANCE_LEVEL);
}

export type RateVerdict = 'lower' | 'higher' | 'no clear difference' | 'too few to tell';

export interface RateComparison {
  /** aSuccess / aN, or null when aN = 0. */
  rateA: number | null;
  rateB: number | null;
  /** rateA - rateB, or null when either rate is. */
  difference: number | null;
  /** Two-sided Fisher exact p-value, or null when either group is empty. */
  pValue: number | null;
  /** How group A's rate compares with group B's. */
  verdict: RateVerdict;
}

export interface CompareOptions {
  /** Significance level; default SIGNIFICANCE_LEVEL (5%). */
  alpha?: number;
  /** Smallest group size worth testing; default MIN_N_TO_COMPARE (10). */
  minN?: number;
}

/**
 * Compares group A's rate with group B's (e.g. one enquiry source's conversion with
 * everyone else's) and says so in words a manager can act on.
 *
 * Verdict rule:
 * - 'too few to tell' when either group has fewer than `minN` people, or when even the
 *   most lopsided split of the same total successes between the two groups would not
 *   reach p < alpha (see `smallestAttainablePValue`): then the data could never show a
 *   difference, and "no clear difference" would overstate what was learnt.
 * - otherwise 'lower' / 'higher' (A's rate against B's) when p < alpha,
 * - else 'no clear difference'.
 */
export function compareRates(
  aSuccess: number,
  aN: number,
  bSuccess: number,
  bN: number,
  opts: CompareOptions = {},
): RateComparison {
  const alpha = opts.alpha ?? SIGNIFICANCE_LEVEL;
  const minN = opts.minN ?? MIN_N_TO_COMPARE;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1: ${alpha}`);
  for (const [value, name] of [[aSuccess, 'aSuccess'], [aN, 'aN'], [bSuccess, 'bSuccess'], [bN, 'bN']] as const) {
    assertCount(value, name);
  }
  if (aSuccess > aN || bSuccess > bN) throw new RangeError('successes cannot exceed n');

  const rateA = aN > 0 ? aSuccess / aN : null;
  const rateB = bN > 0 ? bSuccess / bN : null;
  const difference = rateA !== null && rateB !== null ? rateA - rateB : null;
  const pValue = aN > 0 && bN > 0 ? fisherExact(aSuccess, aN - aSuccess, bSuccess, bN - bSuccess) : null;

  let verdict: RateVerdict;
  if (aN < minN || bN < minN || pValue === null || difference === null) {
    verdict = 'too few to tell';
  } else if (pValue < alpha) {
    // The smallest attainable p-value is at most this one, so no need to check it.
    verdict = difference < 0 ? 'lower' : 'higher';
  } else if (!someSplitReaches(aN, bN, aSuccess + bSuccess, alpha)) {
    verdict = 'too few to tell';
  } else {
    verdict = 'no clear difference';
  }
  return { rateA, rateB, difference, pValue, verdict };
}
