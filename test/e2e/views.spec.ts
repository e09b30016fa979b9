import { test, expect, type FileChooser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { generateEnquiries } from '../../scripts/sample/generate.mjs';
import { funnelTable, openApp, upload, waitReady, watch, screen } from './helpers';

const sample = generateEnquiries({ count: 3500 }).filter((e) => !e.duplicate);
const ORDER = ['enquiry', 'initial_visit', 'application', 'stage1', 'stage2', 'panel', 'approved'];
const fy = (iso: string) => {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
};

test('overview numbers equal an independent count of the sample', async ({ page }) => {
  await openApp(page);
  const t = await funnelTable(page);
  ORDER.forEach((stage, i) => {
    const reached = sample.filter((e) => ORDER.indexOf(e.furthestStage) >= i).length;
    expect(Number(t[stage].reached), stage).toBe(reached);
    const open = sample.filter((e) => e.furthestStage === stage && ['In progress', 'On Hold'].includes(e.status)).length;
    expect(Number(t[stage].open), stage).toBe(open);
  });
  await expect(page.getByTestId('biggest-loss')).toContainText('Most people are lost between enquiry and initial visit');
  // The table behind the funnel chart, made by the chart's frame, holds the same counts.
  const figures = page.getByTestId('chart-data').first();
  await figures.locator('summary').focus();
  await page.keyboard.press('Enter');
  const rows = figures.locator('table[data-testid="chart-table"] tbody tr');
  await expect(rows).toHaveCount(ORDER.length);
  const reachedInChart = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[0].textContent!.replace(/,/g, '')));
  expect(reachedInChart).toEqual(ORDER.map((stage) => t[stage].reached));
});

test('drop-off: a reason cell lists its enquiries and downloads them as CSV', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('nav-dropoff').click();
  await waitReady(page);
  const table = page.getByTestId('reasons-table');
  const cell = table.locator('td[data-stage="enquiry"][data-category="LOST_CONTACT"]');
  const n = Number(await cell.getAttribute('data-value'));
  expect(n).toBeGreaterThan(10);
  await cell.getByRole('button').click();
  await waitReady(page);
  await expect(page.getByTestId('drill-panel')).toContainText(`${n.toLocaleString('en-GB')} enquiries`);
  const download = page.waitForEvent('download');
  await page.getByTestId('drill-table-download').click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(csv.length).toBe(n + 1);
  expect(csv[0]).toContain('Enquiry id');
  await screen(page, 'dropoff', { fullPage: true });
});

test('overview: a funnel bar, chosen by keyboard, lists who left at that stage in place, and the list is in the link', async ({ page }) => {
  await openApp(page);
  const t = await funnelTable(page);
  const bar = page.locator('svg.funnel-chart [role="button"][data-stage="initial_visit"]');
  await expect(bar).toHaveAttribute('aria-label', /Initial visit: .* reached, .* left here, .* still open\. Show those who left here\./);
  await bar.focus();
  // Focus shows the bar's figures, as hovering does.
  await expect(page.getByTestId('chart-tip')).toHaveText(/^Initial visit: [\d,]+ reached; [\d,]+ went on, [\d,]+ still open here, [\d,]+ left here$/);
  await page.keyboard.press('Enter');
  await waitReady(page);
  expect(new URL(page.url()).searchParams.get('view') ?? 'overview').toBe('overview');
  expect(new URL(page.url()).searchParams.get('u.drill')).toBe('initial_visit');
  const left = Number(t.initial_visit.left);
  await expect(page.getByTestId('drill-panel')).toContainText(`Left at initial visit: ${left.toLocaleString('en-GB')} enquiries`);
  await expect(page.getByTestId('drill-panel')).toBeFocused();
  await expect(page.getByTestId('drill-table-download')).toContainText(`(${left.toLocaleString('en-GB')} rows)`);
  // Closing the list takes it out of the link.
  await page.getByRole('button', { name: 'Close the list' }).click();
  await expect(page.getByTestId('drill-panel')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('u.drill')).toBeNull();
  // The last stage lists those approved.
  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  await page.locator('svg.funnel-chart [role="button"][data-stage="approved"]').click();
  await waitReady(page);
  await expect(page.getByTestId('drill-panel')).toContainText(`Approved: ${Number(t.approved.reached).toLocaleString('en-GB')} enquiries`);
});

