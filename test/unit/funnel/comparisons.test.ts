import { describe, expect, test } from 'vitest';
import { compareFunnels, compareFunnelsWithin, funnelPlotData, funnelPlotFromCounts, groupVsRest, groupVsRestWithin, poolOf, restOf } from '../../../src/lib/funnel/comparisons';
import { cmhTest } from '../../../src/lib/stats/cmh';
import { funnelFromCounts, type OutcomeCount } from '../../../src/lib/funnel/funnel';
import type { GroupFunnel } from '../../../src/lib/funnel/breakdowns';
import { fisherExact } from '../../../src/lib/stats/fisher';
import { classifyFunnel, controlLimits } from '../../../src/lib/stats/funnelPlot';
import { rate } from '../../../src/lib/stats/rate';

const STAGES = [
  { id: 'enquiry', name: 'Enquiry' },
  { id: 'initial_visit', name: 'Initial visit' },
  { id: 'approved', name: 'Approved' },
];

/** A group's funnel from how many left at enquiry, left at visit, were open at visit, and were approved. */
function gf(group: string, leftAtEnquiry: number, leftAtVisit: number, approved: number, openAtVisit = 0): GroupFunnel {
  const counts: OutcomeCount[] = [
    { furthest: 0, outcome: 'left', n: leftAtEnquiry },
    { furthest: 1, outcome: 'left', n: leftAtVisit },
    { furthest: 1, outcome: 'open', n: openAtVisit },
    { furthest: 2, outcome: 'approved', n: approved },
  ].filter((c) => c.n > 0);
  return { group, ...funnelFromCounts(STAGES, counts) };
}

const A = gf('A', 50, 25, 25); // 100 -> 50 -> 25
const B = gf('B', 80, 10, 10); // 100 -> 20 -> 10
const C = gf('C', 3, 1, 1); // 5 -> 2 -> 1

describe('compareFunnels (A vs B, Fisher exact per step)', () => {
  test('a clear difference at one step, none at the next', () => {
    const [visit, approval] = compareFunnels(A, B);
    expect(visit.stage).toBe('initial_visit');
    expect(visit.a).toMatchObject({ successes: 50, n: 100, rate: 0.5 });
    expect(visit.b).toMatchObject({ successes: 20, n: 100, rate: 0.2 });
    expect(visit.a.low).toBeCloseTo(rate(50, 100).low!, 12);
    expect(visit.pValue).toBeCloseTo(fisherExact(50, 50, 20, 80), 12);
    expect(visit.pValue!).toBeLessThan(0.001);
    expect(visit.verdict).toBe('higher');
    expect(visit.difference).toBeCloseTo(0.3, 12);
    expect(approval).toMatchObject({ stage: 'approved', rateA: 0.5, rateB: 0.5, verdict: 'no clear difference' });
    expect(compareFunnels(B, A)[0].verdict).toBe('lower');
  });

  test('too few to tell: a small group, or counts that could never show a difference', () => {
    const [visit] = compareFunnels(C, A);
    expect(visit.verdict).toBe('too few to tell');
    expect(visit.pValue).not.toBeNull();
    // Nobody reached the step in either group: no rates, no test.
    const empty = gf('E', 0, 0, 0);
    const [v] = compareFunnels(empty, A);
    expect(v).toMatchObject({ rateA: null, pValue: null, verdict: 'too few to tell' });
    expect(v.a).toMatchObject({ rate: null, n: 0, successes: 0 });
    // minN is an option.
    expect(compareFunnels(C, A, { minN: 2 })[0].verdict).not.toBe('too few to tell');
  });

  test('alpha is an option', () => {
    const x = gf('X', 60, 0, 40);
    const y = gf('Y', 48, 0, 52); // 40% vs 52%
    const [cmp] = compareFunnels(x, y);
    expect(cmp.pValue!).toBeGreaterThan(0.05);
    expect(cmp.verdict).toBe('no clear difference');
    expect(compareFunnels(x, y, { alpha: 0.2 })[0].verdict).toBe('lower');
  });
});

