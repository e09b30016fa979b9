import type { MetricParams, MetricSpec } from '../coordinator/metric';
import type { Row } from '../engine/engine';
import { raw, sql } from '../engine/sql';
import { groupColumnSql, type ChannelKey } from './breakdowns';
import { hasDateFilter, hasFilters, whereSql, BLANK } from './filters';
import { DAYS_TO_FINAL_COLUMN } from '../schema';
import { approvalChancesMetric, forecastApprovals, openByGroup, openByGroupSql, type ApprovalForecast, type OpenCount, type StageChance } from './forecast';
import { rate, type Rate } from '../stats/rate';
import { visibleStages } from './settings';
import { countedFrom, cubesSql, DAYS_CUBE, groupFromCubes, stepName } from './cube';

export interface ChannelRow {
  /** Campaign or source exactly as in the export (trimmed); BLANK when none recorded. */
  name: string;
  enquiries: number;
  applications: number;
  approvals: number;
  openNow: number;
  enquiryToApplication: Rate;
  applicationToApproval: Rate;
  enquiryToApproval: Rate;
  medianDaysToApproval: number | null;
  spend: number | null;
  costPerEnquiry: number | null;
  costPerApplication: number | null;
  costPerApproval: number | null;
  /**
   * Approvals expected from the enquiries still open (see forecast.ts): the
   * expected number, and a 95% range in whole people (low and high are integers).
   */
  expectedApprovals: ApprovalForecast;
}

/** What the campaign table is asked with. */
export interface ChannelsParams extends MetricParams {
  /** 'campaign', 'source' or an attribute column (e.g. the service, for a regional hub). */
  by: ChannelKey;
  /** Spend typed in by the user, by campaign (a plain object: it is part of the cache key); wins over the cost sheet. */
  spend?: Record<string, number>;
}

/** A row of the grouped counts query. */
interface CountsRow {
  name: string;
  enquiries: number;
  applications: number | null;
  approvals: number;
  open_now: number;
  median_days: number | null;
}

/**
 * Campaign (or source) comparison: volumes, conversion with intervals,
 * time to approval, open cases, costs when spend is loaded, and expected
 * approvals still to come (the stage chances come from the whole dataset,
 * through approvalChancesMetric; each row's own open enquiries are counted
 * under the filters).
 */
export const channelsMetric: MetricSpec<ChannelsParams, ChannelRow[]> = {
  name: 'channels',
  what: 'the campaign comparison',
  prepare: ({ settings, filters, by }, facts) => (groupFromCubes(by, filters, facts) ? cubesSql(settings) : []),
  sql({ settings, filters, by }, facts) {
    const { asOf } = facts;
    const appIdx = visibleStages(settings).findIndex((x) => x.id === 'application');
    const where = raw(whereSql(filters));
    const name = sql`coalesce(${raw(groupColumnSql(by))}, ${BLANK})`;
    // By campaign or source, from the cubes when the filters allow: their counts summed, and the
    // days to approval counted by day, expanded back into days (one row per approval) for the same median.
    const cubes = groupFromCubes(by, filters, facts);
    const { from, n } = countedFrom(cubes);
    const applications = appIdx >= 0 ? sql`coalesce(${n} FILTER (WHERE furthest >= ${appIdx}), 0)::INTEGER` : raw('NULL::INTEGER');
    const tallies = sql`${name} AS name, ${n}::INTEGER AS enquiries, ${applications} AS applications,
       coalesce(${n} FILTER (WHERE outcome = 'approved'), 0)::INTEGER AS approvals,
       coalesce(${n} FILTER (WHERE outcome = 'open'), 0)::INTEGER AS open_now`;
    const counts = cubes
      ? sql`SELECT c.*, d.median_days FROM (SELECT ${tallies} FROM ${from} WHERE ${where} GROUP BY 1) c
         LEFT JOIN (SELECT name, median(days) AS median_days FROM (SELECT ${name} AS name, days, unnest(range(n)) FROM ${raw(DAYS_CUBE)}
           WHERE step = ${stepName(0)} AND ${where}) GROUP BY 1) d USING (name)
         ORDER BY enquiries DESC, name`
      : sql`SELECT ${tallies}, median(${raw(DAYS_TO_FINAL_COLUMN)}) AS median_days
         FROM ${from} WHERE ${where} GROUP BY 1 ORDER BY enquiries DESC, name`;
    const open = openByGroupSql(settings, asOf, by, filters);
    return {
      counts,
      ...(by === 'campaign' ? { costs: 'SELECT campaign, spend FROM costs' } : {}),
      ...(open ? { open } : {}),
    };
  },
  async shape(rows, params, ctx) {
    const chances = await ctx.use(approvalChancesMetric, { settings: params.settings });
    // Spend carries no dates: a campaign's whole spend set against a date range's enquiries would overstate every cost.
    // A copy: the query's rows are cached and shared.
    const counts = [...rows.counts] as unknown as CountsRow[];
    const spend = hasDateFilter(params.filters) ? new Map<string, number>() : spendByCampaign(rows.costs ?? [], params.spend ?? {}, counts.map((r) => r.name));
    // A campaign that cost money and brought nobody belongs in the table too (unless filtered out).
    if (params.by === 'campaign' && !hasFilters(params.filters)) {
      for (const name of spend.keys()) {
        if (!counts.some((r) => r.name === name)) counts.push({ name, enquiries: 0, applications: 0, approvals: 0, open_now: 0, median_days: null });
      }
    }
    const hasApplication = visibleStages(params.settings).some((x) => x.id === 'application');
    const open = openByGroup(rows.open ?? []);
    return counts.map((r) => channelRow(r, hasApplication, spend.get(r.name) ?? null, chances, open.get(r.name) ?? []));
  },
};

