import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { loadDataset } from '../../../src/lib/coordinator/tables';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { dropGeneration } from '../../../src/lib/ingest/load';
import { ingestMacrosSql } from '../../../src/lib/ingest/dates';
import {
  IngestError, MAX_FILE_BYTES, UNCOMPRESSED_STAGING_BYTES, blankRowSql, dropRawTables, openRawFile, rawColumn, rawColumns, readFileClean, readRawFile, restoreRawTables,
  scratchTable, uniqueColumnNames, windows1252ToUtf8, type RawFile, type TableWrite,
} from '../../../src/lib/ingest/read';
import { ident } from '../../../src/lib/engine/sql';
import { tableMatchSql } from '../../../src/lib/engine/catalog';
import { csv, load, testEngine } from '../../helpers/engine';
import { bytes, enq, enquiries, utf16le } from './tables';

/** A raw table's rows under the file's own column names. */
const named = (raw: RawFile) => `SELECT ${raw.columns.map((c) => `${rawColumn(raw, c)} AS ${ident(c)}`).join(', ')} FROM ${raw.table}`;

describe('uniqueColumnNames', () => {
  test('blank header cells get a name, repeated names a number, spaces are folded', () => {
    expect(uniqueColumnNames(['Ref No', ' Date  of\nEnquiry ', '', 'Notes', 'notes', 'Notes'], 7)).toEqual([
      'Ref No', 'Date of Enquiry', 'Column 3', 'Notes', 'notes (2)', 'Notes (3)', 'Column 7',
    ]);
  });
  test('a numbered name already taken is never given twice', () => {
    expect(uniqueColumnNames(['a (2)', 'a', 'A', '', 'Column 4'], 5)).toEqual(['a (2)', 'a', 'A (3)', 'Column 4', 'Column 4 (2)']);
  });
});

describe('rawColumn', () => {
  test('the raw table is named by position, whatever the header says', () => {
    const raw = { columns: ['N', 'rowid', '"', 'select'] };
    expect(rawColumns(raw)).toEqual(['"col_0"', '"col_1"', '"col_2"', '"col_3"']);
    expect(rawColumn(raw, '"')).toBe('"col_2"');
    expect(() => rawColumn(raw, 'gone')).toThrow(IngestError);
  });
});

describe('windows1252ToUtf8', () => {
  test('re-encodes every byte as Windows-1252 says, including 0x80-0x9F', async () => {
    const out = await windows1252ToUtf8(bytes('A,', 0xa3, '5,Didn', 0x92, 't,', 0x80, 0x93, 'x', 0x94, 0x96, 0x85, ',Caf', 0xe9, '\r\n'));
    expect(new TextDecoder('utf-8', { fatal: true }).decode(out)).toBe('A,£5,Didn’t,€“x”–…,Café\r\n');
  });
  test('a File comes back as a File, slice by slice, with the same bytes, name and date', async () => {
    const input = bytes('Ref,Reason\n', ...Array.from({ length: 40 }, (_, i) => ['A', String(i), ',Didn', 0x92, 't reply ', 0x80, '\n']).flat());
    const file = new File([new Uint8Array(input)], 'w.csv', { lastModified: 1234 });
    const out = await windows1252ToUtf8(file, 16);
    expect(out).toBeInstanceOf(File);
    expect([out.name, out.lastModified]).toEqual(['w.csv', 1234]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await out.arrayBuffer());
    expect(text).toBe(new TextDecoder('utf-8').decode(await windows1252ToUtf8(input)));
    expect(text).toContain('A39,Didn’t reply €\n');
    expect(new TextDecoder('utf-8').decode(await windows1252ToUtf8(input, 7))).toBe(text);
  });
  test('ASCII is unchanged; an empty file stays empty', async () => {
    expect(await windows1252ToUtf8(bytes('Ref,Date\n'))).toEqual(bytes('Ref,Date\n'));
    expect((await windows1252ToUtf8(new Uint8Array(0))).length).toBe(0);
  });
});

