import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { givenAway, type Seen } from '../../helpers/reader';
import { isSuppressed } from '../../../src/lib/stats/disclosure';
import { reportSections, reasonsByWho, withheldValues, type ReportAggregates } from '../../../src/lib/report/sections';
import type { Funnel } from '../../../src/lib/funnel/funnel';
import type { ChannelRow } from '../../../src/lib/funnel/campaigns';
import type { EqualityResult } from '../../../src/lib/funnel/equality';
import type { ReasonRow } from '../../../src/lib/funnel/reasons';

function funnel(rows: [number, number, number][]): Funnel {
  const ids = ['enquiry', 'application', 'approved'];
  const steps = rows.map(([reached, left, open], i) => ({ id: ids[i], name: ids[i][0].toUpperCase() + ids[i].slice(1), reached, left, open, conversion: null, decidedConversion: null, days: null }));
  return {
    steps, total: rows[0][0], approved: rows[rows.length - 1][0], open: rows.reduce((a, r) => a + r[2], 0), left: rows.reduce((a, r) => a + r[1], 0),
    daysToFinal: { q1: null, median: 200, q3: null, n: 3 },
  } as unknown as Funnel;
}

const channel = (name: string, enquiries: number, applications: number, approvals: number, costPerApproval: number | null): ChannelRow =>
  ({ name, enquiries, applications, approvals, costPerEnquiry: null, costPerApproval, spend: null } as unknown as ChannelRow);

const equality: EqualityResult[] = [{
  column: 'ethnicity', dimension: 'Ethnicity', comparisons: 4, pooled: null,
  groups: [{ group: 'Group A', enquiries: 40, small: false, watchAt: [], behindAt: ['application'], steps: [
    { stage: 'application', a: { successes: 3, n: 40 }, b: { successes: 90, n: 300 } },
  ] }],
} as unknown as EqualityResult];

const reasons: ReasonRow[] = [
  { stage: 'enquiry', code: 'LOST_CONTACT', n: 50 }, { stage: 'enquiry', code: 'AW1', n: 3 }, { stage: 'application', code: 'AW3', n: 20 },
  { stage: 'application', code: 'COUNSELLED_OUT', n: 1 }, { stage: 'enquiry', code: 'AW2', n: 0 },
];

const aggregates: ReportAggregates = {
  funnel: funnel([[100, 53, 10], [37, 21, 13], [3, 0, 0]]), reasons, by: 'campaign',
  channels: [channel('Radio', 60, 20, 2, 2500), channel('Fortnight', 40, 17, 1, null)],
  grain: 'fy', periods: [{ period: '2023-24', enquiries: 100, applications: 37, approvals: 3 }],
  cohorts: [{ period: '2023-24', enquiries: 100, approvedWithin: 3, provisional: false } as never],
  equality,
};
const names = { reason: (c: string) => c, step: (id: string) => `to ${id}` };

describe('reportSections', () => {
  it('internal: every figure as computed, with its rates', () => {
    const s = reportSections(aggregates, 'internal', names);
    expect(s.overview.steps.map((x) => x.reached)).toEqual([100, 37, 3]);
    expect(s.overview.approved).toBe(3);
    expect(s.overview.steps[2].conversion).toBeCloseTo(3 / 37);
    expect(s.campaigns.rows[0]).toMatchObject({ approvals: 2, costPerApproval: 2500, enquiryToApplication: 20 / 60 });
    expect(s.trends.periods[0].approvals).toBe(3);
    expect(s.trends.cohorts[0].approvedWithinWindow).toBeCloseTo(0.03);
    expect(s.equality.findings).toEqual([{ dimension: 'Ethnicity', group: 'Group A', step: 'to application', rate: 3 / 40, n: 40, restRate: 0.3, restN: 300 }]);
    expect(s.dropoff.reasons.map((r) => r.n)).toEqual([50, 3, 20, 1, 0]);
  });

  it('for publication: the summary links\' disclosure control, counts of 1 to 4 never shown', () => {
    const s = reportSections(aggregates, 'publication', names);
    expect(s.overview.approved).toBe('<5');
    expect(s.campaigns.rows[0]).toMatchObject({ approvals: '<5', costPerApproval: null });
    expect(s.trends.periods[0].approvals).toBe('<5');
    expect(s.trends.cohorts[0].approvedWithinWindow).toBe('suppressed');
    expect(s.equality.findings[0].rate).toBe('suppressed');
    const shown = JSON.stringify(s);
    for (const n of [1, 2, 3, 4]) expect(shown).not.toMatch(new RegExp(`:${n}[,}]`));
  });
});

