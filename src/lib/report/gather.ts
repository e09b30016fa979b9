import type { DataService } from '../state/dataService';
import type { FunnelSettings } from '../funnel/settings';
import { visibleStages } from '../funnel/settings';
import type { Filters } from '../funnel/filters';
import { BLANK } from '../funnel/filters';
import type { Grain } from '../funnel/cohorts';
import type { ReasonOverrides } from '../funnel/reasons';
import type { WindowCounts } from '../funnel/windowCounts';
import { EXIT_CATEGORIES } from '../funnel/reasons';
import { comparisonWindows, latestAgainstPrevious } from '../funnel/change';
import { approvalsLine, countLine, periodRateLine, windowsLabel, type CompareLine } from '../funnel/headline';
import { trendFinding } from '../funnel/trendFinding';
import { biggestLoss } from '../funnel/summary';
import { periodLabel, periodRange } from '../funnel/periods';
import { dropoffFinding } from '../findings/dropoff';
import { conversionFinding, valueFinding } from '../findings/campaigns';
import { equalityFinding } from '../findings/equality';
import { fmtDate, fmtInt } from '../format';
import type { ReportAggregates, ReportNames } from './sections';

/** The choices the report follows, as the views hold them in the link. */
export interface ReportChoices {
  settings: FunnelSettings;
  filters: Filters;
  by: 'campaign' | 'source' | 'service';
  /** The column the campaign section groups by (the service's own column when by is 'service'). */
  byColumn: string;
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

type Service = Pick<DataService, 'funnel' | 'reasons' | 'channels' | 'periodCounts' | 'cohorts' | 'equality' | 'windowCounts' | 'asOfDate' | 'enquiryRange'>;

/** The latest period against the one before, as the Trends view words it (null when the data do not reach back). */
async function trendComparison(svc: Service, c: ReportChoices, asOf: string, first: string | null): Promise<{ counts: WindowCounts[]; now: string; before: string } | null> {
  if (!first) return null;
  const noDates: Filters = { ...c.filters, from: null, to: null };
  if (c.filters.from || c.filters.to) {
    const w = comparisonWindows(asOf, first, c.filters);
    if (!w) return null;
    const [now, before] = windowsLabel(w, c.filters).split(' compared with ');
    return { counts: await svc.windowCounts(c.settings, [w.current, w.previous], noDates), now, before };
  }
  const latest = periodLabel(asOf, c.grain);
  const span = latestAgainstPrevious(periodRange(latest, c.grain), asOf, c.grain);
  if (span.current.from < first) return null;
  const counts = await svc.windowCounts(c.settings, [span.current, span.previous], noDates);
  const prev = periodLabel(span.previous.from, c.grain);
  return span.part
    ? { counts, now: `${latest} so far (${fmtDate(span.current.from)} to ${fmtDate(span.current.to)})`, before: `the same dates in ${prev}` }
    : { counts, now: latest, before: prev };
}

/** The Overview's comparison of the last 12 months (or the date filter's range) with the same span before. */
async function headlineComparison(svc: Service, c: ReportChoices, asOf: string, first: string | null): Promise<ReportFindings['comparison']> {
  const w = first ? comparisonWindows(asOf, first, c.filters) : null;
  if (!w || w.previousIncomplete) return null;
  const [now, before] = await svc.windowCounts(c.settings, [w.current, w.previous], { ...c.filters, from: null, to: null });
  const rate = periodRateLine(now.applications, now.enquiries, before.applications, before.enquiries);
  const lines = [
    countLine(now.enquiries, before.enquiries, 'enquiries received'),
    countLine(now.applications, before.applications, 'applications received'),
    ...(rate ? [rate] : []),
    approvalsLine(before, now),
  ];
  return { label: windowsLabel(w, c.filters), lines };
}

/** Names the report prints for reason categories, equality steps and groups. */
function reportNames(settings: FunnelSettings): ReportNames & { group: (g: string) => string } {
  const stages = visibleStages(settings);
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name ?? id;
  const prevName = (id: string) => stages[stages.findIndex((s) => s.id === id) - 1]?.name ?? '';
  return {
    reason: (code) => EXIT_CATEGORIES.find((x) => x.code === code)?.label ?? code,
    step: (id) => `${prevName(id)} → ${stageName(id)}`,
    group: (g) => (g === BLANK ? 'Not recorded' : g),
  };
}

/**
 * Everything the printable report shows, computed by the engine from the
 * loaded data under the link's filters and choices, with each view's finding
 * made by the same builders the views use.
 */
export async function gatherReport(svc: Service, c: ReportChoices): Promise<ReportInputs> {
  const s = c.settings;
  const f = c.filters;
  const [asOf, range] = await Promise.all([svc.asOfDate(s), svc.enquiryRange(s)]);
  const [funnel, reasons, channels, periods, cohorts, equality, trend, comparison] = await Promise.all([
    svc.funnel(s, f), svc.reasons(s, f, c.overrides), svc.channels(s, c.byColumn, f, c.spend), svc.periodCounts(s, c.grain, f),
    svc.cohorts(s, c.grain, Math.round(c.windowMonths * 30.4375), f), svc.equality(s, f),
    trendComparison(svc, c, asOf, range.first), headlineComparison(svc, c, asOf, range.first),
  ]);
  const names = reportNames(s);
  const hasApplications = visibleStages(s).some((x) => x.id === 'application');
  const grainName = c.grain === 'fy' ? 'financial year' : c.grain;
  const hasSpend = c.by === 'campaign' && channels.some((r) => r.spend !== null);
  const findings: ReportFindings = {
    overview: funnel.total === 0 ? 'No enquiries match these filters: nothing to show.'
      : biggestLoss(funnel) ?? `No one has left yet: ${fmtInt(funnel.open)} of ${fmtInt(funnel.total)} enquiries are still open.`,
    dropoff: dropoffFinding(reasons, funnel.steps, funnel.open),
    campaigns: (hasSpend ? valueFinding(channels) : null) ?? conversionFinding(channels, c.by),
    trends: funnel.total === 0 ? 'No enquiries match these filters: nothing to compare.'
      : trend ? trendFinding(trend.counts[0], trend.counts[1], trend.now, trend.before, hasApplications)
      : `There is no earlier ${grainName} of the same length in the data to compare with.`,
    equality: equalityFinding(equality, names.step, names.group),
    comparison,
  };
  return { asOf, firstEnquiry: range.first, aggregates: { funnel, reasons, by: c.by, channels, grain: c.grain, periods, cohorts, equality }, names, findings };
}
