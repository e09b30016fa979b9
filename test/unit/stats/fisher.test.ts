import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareRates, fisherExact, smallestAttainablePValue, someSplitReaches, tooFewToTell } from '../../../src/lib/stats/fisher';
import { logChoose } from '../../../src/lib/stats/logGamma';

/** Reference: the same test with exact integer binomial coefficients (small tables only). */
function bruteForceFisher(a: number, b: number, c: number, d: number): number {
  const choose = (n: number, k: number) => {
    let result = 1;
    for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
    return Math.round(result);
  };
  const rowA = a + b;
  const rowB = c + d;
  const successes = a + c;
  const total = choose(rowA + rowB, successes);
  const prob = (x: number) => (choose(rowA, x) * choose(rowB, successes - x)) / total;
  const observed = prob(a);
  let p = 0;
  for (let x = Math.max(0, successes - rowB); x <= Math.min(rowA, successes); x++) {
    if (prob(x) <= observed * (1 + 1e-7)) p += prob(x);
  }
  return Math.min(1, p);
}

describe('fisherExact', () => {
  it("gives Fisher's tea-tasting p = 0.4857", () => {
    // Lady tasting tea: [[3, 1], [1, 3]], two-sided p = 34/70.
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.485714285714, 10);
  });

  it('gives p = 0.002759 for [[1, 9], [11, 3]] (the dieting example)', () => {
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.0027594561852200836, 12);
  });

  it("matches R's Convictions example, p = 0.0005367", () => {
    // fisher.test(matrix(c(2, 10, 15, 3), nrow = 2)) in R's documentation.
    expect(fisherExact(2, 15, 10, 3)).toBeCloseTo(0.0005367241191434358, 12);
  });

  it('matches reference values for further tables (scipy.stats.fisher_exact)', () => {
    const cases: [number, number, number, number, number][] = [
      [5, 0, 0, 5, 0.007936507936507938],
      [10, 0, 0, 10, 1.082508822446903e-5],
      [3, 7, 0, 10, 0.21052631578947367],
      [4, 6, 0, 10, 0.08668730650154799],
      [5, 5, 0, 10, 0.032507739938080496],
      [6, 14, 1, 19, 0.09147609147609148],
      [30, 70, 45, 55, 0.040534006514982644],
      [12, 38, 25, 25, 0.012432691111315234],
    ];
    for (const [a, b, c, d, p] of cases) {
      expect(fisherExact(a, b, c, d) / p).toBeCloseTo(1, 8);
    }
  });

  // Its speed at scale is held to a limit in test/perf/metrics.perf.test.ts, not here (a busy machine is slow).
  it('handles tens of thousands of people accurately', () => {
    // References from scipy.stats.fisher_exact.
    expect(fisherExact(1200, 18800, 1350, 18650) / 0.0022871395596012916).toBeCloseTo(1, 7);
    expect(fisherExact(20000, 30000, 20500, 29500) / 0.0013065505471469886).toBeCloseTo(1, 7);
  });

  it('returns 0 rather than NaN when the p-value is below floating-point range', () => {
    expect(fisherExact(1000, 0, 0, 1000)).toBe(0);
  });

  it('gives 1 for identical rows and for tables with an empty margin', () => {
    expect(fisherExact(40, 60, 40, 60)).toBe(1);
    expect(fisherExact(0, 12, 0, 15)).toBe(1);
    expect(fisherExact(0, 0, 3, 4)).toBe(1);
    expect(fisherExact(0, 0, 0, 0)).toBe(1);
  });

  it('agrees with a brute-force computation on small tables', () => {
    const cell = fc.integer({ min: 0, max: 10 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        expect(fisherExact(a, b, c, d)).toBeCloseTo(bruteForceFisher(a, b, c, d), 10);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on which way round the table is written', () => {
    const cell = fc.integer({ min: 0, max: 200 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const p = fisherExact(a, b, c, d);
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(fisherExact(a, c, b, d)).toBeCloseTo(p, 10); // transposed
        expect(fisherExact(c, d, a, b)).toBeCloseTo(p, 10); // rows swapped
        expect(fisherExact(b, a, d, c)).toBeCloseTo(p, 10); // columns swapped
      }),
    );
  });

  it('rejects negative and fractional counts', () => {
    expect(() => fisherExact(-1, 2, 3, 4)).toThrow(RangeError);
    expect(() => fisherExact(1.5, 2, 3, 4)).toThrow(RangeError);
  });
});