describe('reportSections for publication, funnel and reasons together', () => {
  it('the funnel table takes the stage counts withheld with the reasons, so neither table gives the other away', () => {
    // 60 left at enquiry = 40 + 3 + 17: the reasons' "<5" withholds the 60 (or a part of the sum); the 100, 30
    // and 8 are known from the campaign and period tables, so the 2 still open at application withholds the 10 open
    // at enquiry, and those two the 60 they leave to work out, which the 3 needed anyway.
    const a: ReportAggregates = { ...aggregates, funnel: funnel([[100, 60, 10], [30, 20, 2], [8, 0, 0]]),
      reasons: [{ stage: 'enquiry', code: 'AW1', n: 40 }, { stage: 'enquiry', code: 'AW2', n: 3 }, { stage: 'enquiry', code: 'AW3', n: 17 }] };
    const s = reportSections(a, 'publication', names);
    expect(s.overview.steps).toEqual(s.dropoff.steps);
    expect(s.overview.total).toBe(s.dropoff.steps[0].reached);
    expect(s.overview.approved).toBe(s.dropoff.steps[2].reached);
    expect(s.dropoff.steps.map((st) => st.reached)).toEqual([100, 30, 8]);
    expect(s.dropoff.steps[0].left).toBe('suppressed');
    expect(s.dropoff.reasons.map((r) => r.n)).toEqual([40, '<5', 17]);
  });
});

describe('reportSections for publication: tables that add up to the funnel on the same paper', () => {
  // Campaigns of 120, 3 and "No campaign recorded" 40, the funnel's 163 enquiries printed above them;
  // 44 applications = 30 + 2 + 12; the periods share out the same enquiries.
  const a: ReportAggregates = {
    ...aggregates,
    funnel: funnel([[163, 100, 19], [44, 20, 9], [15, 0, 0]]),
    reasons: [],
    channels: [channel('Radio', 120, 30, 10, null), channel('Bus stop', 3, 2, 0, null), channel('(blank)', 40, 12, 5, null)],
    periods: [{ period: '2022-23', enquiries: 160, applications: 40, approvals: 15 }, { period: '2023-24', enquiries: 3, applications: 4, approvals: 0 }],
    cohorts: [{ period: '2022-23', enquiries: 160, approvedWithin: 15, provisional: false } as never, { period: '2023-24', enquiries: 3, approvedWithin: 0, provisional: true } as never],
  };
  const s = reportSections(a, 'publication', names);
  const total = (xs: unknown[]) => (xs.every((x) => typeof x === 'number') ? (xs as number[]).reduce((t, x) => t + x, 0) : null);

  it('the funnel\'s enquiries less the other campaigns never give the 3 away, nor its applications the 2', () => {
    expect(s.overview.total).toBe(163);
    expect(s.campaigns.rows.map((r) => r.enquiries)).toEqual([120, '<5', 'suppressed']);
    expect(s.campaigns.rows.map((r) => r.applications)).toEqual([30, '<5', 'suppressed']);
    // With one other count withheld in each column, no column can be subtracted from the funnel's figure.
    const shownEnquiries = s.campaigns.rows.map((r) => r.enquiries).filter((x): x is number => typeof x === 'number');
    expect(163 - shownEnquiries.reduce((t, x) => t + x, 0)).toBeGreaterThan(4);
  });

  it('the periods\' enquiries and the cohorts\' (the same people) are withheld alike against the total', () => {
    expect(s.trends.periods.map((p) => p.enquiries)).toEqual(['suppressed', '<5']);
    expect(s.trends.cohorts.map((c) => c.enquiries)).toEqual(['suppressed', '<5']);
    expect(s.trends.cohorts.map((c) => c.approvedWithinWindow)).toEqual(['suppressed', 'suppressed']);
    expect(total(s.trends.periods.map((p) => p.applications))).toBeNull();
  });
});

