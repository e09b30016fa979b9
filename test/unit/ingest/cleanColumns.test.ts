import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CleanColumnsScan, scanCleanColumns, type ScanDialect } from '../../../src/lib/ingest/cleanColumns';
import { ingestMacrosSql } from '../../../src/lib/ingest/dates';
import { openRawFile, rawColumns, rawSource } from '../../../src/lib/ingest/read';
import { csv, testEngine } from '../../helpers/engine';

/** The scan's answer for `text` pushed in one piece (or at the given cuts). */
function scan(text: string, dialect: Partial<ScanDialect> = {}, cuts: number[] = []): boolean[] {
  const s = new CleanColumnsScan({ delimiter: ',', skip: 1, width: 3, ...dialect });
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    s.push(text.slice(at, cut));
    at = cut;
  }
  s.push(text.slice(at), true);
  return s.finish();
}

describe('CleanColumnsScan', () => {
  test('a tidy file: every column clean, quoted cells with delimiters, "" and line ends between quotes included', () => {
    expect(scan('a,b,c\nA1,Radio ad,"Moving house, next year"\nA2,,"She said ""no"""\n')).toEqual([true, true, true]);
    expect(scan('a,b,c\r\nA1,Radio ad,x\r\nA2,,y')).toEqual([true, true, true]);
    expect(scan('a,b,c\nA1,"",x\n\n')).toEqual([true, true, true]);
  });

  test('each kind of cell clean_text changes marks its own column', () => {
    expect(scan('a,b,c\nA1,Radio ,x\n')).toEqual([true, false, true]);
    expect(scan('a,b,c\nA1,x, Radio\n')).toEqual([true, true, false]);
    expect(scan('a,b,c\nA1 ,x,y\n')).toEqual([false, true, true]);
    expect(scan('a,b,c\nA1,Radio  ad,y\n')).toEqual([true, false, true]);
    expect(scan('a,b,c\nA1,Radio\tad,y\n')).toEqual([true, false, true]);
    expect(scan('a,b,c\nA1,x,a\vb\n')).toEqual([true, true, true]); // clean_text leaves a vertical tab as it is
    expect(scan('a,b,c\nA1,x,a\fb\n')).toEqual([true, true, false]);
    expect(scan('a,b,c\nA1,"two\nlines",y\n')).toEqual([true, false, true]);
    expect(scan('a,b,c\nA1,"ends ",y\n')).toEqual([true, false, true]);
    expect(scan('a,b,c\nA1,x,   \n')).toEqual([true, true, false]);
    expect(scan('a,b,c\nA1,x,last ')).toEqual([true, true, false]);
    expect(scan('a,b,c\nA1,x,y \r\n')).toEqual([true, true, false]);
  });

  test('the lines skipped (titles, the header) are not read; nor are cells past the columns read', () => {
    expect(scan('Report for "Hull"\n\na , b ,c \nA1,x,y\n', { skip: 3 })).toEqual([true, true, true]);
    expect(scan('"a\nb",b,c\nA1,x,y\n', { skip: 1 })).toEqual([true, true, true]);
    expect(scan('a,b,c\nA1,x,y, extra \n')).toEqual([true, true, true]);
    // A quote inside an unquoted cell of a skipped line is text: the line ends at its line break, as DuckDB reads it.
    expect(scan('a,b,c"\nA1,x ,y\n')).toEqual([true, false, true]);
    expect(scan('a,b,c"\nA1,x ,y\n', {}, [6, 7])).toEqual([true, false, true]);
  });

  test('with a tab or semicolon delimiter, spaces beside it count and the delimiter does not', () => {
    expect(scan('a\tb\tc\nA1\tRadio ad\tx\n', { delimiter: '\t' })).toEqual([true, true, true]);
    expect(scan('a\tb\tc\nA1\tRadio \tx\n', { delimiter: '\t' })).toEqual([true, false, true]);
    expect(scan('a;b;c\nA1;x; y\n', { delimiter: ';' })).toEqual([true, true, false]);
  });

  test('gives up (every column cleaned) where DuckDB might split a line otherwise', () => {
    const none = [false, false, false];
    expect(scan('a,b,c\nA1,ab"c,y\n')).toEqual(none); // a quote inside a cell
    expect(scan('a,b,c\nA1,"ab"c,y\n')).toEqual(none); // text after a closing quote
    expect(scan('a,b,c\nA1,"ab" ,y\n')).toEqual(none);
    expect(scan('a,b,c\nA1,x,y\rA2,x,y\n')).toEqual(none); // a lone carriage return
    expect(scan('a,b,c\nA1,"never closed,y\n')).toEqual(none);
    // Skipped lines ending unlike the first (DuckDB then read no rows at all), at any cut.
    expect(scan('Title\na,b,c\r\nA1,x,y\r\n', { skip: 2 })).toEqual(none);
    expect(scan('Title\r\na,b,c\nA1,x,y\n', { skip: 2 }, [6, 7])).toEqual(none);
    expect(scan('Title\r\na,b,c\r\nA1,x,y\r\n', { skip: 2 }, [6, 7])).toEqual([true, true, true]);
  });

  test('stops reading once every column needs cleaning', () => {
    const s = new CleanColumnsScan({ delimiter: ',', skip: 1, width: 2 });
    s.push('a,b\n x, y\n');
    expect(s.settled).toBe(true);
    s.push('anything "at all\n');
    expect(s.finish()).toEqual([false, false]);
  });

  test('property: the answer does not depend on where the text is cut into chunks', () => {
    const cell = fc.stringMatching(/^[xy ,"\t\r\n]{0,5}$/);
    const file = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 })
      .map((rows) => rows.map((r) => r.join(',')).join('\n'));
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 0, max: 2 }), (text, cuts, skip) => {
        const at = cuts.map((c) => c % (text.length + 1));
        expect(scan(text, { skip }, at)).toEqual(scan(text, { skip }));
      }),
      { numRuns: 400 },
    );
  });

  test('scanCleanColumns reads bytes a chunk at a time in the file\'s encoding, with a guess from the first chunk', async () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => `A${i},Radio ad,x`);
    rows.push('B1,late ,x');
    const text = `id,b,c\n${rows.join('\n')}\n`;
    const early: boolean[][] = [];
    expect(await scanCleanColumns(new TextEncoder().encode(text), { delimiter: ',', skip: 1, width: 3 }, 'utf-8', (c) => early.push(c))).toEqual([true, false, true]);
    expect(early).toEqual([[true, true, true]]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'a;b\nx; y\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(await scanCleanColumns(utf16, { delimiter: ';', skip: 1, width: 2 }, 'utf-16')).toEqual([true, false]);
    expect(await scanCleanColumns(new Blob(['a,b\n\u00e9t\u00e9,x\n']), { delimiter: ',', skip: 1, width: 2 }, 'utf-8')).toEqual([true, true]);
  });
});

