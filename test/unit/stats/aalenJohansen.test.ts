import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  aalenJohansen,
  aalenJohansenCounts,
  incidenceAt,
  stateAt,
  type Observation,
  type Outcome,
} from '../../../src/lib/stats/aalenJohansen';

const obs = (time: number, event: Outcome): Observation => ({ time, event });

describe('aalenJohansen', () => {
  it('matches a worked example with ties, competing events and censoring', () => {
    // Worked by hand, S = survival from both events, F1 = approved, F2 = left:
    // t=2:  10 at risk, 1 approved     F1 = 1/10                 S = 9/10
    // t=3:  9 at risk, 1 left (1 censored after it)  F2 = 9/10 * 1/9 = 1/10   S = 8/10
    // t=5:  7 at risk, 2 approved (1 censored after)  F1 += 8/10 * 2/7   S = 4/7
    // t=8:  4 at risk, 1 left          F2 += 4/7 * 1/4 = 1/7     S = 3/7
    // t=9:  censored
    // t=12: 2 at risk, 1 approved      F1 += 3/7 * 1/2 = 3/14    S = 3/14
    // Totals: F1 = 38/70, F2 = 17/70, S = 15/70, adding to 1.
    const curve = aalenJohansen([
      obs(2, 'approved'),
      obs(3, 'left'),
      obs(3, 'censored'),
      obs(5, 'censored'),
      obs(5, 'approved'),
      obs(5, 'approved'),
      obs(8, 'left'),
      obs(9, 'censored'),
      obs(12, 'approved'),
      obs(15, 'censored'),
    ]);
    expect(curve.map((p) => [p.time, p.atRisk, p.events, p.competingEvents])).toEqual([
      [2, 10, 1, 0],
      [3, 9, 0, 1],
      [5, 7, 2, 0],
      [8, 4, 0, 1],
      [12, 2, 1, 0],
    ]);
    const expected = [
      [7 / 70, 0, 63 / 70],
      [7 / 70, 7 / 70, 56 / 70],
      [23 / 70, 7 / 70, 40 / 70],
      [23 / 70, 17 / 70, 30 / 70],
      [38 / 70, 17 / 70, 15 / 70],
    ];
    curve.forEach((point, i) => {
      expect(point.cumulativeIncidence).toBeCloseTo(expected[i][0], 12);
      expect(point.competingIncidence).toBeCloseTo(expected[i][1], 12);
      expect(point.survival).toBeCloseTo(expected[i][2], 12);
    });
  });

  it('equals the empirical CDF with no competing events and no censoring', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 60 }), (times) => {
        const curve = aalenJohansen(times.map((t) => obs(t, 'approved')));
        for (let t = -1; t <= 51; t++) {
          const ecdf = times.filter((time) => time <= t).length / times.length;
          expect(incidenceAt(curve, t)).toBeCloseTo(ecdf, 12);
        }
      }),
    );
  });

  it('counts each outcome as its share of everyone when nobody is censored', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 30 }), event: fc.constantFrom<Outcome>('approved', 'left') }), {
          minLength: 1,
        }),
        (data) => {
          const curve = aalenJohansen(data);
          for (let t = 0; t <= 30; t += 3) {
            const state = stateAt(curve, t);
            const share = (event: Outcome) => data.filter((d) => d.event === event && d.time <= t).length / data.length;
            expect(state.cumulativeIncidence).toBeCloseTo(share('approved'), 12);
            expect(state.competingIncidence).toBeCloseTo(share('left'), 12);
          }
        },
      ),
    );
  });

  it('equals 1 - Kaplan-Meier with only censoring (Freireich 6-MP leukaemia data)', () => {
    // Remission times in weeks, 6-MP group (Gehan 1965); '+' = censored. Published
    // Kaplan-Meier estimates (e.g. Kleinbaum & Klein, Survival Analysis, table 2.1).
    const events = [6, 6, 6, 7, 10, 13, 16, 22, 23];
    const censored = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35];
    const curve = aalenJohansen([
      ...events.map((t) => obs(t, 'approved')),
      ...censored.map((t) => obs(t, 'censored')),
    ]);
    const km: [number, number, number][] = [
      [6, 21, 0.8571],
      [7, 17, 0.8067],
      [10, 15, 0.7529],
      [13, 12, 0.6902],
      [16, 11, 0.6275],
      [22, 7, 0.5378],
      [23, 6, 0.4482],
    ];
    expect(curve.map((p) => [p.time, p.atRisk])).toEqual(km.map(([t, n]) => [t, n]));
    curve.forEach((point, i) => {
      expect(1 - point.cumulativeIncidence).toBeCloseTo(km[i][2], 4);
      expect(point.survival).toBeCloseTo(1 - point.cumulativeIncidence, 12);
      expect(point.competingIncidence).toBe(0);
    });
    expect(incidenceAt(curve, 35)).toBeCloseTo(1 - 0.4482, 4);
  });

  it('treats censorings tied with events as still at risk at that time', () => {
    const curve = aalenJohansen([obs(5, 'censored'), obs(5, 'approved'), obs(9, 'approved')]);
    expect(curve[0]).toMatchObject({ time: 5, atRisk: 3, events: 1 });
    expect(curve[0].cumulativeIncidence).toBeCloseTo(1 / 3, 12);
    // The censored person leaves after time 5, so only one is at risk at 9.
    expect(curve[1]).toMatchObject({ time: 9, atRisk: 1, events: 1 });
    expect(curve[1].cumulativeIncidence).toBeCloseTo(1, 12);
  });

  it('gives an empty curve for no data or only censored data', () => {
    expect(aalenJohansen([])).toEqual([]);
    expect(aalenJohansen([obs(3, 'censored'), obs(4, 'censored')])).toEqual([]);
    expect(incidenceAt([], 100)).toBe(0);
  });

  it('does not reorder its input', () => {
    const data = [obs(9, 'approved'), obs(1, 'left')];
    aalenJohansen(data);
    expect(data[0].time).toBe(9);
  });

  it('rejects negative or non-finite times and unknown events', () => {
    expect(() => aalenJohansen([obs(-1, 'approved')])).toThrow(RangeError);
    expect(() => aalenJohansen([obs(Number.NaN, 'approved')])).toThrow(RangeError);
    expect(() => aalenJohansen([{ time: 1, event: 'withdrawn' as Outcome }])).toThrow(RangeError);
  });

  it('keeps approved + left + still in process = 1 at every time, and all curves monotone', () => {
    const observation = fc.record({
      time: fc.integer({ min: 0, max: 400 }),
      event: fc.constantFrom<Outcome>('approved', 'left', 'censored'),
    });
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 120 }), fc.array(fc.double({ min: -10, max: 500, noNaN: true })), (data, probes) => {
        const curve = aalenJohansen(data);
        const times = [...curve.map((p) => p.time), ...probes];
        for (const t of times) {
          const s = stateAt(curve, t);
          expect(s.cumulativeIncidence + s.competingIncidence + s.survival).toBeCloseTo(1, 12);
        }
        for (let i = 1; i < curve.length; i++) {
          expect(curve[i].time).toBeGreaterThan(curve[i - 1].time);
          expect(curve[i].cumulativeIncidence).toBeGreaterThanOrEqual(curve[i - 1].cumulativeIncidence);
          expect(curve[i].competingIncidence).toBeGreaterThanOrEqual(curve[i - 1].competingIncidence);
          expect(curve[i].survival).toBeLessThanOrEqual(curve[i - 1].survival);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('incidenceAt / stateAt', () => {
  const curve = aalenJohansen([obs(10, 'approved'), obs(20, 'left'), obs(30, 'approved'), obs(40, 'censored')]);

  it('is 0 before the first event and holds between events (right-continuous)', () => {
    expect(incidenceAt(curve, 0)).toBe(0);
    expect(incidenceAt(curve, 9.99)).toBe(0);
    expect(incidenceAt(curve, 10)).toBeCloseTo(0.25, 12);
    expect(incidenceAt(curve, 29)).toBeCloseTo(0.25, 12);
    expect(incidenceAt(curve, 30)).toBeCloseTo(0.5, 12);
    expect(incidenceAt(curve, 1e9)).toBeCloseTo(0.5, 12);
  });

  it('reports the competing incidence and survival too', () => {
    expect(stateAt(curve, 5)).toEqual({ cumulativeIncidence: 0, competingIncidence: 0, survival: 1 });
    const at25 = stateAt(curve, 25);
    expect(at25.competingIncidence).toBeCloseTo(0.25, 12);
    expect(at25.survival).toBeCloseTo(0.5, 12);
  });
});

describe('aalenJohansenCounts', () => {
  it('counts per time give the same curve as the records they tally', () => {
    const records = [
      { time: 5, event: 'approved' as const }, { time: 5, event: 'left' as const }, { time: 5, event: 'censored' as const },
      { time: 9, event: 'approved' as const }, { time: 12, event: 'censored' as const }, { time: 20, event: 'left' as const },
    ];
    const counts = [
      { time: 20, approved: 0, left: 1, censored: 0 }, { time: 5, approved: 1, left: 1, censored: 1 },
      { time: 9, approved: 1, left: 0, censored: 0 }, { time: 12, approved: 0, left: 0, censored: 1 },
    ];
    expect(aalenJohansenCounts(counts)).toEqual(aalenJohansen(records));
  });
  it('rejects negative or fractional counts', () => {
    expect(() => aalenJohansenCounts([{ time: 1, approved: -1, left: 0, censored: 0 }])).toThrow(RangeError);
    expect(() => aalenJohansenCounts([{ time: 1, approved: 0.5, left: 0, censored: 0 }])).toThrow(RangeError);
  });
});
