import { fromDayNumber, toDayNumber } from '../stats/isoDate';
import { RANGE_95 } from '../stats/zValues';
import { lagQuantile } from './curve';
import { makeDraws, type Draws } from './draws';
import type { PlanModel } from './model';
import { approvalsAt, enquiriesNeeded, outlook, quantile, type Estimate, type Outlook } from './outlook';
import { expectedLosses, grossTarget, type Losses } from './losses';

/** A source's part of the plan at the current mix. */
export interface SourcePlan {
  name: string;
  /** Share of recent enquiries. */
  share: number;
  /** Its enquiries a month lately. */
  currentPerMonth: number;
  /** Needed a month at the current mix (null when the target is beyond reach). */
  needed: Estimate | null;
  /** Share approved in the end, with a 95% interval, and the people behind it. */
  conversion: Estimate;
  n: number;
}

/** The planner's answer for a target. */
export interface Plan {
  asOf: string;
  by: string;
  /** The target as entered: net new households (gross approvals when no deregistrations are recorded). */
  target: number;
  /** Approvals needed for it: the target plus expected losses (equal to it without deregistration data). */
  approvalsTarget: number;
  /** Expected losses of carers by the target date; null when the data records no deregistrations. */
  losses: Losses | null;
  horizonDays: number;
  /**
   * Enquiries needed a month from the as-of date; null when new enquiries
   * cannot be approved in time (none would be, or the last useful date has passed).
   */
  needed: Estimate | null;
  /** Approvals expected from the open pipeline by the target date. */
  pipeline: Estimate;
  /** The current enquiry rate (a month) and what it would bring by the target date. */
  currentPerMonth: number;
  atCurrentRate: Estimate;
  /** Approvals target − expected approvals at the current rate (positive: short). */
  shortfall: number;
  /** Median days from enquiry to approval, for those approved. */
  medianLagDays: number | null;
  /** Enquiries after this date mostly come too late: fewer than 1 in 10 approvals are that quick. */
  lastUsefulDate: string | null;
  sources: SourcePlan[];
  outlook: Outlook;
}

/** The model's draws, made once per model (they do not depend on the target). */
const drawCache = new WeakMap<PlanModel, Draws>();
function drawsFor(model: PlanModel): Draws {
  let d = drawCache.get(model);
  if (!d) drawCache.set(model, (d = makeDraws(model)));
  return d;
}

/** Outlooks and losses per model and horizon: typing a target reuses them (a few dates kept). */
const horizonCache = new WeakMap<PlanModel, Map<number, { o: Outlook; losses: Losses | null }>>();
function forHorizon(model: PlanModel, horizon: number): { o: Outlook; losses: Losses | null } {
  let byHorizon = horizonCache.get(model);
  if (!byHorizon) horizonCache.set(model, (byHorizon = new Map()));
  let hit = byHorizon.get(horizon);
  if (!hit) {
    if (byHorizon.size >= 8) byHorizon.delete(byHorizon.keys().next().value!);
    hit = { o: outlook(model, drawsFor(model), horizon), losses: model.losses ? expectedLosses(model.losses, horizon) : null };
    byHorizon.set(horizon, hit);
  }
  return hit;
}

/**
 * Net new households the current enquiry rate would bring by `by`: the
 * approvals expected, less the carers expected to leave when deregistrations
 * are known (negative: fewer households than now). Null when `by` is not
 * after the as-of date. The planner's starting target.
 */
export function netAtCurrentRate(model: PlanModel, by: string): number | null {
  const horizon = toDayNumber(by) - model.asOfDay;
  if (!(horizon > 0)) return null;
  const { o, losses } = forHorizon(model, horizon);
  const approvals = approvalsAt(o, model.ratePerMonth).value;
  return losses ? approvals * (1 - losses.newShare) - losses.existing : approvals;
}

/**
 * Works back from a target (net new households from the as-of date to `by`:
 * approvals, plus the carers expected to leave when deregistrations are known) to the
 * enquiries needed a month, overall and per source at the current mix, and
 * says what the current enquiry rate would bring. Null when `by` is not after
 * the as-of date.
 */
export function makePlan(model: PlanModel, target: number, by: string): Plan | null {
  const horizon = toDayNumber(by) - model.asOfDay;
  if (!(horizon > 0) || !(target >= 0)) return null;
  const { o, losses } = forHorizon(model, horizon);
  const approvalsTarget = losses ? grossTarget(target, losses) : target;
  const q10 = lagQuantile(model.overall, 0.1);
  const lastUsefulDate = q10 === null ? null : fromDayNumber(toDayNumber(by) - q10);
  // Past the last useful date, what new enquiries could bring is the quickest tenth's tail: dividing the gap by
  // it gives tens of thousands a month, a figure nobody should quote. Out of reach, unless the open ones suffice.
  const tooLate = lastUsefulDate !== null && lastUsefulDate <= model.asOf;
  const reach = enquiriesNeeded(o, approvalsTarget);
  const needed = tooLate && reach && reach.value > 0 ? null : reach;
  const atCurrentRate = approvalsAt(o, model.ratePerMonth);
  const sources = model.sources.filter((s) => s.share > 0).map((s) => {
    const j = model.sources.indexOf(s);
    const scaled = (x: number) => x * s.share;
    return {
      name: s.name, share: s.share, currentPerMonth: model.ratePerMonth * s.share,
      needed: needed && { value: scaled(needed.value), low: scaled(needed.low), high: scaled(needed.high) },
      conversion: { value: s.curve.p, low: quantile(o.draws.sourceP[j], RANGE_95.low), high: quantile(o.draws.sourceP[j], RANGE_95.high) },
      n: s.curve.n,
    };
  });
  return {
    asOf: model.asOf, by, target, approvalsTarget, losses, horizonDays: horizon, needed,
    pipeline: { value: o.pipelineExpected, low: quantile(o.pipelineCounts, RANGE_95.low), high: quantile(o.pipelineCounts, RANGE_95.high) },
    currentPerMonth: model.ratePerMonth, atCurrentRate, shortfall: approvalsTarget - atCurrentRate.value,
    medianLagDays: lagQuantile(model.overall, 0.5),
    lastUsefulDate,
    sources, outlook: o,
  };
}
