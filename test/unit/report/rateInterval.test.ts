import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { rateInterval } from '../../../src/lib/report/rateInterval';
import { rate } from '../../../src/lib/stats/rate';

describe('rateInterval', () => {
  test('a published rate over its denominator: the Wilson interval of the count behind it', () => {
    // 3 of 12: Wilson 95% is 8.9% to 53%.
    const i = rateInterval(3 / 12, 12)!;
    expect(i.low).toBeCloseTo(0.0889, 3);
    expect(i.high).toBeCloseTo(0.5323, 3);
  });

  test('withheld or undefined: no interval', () => {
    expect(rateInterval('suppressed', 40)).toBeNull();
    expect(rateInterval(0.5, '<5')).toBeNull();
    expect(rateInterval(0.5, 'suppressed')).toBeNull();
    expect(rateInterval(null, 40)).toBeNull();
    expect(rateInterval(0, 0)).toBeNull();
  });

  test('property: equals the interval of the counts themselves', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), ([k, n]) => {
      const want = rate(k, n);
      expect(rateInterval(k / n, n)).toEqual({ low: want.low, high: want.high });
    }));
  });
});
