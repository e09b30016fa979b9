/**
 * Plain-English comparison lines for headline figures: this window against the
 * one before, honest about chance (a rise or fall is named only when its 95%
 * interval leaves out "no change"; otherwise it is "within normal variation").
 */
import { countChange } from '../stats/countChange';
import { rateChange } from '../stats/newcombe';
import { fmtChange, fmtDate, fmtInt, fmtPct, fmtPoints } from '../format';
import { describeApprovalsSplit, splitApprovalsChange, type ComparisonWindows } from './change';
import type { Filters } from './filters';
import { financialYear, financialYearRange } from './periods';
import type { WindowCounts } from './windowCounts';

/** A comparison as shown under a figure; direction is set only for a change beyond chance. */
export interface CompareLine {
  text: string;
  /** The verdict in a few words, for beside a headline figure: "down 19%", "no clear change". */
  short: string;
  detail?: string;
  /** For a fall in approvals: how much is fewer enquiries and how much fewer approvals per enquiry. */
  split?: string;
  direction: 'up' | 'down' | 'same';
}

/** "2023-24 compared with 2022-23", "The last 12 months compared with the 12 before"… */
export function windowsLabel(w: ComparisonWindows, filters: Filters = {}): string {
  if (!filters.from && !filters.to) return 'The last 12 months compared with the 12 before';
  const fy = financialYear(w.current.from);
  const range = financialYearRange(fy);
  if (range.from === w.current.from && range.to === filters.to) {
    return `${fy}${w.current.to < range.to ? ` (to ${fmtDate(w.current.to)})` : ''} compared with the ${w.days} days before`;
  }
  return `${fmtDate(w.current.from)} to ${fmtDate(w.current.to)} compared with the ${fmtInt(w.days)} days before`;
}

const ratioInterval = (low: number | null, high: number | null) =>
  low === null || high === null ? '' : `95% interval ${fmtChange(low)} to ${high === Infinity ? 'no upper limit' : fmtChange(high)}`;

/** A count now against before (Poisson ratio, exact interval). */
export function countLine(now: number, before: number, what: string): CompareLine {
  const c = countChange(now, before);
  const base = `${fmtInt(now)} ${what}`;
  if (c.verdict === 'no data') return { text: `${base}; none in the period before`, short: 'none before', direction: 'same' };
  if (c.verdict === 'no clear change') {
    return { text: `${base}, ${fmtInt(before)} before: within normal variation`, short: 'no clear change', detail: ratioInterval(c.low, c.high), direction: 'same' };
  }
  const word = c.verdict === 'up' ? 'up' : 'down';
  // None now (a campaign that has ended, say): said so, not "down 100%".
  if (now === 0) return { text: `${base}, down from ${fmtInt(before)}`, short: `down from ${fmtInt(before)}`, detail: ratioInterval(c.low, c.high), direction: word };
  const pct = fmtChange(c.ratio).replace(/^[+−]/, '');
  const by = before === 0 ? `from none` : `${pct} on ${fmtInt(before)}`;
  return { text: `${base}, ${word} ${by}`, short: before === 0 ? `${word} from none` : `${word} ${pct}`, detail: ratioInterval(c.low, c.high), direction: word };
}

/** Applications per enquiry in each window (period counts), compared by Newcombe's interval. */
export function periodRateLine(appsNow: number, enqNow: number, appsBefore: number, enqBefore: number): CompareLine | undefined {
  // Period counts: applications in a window need not come from its enquiries, so the ratio can pass 1.
  if (appsNow > enqNow || appsBefore > enqBefore || !enqNow || !enqBefore) return undefined;
  return rateLine(appsNow, enqNow, appsBefore, enqBefore, (rate) => `${fmtPct(rate)} applications per enquiry (n=${fmtInt(enqNow)})`);
}

/**
 * A rate now against before, compared by Newcombe's interval for the
 * difference: named up or down (in points) only when the interval leaves out
 * no change. `describe` writes the rate now as the line starts.
 */
export function rateLine(successesNow: number, nNow: number, successesBefore: number, nBefore: number, describe: (rateNow: number | null) => string): CompareLine {
  const r = rateChange({ successes: successesNow, n: nNow }, { successes: successesBefore, n: nBefore });
  const now = describe(r.current.rate);
  const detail = `95% interval ${fmtPoints(r.low)} to ${fmtPoints(r.high)}`;
  if (r.verdict === 'up' || r.verdict === 'down') {
    const by = fmtPoints(r.difference).replace(/^[+−]/, '');
    return { text: `${now}, ${r.verdict} ${by} on ${fmtPct(r.previous.rate)}`, short: `${r.verdict} ${by}`, detail, direction: r.verdict };
  }
  return { text: `${now}, ${fmtPct(r.previous.rate)} before: within normal variation`, short: 'no clear change', detail, direction: 'same' };
}

/**
 * Approvals made now against before; when they fell beyond chance, how much
 * of the fall is fewer enquiries and how much fewer approvals per enquiry (a
 * fall within normal variation has no causes to share out).
 */
export function approvalsLine(before: WindowCounts, now: WindowCounts): CompareLine {
  const line = countLine(now.approvals, before.approvals, 'approvals made');
  const split = line.direction === 'down' ? splitApprovalsChange(before, now) : null;
  if (!split) return line;
  return { ...line, split: describeApprovalsSplit(split) };
}

/** Median days from enquiry to approval of the approvals made in each window (no interval: medians with n). */
export function medianDaysLine(now: WindowCounts, before: WindowCounts): CompareLine | undefined {
  if (now.medianDaysToApproval === null || before.medianDaysToApproval === null) return undefined;
  return {
    text: `Approvals made in the latest period took a median ${Math.round(now.medianDaysToApproval)} days (n=${fmtInt(now.approvalsTimed)}); ${Math.round(before.medianDaysToApproval)} before (n=${fmtInt(before.approvalsTimed)})`,
    short: `${Math.round(now.medianDaysToApproval)} days, ${Math.round(before.medianDaysToApproval)} before`,
    direction: 'same',
  };
}

/** The Overview's comparison of two windows, line by line (the report prints the same lines); a line is absent when there is nothing to compare. */
export interface CompareLines {
  enquiries: CompareLine;
  applications: CompareLine;
  appRate: CompareLine | undefined;
  approvals: CompareLine;
  days: CompareLine | undefined;
}

/** The comparison lines of the window on show against the one before. */
export function compareLines(now: WindowCounts, before: WindowCounts): CompareLines {
  return {
    enquiries: countLine(now.enquiries, before.enquiries, 'enquiries received'),
    applications: countLine(now.applications, before.applications, 'applications received'),
    appRate: periodRateLine(now.applications, now.enquiries, before.applications, before.enquiries),
    approvals: approvalsLine(before, now),
    days: medianDaysLine(now, before),
  };
}