describe('readRawFile', () => {
  test('reads every column as text, as written, from below the header; blank rows are not counted', async () => {
    const e = await testEngine();
    await e.exec(ingestMacrosSql());
    const raw = await readRawFile(e, csv('raw.csv', 'Report\n\nRef No;Date of Enquiry;;Notes\n A ;01/01/2023;x;"a;b"\n;;;\nB;02/01/2023\n'), 0, 'rt1');
    expect([raw.table, raw.registered, raw.columns, raw.rows, raw.rejectedCount, raw.dialect.headerLine, raw.dialect.delimiter, raw.lastModified])
      .toEqual(['memory.main.rt1_raw_0', 'rt1_file_0.csv', ['Ref No', 'Date of Enquiry', 'Column 3', 'Notes'], 2, 0, 2, ';', Date.UTC(2026, 10, 1)]);
    expect(await e.query(named(raw))).toEqual([
      { 'Ref No': ' A ', 'Date of Enquiry': '01/01/2023', 'Column 3': 'x', Notes: 'a;b' },
      { 'Ref No': null, 'Date of Enquiry': null, 'Column 3': null, Notes: null },
      { 'Ref No': 'B', 'Date of Enquiry': '02/01/2023', 'Column 3': null, Notes: null },
    ]);
    expect(await e.query(`SELECT col_0 AS id FROM ${raw.table} WHERE NOT ${blankRowSql(rawColumns(raw))}`)).toEqual([{ id: ' A ' }, { id: 'B' }]);
  });

  test('malformed lines: one example per line with its line number in the file', async () => {
    const e = await testEngine();
    const raw = await readRawFile(e, csv('bad.csv', 'Title\nRef,Date,Status\nA,01/01/2023,Open\nB,02/01/2023,Open,x,y\nC,03/01/2023,Open\nD,04/01/2023,"Open\nE,05/01/2023,Open\n'), 0, 'rt2');
    expect(raw.rejected[0]).toEqual({ line: 4, problem: 'more cells than the header has columns' });
    expect(new Set(raw.rejected.map((r) => r.line)).size).toBe(raw.rejected.length);
    expect(raw.rejectedCount).toBe(raw.rejected.length);
    expect(raw.rejectedCount).toBeGreaterThanOrEqual(1);
  });

  test('a Windows-1252 file is read through the fallback and says so', async () => {
    const e = await testEngine();
    const raw = await readRawFile(e, csv('w.csv', bytes('Ref,Reason\nA,Didn', 0x92, 't reply\n')), 0, 'rt3');
    expect(raw.dialect.encoding).toBe('windows-1252');
    expect(await e.query(named(raw))).toEqual([{ Ref: 'A', Reason: 'Didn’t reply' }]);
  });

  test('raw tables live uncompressed up to the staging limit, compressed beyond; dropped and read again on demand', async () => {
    expect(scratchTable('x_raw_0', UNCOMPRESSED_STAGING_BYTES)).toBe('memory.main.x_raw_0');
    expect(scratchTable('x_raw_0', UNCOMPRESSED_STAGING_BYTES + 1)).toBe('x_raw_0');
    const e = await testEngine();
    await e.exec(ingestMacrosSql());
    // Judged on everything loaded together: a small file among big ones is staged compressed.
    const big = await readRawFile(e, csv('big.csv', 'Ref,Date\nA,01/01/2023\n'), 0, 'rt6', UNCOMPRESSED_STAGING_BYTES * 2);
    expect(big.table).toBe('rt6_raw_0');
    const raw = await readRawFile(e, csv('r.csv', 'Ref,Date\nA,01/01/2023\nB,02/01/2023\n'), 0, 'rt7');
    const count = async () => (await e.query<{ n: number }>(`SELECT count(*) AS n FROM duckdb_tables() WHERE ${tableMatchSql(raw.table)}`))[0].n;
    expect([raw.table, raw.bytes, await count()]).toEqual(['memory.main.rt7_raw_0', 35, 1]);
    await dropRawTables(e, [raw, big]);
    expect(await count()).toBe(0);
    await restoreRawTables(e, [raw, big]);
    expect(await e.query(`SELECT col_0 AS "Ref" FROM ${raw.table} ORDER BY 1`)).toEqual([{ Ref: 'A' }, { Ref: 'B' }]);
    expect(await e.query(`SELECT col_0 AS "Ref" FROM ${big.table}`)).toEqual([{ Ref: 'A' }]);
    // Restoring what is there already leaves it alone.
    await e.exec(`INSERT INTO ${raw.table} VALUES ('C', NULL)`);
    await restoreRawTables(e, [raw]);
    expect((await e.query(`SELECT col_0 FROM ${raw.table}`)).length).toBe(3);
  });

  test('refuses an empty file with an IngestError and registers nothing', async () => {
    const e = await testEngine();
    await expect(readRawFile(e, csv('empty.csv', new Uint8Array(0)), 0, 'rt4')).rejects.toBeInstanceOf(IngestError);
    expect(await e.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, 'rt4_')`)).toEqual([{ n: 0 }]);
  });

  test('refuses a file too big for a tab, up front, saying how big and what to do', async () => {
    const e = await testEngine();
    // A real CSV head, reporting the size of a 1.2 GB export (nothing that big is made).
    const file = new File(['Ref No,Date of Enquiry\nA,01/01/2023\n'], 'national.csv');
    Object.defineProperty(file, 'size', { value: 1.2e9 });
    const read = readRawFile(e, { name: 'national.csv', data: file }, 0, 'rt5');
    await expect(read).rejects.toBeInstanceOf(IngestError);
    await expect(read).rejects.toThrow(
      '"national.csv" is 1.2 GB, more than a browser tab can analyse (about 900 MB, some 5 million enquiries). Export a shorter period, or only the columns you need, and choose the smaller files.',
    );
    expect(await e.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, 'rt5_')`)).toEqual([{ n: 0 }]);
    expect(MAX_FILE_BYTES).toBeGreaterThan(816e6); // the 5M-row benchmark export loads
  });
});

