import { lit } from '../engine/sql';
import { bankHolidays } from '../stats/bankHolidays';

/** Years the SQL working-days table covers; dates outside it have no working-day count. */
const FIRST_YEAR = 2010;
const LAST_YEAR = 2035;

/**
 * The `prepare` statement of metrics that count working days: creates
 * `workdays(d, n)` (every date from 2010 to 2035 with a running count of
 * England working days, weekends and bank holidays excluded) if missing, so
 * working days between two dates is one subtraction after two joins. The bank
 * holidays come from the same rule-based function as the TypeScript
 * working-day arithmetic (stats/bankHolidays), for every year in the table.
 */
export function workdaysSql(): string {
  const hol = bankHolidays(FIRST_YEAR, LAST_YEAR).map((d) => `(DATE ${lit(d)})`).join(', ');
  return `
    CREATE TABLE IF NOT EXISTS bank_holidays AS SELECT * FROM (VALUES ${hol}) t(d);
    CREATE TABLE IF NOT EXISTS workdays AS
      SELECT CAST(d AS DATE) AS d,
        sum(CASE WHEN isodow(d) <= 5 AND CAST(d AS DATE) NOT IN (SELECT d FROM bank_holidays) THEN 1 ELSE 0 END)
          OVER (ORDER BY d)::INTEGER AS n
      FROM range(DATE '${FIRST_YEAR}-01-01', DATE '${LAST_YEAR + 1}-01-01', INTERVAL 1 DAY) r(d);`;
}
