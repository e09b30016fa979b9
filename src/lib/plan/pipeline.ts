import { conditionalChance, type ApprovalCurve } from './curve';
import { stateAt } from '../stats/aalenJohansen';
import type { OpenCount } from './inputs';
import { landmarkFor, WAIT_LANDMARKS } from '../funnel/forecast';
import type { PlanModel } from './model';

/** Open enquiries at one stage with their chances of approval by the target date. */
export interface StagePipeline {
  stage: number;
  /** Open enquiries at this stage. */
  open: number;
  /** Each open enquiry's chance, one entry per bucket of the same age: [count, chance]. */
  buckets: [number, number][];
  /** Expected approvals by the target date (sum of the chances). */
  expected: number;
  /** Sum of chance × (1 − chance): the spread of that count given the chances. */
  variance: number;
}

/**
 * The curve to read a stage's chances from: its own, or an earlier stage's when
 * too few reached it with a date to draw one (at least one approval needed).
 */
export function curveFor(curves: readonly ApprovalCurve[], stage: number): ApprovalCurve | null {
  for (let k = Math.min(stage, curves.length - 1); k >= 0; k--) if (curves[k].approvals > 0) return curves[k];
  return null;
}

/**
 * The curve an enquiry open at `stage` for `days` is read from, and whether
 * it is a wait curve: that of the people who stayed at the stage at least as
 * long (the longest of WAIT_LANDMARKS it has passed, or a shorter one with too
 * few people behind it: landmarkFor, the rule Campaigns' expected approvals
 * follow); otherwise, or when nobody who reached the stage was approved, a
 * stage curve (curveFor).
 */
export function openCurve(model: Pick<PlanModel, 'stageCurves' | 'waitCurves'>, stage: number, days: number): { curve: ApprovalCurve; waited: boolean } | null {
  const waits = model.waitCurves?.[stage];
  if (waits) {
    const j = landmarkFor(waits.map((w) => w.effectivePeople), WAIT_LANDMARKS.filter((l) => l > 0 && days >= l).length);
    if (j > 0 || waits[0].curve.approvals > 0) return { curve: waits[j].curve, waited: true };
  }
  const curve = curveFor(model.stageCurves, stage);
  return curve && { curve, waited: false };
}

/**
 * The chance an enquiry open at `stage` for `days` is approved within `horizon`
 * more days. Read from a wait curve (openCurve), it is the share of those who
 * stayed as long that was approved by `days + horizon` after reaching the
 * stage: all of them were still there, undecided, at the landmark, as the
 * enquiry is, so in the long run it is Campaigns' chance (conditioning again
 * on being undecided `days` in would count in those of them who had gone
 * further by then). Read from a stage curve, the chance given undecided
 * `days` in (conditionalChance).
 */
export function openChance(model: Pick<PlanModel, 'stageCurves' | 'waitCurves'>, stage: number, days: number, horizon: number): number {
  const read = openCurve(model, stage, days);
  if (!read) return 0;
  if (!read.waited || horizon <= 0) return conditionalChance(read.curve, days, horizon);
  return Math.min(1, Math.max(0, stateAt(read.curve.points, days + horizon).cumulativeIncidence));
}

/**
 * Expected approvals by the target date from enquiries open at the as-of date:
 * each weighted by the chance that someone at its stage who has waited there
 * as long is approved within `horizon(stage)` days (openChance: Aalen-Johansen,
 * so people still open are censored, not lost).
 * The final stage is approval itself, so nobody is open there.
 */
export function pipelineByStage(
  open: readonly OpenCount[], model: Pick<PlanModel, 'stageCurves' | 'waitCurves'>, horizon: (stage: number) => number,
): StagePipeline[] {
  const out = new Map<number, StagePipeline>();
  for (const o of open) {
    const st = out.get(o.stage) ?? { stage: o.stage, open: 0, buckets: [], expected: 0, variance: 0 };
    const chance = openChance(model, o.stage, o.days, horizon(o.stage));
    st.open += o.n;
    st.buckets.push([o.n, chance]);
    st.expected += o.n * chance;
    st.variance += o.n * chance * (1 - chance);
    out.set(o.stage, st);
  }
  return [...out.values()].sort((a, b) => a.stage - b.stage);
}
