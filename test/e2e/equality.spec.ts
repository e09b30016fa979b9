import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { CALIBRATION, generateEnquiries, toWideCsv } from '../../scripts/sample/generate.mjs';
import { openApp, upload, waitReady, watch, screen } from './helpers';

/** Every (field, group, step) the Equality view reports as behind. */
async function findings(page: import('@playwright/test').Page) {
  return page.locator('[data-testid="equality-finding"]').evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-field')}|${e.getAttribute('data-group')}|${e.getAttribute('data-step')}`));
}

const PLANTED = `Ethnicity|${CALIBRATION.disparityGroup}|stage2`;

test('equality on the sample: a finding sentence, and no group named that the generator did not plant', async ({ page }) => {
  const w = watch(page);
  await openApp(page, './?view=equality');
  const finding = page.getByTestId('finding');
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText(/comparisons/);
  expect((await findings(page)).filter((f) => f !== PLANTED)).toEqual([]);
  // A field's comparisons are adjusted with the whole view's, and its caption says so.
  await expect(page.locator('[data-testid="equality-field"][data-column="Ethnicity"]')).toContainText(/\d+ comparisons, adjusted with the view's \d+/);
  expect(w.errors).toEqual([]);
});

test('equality on an export with a planted gap: it is named, with the comparisons allowed for, and nothing else', async ({ page }) => {
  await openApp(page, './?view=equality');
  const text = toWideCsv(generateEnquiries({ count: 12000, seed: 99 }));
  await upload(page, [{ name: 'planted-gap.csv', text }]);
  await waitReady(page);
  await expect.poll(() => findings(page)).toEqual([PLANTED]);
  const item = page.locator('[data-testid="equality-finding"]');
  await expect(item).toContainText('Black African');
  await expect(item).toContainText(/after allowing for the [\d,]+ comparisons made on this view/);
  await expect(page.getByTestId('finding')).toContainText(/Black African \(ethnicity\) at stage 1 complete → stage 2 complete/i);
  const cell = page.locator('[data-testid="equality-field"][data-column="Ethnicity"] tr[data-group="Black African"] td[data-stage="stage2"]');
  await expect(cell).toHaveAttribute('data-verdict', 'lower');
});

test('pooled groups: compared with the rest, kept in the link, accessible', async ({ page }) => {
  const w = watch(page);
  await openApp(page, './?view=equality');
  const field = page.locator('[data-testid="equality-field"][data-column="Ethnicity"]');
  await field.locator('summary', { hasText: 'Compare pooled groups' }).click();
  await field.getByRole('button', { name: /Pool every recorded group except White British/ }).click();
  await waitReady(page);
  const pooled = field.getByTestId('equality-pooled');
  await expect(pooled).toBeVisible();
  await expect(pooled.locator('caption')).toContainText('against the other recorded groups');
  await expect(pooled.locator('tr[data-stage="stage2"]')).toHaveAttribute('data-verdict', /lower|no clear difference|too few to tell/);
  await expect(field.getByRole('checkbox', { name: 'White British' })).not.toBeChecked();
  await expect(field.getByRole('checkbox', { name: 'Black African' })).toBeChecked();
  expect(new URL(page.url()).searchParams.get('u.pool')).toMatch(/^Ethnicity\|/);

  // Untick one group by keyboard: the pool follows, and a reload keeps it.
  await field.getByRole('checkbox', { name: 'Black African' }).focus();
  await page.keyboard.press('Space');
  await waitReady(page);
  await expect(field.getByRole('checkbox', { name: 'Black African' })).not.toBeChecked();
  expect(new URL(page.url()).searchParams.get('u.pool')).not.toContain('Black African');
  await page.reload();
  await waitReady(page);
  await expect(page.locator('[data-testid="equality-field"][data-column="Ethnicity"]').getByTestId('equality-pooled')).toBeVisible();

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  await screen(page, 'equality-pooled', { fullPage: true });
  expect(w.errors).toEqual([]);
});
