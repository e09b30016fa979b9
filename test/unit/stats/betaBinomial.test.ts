import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  betaBinomial,
  betaBinomialSum,
  convolve,
  mean,
  quantile,
  zero,
  type WholeNumberDistribution,
} from '../../../src/lib/stats/betaBinomial';
import { logChoose, logGamma } from '../../../src/lib/stats/logGamma';
import { createRng } from '../../../scripts/sample/generate.mjs';

/** P(X = x), 0 outside the stored range. */
const at = (d: WholeNumberDistribution, x: number) => d.probs[x - d.offset] ?? 0;
const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

describe('betaBinomial', () => {
  it('matches hand-worked small cases', () => {
    // One trial: the chance is the Beta mean.
    const one = betaBinomial(1, 2, 3);
    expect(at(one, 0)).toBeCloseTo(3 / 5, 14);
    expect(at(one, 1)).toBeCloseTo(2 / 5, 14);
    // Beta(1, 1) is uniform, so every count from 0 to n is equally likely.
    const flat = betaBinomial(4, 1, 1);
    for (let k = 0; k <= 4; k++) expect(at(flat, k)).toBeCloseTo(1 / 5, 14);
    // Jeffreys prior, two trials: B(0.5, 2.5)/B(0.5, 0.5) = 3/8, 2 B(1.5, 1.5)/pi = 1/4.
    const jeffreys = betaBinomial(2, 0.5, 0.5);
    expect([0, 1, 2].map((k) => at(jeffreys, k))).toEqual([expect.closeTo(3 / 8, 14), expect.closeTo(1 / 4, 14), expect.closeTo(3 / 8, 14)]);
    // No trials: certainly 0.
    expect(betaBinomial(0, 3, 4)).toEqual(zero());
  });

  it('agrees with the closed form C(n,k) B(k+a, n-k+b) / B(a, b)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0.2, max: 200, noNaN: true }),
        fc.double({ min: 0.2, max: 200, noNaN: true }),
        (n, a, b) => {
          const d = betaBinomial(n, a, b);
          for (let k = d.offset; k < d.offset + d.probs.length; k += Math.max(1, Math.floor(d.probs.length / 7))) {
            const exact = Math.exp(logChoose(n, k) + logBeta(k + a, n - k + b) - logBeta(a, b));
            expect(Math.abs(at(d, k) - exact)).toBeLessThan(1e-9 * Math.max(1, exact * 1e3));
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('has the Beta-Binomial mean and variance, and stays cheap for large n', () => {
    const [n, a, b] = [50_000, 300.5, 2700.5];
    const d = betaBinomial(n, a, b);
    const m = mean(d);
    const v = d.probs.reduce((acc, p, i) => acc + p * (d.offset + i - m) ** 2, 0);
    expect(m).toBeCloseTo((n * a) / (a + b), 6);
    expect(v / ((n * a * b * (a + b + n)) / ((a + b) ** 2 * (a + b + 1)))).toBeCloseTo(1, 6);
    // Trimmed to where the probability is: far fewer than 50,001 values.
    expect(d.probs.length).toBeLessThan(5000);
    expect(d.probs.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });

  it('rejects impossible parameters', () => {
    expect(() => betaBinomial(-1, 1, 1)).toThrow(RangeError);
    expect(() => betaBinomial(2.5, 1, 1)).toThrow(RangeError);
    expect(() => betaBinomial(3, 0, 1)).toThrow(RangeError);
    expect(() => betaBinomial(3, 1, Infinity)).toThrow(RangeError);
  });
});

describe('convolve and quantile', () => {
  it('adds independent counts: a hand-worked case', () => {
    // X in {0, 1} with 1/2 each, Y uniform on {0, 1, 2}: X + Y has 1/6, 1/3, 1/3, 1/6.
    const sum = convolve(betaBinomial(1, 1, 1), betaBinomial(2, 1, 1));
    expect(sum.offset).toBe(0);
    expect(sum.probs.map((p) => p * 6)).toEqual([1, 2, 2, 1].map((x) => expect.closeTo(x, 12)));
    // Cumulative 1/6, 1/2, 5/6, 1.
    expect([0.025, 0.1667, 0.5, 0.8, 0.9, 0.975].map((q) => quantile(sum, q))).toEqual([0, 1, 1, 2, 3, 3]);
    expect(mean(sum)).toBeCloseTo(1.5, 12);
    expect(convolve(zero(), sum)).toEqual(sum);
  });

  it('keeps offsets: a sum of shifted distributions', () => {
    const shifted: WholeNumberDistribution = { offset: 10, probs: [0.25, 0.75] };
    const d = convolve(shifted, { offset: 3, probs: [0.5, 0.5] });
    expect(d.offset).toBe(13);
    expect(d.probs).toEqual([0.125, 0.5, 0.375]);
    expect(() => quantile(d, 1)).toThrow(RangeError);
  });
});

describe('betaBinomialSum', () => {
  it('matches a hand-worked total: mean and 95% interval', () => {
    // Group 1: 1 trial with Beta(1, 1); group 2: 2 trials with Beta(1, 1) (see the convolution above).
    const r = betaBinomialSum([{ trials: 1, alpha: 1, beta: 1 }, { trials: 2, alpha: 1, beta: 1 }, { trials: 0, alpha: 5, beta: 5 }]);
    expect(r.mean).toBeCloseTo(1.5, 12);
    expect([r.low, r.high]).toEqual([0, 3]);
    expect(betaBinomialSum([])).toMatchObject({ mean: 0, low: 0, high: 0 });
  });

  it('quantiles bracket the mean (to the nearest whole number) and the interval widens with the level', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ trials: fc.integer({ min: 0, max: 60 }), alpha: fc.double({ min: 0.5, max: 80, noNaN: true }), beta: fc.double({ min: 0.5, max: 80, noNaN: true }) }),
          { minLength: 1, maxLength: 6 },
        ),
        (groups) => {
          const r = betaBinomialSum(groups);
          const total = groups.reduce((a, g) => a + g.trials, 0);
          expect(Number.isInteger(r.low) && Number.isInteger(r.high)).toBe(true);
          expect(r.low).toBeGreaterThanOrEqual(0);
          expect(r.high).toBeLessThanOrEqual(total);
          // A count's mean can sit just outside a whole-number interval (one trial at chance 0.98: mean 0.98,
          // interval 1 to 1), but the mean to the nearest whole number, as shown, is always inside.
          expect(r.low).toBeLessThanOrEqual(Math.round(r.mean));
          expect(r.high).toBeGreaterThanOrEqual(Math.round(r.mean));
          expect(r.low).toBeLessThan(r.mean + 1);
          expect(r.high).toBeGreaterThan(r.mean - 1);
          expect(mean(r.distribution)).toBeCloseTo(r.mean, 6);
          const wide = betaBinomialSum(groups, 0.99);
          expect(wide.low).toBeLessThanOrEqual(r.low);
          expect(wide.high).toBeGreaterThanOrEqual(r.high);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agrees with a seeded simulation of the two-level draw', () => {
    // Draw each group's chance from its Beta, then its count; compare the 2.5% and 97.5% points.
    const groups = [{ trials: 12, alpha: 2.5, beta: 20.5 }, { trials: 5, alpha: 6.5, beta: 3.5 }];
    const rnd = createRng(11);
    const gamma = (shape: number): number => {
      // Marsaglia-Tsang (shape >= 1); boosted for shape < 1.
      if (shape < 1) return gamma(shape + 1) * Math.pow(rnd(), 1 / shape);
      const d = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        const x = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
        const v = (1 + c * x) ** 3;
        if (v > 0 && Math.log(1 - rnd()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
      }
    };
    const draws = 40_000;
    const counts = new Array<number>(18).fill(0);
    for (let i = 0; i < draws; i++) {
      let total = 0;
      for (const g of groups) {
        const x = gamma(g.alpha);
        const p = x / (x + gamma(g.beta));
        for (let t = 0; t < g.trials; t++) if (rnd() < p) total++;
      }
      counts[total]++;
    }
    const exact = betaBinomialSum(groups).distribution;
    for (let k = 0; k < counts.length; k++) {
      // Each simulated share within 4 standard errors of the exact probability.
      const p = at(exact, k);
      expect(Math.abs(counts[k] / draws - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / draws) + 1e-4);
    }
  });
});
