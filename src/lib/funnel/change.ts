/**
 * Comparing a window of time with the one before it: which windows, and how
 * a change in approvals splits into fewer (or more) enquiries and a lower (or
 * higher) conversion. Pure: the counts come from windowCounts.
 */
import { fmtInt } from '../format';
import { fromDayNumber, toDayNumber } from '../stats/isoDate';
import type { Filters } from './filters';
import type { DateWindow } from './windowCounts';

const addDays = (iso: string, n: number) => fromDayNumber(toDayNumber(iso) + n);

/** The window on show and the one of the same length just before it. */
export interface ComparisonWindows {
  current: DateWindow;
  previous: DateWindow;
  /** Days in each window. */
  days: number;
  /** The previous window starts before the first enquiry in the data: it is not a fair comparison. */
  previousIncomplete: boolean;
}

/**
 * The enquiry-date filter's range (its end capped at the as-of date) or, with
 * none, the 12 months to the as-of date; and the same number of days before.
 */
export function comparisonWindows(asOf: string, firstEnquiry: string, filters: Filters = {}): ComparisonWindows | null {
  const to = filters.to && filters.to < asOf ? filters.to : asOf;
  const from = filters.from ?? addDays(asOf, -364);
  if (from > to) return null;
  const days = toDayNumber(to) - toDayNumber(from) + 1;
  const previous = { from: addDays(from, -days), to: addDays(from, -1) };
  return { current: { from, to }, previous, days, previousIncomplete: previous.from < firstEnquiry };
}

/** How a change in approvals splits: the two parts add up to the change. */
export interface ApprovalsSplit {
  change: number;
  /** What the change in enquiries alone would have done at the earlier conversion. */
  fromEnquiries: number;
  /** The rest: the change in approvals per enquiry. */
  fromConversion: number;
}

/**
 * Splits approvals(now) − approvals(before) into c₀·ΔE (enquiries changed,
 * approvals per enquiry as before) and E₁·Δc (approvals per enquiry changed),
 * with c = approvals / enquiries received in the same window (period counts).
 * Null when the earlier window had no enquiries.
 */
export function splitApprovalsChange(before: { enquiries: number; approvals: number }, now: { enquiries: number; approvals: number }): ApprovalsSplit | null {
  if (before.enquiries === 0) return null;
  const c0 = before.approvals / before.enquiries;
  const fromEnquiries = c0 * (now.enquiries - before.enquiries);
  const change = now.approvals - before.approvals;
  return { change, fromEnquiries, fromConversion: change - fromEnquiries };
}

/**
 * A fall in approvals split in words: the part that goes with the change in
 * enquiries received in the same window, at the earlier approvals per enquiry,
 * and the rest; whole people, the parts adding up to the fall. Said as a split
 * of the counts, not of causes: approvals mostly come from enquiries made
 * months before (about nine on average), not from the same window's.
 */
export function describeApprovalsSplit(split: ApprovalsSplit): string {
  const e = Math.sign(split.fromEnquiries) * Math.round(Math.abs(split.fromEnquiries));
  const part = (n: number, fewer: string, more: string) => (n <= 0 ? `about ${fmtInt(Math.abs(n))} go with ${fewer}` : `${fmtInt(n)} were offset by ${more}`);
  const parts = [[e, 'fewer enquiries in the same months', 'more enquiries'], [split.change - e, 'fewer approvals per enquiry', 'more approvals per enquiry']] as const;
  // A part that rounds to nobody is not said ("about 0 go with…").
  const said = parts.filter(([n]) => n !== 0).map(([n, fewer, more]) => part(n, fewer, more));
  return `Of the ${fmtInt(-split.change)} fewer approvals, ${said.length === 2 ? said.join(' and ') : `all ${said[0].replace(/^about \d[\d,]* /, '')}`}:`
    + ' a split of the counts, not of causes, as approvals mostly come from enquiries made months before.';
}

/** Shifts an ISO date by whole months, keeping the day where the month has it (else its last day). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const [ny, nm] = [Math.floor(total / 12), (total % 12) + 1];
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Months in a period of each grain. */
const GRAIN_MONTHS = { month: 1, quarter: 3, fy: 12 } as const;

/**
 * The latest period as far as the data go, and the same span of the period
 * before it (e.g. 1 April to 31 October of 2026-27 and of 2025-26): a part
 * period is compared with the same part of the one before, never with a whole.
 */
export function latestAgainstPrevious(latest: DateWindow, coveredTo: string, grain: keyof typeof GRAIN_MONTHS): { current: DateWindow; previous: DateWindow; part: boolean } {
  const to = coveredTo < latest.to ? coveredTo : latest.to;
  const k = GRAIN_MONTHS[grain];
  return { current: { from: latest.from, to }, previous: { from: addMonths(latest.from, -k), to: addMonths(to, -k) }, part: to < latest.to };
}
