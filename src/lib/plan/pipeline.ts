import { conditionalChance, type ApprovalCurve } from './curve';
import type { OpenCount } from './inputs';

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
 * Expected approvals by the target date from enquiries open at the as-of date:
 * each weighted by the chance that someone at its stage, that long after
 * reaching it, is approved within `horizon(stage)` days (from the stage's own
 * Aalen-Johansen curve, so people still open are censored, not lost).
 * The final stage is approval itself, so nobody is open there.
 */
export function pipelineByStage(
  open: readonly OpenCount[], curves: readonly ApprovalCurve[], horizon: (stage: number) => number,
): StagePipeline[] {
  const out = new Map<number, StagePipeline>();
  for (const o of open) {
    const st = out.get(o.stage) ?? { stage: o.stage, open: 0, buckets: [], expected: 0, variance: 0 };
    const curve = curveFor(curves, o.stage);
    const chance = curve ? conditionalChance(curve, o.days, horizon(o.stage)) : 0;
    st.open += o.n;
    st.buckets.push([o.n, chance]);
    st.expected += o.n * chance;
    st.variance += o.n * chance * (1 - chance);
    out.set(o.stage, st);
  }
  return [...out.values()].sort((a, b) => a.stage - b.stage);
}
