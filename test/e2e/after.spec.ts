import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { generateCarers, generateEnquiries, toCarersCsv, toStatusListCsv } from '../../scripts/sample/generate.mjs';
import { kaplanMeier, survivalAt } from '../../src/lib/stats/kaplanMeier';
import { openApp, upload, waitReady, watch, screen } from './helpers';

const MONTHS = [6, 12, 24];
const sample = generateEnquiries({ count: 3500 }).filter((e) => !e.duplicate);
const carers = generateCarers({ count: 3500 });
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** Kaplan-Meier straight from generated households, as the view should show it. */
function expected(rows: { approved: string; ended: string | null }[], asOf: string) {
  const kept = rows.filter((r) => r.approved <= asOf);
  const ended = kept.map((r) => r.ended !== null && r.ended <= asOf);
  const curve = kaplanMeier(kept.map((r, i) => days(r.approved, ended[i] ? r.ended! : asOf)), ended);
  return MONTHS.map((m) => survivalAt(curve, Math.round((m * 365.25) / 12)));
}

/** The retention table's cells by months. */
async function retentionTable(page: Page) {
  const table = page.locator('table[data-testid="retention-table"]');
  await expect(table).toBeVisible();
  const out: Record<number, { still: number; atRisk: number }> = {};
  for (const m of MONTHS) {
    const row = table.locator(`tr[data-months="${m}"]`);
    const still = await row.locator('td[data-metric="still_fostering"]').getAttribute('data-value');
    const atRisk = await row.locator('td[data-metric="at_risk"]').getAttribute('data-value');
    out[m] = { still: Number(still), atRisk: Number(atRisk) };
  }
  return out;
}

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

test('the sample: retention at 6, 12 and 24 months equals Kaplan-Meier over the generated households; filters apply; axe clean', async ({ page }) => {
  const w = watch(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByTestId('nav-after').click();
  await waitReady(page);
  await expect(page.getByTestId('finding')).toContainText(/^Of 190 households approved since .*, \d+% \(.*\) were still fostering 12 months on; \d+ have left, most often /);
  const asOf = (await page.locator('section[data-as-of]').getAttribute('data-as-of'))!;
  expect(asOf).toMatch(/^2026-10-\d\d$/);
  const t = await retentionTable(page);
  const want = expected(sample.filter((e) => e.approvedDate).map((e) => ({ approved: e.approvedDate!, ended: e.deregisteredDate })), asOf);
  MONTHS.forEach((m, i) => {
    expect(t[m].still, `${m} months`).toBeGreaterThan(0);
    expect(t[m].still, `${m} months`).toBeLessThanOrEqual(1);
    expect(t[m].still, `${m} months`).toBeCloseTo(want[i]!.survival, 10);
    expect(t[m].atRisk, `${m} months`).toBe(want[i]!.atRisk);
  });
  await expect(page.locator('svg.survival-chart')).toBeVisible();
  await axeClean(page);
  await screen(page, 'after-1280');
  await screen(page, 'after-1280-full', { fullPage: true });

  // Split by year approved: a table per group, kept in the link.
  await page.getByTestId('retention-split').selectOption('year');
  await waitReady(page);
  await expect(page.locator('table[data-testid="retention-groups"] tr[data-group="2023-24"]')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('u.retain')).toBe('year');

  // A campaign filter applies: only households approved from that campaign's enquiries.
  await page.getByTestId('filter-campaign').selectOption('Community Champions');
  await waitReady(page);
  const filtered = await retentionTable(page);
  const mine = sample.filter((e) => e.approvedDate && e.campaign === 'Community Champions');
  const wantF = expected(mine.map((e) => ({ approved: e.approvedDate!, ended: e.deregisteredDate })), asOf);
  expect(filtered[6].atRisk).toBe(wantF[0]!.atRisk);
  expect(filtered[6].atRisk).toBeLessThan(t[6].atRisk);
  await expect(page.getByTestId('finding')).toContainText(`Of ${mine.length} households approved since`);
  // Net growth under a filter is not the service's: said so, as it can't be set beside England's.
  await expect(page.getByTestId('growth-filtered')).toContainText('only the households approved from the chosen enquiries');
  // ... and England's columns are not set beside them.
  await expect(page.locator('table[data-testid="growth-table"] th', { hasText: 'England' })).toHaveCount(0);
  expect(w.errors).toEqual([]);
});

test('at 390 px the view fits and stays clean', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, './?view=after');
  await expect(page.locator('table[data-testid="retention-table"]')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await axeClean(page);
  await screen(page, 'after-390');
  await page.locator('.panel').filter({ has: page.locator('svg.survival-chart') }).screenshot({ path: 'test-results/screens/after-390-retention.png' });
  await screen(page, 'after-390-full', { fullPage: true });
});

