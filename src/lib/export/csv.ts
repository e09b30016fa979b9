/**
 * CSV writing for downloads. Cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) are neutralised with a
 * leading apostrophe, so an export opened in Excel can't execute anything
 * that came from an uploaded file. A plain number written as text ("-67",
 * "-1,045", "-3.5%") is left as it is: nothing in it can run, and an
 * apostrophe would make a spreadsheet read it as text. Header cells are
 * written the same way: column names come from the file too.
 */
import { from, type ColumnTable } from 'arquero';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d[\d,]*(\.\d+)?%?$/;

/** One cell as CSV text: neutralised, quoted when needed. Numbers are written as they are. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = String(value);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

/** A whole CSV document (CRLF line ends, as Excel expects) from a header and rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * An arquero table as CSV: `labels` (its column names unless given) as the
 * header, then its rows in table order, each cell through csvCell.
 */
export function tableToCsv(table: ColumnTable, labels: readonly string[] = table.columnNames()): string {
  const columns = table.columnNames().map((name) => table.array(name));
  const rows = Array.from({ length: table.numRows() }, (_, i) => columns.map((c) => c[i]));
  return toCsv(labels, rows);
}

/**
 * Records as CSV with the given columns, in that order, each headed by its
 * label (labels may repeat; keys missing from a record are blank cells).
 */
export function recordsToCsv(rows: readonly Record<string, unknown>[], columns: readonly { key: string; label: string }[]): string {
  const keys = columns.map((c) => c.key);
  return tableToCsv(from(rows as Record<string, unknown>[], keys), columns.map((c) => c.label));
}

/** A CSV file's contents: the text after a UTF-8 byte-order mark, so Excel reads £ and accents right. */
export function csvBlob(text: string, type = 'text/csv;charset=utf-8'): Blob {
  return new Blob(['\uFEFF' + text], { type });
}

/** Starts a download of CSV text as a file (browser only). */
export function downloadText(name: string, text: string, type?: string): void {
  const url = URL.createObjectURL(csvBlob(text, type));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
