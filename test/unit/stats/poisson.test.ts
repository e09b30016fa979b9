import { describe, expect, it } from 'vitest';
import { lowerGammaRegularised, poissonInterval } from '../../../src/lib/stats/poisson';

/** P(X <= k) for X ~ Poisson(mu), by direct summation (independent of the gamma route). */
function poissonCdf(k: number, mu: number): number {
  let term = Math.exp(-mu);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mu / i;
    sum += term;
  }
  return sum;
}

describe('poissonInterval (exact, Garwood)', () => {
  it('matches published values (R poisson.test)', () => {
    const cases: [number, number, number][] = [
      [0, 0, 3.688879], [1, 0.02531781, 5.571643], [5, 1.623486, 11.668332], [10, 4.795389, 18.390356],
    ];
    for (const [k, low, high] of cases) {
      const ci = poissonInterval(k);
      expect(ci.low, `low ${k}`).toBeCloseTo(low, 4);
      expect(ci.high, `high ${k}`).toBeCloseTo(high, 4);
    }
  });

  it('puts 2.5% in each tail, checked against a direct Poisson sum', () => {
    for (const k of [...Array(61).keys(), 100, 250]) {
      const { low, high } = poissonInterval(k);
      expect(poissonCdf(k, high)).toBeCloseTo(0.025, 9);
      if (k > 0) expect(1 - poissonCdf(k - 1, low)).toBeCloseTo(0.025, 9);
      expect(low).toBeLessThan(k + 1e-9);
      expect(high).toBeGreaterThan(k);
    }
  });

  it('narrows with a lower confidence and refuses counts that are not whole', () => {
    const wide = poissonInterval(8, 0.99);
    const narrow = poissonInterval(8, 0.9);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
    expect(() => poissonInterval(2.5)).toThrow(RangeError);
    expect(() => poissonInterval(-1)).toThrow(RangeError);
  });

  it('lowerGammaRegularised agrees with the Poisson sum on both of its branches', () => {
    // P(k+1, mu) = P(X >= k+1) = 1 - CDF(k).
    for (const [k, mu] of [[3, 1.5], [3, 9], [40, 30], [40, 55], [0, 2]]) {
      expect(lowerGammaRegularised(k + 1, mu)).toBeCloseTo(1 - poissonCdf(k, mu), 12);
    }
    expect(lowerGammaRegularised(2, 0)).toBe(0);
  });
});
