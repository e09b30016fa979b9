import { test, expect, type Page } from '@playwright/test';
import { funnelTable, openApp, upload, waitReady, watch } from './helpers';

/**
 * Exports as they really come: files that are not fostering exports are not
 * taken as enquiries unasked, any file that can't be read by itself can be
 * mapped by hand from the message, and headers or line endings never break
 * the reader. Every file is made here.
 */

const SPENDING = [
  'Transaction Number,Date of Payment,Supplier,Amount',
  'T1001,01/02/2024,Acme Ltd,£100.00',
  'T1002,02/02/2024,Bob & Co,£250.50',
  'T1003,03/02/2024,Acme Ltd,£75.25',
  'T1004,04/02/2024,Carers Trust,"£1,200.00"',
].join('\r\n') + '\r\n';

/** Engine internals that must never reach the user. */
const INTERNALS = /Binder|Parser|Conversion Error|Catalog|Invalid Input|SELECT |state machine/;

async function expectRefused(page: Page, before: Awaited<ReturnType<typeof funnelTable>>, file: string) {
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'error');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`"${file}" doesn't look like a fostering export: it has no stage dates or status.`);
  await expect(alert).not.toContainText(INTERNALS);
  // What was loaded before is still loaded, on screen, and said to be.
  expect(await funnelTable(page)).toEqual(before);
  await expect(page.getByText('Sample data (synthetic)')).toBeVisible();
  await expect(page.getByTestId('still-loaded')).toContainText('the sample data is still loaded');
}

test('a spending return is not taken as enquiries unasked; "Load it anyway" takes it', async ({ page }) => {
  const w = watch(page);
  await openApp(page);
  const before = await funnelTable(page);
  await upload(page, [{ name: 'payments.csv', text: SPENDING }]);
  await expectRefused(page, before, 'payments.csv');
  // Notices about the sample are gone: nothing beside the error reads as if about the refused file.
  await expect(page.getByTestId('notices')).toHaveCount(0);
  await page.getByTestId('load-anyway').click();
  await waitReady(page);
  await expect(page.getByText('Your data: payments.csv')).toBeVisible();
  const t = await funnelTable(page);
  expect([t.enquiry.reached, t.enquiry.open, t.initial_visit.reached]).toEqual(['4', '4', '0']);
  expect(w.errors).toEqual([]);
});

test('several files: each one without fostering evidence is named, and nothing is replaced', async ({ page }) => {
  await openApp(page);
  const before = await funnelTable(page);
  await upload(page, [
    { name: 'spend-april.csv', text: SPENDING },
    { name: 'costs.csv', text: 'Campaign,Spend\nRadio,"£1,000"\n' },
    { name: 'spend-may.csv', text: SPENDING.replaceAll('T10', 'T20') },
  ]);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert')).toContainText('2 of the files were not loaded: "spend-april.csv", "spend-may.csv". Nothing was changed.');
  await expect(page.getByTestId('file-problem')).toHaveCount(2);
  await expect(page.locator('[data-testid="file-problem"][data-file="spend-may.csv"]')).toContainText('"spend-may.csv" doesn\'t look like a fostering export');
  expect(await funnelTable(page)).toEqual(before);
});

