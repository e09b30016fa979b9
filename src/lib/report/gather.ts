import type { MetricContext, MetricParams, MetricSpec } from '../coordinator/metric';
import { funnelMetric } from '../funnel/funnel';
import { exitReasonsMetric } from '../funnel/reasons';
import { channelsMetric } from '../funnel/campaigns';
import { cohortsMetric, periodCountsMetric } from '../funnel/cohorts';
import { equalityMetric, type FieldAssessment } from '../funnel/equality';
import { headlineCountsMetric } from '../funnel/headlineCounts';
import { trendComparisonMetric, type TrendComparison } from '../funnel/trendComparison';
import type { FunnelSettings } from '../funnel/settings';
import { stepNamer, visibleStages } from '../funnel/settings';
import type { Filters } from '../funnel/filters';
import { BLANK, hasDateFilter } from '../funnel/filters';
import type { Grain } from '../funnel/cohorts';
import type { ReasonOverrides } from '../funnel/reasons';
import { EXIT_CATEGORIES } from '../funnel/reasons';
import { compareLines, windowsLabel, type CompareLine } from '../funnel/headline';
import { DATED_TREND_NOTE, trendFinding } from '../funnel/trendFinding';
import { biggestLoss } from '../funnel/biggestLoss';
import { DAYS_PER_MONTH } from '../funnel/periods';
import { dropoffFinding } from '../findings/dropoff';
import { campaignsFinding, channelLabel } from '../findings/campaigns';
import { equalityFinding } from '../findings/equality';
import { servicesStepFinding } from '../findings/services';
import { servicesComparedMetric } from '../funnel/servicesCompared';
import { fmtInt } from '../format';
import type { ReportAggregates, ReportNames } from './sections';

/** The choices the report follows, as the views hold them in the link. */
export interface ReportChoices extends MetricParams {
  settings: FunnelSettings;
  filters: Filters;
  by: 'campaign' | 'source' | 'service';
  /** The column the campaign section groups by (the service's own column when by is 'service'). */
  byColumn: string;
  /** A regional hub's service column (several services' exports): the report compares the services in a section of their own. */
  serviceColumn?: string | null;
  grain: Grain;
  windowMonths: number;
  spend: Record<string, number>;
  overrides: ReasonOverrides;
}

/** Each view's finding sentence, as the view shows it, and the comparison with the previous period. */
export interface ReportFindings {
  overview: string;
  dropoff: string;
  campaigns: string;
  trends: string;
  equality: string;
  /** A hub's services compared, when the campaign section is not already by service; null otherwise. */
  services: string | null;
  /** "2023-24 compared with …" and its lines; null when there is no earlier period of the same length. */
  comparison: { label: string; lines: CompareLine[] } | null;
}

export interface ReportInputs {
  asOf: string;
  /** The first enquiry date in the data (null when there is none). */
  firstEnquiry: string | null;
  aggregates: ReportAggregates;
  names: ReportNames;
  findings: ReportFindings;
}

/** The Overview's comparison of the last 12 months (or the date filter's range) with the same span before. */
async function headlineComparison(ctx: MetricContext, c: ReportChoices): Promise<ReportFindings['comparison']> {
  // The Overview's own windows and counts (cached when the Overview was shown).
  const { windows: w, counts: [now, before] } = await ctx.use(headlineCountsMetric, { settings: c.settings, filters: c.filters });
  if (!w || w.previousIncomplete) return null;
  const l = compareLines(now, before);
  const lines = [l.enquiries, l.applications, l.appRate, l.approvals, l.days].filter((x): x is CompareLine => !!x);
  return { label: windowsLabel(w, c.filters), lines };
}

/** Names the report prints for reason categories, equality steps and groups. */
function reportNames(settings: FunnelSettings): ReportNames & { group: (g: string) => string } {
  return {
    reason: (code) => EXIT_CATEGORIES.find((x) => x.code === code)?.label ?? code,
    step: stepNamer(settings),
    group: (g) => (g === BLANK ? 'Not recorded' : g),
  };
}

