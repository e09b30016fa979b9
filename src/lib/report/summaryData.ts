import type { MetricContext, MetricParams, MetricSpec } from '../coordinator/metric';
import { campaignsSummary, dropoffSummary, equalitySummary, overviewSummary, trendsSummary, type SummaryData } from '../state/summary';
import { funnelMetric } from '../funnel/funnel';
import { EXIT_CATEGORIES, exitReasonsMetric, type ReasonOverrides } from '../funnel/reasons';
import { channelsMetric } from '../funnel/campaigns';
import { cohortsMetric, periodCountsMetric, type Grain } from '../funnel/cohorts';
import { equalityMetric } from '../funnel/equality';
import { stepNamer } from '../funnel/settings';
import { enquiryRangeMetric } from '../funnel/values';
import { DAYS_PER_MONTH } from '../funnel/periods';
import type { ChannelGrouping } from '../state/viewChoices';

/** The views a summary link can be made of. */
export type SummaryView = 'overview' | 'dropoff' | 'campaigns' | 'trends' | 'equality';

/** What a summary of a view is made from: the view's own choices, already checked (see viewChoices). */
export interface SummaryParams extends MetricParams {
  view: SummaryView;
  by: ChannelGrouping;
  /** The column the campaign section groups by (the service column when `by` is 'service'). */
  byColumn: string;
  grain: Grain;
  windowDays: number;
  spend: Record<string, number>;
  overrides: ReasonOverrides;
}

const reasonLabel = (code: string) => EXIT_CATEGORIES.find((c) => c.code === code)?.label ?? code;


/**
 * Each view's aggregates, from the same metrics the view shows, asked with
 * exactly the view's parameters (they are the cache key, so the view's own
 * results are reused).
 */
const BUILDERS: Record<SummaryView, (ctx: MetricContext, p: SummaryParams) => Promise<SummaryData>> = {
  overview: async (ctx, p) => overviewSummary(await ctx.use(funnelMetric, base(p))),
  dropoff: async (ctx, p) =>
    dropoffSummary(await ctx.use(funnelMetric, base(p)), await ctx.use(exitReasonsMetric, { ...base(p), overrides: p.overrides }), reasonLabel),
  campaigns: async (ctx, p) => campaignsSummary(p.by, await ctx.use(channelsMetric, { ...base(p), by: p.byColumn, spend: p.spend })),
  trends: async (ctx, p) => trendsSummary(
    p.grain,
    await ctx.use(periodCountsMetric, { ...base(p), grain: p.grain }),
    await ctx.use(cohortsMetric, { ...base(p), grain: p.grain, windowDays: p.windowDays }),
    (await ctx.use(enquiryRangeMetric, { settings: p.settings })).first,
    Math.round(p.windowDays / DAYS_PER_MONTH),
  ),
  equality: async (ctx, p) => equalitySummary(await ctx.use(equalityMetric, base(p)), stepNamer(p.settings)),
};

const base = (p: SummaryParams): MetricParams => ({ settings: p.settings, filters: p.filters });

/** A view's published aggregates for a summary link (disclosure control is applied by the summary builders). */
export const summaryDataMetric: MetricSpec<SummaryParams, SummaryData> = {
  name: 'summaryData',
  what: 'the summary of this view',
  sql: () => ({}),
  shape: (_rows, params, ctx) => BUILDERS[params.view](ctx, params),
};
