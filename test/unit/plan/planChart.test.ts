// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { planChart } from '../../../src/lib/plan/planChart';
import { rateCurve } from '../../../src/lib/plan/rateCurve';
import { makePlan } from '../../../src/lib/plan/plan';
import { planModel } from '../../../src/lib/plan/model';
import type { EventCounts, PlanInputs } from '../../../src/lib/plan/inputs';
import { texts, titleOf } from '../charts/dom';
import { COLOURS } from '../../../src/lib/charts/palette';

const counts: EventCounts[] = [
  { group: 'Web', day: 30, approved: 0, left: 8, censored: 0 },
  { group: 'Web', day: 100, approved: 1, left: 0, censored: 0 },
  { group: 'Web', day: 150, approved: 0, left: 0, censored: 2 },
  { group: 'Web', day: 200, approved: 1, left: 0, censored: 0 },
];
const inputs: PlanInputs = {
  asOf: '2025-01-01', stages: [{ id: 'enquiry', name: 'Enquiry' }, { id: 'approved', name: 'Approved' }],
  bySource: counts, byCampaign: counts, byStage: counts.map((c) => ({ ...c, group: '0' })),
  open: [{ stage: 0, days: 150, n: 2 }], recent: [{ source: 'Web', campaign: '(blank)', n: 24 }], recentDays: 365,
  stepDays: [null, 150], losses: null,
};

describe('the planner chart and the figures behind it', () => {
  const plan = makePlan(planModel(inputs), 10, '2025-12-31')!;
  test('rates from none to beyond what is needed; more enquiries, more approvals', () => {
    const pts = rateCurve(plan);
    expect(pts[0].perMonth).toBe(0);
    expect(pts[0].value).toBeCloseTo(plan.pipeline.value, 9);
    expect(pts[pts.length - 1].perMonth).toBeGreaterThanOrEqual(plan.needed!.high);
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i].value).toBeGreaterThan(pts[i - 1].value);
      expect(pts[i].low).toBeLessThanOrEqual(pts[i].value + 1);
    }
  });
  test('draws the line, band, target and both rates, named in words', () => {
    const svg = planChart(rateCurve(plan), { width: 600, title: 'Approvals by 31 Dec 2025', target: 10, current: plan.currentPerMonth, needed: plan.needed!.value });
    expect(svg.getAttribute('role')).toBe('img');
    expect(titleOf(svg)).toBe('Approvals by 31 Dec 2025');
    const t = texts(svg);
    expect(t).toContain('now 2.0 a month');
    expect(t).toContain('needed 4.5 a month');
    expect(t).toContain('Approvals needed (10)');
    // Approvals are whole people: a target of 63.7 (losses expected) is said as the finding says it, 64.
    expect(texts(planChart(rateCurve(plan), { width: 600, title: 'Plan', target: 63.7, current: plan.currentPerMonth, needed: null }))).toContain('Approvals needed (64)');
    // The pale band (under 3:1 against white) is outlined in a colour that meets it, and so is its legend box.
    const band = svg.querySelector('path.band')!;
    expect(band.getAttribute('fill')).toBe('#cfe3f3');
    expect(band.getAttribute('stroke')).toBe(COLOURS.openOutline);
    const swatch = [...svg.querySelectorAll('.legend rect, rect')].find((r) => r.getAttribute('fill') === '#cfe3f3');
    expect(swatch?.getAttribute('stroke')).toBe(COLOURS.openOutline);
  });

  test('the table behind the chart: a row per rate drawn, with the expected approvals and their interval', () => {
    const pts = rateCurve(plan);
    const t = planChart(pts, { title: 'Plan', target: plan.approvalsTarget, current: plan.currentPerMonth, needed: plan.needed?.value ?? null }).table;
    expect(t.rows.map((r) => r[0])).toEqual(pts.map((p) => p.perMonth));
    expect(t.rows.map((r) => r[1])).toEqual(pts.map((p) => p.value));
    expect(t.notes?.[0]).toMatch(/^Dashed line: Approvals needed/);
  });
});