test('from the error to a loaded funnel: the columns mapped by hand, and remembered for next time', async ({ page }) => {
  await openApp(page);
  const before = await funnelTable(page);
  // Headers nothing recognises: no id, no dates by name.
  const text = [
    'Person,When,Visited,Where it stands,Notes',
    'P1,01/03/2024,08/03/2024,Open,<b>not markup</b>',
    'P2,02/03/2024,,Withdrawn,',
    'P3,03/03/2024,12/03/2024,Withdrawn,',
    'P4,04/03/2024,,Open,',
    'P5,05/03/2024,15/03/2024,Open,',
  ].join('\n') + '\n';
  await upload(page, [{ name: 'tracker.csv', text }]);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert')).toContainText(/Couldn't find an enquiry id column in "tracker\.csv"\. Columns found: "Person", "When", "Visited", "Where it stands", "Notes"/);
  expect(await funnelTable(page)).toEqual(before);

  await page.getByTestId('map-columns').click();
  const screen = page.getByTestId('map-screen');
  await expect(screen.getByRole('heading', { name: 'Map the columns of "tracker.csv"' })).toBeFocused();
  // The preview shows the first rows as text, never as markup.
  const preview = screen.getByTestId('map-preview');
  await expect(preview).toContainText('<b>not markup</b>');
  expect(await preview.locator('b').count()).toBe(0);
  await screen.locator('select[data-role="id"]').selectOption('Person');
  // With no enquiry date chosen, the screen says one is needed and what to choose if the export has none.
  await screen.locator('select[data-role="enquiryDate"]').selectOption({ label: '(none)' });
  await expect(screen.getByTestId('map-needs-enquiry-date')).toContainText('such as the application date');
  await screen.locator('select[data-role="enquiryDate"]').selectOption('When');
  await expect(screen.getByTestId('map-needs-enquiry-date')).toHaveCount(0);
  await screen.locator('select[data-role="status"]').selectOption('Where it stands');
  await screen.locator('select[data-stage-column="initial_visit"]').selectOption('Visited');
  await screen.getByTestId('map-apply').click();
  await waitReady(page);
  await expect(page.getByText('Your data: tracker.csv')).toBeVisible();
  await expect(page.getByTestId('map-screen')).toHaveCount(0);
  let t = await funnelTable(page);
  expect([t.enquiry.reached, t.enquiry.left, t.enquiry.open]).toEqual(['5', '1', '1']);
  expect([t.initial_visit.reached, t.initial_visit.left, t.initial_visit.open]).toEqual(['3', '1', '2']);

  // Next month's export with the same columns loads in one step.
  await upload(page, [{ name: 'tracker-april.csv', text: text.replace('P5,', 'P6,') }]);
  await waitReady(page);
  await expect(page.getByText('Your data: tracker-april.csv')).toBeVisible();
  t = await funnelTable(page);
  expect([t.enquiry.reached, t.initial_visit.reached]).toEqual(['5', '3']);
});