describe('groupVsRest', () => {
  test('the rest is everyone else added up, step by step', () => {
    const rest = restOf([A, B, C], 'A');
    expect(rest.steps.map((s) => [s.id, s.reached, s.left, s.open])).toEqual([
      ['enquiry', 105, 83, 0], ['initial_visit', 22, 11, 0], ['approved', 11, 0, 0],
    ]);
  });

  test('each group against the rest', () => {
    const out = groupVsRest([A, B, C]);
    expect(out.map((g) => g.group)).toEqual(['A', 'B', 'C']);
    const a = out[0].steps[0];
    expect(a.a).toMatchObject({ successes: 50, n: 100 });
    expect(a.b).toMatchObject({ successes: 22, n: 105 });
    expect(a.pValue).toBeCloseTo(fisherExact(50, 50, 22, 83), 12);
    expect(a.verdict).toBe('higher');
    expect(out[1].steps[0].verdict).toBe('lower');
    expect(out[2].steps[0].verdict).toBe('too few to tell');
    expect(groupVsRest([])).toEqual([]);
  });

  test('a single group is compared with nobody: too few to tell', () => {
    const [only] = groupVsRest([A]);
    expect(only.steps.every((s) => s.verdict === 'too few to tell' && s.b.n === 0)).toBe(true);
  });
});

describe('funnelPlotData', () => {
  const groups = [A, B, C, gf('D', 100, 50, 50), gf('Z', 0, 0, 0)];

  test('points: each group rate and n on the step; overall rate; classes against the limits', () => {
    const { overall, points } = funnelPlotData(groups, 0, 1);
    expect(overall).toBeCloseTo((50 + 20 + 2 + 100) / (100 + 100 + 5 + 200), 12);
    expect(points.map((p) => [p.group, p.successes, p.n])).toEqual([['A', 50, 100], ['B', 20, 100], ['C', 2, 5], ['D', 100, 200], ['Z', 0, 0]]);
    for (const p of points.slice(0, 4)) {
      expect(p.rate).toBeCloseTo(p.successes / p.n, 12);
      expect(p.class).toBe(classifyFunnel(p.rate!, p.n, overall));
    }
    expect(points.find((p) => p.group === 'B')!.class).toBe('below998');
    expect(points.find((p) => p.group === 'C')!.class).toBe('tooSmall'); // n = 5: too small to judge
    expect(points.find((p) => p.group === 'Z')).toMatchObject({ rate: null, class: null });
  });

  test('from plain counts (as a summary publishes them) it is the same', () => {
    expect(funnelPlotFromCounts([{ group: 'A', successes: 50, n: 100 }, { group: 'B', successes: 20, n: 100 }, { group: 'C', successes: 2, n: 5 }, { group: 'D', successes: 100, n: 200 }, { group: 'Z', successes: 0, n: 0 }]))
      .toEqual(funnelPlotData(groups, 0, 1));
  });

  test('limits: exact, at whole sizes from 10 (the smallest judged) to a little past the largest group', () => {
    const { overall, limits } = funnelPlotData(groups, 0, 1);
    expect(limits.length).toBeGreaterThan(40);
    expect(limits.length).toBeLessThanOrEqual(80);
    expect(limits[0].n).toBe(10);
    expect(limits[limits.length - 1].n).toBe(Math.round(200 * 1.05));
    expect(limits[limits.length - 1]).toEqual(controlLimits(overall, 210));
    for (let i = 1; i < limits.length; i++) {
      expect(limits[i].n).toBeGreaterThan(limits[i - 1].n);
      expect(Number.isInteger(limits[i].n)).toBe(true);
      expect(limits[i]).toEqual(controlLimits(overall, limits[i].n));
      expect(limits[i].lower998).toBeLessThanOrEqual(limits[i].lower95);
    }
    const width = (l: (typeof limits)[number]) => l.upper998 - l.lower998;
    expect(width(limits[limits.length - 1])).toBeLessThan(width(limits[0]) / 3);
  });

  test('decided: those still open short of the stage are left out of n, so a recent group is not plotted as losing them', () => {
    // Old: 50 left at enquiry, 50 approved. Recent: 20 left at enquiry, 10 left at the visit, 10 approved, 60 open at the visit.
    const [old, recent] = funnelPlotData([gf('Old', 50, 0, 50), gf('Recent', 20, 10, 10, 60)], 0, 2, 'decided').points;
    expect(old).toMatchObject({ successes: 50, n: 100 });
    expect(recent).toMatchObject({ successes: 10, n: 40 });
    expect(funnelPlotData([gf('Recent', 20, 10, 10, 60)], 0, 2).points[0]).toMatchObject({ successes: 10, n: 100 });
  });

  test('a step across several stages; nobody reached it', () => {
    const { overall, points } = funnelPlotData(groups, 0, 2);
    expect(overall).toBeCloseTo((25 + 10 + 1 + 50) / 405, 12);
    expect(points[0]).toMatchObject({ successes: 25, n: 100 });
    const none = funnelPlotData([gf('Z', 0, 0, 0)], 0, 1);
    expect(none.overall).toBe(0);
    expect(none.points[0].class).toBeNull();
    expect(none.limits.map((l) => l.n)).toEqual([10, 11]);
  });
});

