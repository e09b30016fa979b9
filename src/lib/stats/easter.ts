import { isoDate, type IsoDate } from './isoDate';

/**
 * Easter Sunday of a Gregorian year, as an ISO date. Good Friday and Easter Monday
 * are bank holidays in England and Wales, and Easter moves every year, so it has to be
 * computed. Uses the anonymous Gregorian computus (Meeus/Jones/Butcher).
 */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583) {
    throw new RangeError(`Easter is computed for Gregorian years from 1583: ${year}`);
  }
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const leapCenturies = Math.floor(century / 4);
  const centuryRemainder = century % 4;
  const lunarCorrection = Math.floor((century + 8) / 25);
  const solarCorrection = Math.floor((century - lunarCorrection + 1) / 3);
  // Days from 21 March to the Paschal full moon (epact-based).
  const toFullMoon =
    (19 * golden + century - leapCenturies - solarCorrection + 15) % 30;
  const leapYears = Math.floor(yearOfCentury / 4);
  const yearRemainder = yearOfCentury % 4;
  // Days from the full moon to the following Sunday.
  const toSunday =
    (32 + 2 * centuryRemainder + 2 * leapYears - toFullMoon - yearRemainder) % 7;
  const exception = Math.floor((golden + 11 * toFullMoon + 22 * toSunday) / 451);
  const offset = toFullMoon + toSunday - 7 * exception + 114;
  const month = Math.floor(offset / 31);
  const day = (offset % 31) + 1;
  return isoDate(year, month, day);
}
