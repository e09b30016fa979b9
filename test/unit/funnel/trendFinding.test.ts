import { describe, expect, test } from 'vitest';
import { trendFinding } from '../../../src/lib/funnel/trendFinding';
import type { WindowCounts } from '../../../src/lib/funnel/windowCounts';

const w = (enquiries: number, applications: number, approvals: number): WindowCounts => ({
  from: '2025-04-01', to: '2026-03-31', enquiries, applications, approvals, medianDaysToApproval: null, approvalsTimed: 0,
});

describe('the Trends finding', () => {
  test('small moves are within normal variation, never a change', () => {
    const t = trendFinding(w(820, 60, 30), w(800, 64, 33), '2025-26', '2024-25');
    expect(t).toBe('2025-26 against 2024-25: enquiries 820 against 800, applications 60 against 64 and approvals 30 against 33; no clear change in any (a difference this size could be chance).');
  });

  test('a change beyond chance is named with its interval, the biggest first', () => {
    const t = trendFinding(w(500, 60, 30), w(800, 64, 33), '2025-26', '2024-25');
    expect(t).toMatch(/^2025-26 against 2024-25: Enquiries received fell from 800 to 500 \(−38%; 95% interval −46% to −28%, allowing for the 3 measures\)\./);
    expect(t).toContain('Applications received and approvals made: no clear change.');
  });

  test('an earlier window still filling: only enquiries are compared, and it says why (a rise in approvals from 10 to 48 would be the data starting)', () => {
    const t = trendFinding(w(775, 88, 48), w(761, 51, 10), '2023-24', '2022-23', true, true);
    expect(t).toBe('2023-24 against 2022-23: enquiries 775 against 761; no clear change (a difference this size could be chance).'
      + ' Applications and approvals are not compared: some of those in 2022-23 came from enquiries made before the data begin, which the data don\'t hold.');
    expect(trendFinding(w(500, 0, 48), w(800, 0, 10), '2023-24', '2022-23', false, true)).toMatch(/^2023-24 against 2022-23: Enquiries received fell from 800 to 500 .*\. Approvals are not compared/);
  });

  test('a fall in approvals is split into fewer enquiries and fewer approvals per enquiry', () => {
    const t = trendFinding(w(700, 60, 20), w(800, 64, 60), '2025-26 (1 Apr to 31 Oct)', 'the same months of 2024-25', true);
    expect(t).toContain('Approvals made fell from 60 to 20');
    // 60 × (700/800 − 1) = −7.5 from enquiries; the other −32 (so the parts add up) from conversion.
    expect(t).toContain('Of the 40 fewer approvals, about 8 go with fewer enquiries in the same months and about 32 go with fewer approvals per enquiry: a split of the counts, not of causes');
  });

  test('measures compared together: a change is named only when it holds for all of them at once', () => {
    // 148 against 110 enquiries: a rise at 95% taken alone (interval +4% to +85%), not with three measures compared.
    const alone = trendFinding(w(148, 0, 0), w(110, 0, 0), 'now', 'before', false, true);
    expect(alone).toMatch(/^now against before: Enquiries received rose from 110 to 148 \(\+35%; 95% interval \+4% to \+7\d%\)\./);
    expect(trendFinding(w(148, 200, 100), w(110, 200, 100), 'now', 'before')).toMatch(/^now against before: enquiries 148 against 110, .*no clear change in any/);
  });

  test('windows of different lengths are compared per day, and say so', () => {
    // 31 days against 28: 62 against 56 enquiries is the same 2 a day.
    const t = trendFinding(w(62, 0, 0), w(56, 0, 0), '2026-03', '2026-02', false, true, [31, 28]);
    expect(t).toContain('no clear change');
    expect(t).toContain('Compared per day: 31 days against 28.');
    // 93 against 56 is 3 a day against 2: +50% per day, not the +66% of the counts.
    expect(trendFinding(w(93, 0, 0), w(56, 0, 0), '2026-03', '2026-02', false, true, [31, 28])).toMatch(/rose per day, from 56 in 28 days to 93 in 31 \(\+50% per day; 95% interval/);
    // Fewer a day though more in all: said with the days, not "fell from 3,000 to 3,050".
    expect(trendFinding(w(3050, 0, 0), w(3000, 0, 0), '2026-03', '2026-02', false, true, [31, 28])).toMatch(/fell per day, from 3,000 in 28 days to 3,050 in 31 \(−8% per day;/);
    // A leap day in a year is not worth a word.
    expect(trendFinding(w(3050, 0, 0), w(3000, 0, 0), '2024-25', '2023-24', false, true, [365, 366])).not.toContain('per day');
  });

  test('an interval from halving to doubling is too few to tell, and said so', () => {
    const t = trendFinding(w(820, 60, 3), w(800, 64, 9), '2025-26', '2024-25');
    expect(t).toContain('no clear change in any');
    expect(t).toMatch(/Too few to tell for approvals \(95% interval −\d+% to \+\d+%, allowing for the 3 measures\)\./);
  });
});

describe('the approvals split', () => {
  test('a part that rounds to nobody is not said, and no part is "-0"', () => {
    // Enquiries unchanged: all 30 fewer go with fewer approvals per enquiry.
    const t = trendFinding(w(800, 60, 10), w(800, 64, 40), 'now', 'before');
    expect(t).toContain('Of the 30 fewer approvals, all go with fewer approvals per enquiry:');
    expect(t).not.toMatch(/-0|about 0/);
  });
});
