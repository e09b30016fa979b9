import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openApp, waitReady, watch, screen } from './helpers';

const DESKTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };

async function openView(page: Page, view: 'campaigns' | 'dropoff' | 'overview') {
  await openApp(page);
  if (view !== 'overview') {
    await page.getByTestId(`nav-${view}`).click();
    await waitReady(page);
  }
}

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

/** The finding starts above the fold. */
async function findingAboveFold(page: Page, height: number) {
  const finding = page.getByTestId('finding');
  await expect(finding).toHaveCount(1);
  await expect(finding).toBeVisible();
  const box = (await finding.boundingBox())!;
  expect(box.y).toBeLessThan(height - 20);
  return (await finding.innerText()).trim();
}

/** The cost-per-approval cells' values down the named campaigns, in table order ('' where undefined). */
const costColumn = (page: Page) => page.locator('table[data-testid="campaign-table"] tbody:not(.blank-group) [data-metric="cost_per_approval"]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value') ?? ''));

test.describe('at 1280×720', () => {
  test.use({ viewport: DESKTOP });

  test('campaigns: the finding is above the fold, every column is reachable and sortable by keyboard', async ({ page }) => {
    test.setTimeout(120_000);
    const w = watch(page);
    await openView(page, 'campaigns');
    const text = await findingAboveFold(page, DESKTOP.height);
    expect(text).toMatch(/per approval|can't be ranked/);
    await screen(page, 'campaigns-1280x720');
    // The headline strip: the table's totals, cost per approval with its interval and n, approvals against the period before.
    const strip = page.getByTestId('campaign-headline');
    await expect(strip.getByTestId('headline-cost')).toContainText(/£[\d,]+–£[\d,]+ \(95% interval\), n=[\d,]+ approvals/);
    await expect(strip.getByTestId('headline-approvals').locator('.compare')).toHaveText(/^Last 12 months: [\d,]+, (up \d+%|down \d+%|down from [\d,]+|no clear change)$/);
    const approvals = await page.locator('table[data-testid="campaign-table"] [data-metric="approvals"]').evaluateAll((tds) => tds.reduce((a, td) => a + Number(td.getAttribute('data-value')), 0));
    await expect(strip.getByTestId('headline-approvals').locator('.kpi-value')).toHaveText(approvals.toLocaleString('en-GB'));
    expect((await page.locator('table[data-testid="campaign-table"]').boundingBox())!.y).toBeLessThan(DESKTOP.height);

    // The table fits, or sits in a focusable scroll region whose far edge can be reached (name column sticky).
    const table = page.locator('table[data-testid="campaign-table"]');
    const region = page.locator('.channel-scroll');
    await expect(region).toHaveAttribute('tabindex', '0');
    await expect(region).toHaveAttribute('role', 'region');
    await expect(region).toHaveAttribute('aria-label', /.+/);
    const fits = await region.evaluate((r) => r.scrollWidth <= r.clientWidth + 1);
    // A wide table says so above it.
    await expect(page.getByTestId('scroll-hint')).toHaveCount(fits ? 0 : 1);
    console.log(`campaign table at 1280 px: ${fits ? 'fits' : 'scrolls'} (${await region.evaluate((r) => `${r.scrollWidth} in ${r.clientWidth}`)})`);
    if (!fits) {
      await region.focus();
      for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowRight');
      const reach = await region.evaluate((r) => ({ left: r.scrollLeft, max: r.scrollWidth - r.clientWidth }));
      expect(reach.left).toBeGreaterThanOrEqual(reach.max - 1);
    }
    const regionBox = (await region.boundingBox())!;
    expect(regionBox.x + regionBox.width).toBeLessThanOrEqual(DESKTOP.width);
    const lastCell = table.locator('tbody:not(.blank-group) tr').first().locator('td').last();
    const cellBox = (await lastCell.boundingBox())!;
    expect(cellBox.x + cellBox.width).toBeLessThanOrEqual(regionBox.x + regionBox.width + 1);
    const nameBox = (await table.locator('tbody:not(.blank-group) tr th').first().boundingBox())!;
    expect(nameBox.x).toBeGreaterThanOrEqual(regionBox.x - 1);
    await region.evaluate((r) => { r.scrollLeft = 0; });

    // "No campaign recorded" is apart from the named campaigns, below them.
    const blank = table.locator('tbody.blank-group tr[data-campaign]');
    await expect(blank).toHaveCount(1);
    await expect(blank.locator('th')).toContainText('No campaign recorded');
    await expect(table.locator('tbody:not(.blank-group) tr').first().locator('th')).not.toContainText('No campaign recorded');

    // Sort by cost per approval with the keyboard: lowest first, then highest first; aria-sort follows.
    const header = table.locator('th', { has: page.locator('button[data-sort="cost_per_approval"]') });
    await expect(header).not.toHaveAttribute('aria-sort', /./);
    await page.locator('button[data-sort="cost_per_approval"]').focus();
    await page.keyboard.press('Enter');
    await waitReady(page);
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(table.locator('th[aria-sort]')).toHaveCount(1);
    expect(new URL(page.url()).searchParams.get('u.sort')).toBe('cost_per_approval:ascending');
    const up = await costColumn(page);
    const defined = (xs: string[]) => xs.filter((x) => x !== '').map(Number);
    expect(defined(up)).toEqual([...defined(up)].sort((a, b) => a - b));
    expect(up.slice(defined(up).length).every((x) => x === '')).toBe(true);
    await page.keyboard.press('Space');
    await waitReady(page);
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const down = await costColumn(page);
    expect(defined(down)).toEqual([...defined(up)].reverse());
    // The blank group stays last whatever the order.
    await expect(table.locator('tbody').last()).toHaveClass(/blank-group/);
    // Sorting by name with the keyboard too.
    await page.locator('button[data-sort="name"]').focus();
    await page.keyboard.press('Enter');
    await waitReady(page);
    await expect(table.locator('th', { has: page.locator('button[data-sort="name"]') })).toHaveAttribute('aria-sort', 'ascending');
    const names = await table.locator('tbody:not(.blank-group) tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-campaign')!));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' })));

    // Cost per approval carries its interval; names take at most two lines.
    await expect(table.locator('tbody:not(.blank-group) [data-metric="cost_per_approval"] .sub').first()).toHaveText(/^£[\d,]+–£[\d,]+$/);
    const tallest = await table.locator('tbody .name').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || '20'))));
    expect(tallest).toBeLessThanOrEqual(2.05);
    // ...and the sample's names are shown whole (a longer one would end in an ellipsis, with the full name on hover).
    expect(await table.locator('tbody .name').evaluateAll((els) => els.filter((e) => e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent))).toEqual([]);
    await axeClean(page);
    await screen(page, 'campaigns-1280-full', { fullPage: true });
    // By source there is no spend: the finding compares conversion instead, with the same rule.
    await page.getByRole('button', { name: /^By source/ }).click();
    await waitReady(page);
    await expect(page.getByTestId('finding')).toHaveText(/^(Highest conversion: .*; the gap is clear of chance \((adjusted )?p [<=] [\d.]+|The \d+ sources can't be ranked by conversion)/);
    await expect(page.locator('table[data-testid="source-table"] tbody.blank-group')).toHaveCount(await page.locator('table[data-testid="source-table"] tr[data-source="(blank)"]').count());
    expect(w.errors).toEqual([]);
  });

  test('drop-off: the finding names the biggest reason and where, above the fold; reasons grouped and sorted', async ({ page }) => {
    test.setTimeout(120_000);
    const w = watch(page);
    await openView(page, 'dropoff');
    const text = await findingAboveFold(page, DESKTOP.height);
    await screen(page, 'dropoff-1280x720');
    // The headline strip under the finding: who left (the finding's number), where most left, who is still open,
    // each against the period before; the chart still starts above the fold.
    const strip = page.getByTestId('dropoff-headline');
    const leftValue = (await strip.getByTestId('headline-left').locator('.kpi-value').innerText()).trim();
    expect(text).toContain(`of the ${leftValue} who left`);
    await expect(strip.getByTestId('headline-left').locator('.compare')).toHaveText(/^Last 12 months: [\d,]+ left, (up \d+%|down \d+%|down from [\d,]+|no clear change)$/);
    await expect(strip.getByTestId('headline-stage')).toContainText(/Left at [a-z ]+\s*\d+%\s*[\d,]+ of [\d,]+ who reached it/);
    await expect(strip.getByTestId('headline-open').locator('.compare')).toHaveText(/^\d+ \w+ \d{4}: [\d,]+ open; \d+ \w+ \d{4}: [\d,]+, (up \d+%|down \d+%|down from [\d,]+|no clear change)$/);
    expect((await page.locator('main .chart-host svg').first().boundingBox())!.y).toBeLessThan(DESKTOP.height);
    // The biggest reason in the table, with its total and its biggest stage, is the one the sentence names.
    const table = page.getByTestId('reasons-table');
    const reasons = await table.locator('tbody tr[data-category]').evaluateAll((trs) => trs.map((tr) => ({
      label: tr.querySelector('th')!.childNodes[0].textContent!.trim(),
      total: Number(tr.querySelector('[data-metric="total"]')!.getAttribute('data-value')),
      stages: [...tr.querySelectorAll('td[data-stage]')].map((td) => ({ stage: td.getAttribute('data-stage')!, n: Number(td.getAttribute('data-value')) })),
    })));
    const top = [...reasons].sort((a, b) => b.total - a.total)[0];
    const where = [...top.stages].sort((a, b) => b.n - a.n)[0];
    expect(text).toContain(`${top.label} ended ${top.total.toLocaleString('en-GB')} enquiries`);
    expect(text).toMatch(new RegExp(`${where.n.toLocaleString('en-GB')} of them at ${where.stage === 'enquiry' ? 'enquiry' : '[a-z ]+'}\\.$`));
    // Grouped by who ended it, groups and reasons within them largest first.
    const groups = await table.locator('tbody[data-group]').evaluateAll((bodies) => bodies.map((b) => ({
      group: b.getAttribute('data-group'),
      totals: [...b.querySelectorAll('tr[data-category] [data-metric="total"]')].map((td) => Number(td.getAttribute('data-value'))),
    })));
    // Closes recording neither why nor who ("NFA" with no reason) are a group of their own, not the applicant's withdrawals.
    expect(groups.map((g) => g.group).sort()).toEqual(['Administrative', 'Agency decision', 'Applicant withdrew', 'Not known']);
    for (const g of groups) expect(g.totals).toEqual([...g.totals].sort((a, b) => b - a));
    const sums = groups.map((g) => g.totals.reduce((a, b) => a + b, 0));
    expect(sums).toEqual([...sums].sort((a, b) => b - a));
    // The chart: one panel per stage with exits, bars largest first, labels on rows of their own.
    const panels = page.locator('svg.reasons-chart .stage-panel');
    expect(await panels.count()).toBeGreaterThan(3);
    for (const p of await panels.all()) {
      const ns = await p.locator('.reason-bar').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-n'))));
      expect(ns).toEqual([...ns].sort((a, b) => b - a));
      const boxes = await p.locator('.reason-label').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect()).map((r) => [r.top, r.bottom]));
      for (let i = 1; i < boxes.length; i++) expect(boxes[i][0]).toBeGreaterThanOrEqual(boxes[i - 1][1] - 0.5);
    }
    // A bar lists its enquiries in place; Escape closes the list and focus goes back to the bar.
    const bar = page.locator('svg.reasons-chart .reason-bar[data-stage="enquiry"]').first();
    await bar.focus();
    await page.keyboard.press('Enter');
    await waitReady(page);
    const dialog = page.getByTestId('drill-panel');
    await expect(dialog).toBeFocused();
    await expect(dialog).toContainText(/Left at enquiry: .*: [\d,]+ enquiries/);
    expect(new URL(page.url()).searchParams.get('view')).toBe('dropoff');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(bar).toBeFocused();
    await axeClean(page);
    await screen(page, 'dropoff-1280-full', { fullPage: true });
    // Under a filter, the service's overall figure stands beside each.
    await page.getByTestId('filter-campaign').selectOption({ index: 1 });
    await waitReady(page);
    await expect(strip.getByTestId('headline-left')).toContainText(/of [\d,]+ enquiries; \d+% of [\d,]+ overall/);
    await expect(strip.getByTestId('headline-open')).toContainText(/; [\d,]+ overall/);
    expect(w.errors).toEqual([]);
  });

  test('overview: a bar says it can be selected and lists who left there in place, focus moved and given back', async ({ page }) => {
    const w = watch(page);
    await openView(page, 'overview');
    await expect(page.getByTestId('drill-hint')).toContainText('Select a bar to list who left there');
    const bar = page.locator('svg.funnel-chart [role="button"][data-stage="initial_visit"]');
    const left = Number(await page.locator('table[data-testid="funnel-table"] tr[data-stage="initial_visit"] [data-metric="left"]').getAttribute('data-value'));
    await bar.focus();
    await page.keyboard.press('Enter');
    await waitReady(page);
    const dialog = page.getByTestId('drill-panel');
    await expect(dialog).toBeFocused();
    await expect(dialog).toContainText(`Left at initial visit: ${left.toLocaleString('en-GB')} enquiries`);
    const url = new URL(page.url());
    expect(url.searchParams.get('view') ?? 'overview').toBe('overview');
    expect(url.searchParams.get('u.drill')).toBe('initial_visit');
    await expect(page.getByTestId('drill-table-download')).toContainText(`(${left.toLocaleString('en-GB')} rows)`);
    // Ids and dates on one line, dates in the app's format.
    const first = page.getByTestId('drill-table').locator('tbody tr').first();
    expect(await first.locator('th').evaluate((th) => getComputedStyle(th).whiteSpace)).toBe('nowrap');
    await expect(first.locator('td').first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    // The id and the enquiry date each take one line (their text's boxes share one top).
    const lines = await page.getByTestId('drill-table').locator('tbody tr').evaluateAll((trs) => trs.slice(0, 20).flatMap((tr) => [tr.querySelector('th')!, tr.querySelector('td')!].map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    })));
    expect(Math.max(...lines)).toBe(1);
    // The download keeps ISO dates for spreadsheets.
    const download = page.waitForEvent('download');
    await page.getByTestId('drill-table-download').click();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync((await (await download).path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv.length).toBe(left + 1);
    expect(csv[1]).toMatch(/,\d{4}-\d{2}-\d{2},/);
    await axeClean(page);
    await screen(page, 'overview-drill-1280x720');
    // The close button gives focus back to the bar and takes the list out of the link.
    await page.getByRole('button', { name: 'Close the list' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(bar).toBeFocused();
    expect(new URL(page.url()).searchParams.get('u.drill')).toBeNull();
    // The last bar lists those approved.
    const approved = await page.locator('table[data-testid="funnel-table"] tr[data-stage="approved"] [data-metric="reached"]').getAttribute('data-value');
    await page.locator('svg.funnel-chart [role="button"][data-stage="approved"]').click();
    await waitReady(page);
    await expect(dialog).toContainText(`Approved: ${Number(approved).toLocaleString('en-GB')} enquiries`);
    expect(w.errors).toEqual([]);
  });

  test('overview: a list opened from a link (as a reload or Back gives) is in place and focused; Escape closes it, focus goes to its bar', async ({ page }) => {
    const w = watch(page);
    // The link the previous test (and views.spec.ts) checks the app writes once the initial-visit bar is chosen.
    await openApp(page, './?u.drill=initial_visit');
    const left = Number(await page.locator('table[data-testid="funnel-table"] tr[data-stage="initial_visit"] [data-metric="left"]').getAttribute('data-value'));
    const dialog = page.getByTestId('drill-panel');
    const bar = page.locator('svg.funnel-chart [role="button"][data-stage="initial_visit"]');
    await expect(dialog).toBeFocused();
    await expect(dialog).toContainText(`Left at initial visit: ${left.toLocaleString('en-GB')} enquiries`);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(bar).toBeFocused();
    expect(new URL(page.url()).searchParams.get('u.drill')).toBeNull();
    expect(w.errors).toEqual([]);
  });
});

