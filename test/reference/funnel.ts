/**
 * An independent reference implementation of the funnel, in plain TypeScript
 * over raw enquiry records, written straight from the definitions the product
 * promises (see DOMAIN.md and the funnel brief). It deliberately imports
 * nothing from src/lib/funnel or src/lib/ingest: tests compare the SQL with it.
 *
 * Definitions implemented here:
 * - Stages in configured order; hidden stages' evidence counts toward the last
 *   visible stage before them (nowhere when no visible stage comes before).
 * - Furthest stage = the last stage in order with any evidence: a date for it,
 *   a current-stage value naming it, or an approved outcome (the final stage).
 *   Reached(k) = furthest >= k.
 * - Outcome: approved (reached the final stage); left (a status meaning ended,
 *   or an exit date); open otherwise (including on hold).
 * - Left(k) / Open(k): left / open with furthest stage k.
 * - Conversion(k) = reached(k) / reached(k-1);
 *   decided conversion(k) = reached(k) / (reached(k) + left(k-1)).
 * - Days from the previous stage: between the two recorded dates where both
 *   exist; backwards intervals are excluded and counted; quartiles type 7.
 * - A stage with no date before a later dated stage is passed and counted as skipped.
 * - Duplicate rows (same id) merge as the app does: earliest date per stage
 *   (and enquiry date), latest exit date, and status / current stage / campaign
 *   from the latest row having one, "latest" meaning the row whose own latest
 *   date is greatest, ties going to the later row in the file.
 */
import { quartiles } from '../../src/lib/stats/quantiles';
import { rate } from '../../src/lib/stats/rate';

/** The standard stages in order, with the header of the date column used in test CSVs. */
export const REF_STAGES = [
  { id: 'enquiry', name: 'Enquiry', label: 'Enquiry' },
  { id: 'initial_visit', name: 'Initial visit', label: 'Initial visit' },
  { id: 'application', name: 'Application', label: 'Application' },
  { id: 'stage1', name: 'Stage 1 complete', label: 'Stage 1' },
  { id: 'stage2', name: 'Stage 2 complete', label: 'Stage 2' },
  { id: 'panel', name: 'Panel', label: 'Panel' },
  { id: 'approved', name: 'Approved', label: 'Approved' },
] as const;

export type RefStageId = (typeof REF_STAGES)[number]['id'];

/** Status words and what they mean (the subset of real exports the tests use). */
export const STATUS_MEANING: Record<string, 'approved' | 'left' | 'open'> = {
  'In progress': 'open',
  'On Hold': 'open',
  Withdrawn: 'left',
  NFA: 'left',
  'Closed - Not Proceeding': 'left',
  Approved: 'approved',
};

/** Current-stage labels and the stage each names. */
export const CURRENT_STAGE_LABEL: Record<string, RefStageId> = Object.fromEntries(
  REF_STAGES.map((s) => [s.label, s.id]),
) as Record<string, RefStageId>;

/** One row of an export, as the tests write it. Dates are ISO (YYYY-MM-DD). */
export interface RawRecord {
  id: string;
  enquiry: string;
  /** Dates of the stages after enquiry; the enquiry stage's date is `enquiry`. */
  dates: Partial<Record<Exclude<RefStageId, 'enquiry'>, string>>;
  /** A key of STATUS_MEANING, or '' for none. */
  status: string;
  exitDate: string | null;
  /** A key of CURRENT_STAGE_LABEL, or '' for none. */
  currentStage: string;
  campaign: string;
}

export interface RefStage {
  id: string;
  name: string;
  hidden: boolean;
}

