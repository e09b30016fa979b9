import type { Engine } from '../engine/engine';
import { litDate } from '../engine/sql';
import { BLANK, whereSql, type Filters } from '../funnel/filters';
import { dateCol, stepDaysCol } from '../funnel/journeys';
import { visibleStages, type FunnelSettings } from '../funnel/settings';
import type { CarersList } from '../retention/carersList';
import { lossInputs, type LossInputs } from './losses';

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
  /** Days of enquiry data in the twelve-month window (shorter when the data starts later). */
  recentDays: number;
  /** Median days of the step into each visible stage (null for the first, or with no timings). */
  stepDays: (number | null)[];
  /** Carers leaving fostering, when the data records deregistrations (null: the target stays gross). */
  losses: LossInputs | null;
}

/** Where approved households are followed after approval: the export's columns and any carers list. */
export interface HouseholdData {
  attributes: readonly string[];
  carers: CarersList | null | undefined;
}

/**
 * Counts the planner needs, all aggregated in DuckDB: time-to-event counts
 * from enquiry (by source and by campaign) and from each stage, the open
 * pipeline by stage and age, and the last twelve months' enquiries.
 * Date filters are ignored (the planner works on whole months up to the as-of
 * date); campaign, source and attribute filters apply. With `households`,
 * carers' deregistrations are counted too (see lossInputs).
 */
export async function planInputs(engine: Engine, s: FunnelSettings, asOf: string, filters?: Filters, households?: HouseholdData): Promise<PlanInputs> {
  const stages = visibleStages(s);
  const k = stages.length;
  const where = `${whereSql({ ...filters, from: null, to: null })} AND enquiry_date <= ${litDate(asOf)}`;
  const finalCol = dateCol(stages[k - 1].id);
  const at = litDate(asOf);
  const event = `CASE WHEN outcome = 'approved' THEN coalesce(${finalCol}, last_stage_date)
                      WHEN outcome = 'left' THEN coalesce(exit_date, last_stage_date, enquiry_date) END`;
  const base = `SELECT *, ${event} AS event FROM journeys WHERE ${where}`;
  const tally = (group: string, start: string, extra = 'TRUE') => `SELECT ${group} AS "group",
      greatest(date_diff('day', ${start}, CASE WHEN event <= ${at} THEN event ELSE ${at} END), 0)::INTEGER AS day,
      count(*) FILTER (WHERE outcome = 'approved' AND event <= ${at})::INTEGER AS approved,
      count(*) FILTER (WHERE outcome = 'left' AND event <= ${at})::INTEGER AS "left",
      count(*) FILTER (WHERE NOT coalesce(event <= ${at}, false))::INTEGER AS censored
    FROM base WHERE ${extra} GROUP BY ALL`;
  const byGroup = (col: string) => engine.query<EventCounts>(`WITH base AS (${base}) ${tally(`coalesce(${col}, '${BLANK}')`, 'enquiry_date')} ORDER BY 1, 2`);
  // One union over the stages before the last: time from reaching the stage (its date) to the outcome.
  const stageParts = stages.slice(0, -1).map((st, i) =>
    tally(`'${i}'`, i === 0 ? 'enquiry_date' : dateCol(st.id), i === 0 ? 'TRUE' : `furthest >= ${i} AND ${dateCol(st.id)} IS NOT NULL`));
  const reachedDate = `CASE furthest ${stages.map((st, i) => `WHEN ${i} THEN ${i === 0 ? 'enquiry_date' : dateCol(st.id)}`).join(' ')} END`;
  const bySource = await byGroup('source');
  const byCampaign = await byGroup('campaign');
  const byStage = stageParts.length ? await engine.query<EventCounts>(`WITH base AS (${base}) ${stageParts.join(' UNION ALL ')} ORDER BY 1, 2`) : [];
  const open = await engine.query<OpenCount>(
    `SELECT furthest::INTEGER AS stage, greatest(date_diff('day', coalesce(${reachedDate}, last_stage_date, enquiry_date), ${at}), 0)::INTEGER AS days, count(*)::INTEGER AS n
     FROM journeys WHERE ${where} AND outcome = 'open' GROUP BY ALL ORDER BY 1, 2`,
  );
  const recent = await engine.query<RecentCount>(
    `SELECT coalesce(source, '${BLANK}') AS source, coalesce(campaign, '${BLANK}') AS campaign, count(*)::INTEGER AS n
     FROM journeys WHERE ${where} AND enquiry_date > ${at} - INTERVAL 12 MONTH GROUP BY ALL ORDER BY 3 DESC, 1, 2`,
  );
  const [span] = await engine.query<{ days: number | null }>(
    `SELECT date_diff('day', greatest(min(enquiry_date) - 1, (${at} - INTERVAL 12 MONTH)::DATE), ${at})::INTEGER AS days FROM journeys WHERE ${where}`,
  );
  const medians = stages.slice(1).map((st, i) => `median(${stepDaysCol(st.id)}) AS m${i + 1}`);
  const [m] = medians.length ? await engine.query<Record<string, number | null>>(`SELECT ${medians.join(', ')} FROM journeys WHERE ${where}`) : [{}];
  const losses = households ? await lossInputs(engine, s, asOf, households.attributes, households.carers, filters) : null;
  return {
    losses,
    stepDays: stages.map((_, i) => (i === 0 ? null : (m[`m${i}`] ?? null))),
    asOf, stages: stages.map((x) => ({ id: x.id, name: x.name })),
    bySource, byCampaign, byStage, open, recent, recentDays: span?.days ?? 0,
  };
}
