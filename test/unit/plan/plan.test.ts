import { describe, expect, test } from 'vitest';
import type { PlanInputs, EventCounts } from '../../../src/lib/plan/inputs';
import { planModel } from '../../../src/lib/plan/model';
import { DAYS_PER_MONTH } from '../../../src/lib/funnel/periods';
import { makePlan, netAtCurrentRate } from '../../../src/lib/plan/plan';
import { approvalsAt } from '../../../src/lib/plan/outlook';
import { conversionEffect, shortenEffect, stepConversions } from '../../../src/lib/plan/levers';
import { planFinding } from '../../../src/lib/plan/finding';

/**
 * A hand-worked service, as of 1 Jan 2025, two stages (enquiry → approved), one source.
 * Twelve enquiries followed from enquiry: 8 left on day 30, one approved on day 100,
 * two still open (censored) on day 150, one approved on day 200.
 *
 * Aalen-Johansen by hand:
 *   day 30:  12 at risk, 8 leave     -> F = 0,                     S = 4/12 = 1/3
 *   day 100:  4 at risk, 1 approved  -> F = 0 + (1/3)(1/4) = 1/12, S = (1/3)(3/4) = 1/4
 *   day 150: the 2 open are censored -> 1 at risk
 *   day 200:  1 at risk, 1 approved  -> F = 1/12 + (1/4)(1/1) = 1/3
 * So p = 1/3 approved in the end; the lag L = F/p is 0 before day 100, 1/4 from day 100, 1 from day 200.
 *
 * Target date 31 Dec 2025: 364 days. ∫₀³⁶⁴ L = 100 days × 1/4 + 164 days × 1 = 189 enquirer-days,
 * so one enquiry a month from now brings p × 189 / 30.4375 = 63 / 30.4375 = 2.0698 approvals.
 * The two open enquiries: too few followed (under 20 at risk) to tell their age, so they count as
 * new: chance (F(364) − F(0)) / S(0) = 1/3 each, 2/3 in all.
 * Target 10: (10 − 2/3) / (63 / 30.4375) = 28 × 30.4375 / 189 = 4.5093 enquiries a month.
 * Recent: 24 enquiries in 365 days = 24 × 30.4375 / 365 = 2.0014 a month, which brings
 * 2/3 + 2.0014 × 2.0698 = 4.8091 approvals: 5.19 short.
 */
const counts: EventCounts[] = [
  { group: 'Web', day: 30, approved: 0, left: 8, censored: 0 },
  { group: 'Web', day: 100, approved: 1, left: 0, censored: 0 },
  { group: 'Web', day: 150, approved: 0, left: 0, censored: 2 },
  { group: 'Web', day: 200, approved: 1, left: 0, censored: 0 },
];
const HAND: PlanInputs = {
  asOf: '2025-01-01',
  stages: [{ id: 'enquiry', name: 'Enquiry' }, { id: 'approved', name: 'Approved' }],
  bySource: counts,
  byCampaign: counts.map((c) => ({ ...c, group: '(blank)' })),
  byStage: counts.map((c) => ({ ...c, group: '0' })),
  open: [{ stage: 0, days: 150, n: 2 }],
  recent: [{ source: 'Web', campaign: '(blank)', n: 24 }],
  recentDays: 365,
  stepDays: [null, 150],
  losses: null,
};

