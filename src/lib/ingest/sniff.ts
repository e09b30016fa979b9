/**
 * Looks at the first bytes of a file and works out how to read it: encoding,
 * delimiter, and which line is the header (report tools put title lines above
 * it). Pure and synchronous so it is tested in Node; DuckDB then reads the
 * whole file with these settings.
 */

export type Encoding = 'utf-8' | 'utf-16' | 'windows-1252';

export interface Dialect {
  encoding: Encoding;
  delimiter: string;
  /**
   * Lines before the header line (title lines, blank lines), counted as CSV
   * lines like DuckDB's `skip` counts them: a quoted line break doesn't start a line.
   */
  headerLine: number;
  /** Header cells, trimmed, as written in the file. */
  header: string[];
  /** Fields per data row (can exceed the header when rows end with a delimiter). */
  width: number;
  /** Up to 50 parsed data rows after the header, for previews and detection. */
  sample: string[][];
  /**
   * True when the first line looks like data, not names (no header row):
   * `header` is then "Column 1", "Column 2"… and `headerLine` is the first data line.
   */
  headerless: boolean;
  /**
   * True when the lines up to the first data row don't all end with the same
   * line break (a title ending LF above CRLF rows, say). DuckDB's strict
   * reading takes the first line's break as the file's and then read no rows
   * at all, without an error, so such a file is read without strictness.
   */
  mixedLineBreaks: boolean;
}

export class SniffError extends Error {}

/** The CSV lines before the data rows (titles, blank lines, the header), which DuckDB's `skip` passes over; without a header row the data start on `headerLine`. */
export const firstDataLine = (d: Pick<Dialect, 'headerless' | 'headerLine'>) => (d.headerless ? d.headerLine : d.headerLine + 1);

/** How many bytes of a file are inspected. */
export const HEAD_BYTES = 256 * 1024;
/** The most columns an export may have (a real one has tens; see sniff). */
export const MAX_COLUMNS = 1000;

const DELIMITERS = [',', ';', '\t', '|'];

/** Works out encoding, delimiter and header row from a file's first bytes. */
export function sniff(head: Uint8Array, fileName = 'the file'): Dialect {
  if (head.length === 0) throw new SniffError(`${fileName} is empty (0 bytes). Export it again from your case system and choose the new file.`);
  const encoding = detectEncoding(head);
  if (encoding !== 'utf-16' && looksLikeUtf16WithoutBom(head)) {
    throw new SniffError(
      `${fileName} is saved as "Unicode text" (UTF-16) without the marker that says so, which can't be read reliably. In Excel, use "Save As" → "CSV UTF-8 (Comma delimited)" and choose the new file.`,
    );
  }
  if (encoding !== 'utf-16' && looksBinary(head)) {
    // Workbooks are known by their contents (workbookFormat.ts), so one named as a workbook that reaches here isn't one.
    // A PDF report ("%PDF") given a data file's name: the data are in the case system, not in it.
    const pdf = head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46;
    throw new SniffError(
      pdf ? `${fileName} is a PDF report, not a data export: a report's figures can't be read back as records. Export the enquiry records from your case system as CSV or Excel, and choose that file.`
      : /\.xls[xm]?"?$/i.test(fileName)
        ? `${fileName} isn't an Excel workbook this app can open: it may be damaged, or another kind of file given a workbook's name. Open it in Excel and save it again as a workbook (.xlsx) or as "CSV (Comma delimited)", then choose the new file.`
        : `${fileName} doesn't look like a CSV file or an Excel workbook (it contains binary data). Export the enquiry records from your case system as CSV or Excel (.xlsx), and choose that file.`,
    );
  }
  const other = encoding === 'windows-1252' ? otherEncoding(head) : null;
  if (other) {
    throw new SniffError(
      `${fileName} is saved in a character encoding this app can't read (it looks like ${other}). In Excel, use "Save As" → "CSV UTF-8 (Comma delimited)" and choose the new file.`,
    );
  }
  const text = decode(head, encoding);
  const truncated = head.length >= HEAD_BYTES;
  const breaks: string[] = [];
  const lines = splitLines(text, truncated, breaks);
  if (truncated && !lines.length && text.trim() !== '') {
    // The first line does not end within the bytes read: not "no text", but no rows to read either.
    throw new SniffError(
      `${fileName} has no line break in its first ${Math.round(HEAD_BYTES / 1024)} KB, so it can't be read as the rows of an export. Export the enquiry records from your case system as CSV (one enquiry a line) or Excel (.xlsx), and choose that file.`,
    );
  }
  if (lines.every((l) => l.trim() === '')) throw new SniffError(`${fileName} has no text in it. Export it again and choose the new file.`);

  const delimiter = detectDelimiter(lines);
  const unclosed = unclosedQuote(text, delimiter);
  if (unclosed) {
    throw new SniffError(
      `${fileName} has a quote mark (") on line ${unclosed.toLocaleString('en-GB')} that is never closed, so every line after it would be read as one cell. Correct that line (or export again) and choose the file again.`,
    );
  }
  const parsed = lines.map((l) => parseLine(l, delimiter));
  const found = findHeader(parsed);
  const headerIdx = found ?? Math.max(0, parsed.findIndex((r) => r.some((c) => c.trim() !== '')));
  const headerless = found === null && parsed[headerIdx].some((c) => looksLikeDateCell(c));
  const dataFrom = firstDataLine({ headerless, headerLine: headerIdx });
  const rows = parsed.slice(dataFrom).filter((r) => r.some((c) => c.trim() !== ''));
  const width = Math.max(headerless ? 0 : parsed[headerIdx].length, modalWidth(rows) ?? 0);
  if (width > MAX_COLUMNS) {
    // Each column is a column of every table the load writes: thousands can fill the tab's memory from a small file.
    throw new SniffError(
      `${fileName} has ${width.toLocaleString('en-GB')} columns; this app reads exports of up to ${MAX_COLUMNS.toLocaleString('en-GB')}. Export the enquiry records again with only the columns you need (ids, dates, status, reasons, source, campaign, equality fields), and choose that file.`,
    );
  }
  const header = headerless ? Array.from({ length: width }, (_, i) => `Column ${i + 1}`) : parsed[headerIdx].map((c) => c.trim());
  const mixedLineBreaks = new Set(breaks.slice(0, dataFrom + 1)).size > 1;
  return { encoding, delimiter, headerLine: headerIdx, header, width, sample: rows.slice(0, 50), headerless, mixedLineBreaks };
}

