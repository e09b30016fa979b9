// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { csvName, tableCsv, tableRows } from '../../../src/lib/export/tableCsv';

function table(html: string): HTMLTableElement {
  document.body.innerHTML = `<div class="table-wrap">${html}</div>`;
  return document.querySelector('table')!;
}

describe('table downloads', () => {
  test('rows are the cells as shown, with data-value (raw numbers) preferred to the formatted text', () => {
    const t = table(`<table><caption>Funnel</caption>
      <thead><tr><th>Stage</th><th>Reached</th></tr></thead>
      <tbody><tr><th>Initial   visit</th><td data-value="1234">1,234</td></tr></tbody></table>`);
    expect(tableRows(t)).toEqual([['Stage', 'Reached'], ['Initial visit', '1234']]);
  });

  test('a cell\'s parts shown apart are written apart; marks hidden from screen readers are left out', () => {
    const t = table(`<table><thead><tr><th><button>Cost per approval<span class="sub">(95% interval)</span><span class="arrow" aria-hidden="true">↕</span></button></th><th>Year</th></tr></thead>
      <tbody><tr><td>29%<span class="sub">95%: 27%–30%</span></td><th>2022-23<span class="flag">part year</span></th></tr></tbody></table>`);
    expect(tableRows(t)).toEqual([['Cost per approval (95% interval)', 'Year'], ['29% 95%: 27%–30%', '2022-23 part year']]);
  });

  test('a heading naming the parts beside its value gets a column for each, filled from the cells as numbers', () => {
    const t = table(`<table>
      <thead><tr><th>Stage</th><th data-csv="Conversion" data-parts="95% low|95% high|n">Conversion <span class="sub">(95% interval, n)</span></th><th>Left</th></tr></thead>
      <tbody>
        <tr><th>Visit</th><td data-value="0.29" data-parts="0.27|0.31|3500">29%<span class="sub">27%–31%, n=3,500</span></td><td data-value="12">12</td></tr>
        <tr><th>Panel</th><td data-value="">–</td><td data-value="0">0</td></tr>
      </tbody></table>`);
    expect(tableRows(t)).toEqual([
      ['Stage', 'Conversion', 'Conversion: 95% low', 'Conversion: 95% high', 'Conversion: n', 'Left'],
      ['Visit', '0.29', '0.27', '0.31', '3500', '12'],
      ['Panel', '', '', '', '', '0'],
    ]);
  });

  test('the file name comes from the caption, and is "table.csv" without one', () => {
    expect(csvName(table('<table><caption>Reasons for leaving, by stage (2024/25)</caption></table>'))).toBe('reasons-for-leaving-by-stage-2024-25.csv');
    expect(csvName(table('<table></table>'))).toBe('table.csv');
  });

  test('the action puts a download button before the table\'s scroll region, and takes it away again', () => {
    const t = table('<table><caption>x</caption></table>');
    const action = tableCsv(t);
    const button = document.querySelector('button.table-csv')!;
    expect(button.textContent).toBe('Download table (CSV)');
    expect(button.nextElementSibling?.classList.contains('table-wrap')).toBe(true);
    action.destroy();
    expect(document.querySelector('button.table-csv')).toBeNull();
  });
});
