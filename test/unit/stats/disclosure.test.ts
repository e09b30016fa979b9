import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSuppressed, suppress, suppressRate, SUPPRESSED, SUPPRESSION_THRESHOLD, tooFewToPublish, withheldCounts, withholding, type CountSum } from '../../../src/lib/stats/disclosure';

describe('isSuppressed', () => {
  it('hides 1 to 4 only', () => {
    expect(SUPPRESSION_THRESHOLD).toBe(4);
    expect([0, 1, 2, 3, 4, 5, 6, 100].map(isSuppressed)).toEqual([false, true, true, true, true, false, false, false]);
  });

  it('rejects counts that are not whole numbers >= 0', () => {
    for (const bad of [-1, 2.5, Number.NaN, Infinity]) expect(() => isSuppressed(bad)).toThrow(RangeError);
  });
});

describe('tooFewToPublish', () => {
  it('refuses 1-4 enquiries, whose "<5" beside zeros says what happened to each, and nothing else', () => {
    expect([0, 1, 4, 5, 120].map(tooFewToPublish)).toEqual([false, true, true, false, false]);
  });
});

describe('suppress', () => {
  it('shows 0 as "0" and 1-4 as "<5"', () => {
    expect(suppress(0)).toBe('0');
    expect([1, 2, 3, 4].map(suppress)).toEqual(['<5', '<5', '<5', '<5']);
  });

  it('shows 5 and above with en-GB thousands separators', () => {
    expect(suppress(5)).toBe('5');
    expect(suppress(999)).toBe('999');
    expect(suppress(1000)).toBe('1,000');
    expect(suppress(138075)).toBe('138,075'); // Ofsted initial enquiries 2021-22
    expect(suppress(1234567)).toBe('1,234,567');
  });
});

describe('suppressRate', () => {
  it('gives the rate when every count involved is 0 or 5+', () => {
    expect(suppressRate(11, 50)).toBeCloseTo(0.22, 12);
    expect(suppressRate(0, 20)).toBe(0);
    expect(suppressRate(20, 20)).toBe(1);
  });

  it('withholds the rate when the numerator is 1-4', () => {
    expect(suppressRate(3, 200)).toBe(SUPPRESSED);
  });

  it('withholds the rate when the denominator is 1-4', () => {
    expect(suppressRate(0, 3)).toBe(SUPPRESSED);
  });

  it('withholds the rate when those not counted are 1-4 (98 of 100 reveals 2)', () => {
    expect(suppressRate(98, 100)).toBe(SUPPRESSED);
    expect(suppressRate(95, 100)).toBeCloseTo(0.95, 12);
  });

  it('gives null when there is no denominator', () => {
    expect(suppressRate(0, 0)).toBeNull();
  });

  it('rejects impossible counts', () => {
    expect(() => suppressRate(6, 5)).toThrow(RangeError);
    expect(() => suppressRate(-1, 5)).toThrow(RangeError);
  });
});

describe('withheldCounts', () => {
  const funnelSums = (stages: number): CountSum[] =>
    Array.from({ length: stages - 1 }, (_, i) => ({ total: 3 * i, parts: [3 * (i + 1), 3 * i + 1, 3 * i + 2] }));

  it('withholds nothing when no count is 1-4', () => {
    expect(withheldCounts([100, 60, 30, 10], [{ total: 0, parts: [1, 2, 3] }])).toEqual(new Set());
  });

  it('7 enquired, 6 left, 0 open, 1 went on: the 1 cannot be worked out from 7 - 6 - 0', () => {
    // Withholding only the 0 would still say the two withheld add up to 1; so the 6 goes too.
    expect([...withheldCounts([7, 1, 6, 0], [{ total: 0, parts: [1, 2, 3] }])].sort()).toEqual([1, 2, 3]);
  });

  it('a lone small count among large ones takes the smallest other part with it', () => {
    expect([...withheldCounts([500, 300, 197, 3], [{ total: 0, parts: [1, 2, 3] }])].sort()).toEqual([2, 3]);
  });

  it('follows the chain of sums: a part withheld in one sum is a total in the next', () => {
    // 100 enquired = 3 went on + 47 left + 50 open: the 3 takes the 47 with it. The 3 is also
    // the total of the next sum (3 = 0 went on + 3 left + 0 open), where two are withheld already.
    const counts = [100, 47, 50, /* stage 2 */ 3, 3, 0, /* last */ 0, 0, 0];
    expect([...withheldCounts(counts, funnelSums(3))].sort()).toEqual([1, 3, 4]);
  });

  it('property: no sum lets a withheld count be worked out', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 7 }),
      (stageParts) => {
        // A funnel built backwards: reached(k) = reached(k+1) + left(k) + open(k).
        const k = stageParts.length + 1;
        const counts = new Array<number>(3 * k).fill(0);
        counts[3 * (k - 1)] = 3; // the last stage: approved
        for (let i = k - 2; i >= 0; i--) {
          const [left, open] = stageParts[i];
          counts[3 * i + 1] = left;
          counts[3 * i + 2] = open;
          counts[3 * i] = counts[3 * (i + 1)] + left + open;
        }
        const sums = funnelSums(k);
        const hidden = withheldCounts(counts, sums);
        for (let i = 0; i < counts.length; i++) if (isSuppressed(counts[i])) expect(hidden.has(i)).toBe(true);
        for (const { total, parts } of sums) {
          const withheld = [total, ...parts].filter((i) => hidden.has(i));
          expect(withheld.length).not.toBe(1);
          if (withheld.length && !hidden.has(total)) {
            expect(isSuppressed(parts.filter((i) => hidden.has(i)).reduce((a, i) => a + counts[i], 0))).toBe(false);
          }
        }
      },
    ), { numRuns: 300 });
  });
});

describe('withholding: with known totals', () => {
  it('looks past a sum whose counts are all withheld or known for one more to withhold', () => {
    // 11 = 10 + 1 + 0 (enquiry), 10 = 5 + 5 + 0 (visit), 5 = 2 + 3 + 0 (application); 11, 5 and 2 known.
    const counts = [11, 1, 0, 10, 5, 0, 5, 3, 0, 2, 0, 0, 0];
    const sums: CountSum[] = [{ total: 0, parts: [3, 1, 2] }, { total: 3, parts: [6, 4, 5] }, { total: 6, parts: [9, 7, 8] }, { total: 12, parts: [2, 5, 8] }];
    const { hidden } = withholding(counts, sums, { fixed: new Set([0, 6, 9]) });
    // The 1 left at enquiry takes the 10 who visited with it, and then the 5 who left at the visit.
    expect([...hidden].sort((a, b) => a - b)).toEqual(expect.arrayContaining([1, 3, 4]));
  });
});
