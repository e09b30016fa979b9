import { test, expect } from '@playwright/test';
import { campaignSpend, generateEnquiries } from '../../scripts/sample/generate.mjs';
import { openApp, waitReady, screen } from './helpers';

// The sample is generateEnquiries() with the defaults: recompute its campaign figures independently.
const sample = generateEnquiries({ count: 3500 }).filter((e) => !e.duplicate);
const order = ['enquiry', 'initial_visit', 'application', 'stage1', 'stage2', 'panel', 'approved'];

test('campaign table shows each campaign with figures matching the export, and costs from the cost sheet', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('nav-campaigns').click();
  await waitReady(page);
  const table = page.locator('table[data-testid="campaign-table"]');
  await expect(table).toBeVisible();
  const spend = new Map(campaignSpend().map((c) => [c.name, c.spend]));
  const names = [...new Set(sample.map((e) => e.campaign).filter((c): c is string => !!c))];
  expect(names.length).toBeGreaterThan(3);
  for (const name of names) {
    const mine = sample.filter((e) => e.campaign === name);
    const apps = mine.filter((e) => order.indexOf(e.furthestStage) >= 2).length;
    const approvals = mine.filter((e) => e.furthestStage === 'approved').length;
    const row = table.locator(`tr[data-campaign="${name}"]`);
    await expect(row.locator('[data-metric="enquiries"]')).toHaveAttribute('data-value', String(mine.length));
    await expect(row.locator('[data-metric="applications"]')).toHaveAttribute('data-value', String(apps));
    await expect(row.locator('[data-metric="approvals"]')).toHaveAttribute('data-value', String(approvals));
    const conv = Number(await row.locator('[data-metric="enquiry_to_application"]').getAttribute('data-value'));
    expect(conv).toBeCloseTo(apps / mine.length, 6);
    const s = spend.get(name)!;
    expect(Number(await row.locator('[data-metric="cost_per_enquiry"]').getAttribute('data-value'))).toBeCloseTo(s / mine.length, 4);
    const cpa = await row.locator('[data-metric="cost_per_approval"]').getAttribute('data-value');
    if (approvals) expect(Number(cpa)).toBeCloseTo(s / approvals, 4);
    else expect(cpa).toBe('');
  }
  await screen(page, 'campaigns', { fullPage: true });
});

test('under an enquiry date filter no cost is set against the range (spend carries no dates); clearing the dates brings costs back', async ({ page }) => {
  await openApp(page, './?view=campaigns&from=2023-04-01&to=2024-03-31');
  const table = page.locator('table[data-testid="campaign-table"]');
  await expect(table).toBeVisible();
  // The counts are the range's; every cost is blank, and the page says why.
  const inRange = sample.filter((e) => e.campaign === 'Digital Always-On' && e.enquiryDate >= '2023-04-01' && e.enquiryDate <= '2024-03-31');
  await expect(table.locator('tr[data-campaign="Digital Always-On"] [data-metric="enquiries"]')).toHaveAttribute('data-value', String(inRange.length));
  const costs = await table.locator('[data-metric="cost_per_approval"], [data-metric="cost_per_enquiry"]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
  expect(costs.every((v) => v === '' || v === null)).toBe(true);
  await expect(page.getByTestId('headline-spend')).toContainText('not by date');
  await expect(page.getByTestId('headline-cost')).toHaveCount(0);
  await expect(page.getByTestId('finding')).toContainText('Spend carries no dates');
  // Without the dates the costs are back.
  await page.goto('./?view=campaigns');
  await waitReady(page);
  const cpa = await page.locator('table[data-testid="campaign-table"] tr[data-campaign="Digital Always-On"] [data-metric="cost_per_approval"]').getAttribute('data-value');
  expect(Number(cpa)).toBeGreaterThan(0);
});

test('filters live in the URL: reload and back keep them', async ({ page }) => {
  await openApp(page);
  const name = sample.find((e) => e.campaign)!.campaign!;
  await page.getByTestId('filter-campaign').selectOption(name);
  await waitReady(page);
  const n = sample.filter((e) => e.campaign === name).length;
  const reached = page.locator('table[data-testid="funnel-table"] tr[data-stage="enquiry"] [data-metric="reached"]');
  await expect(reached).toHaveAttribute('data-value', String(n));
  expect(page.url()).toContain('campaign=');
  await page.reload();
  await waitReady(page);
  await expect(reached).toHaveAttribute('data-value', String(n));
  await page.getByTestId('clear-filters').click();
  await waitReady(page);
  await expect(reached).toHaveAttribute('data-value', String(sample.length));
  await page.goBack();
  await waitReady(page);
  await expect(reached).toHaveAttribute('data-value', String(n));
});
