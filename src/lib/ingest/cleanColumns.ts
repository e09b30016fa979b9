/**
 * Which of a file's columns need no cleaning: no cell starts or ends with a
 * space, holds two spaces together, or holds a tab, line break, carriage
 * return or form feed (the whitespace of clean_text's regular expressions;
 * a vertical tab is not). Such a column reads the same with or without the
 * clean_text macro (dates.ts), and staging reads it without: a
 * regular expression a cell is most of the cost of a load (15 text columns
 * of a million rows: about 2.5 s of an 8 s read in DuckDB-WASM).
 *
 * The scan reads the file's text as DuckDB does (the delimiter, double
 * quotes with "" inside, the lines `skip` passes over). A regular expression
 * finds the places where a cell might need cleaning (a space next to a
 * delimiter, line end or another space, a control character, a quote mark),
 * and only the lines holding one are split into cells, to learn their
 * column. Where it can't be sure how DuckDB splits a line (a quote mark
 * inside a cell, text after a closing quote, a lone carriage return, a quote
 * never closed, skipped lines ending unlike the first) it gives up, and every
 * column is cleaned, as before. A cell with no text is NULL either way
 * (DuckDB reads "" and nothing as NULL).
 */

import { decoderLabel, type Encoding } from './sniff';

/** How DuckDB reads the file, as far as the scan needs to know. */
export interface ScanDialect {
  /** The delimiter, one ASCII character. */
  delimiter: string;
  /** CSV lines before the first data row (DuckDB's `skip`); a quoted line break doesn't start a line. */
  skip: number;
  /** Columns read; cells beyond them are not read. */
  width: number;
}

const TAB = 9;
const LF = 10;
const VT = 11;
const FF = 12;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;

/** Where a line read cell by cell ended: the index after its line break, or one of these. */
const INCOMPLETE = -1; // the text ran out first
const UNSURE = -2; // DuckDB might split it differently

/** Scans a file's text in order, a chunk at a time. */
export class CleanColumnsScan {
  private readonly delimiter: number;
  private readonly width: number;
  private readonly dirty: Uint8Array;
  private readonly candidates: RegExp;
  private dirtyCount = 0;
  private skip: number;
  /** Text of an unfinished line, carried to the next chunk. */
  private carry = '';
  private gaveUp = false;
  /** How the first skipped line ended (see lineEnding). */
  private headEnding: string | null = null;

  constructor(dialect: ScanDialect) {
    const d = dialect.delimiter;
    const code = d.charCodeAt(0);
    if (d.length !== 1 || code > 127 || code === QUOTE || code === LF || code === CR || code === SPACE) {
      throw new Error(`Can't scan with delimiter ${JSON.stringify(d)}`);
    }
    this.delimiter = code;
    this.width = dialect.width;
    this.dirty = new Uint8Array(dialect.width);
    this.skip = dialect.skip;
    const dc = d.replace(/[\\\]^-]/g, '\\$&');
    const controls = code === TAB ? '\\f' : '\\t\\f';
    // Any place a cell might need cleaning, or a quote mark (its line must be split to know).
    this.candidates = new RegExp(`"|[${controls}]|\\r(?!\\n)| (?=[${dc} \\r\\n]|$)|[${dc}\\n] |^ `, 'g');
  }

  /** True once the answer can't change (every column needs cleaning, or the scan gave up): stop reading. */
  get settled(): boolean {
    return this.gaveUp || this.dirtyCount === this.width;
  }

  /** Reads the next text of the file; `last` for its end. */
  push(text: string, last = false): void {
    if (this.settled) return;
    let s = this.carry + text;
    this.carry = '';
    let pos = 0;
    while (this.skip > 0) {
      const end = skipLine(s, pos, last, this.delimiter);
      if (end === INCOMPLETE) {
        if (last) this.gaveUp = true; // a quote never closed
        else this.carry = s.slice(pos);
        return;
      }
      const ending = lineEnding(s, end);
      this.headEnding ??= ending;
      // DuckDB takes the first line's line break as the file's: skipped lines ending otherwise, it read no rows at all.
      if (ending !== this.headEnding && ending !== '') {
        this.gaveUp = true;
        return;
      }
      pos = end;
      this.skip--;
    }
    if (pos > 0) {
      s = s.slice(pos);
      pos = 0;
    }
    const limit = last ? s.length : s.lastIndexOf('\n') + 1;
    const re = this.candidates;
    re.lastIndex = 0;
    for (;;) {
      const m = re.exec(s);
      if (m === null || m.index >= limit) break;
      const lineStart = Math.max(pos, s.lastIndexOf('\n', m.index - 1) + 1);
      if (lineStart >= limit) break; // a space starting the next chunk's line
      const end = this.readLine(s, lineStart, last);
      if (end === UNSURE) {
        this.gaveUp = true;
        return;
      }
      if (end === INCOMPLETE) {
        if (last) this.gaveUp = true; // a quote never closed
        else this.carry = s.slice(lineStart);
        return;
      }
      if (this.settled) return;
      pos = end;
      // From the line break ending the line read, so that a space starting the next line is found.
      re.lastIndex = pos - 1;
    }
    if (!last) this.carry = s.slice(limit);
  }

  /** The answer so far: for each column, true when none of its cells read yet needs cleaning (all false once the scan gave up). */
  soFar(): boolean[] {
    return Array.from(this.dirty, (d) => !this.gaveUp && d === 0);
  }

  /**
   * The answer once the whole file is read: for each column, true when none
   * of its cells needs cleaning. Every column false when the scan gave up.
   */
  finish(): boolean[] {
    if (this.carry !== '' || this.skip > 0) this.push('', true);
    return this.soFar();
  }

  /**
   * Reads the line starting at `from` cell by cell, marking the columns
   * whose cell needs cleaning. Returns the index after its line break (or
   * the text's end, for the file's last line), INCOMPLETE or UNSURE.
   */
  private readLine(s: string, from: number, last: boolean): number {
    const delim = this.delimiter;
    let column = 0;
    let atStart = true;
    let lastSpace = false;
    let quoted = false;
    const n = s.length;
    for (let i = from; i < n; i++) {
      const b = s.charCodeAt(i);
      if (quoted) {
        if (b === QUOTE) {
          if (s.charCodeAt(i + 1) === QUOTE) {
            i++;
            atStart = lastSpace = false;
          } else if (i + 1 === n && !last) return INCOMPLETE; // "" may be split between chunks
          else {
            quoted = false;
            const next = s.charCodeAt(i + 1);
            if (i + 1 < n && next !== delim && next !== LF && next !== CR) return UNSURE; // text after a closing quote
          }
        } else if (b > SPACE) atStart = lastSpace = false;
        else {
          if (b === SPACE ? atStart || lastSpace : b >= TAB && b <= CR && b !== VT) this.mark(column);
          atStart = false;
          lastSpace = b === SPACE;
        }
      } else if (b === delim) {
        if (lastSpace) this.mark(column);
        column++;
        atStart = true;
        lastSpace = false;
      } else if (b === LF || b === CR) {
        if (lastSpace) this.mark(column);
        if (b === LF) return i + 1;
        if (i + 1 === n) return last ? n : INCOMPLETE;
        if (s.charCodeAt(i + 1) === LF) return i + 2;
        return UNSURE; // a lone carriage return
      } else if (b === QUOTE) {
        if (!atStart) return UNSURE; // a quote inside an unquoted cell
        quoted = true;
      } else if (b === SPACE) {
        if (atStart || lastSpace) this.mark(column);
        atStart = false;
        lastSpace = true;
      } else {
        if (b === TAB || b === FF) this.mark(column);
        atStart = lastSpace = false;
      }
    }
    if (quoted || !last) return INCOMPLETE;
    if (lastSpace) this.mark(column);
    return n;
  }

  private mark(column: number): void {
    if (column < this.width && this.dirty[column] === 0) {
      this.dirty[column] = 1;
      this.dirtyCount++;
    }
  }
}

