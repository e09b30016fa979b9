/**
 * CSV writing for downloads. Cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) are neutralised with a
 * leading apostrophe, so an export opened in Excel can't execute anything
 * that came from an uploaded file.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text: neutralised, quoted when needed. Numbers are written as they are. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = String(value);
  if (FORMULA_START.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

/** A whole CSV document (CRLF line ends, as Excel expects) from a header and rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Starts a download of text as a file (browser only). A UTF-8 BOM makes Excel read £ and accents right. */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob(['\uFEFF' + text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
