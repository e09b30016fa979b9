import { poissonInterval } from '../stats/poisson';
import { FEW_APPROVALS } from '../thresholds';

export interface CostPerApproval {
  spend: number;
  approvals: number;
  /** Spend / approvals; null with no approvals yet. */
  value: number | null;
  /** 95% interval: spend over the exact Poisson interval of the approvals. */
  low: number;
  /** Null when unbounded (no approvals yet). */
  high: number | null;
  tooFew: boolean;
}

/**
 * Cost per approval with its uncertainty. Approvals are treated as a Poisson
 * count (chance events over the campaign's reach), so the cost's 95% interval
 * is spend divided by the exact interval of the count. Null without spend.
 */
export function costPerApproval(spend: number | null, approvals: number, confidence = 0.95): CostPerApproval | null {
  if (spend === null || !(spend > 0)) return null;
  const { low, high } = poissonInterval(approvals, confidence);
  return {
    spend, approvals,
    value: approvals > 0 ? spend / approvals : null,
    low: spend / high,
    high: low > 0 ? spend / low : null,
    tooFew: approvals < FEW_APPROVALS,
  };
}
