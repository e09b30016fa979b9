import { BLANK } from '../funnel/filters';
import { DAYS_PER_MONTH } from '../funnel/periods';
import { landmarkChance, landmarkCounts } from '../funnel/forecast';
import { toDayNumber } from '../stats/isoDate';
import { approvalCurve, lagIntegral, type ApprovalCurve } from './curve';
import type { EventCounts, OpenCount, PlanInputs } from './inputs';
import type { LossInputs } from './losses';

/** The longest plan the model prepares for (ten years). */
export const MAX_HORIZON_DAYS = 3653;

/**
 * Whether too few approvals carry a date to tell how long approval takes:
 * half or more have no date after their enquiry's (a status list). Taken as
 * approved the day they enquired, they would make every plan too hopeful.
 */
export function approvalsUndated(dating: PlanInputs['dating']): boolean {
  return !!dating && dating.approvals > 0 && dating.undated * 2 >= dating.approvals;
}

/** A source or campaign: its conversion curve and how many enquiries it brought lately. */
export interface Channel {
  name: string;
  curve: ApprovalCurve;
  /** Enquiries in the last twelve months (or the shorter window the data covers). */
  recent: number;
  /** Its share of those enquiries: the current mix. */
  share: number;
}

/** The service's own history, ready for planning from the as-of date. */
export interface PlanModel {
  asOf: string;
  asOfDay: number;
  stages: { id: string; name: string }[];
  /** All enquiries together (the lag's shape comes from here). */
  overall: ApprovalCurve;
  /** Sources at the current mix (those with recent enquiries; all of them when none are recent). */
  sources: Channel[];
  campaigns: Channel[];
  /** Per stage before the last: from reaching it to approval (index 0 = from enquiry). */
  stageCurves: ApprovalCurve[];
  /**
   * [stage][landmark]: the approval curve, from reaching the stage, of those
   * who stayed there longer than WAIT_LANDMARKS[landmark] days (null without
   * the counts): an open enquiry that has waited that long is read from
   * people who had too, not from everyone still undecided then (who include
   * those gone further).
   */
  waitCurves: WaitCurve[][] | null;
  open: OpenCount[];
  /** Enquiries a month lately (last twelve months, or the shorter window the data covers). */
  ratePerMonth: number;
  recentDays: number;
  /** ∫ L over windows of 0…MAX_HORIZON_DAYS days (see lagIntegral). */
  lag: Float64Array;
  /** Carers leaving fostering, when recorded (the target is then net of expected losses). */
  losses: LossInputs | null;
}

/** A wait landmark's approval curve, and how many fully decided people its long-run chance is worth (as Campaigns weighs it). */
export interface WaitCurve {
  curve: ApprovalCurve;
  effectivePeople: number;
}

/** Sums counts with the same day across groups. */
function pooled(rows: readonly EventCounts[]): EventCounts[] {
  const byDay = new Map<number, EventCounts>();
  for (const r of rows) {
    const c = byDay.get(r.day) ?? { group: '', day: r.day, approved: 0, left: 0, censored: 0 };
    c.approved += r.approved;
    c.left += r.left;
    c.censored += r.censored;
    byDay.set(r.day, c);
  }
  return [...byDay.values()];
}

function groups(rows: readonly EventCounts[]): Map<string, EventCounts[]> {
  const out = new Map<string, EventCounts[]>();
  for (const r of rows) out.set(r.group, [...(out.get(r.group) ?? []), r]);
  return out;
}

/** Channels with their recent enquiries; shares from the recent mix, or from all time when nothing is recent. */
function channels(rows: readonly EventCounts[], recent: Map<string, number>): Channel[] {
  const list = [...groups(rows)].map(([name, r]) => ({ name, curve: approvalCurve(r), recent: recent.get(name) ?? 0, share: 0 }));
  const recentTotal = list.reduce((s, c) => s + c.recent, 0);
  const allTotal = list.reduce((s, c) => s + c.curve.n, 0);
  for (const c of list) c.share = recentTotal > 0 ? c.recent / recentTotal : allTotal > 0 ? c.curve.n / allTotal : 0;
  return list.sort((a, b) => b.share - a.share || b.curve.n - a.curve.n || a.name.localeCompare(b.name));
}

/** Builds the planning model from the counts planInputs made. */
export function planModel(inputs: PlanInputs): PlanModel {
  const recentBy = (key: 'source' | 'campaign') => {
    const m = new Map<string, number>();
    for (const r of inputs.recent) m.set(r[key] ?? BLANK, (m.get(r[key] ?? BLANK) ?? 0) + r.n);
    return m;
  };
  const overall = approvalCurve(pooled(inputs.bySource));
  const stageRows = groups(inputs.byStage);
  const stageCurves = inputs.stages.slice(0, -1).map((_, i) => approvalCurve(stageRows.get(String(i)) ?? []));
  const waits = inputs.stageWaits?.length ? inputs.stageWaits : null;
  const waitCurves = waits && inputs.stages.slice(0, -1).map((_, k) =>
    landmarkCounts(waits.filter((r) => r.stage === k)).map((counts) => ({
      curve: approvalCurve(counts.map((c) => ({ day: c.time, approved: c.approved, left: c.left, censored: c.censored }))),
      effectivePeople: landmarkChance(counts).effectivePeople,
    })));
  const recentTotal = inputs.recent.reduce((s, r) => s + r.n, 0);
  return {
    asOf: inputs.asOf,
    asOfDay: toDayNumber(inputs.asOf),
    stages: inputs.stages,
    overall,
    sources: channels(inputs.bySource, recentBy('source')),
    campaigns: channels(inputs.byCampaign, recentBy('campaign')),
    stageCurves,
    waitCurves,
    open: inputs.open,
    ratePerMonth: inputs.recentDays > 0 ? (recentTotal / inputs.recentDays) * DAYS_PER_MONTH : 0,
    recentDays: inputs.recentDays,
    lag: lagIntegral(overall, MAX_HORIZON_DAYS),
    losses: inputs.losses ?? null,
  };
}
