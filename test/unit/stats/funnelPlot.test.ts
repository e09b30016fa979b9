import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyFunnel, controlLimits, funnelLimits } from '../../../src/lib/stats/funnelPlot';

describe('controlLimits', () => {
  it('is p ± z √(p(1 - p)/n) (Spiegelhalter 2005, normal approximation)', () => {
    // p = 0.3, n = 100: SE = √0.0021 = 0.0458258.
    const limits = controlLimits(0.3, 100);
    expect(limits.n).toBe(100);
    expect(limits.lower95).toBeCloseTo(0.2101835, 6);
    expect(limits.upper95).toBeCloseTo(0.3898165, 6);
    expect(limits.lower998).toBeCloseTo(0.1583880, 6);
    expect(limits.upper998).toBeCloseTo(0.4416120, 6);
  });

  it('gives the textbook ±9.8 points for p = 0.5, n = 100', () => {
    const limits = controlLimits(0.5, 100);
    expect(limits.lower95).toBeCloseTo(0.402, 3);
    expect(limits.upper95).toBeCloseTo(0.598, 3);
  });

  it('clamps limits to [0, 1]', () => {
    const low = controlLimits(0.02, 10);
    expect(low.lower95).toBe(0);
    expect(low.lower998).toBe(0);
    expect(low.upper998).toBeCloseTo(0.02 + 3.090232 * Math.sqrt(0.0196 / 10), 12);
    const high = controlLimits(0.97, 5);
    expect(high.upper95).toBe(1);
    expect(high.upper998).toBe(1);
  });

  it('collapses onto p when p is 0 or 1', () => {
    expect(controlLimits(0, 50)).toEqual({ n: 50, lower95: 0, upper95: 0, lower998: 0, upper998: 0 });
    expect(controlLimits(1, 50)).toEqual({ n: 50, lower95: 1, upper95: 1, lower998: 1, upper998: 1 });
  });

  it('nests the 95% limits inside the 99.8% ones, all narrowing as n grows', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 100_000 }), (p, n) => {
        const a = controlLimits(p, n);
        const b = controlLimits(p, n * 2);
        expect(a.lower998).toBeLessThanOrEqual(a.lower95);
        expect(a.lower95).toBeLessThanOrEqual(p);
        expect(a.upper95).toBeGreaterThanOrEqual(p);
        expect(a.upper998).toBeGreaterThanOrEqual(a.upper95);
        expect(b.upper998 - b.lower998).toBeLessThanOrEqual(a.upper998 - a.lower998 + 1e-15);
      }),
    );
  });

  it('rejects a rate outside [0, 1] and n <= 0', () => {
    expect(() => controlLimits(1.2, 10)).toThrow(RangeError);
    expect(() => controlLimits(0.5, 0)).toThrow(RangeError);
  });
});

describe('funnelLimits', () => {
  it('spans nMin to nMax on a log scale, ends included', () => {
    const curve = funnelLimits(0.1, 1, 1000, 4);
    expect(curve.map((c) => c.n)).toEqual([1, expect.closeTo(10, 9), expect.closeTo(100, 9), 1000]);
    expect(curve[3]).toEqual(controlLimits(0.1, 1000));
  });

  it('defaults to 100 points and handles nMin = nMax', () => {
    expect(funnelLimits(0.2, 5, 500)).toHaveLength(100);
    expect(funnelLimits(0.2, 50, 50)).toEqual([controlLimits(0.2, 50)]);
  });

  it('rejects a bad range', () => {
    expect(() => funnelLimits(0.2, 0, 10)).toThrow(RangeError);
    expect(() => funnelLimits(0.2, 20, 10)).toThrow(RangeError);
    expect(() => funnelLimits(0.2, 1, 10, 1)).toThrow(RangeError);
  });
});

describe('classifyFunnel', () => {
  // p = 0.3, n = 100: 95% limits 0.210-0.390, 99.8% limits 0.158-0.442.
  it.each([
    [0.3, 'within'],
    [0.38, 'within'],
    [0.4, 'above95'],
    [0.45, 'above998'],
    [0.2, 'below95'],
    [0.15, 'below998'],
  ] as const)('rate %s of 100 against 0.3 is %s', (rate, expected) => {
    expect(classifyFunnel(rate, 100, 0.3)).toBe(expected);
  });

  it('is kinder to small groups: the same rate is within for n = 10', () => {
    expect(classifyFunnel(0.45, 10, 0.3)).toBe('within');
  });

  it('counts a rate exactly on a limit as inside it', () => {
    const { upper95 } = controlLimits(0.3, 100);
    expect(classifyFunnel(upper95, 100, 0.3)).toBe('within');
  });

  it("treats an empty group as 'within'", () => {
    expect(classifyFunnel(0, 0, 0.3)).toBe('within');
  });

  it('rejects rates outside [0, 1]', () => {
    expect(() => classifyFunnel(1.5, 10, 0.3)).toThrow(RangeError);
    expect(() => classifyFunnel(0.5, 10, -0.1)).toThrow(RangeError);
  });
});
