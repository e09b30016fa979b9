/**
 * Random-export reference helpers shared by the metric references in this
 * folder: a wide export's records (with reason and source, unlike funnel.ts's),
 * its CSV, and where each enquiry stood as at an as-of date, written from the
 * README's "Definitions" alone. It imports nothing from src/lib/funnel,
 * src/lib/ingest or src/lib/coordinator.
 *
 * Definitions implemented here (README):
 * - Stages follow the configured order; a hidden stage's evidence counts
 *   towards the visible stage before it.
 * - Furthest stage: the last stage with any evidence (a date, or an approved
 *   outcome: the final stage). Outcome: approved (reached the final stage);
 *   left (a status meaning ended, or an exit date); open otherwise.
 * - As-of date: the latest date in the data (stage or exit dates, none after
 *   the export date) unless set. An earlier one shows things as they stood
 *   then: enquiries made after it are left out, stage dates and exits after
 *   it are not known yet, and a record's status counts only if nothing in it
 *   is dated after the as-of date.
 * - Filters: enquiry dates (inclusive), campaigns and sources ("(blank)" for
 *   none recorded).
 */

/** Stage ids after the enquiry, in the standard order, and their date columns in the CSV. */
export const LATER_STAGES = ['initial_visit', 'application', 'stage1', 'stage2', 'panel', 'approved'] as const;
export type LaterStage = (typeof LATER_STAGES)[number];

/** Status words the generated exports use, and what each means. */
export const STATUS_MEANINGS: Record<string, 'approved' | 'left' | 'open'> = {
  'In progress': 'open',
  'On Hold': 'open',
  Withdrawn: 'left',
  NFA: 'left',
  'Closed - Not Proceeding': 'left',
  'Counselled out': 'left',
  Approved: 'approved',
};

/** The value filters use for "none recorded". */
export const NONE = '(blank)';

/** One row of a generated export (unique ids: duplicate merging is funnel.ts's business). Dates ISO. */
export interface ExportRecord {
  id: string;
  enquiry: string;
  dates: Partial<Record<LaterStage, string>>;
  /** A key of STATUS_MEANINGS, or ''. */
  status: string;
  reason: string;
  exitDate: string | null;
  campaign: string;
  source: string;
}

export interface RefStageSetting {
  id: string;
  name: string;
  hidden: boolean;
}

export interface RefFilters {
  from?: string | null;
  to?: string | null;
  campaigns?: string[];
  sources?: string[];
}

// ---------------------------------------------------------------------------
// Dates, plain arithmetic on ISO strings.

const DAY_MS = 86_400_000;
const ms = (iso: string) => Date.parse(iso + 'T00:00:00Z');

/** Whole days from a to b. */
export function days(a: string, b: string): number {
  return Math.round((ms(b) - ms(a)) / DAY_MS);
}

