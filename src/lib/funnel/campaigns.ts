import type { Engine } from '../engine/engine';
import { hasFilters, whereSql, BLANK, type Filters } from './filters';
import { DAYS_TO_FINAL_COL } from './journeys';
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
  /** Approvals expected from enquiries still open, from historical chances by stage. */
  expectedApprovals: { value: number; low: number; high: number };
}

/**
 * The historical chance of approval from each stage, among decided enquiries
 * (approved or left) that reached it, over the whole dataset.
 */
export async function approvalChanceByStage(engine: Engine, s: FunnelSettings): Promise<{ stage: string; chance: number | null; n: number }[]> {
  const stages = visibleStages(s);
  const parts = stages.map((_, i) =>
    `count(*) FILTER (WHERE furthest >= ${i} AND outcome <> 'open')::INTEGER AS n${i}, count(*) FILTER (WHERE furthest >= ${i} AND outcome = 'approved')::INTEGER AS a${i}`);
  const [r] = await engine.query<Record<string, number>>(`SELECT ${parts.join(', ')} FROM journeys`);
  return stages.map((st, i) => ({ stage: st.id, n: r[`n${i}`], chance: r[`n${i}`] ? r[`a${i}`] / r[`n${i}`] : null }));
}

/**
 * Campaign (or source) comparison: volumes, conversion with intervals,
 * time to approval, open cases, costs when spend is loaded, and expected
 * approvals still to come. `by` is 'campaign' or 'source'.
 */
export async function channelTable(
  engine: Engine,
  s: FunnelSettings,
  by: 'campaign' | 'source',
  filters?: Filters,
  /** Spend typed in by the user, by campaign; wins over the cost sheet. */
  spendEntered: Record<string, number> = {},
): Promise<ChannelRow[]> {
  const stages = visibleStages(s);
  const appIdx = stages.findIndex((x) => x.id === 'application');
  const openParts = stages.map((_, i) => `count(*) FILTER (WHERE outcome = 'open' AND furthest = ${i})::INTEGER AS o${i}`);
  const rows = await engine.query<Record<string, number | string | null>>(
    `SELECT coalesce(j.${by}, '${BLANK}') AS name, count(*)::INTEGER AS enquiries,
       ${appIdx >= 0 ? `count(*) FILTER (WHERE furthest >= ${appIdx})::INTEGER` : 'NULL::INTEGER'} AS applications,
       count(*) FILTER (WHERE outcome = 'approved')::INTEGER AS approvals,
       count(*) FILTER (WHERE outcome = 'open')::INTEGER AS open_now,
       median(${DAYS_TO_FINAL_COL}) AS median_days,
       ${openParts.join(', ')}
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
  const chances = await approvalChanceByStage(engine, s);
  return rows.map((r) => {
    const name = r.name as string;
    const enquiries = r.enquiries as number;
    const applications = (r.applications as number | null) ?? 0;
    const approvals = r.approvals as number;
    let expected = 0;
    let variance = 0;
    chances.forEach((c, i) => {
      const open = (r[`o${i}`] as number | undefined) ?? 0;
      if (open && c.chance !== null) {
        expected += open * c.chance;
        variance += open * c.chance * (1 - c.chance);
      }
    });
    const sp = spend.get(name) ?? null;
    const per = (n: number) => (sp !== null && n > 0 ? sp / n : null);
    const half = 1.96 * Math.sqrt(variance);
    return {
      name, enquiries, applications, approvals, openNow: r.open_now as number,
      // Without a visible application stage, application rates are unknown (and approvals would exceed 0 applications).
      enquiryToApplication: appIdx >= 0 ? rate(applications, enquiries) : rate(0, 0),
      applicationToApproval: appIdx >= 0 ? rate(approvals, applications) : rate(0, 0),
      enquiryToApproval: rate(approvals, enquiries),
      medianDaysToApproval: (r.median_days as number | null) ?? null,
      spend: sp, costPerEnquiry: per(enquiries), costPerApplication: per(applications), costPerApproval: per(approvals),
      expectedApprovals: { value: expected, low: Math.max(0, expected - half), high: expected + half },
    };
  });
}
