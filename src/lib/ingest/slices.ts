/**
 * Where a big CSV file can be cut so that DuckDB reads it a slice at a time,
 * each slice as if it were a file of its own: at line starts outside quoted
 * cells. A load compressed as it is written (UNCOMPRESSED_STAGING_BYTES)
 * holds every row of a statement uncompressed until the statement commits;
 * written a slice at a time, only one slice's rows are. A 5-million-row
 * export touched 2.0 GB of new memory instead of 3.7 GB, and its statements
 * took 33 s instead of 55 s in the browser, journey columns included
 * (touching new memory is most of the cost of a big load on a virtual machine).
 *
 * The bytes are read as DuckDB's reader splits them: a double quote opens a
 * quoted cell only at a cell's start, "" inside one is a quote mark, and a
 * line ends at a line feed (after a carriage return or not) outside quotes.
 * Where it can't be sure how DuckDB splits a line (a quote mark inside an
 * unquoted cell, text after a closing quote, a lone carriage return, an
 * empty line among those DuckDB skips) it makes no cut past that point; a
 * file in an encoding of more than one byte a character is not cut at all.
 */

import { byteRange, dataBytes } from './bytes';

/**
 * Where a slice after the first starts: its byte offset, and the lines
 * DuckDB reads before it (line ends outside quotes). DuckDB reads a file's
 * first lines to settle how its lines end, so a slice is read with the
 * file's head (its first lines, up to `head`, skipped) before its own bytes.
 */
export interface Cut {
  start: number;
  lines: number;
  head: number;
}

/**
 * The cuts of a file as they are found (see planSlices): `cut(k)` is where
 * slice k starts (k from 1), or null when there is no slice k: the slice
 * before it runs to the end of the file.
 */
export interface SlicePlan {
  cut(k: number): Promise<Cut | null>;
  /** How many slices there are, once the scan has read the whole file; null until then. */
  count(): number | null;
  /** Stops the scan (its load was given up): cuts not found by then are null. */
  stop(): void;
}

/** How a file is read, as far as cutting it needs to know. */
export interface SliceDialect {
  /** One ASCII character. */
  delimiter: string;
  encoding: string;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Reads a file's bytes in order, a chunk at a time, and says where to cut it (see SlicePlan). */
export class SliceScan {
  private readonly delimiter: number;
  /** Where the slices after the first start, as found. */
  readonly cuts: Cut[] = [];
  /** Bytes read so far. */
  private at = 0;
  /** Line ends outside quotes read so far. */
  lines = 0;
  private quoted = false;
  /** The last byte read was a quote mark inside a quoted cell: the next byte says whether it closes the cell. */
  private quoteEnds = false;
  /** The last byte read was a carriage return outside quotes: the next must be a line feed. */
  private crEnds = false;
  private atCellStart = true;
  /** A line start at or past the next cut, taken when the line turns out to have text. */
  private candidate = -1;
  /** Where the line being read starts, and the last carriage return outside quotes. */
  private lineStart = 0;
  private lastCr = -1;
  /**
   * Where the file's first `headLines` lines end (-1 until then): the lines
   * DuckDB skips (titles and the header, or at least the first line), which
   * every slice starts with (see Cut).
   */
  headEnd = -1;
  private gaveUp = false;

  /** `sliceBytes`: about how big each slice is; `headLines`: see headEnd. */
  constructor(dialect: SliceDialect, private readonly sliceBytes: number, private readonly headLines = 1) {
    this.delimiter = dialect.delimiter.charCodeAt(0);
    const oneByte = /^(utf-?8|latin-?1|windows-1252|iso-8859-1|ascii)$/i.test(dialect.encoding);
    if (dialect.delimiter.length !== 1 || this.delimiter > 127 || [LF, CR, QUOTE].includes(this.delimiter) || !oneByte) this.gaveUp = true;
  }

  /** True once there can be no plan: stop reading. */
  get failed(): boolean {
    return this.gaveUp;
  }