describe('reading quirks, checked in the canonical tables', () => {
  /** The same two enquiries, with ids prefixed per file so several files load at once. */
  const expected = (p: string) => [
    enq(`${p}A`, '2023-01-01', { status: 'Open', outcome_hint: 'open', source: 'Café' }),
    enq(`${p}B`, '2023-01-02', { status: 'Closed', outcome_hint: 'left', source: '£5 voucher' }),
  ];
  const table = (p: string, d: string) => [['Ref No', 'Date of Enquiry', 'Status', 'Source'], [`${p}A`, '01/01/2023', 'Open', 'Café'], [`${p}B`, '02/01/2023', 'Closed', '£5 voucher']]
    .map((r) => r.join(d)).join('\r\n');

  test('comma, semicolon and tab delimiters read the same', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('c.csv', table('c', ',')), csv('s.csv', table('s', ';')), csv('t.tsv', table('t', '\t')));
    expect(await enquiries(e)).toEqual([...expected('c'), ...expected('s'), ...expected('t')]);
    expect(ds.model.quality.files.map((f) => f.delimiter)).toEqual([',', ';', 'tab']);
  });

  test('UTF-8 with and without a byte-order mark, UTF-16, and Latin-1', async () => {
    const e = await testEngine();
    const ds = await load(
      e,
      csv('bom.csv', bytes(0xef, 0xbb, 0xbf, table('b', ','))),
      csv('plain.csv', bytes(table('p', ','))),
      csv('unicode.txt', utf16le(table('u', '\t'))),
      csv('latin.csv', bytes('Ref No,Date of Enquiry,Status,Source\r\nlA,01/01/2023,Open,Caf', 0xe9, '\r\nlB,02/01/2023,Closed,', 0xa3, '5 voucher')),
    );
    expect(await enquiries(e)).toEqual([...expected('b'), ...expected('l'), ...expected('p'), ...expected('u')]);
    expect(ds.model.quality.files.map((f) => [f.encoding, f.delimiter])).toEqual([['utf-8', ','], ['utf-8', ','], ['utf-16', 'tab'], ['windows-1252', ',']]);
  });

  test('Windows-1252 bytes: £ (0xA3), ’ (0x92), é (0xE9), € (0x80)', async () => {
    const e = await testEngine();
    const data = bytes(
      'Ref No,Date of Enquiry,Campaign,Reason for Closure,Source\r\n',
      'W1,01/02/2023,', 0xa3, '5 voucher,Didn', 0x92, 't respond,Caf', 0xe9, '\r\n',
      'W2,02/02/2023,', 0x80, '100 grant,', 0x93, 'No room', 0x94, ',Radio\r\n',
      'W3,03/02/2023,x,y,z,too,many\r\n',
    );
    const ds = await load(e, csv('win.csv', data));
    expect(await enquiries(e)).toEqual([
      enq('W1', '2023-02-01', { campaign: '£5 voucher', reason: 'Didn’t respond', source: 'Café' }),
      enq('W2', '2023-02-02', { campaign: '€100 grant', reason: '“No room”', source: 'Radio' }),
    ]);
    expect(ds.model.quality.files[0]).toMatchObject({ encoding: 'windows-1252', rowsRead: 2, malformed: { count: 1 } });
  });

  test('a Windows-1252 byte past the sniffed head is not a lost row', async () => {
    const e = await testEngine();
    const head = 'Ref No,Date of Enquiry,Reason\n' + Array.from({ length: 300 }, (_, i) => `R${i},01/01/2023,${'no reason given '.repeat(60)}\n`).join('');
    const ds = await load(e, csv('late.csv', bytes(head, 'Z1,02/01/2023,O', 0x92, 'Brien family\nZ2,03/01/2023,ok\n')));
    expect(head.length).toBeGreaterThan(256 * 1024);
    expect(await e.query(`SELECT id, reason FROM enquiries WHERE id LIKE 'Z%' ORDER BY id`)).toEqual([
      { id: 'Z1', reason: 'O’Brien family' }, { id: 'Z2', reason: 'ok' },
    ]);
    expect(ds.model.quality.files[0]).toMatchObject({ encoding: 'windows-1252', rowsRead: 302, malformed: { count: 0, examples: [] } });
    expect(ds.model.quality.enquiries).toBe(302);
  });

  test('quoted fields holding delimiters, doubled quotes and line breaks', async () => {
    const e = await testEngine();
    await load(e, csv('q.csv', 'Ref No,Date of Enquiry,Source,Reason for Closure\r\n'
      + 'Q1,01/01/2023,"Radio, local","Said ""not now"""\r\n'
      + 'Q2,02/01/2023,"Web\r\nform","Moved\nhouse"\r\n'
      + '"Q3",03/01/2023,"",""\r\n'));
    expect(await enquiries(e)).toEqual([
      enq('Q1', '2023-01-01', { source: 'Radio, local', reason: 'Said "not now"' }),
      enq('Q2', '2023-01-02', { source: 'Web form', reason: 'Moved house' }),
      enq('Q3', '2023-01-03'),
    ]);
  });
});

