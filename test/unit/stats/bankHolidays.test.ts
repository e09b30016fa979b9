import { describe, expect, it } from 'vitest';
import {
  bankHolidayDayNumbers,
  bankHolidays,
  isBankHoliday,
} from '../../../src/lib/stats/bankHolidays';
import { toDayNumber, weekday } from '../../../src/lib/stats/isoDate';

// England and Wales bank holidays as published on GOV.UK (www.gov.uk/bank-holidays)
// for 2012-2027, substitute days included; 2010-2011 as proclaimed (the same dates
// as the python-holidays package's England calendar). 2028-2030 are not yet
// published; they are the standing rules worked out by hand from the Easter dates.
const PUBLISHED: Record<number, string[]> = {
  2010: ['2010-01-01', '2010-04-02', '2010-04-05', '2010-05-03', '2010-05-31', '2010-08-30', '2010-12-27', '2010-12-28'],
  2011: [
    '2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30',
    '2011-08-29', '2011-12-26', '2011-12-27',
  ],
  2012: [
    '2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05',
    '2012-08-27', '2012-12-25', '2012-12-26',
  ],
  2013: ['2013-01-01', '2013-03-29', '2013-04-01', '2013-05-06', '2013-05-27', '2013-08-26', '2013-12-25', '2013-12-26'],
  2014: ['2014-01-01', '2014-04-18', '2014-04-21', '2014-05-05', '2014-05-26', '2014-08-25', '2014-12-25', '2014-12-26'],
  2015: ['2015-01-01', '2015-04-03', '2015-04-06', '2015-05-04', '2015-05-25', '2015-08-31', '2015-12-25', '2015-12-28'],
  2016: ['2016-01-01', '2016-03-25', '2016-03-28', '2016-05-02', '2016-05-30', '2016-08-29', '2016-12-26', '2016-12-27'],
  2017: ['2017-01-02', '2017-04-14', '2017-04-17', '2017-05-01', '2017-05-29', '2017-08-28', '2017-12-25', '2017-12-26'],
  2018: ['2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26'],
  2019: ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: [
    '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03',
    '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27',
  ],
  2023: [
    '2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29',
    '2023-08-28', '2023-12-25', '2023-12-26',
  ],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
  2029: ['2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26'],
  2030: ['2030-01-01', '2030-04-19', '2030-04-22', '2030-05-06', '2030-05-27', '2030-08-26', '2030-12-25', '2030-12-26'],
};

describe('bankHolidays', () => {
  const all = bankHolidays(2010, 2030);

  it.each(Object.keys(PUBLISHED))('matches the published list for %s', (year) => {
    expect(all.filter((date) => date.startsWith(`${year}-`))).toEqual(PUBLISHED[Number(year)]);
  });

  it('covers exactly the years asked for: 8 a year, plus one extra in 2011, 2012 and 2023 and two in 2022', () => {
    expect(all[0]).toBe('2010-01-01');
    expect(all[all.length - 1]).toBe('2030-12-26');
    expect(all).toHaveLength(21 * 8 + 1 + 1 + 2 + 1);
    expect(bankHolidays(2024, 2024)).toEqual(PUBLISHED[2024]);
    expect(() => bankHolidays(2025, 2024)).toThrow(RangeError);
  });

  it('knows the one-off changes before 2010 too', () => {
    expect(bankHolidays(1995, 1995)).toContain('1995-05-08'); // VE Day 50th, moved from 1 May
    expect(bankHolidays(1995, 1995)).not.toContain('1995-05-01');
    expect(bankHolidays(1999, 1999)).toContain('1999-12-31'); // Millennium
    expect(bankHolidays(2002, 2002)).toEqual(expect.arrayContaining(['2002-06-03', '2002-06-04'])); // Golden Jubilee
    expect(bankHolidays(2002, 2002)).not.toContain('2002-05-27');
  });

  it('is sorted, has no duplicates and never falls at a weekend', () => {
    expect([...all].sort()).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
    for (const date of all) expect([0, 6]).not.toContain(weekday(toDayNumber(date)));
  });

  it('returns a copy the caller cannot use to change the table', () => {
    const list = bankHolidays(2024, 2024);
    list.push('2024-07-04');
    expect(bankHolidays(2024, 2024)).not.toContain('2024-07-04');
  });
});

describe('isBankHoliday', () => {
  it.each([
    ['2023-04-07', 'Good Friday 2023'],
    ['2024-03-29', 'Good Friday 2024'],
    ['2025-04-18', 'Good Friday 2025'],
    ['2026-04-03', 'Good Friday 2026'],
    ['2024-04-01', 'Easter Monday 2024'],
    ['2020-05-08', 'VE Day (early May moved from Monday 4 May)'],
    ['2022-06-02', 'spring bank holiday moved for the Platinum Jubilee'],
    ['2022-06-03', 'Platinum Jubilee'],
    ['2022-09-19', 'State Funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Coronation of King Charles III'],
    ['2021-12-27', 'Christmas substitute (Christmas on a Saturday)'],
    ['2021-12-28', 'Boxing Day substitute (Boxing Day on a Sunday)'],
    ['2022-12-27', 'Christmas substitute (Christmas on a Sunday)'],
    ['2020-12-28', 'Boxing Day substitute (Boxing Day on a Saturday)'],
    ['2022-01-03', "New Year's Day substitute (on a Saturday)"],
    ['2023-01-02', "New Year's Day substitute (on a Sunday)"],
  ])('%s is a bank holiday (%s)', (date) => {
    expect(isBankHoliday(date)).toBe(true);
  });

  it.each([
    ['2020-05-04', 'the Monday the 2020 early May holiday moved from'],
    ['2022-05-30', 'the Monday the 2022 spring holiday moved from'],
    ['2021-12-25', 'Christmas Day itself on a Saturday'],
    ['2023-01-01', "New Year's Day itself on a Sunday"],
    ['2023-04-09', 'Easter Sunday'],
    ['2023-04-11', 'an ordinary Tuesday'],
  ])('%s is not a bank holiday (%s)', (date) => {
    expect(isBankHoliday(date)).toBe(false);
  });

  it('applies the standing rules in any year', () => {
    // 2014 and 2031 had no one-off changes.
    expect(isBankHoliday('2014-04-18')).toBe(true); // Good Friday 2014
    expect(isBankHoliday('2014-05-05')).toBe(true);
    expect(isBankHoliday('2031-12-25')).toBe(true);
    expect(isBankHoliday('2031-04-11')).toBe(true); // Good Friday 2031 (Easter 13 April)
  });

  it('rejects dates that are not ISO calendar dates', () => {
    expect(() => isBankHoliday('25/12/2023')).toThrow(RangeError);
    expect(() => isBankHoliday('2023-02-30')).toThrow(RangeError);
  });
});

describe('bankHolidayDayNumbers', () => {
  it('gives the same days as day numbers, ascending', () => {
    expect(bankHolidayDayNumbers(2022)).toEqual(PUBLISHED[2022].map(toDayNumber));
  });
});
