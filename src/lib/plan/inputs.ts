import type { MetricContext, MetricParams, MetricSpec } from '../coordinator/metric';
import { greaterSql, ident, lit, litDate } from '../engine/sql';
import { approvalColumn, FIRST_ENQUIRY_SQL } from '../retention/afterApproval';
import { BLANK, whereSql } from '../funnel/filters';
import { stepDaysColumn, visibleStageDateColumn } from '../schema';
import { visibleStages, type FunnelSettings } from '../funnel/settings';
import { householdsSql } from '../retention/households';
import { lossSource, lossSql, type LossInputs } from './losses';
import { stageTimeCountsSql, type StageTimeRow } from '../funnel/forecast';

/** Approvals, exits and censorings by whole days since a start date, for one group or stage. */
export interface EventCounts {
  /** A source or campaign name (BLANK for none), or the stage index as text. */
  group: string;
  day: number;
  approved: number;
  left: number;
  censored: number;
}

/** Open enquiries at the as-of date by furthest stage (visible index) and days since reaching it. */
export interface OpenCount {
  stage: number;
  days: number;
  n: number;
}

/** Enquiries made in the last twelve months before the as-of date, by source and campaign. */
export interface RecentCount {
  source: string;
  campaign: string;
  n: number;
}

/** Everything the planner counts in SQL; the arithmetic on it is plain JS on a few thousand rows. */
export interface PlanInputs {
  asOf: string;
  /** Visible stage names, in order. */
  stages: { id: string; name: string }[];
  /** From enquiry, by source. */
  bySource: EventCounts[];
  /** From enquiry, by campaign. */
  byCampaign: EventCounts[];
  /** From reaching each stage (group = visible index as text, 0 = enquiry). */
  byStage: EventCounts[];
  open: OpenCount[];
  recent: RecentCount[];
  /**
   * Approvals, and those with no date after the enquiry's (no approval date and
   * no later stage's, as in a status list): their time to approval is unknown.
   */
  dating?: { approvals: number; undated: number };
  /** Days of enquiry data in the twelve-month window (shorter when the data starts later). */
  recentDays: number;
  /** Median days of the step into each visible stage (null for the first, or with no timings). */
  stepDays: (number | null)[];
  /** Carers leaving fostering, when the data records deregistrations (null: the target stays gross). */
  losses: LossInputs | null;
  /**
   * Everyone who reached each stage but the last, by days from reaching it to
   * their outcome and by how many of WAIT_LANDMARKS they stayed there
   * (stageTimeCountsSql, over the whole service, as Campaigns' expected
   * approvals use): an open enquiry's chance is read from those who had waited
   * at its stage as long as it has. Absent: the stage curves are used.
   */
  stageWaits?: StageTimeRow[];
}

/** SQL: when each enquiry was approved or left (NULL while open), as `event`, on the filtered enquiries up to the as-of date. */
function baseSql(s: FunnelSettings, where: string): string {
  const stages = visibleStages(s);
  const finalCol = visibleStageDateColumn(stages[stages.length - 1].id);
  const event = `CASE WHEN outcome = 'approved' THEN coalesce(${finalCol}, last_stage_date)
                      WHEN outcome = 'left' THEN coalesce(exit_date, last_stage_date, enquiry_date) END`;
  // Only the columns the tallies read: the union over the stages reads `base` several times, so it is written out once, and every
  // column of journeys would make that a copy of the table (1.8 s at a million enquiries).
  const dates = stages.map((st) => visibleStageDateColumn(st.id));
  return `SELECT source, campaign, enquiry_date, furthest, outcome, ${dates.join(', ')}, ${event} AS event FROM journeys WHERE ${where}`;
}

/** SQL: approvals, exits and censorings (as of `at`) by whole days from `start`, per `group`, over `base`. */
function tallySql(at: string, group: string, start: string, extra = 'TRUE'): string {
  return `SELECT ${group} AS "group",
      ${greaterSql(`(CASE WHEN event <= ${at} THEN event ELSE ${at} END - ${start})`, '0')}::INTEGER AS day,
      count(*) FILTER (WHERE outcome = 'approved' AND event <= ${at})::INTEGER AS approved,
      count(*) FILTER (WHERE outcome = 'left' AND event <= ${at})::INTEGER AS "left",
      count(*) FILTER (WHERE NOT coalesce(event <= ${at}, false))::INTEGER AS censored
    FROM base WHERE ${extra} GROUP BY ALL`;
}

/** SQL: the time-to-event tallies, from enquiry by source and by campaign and from reaching each stage but the last. */
function eventSql(s: FunnelSettings, where: string, at: string): Record<string, string> {
  const stages = visibleStages(s);
  const withBase = `WITH base AS (${baseSql(s, where)})`;
  const byGroup = (col: string) => `${withBase} ${tallySql(at, `coalesce(${col}, ${lit(BLANK)})`, 'enquiry_date')} ORDER BY 1, 2`;
  // One union over the stages before the last: time from reaching the stage (its date) to the outcome.
  const stageParts = stages.slice(0, -1).map((st, i) =>
    tallySql(at, `'${i}'`, i === 0 ? 'enquiry_date' : visibleStageDateColumn(st.id), i === 0 ? 'TRUE' : `furthest >= ${i} AND ${visibleStageDateColumn(st.id)} IS NOT NULL`));
  return {
    bySource: byGroup('source'),
    byCampaign: byGroup('campaign'),
    ...(stageParts.length ? { byStage: `${withBase} ${stageParts.join(' UNION ALL ')} ORDER BY 1, 2` } : {}),
  };
}

