/**
 * After approval: following approved households on (see README, Definitions).
 * - Days from approval to first placement: median and quartiles among those
 *   placed so far; the share placed within 3 months among households approved
 *   at least 3 months before the as-of date (Wilson interval).
 * - Still fostering 6, 12 and 24 months after approval: Kaplan-Meier, with
 *   households still approved censored at the as-of date; Greenwood standard
 *   errors and log(-log) 95% intervals; numbers still followed at each point.
 * - Reasons for leaving, mapped from free text by keyword rules.
 * - Net growth per financial year: approvals minus deregistrations (period counts).
 * The heavy lifting is SQL aggregation; JavaScript only turns the counts into curves.
 */
import { lit, litDate } from '../engine/sql';
import { kaplanMeierCounts, survivalAt, type SurvivalCurve } from '../stats/kaplanMeier';
import { rate, type Rate } from '../stats/rate';
import type { CarersList } from '../ingest/carersList';
import { afterApprovalColumns, hasAfterApproval } from '../ingest/afterApprovalColumns';
import { householdsSql, type HouseholdSource } from './households';
import { periodSql } from '../funnel/cohorts';
import { DAYS_PER_MONTH } from '../funnel/periods';
import { BLANK, type Filters } from '../funnel/filters';
import { visibleStageDateColumn } from '../schema';
import { visibleStages, type FunnelSettings } from '../funnel/settings';

/** The points the retention table reports, in months after approval. */
export const RETENTION_MONTHS = [6, 12, 24] as const;

/** Months as whole days (a month is 365.25 / 12 days): 6 -> 183, 12 -> 365, 24 -> 731. */
export const monthsToDays = (months: number) => Math.round(months * DAYS_PER_MONTH);

/** How households are split in the retention breakdown. */
/** How retention is split: by the enquiry's source or campaign, the year approved, or (a regional hub) the service. */
export type RetentionGroupBy = 'source' | 'campaign' | 'year' | 'service';

/** Where the households come from for a dataset: its carers list, else the export's own columns; null when neither. */
export function householdSource(attributes: readonly string[], carers: CarersList | null | undefined): HouseholdSource | null {
  if (carers) return { kind: 'carers', table: carers.table };
  const columns = afterApprovalColumns(attributes);
  return hasAfterApproval(columns) ? { kind: 'export', columns } : null;
}

/** Which facts the source records at all (a missing column is "not recorded", never zero). */
export function sourceHas(src: HouseholdSource, carers: CarersList | null | undefined): { placement: boolean; deregistered: boolean; reason: boolean } {
  if (src.kind === 'carers') return carers?.has ?? { placement: true, deregistered: true, reason: true };
  return { placement: !!src.columns.placement, deregistered: !!src.columns.deregistered, reason: !!src.columns.reason };
}

/** The estimate at one point after approval; survival null when nobody was followed that long. */
export interface RetentionPoint {
  months: number;
  days: number;
  survival: number | null;
  low: number | null;
  high: number | null;
  se: number | null;
  /** Households still followed (approved at least this long before the as-of date and not yet left). */
  atRisk: number;
}

export interface RetentionGroup {
  group: string;
  households: number;
  left: number;
  points: RetentionPoint[];
  curve: SurvivalCurve;
}

/** The retention points of a curve. */
export function retentionPoints(curve: SurvivalCurve): RetentionPoint[] {
  return RETENTION_MONTHS.map((months) => {
    const days = monthsToDays(months);
    const at = survivalAt(curve, days);
    return at
      ? { months, days, survival: at.survival, low: at.low, high: at.high, se: at.se, atRisk: at.atRisk }
      : { months, days, survival: null, low: null, high: null, se: null, atRisk: 0 };
  });
}

function groupSql(by: RetentionGroupBy | null): string {
  if (by === null) return `'All households'`;
  if (by === 'year') return periodSql('approved', 'fy');
  return `CASE WHEN NOT linked THEN '(not linked to an enquiry)' ELSE coalesce(${by}, ${lit(BLANK)}) END`;
}

/** SQL: survival counts per group and day after approval among `households` (SQL from householdsSql). */
export function retentionSql(households: string, asOf: string, by: RetentionGroupBy | null): string {
  return `SELECT ${groupSql(by)} AS g, date_diff('day', approved, coalesce(ended, ${litDate(asOf)}))::INTEGER AS t,
      count(*) FILTER (WHERE ended IS NOT NULL)::INTEGER AS events, count(*) FILTER (WHERE ended IS NULL)::INTEGER AS censored
    FROM (${households}) WHERE in_cohort AND NOT ended_before_approval GROUP BY ALL`;
}

/** A row of retentionSql: a group, days after approval, households leaving then and households followed no further. */
export interface RetentionCount {
  g: string;
  t: number;
  events: number;
  censored: number;
}

/** The rows of retentionSql as Kaplan-Meier curves per group (by year oldest first, else largest group first). */
export function retentionGroups(rows: readonly RetentionCount[], by: RetentionGroupBy | null): RetentionGroup[] {
  const byGroup = new Map<string, { time: number; events: number; censored: number }[]>();
  for (const r of rows) {
    const list = byGroup.get(r.g) ?? [];
    list.push({ time: r.t, events: r.events, censored: r.censored });
    byGroup.set(r.g, list);
  }
  const out = [...byGroup.entries()].map(([group, counts]) => {
    const curve = kaplanMeierCounts(counts);
    return { group, households: curve.n, left: counts.reduce((a, c) => a + c.events, 0), points: retentionPoints(curve), curve };
  });
  return out.sort((a, b) => (by === 'year' ? a.group.localeCompare(b.group) : b.households - a.households || a.group.localeCompare(b.group)));
}

