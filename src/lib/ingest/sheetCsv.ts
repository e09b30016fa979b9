import type { CellObject, Range } from '@e965/xlsx';
import { detectHeader } from './sniff';
import { MAX_CSV_BYTES, SAVE_AS_CSV, WorkbookError, bytesInWords } from './workbookFormat';

/**
 * Turns a worksheet's cells into CSV text the ordinary reader takes: dates as
 * ISO yyyy-mm-dd, numbers as plain text, formulas as their cached values.
 * Title rows stay where they are (the reader's sniffing skips them); merged
 * cells are unmerged the way a person reads them (see `unmergeHeader`).
 */

/** A worksheet as the parser gives it in dense mode, with what this module needs. */
export interface SheetCells {
  rows: (CellObject[] | undefined)[];
  merges: Range[];
  date1904: boolean;
  /** Tells whether a number format shows a date (the parser's own test). */
  isDateFormat: (format: string) => boolean;
}

const DAY_MS = 86_400_000;

/** An Excel date serial as yyyy-mm-dd (the 1900 system counts a 29 Feb 1900 that never was). */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const days = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, days < 60 ? 31 : 30);
  return new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
}

/** A number as Excel shows it in General format (15 significant digits), never in exponent form below 1e21. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  return String(Number(n.toPrecision(15)));
}

/** The text a cell stands for. */
export function cellText(cell: CellObject | undefined, sheet: Pick<SheetCells, 'date1904' | 'isDateFormat'>): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return Number.isNaN(d.getTime()) ? String(cell.w ?? '') : d.toISOString().slice(0, 10);
    }
    case 'n': {
      const n = Number(cell.v);
      if (cell.z && typeof cell.z === 'string' && sheet.isDateFormat(cell.z)) {
        // A time of day alone (serial below 1) keeps the text Excel shows.
        return serialToIso(n, sheet.date1904) ?? String(cell.w ?? plainNumber(n));
      }
      return plainNumber(n);
    }
    default:
      return ''; // errors (#N/A) and empty cells
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Whether a cell holds anything that becomes text (cheaper than making the text). */
const hasValue = (cell: CellObject | undefined) =>
  !!cell && cell.v !== undefined && cell.v !== null && cell.v !== '' && cell.t !== 'e' && cell.t !== 'z';

/** The used width and height (the last column and row holding anything), and how many rows hold anything. */
export function usedExtent(sheet: SheetCells): { width: number; height: number; filledRows: number } {
  let width = 0;
  let height = 0;
  let filledRows = 0;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    let last = -1;
    for (let c = row.length - 1; c >= 0; c--) {
      if (hasValue(row[c])) {
        last = c;
        break;
      }
    }
    if (last < 0) return;
    width = Math.max(width, last + 1);
    height = r + 1;
    filledRows++;
  });
  return { width, height, filledRows };
}

/** Rows of text, with vertically merged cells' value given to every row they span. */
export function* textRows(sheet: SheetCells, width: number, height: number): Generator<string[]> {
  // Merges don't overlap, so the ones active on a row are at most one per column.
  const vertical = sheet.merges.filter((m) => m.e.r > m.s.r && m.s.c < width).sort((a, b) => a.s.r - b.s.r);
  let next = 0;
  let active: { until: number; c: number; text: string }[] = [];
  for (let r = 0; r < height; r++) {
    const row = sheet.rows[r];
    const cells = new Array<string>(width);
    for (let c = 0; c < width; c++) cells[c] = cellText(row?.[c], sheet);
    while (next < vertical.length && vertical[next].s.r <= r) {
      const m = vertical[next++];
      if (m.s.r === r) active.push({ until: m.e.r, c: m.s.c, text: cells[m.s.c] });
    }
    active = active.filter((a) => a.until >= r);
    for (const a of active) if (cells[a.c] === '') cells[a.c] = a.text;
    yield cells;
  }
}

/** Rows near the top where header cells may be merged. */
export const HEADER_ROWS = 30;

const NUMBERISH = /^[\s£$€]*[-+]?[\d.,/:\s-]+%?\s*$/;

/**
 * Headers of two rows: a label merged across several columns ("Stage 1"
 * over "Date" and "Outcome") is a group; it is joined to the labels below
 * ("Stage 1 Date", "Stage 1 Outcome") and the group row is emptied, with the
 * row's other labels moved down, so the lower row is the one complete header.
 * A title merged across the sheet stays a title (the only text in its row).
 */
