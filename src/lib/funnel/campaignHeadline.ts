import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { channelsMetric, type ChannelRow } from './campaigns';
import type { ComparisonWindows } from './change';
import { hasFilters } from './filters';
import { headlineCountsMetric } from './headlineCounts';
import type { WindowCounts } from './windowCounts';

/** Spend and approvals over every campaign row (each enquiry followed to wherever it got: a cohort). */
export interface CampaignTotals {
  enquiries: number;
  approvals: number;
  /** Spend of the campaigns with spend known (null when none has any). */
  spend: number | null;
  /** Approvals from the campaigns with spend known: what cost per approval divides by. */
  costedApprovals: number;
  /** Campaigns with spend known. */
  costedCampaigns: number;
}

/** The Campaigns view's headline: totals, the service's overall ones under a filter, and approvals made in two periods. */
export interface CampaignHeadline {
  now: CampaignTotals;
  /** The same totals with no filters; null when no filter is set. */
  overall: CampaignTotals | null;
  /** The window on show and the one before (the Overview's); null when the date filter leaves none. */
  windows: ComparisonWindows | null;
  /** Period counts [the window on show, the one before]; null when there is no earlier window of the same length in the data. */
  counts: [WindowCounts, WindowCounts] | null;
}

/** What the headline is asked with: the spend typed in, as the campaign table is. */
export interface CampaignHeadlineParams extends MetricParams {
  spend?: Record<string, number>;
}

/** Adds up the campaign table's rows. */
export function campaignTotals(rows: readonly ChannelRow[]): CampaignTotals {
  const costed = rows.filter((r) => r.spend !== null);
  return {
    enquiries: rows.reduce((a, r) => a + r.enquiries, 0),
    approvals: rows.reduce((a, r) => a + r.approvals, 0),
    spend: costed.length ? costed.reduce((a, r) => a + r.spend!, 0) : null,
    costedApprovals: costed.reduce((a, r) => a + r.approvals, 0),
    costedCampaigns: costed.length,
  };
}

/**
 * Total spend, approvals and overall cost per approval from the campaign
 * table's own rows (so the strip and the table agree), the same with no
 * filters beside them, and approvals made in the Overview's two windows
 * (period counts). Spend carries no dates, so it has no earlier period.
 */
export const campaignHeadlineMetric: MetricSpec<CampaignHeadlineParams, CampaignHeadline> = {
  name: 'campaignHeadline',
  what: 'the campaign headline figures',
  sql: () => ({}),
  async shape(_rows, { settings, filters = {}, spend = {} }, ctx) {
    const rows = await ctx.use(channelsMetric, { settings, filters, by: 'campaign', spend });
    const all = hasFilters(filters) ? await ctx.use(channelsMetric, { settings, filters: {}, by: 'campaign', spend }) : null;
    const head = await ctx.use(headlineCountsMetric, { settings, filters });
    const fair = head.windows && !head.windows.previousIncomplete;
    return {
      now: campaignTotals(rows),
      overall: all && campaignTotals(all),
      windows: head.windows,
      counts: fair ? [head.counts[0], head.counts[1]] : null,
    };
  },
};