/** Days from approval to first placement. */
export interface PlacementTimes {
  households: number;
  placed: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
  /** Placed within 3 months, among households approved at least 3 months before the as-of date. */
  withinThreeMonths: Rate;
}

/** SQL: placement times of the households followed (in the cohort; those with a deregistration before approval left out). */
export function placementSql(households: string, asOf: string): string {
  const three = `approved + INTERVAL 3 MONTH`;
  return `SELECT count(*)::INTEGER AS n, count(placed)::INTEGER AS placed,
      quantile_cont(date_diff('day', approved, placed), [0.25, 0.5, 0.75]) AS q,
      count(*) FILTER (WHERE ${three} <= ${litDate(asOf)})::INTEGER AS followed,
      count(*) FILTER (WHERE ${three} <= ${litDate(asOf)} AND placed <= ${three})::INTEGER AS within
    FROM (${households}) WHERE in_cohort AND NOT ended_before_approval`;
}

/** The row of placementSql. */
export interface PlacementRow {
  n: number;
  placed: number;
  q: ArrayLike<number> | null;
  followed: number;
  within: number;
}

/** The row of placementSql as placement times. */
export function placementTimes(r: PlacementRow): PlacementTimes {
  const q = r.q ? Array.from(r.q, Number) : null;
  return {
    households: r.n, placed: r.placed, q1: q?.[0] ?? null, median: q?.[1] ?? null, q3: q?.[2] ?? null,
    withinThreeMonths: rate(r.within, r.followed),
  };
}

/** Reasons for leaving fostering, by category: keyword rules, checked in this order. */
const LEAVING_REASONS = [
  { id: 'allegation', name: 'Allegation or standards concern', pattern: 'allegation|standards|complaint|safeguarding|concern' },
  { id: 'agency', name: 'Moved to an agency or another service', pattern: 'agency|\\bifa\\b|independent|transferr|another (fostering )?service|another (local )?authority' },
  { id: 'retirement', name: 'Retirement', pattern: 'retir' },
  { id: 'guardianship', name: 'Special guardianship or adoption of a child placed', pattern: 'guardian|\\bsgo\\b|adopt|staying put' },
  { id: 'support', name: 'Lack of support, pay or dissatisfaction', pattern: 'support|unhappy|dissatisf|allowance|\\bpay\\b|financ|frustrat|communication' },
  { id: 'family', name: 'Own family, health or home circumstances', pattern: 'family|health|moving|moved house|relocat|bereave|pregnan|parent|circumstance|own child|divorce|separat' },
] as const;
const OTHER_REASON = { id: 'other', name: 'Other or not recorded' } as const;

/** SQL: the reason category id of a free-text reason (NULL text is "other"). */
export function reasonCategorySql(text: string): string {
  const t = `lower(${text})`;
  return `CASE ${LEAVING_REASONS.map((r) => `WHEN regexp_matches(${t}, ${lit(r.pattern)}) THEN ${lit(r.id)}`).join(' ')} ELSE ${lit(OTHER_REASON.id)} END`;
}

export interface LeavingReason {
  id: string;
  name: string;
  /** Households that left for this reason on or after `since`. */
  households: number;
  /** Of those, households approved on or after `since` (the followed cohort). */
  cohort: number;
  /** The texts seen, most common first (at most 5). */
  examples: string[];
}

/** SQL: households that left on or after `since`, per reason category and text. */
export function leavingReasonsSql(households: string, since: string): string {
  return `SELECT ${reasonCategorySql('reason')} AS id, reason, count(*)::INTEGER AS n, count(*) FILTER (WHERE in_cohort)::INTEGER AS cohort
    FROM (${households}) WHERE ended >= ${litDate(since)} GROUP BY ALL ORDER BY n DESC, reason NULLS LAST`;
}

/** A row of leavingReasonsSql. */
export interface ReasonCount {
  id: string;
  reason: string | null;
  n: number;
  cohort: number;
}

/** The rows of leavingReasonsSql per reason category (largest first; categories with none left out). */
export function leavingReasons(rows: readonly ReasonCount[]): LeavingReason[] {
  return [...LEAVING_REASONS, OTHER_REASON]
    .map((r) => {
      const mine = rows.filter((x) => x.id === r.id);
      const sum = (f: (x: (typeof mine)[number]) => number) => mine.reduce((a, x) => a + f(x), 0);
      return { id: r.id, name: r.name, households: sum((x) => x.n), cohort: sum((x) => x.cohort), examples: mine.flatMap((x) => (x.reason ? [x.reason] : [])).slice(0, 5) };
    })
    .filter((r) => r.households > 0)
    .sort((a, b) => b.households - a.households);
}

/** SQL: the first enquiry date in the data (ISO, or null with none): households approved since are followed from approval. */
export const FIRST_ENQUIRY_SQL = `SELECT strftime(min(enquiry_date), '%Y-%m-%d') AS since FROM journeys`;

/** The journeys column holding the final stage's (approval) date. */
export function approvalColumn(s: FunnelSettings): string {
  const vis = visibleStages(s);
  return visibleStageDateColumn(vis[vis.length - 1].id);
}