describe('against DuckDB reading the file', () => {
  // Cells as an export might hold them, written as a CSV writer would (quoted when they must be),
  // or as a careless one would (quote marks in odd places).
  const text = fc.stringMatching(/^[xy ,"\t\r\n\v]{0,5}$/);
  const cell = fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[xy ]{0,4}$/) },
    { weight: 2, arbitrary: text.map((t) => `"${t.replaceAll('"', '""')}"`) },
    { weight: 1, arbitrary: text },
  );
  const file = fc.record({
    rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
    crlf: fc.boolean(),
    end: fc.boolean(),
  }).map(({ rows, crlf, end }) => `Ref,Name,Notes\n${rows.map((r) => r.join(',')).join(crlf ? '\r\n' : '\n')}${end ? '\n' : ''}`);

  test('property: a column found clean reads the same through clean_text; one found not clean has a cell it changes', async () => {
    const e = await testEngine();
    await e.exec(ingestMacrosSql());
    let run = 0;
    let exact = 0;
    await fc.assert(
      fc.asyncProperty(file, async (t) => {
        const prefix = `cc${++run}`;
        const raw = await openRawFile(e, csv('f.csv', t), 0, prefix).catch(() => null);
        if (!raw) return; // the sniff refused it (a quote never closed, say)
        try {
          const found = await raw.cleanScan!.final;
          const cols = rawColumns(raw);
          const same = await e.query<Record<string, boolean | null>>(
            `SELECT ${cols.map((c, i) => `coalesce(bool_and(clean_text(${c}) IS NOT DISTINCT FROM ${c}), true) AS k${i}`).join(', ')} FROM ${rawSource(raw)}`,
          ).catch(() => null);
          if (!same) return; // DuckDB refused the file outright
          const truth = cols.map((_, i) => same[0][`k${i}`] === true);
          found!.forEach((clean, i) => clean && expect(truth[i], `column ${i} of ${JSON.stringify(t)}`).toBe(true));
          const [{ n }] = await e.query<{ n: number }>(`SELECT count(*) AS n FROM ${prefix}_rejects_0`);
          if (n === 0 && found!.some((c) => c)) {
            exact++;
            expect(found, JSON.stringify(t)).toEqual(truth);
          }
        } finally {
          await e.dropFile(raw.registered);
        }
      }),
      { numRuns: 300 },
    );
    // Most files are read exactly (the scan gave up on none of their lines, and DuckDB rejected none).
    expect(exact).toBeGreaterThan(40);
  }, 120_000);
});
