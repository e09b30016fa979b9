import { downloadText, toCsv } from './csv';

/**
 * The visible table as rows of text: a cell's data-value when it has one (raw
 * numbers), else its text as read: the parts a cell shows on lines or tags of
 * their own ("29%" and "95%: 27%–30%"; a year and its "part year" flag) apart,
 * and marks hidden from screen readers (a heading's sort arrow) left out.
 *
 * A column whose heading names parts shown beside its value (`data-parts="95%
 * low|95% high|n"`) gets a column for each, headed "heading: part", filled
 * from its cells' `data-parts` (the same order, "|" between): the CSV holds
 * the interval and n the heading promises, as numbers. `data-csv` on a
 * heading is its name in the CSV (without the words naming the parts).
 */
export function tableRows(table: HTMLTableElement): string[][] {
  const parts = new Map<number, string[]>();
  for (const tr of table.tHead?.rows ?? []) {
    let col = 0;
    for (const cell of tr.cells) {
      const named = cell.getAttribute('data-parts');
      if (named) parts.set(col, named.split('|'));
      col += cell.colSpan;
    }
  }
  return [...table.rows].map((tr) => {
    const out: string[] = [];
    let col = 0;
    for (const cell of tr.cells) {
      const v = cell.getAttribute('data-value');
      const heading = cell.getAttribute('data-csv');
      const text = v !== null ? v : heading !== null ? heading : cellText(cell);
      out.push(text);
      const names = cell.colSpan === 1 ? parts.get(col) : undefined;
      if (names) {
        const own = tr.parentElement === table.tHead ? names.map((n) => `${text}: ${n}`) : (cell.getAttribute('data-parts') ?? '').split('|');
        out.push(...names.map((_, i) => own[i] ?? ''));
      }
      col += cell.colSpan;
    }
    return out;
  });
}

/** A heading's data-parts for a 95% interval, and for one with its n. */
export const INTERVAL_PARTS = '95% low|95% high';
export const INTERVAL_N_PARTS = '95% low|95% high|n';

/** A cell's data-parts: the values in its heading's order, a missing one blank. */
export const cellParts = (...values: (number | null | undefined)[]): string =>
  values.map((x) => (x === null || x === undefined ? '' : String(x))).join('|');

function cellText(cell: HTMLTableCellElement): string {
  const copy = cell.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  for (const part of copy.querySelectorAll('span, br, p, div')) part.before(' ');
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A file name from a table's caption. */
export function csvName(table: HTMLTableElement): string {
  const caption = table.caption?.textContent?.trim() || 'table';
  return caption.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) + '.csv';
}

/**
 * Svelte action: puts a "Download table (CSV)" button before a table. The CSV
 * neutralises spreadsheet formulas (see csv.ts).
 */
export function tableCsv(table: HTMLTableElement) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link table-csv no-print';
  button.textContent = 'Download table (CSV)';
  button.addEventListener('click', () => {
    const [header, ...rows] = tableRows(table);
    downloadText(csvName(table), toCsv(header ?? [], rows));
  });
  const host = table.closest('.table-wrap') ?? table;
  host.before(button);
  return { destroy: () => button.remove() };
}
