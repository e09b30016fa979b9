import { isSuppressed, suppressRate, SUPPRESSED, SUPPRESSION_THRESHOLD, withholding, type CountSum } from '../stats/disclosure';
import { withheldComparison, withheldTable, type Shown } from '../stats/disclosureTables';
import type { Funnel } from '../funnel/funnel';
import type { ChannelRow } from '../funnel/campaigns';
import type { PeriodCount, CohortResult } from '../funnel/cohorts';
import type { ReasonRow } from '../funnel/reasons';
import type { EqualityResult } from '../funnel/equality';
import type { ViewId } from './url';

/**
 * Summary links: the current view's aggregates only (no ids, no free text
 * beyond category labels, counts 1-4 shown as "<5"), compressed into the URL
 * fragment, which browsers never send to a server.
 */

/**
 * A published count: a number, "<5" for 1-4, or "suppressed" when a count of
 * 0 or 5+ is withheld so that a "<5" beside it cannot be worked out.
 */
export type Count = number | '<5' | typeof SUPPRESSED;
/** A published rate: 0-1, "suppressed" when it could reveal a small count, or null when undefined. */
export type PubRate = number | typeof SUPPRESSED | null;

export interface SummaryStep { id: string; name: string; reached: Count; left: Count; open: Count; conversion: PubRate }

export type SummaryData =
  | { kind: 'overview'; steps: SummaryStep[]; total: Count; approved: Count; openNow: Count; medianDaysToApproval: number | null }
  | { kind: 'campaigns'; by: 'campaign' | 'source' | 'service'; rows: { name: string; enquiries: Count; applications: Count; approvals: Count; enquiryToApplication: PubRate; costPerEnquiry: number | null; costPerApproval: number | null }[];
      /** The columns' totals (what the rows' counts are withheld against, so safe to give): the funnel plot's overall rate. Absent in older links. */
      totals?: { enquiries: number; applications: number } }
  | { kind: 'trends'; grain: string; periods: { period: string; enquiries: Count; applications: Count; approvals: Count }[]; cohorts: { period: string; enquiries: Count; approvedWithinWindow: PubRate; provisional: boolean }[];
      /** The first enquiry (periods before it are part periods, or undercounted) and the cohorts' window; absent in older links. */
      firstEnquiry?: string | null; windowMonths?: number }
  | { kind: 'dropoff'; steps: SummaryStep[]; reasons: { stage: string; label: string; n: Count }[] }
  | { kind: 'equality'; findings: { dimension: string; group: string; step: string; rate: PubRate; n: Count; restRate: PubRate; restN: Count }[] };

export interface Summary {
  v: 1;
  view: ViewId;
  /** Export file names and enquiries loaded. */
  source: { files: string[]; rows: Count };
  asOf: string;
  /** Filters in force, as readable labels. */
  filters: string[];
  made: string;
  data: SummaryData;
}

/** A count as published. */
export function pubCount(n: number): Count {
  return isSuppressed(n) ? '<5' : n;
}

/** Said under a table that withholds counts besides those of 1-4 (secondary suppression). */
export const SECONDARY_NOTE = 'Some other counts are withheld too (shown as "suppressed", which can stand for any count), so the counts under 5 cannot be worked out from the totals.';

/** Whether some published counts include one withheld to protect a count of 1-4 (shown as "suppressed"). */
export function withholdsOthers(counts: readonly Count[]): boolean {
  return counts.includes(SUPPRESSED);
}

/** A count as published: as it is, "<5" or "suppressed" when withheld, "suppressed" when relabelled (see withholding). */
function publish(n: number, how: boolean | Shown): Count {
  if (how === 'relabelled') return SUPPRESSED;
  return how === false || how === 'shown' ? n : isSuppressed(n) ? '<5' : SUPPRESSED;
}

