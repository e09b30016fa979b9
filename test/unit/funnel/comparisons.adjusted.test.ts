import { describe, expect, test } from 'vitest';
import { adjustFamily, compareFunnels, compareFunnelsAdjusted, poolOf } from '../../../src/lib/funnel/comparisons';
import { funnelFromCounts, type OutcomeCount } from '../../../src/lib/funnel/funnel';
import type { GroupFunnel } from '../../../src/lib/funnel/breakdowns';
import { fisherExact } from '../../../src/lib/stats/fisher';

const STAGES = [
  { id: 'enquiry', name: 'Enquiry' },
  { id: 'initial_visit', name: 'Initial visit' },
  { id: 'approved', name: 'Approved' },
];

function gf(group: string, leftAtEnquiry: number, leftAtVisit: number, approved: number, openAtVisit = 0, openAtEnquiry = 0): GroupFunnel {
  const counts: OutcomeCount[] = [
    { furthest: 0, outcome: 'left', n: leftAtEnquiry },
    { furthest: 0, outcome: 'open', n: openAtEnquiry },
    { furthest: 1, outcome: 'left', n: leftAtVisit },
    { furthest: 1, outcome: 'open', n: openAtVisit },
    { furthest: 2, outcome: 'approved', n: approved },
  ].filter((c) => c.n > 0);
  return { group, ...funnelFromCounts(STAGES, counts) };
}

describe('step bases', () => {
  test("'decided' leaves enquiries still open at the step out of its n; 'reached' keeps them", () => {
    const a = gf('A', 20, 10, 10, 30, 40); // reached: 100 -> 50 -> 10
    const b = gf('B', 50, 20, 30);
    const reached = compareFunnels(a, b);
    const decided = compareFunnels(a, b, { basis: 'decided' });
    expect(reached[1].a).toMatchObject({ successes: 10, n: 50 });
    // Decided at the visit: 10 approved + 10 left; the 30 still open are not losses.
    expect(decided[1].a).toMatchObject({ successes: 10, n: 20 });
    expect(decided[0].a).toMatchObject({ successes: 50, n: 70 });
    expect(decided[1].pValue).toBeCloseTo(fisherExact(10, 10, 30, 20), 12);
  });
});

describe('adjusted comparisons', () => {
  test('A vs B across steps: Holm over the steps; a difference that does not survive is "watch", not a verdict', () => {
    // Step 1: 60/100 vs 45/100 (p about 0.047); step 2: 30/60 vs 10/45 (p about 0.005).
    const a = gf('A', 40, 30, 30);
    const b = gf('B', 55, 35, 10);
    const raw = compareFunnels(a, b);
    const adj = compareFunnelsAdjusted(a, b);
    expect(raw[0].pValue!).toBeLessThan(0.05);
    expect(raw[0].verdict).toBe('higher');
    // Holm: the smaller p doubled, the larger kept (but not below the smaller's adjusted value).
    expect(adj[1].adjustedP).toBeCloseTo(2 * raw[1].pValue!, 12);
    expect(adj[0].adjustedP).toBeCloseTo(Math.max(raw[0].pValue!, 2 * raw[1].pValue!), 12);
    expect(adj[1].verdict).toBe('higher');
    expect(adj[0].verdict).toBe(raw[0].pValue! < 0.05 && adj[0].adjustedP! < 0.05 ? 'higher' : 'no clear difference');
  });

  test('watch marks only a lower group whose difference did not survive adjustment', () => {
    const fam = adjustFamily([compareFunnels(gf('B', 55, 35, 10), gf('A', 40, 30, 30))]);
    const first = fam.steps[0][0];
    expect(first.watch).toBe(first.pValue! < 0.05 && first.adjustedP! >= 0.05);
    expect(fam.comparisons).toBe(2);
  });

  test('poolOf adds groups up step by step, and an empty pool keeps the template stages', () => {
    const p = poolOf([gf('A', 1, 2, 3, 4), gf('B', 10, 20, 30)]);
    expect(p.steps.map((s) => s.reached)).toEqual([70, 59, 33]);
    expect(poolOf([], gf('A', 1, 1, 1)).steps.map((s) => s.reached)).toEqual([0, 0, 0]);
  });
});
