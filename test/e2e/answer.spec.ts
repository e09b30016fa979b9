import { test, expect, type Page } from '@playwright/test';
import { funnelTable, openApp, waitReady, watch, screen } from './helpers';

/** Sum of a period-table column, and the funnel's enquiries, under the filters in force. */
async function periodTotal(page: Page, metric: string): Promise<number> {
  return page.locator('table[data-testid="period-table"]').evaluate((t, m) =>
    [...t.querySelectorAll(`tr[data-period] [data-metric="${m}"]`)].reduce((a, td) => a + Number(td.getAttribute('data-value')), 0), metric);
}

async function goTo(page: Page, view: string) {
  await page.getByTestId(`nav-${view}`).click();
  await waitReady(page);
}

test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  for (const view of ['overview', 'trends']) {
    test(`${view}: the finding and the main chart start above the fold`, async ({ page }) => {
      await openApp(page, view === 'overview' ? './' : `./?view=${view}`);
      const finding = page.getByTestId('finding');
      await expect(finding).toHaveCount(1);
      await expect(finding).not.toBeEmpty();
      const box = await finding.boundingBox();
      expect(box!.y).toBeLessThan(720);
      const chart = page.locator('main .chart-host svg').first();
      expect((await chart.boundingBox())!.y).toBeLessThan(720);
      await screen(page, `answer-${view}-1280`);
    });
  }

  test('overview: the finding names the biggest loss with its numbers; headline figures compare with the period before and England', async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId('finding')).toContainText(/Most people are lost between enquiry and initial visit: [\d,]+ of [\d,]+/);
    const figures = page.getByTestId('headline-figures');
    await expect(figures).toContainText('England 6.4% (councils 12%)*');
    await expect(figures.locator('.compare').first()).toContainText(/^Last 12 months: [\d,]+, (up|down) \d+%|down from [\d,]+|no clear change/);
    await expect(figures).toContainText('England 3.3%; 11% in 2013/14*');
    await expect(page.getByTestId('comparisons')).toContainText('England 2022-23: 6.4% (councils 12%) applications and 3.3% approvals per enquiry, period counts');
    await expect(page.getByTestId('comparisons')).toContainText(/[\d,]+ enquiries received, .*95% interval/s);
    // Under a campaign filter, the service's overall figure stands beside the campaign's.
    await page.getByTestId('filter-campaign').selectOption({ index: 1 });
    await waitReady(page);
    await expect(page.getByTestId('finding')).toContainText('for the service overall');
    await expect(figures).toContainText(/of [\d,]+ in the service overall/);
  });

  test('trends: the finding names a change only beyond chance, and a part year is marked as one', async ({ page }) => {
    await openApp(page, './?view=trends');
    await expect(page.getByTestId('finding')).toContainText(/2026-27 so far \(1 Apr 2026 to 31 Oct 2026\) against the same dates in 2025-26/);
    await expect(page.getByTestId('finding')).toContainText(/rose|fell|no clear change/);
    await expect(page.locator('table[data-testid="period-table"] tr[data-period="2026-27"] th')).toContainText('part year: 1 Apr 2026 to 31 Oct 2026');
    await expect(page.locator('main')).not.toContainText('collapsed');
    await expect(page.getByTestId('method')).toContainText('How this is worked out');
  });
});

test('overview and trends agree under a campaign filter and under a financial-year filter', async ({ page }) => {
  await openApp(page);
  // A named campaign (the largest group is "no campaign recorded").
  const values = await page.getByTestId('filter-campaign').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const campaign = values.find((v) => v && v !== '(blank)');
  await page.getByTestId('filter-campaign').selectOption(campaign!);
  await waitReady(page);
  await page.getByTestId('filter-year').selectOption('2022-23');
  await waitReady(page);
  expect(page.url()).toContain('from=2022-04-01');
  const overview = Number((await funnelTable(page)).enquiry.reached);
  expect(overview).toBeGreaterThan(0);
  await goTo(page, 'trends');
  expect(await periodTotal(page, 'enquiries')).toBe(overview);
  // Only 2022-23 has enquiries; later years hold those people's applications and approvals.
  const withEnquiries = await page.locator('table[data-testid="period-table"]').evaluate((t) =>
    [...t.querySelectorAll('tr[data-period]')].filter((tr) => Number(tr.querySelector('[data-metric="enquiries"]')!.getAttribute('data-value')) > 0).map((tr) => tr.getAttribute('data-period')));
  expect(withEnquiries).toEqual(['2022-23']);
  // The year alone, and the campaign alone.
  await page.getByRole('button', { name: `Campaign: ${campaign}: remove this filter` }).click();
  await waitReady(page);
  const yearOnly = await periodTotal(page, 'enquiries');
  await goTo(page, 'overview');
  expect(Number((await funnelTable(page)).enquiry.reached)).toBe(yearOnly);
  await page.getByTestId('filter-year').selectOption('');
  await page.getByTestId('filter-campaign').selectOption(campaign!);
  await waitReady(page);
  const campaignOnly = Number((await funnelTable(page)).enquiry.reached);
  await goTo(page, 'trends');
  expect(await periodTotal(page, 'enquiries')).toBe(campaignOnly);
});

