import { describe, expect, it } from 'vitest';
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
});
