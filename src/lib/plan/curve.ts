import { aalenJohansenCounts, stateAt, type IncidencePoint } from '../stats/aalenJohansen';
import type { EventCounts } from './inputs';

/**
 * How many of a group are approved in the end and how long it takes: the
 * cumulative approval curve F(t) = p·L(t), with p the share approved in the
 * end and L the lag (share of eventual approvals made within t days).
 */
export interface ApprovalCurve {
  /** Share approved in the end (the curve's last value). */
  p: number;
  /** Beta posterior for p: approvals + ½ and the effective non-approvals + ½ (Jeffreys). */
  a: number;
  b: number;
  /** People followed. */
  n: number;
  /** Approvals seen. */
  approvals: number;
  /** The Aalen-Johansen curve (approval the event, leaving competing, open censored). */
  points: IncidencePoint[];
}

/**
 * The curve from time-to-event counts. Recent enquiries are censored at the
 * as-of date, so young cohorts count for what they have shown so far. The
 * effective sample behind p is approvals / p: as many people as it takes to
 * see this many approvals at this rate.
 */
export function approvalCurve(rows: readonly Pick<EventCounts, 'day' | 'approved' | 'left' | 'censored'>[]): ApprovalCurve {
  const points = aalenJohansenCounts(rows.map((r) => ({ time: r.day, approved: r.approved, left: r.left, censored: r.censored })));
  const n = rows.reduce((s, r) => s + r.approved + r.left + r.censored, 0);
  const approvals = rows.reduce((s, r) => s + r.approved, 0);
  const decided = rows.reduce((s, r) => s + r.approved + r.left, 0);
  const p = points.length ? points[points.length - 1].cumulativeIncidence : 0;
  const effective = p > 0 ? approvals / p : decided;
  return { p, a: approvals + 0.5, b: Math.max(0, effective - approvals) + 0.5, n, approvals, points };
}

/** Share of eventual approvals made within t days: L(t) = F(t) / p (1 beyond the curve, 0 with no approvals). */
function lagShare(c: ApprovalCurve, t: number): number {
  return c.p > 0 ? Math.min(1, stateAt(c.points, t).cumulativeIncidence / c.p) : 0;
}

/**
 * ∫₀ʰ L(s) ds for h = 0…maxDays, by whole days: index h gives the enquirer-days
 * of "eventual approval made by then" in a window h days long. An enquiry made
 * h−s days before the target date counts with L(s), so enquiries spread evenly
 * over h days yield p·integral[h]/h approvals each.
 */
export function lagIntegral(c: ApprovalCurve, maxDays: number): Float64Array {
  const out = new Float64Array(maxDays + 1);
  for (let h = 1; h <= maxDays; h++) out[h] = out[h - 1] + lagShare(c, h - 0.5);
  return out;
}

/** Days within which a share q of eventual approvals are made (null with no approvals). */
export function lagQuantile(c: ApprovalCurve, q: number): number | null {
  if (!(c.p > 0)) return null;
  const hit = c.points.find((pt) => pt.cumulativeIncidence / c.p >= q - 1e-12);
  return hit ? hit.time : null;
}

/**
 * Chance that someone still open `days` after the curve's start is approved
 * within the next `horizon` days: (F(d+h) − F(d)) / S(d). Old cases beyond the
 * last time with at least `minAtRisk` people followed are treated as that old.
 */
export function conditionalChance(c: ApprovalCurve, days: number, horizon: number, minAtRisk = 20): number {
  if (horizon <= 0 || !c.points.length) return 0;
  let cap = 0;
  for (const pt of c.points) if (pt.atRisk >= minAtRisk) cap = pt.time;
  const d = Math.min(days, cap);
  const now = stateAt(c.points, d);
  if (now.survival <= 0) return 0;
  const later = stateAt(c.points, d + horizon).cumulativeIncidence;
  return Math.min(1, Math.max(0, (later - now.cumulativeIncidence) / now.survival));
}
