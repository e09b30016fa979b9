import type { Funnel } from '../funnel/funnel';
import type { ChannelRow } from '../funnel/campaigns';
import type { CohortResult, PeriodCount } from '../funnel/cohorts';
import type { ReasonRow } from '../funnel/reasons';
import type { EqualityResult } from '../funnel/equality';
import { campaignsSummary, dropoffSummary, equalitySummary, overviewSummary, trendsSummary, type SummaryData, type SummaryStep } from '../state/summary';
import { EXIT_GROUPS, exitGroupOf } from '../funnel/reasonGroups';
import type { Count } from '../state/summary';
import type { ReportMode } from './mode';

/** The aggregates a report is made from, as the engine returns them. */
export interface ReportAggregates {
  funnel: Funnel;
  reasons: ReasonRow[];
  by: 'campaign' | 'source';
  channels: ChannelRow[];
  grain: string;
  periods: PeriodCount[];
  cohorts: CohortResult[];
  equality: EqualityResult[];
}

/** The report's figures, section by section, in the shapes summary links use (so both are drawn alike). */
export interface ReportSections {
  overview: Extract<SummaryData, { kind: 'overview' }>;
  dropoff: Extract<SummaryData, { kind: 'dropoff' }>;
  campaigns: Extract<SummaryData, { kind: 'campaigns' }>;
  trends: Extract<SummaryData, { kind: 'trends' }>;
  equality: Extract<SummaryData, { kind: 'equality' }>;
}

/** Names used in the sections: reason categories and equality steps. */
export interface ReportNames {
  reason: (code: string) => string;
  step: (stageId: string) => string;
}

const share = (a: number, n: number) => (n ? a / n : null);

function allSteps(f: Funnel): SummaryStep[] {
  return f.steps.map((s, i) => ({
    id: s.id, name: s.name, reached: s.reached, left: s.left, open: s.open,
    conversion: i === 0 ? null : share(s.reached, f.steps[i - 1].reached),
  }));
}

/** Every figure as computed: for an internal paper only. */
function internalSections(a: ReportAggregates, names: ReportNames): ReportSections {
  const steps = allSteps(a.funnel);
  return {
    overview: {
      kind: 'overview', steps, total: a.funnel.total, approved: a.funnel.approved, openNow: a.funnel.open,
      medianDaysToApproval: a.funnel.daysToFinal.median,
    },
    dropoff: { kind: 'dropoff', steps, reasons: a.reasons.map((r) => ({ stage: r.stage, label: names.reason(r.code), n: r.n })) },
    campaigns: {
      kind: 'campaigns', by: a.by,
      rows: a.channels.map((r) => ({
        name: r.name, enquiries: r.enquiries, applications: r.applications, approvals: r.approvals,
        enquiryToApplication: share(r.applications, r.enquiries), costPerEnquiry: r.costPerEnquiry, costPerApproval: r.costPerApproval,
      })),
    },
    trends: {
      kind: 'trends', grain: a.grain,
      periods: a.periods.map((p) => ({ period: p.period, enquiries: p.enquiries, applications: p.applications, approvals: p.approvals })),
      cohorts: a.cohorts.map((c) => ({ period: c.period, enquiries: c.enquiries, approvedWithinWindow: share(c.approvedWithin, c.enquiries), provisional: c.provisional })),
    },
    equality: {
      kind: 'equality',
      findings: a.equality.flatMap((r) => r.groups.flatMap((g) => g.behindAt.map((st) => {
        const c = g.steps.find((x) => x.stage === st)!;
        return {
          dimension: r.dimension, group: g.group, step: names.step(st),
          rate: share(c.a.successes, c.a.n), n: c.a.n, restRate: share(c.b.successes, c.b.n), restN: c.b.n,
        };
      }))),
    },
  };
}

/**
 * The report's sections for its audience: every figure for an internal paper;
 * for publication, the summary links' disclosure control (summary.ts), so the
 * printed paper withholds exactly what a summary link would.
 */
export function reportSections(a: ReportAggregates, mode: ReportMode, names: ReportNames): ReportSections {
  if (mode === 'internal') return internalSections(a, names);
  return {
    overview: overviewSummary(a.funnel) as ReportSections['overview'],
    dropoff: dropoffSummary(a.funnel, a.reasons, names.reason) as ReportSections['dropoff'],
    campaigns: campaignsSummary(a.by, a.channels) as ReportSections['campaigns'],
    trends: trendsSummary(a.grain, a.periods, a.cohorts) as ReportSections['trends'],
    equality: equalitySummary(a.equality, names.step) as ReportSections['equality'],
  };
}

/** One table row of reasons for leaving, as published. */
export interface ReasonLine { stage: string; label: string; n: Count }

/**
 * The reasons people left, grouped by who ended the enquiry (applicant,
 * agency, administrative): groups with more leavers first, and within a
 * group the larger reasons first. Counts are as the section publishes them.
 */
export function reasonsByWho(a: ReportAggregates, s: ReportSections): { group: string; rows: ReasonLine[] }[] {
  const stageName = (id: string) => a.funnel.steps.find((x) => x.id === id)?.name ?? id;
  const rows = a.reasons.map((r, j) => ({ raw: r.n, group: exitGroupOf(r.code), line: { stage: stageName(r.stage), label: s.dropoff.reasons[j].label, n: s.dropoff.reasons[j].n } }))
    .filter((r) => r.raw > 0);
  const total = (g: string) => rows.filter((r) => r.group === g).reduce((t, r) => t + r.raw, 0);
  return EXIT_GROUPS.filter((g) => total(g) > 0)
    .sort((x, y) => total(y) - total(x) || EXIT_GROUPS.indexOf(x) - EXIT_GROUPS.indexOf(y))
    .map((group) => ({ group, rows: rows.filter((r) => r.group === group).sort((x, y) => y.raw - x.raw).map((r) => r.line) }));
}
