import { test, expect } from '@playwright/test';
import { asCsv, book, deflatedRepeats, enquirySheet, makeEnquiries, reportBook, withPart, xlsxBytes } from '../helpers/workbooks';
import { funnelTable, openApp, upload, waitReady, watch } from './helpers';
import { utils } from '@e965/xlsx';

const rows = makeEnquiries(300, 11);

/** The funnel table as reached/left/open per stage. */
async function counts(page: Parameters<typeof funnelTable>[0]) {
  const t = await funnelTable(page);
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, `${v.reached}/${v.left}/${v.open}`]));
}

test('a workbook (notes, enquiries, costs; title rows, typed dates, date serials) gives the funnel of the same CSV', async ({ page }) => {
  const w = watch(page);
  await openApp(page);
  await upload(page, [{ name: 'report.csv', text: asCsv(rows) }]);
  await expect(page.getByText('Your data: report.csv')).toBeVisible();
  await waitReady(page);
  const fromCsv = await funnelTable(page);
  expect(Number(fromCsv.enquiry.reached)).toBe(rows.length);

  await upload(page, [{ name: 'report.xlsx', text: Buffer.from(xlsxBytes(reportBook(rows))) }]);
  await expect(page.getByText('Your data: report.xlsx')).toBeVisible();
  await waitReady(page);
  expect(await funnelTable(page)).toEqual(fromCsv);
  await expect(page.getByTestId('sheet-choice')).toHaveText(/Read sheet "Enquiries" of "report\.xlsx" \(also in the workbook: "Notes", "Costs"\)\./);
  expect(w.errors).toEqual([]);
  expect(w.foreign).toEqual([]);
});

test("another sheet of the workbook can be chosen, and the funnel follows it", async ({ page }) => {
  await openApp(page);
  const older = rows.filter((r) => r.enquiry < Date.UTC(2024, 0, 1));
  const wb = book([['This year', enquirySheet(rows)], ['Before 2024', enquirySheet(older)], ['Notes', utils.aoa_to_sheet([['About'], ['Made by the test']])]]);
  await upload(page, [{ name: 'two-years.xlsx', text: Buffer.from(xlsxBytes(wb)) }]);
  await waitReady(page);
  expect(Number((await funnelTable(page)).enquiry.reached)).toBe(rows.length);
  await page.getByTestId('sheet-select').selectOption('Before 2024');
  await page.getByTestId('sheet-read').click();
  await expect(page.getByTestId('sheet-choice')).toContainText('Read sheet "Before 2024" of "two-years.xlsx"');
  await waitReady(page);
  expect(Number((await funnelTable(page)).enquiry.reached)).toBe(older.length);
  expect(older.length).toBeLessThan(rows.length);
  // The same as that sheet's enquiries loaded as CSV.
  const bySheet = await counts(page);
  await upload(page, [{ name: 'older.csv', text: asCsv(older) }]);
  await expect(page.getByText('Your data: older.csv')).toBeVisible();
  await waitReady(page);
  expect(await counts(page)).toEqual(bySheet);
});

test('a zip bomb is refused with a plain message and what was loaded stays loaded', async ({ page }) => {
  const w = watch(page);
  await openApp(page);
  await upload(page, [{ name: 'report.xlsx', text: Buffer.from(xlsxBytes(reportBook(rows))) }]);
  await expect(page.getByText('Your data: report.xlsx')).toBeVisible();
  await waitReady(page);
  const before = await funnelTable(page);

  const chunk = '<row><c t="inlineStr"><is><t>Withdrawn after the initial visit</t></is></c></row>'.repeat(1000);
  const times = Math.floor(3e9 / chunk.length);
  const bomb = withPart('xl/worksheets/sheet1.xml', deflatedRepeats(chunk, times), times * chunk.length);
  expect(bomb.length).toBeLessThan(15e6);
  const started = Date.now();
  await upload(page, [{ name: 'bomb.xlsx', text: Buffer.from(bomb) }]);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('"bomb.xlsx" expands to 3.0 GB when opened, too large to read safely in the browser');
  await expect(alert).toContainText('save the sheet as "CSV UTF-8"');
  expect(Date.now() - started).toBeLessThan(15_000);
  await expect(page.getByText('Your data: report.xlsx')).toBeVisible();
  expect(await funnelTable(page)).toEqual(before);
  expect(w.errors).toEqual([]);
});

test('a damaged workbook gets a plain message, no internals', async ({ page }) => {
  await openApp(page);
  const whole = xlsxBytes(reportBook(rows.slice(0, 20)));
  await upload(page, [{ name: 'cut.xlsx', text: Buffer.from(whole.subarray(0, Math.floor(whole.length / 2))) }]);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('"cut.xlsx" is damaged');
  await expect(alert).not.toContainText(/Error|undefined|ZIP|CFB/);
  await expect(page.getByText('Sample data (synthetic)')).toBeVisible();
});