test('mixed CRLF and LF line endings (two exports pasted together) are read as they are', async ({ page }) => {
  await openApp(page);
  const text = 'Ref No,Date of Enquiry,Initial Home Visit Date,Current Status\r\nA1,01/02/2024,05/02/2024,In progress\r\nA2,02/02/2024,,Withdrawn\r\n'
    + 'A3,03/02/2024,,"In progress"\nA4,04/02/2024,09/02/2024,"Withdrawn"\nA5,05/02/2024,,In progress\n';
  await upload(page, [{ name: 'pasted.csv', text }]);
  await waitReady(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const t = await funnelTable(page);
  expect([t.enquiry.reached, t.enquiry.left, t.enquiry.open]).toEqual(['5', '1', '2']);
  expect([t.initial_visit.reached, t.initial_visit.left, t.initial_visit.open]).toEqual(['2', '1', '1']);
});

test('a column named N (and n, rowid, a SQL keyword, a quote) is just a column', async ({ page }) => {
  await openApp(page);
  const text = 'Ref No,Date of Enquiry,Initial Home Visit Date,Current Status,N,n,rowid,select,"say ""hi"""\n'
    + 'B1,01/02/2024,05/02/2024,In progress,1,x,9,a,q\nB2,02/02/2024,,Withdrawn,2,y,8,b,r\nB3,03/02/2024,,In progress,3,z,7,c,s\n';
  await upload(page, [{ name: 'columns.csv', text }]);
  await waitReady(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const t = await funnelTable(page);
  expect([t.enquiry.reached, t.enquiry.left, t.initial_visit.reached]).toEqual(['3', '1', '1']);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded 3 enquiries from "columns.csv".' })).toHaveCount(1);
});

test('one enquiry is "1 enquiry"; an unclosed quote is reported with its line', async ({ page }) => {
  await openApp(page);
  await upload(page, [{ name: 'one.csv', text: 'Ref No,Date of Enquiry,Current Status\nO1,01/02/2024,In progress\n' }]);
  await waitReady(page);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded 1 enquiry from "one.csv".' })).toHaveCount(1);
  await upload(page, [{ name: 'quote.csv', text: 'Ref No,Date of Enquiry,Current Status\nQ1,"01/02/2024,Open\nQ2,02/02/2024,Withdrawn\nQ3,03/02/2024,Open\n' }]);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert')).toContainText('"quote.csv" has a quote mark (") on line 2 that is never closed');
  await expect(page.getByTestId('still-loaded')).toContainText('"one.csv" is still loaded');
  // The notices about the data still loaded went with the failure.
  await expect(page.getByTestId('notices')).toHaveCount(0);
});

test('a cost sheet chosen on its own is refused, and can be added to the export loaded from the message', async ({ page }) => {
  await openApp(page);
  const costs = { name: 'costs.csv', text: 'Campaign,Spend\nRadio,"£1,000"\n' };
  // Over the sample there is nothing of the user's to add it to: only the message.
  await upload(page, [costs]);
  await expect(page.getByRole('alert')).toContainText('"costs.csv" holds campaign costs only. Choose your enquiry export together with the cost sheet.');
  await expect(page.getByTestId('add-refused')).toHaveCount(0);
  await upload(page, [{ name: 'mine.csv', text: 'Ref No,Date of Enquiry,Campaign,Current Status\nM1,01/02/2024,Radio,In progress\nM2,02/02/2024,Radio,Withdrawn\nM3,03/02/2024,Web,In progress\nM4,04/02/2024,Radio,In progress\n' }]);
  await waitReady(page);
  await upload(page, [costs]);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('still-loaded')).toContainText('"mine.csv" is still loaded');
  await page.getByTestId('add-refused').click();
  await waitReady(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Added "costs.csv".' })).toHaveCount(1);
  await page.getByTestId('nav-campaigns').click();
  const radio = page.locator('table[data-testid="campaign-table"] tr[data-campaign="Radio"]');
  await expect(radio.locator('[data-metric="cost_per_enquiry"]')).toHaveAttribute('data-value', '333.3333333333333');
  // An updated sheet of the same name takes the old one's place: its spend is not added to the old.
  await upload(page, [{ name: 'costs.csv', text: 'Campaign,Spend\nRadio,"£1,500"\n' }]);
  await page.getByTestId('add-refused').click();
  await waitReady(page);
  await expect(page.getByRole('status').filter({ hasText: 'Added "costs.csv", in place of the file of the same name loaded before.' })).toHaveCount(1);
  await expect(radio.locator('[data-metric="cost_per_enquiry"]')).toHaveAttribute('data-value', '500');
});

test('an enquiry dated after the export is loaded but in no figure, and the notice says so, linking to the Data page', async ({ page }) => {
  await openApp(page);
  await upload(page, [{ name: 'typo.csv', text: 'Ref No,Date of Enquiry,Current Status\nT1,01/02/2024,In progress\nT2,02/02/2024,Withdrawn\nT3,03/02/2024,In progress\nT4,04/02/2099,In progress\n' }]);
  await waitReady(page);
  expect((await funnelTable(page)).enquiry.reached).toBe('3');
  const notice = page.getByRole('status').filter({ hasText: '1 enquiry is dated after the export date' });
  await expect(notice).toContainText('probably a typing error: it is left out of the figures unless a later stage is dated or the enquiry is approved.');
  await notice.getByRole('link', { name: 'See the Data page.' }).click();
  // The focus goes with the user to the page the notice pointed to; there the notice links nowhere.
  await expect(page.locator('main')).toBeFocused();
  await expect(page.getByTestId('quality-summary')).toContainText('1 enquiry is dated after the export date');
  await page.getByTestId('notices').getByRole('button').click();
  await expect(notice.getByRole('link')).toHaveCount(0);
  // Nor does the typing error stretch the year menu to 2099.
  await expect(page.getByTestId('filter-year').locator('option').last()).toHaveText('2023-24');
});

test('rows of one enquiry whose statuses disagree are named, with the rule that settled them', async ({ page }) => {
  await openApp(page);
  await upload(page, [{ name: 'dups.csv', text: 'Ref No,Date of Enquiry,Application Received,Current Status\nP1,01/02/2023,10/04/2023,In progress\nP2,02/02/2023,,In progress\nP1,01/02/2023,,Withdrawn\n' }]);
  await waitReady(page);
  await expect(page.getByRole('status').filter({ hasText: '1 enquiry has rows whose statuses disagree' }))
    .toContainText('(e.g. "P1": "In progress", "Withdrawn"): the status of the row with the most recent date was kept. Check it in your case system. See the Data page.');
  // P1's application row is its most recent record: it is open at application, not withdrawn.
  const t = await funnelTable(page);
  expect([t.application.reached, t.application.open, t.enquiry.left]).toEqual(['1', '1', '0']);
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('quality-summary')).toContainText('1 enquiry has rows whose statuses disagree (e.g. "P1": "In progress", "Withdrawn"): the status of the row with the most recent date was kept.');
});
