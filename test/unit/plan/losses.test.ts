import { describe, expect, test } from 'vitest';
import { expectedLosses, grossTarget } from '../../../src/lib/plan/losses';

/**
 * Ten households followed from approval: 2 leave on day 100, 8 still fostering at 400 days.
 * Kaplan-Meier: S = 1 before day 100, 0.8 from day 100 on (followed to day 400).
 * Fostering now: 4 at 50 days since approval, 6 at 200 days.
 * Over the next 365 days:
 *   the 4 at day 50 pass day 100: chance 1 − S(415)/S(50); S(415) is past the follow-up, held at 0.8: 1 − 0.8 = 0.2 each -> 0.8
 *   the 6 at day 200: 1 − 0.8/0.8 = 0 -> 0
 * New households approved evenly over 365 days: 1 − S(s) is 0 for s < 100 and 0.2 from day 100:
 *   (265 × 0.2) / 365 = 0.14521.
 * A net target of 10: (10 + 0.8) / (1 − 0.14521) = 12.635 approvals.
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
    expect(l.existing).toBeCloseTo(0.8, 12);
    expect(l.newShare).toBeCloseTo((265 * 0.2) / 365, 12);
    expect(grossTarget(10, l)).toBeCloseTo(10.8 / (1 - (265 * 0.2) / 365), 9);
    expect(grossTarget(10, l)).toBeCloseTo(12.635, 3);
  });
  test('nobody leaving leaves the target as it is; a longer window loses more', () => {
    const none = expectedLosses({ survival: [{ time: 400, events: 0, censored: 5 }], fostering: [{ days: 10, n: 5 }] }, 365);
    expect(none.existing).toBe(0);
    expect(grossTarget(7, none)).toBe(7);
    expect(expectedLosses(inputs, 730).newShare).toBeGreaterThan(expectedLosses(inputs, 365).newShare);
  });
});