describe('the planner on a hand-worked service', () => {
  const model = planModel(HAND);
  const plan = makePlan(model, 10, '2025-12-31')!;

  test('conversion, lag and pipeline as worked by hand', () => {
    expect(model.overall.p).toBeCloseTo(1 / 3, 12);
    expect(model.lag[364]).toBeCloseTo(189, 9);
    expect(plan.horizonDays).toBe(364);
    expect(plan.outlook.perEnquiry).toBeCloseTo(63 / DAYS_PER_MONTH, 9);
    expect(plan.pipeline.value).toBeCloseTo(2 / 3, 9);
  });

  test('enquiries needed a month, and what the current rate brings', () => {
    expect(plan.needed!.value).toBeCloseTo((28 * DAYS_PER_MONTH) / 189, 9);
    expect(plan.needed!.value).toBeCloseTo(4.5093, 3);
    expect(plan.currentPerMonth).toBeCloseTo((24 * DAYS_PER_MONTH) / 365, 9);
    expect(plan.atCurrentRate.value).toBeCloseTo(4.8091, 3);
    expect(plan.shortfall).toBeCloseTo(10 - 4.8091, 3);
    // The range brackets the central figure and the interval brackets the expectation.
    expect(plan.needed!.low).toBeLessThanOrEqual(plan.needed!.value);
    expect(plan.needed!.high).toBeGreaterThan(plan.needed!.value);
    expect(plan.atCurrentRate.low).toBeLessThanOrEqual(4.8091);
    expect(plan.atCurrentRate.high).toBeGreaterThanOrEqual(4.8091);
    expect(plan.sources).toHaveLength(1);
    expect(plan.sources[0].needed!.value).toBeCloseTo(plan.needed!.value, 9);
  });

  test('the starting target: what the current rate brings, net of carers expected to leave when that is known', () => {
    expect(netAtCurrentRate(model, '2025-12-31')).toBeCloseTo(plan.atCurrentRate.value, 12);
    expect(netAtCurrentRate(model, '2025-01-01')).toBeNull();
    const losses = { survival: [{ time: 100, events: 2, censored: 0 }, { time: 400, events: 0, censored: 8 }], fostering: [{ days: 50, n: 4 }, { days: 200, n: 6 }] };
    const withLosses = planModel({ ...HAND, losses });
    const p = makePlan(withLosses, 0, '2025-12-31')!;
    expect(netAtCurrentRate(withLosses, '2025-12-31')).toBeCloseTo(p.atCurrentRate.value * (1 - p.losses!.newShare) - p.losses!.existing, 12);
    expect(netAtCurrentRate(withLosses, '2025-12-31')!).toBeLessThan(plan.atCurrentRate.value);
  });

  test('the finding says it in words', () => {
    const rate = (x: number) => (x < 10 ? x.toFixed(1) : String(Math.round(x)));
    expect(planFinding(plan)).toBe(
      `To approve 10 households by 31 Dec 2025 you need about 4.5 enquiries a month from 1 Jan 2025 (${rate(plan.needed!.low)}–${rate(plan.needed!.high)}). ` +
      `At your current 2.0 enquiries a month you would expect 5 approvals by 31 Dec 2025 (${plan.atCurrentRate.low}–${plan.atCurrentRate.high}): the 10 approvals of the target are within that range, so the target could be reached or missed.`,
    );
  });

  test('a target above the range the current rate gives is short by the gap', () => {
    const far = { ...plan, atCurrentRate: { value: plan.atCurrentRate.value, low: 1, high: 8 } };
    expect(planFinding(far)).toMatch(/\(1–8\): 5 short of the target\.$/);
  });

  test('a target inside the range the current rate gives is neither short nor over: chance decides it', () => {
    const close = { ...plan, approvalsTarget: 6, shortfall: 6 - plan.atCurrentRate.value, atCurrentRate: { value: plan.atCurrentRate.value, low: 2, high: 8 } };
    expect(planFinding(close)).toMatch(/\(2–8\): the 6 approvals of the target are within that range, so the target could be reached or missed\.$/);
  });

  test('a target the open enquiries already meet needs no new enquiries', () => {
    expect(makePlan(model, 0, '2025-12-31')!.needed!.value).toBe(0);
  });

  test('a date before the lag allows is out of reach for new enquiries', () => {
    // Nobody is approved before day 100: enquiries from now cannot be approved within 60 days.
    const soon = makePlan(model, 3, '2025-03-02')!;
    expect(soon.outlook.perEnquiry).toBe(0);
    expect(soon.needed).toBeNull();
    expect(planFinding(soon)).toMatch(/cannot come from new enquiries/);
    expect(makePlan(model, 3, '2024-12-31')).toBeNull();
  });

  test('past the last useful date, new enquiries are out of reach, not a figure to quote', () => {
    // One approval in 20 comes at day 20, the rest at day 200: within 150 days new enquiries bring only that tail.
    const quick = (group: string): EventCounts[] => [
      { group, day: 20, approved: 1, left: 0, censored: 0 }, { group, day: 30, approved: 0, left: 40, censored: 0 },
      { group, day: 200, approved: 19, left: 0, censored: 0 },
    ];
    const m = planModel({ ...HAND, bySource: quick('Web'), byCampaign: quick('(blank)'), byStage: quick('0'), open: [] });
    const soon = makePlan(m, 10, '2025-05-31')!;
    expect(soon.outlook.perEnquiry).toBeGreaterThan(0);
    expect(soon.lastUsefulDate! <= soon.asOf).toBe(true);
    expect(soon.needed).toBeNull();
    expect(planFinding(soon)).toMatch(/cannot come from new enquiries/);
    // A year on, the same service can: the last useful date is after the as-of date.
    const later = makePlan(m, 10, '2026-03-31')!;
    expect(later.lastUsefulDate! > later.asOf).toBe(true);
    expect(later.needed!.value).toBeGreaterThan(0);
  });

  test('levers: +10 points of conversion and 50 days shorter, by hand', () => {
    // Conversion into approval is p = 1/3; +10 points makes it 13/30, a factor of 1.3.
    expect(stepConversions(model)).toEqual([null, expect.closeTo(1 / 3, 12)]);
    const m = model.ratePerMonth;
    const conv = conversionEffect(model, plan.outlook, m, 1, 10)!;
    expect(conv.gained.value).toBeCloseTo(0.3 * 4.8091, 3);
    expect(conv.gained.low).toBeLessThanOrEqual(conv.gained.value);
    expect(conv.gained.high).toBeGreaterThanOrEqual(conv.gained.value);
    // 50 days sooner: L(s + 50) is 1/4 for s in [50, 150) and 1 from s = 150, so
    // ∫₀³⁶⁴ L(s + 50) ds = 100 × 1/4 + 214 × 1 = 239 enquirer-days instead of 189;
    // the open pair (counted as new) already reach the plateau by day 364, so they gain nothing.
    const fast = shortenEffect(model, plan.outlook, m, 1, 50);
    expect(fast.gained.value).toBeCloseTo(m * (1 / 3) * (239 - 189) / DAYS_PER_MONTH, 6);
    expect(fast.gained.value).toBeCloseTo(1.0959, 3);
  });
});

describe('planner properties', () => {
  const model = planModel(HAND);
  test('a larger target needs more enquiries a month', () => {
    let last = -1;
    for (let target = 1; target <= 40; target += 3) {
      const n = makePlan(model, target, '2026-06-30')!.needed!.value;
      expect(n).toBeGreaterThanOrEqual(last);
      last = n;
    }
  });
  test('a later date needs fewer enquiries a month for the same target', () => {
    let last = Infinity;
    for (const by of ['2025-09-30', '2025-12-31', '2026-06-30', '2027-03-31', '2028-03-31']) {
      const n = makePlan(model, 20, by)!.needed!.value;
      expect(n).toBeLessThan(last);
      last = n;
    }
  });
  test('more enquiries a month bring more approvals', () => {
    const o = makePlan(model, 20, '2026-06-30')!.outlook;
    const [a, b] = [approvalsAt(o, 5), approvalsAt(o, 10)];
    expect(b.value).toBeGreaterThan(a.value);
    expect(b.high).toBeGreaterThanOrEqual(a.high);
  });
});