test('a carers list chosen with the enquiries is used: linked and stand-alone households, net growth beside England', async ({ page }) => {
  await openApp(page);
  // A status list has no after-approval columns: everything here comes from the carers list.
  await upload(page, [
    { name: 'enquiries.csv', text: toStatusListCsv(generateEnquiries({ count: 3500 })) },
    { name: 'carers.csv', text: toCarersCsv(carers) },
  ]);
  await waitReady(page);
  await page.getByTestId('nav-after').click();
  await waitReady(page);
  await expect(page.getByTestId('after-source')).toContainText(`From the carers list "carers.csv": ${carers.length} households`);
  const asOf = (await page.locator('section[data-as-of]').getAttribute('data-as-of'))!;
  const cohort = carers.filter((c) => c.approvedDate >= '2022-04-01');
  const want = expected(cohort.map((c) => ({ approved: c.approvedDate, ended: c.deregisteredDate })), asOf);
  const t = await retentionTable(page);
  MONTHS.forEach((m, i) => {
    expect(t[m].still).toBeCloseTo(want[i]!.survival, 10);
    expect(t[m].atRisk).toBe(want[i]!.atRisk);
  });
  const growth = page.locator('table[data-testid="growth-table"] tr[data-period="2024-25"]');
  const inYear = (d: string | null) => d !== null && d >= '2024-04-01' && d <= '2025-03-31';
  await expect(growth.locator('[data-metric="approvals"]')).toHaveAttribute('data-value', String(carers.filter((c) => inYear(c.approvedDate)).length));
  await expect(growth.locator('[data-metric="deregistered"]')).toHaveAttribute('data-value', String(carers.filter((c) => inYear(c.deregisteredDate)).length));
  await expect(page.locator('table[data-testid="growth-table"] tr[data-period="2022-23"]')).toContainText('5,125');
  // The first year's approvals miss those of enquiries before the data begin: marked, and only it.
  await expect(page.locator('table[data-testid="growth-table"] tr[data-period="2022-23"] [data-testid="growth-undercounted"]')).toHaveText('approvals undercounted');
  await expect(page.locator('table[data-testid="growth-table"] [data-testid="growth-undercounted"]')).toHaveCount(1);
  await expect(page.getByTestId('growth-filtered')).toHaveCount(0);
  await expect(page.locator('table[data-testid="growth-table"] th', { hasText: 'England net' })).toHaveCount(1);
  // The Data page names the carers list and what was read from it, and counts it among the files.
  await page.getByTestId('nav-data').click();
  await waitReady(page);
  await expect(page.getByTestId('carers-read')).toContainText(`Carers list "carers.csv": ${carers.length.toLocaleString('en-GB')} approved households read`);
  await expect(page.locator('#data-title + .lede')).toContainText('What was read from 2 files');
  await axeClean(page);
  await screen(page, 'after-carers-list', { fullPage: true });
});

test('an export with no after-approval columns says which columns would make the view work', async ({ page }) => {
  await openApp(page);
  await upload(page, [{ name: 'status.csv', text: toStatusListCsv(generateEnquiries({ count: 600 })) }]);
  await waitReady(page);
  await page.getByTestId('nav-after').click();
  await waitReady(page);
  await expect(page.getByTestId('finding')).toContainText('Nothing to follow after approval');
  await expect(page.locator('main')).toContainText('"First Placement Date"');
  await expect(page.locator('table[data-testid="retention-table"]')).toHaveCount(0);
  await axeClean(page);
});