/**
 * The funnel's counts as published, with the reasons people left when given.
 * The counts are tied together (reached = reached next + left + still open;
 * still open now = the stages' still open; left = its reasons when those add
 * up), so they are withheld together: no "<5" can be worked back from the rest.
 * Enquiries, applications and approvals are taken as known whatever this
 * shows: the campaign and period tables add up to them (and the service
 * returns them to Ofsted), so other counts are withheld to protect a "<5",
 * never those totals.
 */
function publishedFunnel(f: Funnel, reasons: ReasonRow[] = []) {
  const k = f.steps.length;
  const cell = (i: number, what: 0 | 1 | 2) => 3 * i + what;
  const counts = [...f.steps.flatMap((s) => [s.reached, s.left, s.open]), f.open, ...reasons.map((r) => r.n)];
  const sums: CountSum[] = f.steps.slice(0, -1).map((_, i) => ({ total: cell(i, 0), parts: [cell(i + 1, 0), cell(i, 1), cell(i, 2)] }));
  // The last stage's still open is 0 by definition (reaching it is approval): no use withholding it.
  sums.push({ total: 3 * k, parts: f.steps.slice(0, -1).map((_, i) => cell(i, 2)) });
  f.steps.forEach((s, i) => {
    const at = reasons.flatMap((r, j) => (r.stage === s.id ? [3 * k + 1 + j] : []));
    if (at.length && at.reduce((a, j) => a + counts[j], 0) === s.left) sums.push({ total: cell(i, 1), parts: at });
  });
  const known = f.steps.flatMap((s, i) => (i === 0 || i === k - 1 || s.id === 'application' ? [cell(i, 0)] : []));
  const { hidden, relabelled } = withholding(counts, sums, { fixed: new Set(known) });
  const pub = (at: number) => publish(counts[at], relabelled.has(at) ? 'relabelled' : hidden.has(at));
  const steps: SummaryStep[] = f.steps.map((s, i) => ({
    id: s.id, name: s.name, reached: pub(cell(i, 0)), left: pub(cell(i, 1)), open: pub(cell(i, 2)),
    conversion: i === 0 ? null
      : hidden.has(cell(i, 0)) || hidden.has(cell(i - 1, 0)) ? SUPPRESSED
      : suppressRate(s.reached, f.steps[i - 1].reached),
  }));
  return { steps, openNow: pub(3 * k), reasons: reasons.map((_, j) => pub(3 * k + 1 + j)) };
}

/** A median of a handful of people is one of their own durations: published only above the disclosure threshold. */
const publishedMedianDays = (f: Funnel) => (f.daysToFinal.n > SUPPRESSION_THRESHOLD ? f.daysToFinal.median : null);

/** Overview aggregates. */
export function overviewSummary(f: Funnel): SummaryData {
  const { steps, openNow } = publishedFunnel(f);
  return {
    kind: 'overview', steps, total: steps[0]?.reached ?? 0, approved: steps[steps.length - 1]?.reached ?? 0, openNow,
    medianDaysToApproval: publishedMedianDays(f),
  };
}

/**
 * The funnel and the reasons people left, for a paper that shows both (the
 * printed report): the Overview's figures and the Drop-off's from one
 * withholding, so no table or total can be played off against another.
 */
export function funnelAndReasonsSummaries(f: Funnel, reasons: ReasonRow[], label: (code: string) => string): {
  overview: Extract<SummaryData, { kind: 'overview' }>; dropoff: Extract<SummaryData, { kind: 'dropoff' }>;
} {
  const pub = publishedFunnel(f, reasons);
  return {
    overview: {
      kind: 'overview', steps: pub.steps, total: pub.steps[0]?.reached ?? 0, approved: pub.steps[pub.steps.length - 1]?.reached ?? 0,
      openNow: pub.openNow, medianDaysToApproval: publishedMedianDays(f),
    },
    dropoff: { kind: 'dropoff', steps: pub.steps, reasons: reasons.map((r, j) => ({ stage: r.stage, label: label(r.code), n: pub.reasons[j] })) },
  };
}

