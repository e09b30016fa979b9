import { openChance } from './pipeline';
import { poissonQuantile } from '../stats/random';
import { RANGE_95 } from '../stats/zValues';
import { quantile, windowWeight, type Estimate, type Outlook } from './outlook';
import type { PlanModel } from './model';
import { DAYS_PER_MONTH } from '../funnel/periods';
import { fmtDate, fmtInt, fmtList } from '../format';
import { BLANK } from '../funnel/filters';

/** What-if changes the planner can try (any left null are off). */
export interface Levers {
  /** Raise (or lower, negative) the conversion into a stage (visible index ≥ 1) by some percentage points. */
  conversion: { stage: number; points: number } | null;
  /** Shorten the step into a stage by some days. */
  shorten: { stage: number; days: number } | null;
  /** Move spend from one campaign to another at their observed cost per enquiry. */
  spend: { from: string; to: string; amount: number; fromCostPerEnquiry: number; toCostPerEnquiry: number } | null;
}

/** What a lever would change by the target date at the current enquiry rate. */
export interface LeverEffect {
  /** Approvals gained (negative: lost), with a 95% interval. */
  gained: Estimate;
  /** Extra money it takes (0 when spend is only moved; null when the data cannot say). */
  cost: number | null;
  /** A plain-English note on the assumption behind it. */
  note: string;
}

/**
 * The conversion into each visible stage from the one before, censoring-aware:
 * the eventual approval share from reaching the earlier stage over that from
 * reaching this one (into the final stage: the share from the stage before).
 */
export function stepConversions(model: PlanModel): (number | null)[] {
  const q = model.stageCurves.map((c) => (c.approvals > 0 ? c.p : null));
  return model.stages.map((_, k) => {
    if (k === 0) return null;
    const before = q[k - 1];
    if (k === model.stages.length - 1) return before;
    const here = q[k];
    return before !== null && here ? Math.min(1, before / here) : null;
  });
}

/** Turns per-draw expected gains into a count with chance variation and its interval. */
function gainEstimate(o: Outlook, expected: number, perDraw: Float64Array): Estimate {
  const counts = perDraw.map((g, i) => Math.sign(g) * poissonQuantile(o.draws.uGain[i], Math.abs(g)));
  return { value: expected, low: quantile(counts, RANGE_95.low), high: quantile(counts, RANGE_95.high) };
}

/** Expected pipeline approvals from stages before `stage` under a horizon: the point estimate and per draw. */
function pipelineBefore(model: PlanModel, o: Outlook, stage: number, horizon: number): { point: number; perDraw: Float64Array } {
  const perDraw = new Float64Array(o.draws.count);
  let point = 0;
  for (const st of o.pipeline) {
    if (st.stage >= stage) continue;
    let expected = 0;
    for (const x of model.open) if (x.stage === st.stage) expected += x.n * openChance(model, x.stage, x.days, horizon);
    point += expected;
    const scale = o.draws.stageScale[st.stage];
    for (let i = 0; i < o.draws.count; i++) perDraw[i] += expected * (scale ? scale[i] : 1);
  }
  return { point, perDraw };
}

/** Raising the conversion into `stage` by `points` percentage points. */
export function conversionEffect(model: PlanModel, o: Outlook, perMonth: number, stage: number, points: number): LeverEffect | null {
  const c = stepConversions(model)[stage];
  if (c === null || c === undefined || c <= 0) return null;
  const f = Math.min(1, Math.max(0, c + points / 100)) / c;
  const pipe = pipelineBefore(model, o, stage, o.horizonDays);
  const perDraw = pipe.perDraw.map((p, i) => (f - 1) * (p + perMonth * o.perEnquiryDraws[i]));
  const expected = (f - 1) * (pipe.point + perMonth * o.perEnquiry);
  return { gained: gainEstimate(o, expected, perDraw), cost: null, note: `Conversion into ${model.stages[stage].name} from ${(c * 100).toFixed(1)}% to ${(Math.min(1, Math.max(0, c + points / 100)) * 100).toFixed(1)}%, for enquiries open before that stage and all new ones.` };
}

/** Shortening the step into `stage` by `days`: everyone before it gets there sooner. */
export function shortenEffect(model: PlanModel, o: Outlook, perMonth: number, stage: number, days: number): LeverEffect {
  const d = Math.max(0, Math.round(days));
  const base = pipelineBefore(model, o, stage, o.horizonDays);
  const faster = pipelineBefore(model, o, stage, o.horizonDays + d);
  const ratio = windowWeight(model, o.horizonDays, d) / Math.max(1e-12, windowWeight(model, o.horizonDays)) - 1;
  const perDraw = base.perDraw.map((b, i) => faster.perDraw[i] - b + perMonth * o.perEnquiryDraws[i] * ratio);
  const expected = faster.point - base.point + perMonth * o.perEnquiry * ratio;
  return { gained: gainEstimate(o, expected, perDraw), cost: null, note: `The step into ${model.stages[stage].name} ${d} day${d === 1 ? '' : 's'} shorter for everyone who has not reached it yet.` };
}

