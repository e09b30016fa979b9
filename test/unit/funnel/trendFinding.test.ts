import { describe, expect, test } from 'vitest';
import { trendFinding } from '../../../src/lib/funnel/trendFinding';
import type { WindowCounts } from '../../../src/lib/funnel/windowCounts';

const w = (enquiries: number, applications: number, approvals: number): WindowCounts => ({
  from: '2025-04-01', to: '2026-03-31', enquiries, applications, approvals, medianDaysToApproval: null, approvalsTimed: 0,
});

describe('the Trends finding', () => {
  test('small moves are within normal variation, never a change', () => {
    const t = trendFinding(w(820, 60, 30), w(800, 64, 33), '2025-26', '2024-25');
    expect(t).toBe('2025-26 against 2024-25: enquiries 820 against 800, applications 60 against 64 and approvals 30 against 33; all within normal variation (no change beyond what chance gives).');
  });

  test('a change beyond chance is named with its interval, the biggest first', () => {
    const t = trendFinding(w(500, 60, 30), w(800, 64, 33), '2025-26', '2024-25');
    expect(t).toMatch(/^2025-26 against 2024-25: Enquiries received fell from 800 to 500 \(−38%; 95% interval −44% to −30%\)\./);
    expect(t).toContain('Applications received and approvals made: within normal variation.');
  });

  test('an earlier window still filling: only enquiries are compared, and it says why (a rise in approvals from 10 to 48 would be the data starting)', () => {
    const t = trendFinding(w(775, 88, 48), w(761, 51, 10), '2023-24', '2022-23', true, true);
    expect(t).toBe('2023-24 against 2022-23: enquiries 775 against 761; within normal variation (no change beyond what chance gives).'
      + ' Applications and approvals are not compared: some of those in 2022-23 came from enquiries made before the data begin, which the data don\'t hold.');
    expect(trendFinding(w(500, 0, 48), w(800, 0, 10), '2023-24', '2022-23', false, true)).toMatch(/^2023-24 against 2022-23: Enquiries received fell from 800 to 500 .*\. Approvals are not compared/);
  });

  test('a fall in approvals is split into fewer enquiries and fewer approvals per enquiry', () => {
    const t = trendFinding(w(700, 60, 20), w(800, 64, 60), '2025-26 (1 Apr to 31 Oct)', 'the same months of 2024-25', true);
    expect(t).toContain('Approvals made fell from 60 to 20');
    // 60 × (700/800 − 1) = −7.5 from enquiries; the other −32 (so the parts add up) from conversion.
    expect(t).toContain('Of the 40 fewer approvals, about 8 come from fewer enquiries and 32 from fewer approvals per enquiry.');
  });
});
