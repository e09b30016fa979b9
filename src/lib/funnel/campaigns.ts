import type { Engine } from '../engine/engine';
import { groupColumnSql, type ChannelKey } from './breakdowns';
import { hasFilters, whereSql, BLANK, type Filters } from './filters';
import { DAYS_TO_FINAL_COL } from './journeys';
import { approvalChances, forecastApprovals, latestKnownDate, openByGroup, type ApprovalForecast, type StageChance } from './forecast';
import { rate, type Rate } from './funnel';
import { visibleStages, type FunnelSettings } from './settings';

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

/**
 * Campaign (or source) comparison: volumes, conversion with intervals,
 * time to approval, open cases, costs when spend is loaded, and expected
 * approvals still to come. `by` is 'campaign', 'source' or an attribute column
 * (e.g. the service, for a regional hub).
 */
export async function channelTable(
  engine: Engine,
  s: FunnelSettings,
  by: ChannelKey,
  filters?: Filters,
  /** Spend typed in by the user, by campaign; wins over the cost sheet. */
  spendEntered: Record<string, number> = {},
  /** The as-of date in force (open enquiries are followed to it); worked out from `journeys` when not given. */
  asOf?: string,
  /** approvalChances for these settings, if already worked out (they do not depend on filters). */
  knownChances?: StageChance[][],
): Promise<ChannelRow[]> {
  const stages = visibleStages(s);
  const appIdx = stages.findIndex((x) => x.id === 'application');
  const rows = await engine.query<Record<string, number | string | null>>(
    `SELECT coalesce(${groupColumnSql(by)}, '${BLANK}') AS name, count(*)::INTEGER AS enquiries,
       ${appIdx >= 0 ? `count(*) FILTER (WHERE furthest >= ${appIdx})::INTEGER` : 'NULL::INTEGER'} AS applications,
       count(*) FILTER (WHERE outcome = 'approved')::INTEGER AS approvals,
       count(*) FILTER (WHERE outcome = 'open')::INTEGER AS open_now,
       median(${DAYS_TO_FINAL_COL}) AS median_days
     FROM journeys j WHERE ${whereSql(filters)} GROUP BY 1 ORDER BY enquiries DESC, name`,
  );
  const spend = by === 'campaign'
    ? new Map((await engine.query<{ campaign: string; spend: number }>('SELECT campaign, spend FROM costs')).map((r) => [r.campaign, r.spend]))
    : new Map<string, number>();
  if (by === 'campaign') for (const [name, value] of Object.entries(spendEntered)) spend.set(name, value);
  // A campaign that cost money and brought nobody belongs in the table too (unless filtered out).
  if (by === 'campaign' && !hasFilters(filters)) {
    for (const name of spend.keys()) {
      if (!rows.some((r) => r.name === name)) rows.push({ name, enquiries: 0, applications: 0, approvals: 0, open_now: 0, median_days: null });
    }
  }
  // Stage chances from the whole dataset; each row's own open enquiries.
  const until = asOf ?? (await latestKnownDate(engine, s));
  const chances = knownChances ?? (await approvalChances(engine, s, until));
  const open = await openByGroup(engine, s, until, by, filters);
  return rows.map((r) => {
    const name = r.name as string;
    const enquiries = r.enquiries as number;
    const applications = (r.applications as number | null) ?? 0;
    const approvals = r.approvals as number;
    const sp = spend.get(name) ?? null;
    const per = (n: number) => (sp !== null && n > 0 ? sp / n : null);
    return {
      name, enquiries, applications, approvals, openNow: r.open_now as number,
      // Without a visible application stage, application rates are unknown (and approvals would exceed 0 applications).
      enquiryToApplication: appIdx >= 0 ? rate(applications, enquiries) : rate(0, 0),
      applicationToApproval: appIdx >= 0 ? rate(approvals, applications) : rate(0, 0),
      enquiryToApproval: rate(approvals, enquiries),
      medianDaysToApproval: (r.median_days as number | null) ?? null,
      spend: sp, costPerEnquiry: per(enquiries), costPerApplication: per(applications), costPerApproval: per(approvals),
      expectedApprovals: forecastApprovals(chances, open.get(name) ?? []),
    };
  });
}
