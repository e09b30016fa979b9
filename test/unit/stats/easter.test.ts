import { describe, expect, it } from 'vitest';
import { easterSunday } from '../../../src/lib/stats/easter';

describe('easterSunday', () => {
  // Western (Gregorian) Easter Sundays, as published in church and almanac tables.
  const known: Record<number, string> = {
    2000: '2000-04-23',
    2008: '2008-03-23',
    2011: '2011-04-24',
    2014: '2014-04-20',
    2015: '2015-04-05',
    2016: '2016-03-27',
    2017: '2017-04-16',
    2018: '2018-04-01',
    2019: '2019-04-21',
    2020: '2020-04-12',
    2021: '2021-04-04',
    2022: '2022-04-17',
    2023: '2023-04-09',
    2024: '2024-03-31',
    2025: '2025-04-20',
    2026: '2026-04-05',
    2027: '2027-03-28',
    2028: '2028-04-16',
    2029: '2029-04-01',
    2030: '2030-04-21',
  };

  it.each(Object.entries(known))('Easter %s is %s', (year, date) => {
    expect(easterSunday(Number(year))).toBe(date);
  });

  it('gets the extreme dates right (22 March and 25 April)', () => {
    expect(easterSunday(1818)).toBe('1818-03-22');
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(1943)).toBe('1943-04-25');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1600; year <= 2400; year++) {
      const date = easterSunday(year);
      expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBe(0);
      const monthDay = date.slice(5);
      expect(monthDay >= '03-22' && monthDay <= '04-25').toBe(true);
    }
  });

  it('rejects years before the Gregorian calendar and non-integers', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2023.5)).toThrow(RangeError);
  });
});