describe('readFileClean', () => {
  /** A file opened with a scan that answers `early` at once and `final` when told to (see CleanScan). */
  async function opened(prefix: string, text: string, early: boolean[] | null) {
    const e = await testEngine();
    await e.exec(ingestMacrosSql());
    const raw = await openRawFile(e, csv(`${prefix}.csv`, text), 0, prefix);
    let answer!: (clean: boolean[] | null) => void;
    raw.cleanScan = { early: Promise.resolve(early), final: new Promise((resolve) => (answer = resolve)) };
    const reads: string[] = [];
    // As staging reads a column: as it is when the scan found it clean.
    const write: TableWrite = {
      table: `${prefix}_t`,
      select: (source) => {
        const sql = `SELECT ${rawColumns(raw).map((c, i) => (raw.clean?.[i] ? c : `clean_text(${c})`) + ` AS c${i}`).join(', ')} FROM ${source}`;
        reads.push(sql);
        return sql;
      },
    };
    /** The write, with the scan answering `clean` as the read starts. */
    const answering = (clean: boolean[] | null): TableWrite => ({
      table: write.table,
      select: (source) => {
        const sql = write.select(source);
        answer(clean);
        return sql;
      },
    });
    return { e, raw, answer, reads, write, answering, rows: () => e.query(`SELECT * FROM ${prefix}_t ORDER BY c0`) };
  }
  const TEXT = 'Ref,Name\nA1,Radio ad\nA2, late \n';

  test('a guess the whole file proves wrong is read again with the column cleaned', async () => {
    const f = await opened('rfc1', TEXT, [true, true]);
    const read = readFileClean(f.e, f.raw, f.answering([true, false])); // the scan reads on meanwhile, and finds " late "
    await read;
    expect(f.reads).toHaveLength(2);
    expect(f.reads[1]).toContain('clean_text("col_1")');
    expect(await f.rows()).toEqual([{ c0: 'A1', c1: 'Radio ad' }, { c0: 'A2', c1: 'late' }]);
    expect(f.raw.clean).toEqual([true, false]);
    expect(f.raw.cleanScan).toBeUndefined();
  });

  test('a guess the whole file bears out is read once', async () => {
    const f = await opened('rfc2', TEXT, [true, false]);
    await readFileClean(f.e, f.raw, f.answering([true, false]));
    expect(f.reads).toHaveLength(1);
    expect(await f.rows()).toEqual([{ c0: 'A1', c1: 'Radio ad' }, { c0: 'A2', c1: 'late' }]);
  });

  test('a scan that fails leaves every column cleaned, read again if it guessed any clean', async () => {
    const f = await opened('rfc3', TEXT, [true, true]);
    await readFileClean(f.e, f.raw, f.answering(null));
    expect(f.reads).toHaveLength(2);
    expect(f.reads[1]).toContain('clean_text("col_0")');
    expect(f.raw.clean).toBeUndefined();
    expect(await f.rows()).toEqual([{ c0: 'A1', c1: 'Radio ad' }, { c0: 'A2', c1: 'late' }]);
  });

  test('the whole file\'s answer is used when it is known before the read starts', async () => {
    const f = await opened('rfc4', TEXT, [true, true]);
    f.answer([true, false]);
    await readFileClean(f.e, f.raw, f.write);
    expect(f.reads).toHaveLength(1);
    expect(f.reads[0]).toContain('clean_text("col_1")');
  });
});


