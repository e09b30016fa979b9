import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { VIEWS } from '../../src/lib/state/url';
import { openApp, waitReady, watch, screen } from './helpers';

/**
 * A phone (390×844): every view in one page load, reached through the views bar as a user would.
 * Nothing is clipped outside the sideways-scrolling table regions, the views bar is one row with
 * the current view wholly in sight, table captions stay whole while their table scrolls, stand-alone
 * controls are at least 24 px (WCAG 2.2, 2.5.8) and each finding starts on the first screen.
 * Axe runs on every view at this width in a11y.spec.ts; here it runs on the open Share menu.
 */

const WIDTH = 390;
const HEIGHT = 844;
const WITH_FINDING = ['overview', 'dropoff', 'campaigns', 'trends', 'equality'];

/** Layout problems on the view on screen, one line each (empty when there are none). */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent ?? '').trim().slice(0, 50)}"`;
    const scrolls = (el: Element) => /(auto|scroll)/.test(getComputedStyle(el).overflowX);
    const inScrollRegion = (el: Element) => { for (let p = el.parentElement; p; p = p.parentElement) if (scrolls(p)) return true; return false; };

    if (document.documentElement.scrollWidth > innerWidth) problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);

    // The views bar: one row that scrolls, with the current view wholly in it.
    const bar = document.querySelector('nav.tabs')!;
    const barBox = bar.getBoundingClientRect();
    const current = bar.querySelector('[aria-current="page"]');
    if (barBox.height > 60) problems.push(`the views bar is ${Math.round(barBox.height)} px tall: not one row`);
    if (!current) problems.push('no view is marked current');
    else {
      const r = current.getBoundingClientRect();
      if (r.left < barBox.left - 0.5 || r.right > barBox.right + 0.5) problems.push(`current view ${name(current)} at ${Math.round(r.left)}..${Math.round(r.right)}, bar ${Math.round(barBox.left)}..${Math.round(barBox.right)}`);
    }

    // Text cut off where nothing scrolls (ellipsis or hidden overflow); scroll regions and charts aside.
    for (const el of document.querySelectorAll('main *:not(svg *), header *, .toolbar *')) {
      const s = getComputedStyle(el);
      if (s.display === 'none' || el.closest('.sr-only') || !(el.textContent ?? '').trim()) continue;
      const clips = s.overflowX === 'hidden' || s.overflowX === 'clip' || s.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1 && !inScrollRegion(el)) problems.push(`clipped: ${name(el)} (${el.scrollWidth} > ${el.clientWidth} px)`);
    }

    // Captions of sideways-scrolling tables: whole and in view, before and after scrolling to the far end.
    for (const wrap of document.querySelectorAll<HTMLElement>('.table-wrap')) {
      const caption = wrap.querySelector(':scope > table > caption');
      if (!caption || !wrap.getClientRects().length) continue;
      const before = wrap.scrollLeft;
      for (const left of [0, wrap.scrollWidth]) {
        wrap.scrollLeft = left;
        const c = caption.getBoundingClientRect();
        const w = wrap.getBoundingClientRect();
        if (c.left < w.left - 0.5 || c.right > w.right + 0.5) problems.push(`caption ${name(caption)} at ${Math.round(c.left)}..${Math.round(c.right)}, region ${Math.round(w.left)}..${Math.round(w.right)} (scrolled ${wrap.scrollLeft})`);
      }
      wrap.scrollLeft = before;
    }

    // WCAG 2.5.8: a control under 24×24 px passes only inside a sentence, as a labelled input, or with
    // a 24 px circle around its centre clear of every other control.
    const controls = [...document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, summary')].filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden');
    const boxes = controls.map((el) => el.getBoundingClientRect());
    const small = boxes.map((b) => b.width < 24 || b.height < 24);
    const inSentence = (el: Element) => getComputedStyle(el).display.startsWith('inline') && [...(el.parentElement?.childNodes ?? [])].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 3);
    const gap = (x: number, y: number, b: DOMRect) => Math.hypot(Math.max(b.left - x, 0, x - b.right), Math.max(b.top - y, 0, y - b.bottom));
    controls.forEach((el, i) => {
      if (!small[i] || inSentence(el) || (el.tagName === 'INPUT' && el.closest('label'))) return;
      const x = boxes[i].left + boxes[i].width / 2;
      const y = boxes[i].top + boxes[i].height / 2;
      const crowded = controls.some((o, j) => j !== i && !o.contains(el) && !el.contains(o)
        && (gap(x, y, boxes[j]) < 12 || (small[j] && Math.hypot(x - boxes[j].left - boxes[j].width / 2, y - boxes[j].top - boxes[j].height / 2) < 24)));
      if (crowded) problems.push(`target ${name(el)} is ${Math.round(boxes[i].width)}×${Math.round(boxes[i].height)} px with another control within its 24 px circle`);
    });
    return problems;
  });
}

test.describe(`at ${WIDTH}×${HEIGHT}`, () => {
  test.use({ viewport: { width: WIDTH, height: HEIGHT } });

  test('every view: nothing clipped, views bar one row with the current view in sight, captions whole, finding on the first screen', async ({ page }) => {
    test.setTimeout(180_000);
    const w = watch(page);
    const problems: string[] = [];
    await openApp(page);
    for (const { id } of VIEWS) {
      if (id !== 'overview') {
        await page.getByTestId(`nav-${id}`).click();
        await waitReady(page);
      }
      await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
      await page.evaluate(() => window.scrollTo(0, 0));
      problems.push(...(await layoutProblems(page)).map((p) => `${id}: ${p}`));
      if (id === 'dropoff') {
        // A table scrolls sideways rather than squeeze its cells: the stalled list's rows stay one line high
        // (a source such as "Word of mouth / existing carer", out of sight, made them four).
        const heights = await page.locator('[data-testid="stalled-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
        if (!heights.length || Math.max(...heights) > 48) problems.push(`dropoff: stalled list rows up to ${Math.max(...heights)} px tall`);
      }
      if (WITH_FINDING.includes(id)) {
        const box = await page.getByTestId('finding').boundingBox();
        if (!box || box.y >= HEIGHT) problems.push(`${id}: the finding starts at ${box?.y} px, below the first screen`);
      }
      await screen(page, `phone-${id}`, { fullPage: true });
    }

    // The Share menu opens within the screen, and passes axe while open.
    await page.getByTestId('share-menu').click();
    const menu = page.locator('#share-menu');
    await expect(menu).toBeVisible();
    const m = (await menu.boundingBox())!;
    if (m.x < 0 || m.x + m.width > WIDTH) problems.push(`share menu at ${m.x}..${m.x + m.width}`);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    problems.push(...axe.violations.map((v) => `share menu: ${v.id} (${v.impact}) × ${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`));
    await screen(page, 'phone-share-menu');

    expect(problems).toEqual([]);
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  });
});
