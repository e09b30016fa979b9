import { test, expect, type Request } from '@playwright/test';
import { generateEnquiries, toWideCsv } from '../../scripts/sample/generate.mjs';
import { openApp, upload, waitReady } from './helpers';

test('a full session sends no request anywhere but the app\'s own origin', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  const record = (r: Request) => requests.push(r.url());
  context.on('request', record); // page, its workers and any new page
  await openApp(page);
  await upload(page, [{ name: 'session.csv', text: toWideCsv(generateEnquiries({ count: 300, seed: 11 })) }]);
  await waitReady(page);
  for (const view of ['overview', 'dropoff', 'campaigns', 'trends', 'equality', 'data', 'report']) {
    await page.getByTestId(`nav-${view}`).click();
    await waitReady(page);
    if (view !== 'data' && view !== 'report') {
      // PNGs are made asynchronously, so Chromium counts each as an automatic download and
      // may hold later ones for permission: one PNG (overview) is enough to cover the path.
      for (const id of view === 'overview' ? ['chart-svg', 'chart-png'] : ['chart-svg']) {
        const d = page.waitForEvent('download');
        await page.getByTestId(id).first().click();
        await d;
      }
    }
    const csv = page.locator('.table-csv:visible').first();
    if (await csv.count()) {
      const d = page.waitForEvent('download');
      await csv.click();
      await d;
    }
  }
  await page.getByTestId('nav-dropoff').click();
  await waitReady(page);
  await page.locator('[data-testid="reasons-table"] button').first().click();
  await waitReady(page);
  const d = page.waitForEvent('download');
  await page.getByTestId('drill-table-download').click();
  await d;
  await page.getByRole('button', { name: 'Close the list' }).click(); // the list is a modal dialog
  await page.getByTestId('share-menu').click(); // the share actions live in one Share menu
  await page.getByTestId('share-summary').click();
  const link = await page.getByTestId('summary-url').inputValue();
  const viewer = await context.newPage();
  await viewer.goto(link);
  await waitReady(viewer);
  await expect(viewer.getByTestId('summary-view')).toBeVisible();

  expect(requests.length).toBeGreaterThan(5);
  const elsewhere = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(elsewhere).toEqual([]);
});

test('the Content-Security-Policy is in force: no inline script runs and nothing is fetched from elsewhere', async ({ page }) => {
  await openApp(page);
  // The violations are reported as events some time after the attempts: they are collected in the
  // page and waited for, not given a fixed time to arrive.
  const r = await page.evaluate(async () => {
    const g = window as unknown as { __inlineRan?: boolean; cspSeen: string[] };
    g.cspSeen = [];
    document.addEventListener('securitypolicyviolation', (e) => g.cspSeen.push(e.effectiveDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    let fetched = 'yes';
    try {
      await fetch('https://example.org/collect');
    } catch {
      fetched = 'no';
    }
    return { inlineRan: g.__inlineRan ?? false, fetched };
  });
  expect(r.inlineRan).toBe(false);
  expect(r.fetched).toBe('no');
  await expect.poll(() => page.evaluate(() => (window as unknown as { cspSeen: string[] }).cspSeen)).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false)).toBe(false);
});
