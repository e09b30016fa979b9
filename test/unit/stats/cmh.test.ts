import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { cmhTest, type Stratum } from '../../../src/lib/stats/cmh';
import { fisherExact } from '../../../src/lib/stats/fisher';

/** log C(n, k) by summing logs: independent of the app's log-gamma. */
function logChooseBySum(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** The mean and variance of A's successes given a stratum's margins, by summing the hypergeometric distribution. */
function hypergeometricMoments(s: Stratum): { mean: number; variance: number } {
  const t = s.aSuccess + s.bSuccess;
  const low = Math.max(0, t - s.bN);
  const high = Math.min(s.aN, t);
  const logs: number[] = [];
  for (let x = low; x <= high; x++) logs.push(logChooseBySum(s.aN, x) + logChooseBySum(s.bN, t - x));
  const top = Math.max(...logs);
  const w = logs.map((l) => Math.exp(l - top));
  const total = w.reduce((a, b) => a + b, 0);
  let mean = 0;
  let second = 0;
  w.forEach((wx, i) => {
    const x = low + i;
    mean += (x * wx) / total;
    second += (x * x * wx) / total;
  });
  return { mean, variance: second - mean * mean };
}

/** P(chi-squared with 1 df > x) = 2 (1 − Φ(√x)), Φ by Simpson's rule on the normal density. */
function chiSquare1Upper(x: number): number {
  const z = Math.sqrt(x);
  const steps = 20000;
  const h = z / steps;
  const f = (u: number) => Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI);
  let s = f(0) + f(z);
  for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * f(i * h);
  return 2 * (0.5 - (s * h) / 3);
}

const stratumOf = (max: number, min = 0) => fc.record({ aN: fc.integer({ min, max }), bN: fc.integer({ min, max }) }).chain(({ aN, bN }) =>
  fc.record({ aSuccess: fc.integer({ min: 0, max: aN }), aN: fc.constant(aN), bSuccess: fc.integer({ min: 0, max: bN }), bN: fc.constant(bN) }));

/** The distribution of A's total successes given the strata's margins, by listing every combination of their tables (tiny strata only). */
function totalsByListing(strata: readonly Stratum[]): Map<number, number> {
  let totals = new Map<number, number>([[0, 1]]);
  for (const s of strata) {
    const t = s.aSuccess + s.bSuccess;
    const next = new Map<number, number>();
    for (let x = Math.max(0, t - s.bN); x <= Math.min(s.aN, t); x++) {
      const w = Math.exp(logChooseBySum(s.aN, x) + logChooseBySum(s.bN, t - x) - logChooseBySum(s.aN + s.bN, t));
      for (const [sum, p] of totals) next.set(sum + x, (next.get(sum + x) ?? 0) + p * w);
    }
    totals = next;
  }
  return totals;
}

/** The two-sided exact p-value of a total: the totals at most as likely. */
function pOfTotal(totals: Map<number, number>, total: number): number {
  const observed = totals.get(total)!;
  let p = 0;
  for (const w of totals.values()) if (w <= observed * (1 + 1e-7)) p += w;
  return Math.min(1, p);
}

/** The exact conditional p-value by listing every combination of tables. */
const exactByListing = (strata: readonly Stratum[]) => pOfTotal(totalsByListing(strata), strata.reduce((a, s) => a + s.aSuccess, 0));

/** A stratum that can tell: both groups present, and neither everyone nor no one succeeded. */
const tells = (s: Stratum) => s.aN > 0 && s.bN > 0 && s.aSuccess + s.bSuccess > 0 && s.aSuccess + s.bSuccess < s.aN + s.bN;

