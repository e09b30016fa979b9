import { describe, expect, test } from 'vitest';
import { financialYear, financialYearRange, financialYears } from '../../../src/lib/funnel/periods';

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