const DATE_CELL = /^\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?|\d{1,2}[-\s][A-Za-z]{3,9}[-\s,]+\d{2,4})\s*$/;

/** A header cell is a name, never a date: a date in the first line means it is data. */
function looksLikeDateCell(cell: string): boolean {
  return DATE_CELL.test(cell);
}

/**
 * The line (1-based, as an editor counts) of a quote mark that opens a field
 * and is never closed, when at least half the file's lines that look like
 * records come after it (they would all be swallowed into one cell); otherwise null.
 */
export function unclosedQuote(text: string, delimiter: string): number | null {
  let line = 1;
  let openedAt = 0;
  let openedIdx = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      openedAt = line;
      openedIdx = i;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
    fieldStart = ch === delimiter || ch === '\n' || ch === '\r' || (fieldStart && (ch === ' ' || ch === '\t') && delimiter !== '\t');
  }
  if (!inQuotes) return null;
  // Lines after the opening one that hold delimiters are records swallowed into the cell.
  // A few at the end are counted as malformed by the reader; most of the file is an error.
  const recordLike = (l: string) => l.split(delimiter).length > 2;
  const swallowed = text.slice(openedIdx).split(/\r\n|\n|\r/).slice(1).filter(recordLike).length;
  const records = text.split(/\r\n|\n|\r/).filter(recordLike).length;
  return swallowed > 0 && swallowed * 2 >= records - 1 ? openedAt : null;
}

/**
 * A guess at the encoding of bytes that are neither UTF-8 nor Windows-1252
 * text: in Windows-1252 (Western European) text, bytes above 127 are letters
 * such as é or ’ standing alone among plain ones; in East Asian encodings they
 * come in pairs. Null when the bytes look like Windows-1252.
 */
export function otherEncoding(head: Uint8Array): string | null {
  let high = 0;
  let paired = 0;
  const n = Math.min(head.length, 65536);
  for (let i = 0; i < n; i++) {
    if (head[i] < 0x80) continue;
    high++;
    if ((i > 0 && head[i - 1] >= 0x80) || (i + 1 < n && head[i + 1] >= 0x80)) paired++;
  }
  if (high < 8 || paired / high < 0.6) return null;
  // UTF-8 with a few broken bytes also has its high bytes in runs: it is mostly valid UTF-8.
  const asUtf8 = new TextDecoder('utf-8').decode(head.subarray(0, n));
  const broken = asUtf8.match(/\uFFFD/g)?.length ?? 0;
  const letters = asUtf8.match(/[^\x00-\x7f\uFFFD]/g)?.length ?? 0;
  if (letters > broken * 4) return null;
  for (const [label, name] of [['shift_jis', 'Japanese (Shift-JIS)'], ['euc-kr', 'Korean (EUC-KR)'], ['big5', 'Chinese (Big5)'], ['gbk', 'Chinese (GBK)']]) {
    try {
      new TextDecoder(label, { fatal: true }).decode(head.subarray(0, Math.max(0, n - 3)));
      return name;
    } catch {
      // not this one
    }
  }
  return 'an East Asian or other non-Western encoding';
}

