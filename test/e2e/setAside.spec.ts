import { test, expect } from '@playwright/test';
import { funnelTable, openApp, upload, waitReady, watch } from './helpers';

// Ten enquiries: 2 closed as duplicates (one by its reason, one by "Already enquired"), 1 redirected to kinship
// after an initial visit, 1 still open whose note mentions a duplicate (never set aside), 2 approvals, 4 other leavers.
const HEADER = 'Ref,Enquiry Date,Initial Visit Date,Application Date,Approval Date,Status,Reason,Campaign';
const ROWS = [
  'A1,01/04/2024,10/04/2024,01/05/2024,01/12/2024,Approved,,Radio',
  'A2,02/04/2024,12/04/2024,03/05/2024,05/12/2024,Approved,,Radio',
  'D1,03/04/2024,,,,Closed,Duplicate enquiry,Radio',
  'D2,04/04/2024,,,,Closed,Already enquired,Web',
  'K1,05/04/2024,15/04/2024,,,Closed,Redirected to kinship team,Web',
  'O1,06/04/2024,,,,In progress,Possible duplicate - checking,Web',
  'L1,07/04/2024,,,,Withdrawn,Moving house,Radio',
  'L2,08/04/2024,,,,NFA,No response,Web',
  'L3,09/04/2024,20/04/2024,,,Withdrawn,Financial reasons,Web',
  'L4,10/04/2024,,,,Withdrawn,Not the right time,Radio',
];
const FILE = { name: 'set-aside.csv', text: [HEADER, ...ROWS].join('\n') + '\n' };

