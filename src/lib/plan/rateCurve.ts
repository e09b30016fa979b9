import { approvalsAt, type Estimate } from './outlook';
import type { Plan } from './plan';

/** Approvals expected by the target date at one enquiry rate. */
export interface RatePoint extends Estimate {
  perMonth: number;
}

/**
 * Approvals by the target date at evenly spaced enquiry rates, from none to
 * a little beyond both the current and the needed rate: the figures behind
 * the planner's chart.
 */
export function rateCurve(plan: Plan, steps = 12): RatePoint[] {
  const top = Math.max(plan.currentPerMonth, plan.needed?.high ?? 0, 1) * 1.15;
  const step = niceStep(top / steps);
  const out: RatePoint[] = [];
  for (let m = 0; m <= top + step / 2; m += step) out.push({ perMonth: m, ...approvalsAt(plan.outlook, m) });
  return out;
}

/** 1, 2 or 5 times a power of ten, at least x. */
function niceStep(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(x, 1e-9))));
  return [1, 2, 5, 10].map((k) => k * p).find((s) => s >= x) ?? 10 * p;
}
