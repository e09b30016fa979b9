import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import * as binomial from '../../../src/lib/stats/binomial';

const { binomialTails } = binomial;
import { clopperPearson } from '../../../src/lib/stats/clopperPearson';

describe('clopperPearson', () => {
  // R: binom.test(x, n)$conf.int (= scipy binomtest(x, n).proportion_ci(method='exact')).
  it.each([
    [15, 20, 0.5089541282920425, 0.9134285308985655],
    [120, 210, 0.5015058681782607, 0.6393056236755473],
    [7, 9, 0.3999064262836879, 0.9718550265221126],
  ])('%i of %i: %f to %f', (x, n, low, high) => {
    const ci = clopperPearson(x, n);
    expect(ci.low).toBeCloseTo(low, 10);
    expect(ci.high).toBeCloseTo(high, 10);
  });

  it('has closed forms at 0 and n successes', () => {
    expect(clopperPearson(0, 10)).toEqual({ low: 0, high: expect.closeTo(1 - 0.025 ** (1 / 10), 12) });
    expect(clopperPearson(10, 10)).toEqual({ low: expect.closeTo(0.025 ** (1 / 10), 12), high: 1 });
  });

  it('widens with the level and rejects bad input', () => {
    const a = clopperPearson(30, 100, 0.95);
    const b = clopperPearson(30, 100, 0.998);
    expect(b.low).toBeLessThan(a.low);
    expect(b.high).toBeGreaterThan(a.high);
    expect(() => clopperPearson(3, 0)).toThrow(RangeError);
    expect(() => clopperPearson(11, 10)).toThrow(RangeError);
    expect(() => clopperPearson(3, 10, 1)).toThrow(RangeError);
  });

  it('agrees with bisection on the exact tails, from a handful of trials to millions', () => {
    // Reference: each bound by plain bisection on the tail it is defined by.
    const bisect = (f: (p: number) => number, target: number) => {
      let [lo, hi] = [0, 1];
      for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
        const mid = (lo + hi) / 2;
        if (f(mid) < target) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.8, 0.95, 0.998), (n, at, level) => {
        const x = Math.round(at * n);
        const tail = (1 - level) / 2;
        const low = x === 0 ? 0 : bisect((p) => binomialTails(x, n, p).atLeast, tail);
        const high = x === n ? 1 : bisect((p) => 1 - binomialTails(x, n, p).atMost, 1 - tail);
        const ci = clopperPearson(x, n, level);
        return Math.abs(ci.low - low) <= 1e-12 * Math.max(low, 1e-300) + 1e-300 && Math.abs(ci.high - high) <= 1e-12 * high;
      }),
      { numRuns: 200 },
    );
  });

  it('takes a handful of exact tails on a national count, not fifty', () => {
    // 1.96 million trials: each tail sums some ten thousand terms, so the number of them is the interval's cost.
    const tails = vi.spyOn(binomial, 'binomialTails');
    const ci = clopperPearson(1_000_000, 1_960_000);
    expect(tails.mock.calls.length).toBeLessThanOrEqual(24);
    tails.mockRestore();
    expect(binomial.binomialTails(1_000_000, 1_960_000, ci.low).atLeast).toBeCloseTo(0.025, 12);
    expect(binomial.binomialTails(1_000_000, 1_960_000, ci.high).atMost).toBeCloseTo(0.025, 12);
  });
});
