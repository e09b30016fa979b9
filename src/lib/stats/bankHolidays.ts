import { easterSunday } from './easter';
import { fromDayNumber, isoDate, toDayNumber, weekday, type IsoDate } from './isoDate';

/**
 * Bank holidays in England and Wales, for any year: the standing rules (Banking and
 * Financial Dealings Act 1971 and the usual royal proclamations, substitute days
 * included) plus every one-off change proclaimed from 1995 to 2027 (the last year
 * GOV.UK publishes). A one-off day proclaimed later than that is not known here.
 * The same function feeds the SQL working-days table (funnel/calendar.ts), so the
 * database and TypeScript always agree.
 */

/** One-off changes by year: standing-rule dates moved to another day, and extra days. */
const ONE_OFFS: Record<number, { moved?: Record<IsoDate, IsoDate>; added?: IsoDate[] }> = {
  // Early May bank holiday moved from Monday 1 May to Monday 8 May for the 50th VE Day.
  1995: { moved: { '1995-05-01': '1995-05-08' } },
  // Millennium: Friday 31 December 1999.
  1999: { added: ['1999-12-31'] },
  // Golden Jubilee: spring bank holiday moved to Tuesday 4 June, plus Monday 3 June.
  2002: { moved: { '2002-05-27': '2002-06-04' }, added: ['2002-06-03'] },
  // Wedding of Prince William and Catherine Middleton.
  2011: { added: ['2011-04-29'] },
  // Diamond Jubilee: spring bank holiday moved to Monday 4 June, plus Tuesday 5 June.
  2012: { moved: { '2012-05-28': '2012-06-04' }, added: ['2012-06-05'] },
  // Early May bank holiday moved from Monday 4 May to Friday 8 May for the 75th VE Day.
  2020: { moved: { '2020-05-04': '2020-05-08' } },
  2022: {
    // Spring bank holiday moved to Thursday 2 June, plus Friday 3 June, for the Platinum Jubilee.
    moved: { '2022-05-30': '2022-06-02' },
    // 3 June: Platinum Jubilee; 19 September: State Funeral of Queen Elizabeth II.
    added: ['2022-06-03', '2022-09-19'],
  },
  // Coronation of King Charles III.
  2023: { added: ['2023-05-08'] },
};

const SATURDAY = 6;
const SUNDAY = 0;
const MONDAY = 1;

function isWeekend(dayNumber: number): boolean {
  const day = weekday(dayNumber);
  return day === SATURDAY || day === SUNDAY;
}

/** Day number of the first Monday on or after a date. */
function mondayOnOrAfter(dayNumber: number): number {
  return dayNumber + ((MONDAY - weekday(dayNumber) + 7) % 7);
}

/** Day number of the last Monday on or before a date. */
function mondayOnOrBefore(dayNumber: number): number {
  return dayNumber - ((weekday(dayNumber) - MONDAY + 7) % 7);
}

/** Day numbers of the standing-rule bank holidays of one year, substitute days included. */
function ruleHolidays(year: number): number[] {
  const day = (month: number, dayOfMonth: number) => toDayNumber(isoDate(year, month, dayOfMonth));
  const easter = toDayNumber(easterSunday(year));

  // New Year's Day falling at a weekend is replaced by the following Monday.
  const newYear = day(1, 1);
  const newYearObserved = isWeekend(newYear) ? mondayOnOrAfter(newYear) : newYear;

  // Christmas and Boxing Day each take the next weekday not already a holiday:
  // Sat/Sun -> Mon 27 + Tue 28; Fri/Sat -> Fri 25 + Mon 28; Sun/Mon -> Mon 26 + Tue 27.
  const christmas: number[] = [];
  for (const nominal of [day(12, 25), day(12, 26)]) {
    let observed = nominal;
    while (isWeekend(observed) || christmas.includes(observed)) observed += 1;
    christmas.push(observed);
  }

  return [
    newYearObserved,
    easter - 2, // Good Friday
    easter + 1, // Easter Monday
    mondayOnOrAfter(day(5, 1)), // Early May: first Monday in May
    mondayOnOrBefore(day(5, 31)), // Spring: last Monday in May
    mondayOnOrBefore(day(8, 31)), // Summer: last Monday in August
    ...christmas,
  ];
}

/** ISO dates of one year's bank holidays, sorted. */
function holidaysOfYear(year: number): IsoDate[] {
  const change = ONE_OFFS[year] ?? {};
  const dates = ruleHolidays(year).map(fromDayNumber);
  const moved = dates.map((date) => change.moved?.[date] ?? date);
  return [...moved, ...(change.added ?? [])].sort();
}

interface YearHolidays {
  dates: ReadonlySet<IsoDate>;
  dayNumbers: readonly number[];
}

const yearCache = new Map<number, YearHolidays>();

function holidaysFor(year: number): YearHolidays {
  let entry = yearCache.get(year);
  if (!entry) {
    const dates = holidaysOfYear(year);
    entry = { dates: new Set(dates), dayNumbers: Object.freeze(dates.map(toDayNumber)) };
    yearCache.set(year, entry);
  }
  return entry;
}

/**
 * All England and Wales bank holidays from `firstYear` to `lastYear` (inclusive) as
 * sorted ISO dates, e.g. to load into a SQL table so working days can be counted in
 * the database too.
 */
export function bankHolidays(firstYear: number, lastYear: number): IsoDate[] {
  if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear) || lastYear < firstYear) {
    throw new RangeError(`need whole years, first <= last: ${firstYear}, ${lastYear}`);
  }
  return Array.from({ length: lastYear - firstYear + 1 }, (_, i) => [...holidaysFor(firstYear + i).dates]).flat();
}

/** Whether an ISO date is an England and Wales bank holiday. */
export function isBankHoliday(date: IsoDate): boolean {
  toDayNumber(date); // validates
  return holidaysFor(Number(date.slice(0, 4))).dates.has(date);
}

/** Bank holidays of a year as sorted day numbers (days since 1970-01-01), for date arithmetic. */
export function bankHolidayDayNumbers(year: number): readonly number[] {
  return holidaysFor(year).dayNumbers;
}
