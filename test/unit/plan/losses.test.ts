import { describe, expect, test } from 'vitest';
import { expectedLosses, grossTarget } from '../../../src/lib/plan/losses';

/**
 * Ten households followed from approval: 2 leave on day 100, 8 still fostering at 400 days.
 * Kaplan-Meier: S = 1 before day 100, 0.8 from day 100 on (followed to day 400).
 * Beyond day 400 it is carried on at the average rate of leaving: 2 deregistrations
 * in 2 × 100 + 8 × 400 = 3,400 days fostering, r = 2 / 3400 a day: S(t) = 0.8 e^(−r (t − 400)).
 * Fostering now: 4 at 50 days since approval, 6 at 200 days.
 * Over the next 365 days:
 *   the 4 at day 50: 1 − S(415)/S(50) = 1 − 0.8 e^(−15 r) each
 *   the 6 at day 200: 1 − S(565)/S(200) = 1 − e^(−165 r) each
 * New households approved evenly over 365 days: 1 − S(s) is 0 for s < 100 and 0.2 from day 100:
 *   (265 × 0.2) / 365 = 0.14521.
 */
describe('expected losses of carers', () => {
  const inputs = {
    survival: [{ time: 100, events: 2, censored: 0 }, { time: 400, events: 0, censored: 8 }],
    fostering: [{ days: 50, n: 4 }, { days: 200, n: 6 }],
  };
  test('by hand', () => {
    const l = expectedLosses(inputs, 365);
    expect(l.households).toBe(10);
    expect(l.followed).toBe(10);
    const r = 2 / 3400;
    const existing = 4 * (1 - 0.8 * Math.exp(-15 * r)) + 6 * (1 - Math.exp(-165 * r));
    expect(l.ratePerDay).toBeCloseTo(r, 15);
    expect(l.followedDays).toBe(400);
    expect(l.existing).toBeCloseTo(existing, 12);
    expect(l.newShare).toBeCloseTo((265 * 0.2) / 365, 12);
    expect(grossTarget(10, l)).toBeCloseTo((10 + existing) / (1 - (265 * 0.2) / 365), 9);
  });

  test('carers approved longer ago than the follow-up still leave, at the followed households\' rate', () => {
    // Held level beyond the follow-up, the 6 long-serving households (day 2,000) would never leave.
    const l = expectedLosses({ ...inputs, fostering: [{ days: 2000, n: 6 }] }, 365);
    expect(l.existing).toBeCloseTo(6 * (1 - Math.exp(-365 * (2 / 3400))), 12);
    expect(l.existing).toBeGreaterThan(1);
  });
  test('nobody leaving leaves the target as it is; a longer window loses more', () => {
    const none = expectedLosses({ survival: [{ time: 400, events: 0, censored: 5 }], fostering: [{ days: 10, n: 5 }] }, 365);
    expect(none.existing).toBe(0);
    expect(grossTarget(7, none)).toBe(7);
    expect(expectedLosses(inputs, 730).newShare).toBeGreaterThan(expectedLosses(inputs, 365).newShare);
  });
});
