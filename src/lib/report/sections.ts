import type { Funnel } from '../funnel/funnel';
import type { ChannelRow } from '../funnel/campaigns';
import type { CohortResult, PeriodCount } from '../funnel/cohorts';
import type { ReasonRow } from '../funnel/reasons';
import type { EqualityResult } from '../funnel/equality';
import { campaignsSummary, equalitySummary, funnelAndReasonsSummaries, trendsSummary, type SummaryData, type SummaryStep } from '../state/summary';
import { EXIT_GROUPS, exitGroupOf } from '../funnel/reasonGroups';
import type { Count } from '../state/summary';
import type { ReportMode } from './mode';

/** The aggregates a report is made from, as the engine returns them. */
export interface ReportAggregates {
  funnel: Funnel;
  reasons: ReasonRow[];
  by: 'campaign' | 'source' | 'service';
  channels: ChannelRow[];
  /** A hub's services, when the campaign section is by campaign or source (it is by service otherwise). */
  serviceChannels?: ChannelRow[] | null;
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
  /** A hub's services in a section of their own (see ReportAggregates.serviceChannels); null otherwise. */
  services: Extract<SummaryData, { kind: 'campaigns' }> | null;
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
  const channelsSection = (by: ReportAggregates['by'], rows: ChannelRow[]): ReportSections['campaigns'] => ({
    kind: 'campaigns', by,
    rows: rows.map((r) => ({
      name: r.name, enquiries: r.enquiries, applications: r.applications, approvals: r.approvals,
      enquiryToApplication: share(r.applications, r.enquiries), costPerEnquiry: r.costPerEnquiry, costPerApproval: r.costPerApproval,
    })),
  });
  return {
    overview: {
      kind: 'overview', steps, total: a.funnel.total, approved: a.funnel.approved, openNow: a.funnel.open,
      medianDaysToApproval: a.funnel.daysToFinal.median,
    },
    dropoff: { kind: 'dropoff', steps, reasons: a.reasons.map((r) => ({ stage: r.stage, label: names.reason(r.code), n: r.n })) },
    campaigns: channelsSection(a.by, a.channels),
    services: a.serviceChannels ? channelsSection('service', a.serviceChannels) : null,
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
  // One paper, one pattern: the funnel table, "still open" and the reasons are withheld together.
  const { overview, dropoff } = funnelAndReasonsSummaries(a.funnel, a.reasons, names.reason);
  return {
    overview,
    dropoff,
    campaigns: campaignsSummary(a.by, a.channels) as ReportSections['campaigns'],
    services: a.serviceChannels ? campaignsSummary('service', a.serviceChannels) as ReportSections['campaigns'] : null,
    trends: trendsSummary(a.grain, a.periods, a.cohorts) as ReportSections['trends'],
    equality: equalitySummary(a.equality, names.step) as ReportSections['equality'],
  };
}

/**
 * The true values of the counts a paper for publication withholds ("<5" or
 * "suppressed" where the internal paper shows a count), so a finding stating
 * one can be left out with them (findingGuard.ts).
 */
export function withheldValues(internal: ReportSections, published: ReportSections): Set<number> {
  const out = new Set<number>();
  // Rates are withheld as "suppressed" too, but a rate is not a count a sentence states.
  const rates = new Set(['conversion', 'enquiryToApplication', 'approvedWithinWindow', 'rate', 'restRate']);
  const walk = (a: unknown, b: unknown) => {
    if (typeof a === 'number' && typeof b === 'string') out.add(a);
    else if (a && b && typeof a === 'object' && typeof b === 'object') {
      for (const key of Object.keys(a)) if (!rates.has(key)) walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
    }
  };
  walk(internal, published);
  return out;
}

/** One reason's row in the reasons table: its published count at each stage (in the table's stage order). */
export interface ReasonLine { label: string; counts: Count[] }

/** The reasons table: reasons grouped by who ended the enquiry, with a column per stage people left at. */
export interface ReasonsTable { stages: string[]; groups: { group: string; rows: ReasonLine[] }[] }

/**
 * The reasons people left, grouped by who ended the enquiry (applicant,
 * agency, administrative): groups with more leavers first, and within a
 * group the larger reasons first; a column per stage where anyone left.
 * Counts are as the section publishes them (a reason with nobody at a stage shows 0,
 * or "suppressed" where that 0 is withheld).
 */
export function reasonsByWho(a: ReportAggregates, s: ReportSections): ReasonsTable {
  // A reason nobody gave is left out, unless its 0 is withheld to protect a "<5" (leaving it out would show the 0).
  const rows = a.reasons.map((r, j) => ({ ...r, group: exitGroupOf(r.code), label: s.dropoff.reasons[j].label, pub: s.dropoff.reasons[j].n }))
    .filter((r) => r.n > 0 || typeof r.pub !== 'number');
  const stages = a.funnel.steps.filter((st) => rows.some((r) => r.stage === st.id));
  const sum = (xs: { n: number }[]) => xs.reduce((t, r) => t + r.n, 0);
  const groups = EXIT_GROUPS.map((group) => ({ group, rows: rows.filter((r) => r.group === group) })).filter((g) => g.rows.length)
    .sort((x, y) => sum(y.rows) - sum(x.rows) || EXIT_GROUPS.indexOf(x.group) - EXIT_GROUPS.indexOf(y.group));
  return {
    stages: stages.map((st) => st.name),
    groups: groups.map(({ group, rows: gr }) => {
      const codes = [...new Set(gr.map((r) => r.code))];
      const total = (code: string) => sum(gr.filter((r) => r.code === code));
      return {
        group,
        rows: codes.sort((x, y) => total(y) - total(x)).map((code) => ({
          label: gr.find((r) => r.code === code)!.label,
          counts: stages.map((st) => gr.find((r) => r.code === code && r.stage === st.id)?.pub ?? 0),
        })),
      };
    }),
  };
}
