/**
 * Disclosure control for anything shown beyond the team: the UK convention of
 * showing counts of 1 to 4 as "<5", so nobody can be recognised in a small group
 * (e.g. "2 Black applicants withdrew"). Zero is shown, since it identifies nobody.
 */

/** Counts from 1 up to this are suppressed. */
export const SUPPRESSION_THRESHOLD = 4;

const format = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

function assertCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number >= 0: ${count}`);
}

/** Whether a count must be hidden: true for 1-4, false for 0 and 5 upwards. */
export function isSuppressed(count: number): boolean {
  assertCount(count);
  return count >= 1 && count <= SUPPRESSION_THRESHOLD;
}

/** A count as it may be published: "0", "<5" for 1-4, otherwise "1,234" (en-GB). */
export function suppress(count: number): string {
  return isSuppressed(count) ? '<5' : format.format(count);
}

/** Marks a rate withheld because it would reveal a suppressed count. */
export const SUPPRESSED = 'suppressed';

/**
 * numerator / denominator, unless showing it could reveal a count of 1-4.
 * Rule: withheld ('suppressed') when the numerator, the denominator or their
 * difference (those not counted, e.g. 2 of 100 who did not apply) is 1-4, because
 * with the other count shown any of them can be worked back from the rate.
 * null when the denominator is 0 (no rate at all).
 */
export function suppressRate(numerator: number, denominator: number): number | typeof SUPPRESSED | null {
  assertCount(numerator);
  assertCount(denominator);
  if (numerator > denominator) throw new RangeError('numerator cannot exceed denominator');
  if (denominator === 0) return null;
  if (isSuppressed(numerator) || isSuppressed(denominator) || isSuppressed(denominator - numerator)) {
    return SUPPRESSED;
  }
  return numerator / denominator;
}

/** A total and the counts that add up to it (indexes into a list of counts). */
export interface CountSum {
  total: number;
  parts: readonly number[];
}

/**
 * Which counts to withhold so that none of 1-4 can be worked back from the
 * others through sums they are known to make (reached = went on + left +
 * still open). Starts from the counts of 1-4; while a sum has exactly one
 * withheld count, or its shown total says its withheld parts add up to 1-4,
 * the smallest shown part is withheld too (its total, once every part is).
 * Returns the indexes to withhold.
 */
export function withheldCounts(counts: readonly number[], sums: readonly CountSum[]): Set<number> {
  counts.forEach(assertCount);
  const hidden = new Set(counts.flatMap((c, i) => (isSuppressed(c) ? [i] : [])));
  for (let changed = true; changed;) {
    changed = false;
    for (const { total, parts } of sums) {
      const hiddenParts = parts.filter((i) => hidden.has(i));
      const n = hiddenParts.length + (hidden.has(total) ? 1 : 0);
      if (n === 0) continue;
      const workedOut = hidden.has(total) ? null : hiddenParts.reduce((a, i) => a + counts[i], 0);
      if (n > 1 && (workedOut === null || !isSuppressed(workedOut))) continue;
      const shown = parts.filter((i) => !hidden.has(i)).sort((a, b) => counts[a] - counts[b] || a - b);
      const next = shown[0] ?? (hidden.has(total) ? undefined : total);
      if (next === undefined) continue;
      hidden.add(next);
      changed = true;
    }
  }
  return hidden;
}
