/**
 * Reference counts of the reasons people left (Drop-off), from the README's
 * "Exit reasons" definition: each leaver (outcome left) is counted at the
 * stage they left at (their furthest stage) under the category their closing
 * reason means: Ofsted's applicant withdrawal codes AW1-AW5, agency-led exits
 * (counselled out, checks concern, panel not suitable), administrative ones
 * (lost contact, duplicate, redirected to kinship) or another agency; a close
 * no rule reads is AW0 (other or unknown) only when its reason or status says
 * the applicant withdrew ("Withdrawn", "personal reasons"), otherwise "Not
 * known". The reason is read first, the status when the reason says nothing;
 * a user's own reading of a reason text (exact, trimmed) wins over both.
 *
 * The categories of the texts the tests use are written out by hand below
 * (what each text means to a reader), not taken from the app's keyword rules.
 */
import { passes, type RefFilters, type RefJourney, type RefStageSetting } from './exports';

/** What a reason or status text says: the category it names (null: none), and whether it says the applicant withdrew. */
interface Meaning {
  code: string | null;
  withdrew?: boolean;
}

/** Reason texts and their meaning, labelled by hand. */
export const REASON_MEANINGS: Record<string, Meaning> = {
  '': { code: null },
  'Moving house': { code: 'AW3' },
  '  MOVING HOUSE ': { code: 'AW3' },
  'Financial reasons': { code: 'AW4' },
  'Fostering not as expected': { code: 'AW1' },
  'Assessment process taking too long': { code: 'AW2' },
  'Worried about allegations': { code: 'AW5' },
  'Counselled out': { code: 'COUNSELLED_OUT' },
  'DBS concerns': { code: 'CHECKS' },
  'Panel did not recommend': { code: 'PANEL_NOT_SUITABLE' },
  'No response to calls': { code: 'LOST_CONTACT' },
  'Duplicate record': { code: 'DUPLICATE' },
  'Redirected to kinship team': { code: 'KINSHIP' },
  'Went to an IFA': { code: 'OTHER_AGENCY' },
  'Personal reasons': { code: null, withdrew: true },
  Other: { code: null },
  'See notes': { code: null },
};

/** Status texts and their meaning. */
export const STATUS_TEXT_MEANINGS: Record<string, Meaning> = {
  '': { code: null },
  'In progress': { code: null },
  'On Hold': { code: null },
  Withdrawn: { code: null, withdrew: true },
  NFA: { code: null },
  'Closed - Not Proceeding': { code: null },
  'Counselled out': { code: 'COUNSELLED_OUT' },
  Approved: { code: null },
};

/** The category of a close. */
export function categoryOf(reason: string, status: string, overrides: Record<string, string> = {}): string {
  const r = REASON_MEANINGS[reason];
  const s = STATUS_TEXT_MEANINGS[status];
  if (!r || !s) throw new Error(`no meaning written down for ${JSON.stringify([reason, status])}`);
  return overrides[reason.trim()] ?? r.code ?? s.code ?? (r.withdrew || s.withdrew ? 'AW0' : 'NOT_KNOWN');
}

export interface RefReasonCount {
  stage: string;
  code: string;
  n: number;
}

/** Leavers per stage left at and category, stages in journey order, then largest first, then by code. */
export function referenceExitReasons(
  journeys: readonly RefJourney[], stages: readonly RefStageSetting[], overrides: Record<string, string> = {}, filters: RefFilters = {},
): RefReasonCount[] {
  const visible = stages.filter((s) => !s.hidden);
  const counts = new Map<string, RefReasonCount & { at: number }>();
  for (const j of journeys.filter((x) => x.outcome === 'left' && passes(x, filters))) {
    // The texts are read as recorded. Under an earlier as-of date a status that does not count
    // towards the outcome (something in the record is dated later) is still read for why the enquiry
    // closed: the README's as-of rule speaks of the outcome, and says nothing of the reasons.
    const code = categoryOf(j.record.reason, j.record.status, overrides);
    const key = `${j.furthest}|${code}`;
    const c = counts.get(key) ?? { at: j.furthest, stage: visible[j.furthest].id, code, n: 0 };
    c.n++;
    counts.set(key, c);
  }
  return [...counts.values()]
    .sort((a, b) => a.at - b.at || b.n - a.n || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map(({ stage, code, n }) => ({ stage, code, n }));
}
