import type { Engine } from '../engine/engine';
import { lit } from '../engine/sql';
import { BANK_HOLIDAY_YEARS, bankHolidays } from '../stats/bankHolidays';

/**
 * Creates `workdays(d, n)`: every date from 2010 to 2035 with a running count
 * of England working days (weekends and bank holidays excluded), so working
 * days between two dates is one subtraction after two joins. Outside the
 * embedded bank-holiday years only weekends are excluded.
 */
export async function ensureWorkdays(engine: Engine): Promise<void> {
  const hol = bankHolidays().map((d) => `(DATE ${lit(d)})`).join(', ');
  await engine.exec(`
    CREATE TABLE IF NOT EXISTS bank_holidays AS SELECT * FROM (VALUES ${hol}) t(d);
    CREATE TABLE IF NOT EXISTS workdays AS
      SELECT CAST(d AS DATE) AS d,
        sum(CASE WHEN isodow(d) <= 5 AND CAST(d AS DATE) NOT IN (SELECT d FROM bank_holidays) THEN 1 ELSE 0 END)
          OVER (ORDER BY d)::INTEGER AS n
      FROM range(DATE '2010-01-01', DATE '2036-01-01', INTERVAL 1 DAY) r(d);`);
}

/** Years for which bank holidays are known (timeliness outside them ignores bank holidays). */
export const WORKDAY_YEARS = BANK_HOLIDAY_YEARS;