describe('smallestAttainablePValue', () => {
  it('is the p-value of the most lopsided split', () => {
    // 3 successes among two groups of 10: best case is 3/10 against 0/10.
    expect(smallestAttainablePValue(10, 10, 3)).toBeCloseTo(fisherExact(3, 7, 0, 10), 12);
    expect(smallestAttainablePValue(10, 10, 10)).toBeCloseTo(fisherExact(10, 0, 0, 10), 12);
    // Unequal groups: the least likely split puts all successes in the smaller group.
    expect(smallestAttainablePValue(5, 50, 5)).toBeCloseTo(fisherExact(5, 0, 0, 50), 12);
  });

  it('is never above the p-value of any table with the same margins', () => {
    const size = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(size, size, fc.nat(), fc.nat(), (nA, nB, s1, s2) => {
        const successes = nA + nB === 0 ? 0 : s1 % (nA + nB + 1);
        const low = Math.max(0, successes - nB);
        const high = Math.min(nA, successes);
        const x = low + (s2 % (high - low + 1));
        const floor = smallestAttainablePValue(nA, nB, successes);
        expect(floor).toBeLessThanOrEqual(fisherExact(x, nA - x, successes - x, nB - successes + x) + 1e-12);
      }),
    );
  });

  it('is 1 when nobody or everybody succeeded', () => {
    expect(smallestAttainablePValue(20, 30, 0)).toBe(1);
    expect(smallestAttainablePValue(20, 30, 50)).toBe(1);
  });
});

describe('someSplitReaches', () => {
  it('says whether the smallest attainable p-value is below alpha, from tiny groups to thousands', () => {
    const size = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 6000 }));
    fc.assert(
      fc.property(size, size, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.05, 0.01, 0.001, 0.05 / 252), (nA, nB, share, alpha) => {
        const successes = Math.round(share * (nA + nB));
        expect(someSplitReaches(nA, nB, successes, alpha)).toBe(smallestAttainablePValue(nA, nB, successes) < alpha);
      }),
      { numRuns: 400 },
    );
  });

  it('is right where the smallest p-value is close to alpha', () => {
    // Two groups of 4 with 4 successes: the most lopsided split has p = 2/70 = 0.0286.
    expect(smallestAttainablePValue(4, 4, 4)).toBeCloseTo(2 / 70, 12);
    expect(someSplitReaches(4, 4, 4, 0.0287)).toBe(true);
    expect(someSplitReaches(4, 4, 4, 0.0285)).toBe(false);
    // 1 success: a split can never be told from chance.
    expect(someSplitReaches(1000, 1000, 1, 0.05)).toBe(false);
  });
});

describe('tooFewToTell', () => {
  it("is compareRates' 'too few to tell', whatever the split", () => {
    const size = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 3000 }));
    fc.assert(
      fc.property(size, size, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 10, 25), fc.constantFrom(0.05, 0.01, 0.05 / 30), (nA, nB, shareA, shareB, minN, alpha) => {
        const aSuccess = Math.round(shareA * nA);
        const bSuccess = Math.round(shareB * nB);
        const said = compareRates(aSuccess, nA, bSuccess, nB, { minN, alpha }).verdict === 'too few to tell';
        expect(tooFewToTell(nA, nB, aSuccess + bSuccess, { minN, alpha })).toBe(said);
      }),
      { numRuns: 400 },
    );
  });

  it('counts an empty group as too few even where no smallest size is set', () => {
    expect(tooFewToTell(0, 50, 10, { minN: 0 })).toBe(true);
    expect(tooFewToTell(9, 50, 20)).toBe(true);
    expect(tooFewToTell(10, 50, 20)).toBe(false);
  });
});