describe('a file read a slice at a time', () => {
  const HEADER = 'Ref No,Date of Enquiry,Source,Campaign,Initial Home Visit Date,Application Received,Current Status,Reason for Closure,Notes';
  const pick = (xs: readonly string[]) => fc.constantFrom(...xs);
  const dates = ['', '12/03/2023', '2023-04-01', '32/13/2023', '05/05/2024', '01/12/2150'];
  const notes = ['', 'call back', '"said ""yes"", then no"', '"moved\nhouse"', '"two\r\nlines, one cell"', ' spaced  out '];
  const row = fc.tuple(pick(['FE-1', 'FE-2', 'FE-3', 'FE-4', 'FE-5', 'FE-6', '', 'Total']), pick(dates), pick(['Website', 'Radio', '']),
    pick(['Spring', '"Autumn, late"', '']), pick(dates), pick(dates), pick(['Approved', 'NFA', 'In progress', 'Withdrawn', '']), pick(['', 'Moved']), pick(notes))
    .map((cells) => cells.join(','));
  // Lines a read logs as malformed, and lines of nothing.
  const odd = pick(['FE-9,12/03/2023,Radio,,,,,,,too,many,cells', ',,,,,,,,', '']);
  const exportText = fc.tuple(fc.array(fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: odd }), { minLength: 4, maxLength: 40 }), pick(['\n', '\r\n']))
    .map(([rows, end]) => [HEADER, ...rows].join(end) + end);

  /** The engine, counting the slices registered. */
  async function counted() {
    const e = await testEngine();
    const parts = { n: 0 };
    const registerFile: typeof e.registerFile = (name, data) => {
      if (name.endsWith('_part.csv')) parts.n++;
      return e.registerFile(name, data);
    };
    return { e: { ...e, registerFile }, parts };
  }

  test('tells of each slice as it is read, with how many there are', async () => {
    const e = await testEngine();
    const steps: string[] = [];
    const text = 'Ref No,Date of Enquiry\n' + Array.from({ length: 9 }, (_, i) => `FE-${i},0${i + 1}/03/2023\n`).join(''); // lines of 16 bytes after 23
    const ds = await loadDataset(e, [csv('export.csv', text)], undefined, (s) => steps.push(s.label), { sliceBytes: 60 });
    expect(steps.filter((s) => s.includes('part'))).toEqual(['Reading "export.csv", part 1 of 3', 'Reading "export.csv", part 2 of 3', 'Reading "export.csv", part 3 of 3']);
    expect(ds.model.quality.enquiries).toBe(9);
  });

  test('gives the tables and quality figures, malformed lines\' numbers included, of a read of the whole file (property)', async () => {
    const { e, parts } = await counted();
    await fc.assert(fc.asyncProperty(exportText, fc.integer({ min: 40, max: 400 }), fc.boolean(), fc.boolean(), async (text, sliceBytes, journeys, asFile) => {
      const settings = journeys ? defaultSettings() : null;
      // As a browser has it (a File, whose slices are Files made of its parts), or as bytes.
      const file = asFile ? { ...csv('export.csv', text), data: new File([text], 'export.csv') } : csv('export.csv', text);
      const read = (slices: number | null) => loadDataset(e, [file], undefined, undefined, { sliceBytes: slices }, settings)
        .then((ds) => ({ ds }), (error: Error) => ({ error: error.message }));
      parts.n = 0;
      const sliced = await read(sliceBytes);
      const cut = parts.n;
      const whole = await read(null);
      try {
        expect(parts.n).toBe(cut); // the whole file was read as one
        expect('error' in sliced ? sliced.error : null).toEqual('error' in whole ? whole.error : null);
        if (!('ds' in sliced) || !('ds' in whole)) return;
        // Only one slice when the file is no bigger than one: then it is read whole.
        if (text.length > 2 * sliceBytes) expect(cut).toBeGreaterThan(1);
        const contents = async (table: string) => e.query(`SELECT * FROM ${table} ORDER BY ALL`);
        expect(await contents(sliced.ds.model.tables.enquiries)).toEqual(await contents(whole.ds.model.tables.enquiries));
        expect(sliced.ds.model.quality).toEqual(whole.ds.model.quality);
        expect(sliced.ds.raws[0].rejected).toEqual(whole.ds.raws[0].rejected);
        expect(sliced.ds.journeyColumns).toEqual(whole.ds.journeyColumns);
      } finally {
        for (const l of [sliced, whole]) if ('ds' in l) await dropGeneration(e, l.ds.generation, l.ds.raws);
      }
    }), { numRuns: 25, seed: 20261128 });
  }, 180_000);
});
