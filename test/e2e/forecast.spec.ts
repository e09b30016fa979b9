import { test, expect } from '@playwright/test';
import { openApp, waitReady, watch } from './helpers';

test('expected approvals: whole people with a range, the expected value kept, the method one keypress away', async ({ page }) => {
  const { errors } = watch(page);
  await openApp(page);
  await page.getByTestId('nav-campaigns').click();
  await waitReady(page);
  const table = page.locator('table[data-testid="campaign-table"]');
  await expect(table).toBeVisible();
  const rows = await table.locator('tr[data-campaign]').evaluateAll((trs) => trs.map((tr) => {
    const cell = tr.querySelector('[data-metric="expected_approvals"]')!;
    return {
      name: tr.getAttribute('data-campaign'),
      text: (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
      value: cell.getAttribute('data-value'),
      open: Number(tr.querySelector('[data-metric="open"]')!.getAttribute('data-value')),
    };
  }));
  expect(rows.length).toBeGreaterThan(3);
  let someOpen = false;
  for (const r of rows) {
    const m = /^(\d+) \((\d+)–(\d+)\)$/.exec(r.text);
    expect(m, `${r.name}: "${r.text}"`).not.toBeNull();
    const [shown, low, high] = m!.slice(1).map(Number);
    const value = Number(r.value);
    expect(Number.isFinite(value)).toBe(true);
    // The cell shows the expected value rounded; data-value keeps it to two places.
    expect(shown).toBe(Math.round(value));
    expect(low).toBeLessThanOrEqual(shown);
    expect(high).toBeGreaterThanOrEqual(shown);
    // Never more approvals than open enquiries.
    expect(high).toBeLessThanOrEqual(r.open);
    if (r.open > 0) someOpen = true;
    else expect([value, low, high]).toEqual([0, 0, 0]);
  }
  expect(someOpen).toBe(true);

  // The method: plain English on the page, the technical name only inside the detail.
  const method = page.getByTestId('forecast-method');
  await expect(method.locator('p').first()).toBeHidden();
  const summary = method.locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(method.locator('p').first()).toBeVisible();
  await expect(method).toContainText('Aalen-Johansen');
  await expect(method).toContainText('still at the stage after 14, 30, 60');
  await expect(page.locator('p.note', { hasText: 'Expected approvals still to come' })).not.toContainText('Aalen-Johansen');
  expect(errors).toEqual([]);
});
