import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { VIEWS } from '../../src/lib/state/url';
import { BLANK } from '../../src/lib/funnel/filters';
import { openApp, waitReady, watch, screen } from './helpers';

/** Accessibility and layout pass over every view, at a laptop and a phone width. */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WITH_FINDING = ['overview', 'dropoff', 'campaigns', 'trends', 'equality'];
const SIZES = [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
];

/** Every axe violation (any impact), one line per rule with the elements it names. */
async function violations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${where}: ${v.id} (${v.impact}) × ${v.nodes.length}: ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** How far the page is wider than the screen (0 when it never scrolls sideways). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

for (const { width, height } of SIZES) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test('every view: no axe violations, nothing wider than the screen, finding on show', async ({ page }) => {
      test.setTimeout(240_000);
      const w = watch(page);
      const problems: string[] = [];
      await openApp(page, `./?view=${VIEWS[0].id}`);
      for (const { id } of VIEWS) {
        if (id !== VIEWS[0].id) {
          await page.getByTestId(`nav-${id}`).click();
          await waitReady(page);
        }
        expect(new URL(page.url()).searchParams.get('view') ?? 'overview', id).toBe(id);
        await page.evaluate(() => window.scrollTo(0, 0));
        problems.push(...(await violations(page, `${id} @${width}`)));
        const over = await overflow(page);
        if (over > 0) problems.push(`${id} @${width}: page is ${over} px wider than the screen`);
        if (WITH_FINDING.includes(id)) {
          const finding = page.getByTestId('finding');
          await expect(finding, id).toHaveCount(1);
          await expect(finding, id).toBeVisible();
          if (width === 1280) {
            const box = await finding.boundingBox();
            if (!box || box.y >= height) problems.push(`${id} @${width}: finding starts at ${box?.y} px, below the fold`);
          }
        }
        await screen(page, `a11y-${id}-${width}`);
        await screen(page, `a11y-${id}-${width}-full`, { fullPage: true });
      }
      expect(problems).toEqual([]);
      expect(w.errors).toEqual([]);
      expect(w.foreign).toEqual([]);
    });

    test('drill list open and summary links: no axe violations', async ({ page, context }) => {
      test.setTimeout(240_000);
      const problems: string[] = [];
      await openApp(page);
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);

      // The drill list, a modal dialog over the Overview.
      await page.locator('svg.funnel-chart [role="button"][data-stage="initial_visit"]').click();
      await waitReady(page);
      await expect(page.getByTestId('drill-panel')).toBeVisible();
      problems.push(...(await violations(page, `drill list @${width}`)));
      const over = await overflow(page);
      if (over > 0) problems.push(`drill list @${width}: page is ${over} px wider than the screen`);
      await screen(page, `a11y-drill-${width}`);
      await page.getByRole('button', { name: 'Close the list' }).click();
      await expect(page.getByTestId('drill-panel')).toHaveCount(0);

      // A summary link of each view with a finding, opened as its recipient would.
      for (const view of WITH_FINDING) {
        await page.getByTestId(`nav-${view}`).click();
        await waitReady(page);
        await page.getByTestId('share-menu').click();
        await page.getByTestId('share-summary').click();
        const link = await page.getByTestId('summary-url').inputValue();
        expect(link).toContain('#summary=');
        // The panel holding the link, on the view it was made from.
        if (view === 'overview') problems.push(...(await violations(page, `summary link panel @${width}`)));
        const viewer = await context.newPage();
        await viewer.goto(link);
        await waitReady(viewer);
        await expect(viewer.getByTestId('summary-view')).toBeVisible();
        problems.push(...(await violations(viewer, `summary ${view} @${width}`)));
        const o = await overflow(viewer);
        if (o > 0) problems.push(`summary ${view} @${width}: page is ${o} px wider than the screen`);
        await screen(viewer, `a11y-summary-${view}-${width}`, { fullPage: true });
        await viewer.close();
      }
      expect(problems).toEqual([]);
    });
  });
}

test('a filter menu steps with the arrow keys, adds on Enter, and adds from its opened list; a removed chip hands the focus on', async ({ page }) => {
  await openApp(page);
  const campaign = page.getByTestId('filter-campaign');
  const chips = page.locator('.chips .chip');
  await campaign.focus();
  // Chromium fires `change` at each arrow on a closed select: stepping must add nothing.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const stepped = await campaign.inputValue();
  expect(stepped).not.toBe('');
  await expect(chips).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(chips).toHaveCount(1);
  await expect(chips.first()).toHaveAccessibleName(`Campaign: ${stepped === BLANK ? 'Not recorded' : stepped}: remove this filter`);
  await expect(campaign).toHaveValue('');
  // Opened with Alt+Down, the list's Enter is a choice.
  await campaign.focus();
  await page.keyboard.press('Alt+ArrowDown');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // one further than the first: another campaign
  await page.keyboard.press('Enter');
  await expect(chips).toHaveCount(2);
  // A key that changed nothing (up, on the prompt) leaves the next choice, by mouse, to add.
  await campaign.focus();
  await page.keyboard.press('ArrowUp');
  await campaign.selectOption({ index: 5 });
  await expect(chips).toHaveCount(3);
  await page.getByTestId('clear-filters').click();
  await expect(chips).toHaveCount(0);
  await campaign.selectOption({ index: 2 });
  await campaign.selectOption({ index: 4 });
  await expect(chips).toHaveCount(2);
  // Stepping, then leaving, adds nothing and puts the prompt back.
  await campaign.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect(campaign).toHaveValue('');
  await expect(chips).toHaveCount(2);
  // A chip removed from the keyboard hands the focus to the chip now in its place, then to the first filter.
  const second = await chips.nth(1).getAttribute('aria-label');
  await chips.first().focus();
  await page.keyboard.press('Enter');
  await expect(chips).toHaveCount(1);
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', second!);
  await page.getByTestId('clear-filters').focus();
  await page.keyboard.press('Enter');
  await expect(chips).toHaveCount(0);
  await expect(page.getByTestId('filter-year')).toBeFocused();
  await waitReady(page);
});