/**
 * Whether a campaign is still running: it brought enquiries in the planner's
 * recent window, the twelve months to the as-of date (or the shorter span the
 * data covers; Channel.recent). That is the window the plan already calls
 * "now": the current enquiry rate and mix come from it, so the spend lever
 * offers exactly the campaigns the plan counts on. A year rather than a few
 * months because recruitment is seasonal (a Foster Care Fortnight push each
 * May, a spring radio run): a campaign between its runs is still one a service
 * funds. A campaign with no enquiries in that year has ended: more money can't
 * be spent on it by the target date, none of its budget is left to move, and
 * its cost per enquiry says nothing about what spend would buy now.
 */
export function campaignRunning(model: PlanModel, name: string): boolean {
  return (model.campaigns.find((c) => c.name === name)?.recent ?? 0) > 0;
}

/** The campaigns with a cost per enquiry (no "no campaign recorded"), split into those still running and those that have ended. */
export interface SpendCampaigns<T> {
  running: T[];
  ended: T[];
}

/** The campaigns the spend lever can move money between (`running`, see campaignRunning), in the order of `rows`. */
export function spendCampaigns<T extends { name: string; costPerEnquiry: number | null }>(model: PlanModel, rows: readonly T[]): SpendCampaigns<T> {
  const costed = rows.filter((r) => r.name !== BLANK && r.costPerEnquiry !== null && r.costPerEnquiry > 0);
  return { running: costed.filter((r) => campaignRunning(model, r.name)), ended: costed.filter((r) => !campaignRunning(model, r.name)) };
}

/** Names for a sentence: all of up to four, else three and how many more. */
function someNames(names: readonly string[]): string {
  return names.length <= 4 ? fmtList(names) : `${names.slice(0, 3).join(', ')} and ${fmtInt(names.length - 3)} more`;
}

/**
 * What the Planner says about the spend lever's campaigns (null: nothing to
 * say, every costed campaign is running): why there is no lever, or which
 * campaigns are left out for having ended.
 */
export function spendNote(c: SpendCampaigns<{ name: string }>, asOf: string): string | null {
  const window = `in the 12 months to ${fmtDate(asOf)}`;
  const ended = c.ended.map((r) => r.name);
  if (c.running.length + ended.length < 2) return 'Moving spend between campaigns needs the spend of at least two campaigns (a cost sheet, or spend typed in on the Campaigns page).';
  if (c.running.length === 0) return `None of your campaigns with spend is still running: none brought an enquiry ${window} (${someNames(ended)}), so there is no campaign to move spend to.`;
  if (c.running.length === 1) return `Only ${c.running[0].name} is still running (it brought enquiries ${window}); moving spend needs two. ${someNames(ended)} ${ended.length === 1 ? 'has' : 'have'} ended.`;
  if (ended.length) return `Only campaigns still running are offered (those with enquiries ${window}): ${someNames(ended)} ${ended.length === 1 ? 'has' : 'have'} ended.`;
  return null;
}

/** Moving spend between campaigns at their observed cost per enquiry, spent evenly up to the target date. */
export function spendEffect(model: PlanModel, o: Outlook, move: NonNullable<Levers['spend']>): LeverEffect | null {
  const from = model.campaigns.findIndex((c) => c.name === move.from);
  const to = model.campaigns.findIndex((c) => c.name === move.to);
  if (from < 0 || to < 0 || !(move.fromCostPerEnquiry > 0) || !(move.toCostPerEnquiry > 0) || o.horizonDays <= 0) return null;
  // A campaign that has ended can take no more money and has none left to give (see campaignRunning).
  if (!campaignRunning(model, move.from) || !campaignRunning(model, move.to)) return null;
  const months = o.horizonDays / DAYS_PER_MONTH;
  // Enquiries spread evenly over the window: each counts with the window's average lag share.
  const each = windowWeight(model, o.horizonDays) / months;
  const lost = move.amount / move.fromCostPerEnquiry;
  const won = move.amount / move.toCostPerEnquiry;
  const pf = o.draws.campaignP[from];
  const pt = o.draws.campaignP[to];
  const perDraw = pf.map((_, i) => each * (won * pt[i] - lost * pf[i]));
  const expected = each * (won * model.campaigns[to].curve.p - lost * model.campaigns[from].curve.p);
  return {
    gained: gainEstimate(o, expected, perDraw), cost: 0,
    note: `About ${fmtInt(Math.round(lost))} fewer enquiries through ${move.from} and ${fmtInt(Math.round(won))} more through ${move.to}, spread evenly up to the target date.`,
  };
}