/** Drop-off aggregates: stages and exits by reason category. */
export function dropoffSummary(f: Funnel, reasons: ReasonRow[], label: (code: string) => string): SummaryData {
  return funnelAndReasonsSummaries(f, reasons, label).dropoff;
}

/**
 * Campaign or source comparison aggregates (names are category labels). The
 * rows partition the enquiries, so each column adds up to the funnel's
 * enquiries, applications and approvals: counts are withheld against those
 * totals (withheldTable), and a rate or cost goes with a withheld count.
 */
export function campaignsSummary(by: 'campaign' | 'source' | 'service', rows: ChannelRow[]): SummaryData {
  // Without an application stage applications are all 0 and approvals may exceed them.
  const order = rows.every((r) => r.approvals <= r.applications) ? [[0, 1], [1, 2]] as const : [[0, 2]] as const;
  const shown = withheldTable(rows.map((r) => [r.enquiries, r.applications, r.approvals]), 3, order);
  const hidden = (r: number, c: number) => shown(r, c) !== 'shown';
  return {
    kind: 'campaigns', by,
    rows: rows.map((r, i) => ({
      name: r.name, enquiries: publish(r.enquiries, shown(i, 0)), applications: publish(r.applications, shown(i, 1)),
      approvals: publish(r.approvals, shown(i, 2)),
      enquiryToApplication: hidden(i, 0) || hidden(i, 1) ? SUPPRESSED : suppressRate(r.applications, r.enquiries),
      // Spend over a withheld count would give it back.
      costPerEnquiry: hidden(i, 0) ? null : r.costPerEnquiry,
      costPerApproval: hidden(i, 2) ? null : r.costPerApproval,
    })),
    totals: { enquiries: rows.reduce((a, r) => a + r.enquiries, 0), applications: rows.reduce((a, r) => a + r.applications, 0) },
  };
}

/**
 * Trends aggregates: period counts and cohort results. The periods share out
 * the enquiries (and the applications and approvals made), so each column is
 * withheld against its total; a cohort's enquiries are its period's, withheld alike.
 */
export function trendsSummary(grain: string, periods: PeriodCount[], cohorts: CohortResult[], firstEnquiry?: string | null, windowMonths?: number): SummaryData {
  const shown = withheldTable(periods.map((p) => [p.enquiries, p.applications, p.approvals]), 3);
  const enquiriesShown = new Map(periods.map((p, i) => [p.period, shown(i, 0)]));
  return {
    kind: 'trends', grain, firstEnquiry, windowMonths,
    periods: periods.map((p, i) => ({
      period: p.period, enquiries: publish(p.enquiries, shown(i, 0)), applications: publish(p.applications, shown(i, 1)),
      approvals: publish(p.approvals, shown(i, 2)),
    })),
    cohorts: cohorts.map((c) => {
      const how = enquiriesShown.get(c.period) ?? (isSuppressed(c.enquiries) ? 'withheld' : 'shown');
      return {
        period: c.period, enquiries: publish(c.enquiries, how), provisional: c.provisional,
        approvedWithinWindow: how !== 'shown' ? SUPPRESSED : suppressRate(c.approvedWithin, c.enquiries),
      };
    }),
  };
}

/**
 * Equality aggregates: only the steps where a group is significantly behind.
 * A group's n and everyone else's add up to the step's total in the funnel,
 * so each pair is withheld together (withheldComparison).
 */
