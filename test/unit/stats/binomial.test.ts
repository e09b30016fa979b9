import { describe, expect, it } from 'vitest';
import { binomialCdf, binomialTails, binomialTerms, binomialUpperTail } from '../../../src/lib/stats/binomial';

describe('binomialTerms', () => {
  it('gives the textbook probabilities for n = 5, p = 0.3', () => {
    const t = binomialTerms(5, 0.3);
    expect(t.first).toBe(0);
    const expected = [0.16807, 0.36015, 0.3087, 0.1323, 0.02835, 0.00243];
    expected.forEach((p, k) => expect(t.pmf[k]).toBeCloseTo(p, 14));
    expect(t.below[5]).toBeCloseTo(1, 14);
    expect(t.above[3]).toBeCloseTo(0.02835 + 0.00243, 14);
  });

  it('keeps only the counts that matter for large n, summing to 1', () => {
    const t = binomialTerms(1_000_000, 0.3);
    expect(t.pmf.length).toBeLessThan(20_000);
    expect(t.first).toBeGreaterThan(290_000);
    expect(t.below[t.below.length - 1]).toBeCloseTo(1, 12);
    // scipy: binom.cdf(299_000, 1e6, 0.3) = 0.014...; check against the normal with continuity correction.
    const z = (299_000 + 0.5 - 300_000) / Math.sqrt(1e6 * 0.21);
    expect(binomialCdf(299_000, 1_000_000, 0.3)).toBeCloseTo(0.5 * (1 + erf(z / Math.SQRT2)), 3);
  });

  it('rejects p at 0 or 1 and n that is not a whole number', () => {
    expect(() => binomialTerms(10, 0)).toThrow(RangeError);
    expect(() => binomialTerms(10, 1)).toThrow(RangeError);
    expect(() => binomialTerms(2.5, 0.3)).toThrow(RangeError);
  });
});

describe('tails', () => {
  it('are P(X <= k), P(X > k) and P(X >= x) / P(X <= x) at and beyond the ends', () => {
    expect(binomialCdf(-1, 5, 0.3)).toBe(0);
    expect(binomialCdf(5, 5, 0.3)).toBe(1);
    expect(binomialUpperTail(4, 5, 0.3)).toBeCloseTo(0.00243, 15);
    expect(binomialUpperTail(5, 5, 0.3)).toBe(0);
    expect(binomialTails(4, 5, 0.3)).toEqual({ atLeast: expect.closeTo(0.03078, 14), atMost: expect.closeTo(0.99757, 14) });
    expect(binomialTails(0, 5, 0.3)).toEqual({ atLeast: 1, atMost: expect.closeTo(0.16807, 14) });
    expect(binomialTails(0, 1_000_000, 0.3)).toEqual({ atLeast: 1, atMost: 0 });
    expect(binomialTails(3, 10, 0)).toEqual({ atLeast: 0, atMost: 1 });
    expect(binomialTails(10, 10, 1)).toEqual({ atLeast: 1, atMost: 1 });
    expect(() => binomialTails(11, 10, 0.5)).toThrow(RangeError);
  });
});

/** Abramowitz-Stegun 7.1.26 (error < 1.5e-7), enough for a 3-decimal check. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