// Opening that list from a link (as a reload or Back gives) is checked in campaigns-dropoff.spec.ts.

test('drop-off: a stage\'s own stalled threshold, set on the Data page, is applied and kept in the link', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('nav-dropoff').click();
  await waitReady(page);
  const row = page.locator('table', { hasText: 'Stalled after (days)' }).locator('tbody tr', { hasText: 'Initial visit' });
  const stalled = async () => Number((await row.locator('td').nth(2).innerText()).replace(/,/g, ''));
  await expect(row.locator('td').nth(1)).toHaveText('60');
  const before = await stalled();
  await page.getByTestId('nav-data').click();
  await waitReady(page);
  const input = page.getByLabel(/open enquiry at Initial visit is stalled/);
  await input.fill('5');
  await input.press('Tab');
  await waitReady(page);
  expect(page.url()).toContain('stalledby=initial_visit%3A5');
  await page.getByTestId('nav-dropoff').click();
  await waitReady(page);
  await expect(row.locator('td').nth(1)).toHaveText('5');
  expect(await stalled()).toBeGreaterThan(before);
});

test('trends under an enquiry date filter: no comparison with days the data only partly cover; otherwise period counts, said so', async ({ page }) => {
  await openApp(page, './?view=trends&from=2023-04-01&to=2024-03-31');
  // The 366 days before start before the first enquiry (1 Apr 2022): no "+380%" from where the data begin.
  await expect(page.getByTestId('finding')).toHaveText('There is no earlier period of the same length wholly in the data to compare with.');
  await page.goto('./?view=trends&from=2024-04-01&to=2025-03-31');
  await waitReady(page);
  await expect(page.getByTestId('finding')).toContainText('2024-25 against the 365 days before: enquiries 830 against 772');
  await expect(page.getByTestId('dated-trend-note')).toContainText('the tables below follow only those who enquired in the chosen dates');
});

test('trends: period counts per financial year equal the sample', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('nav-trends').click();
  await waitReady(page);
  const years = [...new Set(sample.map((e) => fy(e.enquiryDate)))];
  for (const y of years) {
    const row = page.locator(`table[data-testid="period-table"] tr[data-period="${y}"]`);
    await expect(row.locator('[data-metric="enquiries"]')).toHaveAttribute('data-value', String(sample.filter((e) => fy(e.enquiryDate) === y).length));
    await expect(row.locator('[data-metric="approvals"]')).toHaveAttribute('data-value', String(sample.filter((e) => e.approvedDate && fy(e.approvedDate) === y).length));
  }
  await expect(page.locator('table[data-testid="cohort-table"]')).toContainText('provisional');
  // The first year's applications and approvals come partly from enquiries before the data: said so.
  const first = fy(sample.map((e) => e.enquiryDate).sort()[0]);
  await expect(page.locator(`table[data-testid="period-table"] tr[data-period="${first}"] [data-testid="pipeline-filling"]`)).toContainText('undercounted');
  // A provisional cohort's share is a floor: said "so far", with no interval that would read as settled.
  const provisional = page.locator('table[data-testid="cohort-table"] td[data-provisional]');
  await expect(provisional.first()).toContainText('so far (still rising)');
  await expect(provisional.first()).not.toContainText('–');
  // The latest year: nobody in it has had 12 months, so no "0% so far", just too early.
  await expect(provisional.last()).toContainText('too early: none has had 12 months');
  // The latest year's enquiries have not been followed 12 months: not known yet, rather than 0%; an older year's is a figure.
  const latest = fy(sample.map((e) => e.enquiryDate).sort().at(-1)!);
  await expect(page.locator(`table[data-testid="incidence-table"] tr[data-group="${latest}"] td[data-days="365"]`)).toHaveText('not known yet');
  await expect(page.locator(`table[data-testid="incidence-table"] tr[data-group="${first}"] td[data-days="548"]`)).toHaveText(/^\d+(\.\d)?%$/);
  // England's reference is worked out from Ofsted's counts, as the Overview states it (8,010 / 125,195).
  await expect(page.locator('main')).toContainText('England 6.4%');
  await expect(page.locator('main')).not.toContainText('England 6%');
  await screen(page, 'trends', { fullPage: true });
});

