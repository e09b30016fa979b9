import { beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { lit } from '../../../src/lib/engine/sql';
import { DATE_FORMATS, SHORT_YEAR_FORMATS, ingestMacrosSql } from '../../../src/lib/ingest/dates';
import { testEngine } from '../../helpers/engine';

let e: Engine;
beforeAll(async () => {
  e = await testEngine();
  await e.exec(ingestMacrosSql());
});

/** uk_date of each value, as ISO text (null when unreadable), in one query. */
async function ukDates(values: (string | null)[]): Promise<(string | null)[]> {
  const rows = await e.query<{ d: string | null }>(
    `SELECT strftime(uk_date(v), '%Y-%m-%d') AS d FROM (VALUES ${values.map((v, i) => `(${i}, ${v === null ? 'NULL::VARCHAR' : lit(v)})`).join(', ')}) t(i, v) ORDER BY i`,
  );
  return rows.map((r) => r.d);
}

describe('uk_date', () => {
  test('UK day-first dates with a four-digit year', async () => {
    const cases: [string, string][] = [
      ['12/03/2023', '2023-03-12'],
      ['03/12/2023', '2023-12-03'],
      ['1/3/2023', '2023-03-01'],
      ['12-03-2023', '2023-03-12'],
      ['12.03.2023', '2023-03-12'],
      ['12/03/2023 14:05', '2023-03-12'],
      ['12/03/2023 14:05:09', '2023-03-12'],
      ['12/03/2023 00:00:00', '2023-03-12'],
    ];
    expect(await ukDates(cases.map((c) => c[0]))).toEqual(cases.map((c) => c[1]));
  });

  test('month names: 12-Mar-2023, 12 March 2023 and friends', async () => {
    const cases: [string, string][] = [
      ['12-Mar-2023', '2023-03-12'],
      ['12 Mar 2023', '2023-03-12'],
      ['12 March 2023', '2023-03-12'],
      ['12-March-2023', '2023-03-12'],
      ['12 Mar, 2023', '2023-03-12'],
      ['3 April 2023', '2023-04-03'],
      ['12-MAR-2023', '2023-03-12'],
      ['12 Sep 2023', '2023-09-12'],
    ];
    expect(await ukDates(cases.map((c) => c[0]))).toEqual(cases.map((c) => c[1]));
  });

  test('two-digit years: 00-68 are 20xx, 69-99 are 19xx', async () => {
    const cases: [string, string][] = [
      ['12/03/23', '2023-03-12'],
      ['1-3-23', '2023-03-01'],
      ['12.03.23', '2023-03-12'],
      ['12-Mar-23', '2023-03-12'],
      ['12 Mar 23', '2023-03-12'],
      ['12 March 23', '2023-03-12'],
      ['01/01/00', '2000-01-01'],
      ['01/01/68', '2068-01-01'],
      ['01/01/85', '1985-01-01'],
    ];
    expect(await ukDates(cases.map((c) => c[0]))).toEqual(cases.map((c) => c[1]));
  });

  test('ISO dates and timestamps', async () => {
    const cases: [string, string][] = [
      ['2023-03-12', '2023-03-12'],
      ['2023-3-1', '2023-03-01'],
      // Year first with slashes, as some reporting tools write it: never a UK day-first date.
      ['2023/03/09', '2023-03-09'],
      ['2023/3/1', '2023-03-01'],
      ['2023-03-12 10:15:00', '2023-03-12'],
      ['2023-03-12T10:15:00', '2023-03-12'],
      ['2023-03-12T10:15:00Z', '2023-03-12'],
      ['2023-03-12 10:15:00.123', '2023-03-12'],
      ['2023-03-12T10:15:00.5Z', '2023-03-12'],
    ];
    expect(await ukDates(cases.map((c) => c[0]))).toEqual(cases.map((c) => c[1]));
  });

  test('Excel serial day numbers', async () => {
    expect(await ukDates(['44997', '45000', '36526'])).toEqual(['2023-03-12', '2023-03-15', '2000-01-01']);
  });

  test('stray spaces around the value', async () => {
    expect(await ukDates([' 12/03/2023 ', '  3 April 2023  ', '\t2023-03-12'])).toEqual(['2023-03-12', '2023-04-03', '2023-03-12']);
  });

  test('unreadable, impossible and implausible values are null', async () => {
    expect(await ukDates([
      '', '   ', null, 'tbc', 'not known', '31/02/2023', '13/13/2023', '12/31/2023', '12/2023', '2023', 'March 2023',
      '01/01/0023', '01/01/1949', '01/01/2150', '999', '1234567',
    ])).toEqual(Array(16).fill(null));
  });

  test('the edges of the plausible range', async () => {
    expect(await ukDates(['01/01/1950', '31/12/2100', '31/12/1949', '01/01/2101'])).toEqual(['1950-01-01', '2100-12-31', null, null]);
  });
});

describe('clean_text', () => {
  test('trims, folds runs of white space, and empties to null', async () => {
    const rows = await e.query<{ t: string | null }>(
      `SELECT clean_text(v) AS t FROM (VALUES (0, '  Word  of   mouth '), (1, 'line1\nline2'), (2, ''), (3, ' \t '), (4, NULL), (5, 'x')) t(i, v) ORDER BY i`,
    );
    expect(rows.map((r) => r.t)).toEqual(['Word of mouth', 'line1 line2', null, null, null, 'x']);
  });
});

describe('format lists', () => {
  test('day-first UK forms come before anything else', () => {
    expect(DATE_FORMATS[0]).toBe('%d/%m/%Y');
    expect(DATE_FORMATS.some((f) => f.startsWith('%m'))).toBe(false);
    expect(SHORT_YEAR_FORMATS.every((f) => f.startsWith('%d') && f.endsWith('%y'))).toBe(true);
  });
});
