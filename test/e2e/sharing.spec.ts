import { test, expect, type FileChooser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { funnelTable, openApp, upload, waitReady, watch, screen } from './helpers';

const EXPORT = 'Ref No,Date of Enquiry,Initial Home Visit Date,Application Received,Current Status,Campaign,Ethnicity\n' +
  Array.from({ length: 60 }, (_, i) => `R${i},${String((i % 27) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2024,${i % 2 ? '' : '20/10/2024'},${i % 5 ? '' : '01/11/2024'},${i % 3 ? 'In progress' : 'Withdrawn'},${i % 4 ? 'Radio' : 'Web'},${i % 6 ? 'White British' : 'Mixed'}`).join('\n') + '\n';

/** The export's column names, in order, as a link names them. */
const COLUMNS = EXPORT.split('\n')[0].split(',');
/** What a link made after loading EXPORT as team-export.csv, on Campaigns by source, filtered to Radio, holds (the first test checks the app writes this). */
const SHARED_STATE = { view: 'campaigns', campaign: 'Radio', 'u.by': 'source', src: 'team-export.csv', rows: '60', cols: COLUMNS.join('|') };
/** That link, built from the known state so that each test opens it with a page load of its own. */
const sharedLink = () => './?' + new URLSearchParams(SHARED_STATE).toString();

test('a link carries view, filters, grouping and settings, and says which export it came from', async ({ page }) => {
  await openApp(page);
  await upload(page, [{ name: 'team-export.csv', text: EXPORT }]);
  await waitReady(page);
  await page.getByTestId('nav-campaigns').click();
  await waitReady(page);
  await page.getByRole('button', { name: /By source/ }).click();
  await waitReady(page);
  await page.getByTestId('filter-campaign').selectOption('Radio');
  await waitReady(page);
  const url = page.url();
  expect(url).toContain('view=campaigns');
  expect(url).toContain('campaign=Radio');
  expect(url).toContain('u.by=source');
  expect(url).toContain('src=team-export.csv');
  expect(url).not.toContain('R1'); // no record data in links
  // Exactly the state the next two tests open the link with.
  expect(Object.fromEntries(new URL(url).searchParams)).toMatchObject(SHARED_STATE);
});

test('a link opened without its export says which export it needs, offers to load it, and then gives the same view', async ({ page }) => {
  // Listening before the page opens: Chromium starts intercepting the chooser asynchronously.
  const chosen = new Promise<FileChooser>((resolve) => page.once('filechooser', resolve));
  // Opened without the data: the sample loads, and the page says which export the link needs.
  await openApp(page, sharedLink());
  await expect(page.getByTestId('link-source')).toContainText('team-export.csv');
  await expect(page.getByTestId('link-source')).toContainText('60 enquiries');
  await expect(page.getByTestId('link-source')).toContainText('columns Ref No, Date of Enquiry');
  // The page offers to load it; doing so gives the same view as the colleague who shared it.
  await page.getByTestId('load-link-source').click();
  await (await chosen).setFiles({ name: 'team-export.csv', mimeType: 'text/csv', buffer: Buffer.from(EXPORT) });
  await waitReady(page);
  await expect(page.getByTestId('link-source')).toHaveCount(0);
  await expect(page.locator('table[data-testid="source-table"]')).toBeVisible();
});

test('a link opened with a different export warns, and what fits still applies', async ({ page }) => {
  await openApp(page, sharedLink());
  await upload(page, [{ name: 'other.csv', text: 'Ref No,Date of Enquiry,Campaign,Current Status\nX1,01/01/2024,Radio,NFA\nX2,02/01/2024,Web,NFA\n' }]);
  await waitReady(page);
  await expect(page.getByRole('status').filter({ hasText: 'This link was made from "team-export.csv"' })).toBeVisible();
  await expect(page.locator('table[data-testid="source-table"]')).toBeVisible();
});

test('?data= opens an export from the same web server, and refuses other origins', async ({ page }) => {
  await page.goto('./?data=' + encodeURIComponent('assets/' + (await sampleAsset(page))));
  await waitReady(page);
  await expect(page.getByText(/Your data: sample-enquiries/)).toBeVisible();
  const t = await funnelTable(page);
  expect(Number(t.enquiry.reached)).toBeGreaterThan(3000);

  const w = watch(page);
  await page.goto('./?data=' + encodeURIComponent('https://example.org/export.csv'));
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
  await expect(page.getByRole('alert')).toContainText('on another web site');
  expect(w.foreign).toEqual([]);
});

async function sampleAsset(page: import('@playwright/test').Page): Promise<string> {
  // The built sample's hashed file name, read from the served page's assets.
  const res = await page.request.get('./');
  const html = await res.text();
  const entry = /assets\/(index-[\w-]+\.js)/.exec(html)![1];
  // The entry is small and loads the app's chunk with a dynamic import: look in both.
  const entryCode = await (await page.request.get('./assets/' + entry)).text();
  const chunks = [entry, ...[...entryCode.matchAll(/"\.\/([\w-]+\.js)"/g)].map((m) => m[1])];
  for (const js of chunks) {
    const code = js === entry ? entryCode : await (await page.request.get('./assets/' + js)).text();
    const name = /(sample-enquiries-[\w-]+\.csv)/.exec(code);
    if (name) return name[1];
  }
  throw new Error(`no sample file named in ${chunks.join(', ')}`);
}

test('summary links hold aggregates only, open read-only and stay small', async ({ page, context }) => {
  const sizes: Record<string, number> = {};
  await openApp(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  for (const view of ['overview', 'dropoff', 'campaigns', 'trends', 'equality']) {
    await page.getByTestId(`nav-${view}`).click();
    await waitReady(page);
    // The previous view's summary link is not left on screen under this one.
    await expect(page.getByTestId('summary-url')).toHaveCount(0);
    await page.getByTestId('share-menu').click(); // the share actions live in one Share menu
    await page.getByTestId('share-summary').click();
    const link = await page.getByTestId('summary-url').inputValue();
    sizes[view] = link.length;
    expect(link).toContain('#summary=');
    expect(link.length, view).toBeLessThan(8 * 1024);
    const w = watch(page);
    const viewer = await context.newPage();
    const viewerWatch = watch(viewer);
    await viewer.goto(link);
    await waitReady(viewer);
    await expect(viewer.getByTestId('summary-view')).toBeVisible();
    await expect(viewer.getByTestId('summary-view')).toContainText('read-only summary');
    // Charts too, drawn from the summary's figures alone (once the chart's width is known, a
    // moment after the view); an equality summary with no group behind (the sample, once
    // comparisons are adjusted) has nothing to draw and says so.
    const charts = viewer.locator('[data-testid="summary-view"] svg[role="img"]');
    const nothingToDraw = viewer.getByTestId('summary-view').getByText('once every comparison made was allowed for');
    await expect(view === 'equality' ? charts.or(nothingToDraw).first() : charts.first(), view).toBeVisible();
    const text = await viewer.locator('main').innerText();
    expect(text).not.toMatch(/FE-\d{6}/); // no enquiry ids
    // The caveats Trends puts on its rows travel with the summary, and the cohorts' window is named.
    if (view === 'trends') {
      expect(text).toContain('2022-23 (applications and approvals undercounted');
      expect(text).toContain('2026-27 (part year)');
      expect(text).toContain('Approved within 12 months');
    }
    // No control that does nothing: nothing disabled, and the header's action opens the dashboard.
    expect(await viewer.locator('button:disabled, input:disabled, select:disabled').count(), view).toBe(0);
    await expect(viewer.getByTestId('open-dashboard')).toHaveAttribute('href', /\/$/);
    await screen(viewer, `summary-${view}`, { fullPage: true });
    expect(viewerWatch.foreign).toEqual([]);
    expect(viewerWatch.errors).toEqual([]);
    await viewer.close();
    expect(w.foreign).toEqual([]);
  }
  console.log('summary link sizes (characters):', JSON.stringify(sizes));
  // A view with no summary does not offer one: the item says where there is one, and does nothing.
  await page.getByTestId('nav-plan').click();
  await waitReady(page);
  await page.getByTestId('share-menu').click();
  await expect(page.getByTestId('share-summary')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('share-summary')).toContainText('for Overview, Drop-off, Campaigns, Trends and Equality only');
  // Still reachable, as aria-disabled leaves it: Enter on it makes no link.
  await page.getByTestId('share-summary').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('summary-url')).toHaveCount(0);
});

test('small counts are shown as <5 in summaries', async ({ page, context }) => {
  await openApp(page);
  await upload(page, [{ name: 'small.csv', text: 'Ref No,Date of Enquiry,Initial Home Visit Date,Current Status\nA,01/01/2024,05/01/2024,In progress\nB,01/01/2024,,NFA\nC,02/01/2024,,NFA\nD,03/01/2024,,NFA\nE,03/01/2024,,NFA\nF,03/01/2024,,NFA\nG,03/01/2024,,NFA\n' }]);
  await waitReady(page);
  await page.getByTestId('share-menu').click(); // the share actions live in one Share menu
  await page.getByTestId('share-summary').click();
  const link = await page.getByTestId('summary-url').inputValue();
  const viewer = await context.newPage();
  await viewer.goto(link);
  await waitReady(viewer);
  const table = viewer.getByTestId('summary-funnel-table');
  await expect(table.locator('tr[data-stage="enquiry"] [data-metric="reached"]')).toHaveText('7');
  await expect(table.locator('tr[data-stage="initial_visit"] [data-metric="reached"]')).toHaveText('<5');
  // 7 reached, 6 left, 0 still open would give the 1 away: those two are withheld as well.
  await expect(table.locator('tr[data-stage="enquiry"] td').nth(2)).toHaveText('suppressed');
  await expect(table.locator('tr[data-stage="enquiry"] td').nth(3)).toHaveText('suppressed');
  // The chart says the same and no more: no count of 1-4 in its text or tooltips.
  const chart = viewer.locator('[data-testid="summary-view"] svg.funnel-chart');
  const chartText = await chart.evaluate((svg) => [...svg.querySelectorAll('text, title')].map((t) => t.textContent).join(' | '));
  expect(chartText).toContain('Initial visit: <5 reached');
  expect(chartText).not.toMatch(/(^|[^\d<])[1-4] (reached|went on|still open|left)/);
  expect(chartText).not.toMatch(/: [1-4] reached/);
});

test('a damaged summary link says so', async ({ page }) => {
  await page.goto('./#summary=AAAAgarbage');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert')).toContainText('damaged or incomplete');
});

/** The app's keys in localStorage. */
const remembered = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fostering-funnel')));

/** How many files are kept in this browser's IndexedDB. */
const keptFiles = (page: Page) => page.evaluate(() => new Promise<number>((resolve) => {
  const req = indexedDB.open('fostering-funnel', 1);
  req.onupgradeneeded = () => req.result.createObjectStore('files');
  req.onsuccess = () => {
    const c = req.result.transaction('files').objectStore('files').count();
    c.onsuccess = () => { resolve(c.result); req.result.close(); };
  };
}));

/** Loads EXPORT as keep.csv, makes a correction on the Data page (so a mapping is remembered), and stays there. */
async function loadAndCorrect(page: Page) {
  await openApp(page);
  await upload(page, [{ name: 'keep.csv', text: EXPORT }]);
  await waitReady(page);
  await page.getByTestId('nav-data').click();
  await waitReady(page);
  await page.locator('select[data-role="source"]').selectOption('Ethnicity');
  await page.getByTestId('apply-mapping').click();
  await waitReady(page);
  expect((await remembered(page)).some((k) => k.startsWith('fostering-funnel.mapping.'))).toBe(true);
}

/** Switches "keep my data in this browser" on, and waits until the file is kept. */
async function keepData(page: Page) {
  await page.getByTestId('keep-data').check();
  await expect(page.getByRole('status').filter({ hasText: 'kept in this browser' })).toBeVisible();
  expect(await keptFiles(page)).toBe(1);
}

test('keep my data in this browser: off until asked, then it opens next time, and forgetting clears it', async ({ page }) => {
  await loadAndCorrect(page);
  await expect(page.getByTestId('keep-data')).not.toBeChecked(); // off by default
  expect(await keptFiles(page)).toBe(0);
  await keepData(page);
  await page.goto('./');
  await waitReady(page);
  await expect(page.getByText('Your data: keep.csv')).toBeVisible();
  await page.getByTestId('nav-data').click();
  await waitReady(page);
  await page.getByTestId('forget-data').click();
  await page.getByTestId('forget-confirm').click();
  await waitReady(page);
  await expect(page.getByText('Sample data (synthetic)')).toBeVisible();
  await expect.poll(() => remembered(page)).toEqual([]);
  await expect.poll(() => keptFiles(page)).toBe(0);
});

test('forget it all: after forgetting, the next visit opens the sample and nothing is left in this browser', async ({ page }) => {
  await loadAndCorrect(page);
  await keepData(page);
  // It asks first; "Keep it" keeps everything and gives focus back to the button.
  await page.getByTestId('forget-data').click();
  await expect(page.getByTestId('forget-confirm')).toBeFocused();
  await page.getByTestId('forget-cancel').click();
  await expect(page.getByTestId('forget-data')).toBeFocused();
  expect(await keptFiles(page)).toBeGreaterThan(0);
  await page.getByTestId('forget-data').click();
  await page.getByTestId('forget-confirm').click();
  await waitReady(page);
  await expect(page.getByText('Sample data (synthetic)')).toBeVisible();
  await page.goto('./');
  await waitReady(page);
  await expect(page.getByText('Sample data (synthetic)')).toBeVisible();
  expect(await remembered(page)).toEqual([]);
  expect(await keptFiles(page)).toBe(0);
});

test('charts download as SVG and PNG, tables as CSV with formulas neutralised', async ({ page }) => {
  await openApp(page);
  await upload(page, [{ name: 'f.csv', text: 'Ref No,Date of Enquiry,Current Status,Campaign\nA,01/01/2024,NFA,"=HYPERLINK(""http://x"",""y"")"\nB,01/01/2024,NFA,Radio\n' }]);
  await waitReady(page);
  let d = page.waitForEvent('download');
  await page.getByTestId('chart-svg').first().click();
  const svg = readFileSync(await (await d).path(), 'utf8');
  expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  d = page.waitForEvent('download');
  await page.getByTestId('chart-png').first().click();
  const png = readFileSync(await (await d).path());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await page.getByTestId('nav-campaigns').click();
  await waitReady(page);
  d = page.waitForEvent('download');
  await page.locator('.table-csv').first().click();
  const csv = readFileSync(await (await d).path(), 'utf8');
  expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  // What a heading promises beside a value (its interval, its n) is in the file, as numbers in columns of their own.
  expect(csv.split(/\r?\n/)[0]).toContain('Enquiry to application,Enquiry to application: 95% low,Enquiry to application: 95% high,Enquiry to application: n,');
});