describe('reasonsByWho', () => {
  it('groups reasons by who ended the enquiry, bigger groups and reasons first, a column per stage people left at', () => {
    const t = reasonsByWho(aggregates, reportSections(aggregates, 'internal', names));
    expect(t.stages).toEqual(['Enquiry', 'Application']);
    expect(t.groups.map((x) => x.group)).toEqual(['Administrative', 'Applicant withdrew', 'Agency decision']);
    // AW2 had nobody: left out.
    expect(t.groups[1].rows).toEqual([{ label: 'AW3', counts: [0, 20] }, { label: 'AW1', counts: [3, 0] }]);
    expect(t.groups[0].rows).toEqual([{ label: 'LOST_CONTACT', counts: [50, 0] }]);
  });

  it('keeps a reason nobody gave when its 0 is withheld to protect a "<5" (leaving it out would show the 0)', () => {
    // Nobody still open: the 60 who left are the 100 less the 40 who applied, so the reasons' sum is all there is to hide in.
    const a: ReportAggregates = { ...aggregates, funnel: funnel([[100, 60, 0], [40, 20, 0], [20, 0, 0]]),
      reasons: [{ stage: 'enquiry', code: 'AW1', n: 57 }, { stage: 'enquiry', code: 'AW2', n: 3 }, { stage: 'enquiry', code: 'AW3', n: 0 }] };
    const s = reportSections(a, 'publication', names);
    expect(s.dropoff.reasons.map((r) => r.n)).toEqual(['suppressed', '<5', 'suppressed']);
    const rows = reasonsByWho(a, s).groups.flatMap((g) => g.rows);
    expect(rows.find((r) => r.label === 'AW3')?.counts).toEqual(['suppressed']);
    // The internal paper still leaves out reasons nobody gave.
    expect(reasonsByWho(a, reportSections(a, 'internal', names)).groups.flatMap((g) => g.rows).map((r) => r.label)).not.toContain('AW3');
  });

  it('shows the published counts in the version for publication', () => {
    const t = reasonsByWho(aggregates, reportSections(aggregates, 'publication', names));
    expect(t.groups[1].rows[1].counts).toEqual(['<5', 0]);
    expect(t.groups[2].rows[0].counts).toEqual([0, '<5']);
  });
});

describe('withheldValues', () => {
  it('gives the true value of every count the version for publication withholds, and no rate', () => {
    const a: ReportAggregates = { ...aggregates, funnel: funnel([[100, 60, 10], [30, 20, 2], [8, 0, 0]]),
      reasons: [{ stage: 'enquiry', code: 'AW1', n: 40 }, { stage: 'enquiry', code: 'AW2', n: 3 }, { stage: 'enquiry', code: 'AW3', n: 17 }] };
    const values = withheldValues(reportSections(a, 'internal', names), reportSections(a, 'publication', names));
    // The 3 and the 2 ("<5"), and the 60 and 10 withheld with them; the equality group's 40 goes with its 3 successes.
    for (const v of [3, 2, 60, 10]) expect(values.has(v)).toBe(true);
    for (const v of [100, 30, 8, 17]) expect(values.has(v)).toBe(false);
    expect([...values].every(Number.isInteger)).toBe(true);
  });
});

