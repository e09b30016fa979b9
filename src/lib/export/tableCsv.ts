import { downloadText, toCsv } from './csv';

/**
 * The visible table as rows of text: a cell's data-value when it has one (raw
 * numbers), else its text as read: the parts a cell shows on lines or tags of
 * their own ("29%" and "95%: 27%–30%"; a year and its "part year" flag) apart,
 * and marks hidden from screen readers (a heading's sort arrow) left out.
 */
export function tableRows(table: HTMLTableElement): string[][] {
  return [...table.rows].map((tr) =>
    [...tr.cells].map((cell) => {
      const v = cell.getAttribute('data-value');
      return v !== null ? v : cellText(cell);
    }),
  );
}

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
