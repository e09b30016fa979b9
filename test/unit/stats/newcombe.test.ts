import { describe, expect, it } from 'vitest';
import { changeVerdict, newcombeDifference, rateChange } from '../../../src/lib/stats/newcombe';
import { rate } from '../../../src/lib/stats/rate';
import { Z_998 } from '../../../src/lib/stats/zValues';

describe('newcombeDifference', () => {
  // Newcombe RG (1998), Stat Med 17:873-890, Table II, method 10 (score interval without
  // continuity correction), 95%, limits to 4 decimals.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339], // (a)
    [9, 10, 3, 10, 0.1705, 0.809], // (b)
    [6, 7, 2, 7, 0.0582, 0.8062], // (c)
    [5, 56, 0, 29, -0.0381, 0.1926], // (d)
    [0, 10, 0, 20, -0.1611, 0.2775], // (e)
    [0, 10, 0, 10, -0.2775, 0.2775], // (f)
    [10, 10, 0, 20, 0.6791, 1], // (g)
    [10, 10, 0, 10, 0.6075, 1], // (h)
  ])('Table II: %i/%i - %i/%i is %f to %f', (x1, n1, x2, n2, low, high) => {
    const d = newcombeDifference(x1, n1, x2, n2);
    expect(d.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
  });

  it('is built from the two Wilson intervals (square and add)', () => {
    const a = rate(81, 263);
    const b = rate(15, 148);
    const d = newcombeDifference(81, 263, 15, 148);
    expect(d.low).toBeCloseTo(a.rate! - b.rate! - Math.sqrt((a.rate! - a.low!) ** 2 + (b.high! - b.rate!) ** 2), 14);
    expect(d.high).toBeCloseTo(a.rate! - b.rate! + Math.sqrt((a.high! - a.rate!) ** 2 + (b.rate! - b.low!) ** 2), 14);
  });

  it('mirrors when the groups swap, and widens at 99.8%', () => {
    const ab = newcombeDifference(30, 120, 45, 110);
    const ba = newcombeDifference(45, 110, 30, 120);
    expect(ab.low).toBeCloseTo(-ba.high!, 14);
    expect(ab.high).toBeCloseTo(-ba.low!, 14);
    const wide = newcombeDifference(30, 120, 45, 110, Z_998);
    expect(wide.low!).toBeLessThan(ab.low!);
    expect(wide.high!).toBeGreaterThan(ab.high!);
  });

  it('stays within [-1, 1] and contains the difference', () => {
    for (const [x1, n1, x2, n2] of [[1, 1, 0, 1], [0, 1, 1, 1], [3, 4, 2, 5], [0, 3, 3, 3]]) {
      const d = newcombeDifference(x1, n1, x2, n2);
      expect(d.low!).toBeGreaterThanOrEqual(-1);
      expect(d.high!).toBeLessThanOrEqual(1);
      expect(d.low!).toBeLessThanOrEqual(d.difference!);
      expect(d.high!).toBeGreaterThanOrEqual(d.difference!);
    }
  });

  it('has no difference when either group is empty, and rejects impossible counts', () => {
    expect(newcombeDifference(3, 10, 0, 0)).toEqual({ difference: null, low: null, high: null });
    expect(() => newcombeDifference(11, 10, 1, 10)).toThrow(RangeError);
  });
});

describe('changeVerdict', () => {
  it('calls a change only when the interval excludes no change', () => {
    expect(changeVerdict({ low: 0.05, high: 0.33 })).toBe('up');
    expect(changeVerdict({ low: -0.3, high: -0.01 })).toBe('down');
    expect(changeVerdict({ low: -0.04, high: 0.19 })).toBe('no clear change');
    expect(changeVerdict({ low: 0, high: 0.2 })).toBe('no clear change'); // touching counts as including
    expect(changeVerdict({ low: null, high: null })).toBe('no data');
  });

  it('takes 1 as no change for ratios', () => {
    expect(changeVerdict({ low: 1.01, high: 1.8 }, 1)).toBe('up');
    expect(changeVerdict({ low: 0.6, high: 1.7 }, 1)).toBe('no clear change');
    expect(changeVerdict({ low: 0.2, high: 0.9 }, 1)).toBe('down');
    expect(changeVerdict({ low: 2.2, high: Infinity }, 1)).toBe('up');
  });
});

describe('rateChange', () => {
  it('compares this period with the previous one, keeping both rates and their n', () => {
    const c = rateChange({ successes: 56, n: 70 }, { successes: 48, n: 80 });
    expect(c.current).toEqual({ successes: 56, n: 70, rate: 0.8 });
    expect(c.previous).toEqual({ successes: 48, n: 80, rate: 0.6 });
    expect(c.difference).toBeCloseTo(0.2, 12);
    expect(c.low).toBeCloseTo(0.0524, 4);
    expect(c.verdict).toBe('up');
  });

  it('does not call a small difference in small groups a change', () => {
    expect(rateChange({ successes: 5, n: 56 }, { successes: 0, n: 29 }).verdict).toBe('no clear change');
    expect(rateChange({ successes: 3, n: 10 }, { successes: 9, n: 10 }).verdict).toBe('down');
    expect(rateChange({ successes: 0, n: 0 }, { successes: 4, n: 9 })).toMatchObject({ verdict: 'no data', difference: null });
  });
});
