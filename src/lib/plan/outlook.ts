import { binomialDraw, normalDraw, poissonQuantile } from '../stats/random';
import { RANGE_95 } from '../stats/zValues';
import { pipelineByStage, type StagePipeline } from './pipeline';
import { DAYS_PER_MONTH } from '../funnel/periods';
import { MAX_HORIZON_DAYS, type PlanModel } from './model';
import { pipelineRandom, type Draws } from './draws';

/** A count with its 95% interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

/** What the history says about approvals by the target date, before choosing an enquiry rate. */
export interface Outlook {
  horizonDays: number;
  pipeline: StagePipeline[];
  /** Expected approvals from the open pipeline. */
  pipelineExpected: number;
  /** Per draw: approvals from the pipeline (with chance variation). */
  pipelineCounts: Float64Array;
  /** Expected approvals by the target date per enquiry a month from now, at the current mix. */
  perEnquiry: number;
  /** The same per draw. */
  perEnquiryDraws: Float64Array;
  draws: Draws;
}

/** Enquiry-months of "approved by the target date" in a window of `days` days, shifted `sooner` days earlier. */
export function windowWeight(model: PlanModel, days: number, sooner = 0): number {
  const at = (d: number) => model.lag[Math.max(0, Math.min(MAX_HORIZON_DAYS, Math.round(d)))];
  return (at(days + sooner) - at(sooner)) / DAYS_PER_MONTH;
}

/** Pipeline approvals per draw: each stage's chances scaled by that draw's factor. */
function pipelineCounts(pipeline: readonly StagePipeline[], draws: Draws): Float64Array {
  const out = new Float64Array(draws.count);
  const rnd = pipelineRandom();
  for (const st of pipeline) {
    const scale = draws.stageScale[st.stage] ?? draws.stageScale[draws.stageScale.length - 1];
    for (let i = 0; i < draws.count; i++) {
      const f = scale ? scale[i] : 1;
      if (st.open <= 200) {
        for (const [n, c] of st.buckets) out[i] += binomialDraw(rnd, n, Math.min(1, c * f));
      } else {
        out[i] += Math.max(0, Math.round(st.expected * f + Math.sqrt(st.variance) * normalDraw(rnd)));
      }
    }
  }
  return out;
}

/** The outlook for a plan ending `horizonDays` after the as-of date. */
export function outlook(model: PlanModel, draws: Draws, horizonDays: number): Outlook {
  const h = Math.max(0, Math.min(MAX_HORIZON_DAYS, Math.round(horizonDays)));
  const pipeline = pipelineByStage(model.open, model, () => h);
  const w = windowWeight(model, h);
  const perEnquiry = model.sources.reduce((s, src) => s + src.share * src.curve.p, 0) * w;
  const perEnquiryDraws = new Float64Array(draws.count);
  model.sources.forEach((src, j) => {
    for (let i = 0; i < draws.count; i++) perEnquiryDraws[i] += src.share * draws.sourceP[j][i] * w;
  });
  return {
    horizonDays: h, pipeline, pipelineExpected: pipeline.reduce((s, p) => s + p.expected, 0),
    pipelineCounts: pipelineCounts(pipeline, draws), perEnquiry, perEnquiryDraws, draws,
  };
}

/** The q-quantile of a sample (nearest rank). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Approvals by the target date per draw at `perMonth` enquiries a month (pipeline + new, each with chance variation). */
function countsAt(o: Outlook, perMonth: number): Float64Array {
  return o.pipelineCounts.map((p, i) => p + poissonQuantile(o.draws.u[i], perMonth * o.perEnquiryDraws[i]));
}

/** Approvals expected by the target date at `perMonth` enquiries a month, with a 95% prediction interval. */
export function approvalsAt(o: Outlook, perMonth: number): Estimate {
  const counts = countsAt(o, perMonth);
  return { value: o.pipelineExpected + perMonth * o.perEnquiry, low: quantile(counts, RANGE_95.low), high: quantile(counts, RANGE_95.high) };
}

/** The smallest rate (to 0.1 a month) at which the q-quantile of approvals reaches the target; null beyond reach. */
function rateFor(o: Outlook, target: number, q: number): number | null {
  const enough = (m: number) => quantile(countsAt(o, m), q) >= target;
  if (enough(0)) return 0;
  let hi = 1;
  while (!enough(hi)) if ((hi *= 2) > 1e6) return null;
  let lo = 0;
  while (hi - lo > 0.05) {
    const mid = (lo + hi) / 2;
    if (enough(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Enquiries needed a month from the as-of date for the target: the rate at
 * which the expected approvals meet it, and a range: the low end is enough
 * only if conversion and chance both go well (target at the top of the 95%
 * interval), the high end makes it near certain (target at the bottom).
 * Null when enquiries made from now on cannot be approved by then.
 */
export function enquiriesNeeded(o: Outlook, target: number): Estimate | null {
  const gap = target - o.pipelineExpected;
  if (gap <= 0) return { value: 0, low: 0, high: rateFor(o, target, RANGE_95.low) ?? 0 };
  if (!(o.perEnquiry > 1e-9)) return null;
  const high = rateFor(o, target, RANGE_95.low);
  if (high === null) return null;
  return { value: gap / o.perEnquiry, low: rateFor(o, target, RANGE_95.high) ?? 0, high };
}