test.describe('with the browser in US English', () => {
  test.use({ locale: 'en-US' });

  test('dates are typed and shown as dd/mm/yyyy; a bad date says what is wrong', async ({ page }) => {
    await openApp(page);
    const from = page.getByTestId('filter-from');
    await from.fill('01/04/2023');
    await from.press('Enter');
    await waitReady(page);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2023-04-01'); // 1 April, not 4 January
    await expect(from).toHaveValue('01/04/2023');
    await expect(page.getByRole('button', { name: /^Enquired from 1 Apr 2023.*: remove this filter$/ })).toContainText('Enquired from 1 Apr 2023');
    const to = page.getByTestId('filter-to');
    await to.fill('31/13/2023');
    await to.press('Enter');
    await expect(page.getByTestId('date-error')).toContainText('There is no 31/13/2023');
    await expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(new URL(page.url()).searchParams.get('to')).toBeNull();
    // One Tab stop per date control.
    await from.focus();
    await page.keyboard.press('Tab');
    await expect(to).toBeFocused();
  });
});

test('a blank campaign is "Not recorded" in the chip and empty in the link; old "(blank)" links still work', async ({ page }) => {
  await openApp(page, './?campaign=(blank)');
  await expect(page.getByRole('button', { name: 'Campaign: Not recorded: remove this filter' })).toContainText('Campaign: Not recorded');
  const n = Number((await funnelTable(page)).enquiry.reached);
  expect(n).toBeGreaterThan(0);
  await page.getByTestId('filter-year').selectOption('2023-24');
  await waitReady(page);
  expect(page.url()).not.toContain('blank');
  expect(new URL(page.url()).searchParams.getAll('campaign')).toEqual(['']);
});

test('the Share menu works by keyboard and gives focus back', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const trigger = page.getByTestId('share-menu');
  await trigger.focus();
  await page.keyboard.press('Enter');
  await expect(trigger).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('copy-link')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('share-summary')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(trigger).toHaveAttribute('aria-expanded', 'false');
  await expect(trigger).toBeFocused();
  await expect(page.getByTestId('copy-link')).toBeHidden();
  // Choosing an item runs it and closes the menu, focus back on the button.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('.share-msg')).toHaveText('Link to this view copied.');
  await expect(trigger).toBeFocused();
  await expect(trigger).toHaveAttribute('aria-expanded', 'false');
});

test('the sample\'s notices fold into one line that opens', async ({ page }) => {
  await openApp(page);
  const toggle = page.getByTestId('notices').getByRole('button');
  await expect(toggle).toHaveText(/1 notice about this data: show/);
  await expect(page.getByRole('status').filter({ hasText: 'duplicate rows merged' })).toBeHidden();
  await toggle.click();
  await expect(page.getByRole('status').filter({ hasText: 'duplicate rows merged' })).toBeVisible();
});

test('targets travel in the link and show as on track or behind, and as goal lines', async ({ page }) => {
  await openApp(page, './?t.approvals=500&t.apprate=1');
  const status = page.getByTestId('target-status');
  await expect(status.locator('tr[data-target="approvalsPerYear"] [data-status]')).toHaveAttribute('data-status', 'behind');
  await expect(status.locator('tr[data-target="enquiryToApplication"] [data-status]')).toHaveAttribute('data-status', 'on track');
  // A share over 100% is refused in words beside the box, and the link keeps no such target.
  await page.getByTestId('target-panel').fill('150');
  await page.getByTestId('target-panel').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Enter a percentage from 0.1 to 100' })).toBeVisible();
  await expect(page.getByTestId('target-panel')).toHaveAttribute('aria-invalid', 'true');
  expect(page.url()).not.toContain('t.panel');
  await page.getByTestId('target-panel').fill('95');
  await page.getByTestId('target-panel').press('Enter');
  await expect(page).toHaveURL(/t\.panel=95/);
  await expect(page.getByTestId('target-panel')).not.toHaveAttribute('aria-invalid', 'true');
  await goTo(page, 'trends');
  await expect(page.locator('svg .reference-rule').first()).toHaveAttribute('data-value', '500');
});

test('the shell and skeleton are on screen before the figures are ready', async ({ page }) => {
  // Hold the engine's code back until the first screen has been seen, so the check waits on
  // what is on screen, not on time.
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  let asked = false;
  await page.route(/\/assets\/browser-[^/]*\.js$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  // When the progress line and the skeleton first entered the page, to compare with the first paint.
  await page.addInitScript(() => {
    const seen: Record<string, number> = ((window as unknown as { __firstScreen: Record<string, number> }).__firstScreen = {});
    new MutationObserver(() => {
      for (const id of ['app-status', 'skeleton']) if (seen[id] === undefined && document.querySelector(`[data-testid="${id}"]`)) seen[id] = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  // The page as served holds the first screen itself, and no stylesheet is linked to hold up its paint.
  const served = await (await page.request.get('./')).text();
  expect(served).toContain('Opening the dashboard…');
  expect(served).toContain('data-testid="skeleton"');
  expect(served).not.toMatch(/<link[^>]+rel="?stylesheet/);
  await page.goto('./', { waitUntil: 'commit' });
  await expect(page.getByTestId('skeleton')).toBeVisible();
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'loading');
  await expect.poll(() => asked).toBe(true); // the engine was on its way, and held
  release();
  await waitReady(page);
  await expect(page.getByTestId('skeleton')).toHaveCount(0);
  const first = await page.evaluate(() => ({
    fcp: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? null,
    seen: (window as unknown as { __firstScreen: Record<string, number> }).__firstScreen,
  }));
  console.log(`first contentful paint: ${first.fcp === null ? 'not reported' : Math.round(first.fcp) + ' ms'}`);
  // The first paint is reported and already shows the progress line and the skeleton (no time is
  // asserted here: speed belongs to the benchmark).
  expect(first.fcp).not.toBeNull();
  expect(first.seen['app-status']).toBeLessThanOrEqual(first.fcp!);
  expect(first.seen['skeleton']).toBeLessThanOrEqual(first.fcp!);
});

// Axe, the page's width and console errors on every view at 1280×720 and 390×844 are a11y.spec's every-view pass.
