import { bankHolidayDayNumbers } from './bankHolidays';
import { fromDayNumber, toDayNumber, weekday, type IsoDate } from './isoDate';

/**
 * Working days in England and Wales: Monday to Friday, less bank holidays.
 * All dates are ISO 'YYYY-MM-DD' strings meaning calendar days (no time, no zone).
 * Councils state service standards in working days ("respond within 2 working
 * days", "Stage 1 decision within 10 working days"), so durations are measured so.
 */

/** Whether an ISO date is a working day (a weekday that is not a bank holiday). */
export function isWorkingDay(date: IsoDate): boolean {
  return isWorkingDayNumber(toDayNumber(date));
}

function isWorkingDayNumber(dayNumber: number): boolean {
  const day = weekday(dayNumber);
  if (day === 0 || day === 6) return false;
  const year = Number(fromDayNumber(dayNumber).slice(0, 4));
  return !bankHolidayDayNumbers(year).includes(dayNumber);
}

/** Weekdays (Mon-Fri) among day numbers below `dayNumber`, counted from a fixed Monday. */
function weekdaysBefore(dayNumber: number): number {
  const sinceMonday = dayNumber - 4; // day 4 is Monday 1970-01-05
  const weeks = Math.floor(sinceMonday / 7);
  const rest = sinceMonday - weeks * 7;
  return weeks * 5 + Math.min(rest, 5);
}

/** Bank holidays (all fall on weekdays) with day numbers in (from, to]. */
function bankHolidaysWithin(from: number, to: number): number {
  const firstYear = Number(fromDayNumber(from).slice(0, 4));
  const lastYear = Number(fromDayNumber(to).slice(0, 4));
  let count = 0;
  for (let year = firstYear; year <= lastYear; year++) {
    for (const holiday of bankHolidayDayNumbers(year)) {
      if (holiday > from && holiday <= to) count++;
    }
  }
  return count;
}

/**
 * Working days after `from` up to and including `to`; negative when `to` is before
 * `from`. So Friday to the next Monday is 1, and a date to itself is 0: the count
 * of working days someone waited, which is how "within 10 working days" is judged.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (b < a) return 0 - workingDaysBetween(to, from); // 0 - x, not -x: never -0
  return weekdaysBefore(b + 1) - weekdaysBefore(a + 1) - bankHolidaysWithin(a, b);
}

/**
 * The date `n` working days after `date` (before it when n < 0); n = 0 returns
 * `date` unchanged even if it is not a working day. Gives deadlines such as
 * "10 working days after checks were received". For n >= 0, and for any n from a
 * working day, workingDaysBetween(date, addWorkingDays(date, n)) === n.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`);
  let day = toDayNumber(date);
  const step = Math.sign(n);
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkingDayNumber(day)) left--;
  }
  return fromDayNumber(day);
}