export interface RefRate {
  rate: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

export interface RefDays {
  median: number | null;
  q1: number | null;
  q3: number | null;
  n: number;
}

export interface RefStep {
  id: string;
  name: string;
  reached: number;
  left: number;
  open: number;
  conversion: RefRate | null;
  decidedConversion: RefRate | null;
  days: RefDays | null;
  backwards: number;
  skipped: number;
}

export interface RefFunnel {
  steps: RefStep[];
  daysToFinal: RefDays;
  total: number;
  approved: number;
  open: number;
  left: number;
}

/** An enquiry after duplicates are merged. */
export interface MergedEnquiry {
  id: string;
  enquiry: string;
  /** Every stage's earliest date, the enquiry stage included. */
  dates: Record<string, string>;
  status: string;
  exitDate: string | null;
  currentStage: string;
  campaign: string;
}

/** Whole days from a to b (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

const maxIso = (xs: (string | null | undefined)[]) =>
  xs.filter((x): x is string => !!x).reduce<string | null>((m, x) => (m === null || x > m ? x : m), null);
const minIso = (xs: (string | null | undefined)[]) =>
  xs.filter((x): x is string => !!x).reduce<string | null>((m, x) => (m === null || x < m ? x : m), null);

/** A row's own latest date: what makes one duplicate row "later" than another. */
function rowLast(r: RawRecord): string {
  return maxIso([r.enquiry, r.exitDate, ...Object.values(r.dates)])!;
}

/** Merges rows sharing an id, in file order. */
export function mergeRecords(rows: readonly RawRecord[]): MergedEnquiry[] {
  const byId = new Map<string, { row: RawRecord; seq: number }[]>();
  rows.forEach((row, seq) => {
    const list = byId.get(row.id) ?? [];
    list.push({ row, seq });
    byId.set(row.id, list);
  });
  const out: MergedEnquiry[] = [];
  for (const [id, list] of byId) {
    // Latest first: greatest own date, then later in the file.
    const ordered = [...list].sort((a, b) => {
      const la = rowLast(a.row);
      const lb = rowLast(b.row);
      return la === lb ? b.seq - a.seq : la < lb ? 1 : -1;
    });
    const latest = (get: (r: RawRecord) => string) => ordered.map((x) => get(x.row)).find((v) => v !== '') ?? '';
    const dates: Record<string, string> = { enquiry: minIso(list.map((x) => x.row.enquiry))! };
    for (const st of REF_STAGES) {
      if (st.id === 'enquiry') continue;
      const d = minIso(list.map((x) => x.row.dates[st.id]));
      if (d) dates[st.id] = d;
    }
    out.push({
      id,
      enquiry: dates.enquiry,
      dates,
      status: latest((r) => r.status),
      exitDate: maxIso(list.map((x) => x.row.exitDate)),
      currentStage: latest((r) => r.currentStage),
      campaign: latest((r) => r.campaign),
    });
  }
  return out;
}

/** One merged enquiry placed on the configured journey. */
export interface RefJourney {
  enquiry: MergedEnquiry;
  /** Index into the visible stages; -1 when there is no evidence at any visible stage. */
  furthest: number;
  outcome: 'approved' | 'left' | 'open';
  /** Own date of each visible stage (null when not recorded). */
  visibleDates: (string | null)[];
}

/** Where each enquiry got to and how it ended, under a stage list. */
export function refJourneys(merged: readonly MergedEnquiry[], stages: readonly RefStage[]): RefJourney[] {
  const visible = stages.filter((s) => !s.hidden);
  const k = visible.length;
  // For each configured stage, the visible stage its evidence counts towards.
  const countsTowards = new Map<string, number>();
  let last = -1;
  for (const st of stages) {
    if (!st.hidden) last = visible.indexOf(st);
    countsTowards.set(st.id, last);
  }
  return merged.map((e) => {
    let furthest = -1;
    const evidence = (stageId: string | undefined) => {
      if (stageId === undefined || !countsTowards.has(stageId)) return;
      furthest = Math.max(furthest, countsTowards.get(stageId)!);
    };
    for (const id of Object.keys(e.dates)) evidence(id);
    if (e.currentStage) evidence(CURRENT_STAGE_LABEL[e.currentStage]);
    const meaning = e.status ? STATUS_MEANING[e.status] : undefined;
    if (meaning === 'approved') furthest = k - 1;
    const outcome: RefJourney['outcome'] =
      furthest === k - 1 ? 'approved' : meaning === 'left' || e.exitDate !== null ? 'left' : 'open';
    return { enquiry: e, furthest, outcome, visibleDates: visible.map((s) => e.dates[s.id] ?? null) };
  });
}

function rateOf(num: number, den: number): RefRate {
  const w = rate(num, den);
  return { rate: w.rate, low: w.low, high: w.high, n: den };
}

function daysOf(values: number[]): RefDays {
  const q = quartiles(values);
  return { median: q.median, q1: q.q1, q3: q.q3, n: values.length };
}

/** Options narrowing the enquiries counted (mirrors the app's filters used in tests). */
export interface RefFilter {
  from?: string;
  to?: string;
  campaigns?: string[];
}

/** The funnel, straight from the definitions. */
export function referenceFunnel(rows: readonly RawRecord[], stages: readonly RefStage[], filter: RefFilter = {}): RefFunnel {
  const visible = stages.filter((s) => !s.hidden);
  const k = visible.length;
  const journeys = refJourneys(mergeRecords(rows), stages).filter((j) => {
    if (j.furthest < 0) return false;
    if (filter.from && j.enquiry.enquiry < filter.from) return false;
    if (filter.to && j.enquiry.enquiry > filter.to) return false;
    if (filter.campaigns?.length) {
      const c = j.enquiry.campaign === '' ? '(blank)' : j.enquiry.campaign;
      if (!filter.campaigns.includes(c)) return false;
    }
    return true;
  });

  const reached = visible.map((_, i) => journeys.filter((j) => j.furthest >= i).length);
  const left = visible.map((_, i) => journeys.filter((j) => j.furthest === i && j.outcome === 'left').length);
  const open = visible.map((_, i) => journeys.filter((j) => j.furthest === i && j.outcome === 'open').length);

  const steps: RefStep[] = visible.map((st, i) => {
    if (i === 0) {
      return { id: st.id, name: st.name, reached: reached[0], left: left[0], open: open[0], conversion: null, decidedConversion: null, days: null, backwards: 0, skipped: 0 };
    }
    const forward: number[] = [];
    let backwards = 0;
    let skipped = 0;
    for (const j of journeys) {
      const a = j.visibleDates[i - 1];
      const b = j.visibleDates[i];
      if (a && b) {
        const d = daysBetween(a, b);
        if (d < 0) backwards++;
        else forward.push(d);
      }
      if (!b && j.visibleDates.slice(i + 1).some((x) => x !== null)) skipped++;
    }
    return {
      id: st.id,
      name: st.name,
      reached: reached[i],
      left: left[i],
      open: open[i],
      conversion: rateOf(reached[i], reached[i - 1]),
      decidedConversion: rateOf(reached[i], reached[i] + left[i - 1]),
      days: daysOf(forward),
      backwards,
      skipped,
    };
  });

  const toFinal: number[] = [];
  if (k > 1) {
    for (const j of journeys) {
      const a = j.visibleDates[0];
      const b = j.visibleDates[k - 1];
      if (a && b && b >= a) toFinal.push(daysBetween(a, b));
    }
  }
  return {
    steps,
    daysToFinal: daysOf(toFinal),
    total: journeys.length,
    approved: journeys.filter((j) => j.outcome === 'approved').length,
    open: journeys.filter((j) => j.outcome === 'open').length,
    left: journeys.filter((j) => j.outcome === 'left').length,
  };
}

/** "2024-03-05" -> "05/03/2024". */
export function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The header of the wide CSV written by `toCsv`. */
export const CSV_HEADER =
  'Ref,Enquiry Date,Initial Visit Date,Application Date,Stage 1 Date,Stage 2 Date,Panel Date,Approval Date,Status,Exit Date,Current Stage,Campaign';

/** A wide export of the records, dates as dd/mm/yyyy. */
export function toCsv(rows: readonly RawRecord[]): string {
  const lines = rows.map((r) => {
    const d = (id: Exclude<RefStageId, 'enquiry'>) => (r.dates[id] ? ukDate(r.dates[id]!) : '');
    return [
      r.id, ukDate(r.enquiry), d('initial_visit'), d('application'), d('stage1'), d('stage2'), d('panel'), d('approved'),
      r.status, r.exitDate ? ukDate(r.exitDate) : '', r.currentStage, r.campaign,
    ].join(',');
  });
  return [CSV_HEADER, ...lines].join('\n') + '\n';
}
