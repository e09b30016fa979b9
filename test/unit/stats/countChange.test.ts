import { describe, expect, it } from 'vitest';
import { countChange } from '../../../src/lib/stats/countChange';

describe('countChange', () => {
  // R: poisson.test(c(x1, x2), T = c(1, 1))$conf.int, the same numbers as scipy's
  // binomtest(x1, x1 + x2).proportion_ci(method = 'exact') turned into p / (1 - p).
  it.each([
    [15, 5, 1.0364696204894186, 10.551149707628438, 'up'],
    [120, 90, 1.006041668626098, 1.7724302502029519, 'up'],
    [1000, 900, 1.0144048594325725, 1.2171708368278973, 'up'],
    [7, 2, 0.6664067802078137, 34.530323053445734, 'no clear change'],
  ] as const)('%i against %i: ratio interval %f to %f (%s)', (current, previous, low, high, verdict) => {
    const c = countChange(current, previous);
    expect(c.ratio).toBeCloseTo(current / previous, 12);
    expect(c.low).toBeCloseTo(low, 9);
    expect(c.high).toBeCloseTo(high, 9);
    expect(c.verdict).toBe(verdict);
  });

  it('is symmetric: equal counts give an interval whose ends are reciprocals around 1', () => {
    const c = countChange(30, 30);
    expect(c.ratio).toBe(1);
    expect(c.low! * c.high!).toBeCloseTo(1, 10);
    expect(c.low).toBeCloseTo(0.582433799750595, 9);
    expect(c.verdict).toBe('no clear change');
    const down = countChange(90, 120);
    const up = countChange(120, 90);
    expect(down.low).toBeCloseTo(1 / up.high!, 10);
    expect(down.verdict).toBe('down');
  });

  it('from nothing last period: the lower bound has a closed form and the upper is unbounded', () => {
    // P(all 10 in the current period) = share^10 = 0.025 at the lower bound.
    const share = 0.025 ** (1 / 10);
    const c = countChange(10, 0);
    expect(c.ratio).toBe(Infinity);
    expect(c.low).toBeCloseTo(share / (1 - share), 9);
    expect(c.high).toBe(Infinity);
    expect(c.verdict).toBe('up');
    // Three against none could still be chance.
    expect(countChange(3, 0)).toMatchObject({ low: expect.closeTo(0.413231355030894, 9), verdict: 'no clear change' });
    expect(countChange(0, 10)).toMatchObject({ ratio: 0, low: 0, verdict: 'down' });
  });

  it('has no verdict with no counts at all, and rejects counts that are not whole numbers', () => {
    expect(countChange(0, 0)).toEqual({ current: 0, previous: 0, ratio: null, low: null, high: null, verdict: 'no data' });
    expect(() => countChange(-1, 3)).toThrow(RangeError);
    expect(() => countChange(2.5, 3)).toThrow(RangeError);
  });

  it('handles counts in the hundreds of thousands (scipy reference)', () => {
    expect(countChange(250_000, 249_000)).toMatchObject({
      low: expect.closeTo(0.9984560349650514, 9), high: expect.closeTo(1.0096070706856293, 9), verdict: 'no clear change',
    });
    expect(countChange(250_000, 248_000)).toMatchObject({
      low: expect.closeTo(1.00247645075388, 9), high: expect.closeTo(1.013683761901056, 9), verdict: 'up',
    });
  });
});
