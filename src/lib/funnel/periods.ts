/** UK financial years (April to March), labelled as Ofsted does: "2023-24". */
import { fromDayNumber, toDayNumber } from '../stats/isoDate';

/** Days in an average month (a year of 365.25 days over 12): months become days and back with this one figure. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** The financial year an ISO date falls in. */
export function financialYear(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** First and last day of a financial year label. */
export function financialYearRange(label: string): { from: string; to: string } {
  const start = Number(label.slice(0, 4));
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** Financial years covering a date range, oldest first. */
export function financialYears(fromIso: string, toIso: string): string[] {
  const out: string[] = [];
  const first = Number(financialYear(fromIso).slice(0, 4));
  const last = Number(financialYear(toIso).slice(0, 4));
  for (let y = first; y <= last; y++) out.push(`${y}-${String((y + 1) % 100).padStart(2, '0')}`);
  return out;
}

/** A period grain: calendar month, financial quarter (Q1 = April-June) or financial year. */
type PeriodGrain = 'month' | 'quarter' | 'fy';

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const isoOf = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** First and last day (ISO) of a period label: "2023-05", "2023-24 Q2" or "2023-24". */
export function periodRange(label: string, grain: PeriodGrain): { from: string; to: string } {
  if (grain === 'fy') return financialYearRange(label);
  if (grain === 'month') {
    const [y, m] = [Number(label.slice(0, 4)), Number(label.slice(5, 7))];
    return { from: isoOf(y, m, 1), to: isoOf(y, m, lastDayOfMonth(y, m)) };
  }
  const start = Number(label.slice(0, 4));
  const q = Number(label.slice(-1));
  const firstMonth = ((q - 1) * 3 + 3) % 12 + 1; // Q1 April, Q2 July, Q3 October, Q4 January
  const y = q === 4 ? start + 1 : start;
  return { from: isoOf(y, firstMonth, 1), to: isoOf(y, firstMonth + 2, lastDayOfMonth(y, firstMonth + 2)) };
}

/**
 * Whether nobody enquiring in a period can have had `windowDays` by `asOf`
 * (its first day is less than that before): its "approved within" share is
 * then not a floor worth showing ("0% so far"), just too early.
 */
export function tooEarlyFor(period: string, grain: PeriodGrain, windowDays: number, asOf: string): boolean {
  // Compared as ISO text, as isPartPeriod does: a view drawing the last grain's rows for a moment
  // after the grain changes ("2022-23" read as a month) must not throw.
  return periodRange(period, grain).from > fromDayNumber(toDayNumber(asOf) - windowDays);
}

/**
 * True when the data cover only part of a period: it starts before the first
 * day covered or ends after the last (the as-of date, or the end of a date
 * filter). Such a period must not be read as a whole one that "fell".
 */
export function isPartPeriod(label: string, grain: PeriodGrain, covered: { from: string; to: string }): boolean {
  const r = periodRange(label, grain);
  return r.from < covered.from || r.to > covered.to;
}

/**
 * How long after the first enquiry in the data a period's applications and
 * approvals still come partly from enquiries made before the data begin
 * (most approvals come within a year of the enquiry).
 */
export const PIPELINE_FILLING_DAYS = 365;

/**
 * Whether a period starts before the pipeline has filled: some of its
 * applications and approvals would come from enquiries made before
 * `firstEnquiry`, which the data don't hold, so they are undercounted.
 */
export function isFillingPeriod(label: string, grain: PeriodGrain, firstEnquiry: string): boolean {
  // As ISO text, like isPartPeriod: a label of the last grain, drawn for a moment after the grain changes, must not throw.
  return periodRange(label, grain).from < fromDayNumber(toDayNumber(firstEnquiry) + PIPELINE_FILLING_DAYS);
}

/** The label of the period a date falls in: "2023-05", "2023-24 Q2" or "2023-24". */
export function periodLabel(iso: string, grain: PeriodGrain): string {
  if (grain === 'month') return iso.slice(0, 7);
  const fy = financialYear(iso);
  if (grain === 'fy') return fy;
  const m = Number(iso.slice(5, 7));
  return `${fy} Q${Math.floor(((m + 8) % 12) / 3) + 1}`;
}
