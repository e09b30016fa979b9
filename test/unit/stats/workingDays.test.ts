import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../../src/lib/stats/workingDays';
import { bankHolidays, isBankHoliday } from '../../../src/lib/stats/bankHolidays';
import { fromDayNumber, toDayNumber } from '../../../src/lib/stats/isoDate';

/** Reference implementation: walk the calendar one day at a time. */
function naiveBetween(from: string, to: string): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  const sign = b < a ? -1 : 1;
  const [lo, hi] = b < a ? [b, a] : [a, b];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) {
    const date = fromDayNumber(day);
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6 && !isBankHoliday(date)) count++;
  }
  return count === 0 ? 0 : sign * count;
}

const dayIn2014To2031 = fc.integer({ min: toDayNumber('2014-01-01'), max: toDayNumber('2031-12-31') });

describe('re-exports', () => {
  it('offers the bank holiday table and lookup', () => {
    expect(bankHolidays(2023, 2023)).toContain('2023-05-08');
    expect(isBankHoliday('2023-05-08')).toBe(true);
  });
});

describe('isWorkingDay', () => {
  it('excludes weekends and bank holidays', () => {
    expect(isWorkingDay('2023-04-06')).toBe(true); // Thursday before Easter
    expect(isWorkingDay('2023-04-07')).toBe(false); // Good Friday
    expect(isWorkingDay('2023-04-08')).toBe(false); // Saturday
    expect(isWorkingDay('2023-04-09')).toBe(false); // Sunday
    expect(isWorkingDay('2023-04-10')).toBe(false); // Easter Monday
    expect(isWorkingDay('2023-04-11')).toBe(true);
  });
});

describe('workingDaysBetween', () => {
  it('counts days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2023-03-06', '2023-03-06')).toBe(0); // same day
    expect(workingDaysBetween('2023-03-06', '2023-03-07')).toBe(1); // Mon -> Tue
    expect(workingDaysBetween('2023-03-10', '2023-03-13')).toBe(1); // Fri -> Mon
    expect(workingDaysBetween('2023-03-11', '2023-03-12')).toBe(0); // Sat -> Sun
    expect(workingDaysBetween('2023-03-06', '2023-03-20')).toBe(10); // two weeks
  });

  it('skips an Easter bank holiday weekend', () => {
    // Thu 6 April 2023 -> Tue 11 April: Good Friday, weekend and Easter Monday are off.
    expect(workingDaysBetween('2023-04-06', '2023-04-11')).toBe(1);
    expect(workingDaysBetween('2024-03-28', '2024-04-02')).toBe(1);
  });

  it('skips Christmas substitute days', () => {
    // Fri 24 Dec 2021 -> Wed 29 Dec: 27 and 28 are substitute days.
    expect(workingDaysBetween('2021-12-24', '2021-12-29')).toBe(1);
    // Fri 23 Dec 2022 -> Wed 28 Dec: 26 Boxing Day, 27 Christmas substitute.
    expect(workingDaysBetween('2022-12-23', '2022-12-28')).toBe(1);
  });

  it('is negative when `to` is before `from`', () => {
    expect(workingDaysBetween('2023-04-11', '2023-04-06')).toBe(-1);
    expect(workingDaysBetween('2023-03-20', '2023-03-06')).toBe(-10);
    // Sunday back to Saturday: no working days, and plain 0 rather than -0.
    expect(Object.is(workingDaysBetween('2023-03-12', '2023-03-11'), 0)).toBe(true);
  });

  it('gives the working days in a whole year', () => {
    // Weekdays less bank holidays: 2022 260 - 10, 2023 260 - 9, 2024 262 - 8.
    expect(workingDaysBetween('2021-12-31', '2022-12-31')).toBe(250);
    expect(workingDaysBetween('2022-12-31', '2023-12-31')).toBe(251);
    expect(workingDaysBetween('2023-12-31', '2024-12-31')).toBe(254);
  });

  it('agrees with walking the calendar day by day', () => {
    fc.assert(
      fc.property(dayIn2014To2031, fc.integer({ min: -400, max: 400 }), (start, span) => {
        const from = fromDayNumber(start);
        const to = fromDayNumber(start + span);
        expect(workingDaysBetween(from, to)).toBe(naiveBetween(from, to));
      }),
      { numRuns: 300 },
    );
  });

  it('is additive: a -> b -> c equals a -> c', () => {
    fc.assert(
      fc.property(dayIn2014To2031, dayIn2014To2031, dayIn2014To2031, (a, b, c) => {
        const [x, y, z] = [a, b, c].map(fromDayNumber);
        expect(workingDaysBetween(x, y) + workingDaysBetween(y, z)).toBe(workingDaysBetween(x, z));
      }),
    );
  });

  it('is quick over long spans', () => {
    expect(workingDaysBetween('2015-01-01', '2030-12-31')).toBe(naiveBetween('2015-01-01', '2030-12-31'));
  });
});

describe('addWorkingDays', () => {
  it('steps over weekends and bank holidays', () => {
    expect(addWorkingDays('2023-04-06', 1)).toBe('2023-04-11'); // over Easter 2023
    expect(addWorkingDays('2021-12-24', 1)).toBe('2021-12-29'); // over Christmas 2021
    expect(addWorkingDays('2023-03-10', 1)).toBe('2023-03-13'); // Fri -> Mon
    // 10 working days from Wed 20 Dec 2023: Christmas, Boxing Day and New Year skipped.
    expect(addWorkingDays('2023-12-20', 10)).toBe('2024-01-08');
  });

  it('goes backwards for negative n', () => {
    expect(addWorkingDays('2023-04-11', -1)).toBe('2023-04-06');
    expect(addWorkingDays('2023-03-11', -1)).toBe('2023-03-10'); // Saturday -> Friday
    expect(addWorkingDays('2024-01-08', -10)).toBe('2023-12-20');
  });

  it('returns the date itself for n = 0, working day or not', () => {
    expect(addWorkingDays('2023-04-07', 0)).toBe('2023-04-07');
  });

  it('always lands on a working day when n is not 0', () => {
    fc.assert(
      fc.property(dayIn2014To2031, fc.integer({ min: -60, max: 60 }).filter((n) => n !== 0), (start, n) => {
        expect(isWorkingDay(addWorkingDays(fromDayNumber(start), n))).toBe(true);
      }),
    );
  });

  it('inverts workingDaysBetween (any start going forward, working-day starts both ways)', () => {
    fc.assert(
      fc.property(dayIn2014To2031, fc.integer({ min: -250, max: 250 }), (start, n) => {
        const date = fromDayNumber(start);
        if (n < 0 && !isWorkingDay(date)) return;
        expect(workingDaysBetween(date, addWorkingDays(date, n))).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects fractional n', () => {
    expect(() => addWorkingDays('2023-04-06', 1.5)).toThrow(RangeError);
  });
});
