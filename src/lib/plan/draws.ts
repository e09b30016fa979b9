import { betaDraw, seededRandom } from '../stats/random';
import type { PlanModel } from './model';

/** How many joint draws of the uncertain rates the planner's intervals rest on. */
const DRAW_COUNT = 1000;
const SEED = 0x5eed_91a7;

/**
 * Joint draws of what the history leaves uncertain: each source's and each
 * campaign's share approved in the end (its Beta posterior), and for each
 * stage a factor on the chances of the enquiries open there (its eventual
 * approval share over the point estimate). Seeded, so the same data always
 * gives the same intervals.
 */
export interface Draws {
  count: number;
  /** [source index][draw]: share approved in the end. */
  sourceP: Float64Array[];
  /** [campaign index][draw]. */
  campaignP: Float64Array[];
  /** [stage][draw]: factor on that stage's chances. */
  stageScale: Float64Array[];
  /** A uniform number per draw, for the chance variation of approvals from new enquiries. */
  u: Float64Array;
  /** Another, for the chance variation of a lever's gain. */
  uGain: Float64Array;
}

/** A fresh seeded generator for the pipeline's chance variation, so every outlook is reproducible. */
export const pipelineRandom = () => seededRandom(SEED ^ 0x2545f491);

/** Draws from the model's posteriors (see Draws). */
export function makeDraws(model: PlanModel, count = DRAW_COUNT): Draws {
  const rnd = seededRandom(SEED);
  const fill = (f: () => number) => Float64Array.from({ length: count }, f);
  const sourceP = model.sources.map((s) => fill(() => betaDraw(rnd, s.curve.a, s.curve.b)));
  const campaignP = model.campaigns.map((c) => fill(() => betaDraw(rnd, c.curve.a, c.curve.b)));
  const stageScale = model.stageCurves.map((c) => fill(() => (c.p > 0 ? betaDraw(rnd, c.a, c.b) / c.p : 1)));
  return { count, sourceP, campaignP, stageScale, u: fill(rnd), uGain: fill(rnd) };
}