/** BOM first, then strict UTF-8, otherwise Windows-1252 (what Excel on Windows writes). */
export function detectEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'utf-16';
  // A multi-byte character may be cut at the end of the sample: ignore the last 3 bytes.
  const body = head.length > 4 ? head.subarray(0, head.length - 3) : head;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Text in UTF-16 has a zero byte in every other position (ASCII characters). */
function looksLikeUtf16WithoutBom(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const half = n / 2;
  return (odd / half > 0.6 && even / half < 0.05) || (even / half > 0.6 && odd / half < 0.05);
}

function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / n > 0.05;
}

/** Text of bytes in an encoding sniff found (a byte-order mark dropped). */
export function decode(head: Uint8Array, encoding: Encoding): string {
  if (encoding === 'windows-1252') return decodeWindows1252(head);
  return new TextDecoder(decoderLabel(encoding, head)).decode(head).replace(/^\uFEFF/, '');
}

/** The TextDecoder label for a file's encoding, given its first bytes (UTF-16's byte order is in its first two). */
export function decoderLabel(encoding: Encoding, head: Uint8Array): string {
  return encoding === 'utf-16' ? (head[0] === 0xfe ? 'utf-16be' : 'utf-16le') : encoding;
}

/** What Windows-1252 keeps in the bytes 0x80-0x9F (five are unassigned and stay as they are). */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Decodes Windows-1252 bytes. Node's TextDecoder (from 20.18.3, nodejs/node#60888)
 * reads them as latin-1, giving control characters for ’ “ ” – €, so those are mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]);
}

/**
 * Splits text into logical CSV lines (a quoted field may hold a line break).
 * When the sample was cut short, the last partial line is dropped. `breaks`,
 * when given, gets the line break ending each line ("\n", "\r\n" or "\r").
 */
export function splitLines(text: string, truncated = false, breaks?: string[]): string[] {
  const lines: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if ((ch === '\n' || ch === '\r') && !inQuotes) {
      lines.push(text.slice(start, i));
      const crlf = ch === '\r' && text[i + 1] === '\n';
      breaks?.push(crlf ? '\r\n' : ch);
      if (crlf) i++;
      start = i + 1;
    }
  }
  if (start < text.length && !truncated) lines.push(text.slice(start));
  return lines;
}

/** Parses one CSV line with double-quote quoting ("" is a literal quote). */
export function parseLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQuotes) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQuotes = false;
      } else cur += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function modalWidth(rows: string[][]): number | null {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let best: number | null = null;
  let bestN = 0;
  for (const [w, n] of counts) if (n > bestN || (n === bestN && best !== null && w > best)) [best, bestN] = [w, n];
  return best;
}

/** The delimiter that splits most non-blank lines into the same number (>1) of fields. */
export function detectDelimiter(lines: string[]): string {
  const nonBlank = lines.filter((l) => l.trim() !== '').slice(0, 200);
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const widths = nonBlank.map((l) => parseLine(l, d).length);
    const mode = modalWidth(widths.map((w) => new Array<string>(w)));
    if (!mode || mode < 2) continue;
    const consistent = widths.filter((w) => w === mode).length / widths.length;
    const score = consistent * Math.log2(mode + 1);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

const NUMERIC_OR_DATE = /^[\s£$€]*[-+]?[\d.,/:\s-]+%?\s*$|^\d{1,2}[-\s][A-Za-z]{3,9}[-\s]\d{2,4}$/;

/**
 * The header is the first line that fills most of the table's width with
 * label-like cells (not numbers or dates) and is followed by rows of that width.
 */
export function detectHeader(parsed: string[][]): number {
  return findHeader(parsed) ?? Math.max(0, parsed.findIndex((r) => r.some((c) => c.trim() !== '')));
}

/** The header line by the rule of detectHeader, or null when no line fits it. */
function findHeader(parsed: string[][]): number | null {
  const rows = parsed.filter((r) => r.some((c) => c.trim() !== ''));
  const width = modalWidth(rows) ?? 1;
  for (let i = 0; i < Math.min(parsed.length, 60); i++) {
    const cells = parsed[i].map((c) => c.trim());
    const filled = cells.filter((c) => c !== '');
    // At least two cells when the table has two columns: a title line has one.
    if (filled.length < Math.max(Math.min(2, width), Math.ceil(width * 0.5))) continue;
    const labels = filled.filter((c) => !NUMERIC_OR_DATE.test(c));
    if (labels.length / filled.length < 0.7) continue;
    return i;
  }
  return null;
}