/** The date n days after iso. */
export function addDays(iso: string, n: number): string {
  return new Date(ms(iso) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The same day n calendar months later, or the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month0 = y * 12 + (m - 1) + n;
  const year = Math.floor(month0 / 12);
  const month = (month0 % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** "2024-03-05" -> "05/03/2024". */
export const uk = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export type RefGrain = 'month' | 'quarter' | 'fy';

/** Financial year start (April to March). */
const fyStart = (iso: string) => {
  const [y, m] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
  return m >= 4 ? y : y - 1;
};
const fyLabel = (start: number) => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;

/** A date's period: month "2023-04", financial year "2023-24", financial quarter "2023-24 Q1" (April to June). */
export function periodOf(iso: string, grain: RefGrain): string {
  if (grain === 'month') return iso.slice(0, 7);
  const start = fyStart(iso);
  if (grain === 'fy') return fyLabel(start);
  const m = Number(iso.slice(5, 7));
  const q = m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4;
  return `${fyLabel(start)} Q${q}`;
}

/** The last day of the period a date falls in. */
export function periodEndOf(iso: string, grain: RefGrain): string {
  const [y, m] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
  const lastOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  if (grain === 'month') return lastOfMonth(y, m);
  if (grain === 'fy') return `${fyStart(iso) + 1}-03-31`;
  // The quarter's last month, in the same calendar year: June, September, December or March.
  const endMonth = m >= 4 ? 3 * (Math.floor((m - 4) / 3) + 1) + 3 : 3;
  return lastOfMonth(y, endMonth);
}

/** The median of numbers (the mean of the middle two when even); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// ---------------------------------------------------------------------------
// The export as a file.

export const EXPORT_HEADER =
  'Ref,Enquiry Date,Initial Visit Date,Application Date,Stage 1 Date,Stage 2 Date,Panel Date,Approval Date,Status,Reason,Exit Date,Campaign,Source';

/** Quotes a CSV cell when it needs it. */
const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A wide export of the records, dates as dd/mm/yyyy. */
export function exportCsv(records: readonly ExportRecord[]): string {
  const lines = records.map((r) => [
    r.id, uk(r.enquiry), ...LATER_STAGES.map((st) => (r.dates[st] ? uk(r.dates[st]!) : '')),
    r.status, cell(r.reason), r.exitDate ? uk(r.exitDate) : '', cell(r.campaign), cell(r.source),
  ].join(','));
  return [EXPORT_HEADER, ...lines].join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Where each enquiry stood at the as-of date.

/** Every date a record holds. */
const recordDates = (r: ExportRecord) => [r.enquiry, ...Object.values(r.dates), ...(r.exitDate ? [r.exitDate] : [])] as string[];

/** The latest date in the data, none after the export date: the as-of date unless one is set. */
export function latestDate(records: readonly ExportRecord[], exportDate: string): string {
  return records.flatMap(recordDates).filter((d) => d <= exportDate).reduce((a, d) => (d > a ? d : a), '');
}

/** One enquiry as it stood at the as-of date, on the configured journey. */
export interface RefJourney {
  record: ExportRecord;
  /** Index into the visible stages. */
  furthest: number;
  outcome: 'approved' | 'left' | 'open';
  /** The visible stages' own dates known at the as-of date (index 0: the enquiry date). */
  dates: (string | null)[];
  /** The latest stage date known of any stage, hidden ones included (the enquiry date at least). */
  lastStageDate: string;
  /** The exit date, when known. */
  exitDate: string | null;
  /** The status, when it counts (''). */
  status: string;
}

/** Where each enquiry stood at `asOf` under the stage list, enquiries made after it left out. */
export function journeysAt(records: readonly ExportRecord[], stages: readonly RefStageSetting[], asOf: string): RefJourney[] {
  const visible = stages.filter((s) => !s.hidden);
  const final = visible.length - 1;
  // The visible stage each configured stage's evidence counts towards.
  const towards = new Map<string, number>();
  let at = -1;
  for (const st of stages) {
    if (!st.hidden) at = visible.indexOf(st);
    towards.set(st.id, at);
  }
  const out: RefJourney[] = [];
  for (const r of records) {
    if (r.enquiry > asOf) continue;
    const known = (d: string | null | undefined) => (d && d <= asOf ? d : null);
    const own: Record<string, string> = { enquiry: r.enquiry };
    for (const st of LATER_STAGES) {
      const d = known(r.dates[st]);
      if (d) own[st] = d;
    }
    const status = recordDates(r).every((d) => d <= asOf) ? r.status : '';
    const meaning = status ? STATUS_MEANINGS[status] : undefined;
    let furthest = -1;
    for (const id of Object.keys(own)) if (towards.has(id)) furthest = Math.max(furthest, towards.get(id)!);
    if (meaning === 'approved') furthest = final;
    if (furthest < 0) continue;
    const exitDate = known(r.exitDate);
    const outcome = furthest === final ? 'approved' : meaning === 'left' || exitDate !== null ? 'left' : 'open';
    const lastStageDate = Object.entries(own).filter(([id]) => towards.has(id)).map(([, d]) => d).reduce((a, d) => (d > a ? d : a));
    out.push({ record: r, furthest, outcome, dates: visible.map((s) => own[s.id] ?? null), lastStageDate, exitDate, status });
  }
  return out;
}

/** Whether a journey passes the filters. */
export function passes(j: RefJourney, f: RefFilters = {}): boolean {
  const r = j.record;
  if (f.from && r.enquiry < f.from) return false;
  if (f.to && r.enquiry > f.to) return false;
  const inList = (v: string, list?: string[]) => !list?.length || list.includes(v === '' ? NONE : v);
  return inList(r.campaign, f.campaigns) && inList(r.source, f.sources);
}
