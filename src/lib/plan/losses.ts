import type { Engine } from '../engine/engine';
import { litDate } from '../engine/sql';
import type { Filters } from '../funnel/filters';
import type { FunnelSettings } from '../funnel/settings';
import { approvalColumn, householdSource, sourceHas } from '../funnel/afterApproval';
import type { CarersList } from '../retention/carersList';
import { householdsSql } from '../retention/households';
import { kaplanMeierCounts, survivalAt, type SurvivalCount, type SurvivalCurve } from '../stats/kaplanMeier';

/** What the data says about carers leaving fostering, for netting the target. */
export interface LossInputs {
  /** Households followed from approval: days to deregistration (events) or to the as-of date (censored). */
  survival: SurvivalCount[];
  /** Households still fostering at the as-of date, by days since their approval. */
  fostering: { days: number; n: number }[];
}

/**
 * Counts for expected deregistrations, when the data records them (a carers
 * list or the export's own deregistration column); null otherwise.
 */
export async function lossInputs(
  engine: Engine, s: FunnelSettings, asOf: string, attributes: readonly string[], carers: CarersList | null | undefined, filters?: Filters,
): Promise<LossInputs | null> {
  const src = householdSource(attributes, carers);
  if (!src || !sourceHas(src, carers).deregistered) return null;
  const [{ since }] = await engine.query<{ since: string | null }>(`SELECT strftime(min(enquiry_date), '%Y-%m-%d') AS since FROM journeys`);
  const households = householdsSql(src, approvalColumn(s), asOf, since ?? asOf, { ...filters, from: null, to: null });
  const at = litDate(asOf);
  const survival = await engine.query<{ time: number; events: number; censored: number }>(
    `SELECT date_diff('day', approved, coalesce(ended, ${at}))::INTEGER AS time, count(ended)::INTEGER AS events,
        count(*) FILTER (WHERE ended IS NULL)::INTEGER AS censored
     FROM (${households}) WHERE in_cohort AND NOT ended_before_approval GROUP BY ALL ORDER BY 1`,
  );
  const fostering = await engine.query<{ days: number; n: number }>(
    `SELECT date_diff('day', approved, ${at})::INTEGER AS days, count(*)::INTEGER AS n
     FROM (${households}) WHERE ended IS NULL AND NOT ended_before_approval GROUP BY ALL ORDER BY 1`,
  );
  return { survival, fostering };
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
}

/** Survival at t, holding the last known value beyond the follow-up (losses there are not known). */
function survivalHeld(curve: SurvivalCurve, t: number): number {
  const at = survivalAt(curve, t);
  if (at) return at.survival;
  return curve.steps.length ? curve.steps[curve.steps.length - 1].survival : 1;
}

/**
 * Expected deregistrations by `horizon` days after the as-of date (Kaplan-Meier
 * from approval): each household fostering now leaves with chance
 * 1 − S(a + h) / S(a) at a days since approval; households approved evenly
 * over the window leave with the average of 1 − S over it.
 */
export function expectedLosses(inputs: LossInputs, horizon: number): Losses {
  const curve = kaplanMeierCounts(inputs.survival);
  let existing = 0;
  let households = 0;
  for (const f of inputs.fostering) {
    households += f.n;
    const now = survivalHeld(curve, f.days);
    if (now > 0) existing += f.n * (1 - survivalHeld(curve, f.days + horizon) / now);
  }
  let lost = 0;
  for (let d = 0; d < horizon; d++) lost += 1 - survivalHeld(curve, d + 0.5);
  return { households, existing, newShare: horizon > 0 ? lost / horizon : 0, followed: curve.n, curve };
}

/** Approvals needed for a net target: (net + expected losses of current carers) / (1 − share of new ones lost). */
export function grossTarget(net: number, l: Losses): number {
  return (net + l.existing) / Math.max(0.05, 1 - l.newShare);
}
