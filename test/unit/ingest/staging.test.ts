import { beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { Engine } from '../../../src/lib/engine/engine';
import { ident, lit } from '../../../src/lib/engine/sql';
import { ingestMacrosSql } from '../../../src/lib/ingest/dates';
import { openRawFile, readFile, type RawFile } from '../../../src/lib/ingest/read';
import type { FileMapping } from '../../../src/lib/ingest/mapping';
import { lateDateSql, missingEnquiryDateSql, unparsedDateSql } from '../../../src/lib/ingest/canonical';
import { stagingSql, usualDateFormats } from '../../../src/lib/ingest/staging';
import { csv, testEngine } from '../../helpers/engine';

let e: Engine;
beforeAll(async () => {
  e = await testEngine();
  await e.exec(ingestMacrosSql());
});

/** A raw table `name` of all-text columns (named by position, as the reader names them), and the RawFile describing it. */
async function rawTable(name: string, columns: string[], rows: (string | null)[][]): Promise<RawFile> {
  const values = rows.map((r) => `(${r.map((v) => (v === null ? 'NULL::VARCHAR' : lit(v))).join(', ')})`).join(', ');
  await e.exec(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (VALUES ${values}) t(${columns.map((_, i) => ident(`col_${i}`)).join(', ')})`);
  return {
    index: 0, name: `${name}.csv`, table: name, readSql: '', bytes: 0, registered: `${name}.csv`, columns, rows: rows.length, blankLines: 0,
    dialect: { encoding: 'utf-8', delimiter: ',', headerLine: 0, header: columns, width: columns.length, sample: rows.map((r) => r.map((v) => v ?? '')), headerless: false, mixedLineBreaks: false },
    rejected: [], rejectedCount: 0, lastModified: null, options: { strict: true, encoding: 'utf-8', settled: true }, data: new Uint8Array(0),
  };
}

// Awkward values: every form uk_date reads, and several it must refuse.
const DATE_TEXTS = [
  '12/03/2023', '1/3/2023', ' 12/03/2023 ', '12/03/23', '01/01/85', '12-03-2023', '12.03.2023', '2023-03-12', '2023-3-1',
  '12-Mar-2023', '12 March 2023', '12 Mar 23', '12/03/2023 14:05', '2023-03-12T10:15:00Z', '44997', '\t2023-03-12',
  '31/02/2023', '0023-01-01', '12/03/0023', '01/01/2101', 'not a date', 'TBC', '', '   ', null,
];

describe('stagingSql dates', () => {
  test.each(['%d/%m/%Y', '%Y-%m-%d', '%d-%b-%Y', '%d/%m/%Y %H:%M', '%d.%m.%Y'])(
    'with %s tried first, every value reads exactly as uk_date reads it, and is flagged by what it is',
    async (format) => {
      const raw = await rawTable('st_dates', ['id', 'd'], DATE_TEXTS.map((v, i) => [`E${i}`, v]));
      // Staged as an enquiry date is: the flags are worked out from the unread text (UNREAD_TEXTS) and the date.
      const m = { kind: 'wide', roles: { enquiryDate: 'd', stageDates: {} } } as unknown as FileMapping;
      const sql = stagingSql(raw, 'id', [], ['d'], { d: format }, (s) => [`${s.date('d')} AS enquiry_date`, `[${s.unread('d')}] AS _x`], raw.table);
      // A table written from the staging pass numbers its rows in the order read (its rowid).
      await e.exec(`CREATE OR REPLACE TABLE st_dates_staged AS ${sql}`);
      const got = await e.query<{ seq: number; staged: string | null; unparsed: boolean; missing: boolean; late: boolean; expected: string | null; clean: string | null }>(
        `SELECT s.seq, strftime(s.enquiry_date, '%Y-%m-%d') AS staged, ${unparsedDateSql(m, 'd')} AS unparsed, ${missingEnquiryDateSql(m)} AS missing,
           ${lateDateSql(m, 'd')} AS late, strftime(uk_date(r.d), '%Y-%m-%d') AS expected, clean_text(r.d) AS clean
         FROM (SELECT rowid AS seq, * FROM st_dates_staged) s JOIN (SELECT rowid AS seq, col_1 AS d FROM st_dates) r USING (seq) ORDER BY seq`,
      );
      expect(got).toHaveLength(DATE_TEXTS.length);
      for (const row of got) {
        expect(row.staged, String(DATE_TEXTS[row.seq])).toBe(row.expected);
        // A well-formed date past the plausible range is late, not unreadable.
        const late = DATE_TEXTS[row.seq] === '01/01/2101';
        expect(row.late, String(DATE_TEXTS[row.seq])).toBe(late);
        expect(row.unparsed, String(DATE_TEXTS[row.seq])).toBe(row.clean !== null && row.expected === null && !late);
        expect(row.missing, String(DATE_TEXTS[row.seq])).toBe(row.clean === null);
      }
      // Spot checks against the definitions, not only against uk_date.
      const byText = new Map(got.map((r) => [DATE_TEXTS[r.seq], r]));
      expect(byText.get('12/03/23')!.staged).toBe('2023-03-12');
      expect(byText.get('0023-01-01')!.unparsed).toBe(true);
      expect(byText.get('   ')!.missing).toBe(true);
    },
  );
});

describe('stagingSql lines and text', () => {
  test('total and blank lines are flagged, text is cleaned, the row order kept', async () => {
    const raw = await rawTable('st_lines', ['Ref', 'Name', 'Date'], [
      ['E1', '  Word   of mouth ', '01/02/2024'],
      ['Grand Total', null, null],
      [null, ' ', ''],
      [null, 'no id here', '02/02/2024'],
      ['Subtotal', '3', null],
      ['TOTALS', null, null],
      ['E2', 'Totally new', '03/02/2024'],
    ]);
    const sql = stagingSql(raw, 'Ref', ['Name'], ['Date'], usualDateFormats(raw, ['Date']), (s) => [
      `${s.text('Ref')} AS id`, `${s.text('Name')} AS name`, `${s.total} AS total`, `${s.blank} AS blank`,
    ], raw.table);
    await e.exec(`CREATE OR REPLACE TABLE st_lines_staged AS ${sql}`);
    const rows = await e.query<{ seq: number; id: string | null; name: string | null; total: boolean; blank: boolean }>(`SELECT rowid AS seq, * FROM st_lines_staged ORDER BY seq`);
    expect(rows.map((r) => [r.id, r.name, r.total, r.blank])).toEqual([
      ['E1', 'Word of mouth', false, false],
      ['Grand Total', null, true, false],
      [null, null, false, true],
      [null, 'no id here', false, false],
      ['Subtotal', '3', true, false],
      ['TOTALS', null, true, false],
      ['E2', 'Totally new', false, false],
    ]);
  });
});

describe('stagingSql with clean columns', () => {
  // Cells with and without what clean_text changes, some quoted as a CSV writer quotes them.
  const cell = fc.oneof(
    fc.stringMatching(/^[a-z]{1,3}( [a-z]{1,3})?$/),
    fc.stringMatching(/^[ a-z\t]{0,6}$/),
    fc.stringMatching(/^[ a-z,\n\f\r]{0,6}$/).map((t) => `"${t}"`),
  );
  const file = fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 12 })
    .map((rows) => `Ref,Name,Notes\n${rows.map((r, i) => [`R${i}`, ...r].join(',')).join('\n')}\n`);

  test("property: a file's text reads the same with the columns the scan found clean read as they are", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const raw = await openRawFile(e, csv('sc.csv', text), 0, `sc${++run}`).catch(() => null);
        if (!raw) return;
        try {
          // Every column as text, the first as the id, whatever delimiter the sniff settled on (a tab, say).
          const texts = raw.columns;
          // Read as a load reads it (strictness dropped if it fails the whole file), and written so
          // that each row's rowid is its place in the file.
          const read = async () => {
            await readFile(e, raw, { table: 'sc_staged', select: (source) => stagingSql(raw, texts[0], texts, [], {}, (s) => [
              ...texts.map((c, i) => `${s.text(c)} AS t${i}`), `${s.total} AS total`, `${s.blank} AS blank`,
            ], source) });
            return e.query<Record<string, string | null>>('SELECT rowid AS seq, * FROM sc_staged ORDER BY seq');
          };
          const cleaned = await read();
          raw.clean = (await raw.cleanScan!.final) ?? undefined;
          expect(await read(), text).toEqual(cleaned);
        } finally {
          await e.dropFile(raw.registered);
        }
      }),
      // A file the sniff reads as tab-separated, its header one column.
      // Files the sniff reads as tab-separated (the header then one column), one of them failing DuckDB's strict mode.
      // One whose header line ends `,a,"`: DuckDB reads the next line as data, the scan once took it for a quoted line break.
      { numRuns: 150, examples: [['Ref,Name,Notes\nR0,,\t,\t\t\t\n'], ['Ref,Name,Notes\nR0,\t\t,"\r",\t\t\n'], ['Ref,Name,Notes\nR0,\t\t\ta\t,a,"\n\f"\n']] },
    );
  }, 60_000);

  test('a column found clean is read without clean_text, the others with it', async () => {
    const raw = await openRawFile(e, csv('sc2.csv', 'Ref,Name,Notes\nA1,Radio ad,x \nA2,Web,y\n'), 0, 'sc_one');
    raw.clean = (await raw.cleanScan!.final) ?? undefined;
    expect(raw.clean).toEqual([true, true, false]);
    const sql = stagingSql(raw, 'Ref', ['Name', 'Notes'], [], {}, (s) => [`${s.text('Name')} AS n`, `${s.text('Notes')} AS x`]);
    expect(sql).toContain('clean_text("col_2")');
    expect(sql).not.toContain('clean_text("col_1")');
    expect(sql).not.toContain('clean_text("col_0")');
    await e.dropFile(raw.registered);
  });
});

describe('usualDateFormats', () => {
  test('the shape most sample values have, day-first when nothing matches', async () => {
    const raw = await rawTable('st_fmt', ['a', 'b', 'c', 'd', 'e', 'f'], [
      ['01/02/2024', '2024-02-01', 'x', '01-Feb-2024', '01/02/2024 10:00', '2024/02/01'],
      ['02/02/2024', '2024-02-02', '', '02-Feb-2024', '01/02/2024 10:00', '2024/2/2'],
      ['2024-02-03', '03/02/2024', null, '2024-02-03', '01/02/2024', '03/02/2024'],
    ]);
    expect(usualDateFormats(raw, ['a', 'b', 'c', 'd', 'e', 'f'])).toEqual({
      a: '%d/%m/%Y', b: '%Y-%m-%d', c: '%d/%m/%Y', d: '%d-%b-%Y', e: '%d/%m/%Y %H:%M', f: '%Y/%m/%d',
    });
  });
});
