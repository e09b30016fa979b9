import { describe, expect, test } from 'vitest';
import { addMonths, comparisonWindows, latestAgainstPrevious, splitApprovalsChange } from '../../../src/lib/funnel/change';

describe('comparison windows', () => {
  test('with no date filter: the 12 months to the as-of date and the 12 before', () => {
    expect(comparisonWindows('2026-10-31', '2022-04-01')).toEqual({
      current: { from: '2025-11-01', to: '2026-10-31' }, previous: { from: '2024-11-01', to: '2025-10-31' }, days: 365, previousIncomplete: false,
    });
  });

  test('a financial-year filter compares with the year before (same number of days)', () => {
    const w = comparisonWindows('2026-10-31', '2022-04-01', { from: '2023-04-01', to: '2024-03-31' })!;
    expect(w.current).toEqual({ from: '2023-04-01', to: '2024-03-31' });
    expect(w.days).toBe(366);
    expect(w.previous).toEqual({ from: '2022-03-31', to: '2023-03-31' });
    expect(w.previousIncomplete).toBe(true); // the data start on 1 April 2022
  });

  test('a filter running past the as-of date ends at it; an empty range has no comparison', () => {
    expect(comparisonWindows('2026-10-31', '2022-04-01', { from: '2026-04-01', to: '2027-03-31' })!.current).toEqual({ from: '2026-04-01', to: '2026-10-31' });
    expect(comparisonWindows('2026-10-31', '2022-04-01', { from: '2027-01-01' })).toBeNull();
  });
});

describe('splitting a change in approvals', () => {
  test('the two parts add up to the change', () => {
    // 100 enquiries, 10 approvals -> 80 enquiries, 6 approvals: 20 fewer enquiries at 10% is 2; the other 2 is conversion.
    expect(splitApprovalsChange({ enquiries: 100, approvals: 10 }, { enquiries: 80, approvals: 6 })).toEqual({ change: -4, fromEnquiries: -2, fromConversion: -2 });
    const s = splitApprovalsChange({ enquiries: 812, approvals: 71 }, { enquiries: 790, approvals: 58 })!;
    expect(s.fromEnquiries + s.fromConversion).toBeCloseTo(-13);
    expect(splitApprovalsChange({ enquiries: 0, approvals: 0 }, { enquiries: 5, approvals: 1 })).toBeNull();
  });
});

describe('the latest period against the one before', () => {
  test('months shift keeping the day where the month has it', () => {
    expect(addMonths('2026-10-31', -12)).toBe('2025-10-31');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-01-15', -3)).toBe('2023-10-15');
  });

  test('a part year is compared with the same months of the year before', () => {
    expect(latestAgainstPrevious({ from: '2026-04-01', to: '2027-03-31' }, '2026-10-31', 'fy')).toEqual({
      current: { from: '2026-04-01', to: '2026-10-31' }, previous: { from: '2025-04-01', to: '2025-10-31' }, part: true,
    });
    expect(latestAgainstPrevious({ from: '2026-07-01', to: '2026-09-30' }, '2026-10-31', 'quarter')).toEqual({
      current: { from: '2026-07-01', to: '2026-09-30' }, previous: { from: '2026-04-01', to: '2026-06-30' }, part: false,
    });
  });
});
