import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { greaterSql, greatestSql, id, ident, joinSql, lesserSql, lit, litDate, maxOfSql, minOfSql, raw, sql, SqlFragment } from '../../../src/lib/engine/sql';
import { testEngine } from '../../helpers/engine';

describe('sql template', () => {
  test('interpolated values are quoted as literals', () => {
    expect(String(sql`SELECT ${"O'Brien"}, ${42}, ${-1.5}, ${true}, ${false}, ${null}, ${undefined}`))
      .toBe("SELECT 'O''Brien', 42, -1.5, TRUE, FALSE, NULL, NULL");
  });

  test('text that looks like SQL stays a value', () => {
    const hostile = "x' OR 1=1; DROP TABLE enquiries; --";
    expect(sql`WHERE campaign = ${hostile}`.text).toBe("WHERE campaign = 'x'' OR 1=1; DROP TABLE enquiries; --'");
  });

  test('arrays become a parenthesised list of literals', () => {
    expect(sql`WHERE source IN ${['Web', "Friend's advice", 3]}`.text).toBe("WHERE source IN ('Web', 'Friend''s advice', 3)");
  });

  test('an empty list is (NULL), so IN stays valid and matches nothing', async () => {
    const q = sql`SELECT count(*)::INTEGER AS n FROM (VALUES ('a'), ('b')) t(x) WHERE x IN ${[]}`;
    expect(q.text).toContain('IN (NULL)');
    const engine = await testEngine();
    expect(await engine.query(q.text)).toEqual([{ n: 0 }]);
  });

  test('fragments from sql, raw and id are pasted as they are', () => {
    const where = sql`outcome = ${'left'}`;
    const q = sql`SELECT ${id('Ethnicity')}, ${raw('count(*)')} FROM journeys WHERE ${where}`;
    expect(q).toBeInstanceOf(SqlFragment);
    expect(q.text).toBe(`SELECT "Ethnicity", count(*) FROM journeys WHERE outcome = 'left'`);
    expect(`${q}`).toBe(q.text);
  });

  test('id quotes an identifier, doubling embedded quotes', () => {
    expect(id('plain').text).toBe('"plain"');
    expect(id('say "hi"').text).toBe('"say ""hi"""');
    expect(ident('Date of "Enquiry"')).toBe('"Date of ""Enquiry"""');
  });

  test('non-finite numbers are refused, not written as NaN or Infinity', () => {
    expect(() => sql`INTERVAL ${NaN} DAY`).toThrow(/Cannot use NaN/);
    expect(() => sql`LIMIT ${Infinity}`).toThrow(/Cannot use Infinity/);
    expect(() => sql`x IN ${[1, -Infinity]}`).toThrow(/Cannot use -Infinity/);
    expect(() => lit(NaN)).toThrow();
  });

  test('joinSql joins fragments with a separator', () => {
    expect(joinSql([sql`a = ${1}`, sql`b = ${'two'}`], ' AND ').text).toBe("a = 1 AND b = 'two'");
    expect(joinSql([id('x'), id('y')]).text).toBe('"x", "y"');
    expect(joinSql([]).text).toBe('');
  });

  test('litDate writes a DATE literal and refuses anything but an ISO date', () => {
    expect(litDate('2024-03-01')).toBe("DATE '2024-03-01'");
    expect(() => litDate("2024-03-01' OR 1=1")).toThrow(/Not an ISO date/);
    expect(() => litDate('01/03/2024')).toThrow(/Not an ISO date/);
  });

  test('what it builds runs: a quoted value with quotes and a quoted identifier round-trip through DuckDB', async () => {
    const engine = await testEngine();
    const q = sql`SELECT ${"it's"} AS ${id('a "b"')}`;
    expect(await engine.query(q.text)).toEqual([{ 'a "b"': "it's" }]);
  });
});

describe('greatestSql', () => {
  test('with nothing to compare it is NULL; with one expression, that expression', () => {
    expect(greatestSql([])).toBe('NULL');
    expect(greatestSql(['a'])).toBe('a');
    expect(greatestSql([], ['b'])).toBe('b');
  });

  test('gives what greatest gives, NULLs ignored, whichever arguments are NULL', async () => {
    const engine = await testEngine();
    const value = fc.option(fc.integer({ min: -5, max: 5 }), { nil: null });
    await fc.assert(fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 4 }), fc.array(value, { maxLength: 4 }), async (usual, rare) => {
      const names = (xs: unknown[], p: string) => xs.map((_, i) => `${p}${i}`);
      const cols = [...usual.map((v, i) => `${lit(v)}::INTEGER AS u${i}`), ...rare.map((v, i) => `${lit(v)}::INTEGER AS r${i}`)];
      const [row] = await engine.query<{ g: number | null }>(`SELECT ${greatestSql(names(usual, 'u'), names(rare, 'r'))} AS g FROM (SELECT ${cols.join(', ')})`);
      const known = [...usual, ...rare].filter((v): v is number => v !== null);
      expect(row.g).toBe(known.length ? Math.max(...known) : null);
    }), { numRuns: 60 });
  });
});

describe('greaterSql, lesserSql, maxOfSql, minOfSql', () => {
  test('with nothing to compare it is NULL; with one expression, that expression', () => {
    expect(maxOfSql([])).toBe('NULL');
    expect(minOfSql(['a'])).toBe('a');
  });

  test('give what greatest and least give, NULLs passed over, for numbers and dates', async () => {
    const engine = await testEngine();
    const value = fc.option(fc.integer({ min: -5, max: 5 }), { nil: null });
    await fc.assert(fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 7 }), fc.boolean(), async (values, asDates) => {
      const names = values.map((_, i) => `v${i}`);
      const type = asDates ? 'DATE' : 'INTEGER';
      const as = (v: number | null) => (v === null ? `NULL::${type}` : asDates ? `DATE '2020-01-10' + ${v}` : `${v}::INTEGER`);
      const cols = values.map((v, i) => `${as(v)} AS v${i}`).join(', ');
      const pair = names.length >= 2 ? `${greaterSql(names[0], names[1])} AS g2, ${lesserSql(names[0], names[1])} AS l2, greatest(v0, v1) AS eg2, least(v0, v1) AS el2, ` : '';
      const [row] = await engine.query<Record<string, unknown>>(
        `SELECT ${pair}${maxOfSql(names)} AS g, ${minOfSql(names)} AS l, greatest(${names.join(', ')}) AS eg, least(${names.join(', ')}) AS el FROM (SELECT ${cols})`,
      );
      expect(row.g).toEqual(row.eg);
      expect(row.l).toEqual(row.el);
      expect(row.g2).toEqual(row.eg2);
      expect(row.l2).toEqual(row.el2);
      // And against plain numbers, in case DuckDB's own changed.
      const known = values.filter((v): v is number => v !== null);
      if (!asDates) {
        expect(row.g).toBe(known.length ? Math.max(...known) : null);
        expect(row.l).toBe(known.length ? Math.min(...known) : null);
      }
    }), { numRuns: 80 });
  });
});
