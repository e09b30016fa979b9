import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rate } from '../../../src/lib/stats/rate';
import { Z_998 } from '../../../src/lib/stats/zValues';

describe('rate (Wilson interval)', () => {
  it('gives 0.108 to 0.603 for 3 of 10', () => {
    const result = rate(3, 10);
    expect(result.rate).toBeCloseTo(0.3, 12);
    expect(result.low).toBeCloseTo(0.108, 3);
    expect(result.high).toBeCloseTo(0.603, 3);
    expect(result.n).toBe(10);
  });

  it("matches Newcombe (1998), Table I, method 3 (score interval without continuity correction)", () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [successes, n, low, high] of cases) {
      const result = rate(successes, n);
      expect(result.low).toBeCloseTo(low, 4);
      expect(result.high).toBeCloseTo(high, 4);
    }
  });

  it('gives [0, 0.2775] for 0 of 10 and [0.7225, 1] for 10 of 10', () => {
    expect(rate(0, 10)).toEqual({ rate: 0, low: 0, high: expect.closeTo(0.27753279986288926, 6), n: 10 });
    expect(rate(10, 10)).toEqual({ rate: 1, low: expect.closeTo(0.7224672001371109, 6), high: 1, n: 10 });
  });

  it('gives 99.8% intervals with z = qnorm(0.999)', () => {
    // Reference: scipy.stats.binomtest(k, n).proportion_ci(0.998, method='wilson').
    const cases: [number, number, number, number][] = [
      [3, 10, 0.06284501550629434, 0.7325465446750905],
      [0, 10, 0, 0.4884789004534622],
      [10, 10, 0.5115210995465378, 1],
      [81, 263, 0.22803574024200476, 0.40138942190936955],
    ];
    for (const [successes, n, low, high] of cases) {
      const result = rate(successes, n, Z_998);
      expect(result.low).toBeCloseTo(low, 6);
      expect(result.high).toBeCloseTo(high, 6);
    }
    // With no successes the upper bound has the closed form z² / (n + z²).
    expect(rate(0, 10, Z_998).high).toBeCloseTo((Z_998 * Z_998) / (10 + Z_998 * Z_998), 12);
  });

  it('returns nulls for n = 0', () => {
    expect(rate(0, 0)).toEqual({ rate: null, low: null, high: null, n: 0 });
  });

  it('inverts the score test: each inner bound π solves |p - π| = z √(π(1 - π)/n)', () => {
    const z = 1.959963984540054; // qnorm(0.975)
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), (n, raw) => {
        const successes = raw % (n + 1);
        const { rate: p, low, high } = rate(successes, n);
        expect(low).toBeLessThanOrEqual(p!);
        expect(high).toBeGreaterThanOrEqual(p!);
        for (const bound of [low!, high!]) {
          if (bound === 0 || bound === 1) continue;
          expect(Math.abs(p! - bound)).toBeCloseTo(z * Math.sqrt((bound * (1 - bound)) / n), 10);
        }
      }),
    );
  });

  it('is symmetric: k of n mirrors n - k of n', () => {
    const a = rate(7, 25);
    const b = rate(18, 25);
    expect(a.low).toBeCloseTo(1 - b.high!, 12);
    expect(a.high).toBeCloseTo(1 - b.low!, 12);
  });

  it('narrows as n grows and widens with z', () => {
    const small = rate(3, 10);
    const large = rate(300, 1000);
    expect(large.high! - large.low!).toBeLessThan(small.high! - small.low!);
    const wide = rate(3, 10, Z_998);
    expect(wide.low!).toBeLessThan(small.low!);
    expect(wide.high!).toBeGreaterThan(small.high!);
  });

  it('carries the denominator as n, so a rate is never shown without it', () => {
    expect(rate(0, 7).n).toBe(7);
    expect(rate(7, 7)).toMatchObject({ rate: 1, n: 7 });
  });

  it('rejects impossible input', () => {
    expect(() => rate(11, 10)).toThrow(RangeError);
    expect(() => rate(-1, 10)).toThrow(RangeError);
    expect(() => rate(1.5, 10)).toThrow(RangeError);
    expect(() => rate(1, -10)).toThrow(RangeError);
    expect(() => rate(1, 10, 0)).toThrow(RangeError);
  });
});
