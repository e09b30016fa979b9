import { expect, type Page } from '@playwright/test';

/** Opens the app and waits until the sample is loaded and every view on screen computed. */
export async function openApp(page: Page, path = './') {
  await page.goto(path);
  await waitReady(page);
}

/** Waits for data-state="ready". */
export async function waitReady(page: Page) {
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
}

/** Chooses files in the upload input, as a user would. */
export async function upload(page: Page, files: { name: string; text: string | Buffer }[]) {
  await page.getByTestId('upload-input').setInputFiles(
    files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: typeof f.text === 'string' ? Buffer.from(f.text) : f.text })),
  );
}

/** The funnel table's numbers by stage and metric. */
export async function funnelTable(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.locator('table[data-testid="funnel-table"]').evaluate((t) => {
    const out: Record<string, Record<string, string>> = {};
    for (const tr of t.querySelectorAll('tr[data-stage]')) {
      const row: Record<string, string> = {};
      for (const td of tr.querySelectorAll('[data-metric]')) row[td.getAttribute('data-metric')!] = td.getAttribute('data-value')!;
      out[tr.getAttribute('data-stage')!] = row;
    }
    return out;
  });
}

/** Collects page errors and requests to other origins. */
export function watch(page: Page) {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) foreign.push(r.url());
  });
  return { errors, foreign };
}

type ShotTarget = { screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer> };

/**
 * Saves a screenshot for a person to look at, under test-results/screens, when the run
 * is asked for them (SCREENS=1). No test reads them, and a full-page capture of a long
 * view costs about a second, so the usual run skips them.
 */
export async function screen(target: ShotTarget, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!process.env.SCREENS) return;
  await target.screenshot({ path: `test-results/screens/${name}.png`, ...options });
}