/**
 * A campaign name with case, accents, spacing and punctuation folded away, as
 * names typed in two systems differ ("YouTube Ads", "Youtube ads", "You Tube
 * Ads"): letters and digits only, "&" read as "and".
 */
const folded = (name: string) => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '');

/**
 * Spend by campaign: the cost sheet's, each row set against the export's
 * campaign of that name or, failing that, the one name that differs from it
 * only in case, spacing or punctuation ("Summer radio 2024 " is the export's
 * "Summer Radio 2024"; "Facebook - Spring 2024" its "Facebook Spring 2024");
 * spend typed in (by the table's own names) winning. A cost name matching no
 * campaign stays as it is: a campaign that cost money and brought nobody.
 */
export function spendByCampaign(costs: readonly Row[], entered: Record<string, number>, names: readonly string[]): Map<string, number> {
  const exact = new Set(names);
  const byFold = new Map<string, string | null>();
  for (const n of names) {
    const k = folded(n);
    // Two export names folding alike: neither is guessed.
    byFold.set(k, byFold.has(k) ? null : n);
  }
  const spend = new Map<string, number>();
  for (const r of costs as readonly { campaign: string; spend: number }[]) {
    const name = exact.has(r.campaign) ? r.campaign : (byFold.get(folded(r.campaign)) ?? r.campaign);
    spend.set(name, (spend.get(name) ?? 0) + r.spend);
  }
  for (const [name, value] of Object.entries(entered)) spend.set(name, value);
  return spend;
}

/** One row of the table from its counts, spend and open enquiries. */
function channelRow(r: CountsRow, hasApplication: boolean, spend: number | null, chances: StageChance[][], open: OpenCount[]): ChannelRow {
  const applications = r.applications ?? 0;
  const per = (n: number) => (spend !== null && n > 0 ? spend / n : null);
  return {
    name: r.name, enquiries: r.enquiries, applications, approvals: r.approvals, openNow: r.open_now,
    // Without a visible application stage, application rates are unknown (and approvals would exceed 0 applications).
    enquiryToApplication: hasApplication ? rate(applications, r.enquiries) : rate(0, 0),
    applicationToApproval: hasApplication ? rate(r.approvals, applications) : rate(0, 0),
    enquiryToApproval: rate(r.approvals, r.enquiries),
    medianDaysToApproval: r.median_days ?? null,
    spend, costPerEnquiry: per(r.enquiries), costPerApplication: per(applications), costPerApproval: per(r.approvals),
    expectedApprovals: forecastApprovals(chances, open),
  };
}
