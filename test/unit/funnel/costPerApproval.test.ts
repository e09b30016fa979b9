import { describe, expect, it } from 'vitest';
import { costPerApproval } from '../../../src/lib/funnel/costPerApproval';
import { FEW_APPROVALS } from '../../../src/lib/thresholds';
import { poissonInterval } from '../../../src/lib/stats/poisson';

describe('costPerApproval', () => {
  it('is spend over approvals, with spend over the exact interval of the count', () => {
    const c = costPerApproval(18_600, 18)!;
    const ci = poissonInterval(18);
    expect(c.value).toBeCloseTo(18_600 / 18, 9);
    expect(c.low).toBeCloseTo(18_600 / ci.high, 9);
    expect(c.high).toBeCloseTo(18_600 / ci.low, 9);
    expect(c.low).toBeLessThan(c.value!);
    expect(c.high).toBeGreaterThan(c.value!);
    expect(c.tooFew).toBe(false);
  });

  it('flags few approvals and leaves the top open with none', () => {
    expect(costPerApproval(8_750, 1)!.tooFew).toBe(true);
    expect(costPerApproval(8_750, FEW_APPROVALS)!.tooFew).toBe(false);
    const none = costPerApproval(10_000, 0)!;
    expect(none.value).toBeNull();
    expect(none.high).toBeNull();
    expect(none.low).toBeCloseTo(10_000 / 3.688879, 2);
  });

  it('is null without spend', () => {
    expect(costPerApproval(null, 4)).toBeNull();
    expect(costPerApproval(0, 4)).toBeNull();
  });
});
