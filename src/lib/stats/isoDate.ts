/**
 * Calendar dates as ISO 'YYYY-MM-DD' strings, and their conversion to day numbers
 * (whole days since 1970-01-01). Day numbers make date arithmetic plain integer
 * arithmetic, with no time zones or daylight saving involved.
 */

/** An ISO calendar date, 'YYYY-MM-DD'. A plain string alias, for documentation. */
export type IsoDate = string;

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Day number (days since 1970-01-01) of an ISO date. Throws a RangeError on anything
 * that is not a real calendar date, so a typo can never shift a result silently.
 */
export function toDayNumber(date: IsoDate): number {
  const match = ISO_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2023-02-30 over into March; a round trip catches that.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/** ISO date of a day number: the inverse of `toDayNumber`. */
export function fromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO date from year, month (1-12) and day, e.g. isoDate(2023, 5, 8) = '2023-05-08'. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return fromDayNumber(Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY));
}

/** Day of the week of a day number, 0 = Sunday ... 6 = Saturday (as Date.getUTCDay). */
export function weekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}
