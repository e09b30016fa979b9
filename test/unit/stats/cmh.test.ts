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

const stratum = fc.record({ aN: fc.integer({ min: 0, max: 60 }), bN: fc.integer({ min: 0, max: 60 }) }).chain(({ aN, bN }) =>
  fc.record({ aSuccess: fc.integer({ min: 0, max: aN }), aN: fc.constant(aN), bSuccess: fc.integer({ min: 0, max: bN }), bN: fc.constant(bN) }));

describe('cmhTest', () => {
  test('equals the statistic from each stratum\'s hypergeometric mean and variance, summed by hand', () => {
    fc.assert(fc.property(fc.array(stratum, { minLength: 1, maxLength: 6 }), (strata) => {
      let excess = 0;
      let variance = 0;
      for (const s of strata) {
        const m = hypergeometricMoments(s);
        excess += s.aSuccess - m.mean;
        variance += m.variance;
      }
      const got = cmhTest(strata);
      expect(got.excess).toBeCloseTo(excess, 8);
      expect(got.variance).toBeCloseTo(variance, 8);
      if (variance < 1e-9) {
        expect(got.pValue).toBeNull();
        return;
      }
      const x = Math.max(0, Math.abs(excess) - 0.5) ** 2 / variance;
      expect(got.pValue!).toBeCloseTo(chiSquare1Upper(x), 6);
    }), { numRuns: 200 });
  });

  test('a gap that is only the strata\'s mix is not found; Fisher on the strata added together would call it', () => {
    // Within each service both groups convert alike (80% and 40%), but group A is mostly in the service that converts less.
    const strata = [
      { aSuccess: 8, aN: 10, bSuccess: 80, bN: 100 },
      { aSuccess: 40, aN: 100, bSuccess: 4, bN: 10 },
    ];
    const within = cmhTest(strata);
    expect(within.excess).toBeCloseTo(0, 12);
    expect(within.pValue).toBe(1);
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