  /**
   * Reads the file's next bytes. Only quote marks, line ends and carriage
   * returns change anything, so it jumps from one to the next (indexOf is
   * several times quicker than a loop over every byte).
   */
  push(bytes: Uint8Array): void {
    if (this.gaveUp) return;
    const delim = this.delimiter;
    const n = bytes.length;
    let i = 0;
    // A UTF-8 byte order mark is not part of the first cell.
    if (this.at === 0 && n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = this.lineStart = 3;
    // The next quote mark, line feed and carriage return at or after i (-1: none in these bytes).
    let quote = -2;
    let lf = -2;
    let cr = -2;
    while (i < n) {
      const b = bytes[i];
      if (this.candidate >= 0) {
        // A cut goes before a line with text: an empty line at a slice's start might be read otherwise.
        if (b !== LF && b !== CR) this.cut(this.candidate);
        this.candidate = -1;
      }
      if (this.quoteEnds) {
        this.quoteEnds = false;
        if (b === QUOTE) {
          i++; // "" inside a quoted cell
          continue;
        }
        this.quoted = false;
        if (b !== delim && b !== LF && b !== CR) return this.giveUp(); // text after a closing quote
      } else if (this.crEnds) {
        this.crEnds = false;
        if (b !== LF) return this.giveUp(); // a lone carriage return
      }
      if (this.quoted) {
        if (quote < i && quote !== -1) quote = bytes.indexOf(QUOTE, i);
        if (quote < 0) break;
        this.quoteEnds = true;
        i = quote + 1;
        continue;
      }
      if (quote < i && quote !== -1) quote = bytes.indexOf(QUOTE, i);
      if (cr < i && cr !== -1) cr = bytes.indexOf(CR, i);
      if (lf < i && lf !== -1) lf = bytes.indexOf(LF, i);
      let next = n;
      if (quote >= 0) next = quote;
      if (lf >= 0 && lf < next) next = lf;
      if (cr >= 0 && cr < next) next = cr;
      if (next === n) {
        this.atCellStart = bytes[n - 1] === delim || bytes[n - 1] === LF;
        break;
      }
      if (next > i) this.atCellStart = bytes[next - 1] === delim || bytes[next - 1] === LF;
      const c = bytes[next];
      i = next + 1;
      if (c === LF) {
        this.lines++;
        this.atCellStart = true;
        const start = this.at + i;
        if (this.lines <= this.headLines) {
          // An empty line among the lines DuckDB skips: it might count it otherwise.
          const lf = start - 1;
          if (lf === this.lineStart || (lf === this.lineStart + 1 && this.lastCr === this.lineStart)) return this.giveUp();
          if (this.lines === this.headLines) this.headEnd = start;
        } else if (start > this.headEnd && start >= (this.cuts.length + 1) * this.sliceBytes) this.candidate = start;
        this.lineStart = start;
      } else if (c === CR) {
        this.crEnds = true;
        this.lastCr = this.at + next;
      }
      else if (!this.atCellStart) return this.giveUp(); // a quote mark inside an unquoted cell
      else this.quoted = true;
    }
    this.at += n;
  }

  private cut(start: number): void {
    this.cuts.push({ start, lines: this.lines, head: this.headEnd });
  }

  private giveUp(): void {
    this.gaveUp = true;
  }
}

/** Bytes read at a time: small enough that a chunk's scan never holds up the page (about 4 ms). */
const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The bytes of `data` in order, a chunk at a time, each chunk read into the
 * same buffer where the browser allows it (a stream's "bring your own
 * buffer" reader): memory touched for the first time is slow, and a new
 * buffer for each of a big file's chunks cost seconds. Each chunk is only
 * good until the next is asked for.
 */
async function* chunks(data: File | Uint8Array): AsyncGenerator<Uint8Array> {
  const size = dataBytes(data);
  let reader: ReadableStreamBYOBReader | null = null;
  try {
    if (!(data instanceof Uint8Array)) reader = data.stream().getReader({ mode: 'byob' });
  } catch {
    reader = null;
  }
  if (!reader) {
    for (let at = 0; at < size; at += CHUNK_BYTES) yield await byteRange(data, at, Math.min(size, at + CHUNK_BYTES));
    return;
  }
  try {
    let buffer = new ArrayBuffer(CHUNK_BYTES);
    for (;;) {
      const { value, done } = await reader.read(new Uint8Array(buffer));
      if (done || !value) return;
      yield value;
      buffer = value.buffer;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * Starts cutting `data` into slices of about `sliceBytes` (see SliceScan):
 * each cut is known as soon as the scan passes it, so the first slice can be
 * read while the rest of the file is scanned. Lines are counted as the scan
 * goes, for the line numbers of each slice's malformed lines. A cut depends
 * only on the bytes before it, so a scan that gives up further on (or a
 * quote never closed) keeps the cuts it found; its last slice runs to the end.
 */
export function planSlices(data: File | Uint8Array, dialect: SliceDialect, sliceBytes: number, headLines = 1): SlicePlan {
  const size = dataBytes(data);
  const scan = new SliceScan(dialect, sliceBytes, headLines);
  let waiting: { k: number; answer: (cut: Cut | null) => void }[] = [];
  let done = false;
  let stopped = false;
  const settle = () => {
    waiting = waiting.filter((w) => {
      const found = w.k <= scan.cuts.length;
      if (found || done) w.answer(found ? scan.cuts[w.k - 1] : null);
      return !(found || done);
    });
  };
  void (async () => {
    try {
      if (size <= sliceBytes) return;
      let seen = 0;
      for await (const chunk of chunks(data)) {
        if (stopped) break;
        scan.push(chunk);
        seen += chunk.length;
        done = seen >= size || scan.failed;
        settle();
        if (done) break;
        // A stream's reads end in promises: without a task between chunks the page drew no frame for up to 0.85 s.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      done = true;
      settle();
    }
  })().catch(() => {});
  return {
    cut: (k) => new Promise((answer) => {
      waiting.push({ k, answer });
      settle();
    }),
    count: () => (done ? scan.cuts.length + 1 : null),
    stop: () => {
      stopped = true;
    },
  };
}
