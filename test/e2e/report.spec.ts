import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { openApp, waitReady, screen } from './helpers';

const MODES = { internal: 'Internal (all figures)', publication: 'For publication (counts under 5 suppressed)' } as const;

/** The text of each page of a PDF (poppler's pdftotext), and the pages as PNGs for a person to look at. */
function pdfPages(pdf: Buffer, name: string): string[] {
  mkdirSync('test-results/report', { recursive: true });
  const file = `test-results/${name}.pdf`;
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  execFileSync('pdftoppm', ['-png', '-r', '70', file, `test-results/report/${name}-page`]);
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
}

/**
 * The smallest chart text in the report as printed, in pt: each SVG <text>'s
 * computed font size in CSS px times the scale its SVG is drawn at (shown
 * size over viewBox), at 0.75 pt per px. Measured under print media in a
 * viewport as wide as A4's text width (210 mm less 2 × 14 mm margins).
 */
async function smallestChartTextPt(page: Page): Promise<{ pt: number; texts: number; text: string }> {
  await page.setViewportSize({ width: 688, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  const out = await page.locator('[data-testid="report"]').evaluate((report) => {
    let min = { pt: Infinity, text: '' };
    let texts = 0;
    for (const svg of report.querySelectorAll<SVGSVGElement>('svg')) {
      const box = svg.getBoundingClientRect();
      const vb = svg.viewBox.baseVal;
      const scale = Math.min(box.width / vb.width, box.height / vb.height);
      for (const t of svg.querySelectorAll('text')) {
        if (!t.textContent?.trim() || t.getBoundingClientRect().width === 0) continue;
        texts++;
        const pt = parseFloat(getComputedStyle(t).fontSize) * scale * 0.75;
        if (pt < min.pt) min = { pt, text: t.textContent };
      }
    }
    return { ...min, texts };
  });
  await page.emulateMedia({ media: null });
  await page.setViewportSize({ width: 1280, height: 900 });
  return out;
}

/** Checks every page has "Page i of N" and the version, and returns the pages' text. */
async function printAndCheck(page: Page, mode: keyof typeof MODES): Promise<string[]> {
  const pages = pdfPages(await page.pdf({ format: 'A4' }), `report-${mode}`);
  console.log(`${mode}: ${pages.length} A4 pages`);
  expect(pages.length).toBeGreaterThanOrEqual(3);
  expect(pages.length).toBeLessThanOrEqual(12);
  pages.forEach((text, i) => {
    expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(text.replace(/\s+/g, ' '), `page ${i + 1}`).toContain(MODES[mode]);
  });
  return pages;
}

test('the report holds what it covers and the views\' findings, word for word', async ({ page }) => {
  await openApp(page, './?view=report&u.report=internal');
  const report = page.getByTestId('report');
  await expect(page.getByTestId('report-version')).toHaveText(MODES.internal);
  await expect(report).toContainText('Fostering recruitment: where prospective carers are lost');
  await expect(report).toContainText('Sample data (synthetic)');
  await expect(report).toContainText('Figures as at');
  await expect(report).toContainText('Filters');
  for (const id of ['report-funnel-table', 'report-reasons-table', 'report-campaign-table', 'report-period-table', 'report-cohort-table']) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await expect(page.getByTestId('report-campaign-table')).toContainText('Cost per approval');
  // The data's first year is marked undercounted, as on Trends, and only it.
  await expect(page.getByTestId('report-filling')).toHaveCount(1);
  await expect(page.getByTestId('report-period-table').locator('tr', { has: page.getByTestId('report-filling') })).toContainText('2022-23');
  // Every rate shown over a count shown carries its 95% interval; a withheld one has none.
  for (const id of ['report-funnel-table', 'report-campaign-table', 'report-cohort-table']) {
    const rates = await page.getByTestId(id).locator('tbody td.num').allInnerTexts();
    // A provisional cohort's share is a floor ("so far"): no interval that would read as settled.
    const shown = rates.filter((t) => /^\d+(\.\d)?%/.test(t.trim()) && !/so far$/.test(t.trim()));
    if (id === 'report-cohort-table') expect(rates.filter((t) => /^\d+(\.\d)?% so far$/.test(t.trim())).length).toBeGreaterThan(0);
    expect(shown.length, id).toBeGreaterThan(2);
    for (const t of shown) expect(t, id).toMatch(/^\d+(\.\d)?%\s+95%: \d+(\.\d)?%–\d+(\.\d)?%$/);
  }
  await expect(page.getByTestId('report-reasons-table')).toContainText('Applicant withdrew');
  const findings = await page.getByTestId('report-finding').allInnerTexts();
  expect(findings).toHaveLength(5);
  for (const f of findings) expect(f.length).toBeGreaterThan(30);

  // The same sentences as the views (the Campaigns view may add what to do next), each view reached by its tab.
  const fromView = async (view: string, testId = 'finding') => {
    await page.getByTestId(`nav-${view}`).click();
    await waitReady(page);
    await expect(page.getByTestId(testId).first()).toBeVisible();
    return (await page.getByTestId(testId).first().innerText()).trim();
  };
  expect(await fromView('overview', 'biggest-loss')).toBe(findings[0]);
  expect(await fromView('dropoff')).toBe(findings[1]);
  expect((await fromView('campaigns')).startsWith(findings[2])).toBe(true);
  expect(await fromView('trends')).toBe(findings[3]);
  expect(await fromView('equality')).toBe(findings[4]);
});

test('the report prints to A4 with page numbers, the version on every page, and chart text of 9 pt or more', async ({ page }) => {
  await openApp(page, './?view=report&u.report=internal');
  await expect(page.getByTestId('report-version')).toHaveText(MODES.internal);
  const findings = await page.getByTestId('report-finding').allInnerTexts();
  expect(findings).toHaveLength(5);
  const smallest = await smallestChartTextPt(page);
  console.log(`smallest chart text printed: ${smallest.pt.toFixed(2)} pt ("${smallest.text}") of ${smallest.texts} texts`);
  expect(smallest.texts).toBeGreaterThan(20);
  expect(smallest.pt).toBeGreaterThanOrEqual(9);

  const internal = await printAndCheck(page, 'internal');
  // The campaign table's cost per approval is printed (the value named in the Campaigns finding).
  const best = /£[\d,]+ per approval/.exec(findings[2])?.[0].replace(' per approval', '');
  if (best) expect(internal.join('\n')).toContain(best);

  await page.getByTestId('report-mode-publication').check();
  await expect(page).toHaveURL(/u\.report=publication/);
  await expect(page.getByTestId('report-version')).toHaveText(MODES.publication);
  await waitReady(page);
  await printAndCheck(page, 'publication');

  // Printed from a phone, the charts are drawn for the paper, and for the phone again after.
  await page.setViewportSize({ width: 390, height: 800 });
  const funnel = page.locator('[data-testid="report"] svg.funnel-chart').first();
  await expect.poll(async () => Number(await funnel.getAttribute('width'))).toBeLessThan(400);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  expect(Number(await funnel.getAttribute('width'))).toBe(600);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect.poll(async () => Number(await funnel.getAttribute('width'))).toBeLessThan(400);
});

test('the version for publication shows "<5" where the internal one shows a count under 5; the choice is in the link', async ({ page }) => {
  await openApp(page, './?view=report&u.report=internal');
  const table = page.getByTestId('report-campaign-table');
  await expect(table).toBeVisible();
  // A campaign whose approvals are 1 to 4, found in the sample's own figures.
  const small = await table.locator('tbody tr').evaluateAll((rows) => rows.flatMap((r) => {
    const n = Number(r.querySelector('[data-metric="approvals"]')!.textContent!.replace(/,/g, ''));
    return n >= 1 && n <= 4 ? [{ name: r.getAttribute('data-name')!, n }] : [];
  }));
  console.log('campaigns with 1-4 approvals:', JSON.stringify(small));
  expect(small.length).toBeGreaterThan(0);
  const row = (name: string) => table.locator(`tbody tr[data-name="${name.replace(/"/g, '\\"')}"] [data-metric="approvals"]`);
  await expect(row(small[0].name)).toHaveText(String(small[0].n));
  await expect(page.getByTestId('report')).toContainText('Do not publish this version');

  await page.goto('./?view=report&u.report=publication');
  await waitReady(page);
  await expect(page.getByTestId('report-version')).toHaveText(MODES.publication);
  for (const s of small) await expect(row(s.name)).toHaveText('<5');
  await expect(page.getByTestId('report')).toContainText('counts from 1 to 4 are shown as "<5"');
  // No count from 1 to 4 anywhere in the version for publication's tables.
  const cells = await page.locator('[data-testid="report"] table.data td.num').allInnerTexts();
  expect(cells.filter((t) => /^[1-4]$/.test(t.trim()))).toEqual([]);
  // A withheld rate has no interval either (it would give the rate away).
  expect(cells.filter((t) => t.trim().startsWith('suppressed') && t.includes('95%'))).toEqual([]);
  // Campaigns add up to the funnel's figures on the same paper: a column with a "<5" withholds another count too, and says so.
  const columns = await table.locator('tbody tr').evaluateAll((rows) => [0, 1, 2].map((c) => rows.map((r) => r.querySelectorAll('td.num')[c].textContent!.trim())));
  for (const col of columns) if (col.includes('<5')) expect(col.filter((t) => t === '<5' || t === 'suppressed').length).toBeGreaterThan(1);
  if (columns.flat().includes('suppressed')) await expect(page.getByTestId('secondary-note').first()).toContainText('cannot be worked out from the totals');

  // Filtered down to 1-4 enquiries, the version for publication prints none of their figures (each "<5" beside
  // zeros would say what happened to them); the internal one still does.
  await page.goto('./?view=report&u.report=publication&f.Religion=Jewish&f.Postcode%20District=BS11');
  await waitReady(page);
  await expect(page.getByTestId('report-too-few')).toContainText('Fewer than 5 enquiries are under the filters in force');
  await expect(page.getByTestId('report-funnel-table')).toHaveCount(0);
  // Nor does a summary link of them.
  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  await page.getByTestId('share-menu').click();
  await page.getByTestId('share-summary').click();
  await expect(page.getByText(/Fewer than 5 enquiries are under the filters in force/).first()).toBeVisible();
  await expect(page.getByTestId('summary-url')).toHaveCount(0);
  await page.goto('./?view=report&u.report=internal&f.Religion=Jewish&f.Postcode%20District=BS11');
  await waitReady(page);
  await expect(page.getByTestId('report-funnel-table')).toBeVisible();
  await expect(page.getByTestId('report-too-few')).toHaveCount(0);
});

test('the report opens from the Share menu, is axe-clean and every control works', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('share-menu').click();
  await page.getByTestId('print-report').click();
  await waitReady(page);
  await expect(page.getByTestId('report-version')).toHaveText(MODES.publication);
  await page.getByTestId('report-mode-internal').check();
  await expect(page).toHaveURL(/u\.report=internal/);
  await expect(page.getByTestId('report-version')).toHaveText(MODES.internal);
  await waitReady(page);
  // The Print button opens the browser's print dialogue.
  await page.evaluate(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed++; }; });
  await page.getByTestId('report-print').click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  const narrow = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(narrow.violations.map((v) => v.id)).toEqual([]);
  // On a phone the charts are drawn at its width, not shrunk from the print width (their text was 7 px).
  await expect.poll(() => page.locator('[data-testid="report"] svg').evaluateAll((svgs) =>
    Math.min(...svgs.map((s) => (s as SVGSVGElement).getBoundingClientRect().width / (s as SVGSVGElement).viewBox.baseVal.width)))).toBeGreaterThan(0.97);
  await screen(page, 'report-390');
});
