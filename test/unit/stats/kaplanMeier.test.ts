import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { curveWhileFollowed, kaplanMeier, kaplanMeierCounts, medianSurvival, survivalAt } from '../../../src/lib/stats/kaplanMeier';
import { referenceSurvival } from '../../reference/kaplanMeier';

// Freireich et al. (1963) leukaemia remission times, 6-MP arm (the `gehan` data in R's MASS); * = censored.
const TIMES = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35];
const CENSORED = new Set([3, 5, 7, 8, 11, 12, 13, 16, 17, 18, 19, 20]); // indexes of 6*, 9*, 10*, 11*, 17*, 19*, 20*, 25*, 32*, 32*, 34*, 35*
const ENDED = TIMES.map((_, i) => !CENSORED.has(i));

describe('kaplanMeier against R survival::survfit (6-MP arm of the Freireich data)', () => {
  // summary(survfit(Surv(time, cens) ~ 1, data = subset(gehan, treat == "6-MP"), conf.type = "log-log"))
  const R = [
    { time: 6, atRisk: 21, events: 3, survival: 0.857, se: 0.0764, low: 0.620, high: 0.952 },
    { time: 7, atRisk: 17, events: 1, survival: 0.807, se: 0.0869, low: 0.563, high: 0.923 },
    { time: 10, atRisk: 15, events: 1, survival: 0.753, se: 0.0963, low: 0.503, high: 0.889 },
    { time: 13, atRisk: 12, events: 1, survival: 0.690, se: 0.1068, low: 0.432, high: 0.849 },
    { time: 16, atRisk: 11, events: 1, survival: 0.627, se: 0.1141, low: 0.368, high: 0.805 },
    { time: 22, atRisk: 7, events: 1, survival: 0.538, se: 0.1282, low: 0.268, high: 0.747 },
    { time: 23, atRisk: 6, events: 1, survival: 0.448, se: 0.1346, low: 0.188, high: 0.680 },
  ];
  const curve = kaplanMeier(TIMES, ENDED);

  it('gives the published estimates, Greenwood standard errors and numbers at risk', () => {
    expect(curve.n).toBe(21);
    expect(curve.steps.map((s) => s.time)).toEqual(R.map((r) => r.time));
    curve.steps.forEach((s, i) => {
      expect(s.atRisk, `n.risk at ${s.time}`).toBe(R[i].atRisk);
      expect(s.events, `n.event at ${s.time}`).toBe(R[i].events);
      expect(Math.abs(s.survival - R[i].survival), `survival at ${s.time}`).toBeLessThan(0.0005 + 1e-9);
      expect(Math.abs(s.se - R[i].se), `std.err at ${s.time}`).toBeLessThan(0.00005 + 1e-9);
    });
  });

  it('gives the published log(-log) 95% intervals', () => {
    curve.steps.forEach((s, i) => {
      expect(Math.abs(s.low! - R[i].low), `lower at ${s.time}`).toBeLessThan(0.0005 + 1e-9);
      expect(Math.abs(s.high! - R[i].high), `upper at ${s.time}`).toBeLessThan(0.0005 + 1e-9);
    });
  });

  it('reads the curve at any time, with the number still followed', () => {
    expect(survivalAt(curve, 0)).toEqual({ time: 0, survival: 1, se: 0, low: null, high: null, atRisk: 21 });
    expect(survivalAt(curve, 12)).toMatchObject({ atRisk: 12 });
    expect(survivalAt(curve, 12)!.survival).toBeCloseTo(0.753, 3);
    expect(survivalAt(curve, 35)).toMatchObject({ atRisk: 1 });
    expect(survivalAt(curve, 36)).toBeNull(); // nobody followed that long
    expect(medianSurvival(curve)).toBe(23); // R: median 23
  });

  it('counts and individual times give the same curve', () => {
    const counts = TIMES.map((time, i) => ({ time, events: ENDED[i] ? 1 : 0, censored: ENDED[i] ? 0 : 1 }));
    expect(kaplanMeierCounts(counts)).toEqual(curve);
  });
});