/**
 * The index after the CSV line starting at `from`, or INCOMPLETE. A quote mark
 * opens a quoted cell (whose line breaks don't end the line) only at a cell's
 * start; inside an unquoted cell it is text, as DuckDB reads the lines it
 * skips (a title line ending `,a,"` made DuckDB read the next line as data).
 */
function skipLine(s: string, from: number, last: boolean, delimiter: number): number {
  let quoted = false;
  let atStart = true;
  for (let i = from; i < s.length; i++) {
    const b = s.charCodeAt(i);
    if (quoted) {
      if (b !== QUOTE) continue;
      if (i + 1 === s.length && !last) return INCOMPLETE; // "" may be split between chunks
      if (s.charCodeAt(i + 1) === QUOTE) i++;
      else quoted = false;
    } else if (b === LF || b === CR) {
      if (b === LF) return i + 1;
      if (i + 1 === s.length) return last ? i + 1 : INCOMPLETE;
      return s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    } else if (b === QUOTE && atStart) quoted = true;
    atStart = !quoted && b === delimiter;
  }
  return last && !quoted ? s.length : INCOMPLETE;
}

/** The line break ending a line that ends at `end`: "\n", "\r\n", "\r", or '' at the text's end without one. */
function lineEnding(s: string, end: number): string {
  const b = s.charCodeAt(end - 1);
  if (b === CR) return '\r';
  if (b !== LF) return '';
  return s.charCodeAt(end - 2) === CR ? '\r\n' : '\n';
}

/** Bytes read at a time: small enough to hold little memory, large enough for few reads. */
const CHUNK_BYTES = 4 << 20;

/**
 * Scans a whole file (see CleanColumnsScan), a chunk at a time, stopping as
 * soon as the answer can't change. Every column false when it can't tell.
 * `early` hears the answer after the first chunk, a guess to start from.
 */
export async function scanCleanColumns(
  data: Blob | Uint8Array, dialect: ScanDialect, encoding: Encoding, early: (soFar: boolean[]) => void = () => {},
): Promise<boolean[]> {
  const size = data instanceof Uint8Array ? data.length : data.size;
  const scan = new CleanColumnsScan(dialect);
  let decoder: TextDecoder | null = null;
  for (let at = 0; at < size && !scan.settled; at += CHUNK_BYTES) {
    const end = Math.min(size, at + CHUNK_BYTES);
    const bytes = data instanceof Uint8Array ? data.subarray(at, end) : new Uint8Array(await data.slice(at, end).arrayBuffer());
    // Only ASCII matters to the scan, so Windows-1252 needs none of decodeWindows1252's mending.
    decoder ??= new TextDecoder(decoderLabel(encoding, bytes));
    scan.push(decoder.decode(bytes, { stream: end < size }), end === size);
    if (at === 0 && end < size) early(scan.soFar());
  }
  return scan.finish();
}
