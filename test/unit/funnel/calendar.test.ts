import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { workdaysSql } from '../../../src/lib/funnel/calendar';
import { bankHolidays } from '../../../src/lib/stats/bankHolidays';
import { fromDayNumber, toDayNumber } from '../../../src/lib/stats/isoDate';
import { isWorkingDay, workingDaysBetween } from '../../../src/lib/stats/workingDays';
import { testEngine } from '../../helpers/engine';

const FIRST = toDayNumber('2010-01-01');
const LAST = toDayNumber('2035-12-31');

describe('SQL working days (workdays table)', () => {
  test('holds every date from 2010 to 2035 and the same bank holidays as the TypeScript rules', async () => {
    const engine = await testEngine();
    await engine.exec(workdaysSql());
    await engine.exec(workdaysSql()); // running the statement again keeps the tables
    const [range] = await engine.query<{ first: string; last: string; days: number }>(
      'SELECT CAST(min(d) AS VARCHAR) AS first, CAST(max(d) AS VARCHAR) AS last, count(*)::INTEGER AS days FROM workdays',
    );
    expect(range).toEqual({ first: '2010-01-01', last: '2035-12-31', days: LAST - FIRST + 1 });
    const hol = await engine.query<{ d: string }>('SELECT CAST(d AS VARCHAR) AS d FROM bank_holidays ORDER BY d');
    expect(hol.map((r) => r.d)).toEqual(bankHolidays(2010, 2035));
  });

  test('agrees with isWorkingDay on every day from 2010 to 2035', async () => {
    const engine = await testEngine();
    await engine.exec(workdaysSql());
    const rows = await engine.query<{ d: string; n: number }>('SELECT CAST(d AS VARCHAR) AS d, n FROM workdays ORDER BY d');
    let previous = 0;
    const mismatches: string[] = [];
    for (const { d, n } of rows) {
      if (n - previous !== (isWorkingDay(d) ? 1 : 0)) mismatches.push(d);
      previous = n;
    }
    expect(mismatches).toEqual([]);
  });

  test('gives the same working days between random date pairs as workingDaysBetween (seeded)', async () => {
    const engine = await testEngine();
    await engine.exec(workdaysSql());
    const day = fc.integer({ min: FIRST, max: LAST }).map(fromDayNumber);
    const pairs = fc.sample(fc.tuple(day, day), { seed: 20261127, numRuns: 3000 });
    // Pin a few that cross the one-off holidays and year ends.
    pairs.push(['2011-04-28', '2011-05-03'], ['2012-06-01', '2012-06-06'], ['2022-09-16', '2022-09-20'], ['2035-12-24', '2010-01-04']);
    const values = pairs.map(([a, b], i) => `(${i}, DATE '${a}', DATE '${b}')`).join(', ');
    const rows = await engine.query<{ i: number; days: number }>(
      `SELECT p.i, (w2.n - w1.n)::INTEGER AS days FROM (VALUES ${values}) p(i, a, b)
         JOIN workdays w1 ON w1.d = p.a JOIN workdays w2 ON w2.d = p.b ORDER BY p.i`,
    );
    expect(rows).toHaveLength(pairs.length);
    for (const { i, days } of rows) expect(days, `${pairs[i][0]} to ${pairs[i][1]}`).toBe(workingDaysBetween(pairs[i][0], pairs[i][1]));
    // Each pinned span keeps one working day after the weekend and its holidays (2011 wedding, 2012 jubilee, 2022 funeral).
    expect(rows.slice(-4, -1).map((r) => r.days)).toEqual([1, 1, 1]);
    expect(rows[rows.length - 1].days).toBeLessThan(0);
  });
});
