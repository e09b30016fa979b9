/**
 * The user's own targets and how the service stands against them. Targets
 * travel in the link (see state/url.ts); nothing here touches data.
 */
import { poissonInterval } from '../stats/poisson';

/** Targets a service sets itself. Shares are fractions 0-1. */
export interface Targets {
  /** Approvals (new approved households) a financial year. */
  approvalsPerYear?: number;
  /** Applications per enquiry (period counts, as Ofsted counts them). */
  enquiryToApplication?: number;
  /** Share of assessments reaching panel within the panel standard (8 months unless set) of application. */
  panelWithinStandard?: number;
  /** Share of enquiries visited within the visit standard (N working days, Data page). */
  visitWithinStandard?: number;
}

export type TargetKey = keyof Targets;

/** Link parameter and allowed range per target; shares go in the link as whole percentages. */
export const TARGET_PARAMS: Record<TargetKey, { param: string; share: boolean; max: number }> = {
  approvalsPerYear: { param: 't.approvals', share: false, max: 100_000 },
  enquiryToApplication: { param: 't.apprate', share: true, max: 100 },
  panelWithinStandard: { param: 't.panel', share: true, max: 100 },
  visitWithinStandard: { param: 't.visit', share: true, max: 100 },
};

/** Reads one target from its link text (a whole number or one decimal); null when unreadable. */
export function readTarget(key: TargetKey, text: string | null): number | null {
  if (text === null || !/^\d{1,6}(\.\d)?$/.test(text.trim())) return null;
  const n = Number(text);
  const { share, max } = TARGET_PARAMS[key];
  if (!(n > 0) || n > max) return null;
  if (!share && !Number.isInteger(n)) return null;
  return share ? Math.round(n * 10) / 1000 : n;
}

/**
 * Reads a target as typed in its box, by the link's rules so it comes back
 * the same after a reload: a share is a percentage kept to one decimal, a
 * count a whole number. `value` null clears the target (an empty box);
 * `error` says what to type when the text can't be kept.
 */
export function parseTargetInput(key: TargetKey, text: string): { value: number | null } | { error: string } {
  const t = text.trim();
  if (t === '') return { value: null };
  const { share, max } = TARGET_PARAMS[key];
  const n = Number(t);
  const rounded = share ? Math.round(n * 10) / 10 : Math.round(n);
  if (!Number.isFinite(n) || !(rounded > 0) || rounded > max) {
    return { error: share ? `Enter a percentage from 0.1 to ${max}, or leave it empty for no target.` : `Enter a whole number from 1 to ${max.toLocaleString('en-GB')}, or leave it empty for no target.` };
  }
  return { value: readTarget(key, String(rounded)) };
}

/** The link text of a target. */
export function writeTarget(key: TargetKey, value: number): string {
  return TARGET_PARAMS[key].share ? String(Math.round(value * 1000) / 10) : String(Math.round(value));
}

/** Where a figure stands against its target, given its 95% interval when it has one. */
export type TargetStatus = 'on track' | 'behind, within chance' | 'behind';

/**
 * "on track" at or above the target; "behind, within chance" below it but with
 * the target inside the interval (the shortfall could be chance); else "behind".
 */
export function targetStatus(value: number, target: number, high: number | null = null): TargetStatus {
  if (value >= target) return 'on track';
  return high !== null && high >= target ? 'behind, within chance' : 'behind';
}

/**
 * Approvals the financial year containing the as-of date will end with at the
 * pace of the last 12 months: those made so far this year plus the last 12
 * months' rate for the days left.
 */
export function projectApprovals(soFarThisYear: number, lastTwelveMonths: number, daysLeftInYear: number): number {
  return soFarThisYear + (lastTwelveMonths * Math.max(0, daysLeftInYear)) / 365;
}

/**
 * The most the year could end with at a pace the last 12 months allow (the
 * top of their count's exact 95% Poisson interval), so a projection short of
 * a target is "behind" only when even that falls short.
 */
export function projectApprovalsHigh(soFarThisYear: number, lastTwelveMonths: number, daysLeftInYear: number): number {
  return projectApprovals(soFarThisYear, poissonInterval(lastTwelveMonths).high, daysLeftInYear);
}