describe('compareRates', () => {
  it('reports rates, difference and p-value', () => {
    const result = compareRates(1, 10, 11, 14);
    expect(result.rateA).toBeCloseTo(0.1, 12);
    expect(result.rateB).toBeCloseTo(11 / 14, 12);
    expect(result.difference).toBeCloseTo(0.1 - 11 / 14, 12);
    expect(result.pValue).toBeCloseTo(0.0027594561852200836, 12);
    expect(result.verdict).toBe('lower');
  });

  it("says 'higher' when A's rate is significantly above B's", () => {
    expect(compareRates(11, 14, 1, 10).verdict).toBe('higher');
    expect(compareRates(1350, 20000, 1200, 20000).verdict).toBe('higher');
  });

  it("says 'no clear difference' when p >= alpha but a difference was possible", () => {
    const result = compareRates(30, 100, 35, 100);
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(result.verdict).toBe('no clear difference');
  });

  it("says 'too few to tell' when a group is smaller than minN", () => {
    expect(compareRates(0, 9, 50, 50).verdict).toBe('too few to tell');
    expect(compareRates(0, 9, 50, 50, { minN: 5 }).verdict).toBe('lower');
  });

  it("says 'too few to tell' when no split of the successes could be significant", () => {
    // 3 approvals across two groups of 10: even 3/10 v 0/10 gives p = 0.21.
    expect(compareRates(3, 10, 0, 10).verdict).toBe('too few to tell');
    expect(compareRates(2, 10, 1, 10).verdict).toBe('too few to tell');
    // 5 successes: 5/10 v 0/10 gives p = 0.0325, so 4/10 v 1/10 is a real "no clear difference".
    expect(compareRates(4, 10, 1, 10).verdict).toBe('no clear difference');
    expect(compareRates(5, 10, 0, 10).verdict).toBe('higher');
    // Nobody succeeded anywhere: there is nothing to compare.
    expect(compareRates(0, 500, 0, 500).verdict).toBe('too few to tell');
  });

  it('handles empty groups without dividing by zero', () => {
    expect(compareRates(0, 0, 5, 20)).toEqual({
      rateA: null,
      rateB: 0.25,
      difference: null,
      pValue: null,
      verdict: 'too few to tell',
    });
    expect(compareRates(0, 0, 0, 0, { minN: 0 }).verdict).toBe('too few to tell');
  });

  it('uses the alpha it is given', () => {
    // p = 0.0325 for 5/10 v 0/10.
    expect(compareRates(5, 10, 0, 10, { alpha: 0.01 }).verdict).toBe('too few to tell');
    // p = 0.0915 for 6/20 v 1/20.
    expect(compareRates(6, 20, 1, 20, { alpha: 0.1 }).verdict).toBe('higher');
    expect(compareRates(6, 20, 1, 20).verdict).toBe('no clear difference');
  });

  it('rejects impossible input', () => {
    expect(() => compareRates(11, 10, 1, 10)).toThrow(RangeError);
    expect(() => compareRates(-1, 10, 1, 10)).toThrow(RangeError);
    expect(() => compareRates(1, 10, 1, 10, { alpha: 0 })).toThrow(RangeError);
  });
});

/** Reference for mid-sized tables: every table's weight from its own binomial coefficients (log-gamma), no recurrence. */
function enumeratedFisher(a: number, b: number, c: number, d: number): number {
  const [rowA, rowB, successes] = [a + b, c + d, a + c];
  const logs: number[] = [];
  for (let x = Math.max(0, successes - rowB); x <= Math.min(rowA, successes); x++) logs.push(logChoose(rowA, x) + logChoose(rowB, successes - x));
  const observed = logChoose(rowA, a) + logChoose(rowB, c);
  const top = Math.max(...logs);
  const total = logs.reduce((t, l) => t + Math.exp(l - top), 0);
  const extreme = logs.filter((l) => l <= observed + Math.log1p(1e-7)).reduce((t, l) => t + Math.exp(l - top), 0);
  return Math.min(1, extreme / total);
}

describe('fisherExact on tables of thousands', () => {
  it('agrees with weighing every table from its own binomial coefficients', () => {
    const cell = fc.integer({ min: 0, max: 2500 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const want = enumeratedFisher(a, b, c, d);
        const got = fisherExact(a, b, c, d);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * want + 1e-15);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fisherExact on very large tables', () => {
  // Values from full enumeration of every table (the small-table path), agreed to 1e-9 relative.
  it.each([
    [3000, 7000, 3100, 6900, 0.12838929198399485],
    [2600, 2500, 2500, 2600, 0.049932978884497325],
    [40000, 60000, 41000, 59000, 0.0000053493331893997],
    [5100, 4900, 5000, 5000, 0.16146929150861544],
  ])('[[%i, %i], [%i, %i]] walks out from the likeliest table to the same p-value', (a, b, c, d, p) => {
    expect(fisherExact(a, b, c, d) / p).toBeCloseTo(1, 9);
  });
  it('gives a p-value in range for a million people', () => {
    for (let i = 0; i < 100; i += 11) {
      const p = fisherExact(300000 + i, 200000, 290000, 210000 + i);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
  it('gives a vanishing p-value for an overwhelming difference', () => {
    expect(fisherExact(12000, 10000, 9000, 13000)).toBeLessThan(1e-12);
  });
});
