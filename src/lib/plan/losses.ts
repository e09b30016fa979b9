import { litDate } from '../engine/sql';
import { householdSource, sourceHas } from '../retention/afterApproval';
import type { CarersList } from '../ingest/carersList';
import type { HouseholdSource } from '../retention/households';
import { kaplanMeierCounts, survivalAt, type SurvivalCount, type SurvivalCurve } from '../stats/kaplanMeier';

/** What the data says about carers leaving fostering, for netting the target. */
export interface LossInputs {
  /** Households followed from approval: days to deregistration (events) or to the as-of date (censored). */
  survival: SurvivalCount[];
  /** Households still fostering at the as-of date, by days since their approval. */
  fostering: { days: number; n: number }[];
  /**
   * The households come from the enquiry export's own columns, so only those
   * approved from its enquiries are there: carers approved before its first
   * enquiry are missing, and losses are understated (a carers list has them all).
   */
  fromEnquiriesOnly?: boolean;
}

/** Where carers' deregistrations are recorded (a carers list or the export's own column), or null: the target stays gross. */
export function lossSource(attributes: readonly string[], carers: CarersList | null | undefined): HouseholdSource | null {
  const src = householdSource(attributes, carers);
  return src && sourceHas(src, carers).deregistered ? src : null;
}

/**
 * SQL for the counts behind expected deregistrations, over `households`
 * (SQL from householdsSql): days from approval to leaving or to the as-of
 * date (survival), and the households fostering now by days since approval.
 */
export function lossSql(households: string, asOf: string): { survival: string; fostering: string } {
  const at = litDate(asOf);
  return {
    survival: `SELECT date_diff('day', approved, coalesce(ended, ${at}))::INTEGER AS time, count(ended)::INTEGER AS events,
        count(*) FILTER (WHERE ended IS NULL)::INTEGER AS censored
      FROM (${households}) WHERE in_cohort AND NOT ended_before_approval GROUP BY ALL ORDER BY 1`,
    fostering: `SELECT date_diff('day', approved, ${at})::INTEGER AS days, count(*)::INTEGER AS n
      FROM (${households}) WHERE ended IS NULL AND NOT ended_before_approval GROUP BY ALL ORDER BY 1`,
  };
}

/** Expected losses by the target date, and what they make of a net target. */
export interface Losses {
  /** Households fostering at the as-of date. */
  households: number;
  /** Of them, expected to leave by the target date. */
  existing: number;
  /** Share of households approved from now to the target date expected to have left by then. */
  newShare: number;
  /** Households followed from approval for the estimate. */
  followed: number;
  curve: SurvivalCurve;
  /** The longest follow-up, in days since approval: beyond it the curve is carried on at `ratePerDay`. */
  followedDays: number;
  /** The followed households' deregistrations per day fostering (a constant rate of leaving). */
  ratePerDay: number;
}

/**
 * Survival at t days since approval: the Kaplan-Meier estimate over the
 * follow-up, and beyond it the last estimate carried on at the followed
 * households' average rate of leaving. Holding it level there assumed that
 * no carer approved before the data's reach ever leaves, which understated a
 * service's losses about fourfold (most of its carers are long-serving).
 */
function survivalCarried(curve: SurvivalCurve, end: number, ratePerDay: number, t: number): number {
  const at = t <= end ? survivalAt(curve, t) : null;
  if (at) return at.survival;
  const last = curve.steps.length ? curve.steps[curve.steps.length - 1].survival : 1;
  return last * Math.exp(-ratePerDay * Math.max(0, t - end));
}

/**
 * Expected deregistrations by `horizon` days after the as-of date (Kaplan-Meier
 * from approval, carried on beyond the follow-up: survivalCarried): each
 * household fostering now leaves with chance 1 − S(a + h) / S(a) at a days
 * since approval; households approved evenly over the window leave with the
 * average of 1 − S over it.
 */
export function expectedLosses(inputs: LossInputs, horizon: number): Losses {
  const curve = kaplanMeierCounts(inputs.survival);
  const end = curve.exits.length ? curve.exits[curve.exits.length - 1].time : 0;
  const events = inputs.survival.reduce((a, c) => a + c.events, 0);
  const daysFollowed = inputs.survival.reduce((a, c) => a + c.time * (c.events + c.censored), 0);
  const ratePerDay = daysFollowed > 0 ? events / daysFollowed : 0;
  const S = (t: number) => survivalCarried(curve, end, ratePerDay, t);
  let existing = 0;
  let households = 0;
  for (const f of inputs.fostering) {
    households += f.n;
    const now = S(f.days);
    if (now > 0) existing += f.n * (1 - S(f.days + horizon) / now);
  }
  let lost = 0;
  for (let d = 0; d < horizon; d++) lost += 1 - S(d + 0.5);
  return { households, existing, newShare: horizon > 0 ? lost / horizon : 0, followed: curve.n, curve, followedDays: end, ratePerDay };
}

/** Approvals needed for a net target: (net + expected losses of current carers) / (1 − share of new ones lost). */
export function grossTarget(net: number, l: Losses): number {
  return (net + l.existing) / Math.max(0.05, 1 - l.newShare);
}