// Equality's own tests (adjusted findings, planted gaps, pooling) are in equality.spec.ts.

// Accessibility of every view (all impacts, 1280 and 390 px) is checked in a11y.spec.ts.

test('keyboard only: upload, overview, campaigns, a drill-down', async ({ page }) => {
  // Listen for the file chooser before the page opens: Playwright switches on Chromium's
  // chooser interception asynchronously when the first listener is added, so a listener
  // added just before the key press can lose the race and the chooser goes unseen.
  const chooser = new Promise<FileChooser>((resolve) => page.once('filechooser', resolve));
  await openApp(page);
  // The upload control is reachable by keyboard.
  await page.keyboard.press('Tab'); // skip link
  let found = false;
  for (let i = 0; i < 10 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'upload-input');
  }
  expect(found).toBe(true);
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'kb.csv', mimeType: 'text/csv', buffer: Buffer.from('Ref No,Date of Enquiry,Initial Home Visit Date,Current Status,Campaign,Reason for Closure\nK1,01/02/2024,05/02/2024,In progress,Radio,\nK2,02/02/2024,,NFA,Radio,No response\nK3,03/02/2024,,Withdrawn,Web,Moving house\n') });
  await waitReady(page);
  await expect(page.getByText('Your data: kb.csv')).toBeVisible();
  const t = await funnelTable(page);
  expect(t.enquiry.reached).toBe('3');
  // To the campaigns view by keyboard.
  await page.getByTestId('nav-campaigns').focus();
  await page.keyboard.press('Enter');
  await waitReady(page);
  await expect(page.locator('table[data-testid="campaign-table"] tr[data-campaign="Radio"] [data-metric="enquiries"]')).toHaveAttribute('data-value', '2');
  // To the drop-off view and into a drill-down by keyboard.
  await page.getByTestId('nav-dropoff').focus();
  await page.keyboard.press('Enter');
  await waitReady(page);
  await page.locator('td[data-stage="enquiry"][data-category="LOST_CONTACT"] button').focus();
  await page.keyboard.press('Enter');
  await waitReady(page);
  await expect(page.getByTestId('drill-table')).toContainText('K2');
  await expect(page.getByTestId('drill-panel')).toBeFocused();
});

test('data: "Figures as at" is typed day first whatever the browser\'s language, and a date that does not exist is said so', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('nav-data').click();
  await waitReady(page);
  const asOf = page.getByTestId('as-of');
  await asOf.fill('31/02/2025');
  await asOf.press('Enter');
  await expect(page.getByTestId('date-error')).toContainText('There is no 31/02/2025');
  await expect(asOf).toHaveAttribute('aria-invalid', 'true');
  await asOf.fill('30/09/2025');
  await asOf.press('Enter');
  await waitReady(page);
  await expect(asOf).not.toHaveAttribute('aria-invalid');
  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  await expect(page.getByText('as at 30 Sept 2025').first()).toBeVisible();
});

test('data: a single export chosen while the Data page shows the sample\'s files is drawn without an error', async ({ page }) => {
  const w = watch(page);
  await openApp(page, './?view=data');
  await upload(page, [{ name: 'one.csv', text: 'Ref,Enquiry Date,Application Date,Approval Date,Status\nA,01/04/2024,01/05/2024,01/12/2024,Approved\nB,02/04/2024,,,Withdrawn\n' }]);
  await waitReady(page);
  await expect(page.getByTestId('quality-summary')).toBeVisible();
  expect(w.errors).toEqual([]);
});

test('drop-off: changing how a reason is read keeps focus on its menu', async ({ page }) => {
  await openApp(page, './?view=dropoff');
  await page.getByText('How the recorded reasons were read').click();
  const menu = page.locator('select[data-reason="Moving house"]');
  await menu.focus();
  await menu.selectOption('AW4');
  await waitReady(page);
  await expect(page.locator('select[data-reason="Moving house"]')).toHaveValue('AW4');
  await expect(page.locator('select[data-reason="Moving house"]')).toBeFocused();
});