describe('compared within strata', () => {
  // Two services: in each, X and Y go on from the visit alike (80% in the first, 40% in the second), but X is
  // mostly in the second: together X goes on 48 of 110 and Y 84 of 110; within each service neither is behind.
  const first = [gf('X', 10, 2, 8), gf('Y', 100, 20, 80)];
  const second = [gf('X', 100, 60, 40), gf('Y', 10, 6, 4)];
  const together = [gf('X', 110, 62, 48), gf('Y', 110, 26, 84)];

  test('rates and intervals are the strata together; the verdict is the CMH test\'s within them', () => {
    const within = compareFunnelsWithin([{ a: first[0], b: first[1] }, { a: second[0], b: second[1] }], { basis: 'decided' });
    const across = compareFunnels(together[0], together[1], { basis: 'decided' });
    expect(within.map((c) => [c.a, c.b])).toEqual(across.map((c) => [c.a, c.b]));
    expect(across[1].verdict).toBe('lower');
    expect(within[1].verdict).toBe('no clear difference');
    expect(within[1].pValue).toBe(cmhTest([
      { aSuccess: 8, aN: 10, bSuccess: 80, bN: 100 }, { aSuccess: 40, aN: 100, bSuccess: 4, bN: 10 },
    ]).pValue);
  });

  test('too few to tell by the same rule as compareFunnels, of the strata together; otherwise no Fisher p-value is given', () => {
    // X has 6 and 3 decided at the visit: 9 together, under the 10 compareFunnels needs.
    const small = [{ a: gf('X', 6, 1, 5), b: gf('Y', 50, 10, 40) }, { a: gf('X', 3, 1, 2), b: gf('Y', 50, 20, 30) }];
    const within = compareFunnelsWithin(small, { basis: 'decided' });
    const across = compareFunnels(poolOf(small.map((s) => s.a)), poolOf(small.map((s) => s.b)), { basis: 'decided' });
    expect(across[1].verdict).toBe('too few to tell');
    expect(within[1].verdict).toBe('too few to tell');
    expect(within[1].pValue).toBe(cmhTest(small.map((s) => ({ aSuccess: s.a.steps[2].reached, aN: s.a.steps[2].reached + s.a.steps[1].left, bSuccess: s.b.steps[2].reached, bN: s.b.steps[2].reached + s.b.steps[1].left }))).pValue);
    // With enough people the CMH p-value, not Fisher's of the strata together, is the one given.
    const within2 = compareFunnelsWithin([{ a: first[0], b: first[1] }, { a: second[0], b: second[1] }], { basis: 'decided' });
    expect(within2[1].pValue).not.toBe(compareFunnels(together[0], together[1], { basis: 'decided' })[1].pValue);
  });

  test('too few to tell when the strata where both groups are hold few of them, however many there are in all', () => {
    // X: 300 in the first service, with no one else; 2 in the second, against 200 there.
    const strata = [{ a: gf('X', 0, 30, 270), b: gf('Y', 0, 0, 0) }, { a: gf('X', 0, 2, 0), b: gf('Y', 0, 10, 190) }];
    const [, visit] = compareFunnelsWithin(strata, { basis: 'decided' });
    expect(visit.a.n).toBe(302);
    expect(visit.within).toEqual({ observed: 0, expected: expect.closeTo(2 * 190 / 200, 9), n: 2 });
    expect(visit.verdict).toBe('too few to tell');
    // Groups never in the same service: no test at all, so nothing is "no clear difference".
    const apart = compareFunnelsWithin([{ a: gf('X', 0, 10, 40), b: gf('Y', 0, 0, 0) }, { a: gf('X', 0, 0, 0), b: gf('Y', 0, 40, 10) }], { basis: 'decided' });
    expect(apart[1].pValue).toBeNull();
    expect(apart[1].verdict).toBe('too few to tell');
  });

  test('too few to tell when no split of the successes where both sides are could reach significance by the exact test', () => {
    // X: 12 of 12 decided at the visit in one service and 12 of 12 in another, against 1 and 1 there: 24 people, yet
    // with 1 on the other side in each service no table of these margins could give p < 0.05.
    const strata = [{ a: gf('X', 0, 2, 10), b: gf('Y', 0, 1, 0) }, { a: gf('X', 0, 2, 10), b: gf('Y', 0, 1, 0) }];
    const test = cmhTest(strata.map((st) => ({ aSuccess: 10, aN: 12, bSuccess: 0, bN: 1 })));
    expect(test.exact).toBe(true);
    expect(test.smallestP!).toBeGreaterThanOrEqual(0.05);
    expect(compareFunnelsWithin(strata, { basis: 'decided', minN: 1 })[1].verdict).toBe('too few to tell');
  });

  test('behind within every service though ahead overall: the verdict and `within` say so, the rates are all services\' together', () => {
    // A is 10 points below the rest inside each service, but mostly in the service that converts far better.
    const strata = [{ a: gf('A', 0, 80, 320), b: gf('R', 0, 10, 90) }, { a: gf('A', 0, 40, 10), b: gf('R', 0, 560, 240) }];
    const [, visit] = compareFunnelsWithin(strata, { basis: 'decided' });
    expect(visit.difference!).toBeGreaterThan(0.3);
    expect(visit.verdict).toBe('lower');
    expect(visit.within!.observed).toBe(330);
    // At the rest's own rates in each service (90% of 400, 30% of 50): 375, 83% of 450.
    expect(visit.within!.expected).toBeCloseTo(375, 9);
  });

  test('each group against the rest within each stratum; a group missing from a stratum counts as empty there', () => {
    const rows = groupVsRestWithin(together, [first, [second[0]]], { basis: 'decided' });
    expect(rows.map((r) => r.group)).toEqual(['X', 'Y']);
    const y = rows[1].steps[1];
    // Y is only in the first stratum: it is compared with X there alone.
    expect(y.pValue).toBe(cmhTest([{ aSuccess: 80, aN: 100, bSuccess: 8, bN: 10 }, { aSuccess: 0, aN: 0, bSuccess: 40, bN: 100 }]).pValue);
    expect(poolOf([first[0], second[0]]).steps.map((st) => st.reached)).toEqual(together[0].steps.map((st) => st.reached));
  });
});
