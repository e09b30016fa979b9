import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aalenJohansen, type Observation, type Outcome } from '../../../src/lib/stats/aalenJohansen';
import { effectiveSize, incidenceWithVariance } from '../../../src/lib/stats/incidenceVariance';
import { createRng } from '../../../scripts/sample/generate.mjs';

describe('incidenceWithVariance', () => {
  it('is the binomial variance p(1 - p)/n when every outcome is known', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 30 }), approved: fc.boolean() }), { minLength: 1, maxLength: 80 }),
        (rows) => {
          const obs: Observation[] = rows.map((r) => ({ time: r.time, event: r.approved ? 'approved' : 'left' }));
          const e = incidenceWithVariance(aalenJohansen(obs));
          const p = rows.filter((r) => r.approved).length / rows.length;
          expect(e.incidence).toBeCloseTo(p, 12);
          expect(e.variance).toBeCloseTo((p * (1 - p)) / rows.length, 12);
          if (p > 0 && p < 1) expect(effectiveSize(e, 0, rows.length)).toBeCloseTo(rows.length, 8);
        },
      ),
    );
  });

  it('matches a hand-worked case with censoring', () => {
    // t=1: 4 at risk, 1 approved; t=2: 1 censored; t=3: 2 at risk, 1 left; t=4: 1 at risk, 1 approved.
    // S: 3/4 after t=1, 3/8 after t=3, 0 after t=4. F: 1/4, then 1/4 + 3/8 = 5/8.
    // Terms S(j-1)^2 / n * [a^2 h1 + b^2 h2 - (a h1 + b h2)^2] with R = (F - F_j)/S_j, a = 1 - R, b = -R:
    // t=1: R = (3/8)/(3/4) = 1/2, h1 = 1/4: 1/4 * [1/4 * 1/4 - (1/8)^2] = 3/256
    // t=3: R = (3/8)/(3/8) = 1, h2 = 1/2: (9/16)/2 * [1/2 - 1/4] = 9/128
    // t=4: R = 0, h1 = 1: (9/64) * [1 - 1] = 0
    const curve = aalenJohansen([
      { time: 1, event: 'approved' }, { time: 2, event: 'censored' }, { time: 3, event: 'left' }, { time: 4, event: 'approved' },
    ]);
    const e = incidenceWithVariance(curve);
    expect(e.incidence).toBeCloseTo(5 / 8, 12);
    expect(e.variance).toBeCloseTo(3 / 256 + 9 / 128, 12);
    // Read at an earlier time, the estimate and its variance are those of that time.
    expect(incidenceWithVariance(curve, 2)).toEqual({ incidence: 1 / 4, variance: expect.closeTo((1 / 4) * (3 / 4) / 4, 12) });
    expect(incidenceWithVariance([], 10)).toEqual({ incidence: 0, variance: 0 });
  });

  it('agrees with the spread of the estimate over simulated censored samples', () => {
    // 120 people, approval chance 0.4; times exponential; a third censored at random times.
    const rnd = createRng(7);
    const estimates: number[] = [];
    const variances: number[] = [];
    for (let rep = 0; rep < 600; rep++) {
      const obs: Observation[] = [];
      for (let i = 0; i < 120; i++) {
        const time = Math.round(-50 * Math.log(1 - rnd()));
        const cens = Math.round(-100 * Math.log(1 - rnd()));
        const event: Outcome = rnd() < 0.4 ? 'approved' : 'left';
        obs.push(cens < time ? { time: cens, event: 'censored' } : { time, event });
      }
      const e = incidenceWithVariance(aalenJohansen(obs));
      estimates.push(e.incidence);
      variances.push(e.variance);
    }
    const m = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const empirical = estimates.reduce((a, b) => a + (b - m) ** 2, 0) / (estimates.length - 1);
    const predicted = variances.reduce((a, b) => a + b, 0) / variances.length;
    expect(m).toBeCloseTo(0.4, 1);
    // Within 15% (the empirical variance from 600 samples is itself uncertain by about 6%).
    expect(predicted / empirical).toBeGreaterThan(0.85);
    expect(predicted / empirical).toBeLessThan(1.15);
    // Censoring makes the estimate worth fewer than 120 decided people.
    expect(0.4 * 0.6 / predicted).toBeLessThan(120);
  });
});

describe('effectiveSize', () => {
  it('falls back when the share is 0 or 1, and never exceeds the cap', () => {
    expect(effectiveSize({ incidence: 0, variance: 0 }, 7, 10)).toBe(7);
    expect(effectiveSize({ incidence: 1, variance: 0 }, 12, 10)).toBe(10);
    expect(effectiveSize({ incidence: 0.5, variance: 0.25 / 20 }, 0, 100)).toBeCloseTo(20, 9);
    expect(effectiveSize({ incidence: 0.5, variance: 0.25 / 200 }, 0, 100)).toBe(100);
  });
});
