import { chromium } from '@playwright/test';
import { chromiumPath } from '/work/main/scripts/chromium-path.mjs';
import { startServer, MIME_TYPES } from '/work/main/scripts/serve-static.mjs';
MIME_TYPES['.wasm'] = process.argv[2];
const s = await startServer({ dir: '/work/main/dist', base: '/x/', port: 0 });
const b = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
const ctx = await b.newContext();
const p = await ctx.newPage();
p.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
p.on('pageerror', (e) => console.log('pageerror', e.message.slice(0, 300)));
p.on('worker', (w) => { console.log('worker', w.url()); });
ctx.on('request', (r) => console.log('req', r.url().slice(-50)));
ctx.on('requestfinished', async (r) => console.log('done', r.url().slice(-50), (await r.response())?.status(), (await r.response())?.headers()['content-type']));
ctx.on('requestfailed', (r) => console.log('failed', r.url().slice(-50), r.failure()?.errorText));
await p.goto(s.url);
for (let i = 0; i < 9; i++) { await p.waitForTimeout(10000); console.log(i, await p.getAttribute('[data-testid=app-status]', 'data-state'), await p.locator('[data-testid=app-status]').textContent()); }
await b.close(); await s.close();