describe('reportSections: a hub\'s services in a section of their own', () => {
  const a: ReportAggregates = { ...aggregates, serviceChannels: [channel('Westmere', 70, 25, 2, null), channel('Eastbrook', 30, 12, 1, null)] };
  it('are there for both versions, withheld for publication as the campaigns are', () => {
    expect(reportSections(a, 'internal', names).services!.rows.map((r) => [r.name, r.enquiries, r.approvals])).toEqual([['Westmere', 70, 2], ['Eastbrook', 30, 1]]);
    const pub = reportSections(a, 'publication', names).services!;
    expect(pub.by).toBe('service');
    expect(pub.rows.map((r) => r.approvals)).toEqual(['<5', '<5']);
  });
  it('are absent without them', () => {
    expect(reportSections(aggregates, 'publication', names).services).toBeNull();
  });
});

describe('reportSections for publication: the paper read as a whole', () => {
  const ids = ['enquiry', 'initial_visit', 'application', 'approved'];
  const funnel4 = (rows: [number, number, number][]) => ({
    steps: rows.map(([reached, left, open], i) => ({ id: ids[i], name: ids[i], reached, left, open })),
    total: rows[0][0], approved: rows[3][0], open: rows.reduce((a, r) => a + r[2], 0), left: 0, daysToFinal: { q1: null, median: null, q3: null, n: 0 },
  }) as unknown as Funnel;
  const seenOf = (c: unknown): Seen => (c === 'suppressed' ? 'suppressed' : c === '<5' ? '<5' : (c as number));

  it('property: stages, "still open", reasons and the totals known from other tables give no count of 1-4 away', () => {
    const part = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 5 }));
    const check = (parts: [number, number, number][], approved: number) => {
      // Built backwards: reached(k) = reached(k+1) + left(k) + open(k); left(k) = reason A + reason B.
      const rows: [number, number, number][] = [[approved, 0, 0]];
      for (let i = parts.length - 1; i >= 0; i--) rows.unshift([rows[0][0] + parts[i][0] + parts[i][1] + parts[i][2], parts[i][0] + parts[i][1], parts[i][2]]);
      const reasons: ReasonRow[] = parts.flatMap(([x, y], i) => [{ stage: ids[i], code: 'AW1' as const, n: x }, { stage: ids[i], code: 'AW2' as const, n: y }]);
      const s = reportSections({ ...aggregates, funnel: funnel4(rows), reasons, channels: [], periods: [], cohorts: [], equality: [] }, 'publication', names);
      // Cells: 0-11 the stages' reached, left, open; 12 still open now; 13-18 the reasons.
      const truth = [...rows.flat(), rows.reduce((a, r) => a + r[2], 0), ...reasons.map((r) => r.n)];
      const seen: Seen[] = [...s.overview.steps.flatMap((st) => [st.reached, st.left, st.open]), s.overview.openNow, ...s.dropoff.reasons.map((r) => r.n)].map(seenOf);
      for (const k of [0, 2, 3]) seen[3 * k] = isSuppressed(truth[3 * k]) ? '<5' : truth[3 * k];
      const sums = [0, 1, 2].map((i) => ({ total: 3 * i, parts: [3 * i + 3, 3 * i + 1, 3 * i + 2] }));
      sums.push({ total: 12, parts: [2, 5, 8] });
      [0, 1, 2].forEach((i) => sums.push({ total: 3 * i + 1, parts: [13 + 2 * i, 14 + 2 * i] }));
      const sensitive = new Map(truth.flatMap((v, i) => (isSuppressed(v) ? [[i, v] as [number, number]] : [])));
      const cap = 2 * truth[0] + 10;
      expect(givenAway(seen, sums, cap, sensitive, 'wary')).toEqual([]);
      expect(givenAway(seen, sums, cap, sensitive, 'literal')).toEqual([]);
    };
    // A review's funnel first: 26 → 16 → 9 → 2, reasons 6/1, 5/0, 1/2, open 3, 2, 4: "still open 9" from its own
    // withholding, beside the drop-off pattern, gave away the 4 open at application.
    check([[6, 1, 3], [5, 0, 2], [1, 2, 4]], 2);
    fc.assert(fc.property(fc.array(part, { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 6 }), check), { numRuns: 60, seed: 20261129 });
  });
});

