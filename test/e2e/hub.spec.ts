import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { hubSample } from '../../scripts/sample/hub.mjs';
import { funnelTable, openApp, upload, waitReady, watch, screen } from './helpers';

const hub = hubSample();

/** The Data page's built-in hub sample, loaded. */
async function openHubSample(page: Page) {
  await openApp(page, './?view=data');
  await page.getByTestId('load-hub-sample').click();
  await waitReady(page);
}

test('a regional hub: two services loaded together keep a service each, and every view can be filtered by it', async ({ page }) => {
  const w = watch(page);
  await openApp(page);
  await upload(page, hub.map((h) => ({ name: h.file, text: h.csv })));
  await waitReady(page);
  // Their references overlap ("FE-000001" in both), yet nothing is merged across services.
  let t = await funnelTable(page);
  expect(Number(t.enquiry.reached)).toBe(hub.reduce((n, h) => n + h.count, 0));
  // "Other field" offers neither the service (it has its own menu) nor dates to pick one by one.
  const fields = await page.getByLabel('Other field').locator('option').allInnerTexts();
  expect(fields).toContain('Ethnicity');
  expect(fields).not.toContain('Service');
  expect(fields).not.toContain('Date Deregistered');
  expect(fields).not.toContain('First Placement Date');

  await page.getByTestId('nav-data').click();
  await waitReady(page);
  const panel = page.getByTestId('service-names');
  await expect(panel).toContainText('read as 2 services');
  await expect(panel).toContainText('needs no data-sharing agreement');
  await expect(panel.getByLabel(`Service for "${hub[0].file}"`)).toHaveValue(hub[0].service);

  // After approval splits retention by service.
  await page.getByTestId('nav-after').click();
  await waitReady(page);
  await page.getByTestId('retention-split').selectOption('service');
  await waitReady(page);
  for (const h of hub) await expect(page.locator(`[data-testid="retention-groups"] tr[data-group="${h.service}"]`)).toBeVisible();

  // Equality across several services compares each group within each service, and says so; within one service there is nothing to say.
  await page.getByTestId('nav-equality').click();
  await waitReady(page);
  await expect(page.getByTestId('equality-services-note')).toContainText('compared with the rest within each service');
  // The hub sample's one group behind is told against the others' rates in its own services, in the finding and its table.
  await expect(page.getByTestId('finding')).toContainText("where everyone else's rates in the same services would give");
  await expect(page.locator('[data-testid="equality-field"] td.behind [data-within]').first()).toContainText('within services:');

  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  await page.getByTestId('filter-service').selectOption(hub[1].service);
  await waitReady(page);
  t = await funnelTable(page);
  expect(Number(t.enquiry.reached)).toBe(hub[1].count);
  await expect(page.getByTestId('overview-services')).toHaveCount(0);
  // One service chosen: the unfiltered figures beside it are the services together, not "the service".
  await expect(page.getByTestId('headline-figures')).toContainText(`of ${(hub[0].count + hub[1].count).toLocaleString('en-GB')} in all the services together`);
  await page.getByTestId('nav-equality').click();
  await waitReady(page);
  await expect(page.getByTestId('equality-services-note')).toHaveCount(0);
  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  // With files of one's own loaded, the Data page still leads back to the built-in sample.
  await page.getByTestId('nav-data').click();
  await waitReady(page);
  await expect(page.locator('.badge.sample')).toHaveCount(0);
  await page.getByTestId('open-sample').click();
  await waitReady(page);
  await expect(page.locator('.badge.sample')).toBeVisible();
  await expect(page.getByTestId('open-sample')).toHaveCount(0);
  expect(w.errors).toEqual([]);
});

test('exports naming each enquiry\'s council in a column: the same reference in two councils is two enquiries, and the Data page says where the services come from', async ({ page }) => {
  // The hub sample's two exports with a "Local authority" column added, and file names that say nothing.
  const withColumn = hub.map((h, k) => {
    const [head, ...lines] = h.csv.trimEnd().split(/\r?\n/);
    return { name: `export-${k + 1}.csv`, text: [`${head},Local authority`, ...lines.map((l) => `${l},${h.service}`)].join('\r\n') + '\r\n' };
  });
  await openApp(page);
  await upload(page, withColumn);
  await waitReady(page);
  const t = await funnelTable(page);
  expect(Number(t.enquiry.reached)).toBe(hub.reduce((n, h) => n + h.count, 0));
  await page.getByTestId('nav-data').click();
  await waitReady(page);
  await expect(page.getByTestId('service-by-column')).toContainText('name each enquiry\'s service in their "Local authority" column');
});