/** Each section's figures, asked of the metrics one after another (one connection). */
async function gatherAggregates(ctx: MetricContext, c: ReportChoices) {
  const p = { settings: c.settings, filters: c.filters };
  const hub = c.by === 'service' ? c.byColumn : (c.serviceColumn ?? null);
  return {
    funnel: await ctx.use(funnelMetric, p),
    reasons: await ctx.use(exitReasonsMetric, { ...p, overrides: c.overrides }),
    channels: await ctx.use(channelsMetric, { ...p, by: c.byColumn, spend: c.spend }),
    periods: await ctx.use(periodCountsMetric, { ...p, grain: c.grain }),
    cohorts: await ctx.use(cohortsMetric, { ...p, grain: c.grain, windowDays: Math.round(c.windowMonths * DAYS_PER_MONTH) }),
    equality: await ctx.use(equalityMetric, p),
    trend: await ctx.use(trendComparisonMetric, { ...p, grain: c.grain }),
    // In a hub, each service step by step against the others, as Campaigns "By service" shows it.
    services: hub ? await ctx.use(servicesComparedMetric, { ...p, column: hub }) : null,
    // ... and the services' own table when the campaign section is by campaign or source.
    serviceChannels: hub && c.by !== 'service' ? await ctx.use(channelsMetric, { ...p, by: hub, spend: {} }) : null,
  };
}

/**
 * Everything the printable report shows, computed by the engine from the
 * loaded data under the link's filters and choices, with each view's finding
 * made by the same builders the views use: a metric made of the views' metrics.
 */
export const reportMetric: MetricSpec<ReportChoices, ReportInputs> = {
  name: 'report',
  what: 'the report for these filters',
  sql: () => ({}),
  async shape(_rows, c, ctx) {
    const { funnel, reasons, channels, periods, cohorts, equality, trend, services, serviceChannels } = await gatherAggregates(ctx, c);
    const comparison = await headlineComparison(ctx, c);
    return reportInputs(c, ctx.asOf, trend, { funnel, reasons, by: c.by, channels, serviceChannels, grain: c.grain, periods, cohorts, equality }, comparison, services);
  },
};

/** The report's inputs from its aggregates: the names it prints and each view's finding. */
function reportInputs(
  c: ReportChoices, asOf: string, trendCmp: TrendComparison, aggregates: ReportAggregates, comparison: ReportFindings['comparison'],
  services: FieldAssessment | null = null,
): ReportInputs {
  const { funnel, reasons, channels, equality, serviceChannels } = aggregates;
  const s = c.settings;
  const trend = trendCmp.compared;
  const names = reportNames(s);
  const hasApplications = visibleStages(s).some((x) => x.id === 'application');
  const grainName = c.grain === 'fy' ? 'financial year' : c.grain;
  const findings: ReportFindings = {
    overview: funnel.total === 0 ? 'No enquiries match these filters: nothing to show.'
      : biggestLoss(funnel) ?? `No one has left yet: ${fmtInt(funnel.open)} of ${fmtInt(funnel.total)} enquiries are still open.`,
    dropoff: dropoffFinding(reasons, funnel.steps, funnel.open),
    campaigns: campaignsFinding(channels, c.by, {
      dated: hasDateFilter(c.filters), services: c.by === 'service' ? services : null,
      servicesText: c.by === 'service' && services ? servicesStepFinding(services, names.step, channelLabel(c.by)) : '',
    }),
    services: serviceChannels ? campaignsFinding(serviceChannels, 'service', {
      dated: false, services, servicesText: services ? servicesStepFinding(services, names.step, channelLabel('service')) : '',
    }) : null,
    trends: funnel.total === 0 ? 'No enquiries match these filters: nothing to compare.'
      : trend ? trendFinding(trend.counts[0], trend.counts[1], trend.now, trend.before, hasApplications, trend.filling, trend.days)
        + (hasDateFilter(c.filters) ? ` ${DATED_TREND_NOTE}` : '')
      : `There is no earlier ${hasDateFilter(c.filters) ? 'period' : grainName} of the same length wholly in the data to compare with.`,
    equality: equalityFinding(equality, names.step, names.group),
    comparison,
  };
  return { asOf, firstEnquiry: trendCmp.firstEnquiry, aggregates, names, findings };
}
