/**
 * Everything the After approval view shows, for the settings and filters, and
 * its headline finding in a sentence.
 */
import type { Row } from '../engine/engine';
import type { MetricContext, MetricParams, MetricSpec } from '../coordinator/metric';
import { fmtInt, fmtInterval, fmtPct } from '../format';
import type { CarersList } from '../ingest/carersList';
import { householdsSql } from './households';
import { serviceColumn } from '../ingest/service';
import {
  approvalColumn, FIRST_ENQUIRY_SQL, householdSource, leavingReasons, leavingReasonsSql, placementSql, placementTimes,
  retentionGroups, retentionPoints, retentionSql, sourceHas,
  type LeavingReason, type PlacementRow, type ReasonCount, type RetentionCount, type PlacementTimes, type RetentionGroup, type RetentionGroupBy,
} from './afterApproval';
import { netGrowth, netGrowthSql, type GrowthCount, type GrowthYear } from './netGrowth';
import { kaplanMeierCounts } from '../stats/kaplanMeier';

export interface AfterApprovalReport {
  /** Where the households came from. */
  source: 'carers' | 'export';
  /** Which facts the data records at all. */
  has: { placement: boolean; deregistered: boolean; reason: boolean };
  /** The export's after-approval columns (export source only). */
  columns: { placement: string | null; deregistered: string | null; reason: string | null } | null;
  carers: CarersList | null;
  asOf: string;
  /** The first enquiry in the data: households approved since are followed from approval. */
  since: string;
  /** Households followed (approved from `since` to the as-of date, dates in order). */
  households: number;
  /** Of those, how many have left. */
  left: number;
  firstApproval: string | null;
  /** Households approved before `since` (a carers list's established carers): in reasons and growth only. */
  established: number;
  overall: RetentionGroup;
  groups: RetentionGroup[];
  placement: PlacementTimes;
  reasons: LeavingReason[];
  growth: GrowthYear[];
  problems: { endedBeforeApproval: number; placedBeforeApproval: number; notLinked: number };
}

/** The after-approval report's parameters: how the retention breakdown is split (null: not split). */
export interface AfterApprovalParams extends MetricParams {
  by: RetentionGroupBy | null;
}

/** SQL: the households' totals and data problems, in one row. */
function summarySql(households: string): string {
  return `SELECT count(*) FILTER (WHERE in_cohort AND NOT ended_before_approval)::INTEGER AS n, count(ended) FILTER (WHERE in_cohort)::INTEGER AS left,
      strftime(min(approved) FILTER (WHERE in_cohort AND NOT ended_before_approval), '%Y-%m-%d') AS first,
      count(*) FILTER (WHERE ended_before_approval)::INTEGER AS eb, count(*) FILTER (WHERE placed_before_approval)::INTEGER AS pb,
      count(*) FILTER (WHERE NOT linked)::INTEGER AS unlinked, count(*) FILTER (WHERE NOT in_cohort)::INTEGER AS established
    FROM (${households})`;
}

/** Runs each query in turn (they share one connection) and returns the rows by name. */
async function runAll(ctx: MetricContext, queries: Record<string, string>): Promise<Record<string, Row[]>> {
  const rows: Record<string, Row[]> = {};
  for (const [name, text] of Object.entries(queries)) rows[name] = await ctx.query(text);
  return rows;
}

/**
 * The after-approval figures, or null when the data has no after-approval
 * columns and no carers list (the view then says which columns would help).
 * The households relation depends on the first enquiry date, so its queries
 * follow the first one (`ctx.query`).
 */
