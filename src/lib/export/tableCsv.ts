import { downloadText, toCsv } from './csv';

/** The visible table as rows of text: a cell's data-value when it has one (raw numbers), else its text. */
export function tableRows(table: HTMLTableElement): string[][] {
  return [...table.rows].map((tr) =>
    [...tr.cells].map((cell) => {
      const v = cell.getAttribute('data-value');
      return v !== null ? v : (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
    }),
  );
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
