import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { createNodeEngine } from '../../src/lib/engine/node';
import { defaultSettings } from '../../src/lib/funnel/settings';
import { planInputsMetric } from '../../src/lib/plan/inputs';
import { runMetric } from '../../src/lib/coordinator/metric';
import { planModel } from '../../src/lib/plan/model';
import { makePlan } from '../../src/lib/plan/plan';
import { openApp, upload, waitReady, watch, screen } from './helpers';
import { loadDataset, ensureJourneys } from '../../src/lib/coordinator/tables';

const TARGET = 100;
const BY = '2028-03-31';

/** The planner's answer for the sample, worked out in Node by the same functions on the same files. */
async function expectedForSample(): Promise<number> {
  const engine = await createNodeEngine();
  const file = (name: string) => ({ name, data: new Uint8Array(readFileSync(`data/${name}`)), lastModified: Date.UTC(2026, 10, 1) });
  const s = defaultSettings();
  const ds = await loadDataset(engine, [file('sample-enquiries.csv'), file('sample-campaign-costs.csv'), file('sample-carers.csv')], undefined, undefined, undefined, s);
  const asOf = await ensureJourneys(engine, ds, s, () => {});
  const facts = { asOf, attributes: ds.model.attributes, carers: ds.carers ?? null };
  const plan = makePlan(planModel(await runMetric(engine, planInputsMetric, { settings: s, filters: {} }, facts)), TARGET, BY)!;
  return Number(plan.needed!.value.toFixed(1));
}

test.describe('sufficiency planner', () => {
  test('works back from a target to enquiries a month; levers and target live in the link', async ({ page }) => {
    test.setTimeout(120_000);
    const w = watch(page);
    await openApp(page);
    await page.getByTestId('nav-plan').click();
    await waitReady(page);
    // The sample's service shrinks at its current rate: the starting point is to keep the households it has, and says so.
    await expect(page.getByTestId('plan-target')).toHaveValue('0');
    await expect(page.locator('#plan-target-hint')).toContainText(/^Starting point: 0, keeping the households you have: at the current rate there would be about \d+ fewer by then/);
    await expect(page.getByTestId('finding')).toContainText('To keep as many households as you have now by');
    await page.getByTestId('plan-target').fill(String(TARGET));
    await page.getByTestId('plan-by').fill('31/03/2028');
    await waitReady(page);
    const answer = page.getByTestId('plan-needed-per-month');
    await expect(answer).toHaveAttribute('data-value', /^\d+(\.\d+)?$/);
    const value = Number(await answer.getAttribute('data-value'));
    expect(value).toBeGreaterThan(0);
    expect(value).toBe(await expectedForSample());
    await expect(page.getByTestId('finding')).toContainText('31 Mar 2028');
    // The sample records deregistrations, so the target is net of carers expected to leave.
    await expect(page.getByTestId('finding')).toContainText(`To add ${TARGET} households net`);

    // A lever: +5 points of conversion into the chosen step gains approvals; +10 gains more.
    const gained = page.locator('[data-testid="lever-gained"][data-lever="conversion"]');
    await page.getByTestId('lever-conversion-points').fill('5');
    await waitReady(page);
    await expect(gained).not.toHaveAttribute('data-value', '0.00');
    const five = Number(await gained.getAttribute('data-value'));
    expect(five).toBeGreaterThan(0);
    await page.getByTestId('lever-conversion-points').fill('10');
    await expect.poll(async () => Number(await gained.getAttribute('data-value'))).toBeGreaterThan(five);
    // More days than the step takes is refused in words, not turned into approvals.
    await page.getByTestId('lever-shorten-days').fill('3000');
    await expect(page.locator('tr[data-lever="shorten"]')).toContainText('it can be shortened by at most that');
    await expect(page.locator('[data-testid="lever-gained"][data-lever="shorten"]')).toHaveAttribute('data-value', '');
    await page.getByTestId('lever-shorten-days').fill('30');
    await expect.poll(async () => Number(await page.locator('[data-testid="lever-gained"][data-lever="shorten"]').getAttribute('data-value'))).toBeGreaterThan(0);

    // Reload: target, date and levers come back from the link.
    await page.reload();
    await waitReady(page);
    await expect(page.getByTestId('plan-target')).toHaveValue(String(TARGET));
    await expect(page.getByTestId('plan-by')).toHaveValue('31/03/2028');
    await expect(page.getByTestId('lever-conversion-points')).toHaveValue('10');
    await expect(page.getByTestId('lever-shorten-days')).toHaveValue('30');
    await expect(page.getByTestId('plan-needed-per-month')).toHaveAttribute('data-value', String(value));

    // A date that is not a date says so in plain English.
    await page.getByTestId('plan-by').fill('31/02/2028');
    await expect(page.getByRole('alert')).toContainText('for example 31/03/2028');
    // No answer beside the error (the last good date's would read as this one's), until the date reads again.
    await expect(page.getByTestId('plan-needed-per-month')).toHaveCount(0);
    await expect(page.getByTestId('plan-awaiting')).toContainText('when the date above reads correctly');
    await page.getByTestId('plan-by').fill(BY);
    await expect(page.getByTestId('plan-needed-per-month')).toBeVisible();
    // A date beyond what the planner can look ahead is refused, not cut short silently.
    await page.getByTestId('plan-by').fill('31/10/2046');
    await expect(page.getByRole('alert')).toContainText('the planner looks at most 10 years ahead');
    await expect(page.getByTestId('plan-needed-per-month')).toHaveCount(0);
    await page.getByTestId('plan-by').fill(BY);
    await expect(page.getByTestId('plan-needed-per-month')).toBeVisible();
    // With the carers list loaded every carer fostering now is counted: no warning.
    await expect(page.getByTestId('plan-export-carers')).toHaveCount(0);

    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });
    await screen(page, 'plan-1280');
    await screen(page, 'plan-1280-full', { fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await screen(page, 'plan-390', { fullPage: true });
    await screen(page, 'plan-390-top');
    await screen(page.getByTestId('plan-levers'), 'plan-390-levers');
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  });

  test('with the enquiry export alone, the carers fostering now are only those approved from its enquiries, and it says so', async ({ page }) => {
    await openApp(page);
    await upload(page, [{ name: 'sample-enquiries.csv', text: readFileSync('data/sample-enquiries.csv', 'utf8') }]);
    await waitReady(page);
    await page.getByTestId('nav-plan').click();
    await waitReady(page);
    await expect(page.getByTestId('plan-export-carers')).toContainText(/Carers fostering now are only the \d+ approved from the enquiries in this export/);
    await expect(page.getByTestId('plan-export-carers')).toContainText('Load your carers list');
  });

  test('with no approvals in the data there is no answer, and it says why', async ({ page }) => {
    const rows = Array.from({ length: 40 }, (_, i) => `N${i},${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2025,${i % 2 ? '15/10/2025' : ''},,${i % 4 === 1 ? 'In progress' : 'Withdrawn'}`);
    await openApp(page);
    await upload(page, [{ name: 'new-service.csv', text: ['Ref,Enquiry Date,Initial Visit Date,Approval Date,Status', ...rows].join('\n') + '\n' }]);
    await waitReady(page);
    await page.getByTestId('nav-plan').click();
    await waitReady(page);
    await expect(page.getByTestId('plan-no-approvals')).toContainText('No one in this data has been approved yet');
    await expect(page.getByTestId('plan-needed-per-month')).toHaveCount(0);
  });
});
