import { byteRange, dataBytes } from './bytes';
import type { RawFile } from './read';
import { HEAD_BYTES, decode, firstDataLine, parseLine, splitLines } from './sniff';

/** Slices read along a file besides its head (the last ends at the file's end), and their size. */
const SLICES = 16;
const SLICE_BYTES = 64 * 1024;
/** Work done on the page's thread before it is given a moment to draw. */
const TASK_MS = 8;

/**
 * The distinct values (with how often each was seen), cleaned as clean_text
 * cleans them, of some of a file's columns in its data rows at the head and
 * in slices spread along it to its end: about a megabyte read on the page,
 * whatever the file's size. Only a first guess at the values a column holds:
 * a direct write checks it against them all (see direct.ts), so a slice
 * whose lines come out wrong (one starting inside a quoted line break) costs
 * time, never a wrong figure. Nothing is found when the file can't be read.
 */
export async function sampleValues(raw: RawFile, columns: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map(columns.map((c) => [c, new Map<string, number>()]));
  try {
    for await (const lines of sampledLines(raw)) count(raw, lines, columns, out);
  } catch {
    // A file that can't be read here fails its read in DuckDB too, with a message that says why.
  }
  return out;
}

/** Adds the columns' cleaned values in `lines` to `out`. */
function count(raw: RawFile, lines: readonly string[], columns: readonly string[], out: Map<string, Map<string, number>>): void {
  const at = columns.map((c) => raw.columns.indexOf(c));
  const d = raw.dialect.delimiter;
  for (const line of lines) {
    const cells = line.includes('"') ? parseLine(line, d) : line.split(d);
    columns.forEach((c, i) => {
      const v = cleanText(cells[at[i]] ?? '');
      const seen = out.get(c)!;
      if (v) seen.set(v, (seen.get(v) ?? 0) + 1);
    });
  }
}

/** The data lines of the head, then of each slice, a few milliseconds' worth at a time with a pause between. */
async function* sampledLines(raw: RawFile): AsyncGenerator<string[]> {
  const size = dataBytes(raw.data);
  // UTF-16 can't be cut at any byte: its head only.
  const slices = raw.dialect.encoding === 'utf-16' || size <= HEAD_BYTES ? 0 : SLICES;
  const starts = [...new Set(Array.from({ length: slices }, (_, k) => Math.max(HEAD_BYTES, Math.floor(((k + 1) * size) / slices) - SLICE_BYTES)))];
  // Every read asked for at once: a chosen file's bytes come through the browser, about 10 ms a read
  // whatever its size, so seventeen in turn took 175-290 ms (the engine idle meanwhile).
  const [head, ...sliceBytes] = await Promise.all([byteRange(raw.data, 0, HEAD_BYTES), ...starts.map((start) => byteRange(raw.data, start, start + SLICE_BYTES))]);
  const texts = [splitLines(decode(head, raw.dialect.encoding), size > HEAD_BYTES).slice(firstDataLine(raw.dialect))];
  starts.forEach((start, k) => {
    const text = decode(sliceBytes[k], raw.dialect.encoding);
    // The first line is cut by the slice's edge; so is the last, unless the slice ends the file.
    texts.push(splitLines(text.slice(text.search(/[\r\n]/) + 1), start + SLICE_BYTES < size));
  });
  let since = performance.now();
  for (const lines of texts) {
    for (let from = 0; from < lines.length; from += 200) {
      yield lines.slice(from, from + 200);
      if (performance.now() - since > TASK_MS) {
        await pause();
        since = performance.now();
      }
    }
  }
}

/** A moment for the page to draw: a message, not a timer, as timers in a hidden tab wait a second. */
function pause(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** As the clean_text macro: runs of whitespace made one space, trimmed; nothing left is null. */
function cleanText(s: string): string | null {
  return s.replace(/[\t\n\f\r ]+/g, ' ').replace(/^ | $/g, '') || null;
}