export const afterApprovalMetric: MetricSpec<AfterApprovalParams, AfterApprovalReport | null> = {
  name: 'afterApproval',
  what: 'the after-approval figures',
  sql: (_params, { attributes, carers }): Record<string, string> => (householdSource(attributes, carers) ? { since: FIRST_ENQUIRY_SQL } : {}),
  async shape(rows, { settings, filters, by }, ctx) {
    const { asOf, carers } = ctx;
    const src = householdSource(ctx.attributes, carers);
    if (!src) return null;
    const since = (rows.since?.[0]?.since as string | null | undefined) ?? asOf;
    const households = householdsSql(src, approvalColumn(settings), asOf, since, filters, serviceColumn(ctx.attributes));
    const got = await runAll(ctx, {
      summary: summarySql(households),
      all: retentionSql(households, asOf, null),
      ...(by && (by !== 'service' || serviceColumn(ctx.attributes)) ? { groups: retentionSql(households, asOf, by) } : {}),
      placement: placementSql(households, asOf),
      reasons: leavingReasonsSql(households, since),
      growth: netGrowthSql(households, since),
    });
    const sum = got.summary[0] as unknown as { n: number; left: number; first: string | null; eb: number; pb: number; unlinked: number; established: number };
    const [all] = retentionGroups(got.all as unknown as RetentionCount[], null);
    const empty = kaplanMeierCounts([]);
    return {
      source: src.kind, has: sourceHas(src, carers), columns: src.kind === 'export' ? src.columns : null, carers, asOf,
      since, households: sum.n, left: sum.left, firstApproval: sum.first, established: sum.established,
      overall: all ?? { group: 'All households', households: 0, left: 0, points: retentionPoints(empty), curve: empty },
      groups: got.groups ? retentionGroups(got.groups as unknown as RetentionCount[], by) : [],
      placement: placementTimes(got.placement[0] as unknown as PlacementRow),
      reasons: leavingReasons(got.reasons as unknown as ReasonCount[]),
      growth: netGrowth(got.growth as unknown as GrowthCount[], since, asOf),
      problems: { endedBeforeApproval: sum.eb, placedBeforeApproval: sum.pb, notLinked: sum.unlinked },
    };
  },
};

/** How each reason category reads after "most often". */
const REASON_PHRASES: Record<string, string> = {
  allegation: 'after an allegation or a standards concern',
  agency: 'to move to an agency or another service',
  retirement: 'for retirement',
  guardianship: 'to become special guardians or adopt a child they cared for',
  support: 'over a lack of support, pay or other dissatisfaction',
  family: 'for their own family, health or home circumstances',
};

const monthYear = (iso: string) => new Date(iso + 'T00:00:00Z').toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Why the followed households left, for the headline: a reason is "most
 * often" only when it leads every other reason outright, is given at least
 * twice and at least as often as no reason at all; otherwise the headline says
 * no reason stands out, or that most gave none.
 */
function leftBecause(r: AfterApprovalReport): string {
  if (!r.has.reason) return ', their reasons not recorded';
  const given = [...r.reasons].filter((x) => x.id !== 'other' && x.cohort > 0).sort((a, b) => b.cohort - a.cohort);
  const unknown = r.reasons.find((x) => x.id === 'other')?.cohort ?? 0;
  const [top, next] = given;
  if (!top || unknown > top.cohort) return ', most with no reason recorded';
  if (top.cohort >= 2 && top.cohort > (next?.cohort ?? 0) && top.cohort >= unknown) return `, most often ${REASON_PHRASES[top.id]}`;
  return ', no one reason standing out';
}

/** The view's headline, e.g. "Of 212 households approved since April 2022, 83% (78–88%) were still fostering 12 months on; 31 have left, most often for retirement." */
export function afterApprovalFinding(r: AfterApprovalReport): string {
  if (r.households === 0 || !r.firstApproval) return 'No approved households match these filters.';
  const who = `Of ${fmtInt(r.households)} household${r.households === 1 ? '' : 's'} approved since ${monthYear(r.since)}`;
  if (!r.has.deregistered) {
    const p = r.placement.withinThreeMonths;
    return `${who}, ${p.n ? `${fmtPct(p.rate)} (${fmtInterval(p.low, p.high)}, n=${fmtInt(p.n)}) had a first placement within 3 months` : `${fmtInt(r.placement.placed)} have had a first placement`}. How many are still fostering is unknown: the data has no deregistration date.`;
  }
  const point = [...r.overall.points].reverse().find((x) => x.months <= 12 && x.survival !== null)
    ?? r.overall.points.find((x) => x.survival !== null);
  const still = point && point.survival !== null
    ? `${fmtPct(point.survival)}${point.low !== null ? ` (${fmtInterval(point.low, point.high)})` : ''} were still fostering ${point.months} months on`
    : 'none has been approved long enough to say how many are still fostering';
  const why = r.left === 0 ? '' : leftBecause(r);
  return `${who}, ${still}; ${r.left === 0 ? 'none has left' : `${fmtInt(r.left)} ${r.left === 1 ? 'has' : 'have'} left${why}`}.`;
}