test.describe('at 390 px', () => {
  test.use({ viewport: PHONE });

  for (const view of ['campaigns', 'dropoff'] as const) {
    test(`${view}: nothing clipped, wide tables scroll in focusable regions, no accessibility violations`, async ({ page }) => {
      const w = watch(page);
      await openView(page, view);
      await expect(page.getByTestId('finding')).toBeVisible();
      // The view's own content stays within the screen; anything wider scrolls inside a labelled, focusable region.
      const overflow = await page.locator('main section').first().evaluate((section) => {
        const out: string[] = [];
        for (const el of section.querySelectorAll<HTMLElement>('.panel, p, h2, h3, svg, .table-wrap')) {
          const r = el.getBoundingClientRect();
          if (r.width && (r.right > window.innerWidth + 1 || r.left < -1)) out.push(`${el.tagName}.${el.className}`);
        }
        for (const wrap of section.querySelectorAll<HTMLElement>('.table-wrap')) {
          if (wrap.scrollWidth > wrap.clientWidth + 1 && !(wrap.tabIndex === 0 && wrap.getAttribute('role') === 'region' && wrap.getAttribute('aria-label'))) out.push(`unreachable ${wrap.getAttribute('aria-label')}`);
        }
        return out;
      });
      expect(overflow).toEqual([]);
      await screen(page, `${view}-390`);
      await screen(page, `${view}-390-full`, { fullPage: true });
      // Each panel on its own, at full size, to look at.
      const panels = await page.locator('main section .panel').all();
      for (const [i, panel] of panels.slice(0, 3).entries()) await screen(panel, `${view}-390-panel-${i + 1}`);
      await axeClean(page);
      expect(w.errors).toEqual([]);
    });
  }

  test('the drill list at 390 px: fits the screen, scrolls sideways in a focusable region, no violations', async ({ page }) => {
    await openView(page, 'overview');
    await page.locator('svg.funnel-chart [role="button"][data-stage="enquiry"]').click();
    await waitReady(page);
    const dialog = page.getByTestId('drill-panel');
    await expect(dialog).toBeFocused();
    await expect(page.getByTestId('drill-table')).toBeVisible();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    const wrap = dialog.locator('.table-wrap');
    await expect(wrap).toHaveAttribute('tabindex', '0');
    await expect(wrap).toHaveAttribute('role', 'region');
    await screen(page, 'drill-390');
    await axeClean(page);
  });
});
