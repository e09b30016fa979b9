import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { SliceScan, planSlices, type Cut } from '../../../src/lib/ingest/slices';

const UTF8 = { delimiter: ',', encoding: 'utf-8' };
const bytes = (text: string) => new TextEncoder().encode(text);

/** The cuts of `text` read in one push, or in the chunks `sizes` gives (cycled). */
function cutsOf(text: string, sliceBytes: number, sizes: readonly number[] = [], dialect = UTF8, headLines = 1): Cut[] {
  const scan = new SliceScan(dialect, sliceBytes, headLines);
  const b = bytes(text);
  for (let at = 0, i = 0; at < b.length; i++) {
    const n = sizes.length ? Math.max(1, sizes[i % sizes.length]) : b.length;
    scan.push(b.subarray(at, at + n));
    at += n;
  }
  return scan.cuts;
}

/**
 * The reference: each record of an ASCII CSV text (cells quoted with "" inside,
 * or unquoted without a quote mark or line break; records ending at \n or
 * \r\n), up to the first record that can't be read so. Returns where each
 * record starts and how many records end before it.
 */
function records(text: string): { start: number; lines: number }[] {
  const cell = /("(?:[^"]|"")*"|[^,"\r\n]*)(,|\r?\n|$)/y;
  const out = [{ start: 0, lines: 0 }];
  let at = 0;
  let lines = 0;
  while (at < text.length) {
    cell.lastIndex = at;
    const m = cell.exec(text);
    if (!m || cell.lastIndex === at) break;
    at = cell.lastIndex;
    if (m[2].endsWith('\n')) out.push({ start: at, lines: ++lines });
  }
  return out;
}

/**
 * The reference's cuts: for each slice, the first record start with text at
 * or past its place, after the first record (the head); none when the head
 * is an empty line.
 */
function referenceCuts(text: string, sliceBytes: number): Cut[] {
  const all = records(text);
  if (all.length < 2 || /^\r?\n/.test(text)) return [];
  const head = all[1].start;
  const starts = all.filter((r) => r.start > head && r.start < text.length && !/[\r\n]/.test(text[r.start]));
  const cuts: Cut[] = [];
  for (const r of starts) if (r.start >= (cuts.length + 1) * sliceBytes) cuts.push({ start: r.start, lines: r.lines, head });
  return cuts;
}

