import { test, expect, type Request } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { funnelTable, upload, waitReady, watch } from './helpers';

/**
 * The built folder served as an intranet would serve it: a plain static
 * server (no special headers) under a deep sub-path. The app must load,
 * read files and switch views with every request going to that origin and
 * under that sub-path.
 */

const BASE = '/intranet/apps/fostering-funnel/';
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

type StartServer = (o: { dir: string; base?: string; port?: number; mimeTypes?: Record<string, string> }) => Promise<{ url: string; origin: string; close: () => Promise<void> }>;
// Plain .mjs with no type declarations (the project type-checks without allowJs), so imported by URL.
const { startServer } = (await import(new URL('../../scripts/serve-static.mjs', import.meta.url).href)) as { startServer: StartServer };

let server: Awaited<ReturnType<StartServer>>;

test.beforeAll(async () => {
  if (!existsSync(DIST + 'index.html')) throw new Error('dist/ is missing: run `npx vite build` first.');
  server = await startServer({ dir: DIST, base: BASE, port: 0 });
});
test.afterAll(async () => {
  await server?.close();
});

const WIDE = [
  'Ref No,Date of Enquiry,Initial Home Visit Date,Current Status',
  'D1,01/02/2024,10/02/2024,In progress',
  'D2,02/02/2024,,Withdrawn',
  'D3,03/02/2024,15/02/2024,In progress',
  'D4,04/02/2024,,In progress',
  'D5,05/02/2024,20/02/2024,Closed',
].join('\r\n') + '\r\n';

test('the built folder works from a sub-path of a plain static server, with every request kept under it', async ({ page }) => {
  const requests: Request[] = [];
  // The context sees the page's requests and its workers' (DuckDB's worker fetches the wasm).
  page.context().on('request', (r) => requests.push(r));
  const w = watch(page);

  const response = await page.goto(server.url);
  expect(response?.status()).toBe(200);
  // Nothing special came from the server: the app must not depend on it.
  const headers = response!.headers();
  for (const h of ['content-security-policy', 'cross-origin-opener-policy', 'cross-origin-embedder-policy', 'cache-control']) expect(headers[h]).toBeUndefined();

  await waitReady(page);
  await expect(page.getByText('Sample data (synthetic)')).toBeVisible();
  const sample = await funnelTable(page);
  expect(Number(sample.enquiry.reached)).toBeGreaterThan(3000);

  await upload(page, [{ name: 'wide.csv', text: WIDE }]);
  await expect(page.getByText('Your data: wide.csv')).toBeVisible();
  await waitReady(page);
  const t = await funnelTable(page);
  expect(t.enquiry.reached).toBe('5');
  expect(t.initial_visit.reached).toBe('3');
  expect(t.enquiry.left).toBe('1');
  expect(t.initial_visit.left).toBe('1');

  await page.getByTestId('nav-data').click();
  await waitReady(page);
  await expect(page.getByTestId('quality-summary')).toContainText('wide.csv');
  await expect(page).toHaveURL((u) => u.pathname === BASE && u.searchParams.get('view') === 'data');
  await page.getByTestId('nav-overview').click();
  await waitReady(page);
  expect(await funnelTable(page)).toEqual(t);

  // A reload of a view's URL (bookmark) still works under the sub-path.
  await page.goto(server.url + '?view=data');
  await waitReady(page);
  await expect(page.getByTestId('quality-summary')).toBeVisible();

  expect(w.errors).toEqual([]);
  const urls = requests.map((r) => r.url());
  const elsewhere = urls.filter((u) => {
    const url = new URL(u);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
    return url.origin !== server.origin || !url.pathname.startsWith(BASE);
  });
  expect(elsewhere).toEqual([]);
  // The recording did see the engine's own downloads (so the check above covers them).
  expect(urls.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(urls.some((u) => /worker[^/]*\.js$/.test(u))).toBe(true);
  // And every request was answered (no 404 for a mis-resolved asset path).
  const failed: string[] = [];
  for (const r of requests) {
    if (!r.url().startsWith('http')) continue;
    const res = await r.response();
    if (!res || res.status() >= 400) failed.push(`${res?.status() ?? 'no response'} ${r.url()}`);
  }
  expect(failed).toEqual([]);
});

test('the static server itself: MIME types, 404s and no path escapes', async ({ request }) => {
  const index = await request.get(server.url);
  expect(index.headers()['content-type']).toMatch(/^text\/html/);
  const html = await index.text();
  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThan(0);
  for (const a of assets) {
    const res = await request.get(server.url + a);
    expect(res.status(), a).toBe(200);
    expect(res.headers()['content-type'], a).toMatch(a.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
  }
  const types: Record<string, RegExp> = { wasm: /^application\/wasm$/, js: /^text\/javascript/, css: /^text\/css/, csv: /^text\/csv/ };
  for (const f of readdirSync(DIST + 'assets')) {
    const ext = f.split('.').pop()!;
    const res = await request.head(server.url + 'assets/' + f);
    expect(res.status(), f).toBe(200);
    expect(res.headers()['content-type'], f).toMatch(types[ext] ?? /^$/);
  }
  expect((await request.get(server.url + 'assets/nope.wasm')).status()).toBe(404);
  expect((await request.get(server.origin + '/index.html')).status()).toBe(404);
  expect((await request.get(server.url + '..%2F..%2F..%2Fpackage.json')).status()).toBe(404);
  const bare = await request.get(server.url.slice(0, -1), { maxRedirects: 0 });
  expect(bare.status()).toBe(301);
  expect(bare.headers()['location']).toBe(BASE);
});

test('a server sending the engine with the wrong MIME type still works (the app works around it)', async ({ page }) => {
  const bad = await startServer({ dir: DIST, base: BASE, port: 0, mimeTypes: { '.wasm': 'application/octet-stream' } });
  try {
    await page.goto(bad.url);
    await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page.locator('table[data-testid="funnel-table"] tr[data-stage="enquiry"] [data-metric="reached"]')).toHaveAttribute('data-value', /\d{4}/);
  } finally {
    await bad.close();
  }
});

test('a server missing the engine file gets a clear message, not an endless spinner', async ({ page }) => {
  // A copy of dist/ (by symbolic links) without the .wasm files.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ff-nowasm-'));
  mkdirSync(path.join(dir, 'assets'));
  symlinkSync(path.join(DIST, 'index.html'), path.join(dir, 'index.html'));
  for (const f of readdirSync(path.join(DIST, 'assets'))) if (!f.endsWith('.wasm')) symlinkSync(path.join(DIST, 'assets', f), path.join(dir, 'assets', f));
  const bad = await startServer({ dir, base: BASE, port: 0 });
  try {
    await page.goto(bad.url);
    await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
    await expect(page.getByRole('alert')).toContainText('engine file was not found');
  } finally {
    await bad.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