describe('cmhTest', () => {
  test('big strata: the statistic from each stratum\'s hypergeometric mean and variance, summed by hand, against chi-squared', () => {
    fc.assert(fc.property(fc.array(stratumOf(400, 160), { minLength: 1, maxLength: 4 }), (strata) => {
      let excess = 0;
      let variance = 0;
      for (const s of strata) {
        const m = hypergeometricMoments(s);
        excess += s.aSuccess - m.mean;
        variance += m.variance;
      }
      const got = cmhTest(strata);
      expect(got.excess).toBeCloseTo(excess, 6);
      expect(got.variance).toBeCloseTo(variance, 6);
      if (variance < 1e-9) {
        expect(got.pValue).toBeNull();
        return;
      }
      if (got.exact) return; // every stratum nearly all or no successes: few values to take
      const x = Math.max(0, Math.abs(excess) - 0.5) ** 2 / variance;
      expect(got.pValue!).toBeCloseTo(chiSquare1Upper(x), 6);
    }), { numRuns: 100 });
  });

  test('small strata: the exact conditional p-value, as listing every combination of tables gives', () => {
    fc.assert(fc.property(fc.array(stratumOf(8), { minLength: 1, maxLength: 3 }), (strata) => {
      const got = cmhTest(strata);
      const telling = strata.filter(tells);
      if (!telling.length) {
        expect(got.pValue).toBeNull();
        return;
      }
      expect(got.exact).toBe(true);
      expect(got.pValue!).toBeCloseTo(exactByListing(telling), 9);
      expect(got.informative.aN).toBe(telling.reduce((a, s) => a + s.aN, 0));
      expect(got.informative.bSuccess).toBe(telling.reduce((a, s) => a + s.bSuccess, 0));
      expect(got.atOthersRates).toBeCloseTo(telling.reduce((a, s) => a + (s.aN * s.bSuccess) / s.bN, 0), 9);
      // The smallest p-value any split could give: that of the most lopsided total, at one end or the other.
      const totals = totalsByListing(telling);
      const ends = [Math.min(...totals.keys()), Math.max(...totals.keys())];
      expect(got.smallestP!).toBeCloseTo(Math.min(...ends.map((e) => pOfTotal(totals, e))), 9);
    }), { numRuns: 300 });
  });

  test('one stratum of few people: the exact test is Fisher\'s, not the far smaller chi-squared p-value', () => {
    // 0 of 2 against 190 of 200: chi-squared says p ≈ 3e-5; the exact test 3e-3.
    const r = cmhTest([{ aSuccess: 0, aN: 2, bSuccess: 190, bN: 200 }]);
    expect(r.exact).toBe(true);
    expect(r.pValue!).toBeCloseTo(fisherExact(0, 2, 190, 10), 9);
    expect(r.pValue!).toBeGreaterThan(1e-3);
  });

  test('a gap that is only the strata\'s mix is not found; Fisher on the strata added together would call it', () => {
    // Within each service both groups convert alike (80% and 40%), but group A is mostly in the service that converts less.
    const strata = [
      { aSuccess: 8, aN: 10, bSuccess: 80, bN: 100 },
      { aSuccess: 40, aN: 100, bSuccess: 4, bN: 10 },
    ];
    const within = cmhTest(strata);
    expect(within.excess).toBeCloseTo(0, 12);
    expect(within.pValue!).toBeCloseTo(1, 9);
    // Together: A 48 of 110 (44%) against B 84 of 110 (76%).
    expect(fisherExact(48, 62, 84, 26)).toBeLessThan(1e-5);
  });

  test('a gap inside every stratum is found, in its direction', () => {
    const strata = [
      { aSuccess: 20, aN: 50, bSuccess: 35, bN: 50 },
      { aSuccess: 10, aN: 40, bSuccess: 22, bN: 40 },
    ];
    const r = cmhTest(strata);
    expect(r.excess).toBeLessThan(0);
    expect(r.pValue!).toBeLessThan(0.001);
    expect(cmhTest(strata.map((s) => ({ aSuccess: s.bSuccess, aN: s.bN, bSuccess: s.aSuccess, bN: s.aN }))).excess).toBeGreaterThan(0);
  });

  test('strata that cannot tell add nothing; none at all gives no p-value', () => {
    const telling = { aSuccess: 20, aN: 50, bSuccess: 35, bN: 50 };
    const mute = [{ aSuccess: 0, aN: 0, bSuccess: 3, bN: 9 }, { aSuccess: 5, aN: 5, bSuccess: 7, bN: 7 }, { aSuccess: 0, aN: 4, bSuccess: 0, bN: 6 }];
    expect(cmhTest([telling, ...mute])).toEqual(cmhTest([telling]));
    expect(cmhTest(mute).pValue).toBeNull();
    expect(cmhTest([]).pValue).toBeNull();
  });
});
