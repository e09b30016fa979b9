import type { RawFile } from './read';
import { HEAD_BYTES, decode, parseLine, splitLines } from './sniff';

/** Slices read along a file besides its head, and their size. */
const SLICES = 16;
const SLICE_BYTES = 64 * 1024;
/** Lines parsed between pauses (a few milliseconds' work). */
const LINES_PER_TASK = 400;

/**
 * The distinct values (with how often each was seen), cleaned as clean_text cleans them, of some of a file's
 * columns in its head and in slices spread along it: about a megabyte read on
 * the page, whatever the file's size. A first guess at the values a column
 * holds (a direct write checks it against them all, see direct.ts): a line
 * cut by a slice's edge, or split wrongly inside a quoted field, only adds a
 * value no row holds.
 */
export async function sampleValues(raw: RawFile, columns: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const at = columns.map((c) => raw.columns.indexOf(c));
  const out = new Map(columns.map((c) => [c, new Map<string, number>()]));
  const size = raw.data instanceof Uint8Array ? raw.data.length : raw.data.size;
  // UTF-16 can't be cut at any byte: its head only.
  const starts = raw.dialect.encoding === 'utf-16' || size <= HEAD_BYTES ? [] : Array.from({ length: SLICES }, (_, k) => Math.floor(((k + 1) * size) / (SLICES + 1)));
  const texts = [decode(await bytes(raw.data, 0, HEAD_BYTES), raw.dialect.encoding)];
  for (const start of starts) {
    const text = decode(await bytes(raw.data, start, start + SLICE_BYTES), raw.dialect.encoding);
    texts.push(text.slice(text.search(/[\r\n]/) + 1));
  }
  const d = raw.dialect.delimiter;
  for (const text of texts) {
    const lines = splitLines(text, true);
    for (let from = 0; from < lines.length; from += LINES_PER_TASK) {
      // This runs on the page's thread: a pause now and then lets it draw.
      if (from > 0) await new Promise((resolve) => setTimeout(resolve, 0));
      for (const line of lines.slice(from, from + LINES_PER_TASK)) {
        const cells = line.includes('"') ? parseLine(line, d) : line.split(d);
        columns.forEach((c, i) => {
          const v = cleanText(cells[at[i]] ?? '');
          const seen = out.get(c)!;
          if (v) seen.set(v, (seen.get(v) ?? 0) + 1);
        });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}

async function bytes(data: File | Uint8Array, from: number, to: number): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data.subarray(from, to);
  return new Uint8Array(await data.slice(from, to).arrayBuffer());
}

/** As the clean_text macro: runs of whitespace made one space, trimmed; nothing left is null. */
function cleanText(s: string): string | null {
  return s.replace(/[\t\n\f\r ]+/g, ' ').replace(/^ | $/g, '') || null;
}