test('duplicate and kinship closes: said on Drop-off, set aside from every figure with one button, undone on the Data page', async ({ page }) => {
  test.setTimeout(120_000);
  const w = watch(page);
  await openApp(page);
  await upload(page, [FILE]);
  await waitReady(page);
  expect((await funnelTable(page)).enquiry.reached).toBe('10');
  // Counted by default; the Overview says nothing of them until they are set aside.
  await expect(page.getByTestId('set-aside-note')).toHaveCount(0);

  await page.getByTestId('nav-dropoff').click();
  await waitReady(page);
  const note = page.getByTestId('set-aside-note');
  await expect(note).toContainText('Counted among the 7 who left: 2 enquiries closed as duplicates of another and 1 redirected to a kinship (connected person) assessment');
  const toggle = page.getByTestId('set-aside-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await waitReady(page);
  await expect(note).toHaveText(/^Left out of every figure: 2 enquiries closed as duplicates of another and 1 redirected to a kinship \(connected person\) assessment\.\s+Count them again\s+List them$/);
  // Focus stays on the button, whose name now says what it will do.
  await expect(toggle).toBeFocused();
  expect(new URL(page.url()).searchParams.get('setaside')).toBe('1');
  await expect(page.getByTestId('headline-left').locator('.kpi-value')).toHaveText('4');
  // Those left out can be listed, each with its furthest stage.
  await page.getByTestId('set-aside-list').click();
  const list = page.getByTestId('drill-panel');
  await expect(list.locator('#drill-title')).toHaveText('Set aside as duplicates or kinship redirects: 3 enquiries');
  await expect(list).toContainText('Initial visit');
  await list.getByRole('button', { name: 'Close the list' }).click();
  await expect(page.getByTestId('set-aside-list')).toBeFocused();

  // Every figure: the funnel and the campaigns table count 7 enquiries (the open one with "duplicate" in its note stays).
  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  const f = await funnelTable(page);
  expect([f.enquiry.reached, f.enquiry.left, f.initial_visit.reached, f.approved.reached]).toEqual(['7', '3', '3', '2']);
  await expect(page.getByTestId('set-aside-note')).toContainText('Left out of every figure: 2 enquiries');
  await page.getByTestId('nav-campaigns').click();
  await waitReady(page);
  const enquiries = (name: string) => page.locator(`table[data-testid="campaign-table"] tr[data-campaign="${name}"] [data-metric="enquiries"]`).getAttribute('data-value');
  expect([await enquiries('Radio'), await enquiries('Web')]).toEqual(['4', '3']);

  await page.getByTestId('nav-data').click();
  await waitReady(page);
  const box = page.getByTestId('set-aside');
  await expect(box).toBeChecked();
  await expect(page.getByTestId('set-aside-count')).toHaveText('Left out of every figure: 2 enquiries closed as duplicates of another and 1 redirected to a kinship (connected person) assessment.');
  await box.uncheck();
  await waitReady(page);
  await expect(page.getByTestId('set-aside-count')).toContainText('Counted among the 7 who left: 2 enquiries');
  expect(new URL(page.url()).searchParams.get('setaside')).toBeNull();
  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  expect((await funnelTable(page)).enquiry.reached).toBe('10');
  expect(w.errors).toEqual([]);
  expect(w.foreign).toEqual([]);
});

test('a link with them set aside opens so: the sample\'s enquiries less those set aside, said beside the funnel', async ({ page }) => {
  await openApp(page, './?setaside=1');
  const note = page.getByTestId('set-aside-note');
  const m = /Left out of every figure: ([\d,]+) enquiries closed as duplicates of another and ([\d,]+) redirected/.exec(await note.innerText());
  expect(m).not.toBeNull();
  const setAside = Number(m![1].replace(',', '')) + Number(m![2].replace(',', ''));
  expect(setAside).toBeGreaterThan(0);
  expect(Number((await funnelTable(page)).enquiry.reached)).toBe(3500 - setAside);
});

test('a status list whose statuses say duplicate or kinship: read as closed, and set aside', async ({ page }) => {
  const w = watch(page);
  await openApp(page, './?setaside=1');
  await upload(page, [{ name: 'status-list.csv', text: [
    'Enquiry ID,Enquiry Date,Current Stage,Status',
    'E1,01/04/2024,Approved,Approved',
    'E2,02/04/2024,Enquiry,Duplicate',
    'E3,03/04/2024,Enquiry,Duplicate enquiry',
    'E4,04/04/2024,Initial visit,Redirected to kinship',
    'E5,05/04/2024,Initial visit,Kinship assessment',
    'E6,06/04/2024,Enquiry,In progress',
    'E7,07/04/2024,Enquiry,Withdrawn',
  ].join('\n') + '\n' }]);
  await waitReady(page);
  await expect(page.getByTestId('set-aside-note')).toContainText('Left out of every figure: 2 enquiries closed as duplicates of another and 2 redirected to a kinship (connected person) assessment.');
  const f = await funnelTable(page);
  expect([f.enquiry.reached, f.enquiry.open, f.enquiry.left]).toEqual(['3', '1', '1']);
  expect(w.errors).toEqual([]);
});

test('everything under the filters set aside: the view says so and keeps the button, with focus on it', async ({ page }) => {
  await openApp(page);
  // Campaign "Web" holds one enquiry, redirected to kinship.
  await upload(page, [{ name: 'all-aside.csv', text: [HEADER, 'D1,03/04/2024,,,,Closed,Duplicate enquiry,Radio', 'K1,05/04/2024,15/04/2024,,,Closed,Redirected to kinship team,Web', 'A1,01/04/2024,10/04/2024,01/05/2024,01/12/2024,Approved,,Radio'].join('\n') + '\n' }]);
  await waitReady(page);
  await page.getByTestId('nav-dropoff').click();
  await waitReady(page);
  await page.getByTestId('filter-campaign').selectOption('Web');
  await waitReady(page);
  const toggle = page.getByTestId('set-aside-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await waitReady(page);
  await expect(page.locator('.empty')).toContainText('No enquiries match these filters.');
  await expect(page.getByTestId('set-aside-note')).toContainText('Left out of every figure: 1 enquiry redirected to a kinship (connected person) assessment.');
  await expect(page.getByTestId('set-aside-toggle')).toBeFocused();
  // And back: counted again, the reasons shown.
  await page.keyboard.press('Enter');
  await waitReady(page);
  await expect(page.getByTestId('reasons-table')).toBeVisible();
});

test('the printed report names how many are left out', async ({ page }) => {
  await openApp(page, './?setaside=1');
  await upload(page, [FILE]);
  await waitReady(page);
  await page.getByTestId('nav-report').click();
  await waitReady(page);
  await expect(page.getByTestId('report-set-aside')).toHaveText('<5 enquiries closed as duplicates of another and <5 redirected to a kinship (connected person) assessment');
});

test('on every view the filter bar says they are left out, and its chip counts them again, focus kept', async ({ page }) => {
  await openApp(page, './?setaside=1&view=trends');
  const chip = page.getByTestId('set-aside-chip');
  await expect(chip).toHaveText(/Without duplicates and kinship redirects/);
  for (const view of ['campaigns', 'equality', 'plan', 'after']) {
    await page.getByTestId(`nav-${view}`).click();
    await waitReady(page);
    await expect(chip).toBeVisible();
  }
  await chip.focus();
  await page.keyboard.press('Enter');
  await waitReady(page);
  await expect(chip).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('setaside')).toBeNull();
  await expect(page.getByTestId('filter-year')).toBeFocused();
});