export function equalitySummary(results: EqualityResult[], stageName: (id: string) => string): SummaryData {
  return {
    kind: 'equality',
    findings: results.flatMap((r) => r.groups.flatMap((g) => g.behindAt.map((st) => {
      const c = g.steps.find((x) => x.stage === st)!;
      const hidden = withheldComparison(c.a, c.b);
      return {
        dimension: r.dimension, group: g.group, step: stageName(st),
        rate: hidden.rate[0] ? SUPPRESSED : suppressRate(c.a.successes, c.a.n), n: publish(c.a.n, hidden.n[0]),
        restRate: hidden.rate[1] ? SUPPRESSED : suppressRate(c.b.successes, c.b.n), restN: publish(c.b.n, hidden.n[1]),
      };
    }))),
  };
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const bin = atob(s.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Summaries the app makes are a few kB; a link holding more was not made by it. */
const MAX_FRAGMENT_CHARS = 64 * 1024;
const MAX_SUMMARY_BYTES = 1024 * 1024;

/** The bytes through a (de)compression stream; null past `limit` bytes out (a crafted link can inflate a thousandfold). */
async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(r.value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The URL fragment ("#summary=…") holding a summary, deflated and base64url-encoded. */
export async function encodeSummary(s: Summary): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(s));
  return '#summary=' + toBase64Url((await pipe(json, new CompressionStream('deflate-raw')))!);
}

/** Reads a summary fragment back; null when it is missing or not a summary this app made. */
export async function decodeSummary(hash: string): Promise<Summary | null> {
  const m = /^#summary=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m || m[1].length > MAX_FRAGMENT_CHARS) return null;
  try {
    const bytes = await pipe(fromBase64Url(m[1]), new DecompressionStream('deflate-raw'), MAX_SUMMARY_BYTES);
    if (!bytes) return null;
    const json = new TextDecoder().decode(bytes);
    const s = JSON.parse(json) as Summary;
    return isSummary(s) ? s : null;
  } catch {
    return null;
  }
}

const isCount = (x: unknown) => x === '<5' || x === SUPPRESSED || (typeof x === 'number' && Number.isInteger(x) && x >= 0);
const isRate = (x: unknown) => x === null || x === SUPPRESSED || (typeof x === 'number' && x >= 0 && x <= 1);
const isText = (x: unknown) => typeof x === 'string' && x.length <= 300;

/** Checks an untrusted decoded summary has the shape this app writes (it is only ever shown as text). */
export function isSummary(s: unknown): s is Summary {
  if (!s || typeof s !== 'object') return false;
  const o = s as Summary;
  if (o.v !== 1 || !isText(o.view) || !isText(o.asOf) || !Array.isArray(o.filters) || !o.filters.every(isText)) return false;
  if (!o.source || !Array.isArray(o.source.files) || !o.source.files.every(isText) || !isCount(o.source.rows)) return false;
  const d = o.data;
  if (!d || typeof d !== 'object') return false;
  const stepsOk = (st: unknown) => Array.isArray(st) && st.every((x: SummaryStep) => isText(x.id) && isText(x.name) && isCount(x.reached) && isCount(x.left) && isCount(x.open) && isRate(x.conversion));
  switch (d.kind) {
    case 'overview':
      return stepsOk(d.steps) && isCount(d.total) && isCount(d.approved) && isCount(d.openNow);
    case 'dropoff':
      return stepsOk(d.steps) && Array.isArray(d.reasons) && d.reasons.every((r) => isText(r.stage) && isText(r.label) && isCount(r.n));
    case 'campaigns':
      return Array.isArray(d.rows) && d.rows.every((r) => isText(r.name) && isCount(r.enquiries) && isCount(r.applications) && isCount(r.approvals) && isRate(r.enquiryToApplication));
    case 'trends':
      return Array.isArray(d.periods) && d.periods.every((p) => isText(p.period) && isCount(p.enquiries) && isCount(p.applications) && isCount(p.approvals))
        && Array.isArray(d.cohorts) && d.cohorts.every((c) => isText(c.period) && isCount(c.enquiries) && isRate(c.approvedWithinWindow));
    case 'equality':
      return Array.isArray(d.findings) && d.findings.every((f) => isText(f.dimension) && isText(f.group) && isText(f.step) && isRate(f.rate) && isCount(f.n));
    default:
      return false;
  }
}