test('one council\'s export loaded while a service is chosen: the service filter is cleared and said so, and no figure of the hub stays', async ({ page }) => {
  const w = watch(page);
  await openHubSample(page);
  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  await page.getByTestId('filter-service').selectOption(hub[0].service);
  await waitReady(page);
  // A single export with no service column (the second council's file alone, renamed).
  await upload(page, [{ name: 'one-council.csv', text: hub[1].csv }]);
  await waitReady(page);
  await expect(page.getByTestId('notices')).toContainText('A filter on "Service" was cleared');
  const t = await funnelTable(page);
  expect(Number(t.enquiry.reached)).toBe(hub[1].count);
  expect(new URL(page.url()).searchParams.get('f.Service')).toBeNull();
  expect(w.errors).toEqual([]);
});

test('service names are editable on the Data page; the same name twice makes one service', async ({ page }) => {
  await openHubSample(page);
  const panel = page.getByTestId('service-names');
  await expect(panel).toContainText('read as 2 services');
  await panel.getByLabel(`Service for "${hub[1].file}"`).fill('Eastbrook & Vale');
  await panel.getByTestId('apply-services').click();
  await waitReady(page);
  await expect(panel.getByLabel(`Service for "${hub[1].file}"`)).toHaveValue('Eastbrook & Vale');
  await screen(page, 'hub-data', { fullPage: false });
  // One name for both: one service, so the same reference in both files is one enquiry.
  await panel.getByLabel(`Service for "${hub[1].file}"`).fill(hub[0].service);
  await panel.getByTestId('apply-services').click();
  await waitReady(page);
  await expect(panel).toContainText('read as one service');
  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  const t = await funnelTable(page);
  expect(Number(t.enquiry.reached)).toBe(Math.max(...hub.map((h) => h.count)));
});

test('services compared side by side: table, funnel plot, and a summary link with small counts suppressed', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const w = watch(page);
  await openHubSample(page);
  // The Overview says how many services there are and how they compare, and leads to the comparison.
  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  const pointer = page.getByTestId('overview-services');
  await expect(pointer).toContainText(`${hub.length} services are loaded together`);
  await expect(pointer).toContainText('comparisons of services and steps');
  await pointer.getByRole('button', { name: 'Compare the services' }).click();
  await waitReady(page);
  await expect(page.getByTestId('by-service')).toHaveAttribute('aria-pressed', 'true');
  // The button went with the Overview: the focus is on the choice it made, not lost.
  await expect(page.getByTestId('by-service')).toBeFocused();
  await expect(page.getByTestId('hub-note')).toContainText('no data-sharing agreement');
  const table = page.getByTestId('service-table');
  for (const h of hub) {
    await expect(table.locator(`tr[data-service="${h.service}"] [data-metric="enquiries"]`)).toHaveAttribute('data-value', String(h.count));
  }
  await expect(page.getByTestId('finding')).toContainText(/service/);
  // Step by step, each service against the others, adjusted across services × steps.
  await expect(page.getByTestId('finding')).toContainText('comparisons of services and steps');
  const steps = page.getByTestId('service-steps-table');
  for (const h of hub) await expect(steps.locator(`tr[data-group="${h.service}"] td[data-verdict]`).first()).toBeVisible();
  await expect(steps.locator('tr[data-group]')).toHaveCount(hub.length);
  await expect(page.locator('svg.funnel-plot-chart')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('u.by')).toBe('service');

  await page.getByTestId('share-menu').click();
  await page.getByTestId('share-summary').click();
  const link = await page.getByTestId('summary-url').inputValue();
  const viewer = await context.newPage();
  await viewer.goto(link);
  const summary = viewer.getByTestId('summary-view');
  await expect(summary).toContainText('Services (regional hub; counts under 5 suppressed)');
  for (const h of hub) await expect(summary).toContainText(h.service);
  await viewer.close();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  await screen(page, 'hub-campaigns', { fullPage: false });
  // The printed report says of the services what the view says.
  const said = await page.getByTestId('finding').innerText();
  await page.getByTestId('share-menu').click();
  await page.getByTestId('print-report').click();
  await waitReady(page);
  await page.getByTestId('report-mode-internal').check();
  await waitReady(page);
  await expect(page.getByTestId('report-finding').nth(2)).toHaveText(said);
  await expect(page.getByTestId('report-services')).toHaveCount(0);
  // By campaign, the paper keeps its campaigns and compares the services in a section of their own.
  await page.getByTestId('nav-campaigns').click();
  await waitReady(page);
  await page.getByRole('button', { name: 'By campaign' }).click();
  await waitReady(page);
  await page.getByTestId('share-menu').click();
  await page.getByTestId('print-report').click();
  await waitReady(page);
  await expect(page.getByTestId('report-campaign-table')).toBeVisible();
  const services = page.getByTestId('report-service-table');
  for (const h of hub) await expect(services.locator(`tr[data-name="${h.service}"] [data-metric="enquiries"]`)).toHaveText(h.count.toLocaleString('en-GB'));
  await expect(page.getByTestId('report-services').getByTestId('report-finding')).toContainText('comparisons of services and steps');
  expect(w.errors).toEqual([]);
});
