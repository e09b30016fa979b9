import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilson } from '../../../src/lib/stats/wilson';
import { Z_998 } from '../../../src/lib/stats/zValues';

describe('wilson', () => {
  it('gives 0.108 to 0.603 for 3 of 10', () => {
    const result = wilson(3, 10);
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
      const result = wilson(successes, n);
      expect(result.low).toBeCloseTo(low, 4);
      expect(result.high).toBeCloseTo(high, 4);
    }
  });

  it('gives [0, 0.2775] for 0 of 10 and [0.7225, 1] for 10 of 10', () => {
    expect(wilson(0, 10)).toEqual({ rate: 0, low: 0, high: expect.closeTo(0.27753279986288926, 6), n: 10 });
    expect(wilson(10, 10)).toEqual({ rate: 1, low: expect.closeTo(0.7224672001371109, 6), high: 1, n: 10 });
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
      const result = wilson(successes, n, Z_998);
      expect(result.low).toBeCloseTo(low, 6);
      expect(result.high).toBeCloseTo(high, 6);
    }
    // With no successes the upper bound has the closed form z² / (n + z²).
    expect(wilson(0, 10, Z_998).high).toBeCloseTo((Z_998 * Z_998) / (10 + Z_998 * Z_998), 12);
  });

  it('returns nulls for n = 0', () => {
    expect(wilson(0, 0)).toEqual({ rate: null, low: null, high: null, n: 0 });
  });

  it('inverts the score test: each inner bound π solves |p - π| = z √(π(1 - π)/n)', () => {
    const z = 1.959963984540054; // qnorm(0.975)
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), (n, raw) => {
        const successes = raw % (n + 1);
        const { rate, low, high } = wilson(successes, n);
        expect(low).toBeLessThanOrEqual(rate!);
        expect(high).toBeGreaterThanOrEqual(rate!);
        for (const bound of [low!, high!]) {
          if (bound === 0 || bound === 1) continue;
          expect(Math.abs(rate! - bound)).toBeCloseTo(z * Math.sqrt((bound * (1 - bound)) / n), 10);
        }
      }),
    );
  });

  it('is symmetric: k of n mirrors n - k of n', () => {
    const a = wilson(7, 25);
    const b = wilson(18, 25);
    expect(a.low).toBeCloseTo(1 - b.high!, 12);
    expect(a.high).toBeCloseTo(1 - b.low!, 12);
  });

  it('narrows as n grows and widens with z', () => {
    const small = wilson(3, 10);
    const large = wilson(300, 1000);
    expect(large.high! - large.low!).toBeLessThan(small.high! - small.low!);
    const wide = wilson(3, 10, Z_998);
    expect(wide.low!).toBeLessThan(small.low!);
    expect(wide.high!).toBeGreaterThan(small.high!);
  });

  it('rejects impossible input', () => {
    expect(() => wilson(11, 10)).toThrow(RangeError);
    expect(() => wilson(-1, 10)).toThrow(RangeError);
    expect(() => wilson(1.5, 10)).toThrow(RangeError);
    expect(() => wilson(1, -10)).toThrow(RangeError);
    expect(() => wilson(1, 10, 0)).toThrow(RangeError);
  });
});
