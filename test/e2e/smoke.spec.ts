import { test, expect } from '@playwright/test';

test('opens on the sample and shows the funnel table', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('./');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(page.locator('table[data-testid="funnel-table"] tr[data-stage="enquiry"] [data-metric="reached"]')).toHaveAttribute('data-value', /\d+/);
  await page.screenshot({ path: 'test-results/overview.png', fullPage: true });
  expect(errors).toEqual([]);
});