/** SQL: the open pipeline by stage and age, the last twelve months' enquiries, their span in days, median step days, and approvals without a date. */
function pipelineSql(s: FunnelSettings, where: string, at: string): Record<string, string> {
  const stages = visibleStages(s);
  const reachedDate = `CASE furthest ${stages.map((st, i) => `WHEN ${i} THEN ${i === 0 ? 'enquiry_date' : visibleStageDateColumn(st.id)}`).join(' ')} END`;
  const medians = stages.slice(1).map((st) => `median(${stepDaysColumn(st.id)}) AS ${ident('median_' + st.id)}`);
  return {
    open: `SELECT furthest::INTEGER AS stage, ${greaterSql(`(${at} - coalesce(${reachedDate}, last_stage_date, enquiry_date))`, '0')}::INTEGER AS days, count(*)::INTEGER AS n
      FROM journeys WHERE ${where} AND outcome = 'open' GROUP BY ALL ORDER BY 1, 2`,
    recent: `SELECT coalesce(source, ${lit(BLANK)}) AS source, coalesce(campaign, ${lit(BLANK)}) AS campaign, count(*)::INTEGER AS n
      FROM journeys WHERE ${where} AND enquiry_date > ${at} - INTERVAL 12 MONTH GROUP BY ALL ORDER BY 3 DESC, 1, 2`,
    span: `SELECT date_diff('day', greatest(min(enquiry_date) - 1, (${at} - INTERVAL 12 MONTH)::DATE), ${at})::INTEGER AS days FROM journeys WHERE ${where}`,
    ...(medians.length ? { medians: `SELECT ${medians.join(', ')} FROM journeys WHERE ${where}` } : {}),
    dating: `SELECT count(*)::INTEGER AS approvals,
        count(*) FILTER (WHERE ${visibleStageDateColumn(stages[stages.length - 1].id)} IS NULL AND coalesce(last_stage_date, enquiry_date) <= enquiry_date)::INTEGER AS undated
      FROM journeys WHERE ${where} AND outcome = 'approved'`,
  };
}

/** The carers' loss counts, when the data records deregistrations: a follow-up, as the households start at the first enquiry. */
async function losses(params: MetricParams, ctx: MetricContext, firstEnquiry: string | null | undefined): Promise<LossInputs | null> {
  const src = lossSource(ctx.attributes, ctx.carers);
  if (!src) return null;
  const households = householdsSql(src, approvalColumn(params.settings), ctx.asOf, firstEnquiry ?? ctx.asOf, { ...params.filters, from: null, to: null });
  const q = lossSql(households, ctx.asOf);
  return { survival: await ctx.query(q.survival), fostering: await ctx.query(q.fostering), fromEnquiriesOnly: src.kind === 'export' };
}

/**
 * Counts the planner needs, all aggregated in DuckDB: time-to-event counts
 * from enquiry (by source and by campaign) and from each stage, the open
 * pipeline by stage and age, and the last twelve months' enquiries, up to the
 * as-of date. Date filters are ignored (the planner works on whole months up
 * to the as-of date); campaign, source and attribute filters apply. When the
 * data records deregistrations (a carers list or the export's own column),
 * carers' losses are counted too (see lossSql).
 */
export const planInputsMetric: MetricSpec<MetricParams, PlanInputs> = {
  name: 'planInputs',
  what: 'what the planner needs',
  sql({ settings, filters }, { asOf, attributes, carers }) {
    const at = litDate(asOf);
    const where = `${whereSql({ ...filters, from: null, to: null })} AND enquiry_date <= ${at}`;
    return {
      ...eventSql(settings, where, at),
      ...pipelineSql(settings, where, at),
      // The same statement as Campaigns' expected approvals: the coordinator answers it once for both.
      ...(visibleStages(settings).length >= 2 ? { stageWaits: stageTimeCountsSql(settings, asOf) } : {}),
      ...(lossSource(attributes, carers) ? { since: FIRST_ENQUIRY_SQL } : {}),
    };
  },
  async shape(rows, params, ctx) {
    const stages = visibleStages(params.settings);
    const medians = rows.medians?.[0] ?? {};
    return {
      asOf: ctx.asOf,
      stages: stages.map((x) => ({ id: x.id, name: x.name })),
      bySource: rows.bySource as unknown as EventCounts[],
      byCampaign: rows.byCampaign as unknown as EventCounts[],
      byStage: (rows.byStage ?? []) as unknown as EventCounts[],
      open: rows.open as unknown as OpenCount[],
      recent: rows.recent as unknown as RecentCount[],
      recentDays: (rows.span[0]?.days as number | null | undefined) ?? 0,
      stepDays: stages.map((st, i) => (i === 0 ? null : ((medians['median_' + st.id] as number | null | undefined) ?? null))),
      losses: await losses(params, ctx, rows.since?.[0]?.since as string | null | undefined),
      stageWaits: (rows.stageWaits ?? []) as unknown as StageTimeRow[],
      dating: { approvals: (rows.dating?.[0]?.approvals as number | undefined) ?? 0, undated: (rows.dating?.[0]?.undated as number | undefined) ?? 0 },
    };
  },
};
