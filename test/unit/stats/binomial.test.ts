import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

describe('binomialTails against the stored tables', () => {
  // Reference: the tails read off binomialTerms' tables, as they were before the sums.
  const fromTables = (x: number, n: number, p: number) => {
    const { first, below, above } = binomialTerms(n, p);
    const at = (table: Float64Array, k: number, before: number, after: number) =>
      k < first ? before : k - first >= table.length ? after : table[k - first];
    return { atLeast: x === 0 ? 1 : at(above, x - 1, 1, 0), atMost: at(below, x, 0, 1) };
  };
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(a, b) + 1e-300;

  it('agree on random counts from a handful of trials to millions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_000_000 }), fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p, at) => {
        const x = Math.round(at * n);
        const a = binomialTails(x, n, p);
        const b = fromTables(x, n, p);
        return close(a.atLeast, b.atLeast) && close(a.atMost, b.atMost);
      }),
      { numRuns: 300 },
    );
  });

  it('keep a far tail to its own precision, and the two tails overlap by P(X = x)', () => {
    // P(X >= 20 | n = 30, p = 0.1), about 1e-13: a sum of its own to a millionth (terms under 1e-20 of the
    // likeliest are dropped), where 1 - P(X <= 19) would keep two or three digits.
    let choose = 1;
    let direct = 0;
    for (let k = 0; k <= 30; k++) {
      if (k >= 20) direct += choose * 0.1 ** k * 0.9 ** (30 - k);
      choose = (choose * (30 - k)) / (k + 1);
    }
    expect(binomialTails(20, 30, 0.1).atLeast / direct).toBeCloseTo(1, 6);
    const { atLeast, atMost } = binomialTails(2, 5, 0.3);
    expect(atLeast + atMost - 1).toBeCloseTo(10 * 0.3 ** 2 * 0.7 ** 3, 14);
  });
});
