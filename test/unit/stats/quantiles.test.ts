import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { median, quantile, quartiles } from '../../../src/lib/stats/quantiles';

describe('quartiles', () => {
  it('matches R: quantile(1:10) = 1, 3.25, 5.5, 7.75, 10', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quartiles(values)).toEqual({ q1: 3.25, median: 5.5, q3: 7.75 });
    expect(quantile(values, 0)).toBe(1);
    expect(quantile(values, 1)).toBe(10);
  });

  it("matches Excel's QUARTILE.INC documentation example (Q1 = 3.5)", () => {
    // Data 1, 2, 4, 7, 8, 9, 10, 12: QUARTILE.INC(..., 1) = 3.5.
    const result = quartiles([1, 2, 4, 7, 8, 9, 10, 12]);
    expect(result.q1).toBe(3.5);
    expect(result.median).toBe(7.5);
    expect(result.q3).toBe(9.25);
  });

  it("matches numpy.percentile's documentation example (median 3.5)", () => {
    // np.percentile([[10, 7, 4], [3, 2, 1]], 50) = 3.5
    expect(median([10, 7, 4, 3, 2, 1])).toBe(3.5);
  });

  it('returns nulls for empty input', () => {
    expect(quartiles([])).toEqual({ q1: null, median: null, q3: null });
    expect(median([])).toBeNull();
    expect(quantile([], 0.9)).toBeNull();
  });

  it('handles one and two values', () => {
    expect(quartiles([42])).toEqual({ q1: 42, median: 42, q3: 42 });
    expect(quartiles([10, 20])).toEqual({ q1: 12.5, median: 15, q3: 17.5 });
  });

  it('ignores NaN and infinities, and does not reorder the input', () => {
    const values = [9, Number.NaN, 1, Infinity, 5, -Infinity];
    expect(median(values)).toBe(5);
    expect(values[0]).toBe(9);
    expect(median([Number.NaN])).toBeNull();
  });

  it('gives the middle value of an odd-length list as median', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1 }).filter((a) => a.length % 2 === 1), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        expect(median(values)).toBe(sorted[(sorted.length - 1) / 2]);
      }),
    );
  });

  it('is ordered and within the range of the data', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1 }), (values) => {
        const { q1, median: m, q3 } = quartiles(values);
        expect(q1!).toBeLessThanOrEqual(m!);
        expect(m!).toBeLessThanOrEqual(q3!);
        expect(q1!).toBeGreaterThanOrEqual(Math.min(...values));
        expect(q3!).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], Number.NaN)).toThrow(RangeError);
  });
});
