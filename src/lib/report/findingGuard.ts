import { isSuppressed } from '../stats/disclosure';

/** A month's name, short ("Mar", "Sept", as fmtDate writes them) or whole ("March"). */
const MONTHS = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*';
/** Numbers that count things other than people: lengths of time, and what a finding compares. */
const NOT_PEOPLE = '(?:(?:working\\s+)?(?:days?|weeks?|months?|years?)|comparisons?|fields?|campaigns?|sources?|services?|groups?|steps?|stages?|measures?|pairs?|differences?'
  // "and 3 more" (groups, steps): not "3 more approvals", nor "3 more are still open".
  + '|more(?!\\s+(?:enquir|approv|applica|people|households?|carers?|leavers?|left|who|are|were|is|was|have|has|still)))';
/**
 * A lone whole number that is not a date, period, percentage, sum of money,
 * length of time, count of things compared, or part of a stage's name ("Stage 1").
 */
const LONE_NUMBER = new RegExp(
  `(?<![\\d.,£%/\\-–])(?<![Ss]tage\\s)\\b(\\d{1,3}(?:,\\d{3})*|\\d+)\\b(?![\\d.,%/\\-–]|\\s*(?:${MONTHS})\\b|\\s*${NOT_PEOPLE}\\b)`,
  'g',
);
const COUNT = '(\\d{1,3}(?:,\\d{3})*|\\d+)';
/** What may stand between "of" and the count it is of: "of the 40", "of all 40". */
const OF = 'of (?:the |all |those |these )?';
/** "40% of 5", "12.5% of 1,024", "93% of the 40 who left": a rate and the count it is of. */
const RATE_OF = new RegExp(`(\\d+(?:\\.\\d+)?)% ${OF}${COUNT}`, 'g');
/** "37 of 40 who reached enquiry", "37 out of the 40": a count of a count, which gives their difference too. */
const COUNT_OF = new RegExp(`(?<![\\d.,£%/\\-–])${COUNT} (?:out )?${OF}${COUNT}\\b(?![\\d.,%/\\-–]|\\s*${NOT_PEOPLE}\\b)`, 'g');
/** "40.0% applications per enquiry (n=5)". */
const RATE_N = /(\d+(?:\.\d+)?)%[^;.()]*\(n=(\d{1,3}(?:,\d{3})*|\d+)\)/g;

const toInt = (s: string) => Number(s.replaceAll(',', ''));

/** Whether a rate of a count lets a count of 1-4 (those counted, or those not) be worked back. */
function revealsSmall(pct: string, of: string): boolean {
  const n = toInt(of);
  const k = Math.round((Number(pct) / 100) * n);
  return isSuppressed(n) || (k >= 0 && k <= n && (isSuppressed(k) || isSuppressed(n - k)));
}

/**
 * Whether a finding sentence states, or lets a reader work out, a count of
 * 1 to 4: a lone count of 1-4, or a percentage of a group that is (or
 * leaves) 1-4 people. Used to keep such sentences out of a paper for
 * publication; lengths of time, dates, periods and money are not counts.
 */
export function findingRevealsSmallCount(text: string): boolean {
  for (const m of text.matchAll(LONE_NUMBER)) if (isSuppressed(toInt(m[1]))) return true;
  for (const m of text.matchAll(RATE_OF)) if (revealsSmall(m[1], m[2])) return true;
  for (const m of text.matchAll(RATE_N)) if (revealsSmall(m[1], m[2])) return true;
  for (const m of text.matchAll(COUNT_OF)) {
    const [k, n] = [toInt(m[1]), toInt(m[2])];
    if (k <= n && (isSuppressed(k) || isSuppressed(n - k))) return true;
  }
  return false;
}

/** Whether a finding states a count the paper withholds (one withheld so a "<5" can't be worked out). */
export function findingStatesWithheld(text: string, withheld: ReadonlySet<number>): boolean {
  for (const m of text.matchAll(LONE_NUMBER)) if (withheld.has(toInt(m[1]))) return true;
  for (const m of text.matchAll(COUNT_OF)) if (withheld.has(toInt(m[1])) || withheld.has(toInt(m[2]))) return true;
  return false;
}

/** What a paper for publication says in place of a finding that would reveal a small count. */
export const WITHHELD_FINDING = 'This finding rests on a count under 5, so it is left out of the version for publication; the internal version shows it.';
/** ... and in place of one stating a count the tables withhold. */
export const WITHHELD_FINDING_TOTAL = 'This finding states a figure the tables withhold so that a count under 5 cannot be worked out, so it is left out of the version for publication; the internal version shows it.';

/**
 * A finding as the report prints it for its audience: for publication, left
 * out when it states or gives away a count of 1-4, or states a count the
 * paper's tables withhold (`withheld`: their true values).
 */
export function reportFinding(text: string, publication: boolean, withheld: ReadonlySet<number> = new Set()): string {
  if (!publication) return text;
  return findingRevealsSmallCount(text) ? WITHHELD_FINDING : findingStatesWithheld(text, withheld) ? WITHHELD_FINDING_TOTAL : text;
}
