import { pinnedCounts, type CountSum, type Known } from './disclosureBounds';

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

/**
 * Whether figures under the filters in force are too few to publish at all:
 * 1-4 enquiries. Each count would be "<5" beside zeros, which tells a
 * reader what happened to every one of them (all left at application, say).
 */
export function tooFewToPublish(enquiries: number): boolean {
  return isSuppressed(enquiries);
}

/** What a summary or a paper for publication says instead of figures too few to publish. */
export const TOO_FEW_TO_PUBLISH = 'Fewer than 5 enquiries are under the filters in force: their figures would tell a reader what happened to each of them, so they are not published. Widen the filters, or print the internal version for your own team.';

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

export type { CountSum } from './disclosureBounds';

/** How the counts given to withholding are published. */
export interface WithholdOptions {
  /**
   * Counts not published at all (a difference such as enquiries less
   * applications): unknown to the reader, never in need of protection
   * themselves, never withheld "more".
   */
  unpublished?: ReadonlySet<number>;
  /** Counts shown only through a rate, so a withheld one carries no "<5" or "suppressed" label. */
  unlabelled?: ReadonlySet<number>;
  /** Counts published elsewhere (a funnel total): withheld only when 1-4, never to protect others. */
  fixed?: ReadonlySet<number>;
  /** Pairs [a, b]: withholding count a withholds count b (a rate goes with either of its counts). */
  links?: readonly (readonly [number, number])[];
}

interface Withholding {
  counts: readonly number[];
  sums: readonly CountSum[];
  hidden: Set<number>;
  unpublished: ReadonlySet<number>;
  unlabelled: ReadonlySet<number>;
  fixed: ReadonlySet<number>;
}

/** The smallest shown count among some that this list may withhold. */
function smallestShown(w: Withholding, among: readonly number[]): number | undefined {
  return among.filter((i) => !w.hidden.has(i) && !w.fixed.has(i) && !w.unpublished.has(i))
    .sort((a, b) => w.counts[a] - w.counts[b] || a - b)[0];
}

/**
 * A count to withhold because a sum gives a withheld one away by itself:
 * it has exactly one withheld count, or its shown total says its withheld
 * parts add up to 1-4. The smallest shown part goes (its total, once every part is).
 */
function byOneSum(w: Withholding): number | undefined {
  for (const { total, parts } of w.sums) {
    const hiddenParts = parts.filter((i) => w.hidden.has(i));
    const all = w.hidden.has(total) ? [...hiddenParts, total] : hiddenParts;
    // Nothing to protect: no count withheld, or only counts that are not published anyway.
    if (all.every((i) => w.unpublished.has(i))) continue;
    const workedOut = w.hidden.has(total) ? null : hiddenParts.reduce((a, i) => a + w.counts[i], 0);
    if (all.length > 1 && (workedOut === null || !isSuppressed(workedOut))) continue;
    const next = smallestShown(w, parts) ?? smallestShown(w, [total]);
    if (next !== undefined) return next;
  }
  return undefined;
}

/** What a reader knows of each count as things stand. */
function readerKnows(w: Withholding): Known[] {
  return w.counts.map((c, i) => (!w.hidden.has(i) ? { value: c }
    : w.unpublished.has(i) || w.unlabelled.has(i) ? 'unknown' : isSuppressed(c) ? 'small' : 'notSmall'));
}

/**
 * A count to withhold because the sums together (with what "<5" and
 * "suppressed" say) still pin a withheld count of 1-4 to one value, e.g. two
 * "<5" that add up to 8, or a "<5" and a "suppressed" that add up to 6. The
 * smallest shown count in a sum holding the pinned one goes.
 */
function byReasoning(w: Withholding): number | undefined {
  for (const i of pinnedSmall(w)) {
    // The sums holding it first; when all their counts are withheld or fixed (a known total),
    // the sums holding those withheld counts, and so on outwards.
    const reached = new Set([i]);
    for (let frontier = [i]; frontier.length;) {
      const near = w.sums.filter((s) => frontier.some((j) => s.total === j || s.parts.includes(j))).flatMap((s) => [...s.parts, s.total]);
      const next = smallestShown(w, near);
      if (next !== undefined) return next;
      frontier = near.filter((j) => w.hidden.has(j) && !reached.has(j));
      for (const j of frontier) reached.add(j);
    }
  }
  return undefined;
}

/** Withheld counts of 1-4 (labelled ones only, if asked) that a reader can pin to one value as things stand. */
function pinnedSmall(w: Withholding, labelledOnly = false): number[] {
  const secret = new Map([...w.hidden].filter((i) => !w.unpublished.has(i) && !(labelledOnly && w.unlabelled.has(i)) && isSuppressed(w.counts[i]))
    .map((i) => [i, w.counts[i]]));
  return pinnedCounts(readerKnows(w), w.sums, secret, w.counts);
}

/** Adds whatever the links say goes with a withheld count. */
function followLinks(hidden: Set<number>, links: readonly (readonly [number, number])[]): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const [a, b] of links) {
      if (hidden.has(a) && !hidden.has(b)) {
        hidden.add(b);
        changed = true;
      }
    }
  }
}

/** What to withhold, and which withheld counts of 1-4 lose their "<5" label. */
export interface Withheld {
  hidden: Set<number>;
  /**
   * Withheld counts of 1-4 shown as "suppressed" rather than "<5": where the
   * labels alone pin one (a "<5" and a "suppressed" adding up to a known 6
   * can only be 1 and 5) and no other count can be withheld to stop it,
   * every withheld count of 1-4 among these counts is shown so.
   */
  relabelled: Set<number>;
}

/**
 * Which counts to withhold so that none of 1-4 can be worked back from the
 * others through sums they are known to make (reached = went on + left +
 * still open; a column's rows = its total). Starts from the counts of 1-4;
 * while a sum gives one away by itself (exactly one withheld count, or
 * withheld parts its shown total says add up to 1-4), or the sums together
 * pin one to a single value (see pinnedCounts), one more shown count is
 * withheld, the smallest that can help (in the sums holding the pinned one,
 * or, when those have none left to withhold, the sums next to them). If a count of 1-4 is still pinned by
 * the labels when nothing more can be withheld, the withheld counts of 1-4
 * are all shown as "suppressed" (relabelled), which says nothing of their size.
 */
export function withholding(counts: readonly number[], sums: readonly CountSum[], options: WithholdOptions = {}): Withheld {
  counts.forEach(assertCount);
  const none = new Set<number>();
  const { unpublished = none, unlabelled = none, fixed = none, links = [] } = options;
  const hidden = new Set(counts.flatMap((c, i) => (unpublished.has(i) || isSuppressed(c) ? [i] : [])));
  const w: Withholding = { counts, sums, hidden, unpublished, unlabelled, fixed };
  followLinks(hidden, links);
  for (let next = byOneSum(w) ?? byReasoning(w); next !== undefined; next = byOneSum(w) ?? byReasoning(w)) {
    hidden.add(next);
    followLinks(hidden, links);
  }
  // All of them, not only those pinned: a reader taking the others' "<5" and the
  // relabelled one's "suppressed" (0 or 5+) at their word could still pin a "<5".
  const relabelled = new Set(pinnedSmall(w, true).length
    ? [...hidden].filter((i) => isSuppressed(counts[i]) && !unpublished.has(i) && !w.unlabelled.has(i)) : []);
  return { hidden, relabelled };
}

/** The indexes to withhold (see withholding; relabelling aside). */
export function withheldCounts(counts: readonly number[], sums: readonly CountSum[], options: WithholdOptions = {}): Set<number> {
  return withholding(counts, sums, options).hidden;
}
