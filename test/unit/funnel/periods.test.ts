import { describe, expect, test } from 'vitest';
import { financialYear, financialYearRange, financialYears, isFillingPeriod, isPartPeriod, periodLabel, periodRange, tooEarlyFor } from '../../../src/lib/funnel/periods';

describe('financial years (April to March, "2023-24")', () => {
  test('the year a date falls in', () => {
    expect(financialYear('2024-03-31')).toBe('2023-24');
    expect(financialYear('2024-04-01')).toBe('2024-25');
    expect(financialYear('2024-01-15')).toBe('2023-24');
    expect(financialYear('2023-12-31')).toBe('2023-24');
    expect(financialYear('1999-04-01')).toBe('1999-00');
    expect(financialYear('2000-02-29')).toBe('1999-00');
    expect(financialYear('2009-05-01')).toBe('2009-10');
  });

  test('first and last day of a year', () => {
    expect(financialYearRange('2023-24')).toEqual({ from: '2023-04-01', to: '2024-03-31' });
    expect(financialYearRange('1999-00')).toEqual({ from: '1999-04-01', to: '2000-03-31' });
    for (const label of ['2021-22', '2022-23', '2023-24']) {
      const { from, to } = financialYearRange(label);
      expect(financialYear(from)).toBe(label);
      expect(financialYear(to)).toBe(label);
    }
  });

  test('the years covering a range, oldest first', () => {
    expect(financialYears('2023-03-01', '2024-05-01')).toEqual(['2022-23', '2023-24', '2024-25']);
    expect(financialYears('2023-04-01', '2024-03-31')).toEqual(['2023-24']);
    expect(financialYears('2023-04-01', '2023-04-01')).toEqual(['2023-24']);
    expect(financialYears('2024-05-01', '2023-05-01')).toEqual([]);
  });
});

describe('period ranges and part periods', () => {
  test('first and last day of a month, financial quarter and year', () => {
    expect(periodRange('2024-02', 'month')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('2023-12', 'month')).toEqual({ from: '2023-12-01', to: '2023-12-31' });
    expect(periodRange('2023-24 Q1', 'quarter')).toEqual({ from: '2023-04-01', to: '2023-06-30' });
    expect(periodRange('2023-24 Q3', 'quarter')).toEqual({ from: '2023-10-01', to: '2023-12-31' });
    expect(periodRange('2023-24 Q4', 'quarter')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(periodRange('2026-27', 'fy')).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });

  test('a period starting within a year of the first enquiry has its pipeline still filling', () => {
    // Enquiries from 1 Apr 2022: 2022-23's approvals would partly come from enquiries before then.
    expect(isFillingPeriod('2022-23', 'fy', '2022-04-01')).toBe(true);
    expect(isFillingPeriod('2023-24', 'fy', '2022-04-01')).toBe(false);
    expect(isFillingPeriod('2023-03', 'month', '2022-04-01')).toBe(true);
    expect(isFillingPeriod('2023-04', 'month', '2022-04-01')).toBe(false);
    expect(isFillingPeriod('2023-24', 'fy', '2022-09-01')).toBe(true);
  });

  test('a period is part-covered when the data start after it starts or end before it ends', () => {
    const covered = { from: '2022-04-01', to: '2026-10-31' };
    expect(isPartPeriod('2026-27', 'fy', covered)).toBe(true); // April to October only
    expect(isPartPeriod('2025-26', 'fy', covered)).toBe(false);
    expect(isPartPeriod('2022-23', 'fy', covered)).toBe(false);
    expect(isPartPeriod('2022-23', 'fy', { from: '2022-05-03', to: '2026-10-31' })).toBe(true);
    expect(isPartPeriod('2026-10', 'month', covered)).toBe(false);
    expect(isPartPeriod('2026-27 Q3', 'quarter', covered)).toBe(true);
  });
});

describe('period labels in TypeScript', () => {
  test('match the SQL labels and the ranges', () => {
    expect(periodLabel('2024-01-15', 'quarter')).toBe('2023-24 Q4');
    expect(periodLabel('2023-04-01', 'quarter')).toBe('2023-24 Q1');
    expect(periodLabel('2023-12-31', 'quarter')).toBe('2023-24 Q3');
    expect(periodLabel('2023-12-31', 'fy')).toBe('2023-24');
    expect(periodLabel('2023-12-31', 'month')).toBe('2023-12');
    for (const g of ['month', 'quarter', 'fy'] as const) {
      const r = periodRange(periodLabel('2025-08-17', g), g);
      expect(r.from <= '2025-08-17' && r.to >= '2025-08-17').toBe(true);
    }
  });
});

describe('tooEarlyFor', () => {
  test('too early when even the first day of the period is less than the window before the as-of date', () => {
    // 2026-27 starts on 1 April 2026: on 31 October 2026 nobody in it has had a year.
    expect(tooEarlyFor('2026-27', 'fy', 365, '2026-10-31')).toBe(true);
    // 2025-26 starts on 1 April 2025: its first seven months' enquirers have.
    expect(tooEarlyFor('2025-26', 'fy', 365, '2026-10-31')).toBe(false);
    expect(tooEarlyFor('2026-10', 'month', 30, '2026-10-30')).toBe(true);
    expect(tooEarlyFor('2026-10', 'month', 30, '2026-10-31')).toBe(false); // 1 October's enquirers have had 30 days
    // A label of another grain (the last grain's rows, drawn for a moment after it changes) does not throw.
    expect(() => tooEarlyFor('2022-23', 'month', 365, '2026-10-31')).not.toThrow();
    expect(() => isFillingPeriod('2022-23', 'month', '2022-05-01')).not.toThrow();
  });
});