export function unmergeHeader(head: string[][], merges: readonly Range[]): void {
  // Only above the data: a row with figures or dates beside other cells is data.
  const dataLike = (row: readonly string[]) => row.filter((c) => c !== '').length >= 2 && row.some((c) => c !== '' && NUMBERISH.test(c));
  for (let r = 0; r + 1 < head.length && !dataLike(head[r + 1]); r++) {
    const groups = merges.filter((m) => m.s.r <= r && m.e.r === r && m.e.c > m.s.c && head[r][m.s.c] !== '');
    const filled = head[r].filter((c) => c !== '').length;
    if (!groups.length || filled < 2) continue;
    const below = head[r + 1];
    const labelled = groups.some((g) => below.slice(g.s.c, g.e.c + 1).some((c) => c !== '' && !NUMBERISH.test(c)));
    if (!labelled) continue;
    const groupOf = (c: number) => groups.find((g) => g.s.c <= c && c <= g.e.c);
    for (let c = 0; c < below.length; c++) {
      const g = groupOf(c);
      const above = g ? head[r][g.s.c] : head[r][c];
      if (g) below[c] = below[c] ? `${above} ${below[c]}` : above;
      else if (below[c] === '') below[c] = above;
    }
    head[r] = head[r].map(() => '');
  }
}

const DATE_HEADER = /date|\bwhen\b|\bd\.?o\.?b\b/i;
const SERIAL = /^\d{5}$/;
/** Serials of 1950 to 2100, the dates the reader accepts. */
const serialInRange = (t: string) => SERIAL.test(t) && +t >= 18264 && +t <= 73415;

/**
 * Columns of whole numbers in General format under a header that says date
 * ("Panel Date": 45230): Excel date serials whose date format was lost. Taken
 * only when at least 80% of the column's first values are such serials.
 */
export function serialDateColumns(head: readonly string[][]): { headerRow: number; columns: number[] } {
  const headerRow = detectHeader(head as string[][]);
  const rows = head.slice(headerRow + 1);
  const columns = (head[headerRow] ?? []).flatMap((name, c) => {
    if (!DATE_HEADER.test(name)) return [];
    const values = rows.map((r) => r[c]).filter((v) => v !== '');
    return values.length && values.filter(serialInRange).length >= 0.8 * values.length ? [c] : [];
  });
  return { headerRow, columns };
}

/** Serials in the given columns as yyyy-mm-dd. */
function datesFromSerials(cells: string[], columns: readonly number[], date1904: boolean): string[] {
  for (const c of columns) if (serialInRange(cells[c])) cells[c] = serialToIso(+cells[c], date1904) ?? cells[c];
  return cells;
}

/** Encodes CSV lines in slices (a whole sheet may not fit in one string). */
class CsvWriter {
  parts: Uint8Array<ArrayBuffer>[] = [];
  bytes = 0;
  private text = '';
  private encoder = new TextEncoder();

  constructor(private name: string) {}

  line(cells: readonly string[]) {
    this.text += cells.map(csvField).join(',') + '\n';
    if (this.text.length > 4_000_000) this.flush();
  }

  flush() {
    if (!this.text) return;
    const part = this.encoder.encode(this.text);
    this.text = '';
    this.bytes += part.length;
    this.parts.push(part);
    if (this.bytes > MAX_CSV_BYTES) {
      throw new WorkbookError(`The sheet read from "${this.name}" comes to more than ${bytesInWords(MAX_CSV_BYTES)} of text, too large to read safely from a workbook in the browser. ${SAVE_AS_CSV}`);
    }
  }
}

/** A sheet as CSV, in encoded slices. */
export function sheetToCsv(sheet: SheetCells, name: string, extent = usedExtent(sheet)): Uint8Array<ArrayBuffer>[] {
  const { width, height } = extent;
  const out = new CsvWriter(name);
  const head: string[][] = [];
  let serials: number[] = [];
  const flushHead = () => {
    unmergeHeader(head, sheet.merges);
    const found = serialDateColumns(head);
    serials = found.columns;
    head.forEach((cells, r) => out.line(r > found.headerRow ? datesFromSerials(cells, serials, sheet.date1904) : cells));
  };
  for (const cells of textRows(sheet, width, height)) {
    if (head.length < HEADER_ROWS) {
      head.push(cells);
      if (head.length === HEADER_ROWS) flushHead();
    } else out.line(datesFromSerials(cells, serials, sheet.date1904));
  }
  if (head.length < HEADER_ROWS) flushHead();
  out.flush();
  return out.parts;
}