describe('SliceScan', () => {
  test('cuts at the first line start past each slice size, with the lines before it', () => {
    expect(cutsOf('a,b\n1,2\n3,4\n5,6\n', 6)).toEqual([{ start: 8, lines: 2, head: 4 }, { start: 12, lines: 3, head: 4 }]);
  });

  test('never cuts inside a quoted cell, whose line breaks are not line ends', () => {
    const text = 'a,b\n1,"x\ny\nz"\n2,"he said ""hi"",\nok"\n3,4\n';
    expect(cutsOf(text, 5)).toEqual([{ start: 14, lines: 2, head: 4 }, { start: 37, lines: 3, head: 4 }]);
  });

  test('does not cut before an empty line, nor at the end of the file, nor within the head', () => {
    expect(cutsOf('a\n\n\nb\nc\n', 2)).toEqual([{ start: 4, lines: 3, head: 2 }, { start: 6, lines: 4, head: 2 }]);
    expect(cutsOf('a\nb\nc\nd\n', 1, [], UTF8, 2)).toEqual([{ start: 6, lines: 3, head: 4 }]);
  });

  test('does not cut a file whose head has an empty line, as DuckDB might skip it otherwise', () => {
    expect(cutsOf('\na\nb\nc\n', 1)).toEqual([]);
    expect(cutsOf('t\r\n\r\na\nb\nc\n', 1, [], UTF8, 2)).toEqual([]);
  });

  test('reads \\r\\n line ends, and a byte order mark, as DuckDB does', () => {
    expect(cutsOf('\uFEFF"a",b\r\n"1",2\r\n3,4\r\n', 8)).toEqual([{ start: 17, lines: 2, head: 10 }]);
  });

  test('counts bytes, not characters', () => {
    // "é" is two bytes in UTF-8.
    expect(cutsOf('é,é\n1,2\n3,4\n', 8)).toEqual([{ start: 10, lines: 2, head: 6 }]);
  });

  test('stops where it cannot be sure how DuckDB splits a line, keeping the cuts before', () => {
    const before = 'a,b\n1,2\n3,4\n';
    expect(cutsOf(`${before}5,x"y\n6,7\n8,9\n`, 4)).toEqual(cutsOf(before + 'z', 4));
    expect(cutsOf(`${before}5,"x"y\n6,7\n8,9\n`, 4)).toEqual(cutsOf(before + 'z', 4));
    expect(cutsOf(`${before}5,x\ry\n6,7\n8,9\n`, 4)).toEqual(cutsOf(before + 'z', 4));
    expect(cutsOf(before, 4)).toHaveLength(1);
  });

  test('has no cuts for an encoding of more than one byte a character, or a delimiter it cannot read', () => {
    expect(cutsOf('a,b\n1,2\n3,4\n', 4, [], { delimiter: ',', encoding: 'utf-16' })).toEqual([]);
    expect(cutsOf('a"b\n1"2\n', 4, [], { delimiter: '"', encoding: 'utf-8' })).toEqual([]);
    expect(cutsOf('a;b\n1;2\n3;4\n', 4, [], { delimiter: ';', encoding: 'windows-1252' })).toHaveLength(1);
  });

  const cellText = fc.constantFrom('', 'x', 'two words', '"quoted"', '"a, b"', '"line\nbreak"', '"say ""hi"""', '"cr\r\nlf"', '""');
  const line = fc.array(cellText, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
  const csvText = fc.tuple(fc.array(line, { minLength: 1, maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([lines, end, last]) => lines.join(end) + (last ? end : ''));

  test('cuts where the reference reader finds a line with text, whatever the chunks (property)', () => {
    fc.assert(fc.property(csvText, fc.integer({ min: 1, max: 60 }), fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 5 }), (text, size, chunks) => {
      const expected = referenceCuts(text, size);
      expect(cutsOf(text, size)).toEqual(expected);
      expect(cutsOf(text, size, chunks)).toEqual(expected);
    }), { numRuns: 400, seed: 20261128 });
  });

  test('keeps the reference\'s cuts before a line it cannot read (property)', () => {
    const bad = fc.constantFrom('x"y', '"x"y', 'x\ry', '"never closed');
    fc.assert(fc.property(csvText, bad, csvText, fc.integer({ min: 1, max: 40 }), (a, b, c, size) => {
      const text = `${a}\n${b}\n${c}`;
      expect(cutsOf(text, size)).toEqual(referenceCuts(text, size));
    }), { numRuns: 300, seed: 20261128 });
  });
});

describe('planSlices', () => {
  test('gives each cut as the scan finds it, and null past the last', async () => {
    const plan = planSlices(bytes('a,b\n1,2\n3,4\n5,6\n'), UTF8, 6);
    expect(await plan.cut(2)).toEqual({ start: 12, lines: 3, head: 4 });
    expect(await plan.cut(1)).toEqual({ start: 8, lines: 2, head: 4 });
    expect(await plan.cut(3)).toBeNull();
    expect(plan.count()).toBe(3);
  });

  test('stops reading when told to, the cuts not found by then being null', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(3_000_000);
    const plan = planSlices(new File([text], 'big.csv'), UTF8, 1_000_000);
    expect(await plan.cut(1)).toEqual({ start: 1_000_000, lines: 250_000, head: 4 });
    plan.stop();
    expect(await plan.cut(12)).toBeNull();
    expect(plan.count()).toBeLessThan(12);
  });

  test('a file no bigger than a slice is not cut', async () => {
    expect(await planSlices(bytes('a,b\n1,2\n'), UTF8, 8).cut(1)).toBeNull();
  });

  test('a File is read a chunk at a time', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(3_000_000);
    const plan = planSlices(new File([text], 'big.csv'), UTF8, 5_000_000);
    expect(await plan.cut(1)).toEqual({ start: 5_000_000, lines: 1_250_000, head: 4 });
    expect(await plan.cut(2)).toEqual({ start: 10_000_000, lines: 2_500_000, head: 4 });
    expect(await plan.cut(3)).toBeNull();
  });
});
