import { isSuppressed } from '../stats/disclosure';

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
/** Numbers that count things other than people: lengths of time, and what a finding compares. */
const NOT_PEOPLE = '(?:(?:working\\s+)?(?:days?|weeks?|months?|years?)|comparisons?|fields?|campaigns?|sources?|services?|groups?|steps?|stages?|measures?|pairs?|differences?'
  // "and 3 more" (groups, steps): not "3 more approvals".
  + '|more(?!\\s+(?:enquir|approv|applica|people|households?|carers?|leavers?)))';
/**
 * A lone whole number that is not a date, period, percentage, sum of money,
 * length of time, count of things compared, or part of a stage's name ("Stage 1").
 */
const LONE_NUMBER = new RegExp(
  `(?<![\\d.,£%/\\-–])(?<![Ss]tage\\s)\\b(\\d{1,3}(?:,\\d{3})*|\\d+)\\b(?![\\d.,%/\\-–]|\\s*(?:${MONTHS})\\b|\\s*${NOT_PEOPLE}\\b)`,
  'g',
);
/** "40% of 5", "12.5% of 1,024": a rate and the count it is of. */
const RATE_OF = /(\d+(?:\.\d+)?)% of (\d{1,3}(?:,\d{3})*|\d+)/g;
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
  return false;
}

/** What a paper for publication says in place of a finding that would reveal a small count. */
export const WITHHELD_FINDING = 'This finding rests on a count under 5, so it is left out of the version for publication; the internal version shows it.';

/** A finding as the report prints it for its audience. */
export function reportFinding(text: string, publication: boolean): string {
  return publication && findingRevealsSmallCount(text) ? WITHHELD_FINDING : text;
}