describe('kaplanMeier edge cases', () => {
  it('no events: survival stays 1 and nothing steps', () => {
    const c = kaplanMeier([5, 10], [false, false]);
    expect(c.steps).toEqual([]);
    expect(survivalAt(c, 7)).toEqual({ time: 7, survival: 1, se: 0, low: null, high: null, atRisk: 1 });
  });
  it('everyone ends: survival reaches 0 with no interval', () => {
    const c = kaplanMeier([1, 2], [true, true]);
    expect(c.steps.map((s) => s.survival)).toEqual([0.5, 0]);
    expect(c.steps[1]).toMatchObject({ se: 0, low: null, high: null });
    expect(medianSurvival(c)).toBe(1);
  });
  it('empty input and bad counts', () => {
    expect(kaplanMeier([], [])).toEqual({ n: 0, steps: [], exits: [] });
    expect(() => kaplanMeierCounts([{ time: -1, events: 1, censored: 0 }])).toThrow(RangeError);
    expect(() => kaplanMeierCounts([{ time: 1, events: 0.5, censored: 0 }])).toThrow(RangeError);
    expect(() => kaplanMeier([1], [])).toThrow(RangeError);
  });
});

describe('kaplanMeier against an independent reference (property)', () => {
  const data = fc.array(fc.record({ time: fc.integer({ min: 0, max: 40 }), ended: fc.boolean() }), { minLength: 1, maxLength: 60 });
  it('survival, standard error and numbers at risk agree at every time', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 0, max: 45 }), (obs, t) => {
        const curve = kaplanMeier(obs.map((o) => o.time), obs.map((o) => o.ended));
        const ref = referenceSurvival(obs, t);
        const at = survivalAt(curve, t);
        if (ref.atRisk === 0) return at === null;
        expect(at).not.toBeNull();
        expect(at!.atRisk).toBe(ref.atRisk);
        expect(at!.survival).toBeCloseTo(ref.survival, 12);
        expect(at!.se).toBeCloseTo(ref.se, 12);
        return true;
      }),
      { numRuns: 400, seed: 20231 },
    );
  });
  it('survival never rises, and the interval holds the estimate inside [0, 1]', () => {
    fc.assert(
      fc.property(data, (obs) => {
        const curve = kaplanMeier(obs.map((o) => o.time), obs.map((o) => o.ended));
        let last = 1;
        for (const s of curve.steps) {
          expect(s.survival).toBeLessThanOrEqual(last + 1e-15);
          last = s.survival;
          if (s.low !== null && s.high !== null) {
            expect(s.low).toBeGreaterThanOrEqual(0);
            expect(s.high).toBeLessThanOrEqual(1);
            expect(s.low).toBeLessThanOrEqual(s.survival + 1e-12);
            expect(s.high).toBeGreaterThanOrEqual(s.survival - 1e-12);
          }
        }
        return true;
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('curveWhileFollowed', () => {
  it('keeps the steps taken while enough were followed, and stops when fewer are', () => {
    // 12 households: events at 10, 20 (two), 30; censored at 15 (six), 40, 50.
    const times = [10, 15, 15, 15, 15, 15, 15, 20, 20, 30, 40, 50];
    const ended = [true, false, false, false, false, false, false, true, true, true, false, false];
    const c = kaplanMeier(times, ended);
    // Followed: 12 until 10, 11 until 15, 5 after 15: below 10 from 15 on.
    const { steps, until } = curveWhileFollowed(c, 10);
    expect(until).toBe(15);
    expect(steps.map((s) => s.time)).toEqual([10]);
    // With a lower floor the whole curve stays.
    expect(curveWhileFollowed(c, 2)).toEqual({ steps: c.steps.filter((s) => s.time <= 40), until: 40 });
    expect(curveWhileFollowed(c, 1)).toEqual({ steps: c.steps, until: 50 });
    // Fewer than the floor from the start: nothing to draw.
    expect(curveWhileFollowed(kaplanMeier([1, 2], [true, true]), 10)).toEqual({ steps: [], until: 0 });
  });
});

