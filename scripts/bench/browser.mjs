// @ts-check
/**
 * Drives the system Chromium for the benchmark: the app (dist/) and the bare
 * engine page (bench/bare/). Every measurement gets a fresh browser (fresh
 * profile, cold HTTP cache, its own processes), so memory figures are the
 * tab's own and nothing is cached between runs except by the OS.
 *
 * Times are performance.now() inside the page (ms since navigation start),
 * recorded by scripts/bench/instrument.js at the moment the DOM changed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { MemorySampler, chromiumProcesses } from './proc.mjs';

const INSTRUMENT = fileURLToPath(new URL('./instrument.js', import.meta.url));

/** How many of the most common campaigns the app works out ahead (read from the app's source, which the bench can't import). */
const CHOICES_AHEAD = Number(/CHOICES_AHEAD = (\d+)/.exec(readFileSync(new URL('../../src/lib/state/viewRequests.ts', import.meta.url), 'utf8'))?.[1]);
if (!Number.isInteger(CHOICES_AHEAD)) throw new Error('CHOICES_AHEAD not found in src/lib/state/viewRequests.ts');

/**
 * The switches of playwright.config.ts, plus precise performance.memory, less its
 * `--js-flags=--liftoff-only`: the benchmark times V8 as users have it, optimising compiler on.
 */
const ARGS = [
  '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--enable-precise-memory-info',
];

/** @template T @param {Promise<T>} p @param {number} ms @param {string} what @returns {Promise<T>} */
export function within(p, ms, what) {
  /** @type {ReturnType<typeof setTimeout>} */
  let timer;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(`timed out after ${(ms / 1000).toFixed(0)} s: ${what}`)), ms);
    }),
  ]);
}

/**
 * Launches Chromium with a unique marker switch (to find its processes in /proc).
 * @param {string} executablePath
 */
export async function launch(executablePath) {
  const marker = `--bench-run=${randomBytes(6).toString('hex')}`;
  const browser = await chromium.launch({ executablePath, headless: true, args: [...ARGS, marker], timeout: 60_000 });
  const sampler = new MemorySampler(marker, 200);
  sampler.start();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    sampler.stop();
    const procs = chromiumProcesses(marker);
    try {
      await within(browser.close(), 15_000, 'closing the browser');
    } catch {
      // Only the processes of this launch (found by its marker), by pid.
      for (const p of procs) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
  };
  return { browser, sampler, marker, close };
}

/** Byte size of DuckDB's WebAssembly.Memory, read in its worker (the bindings keep it on globalThis). @param {import('@playwright/test').Page} page */
async function wasmMemoryBytes(page) {
  for (const w of page.workers()) {
    try {
      const n = await within(
        w.evaluate(() => {
          // @ts-ignore
          const b = globalThis.DUCKDB_BINDINGS;
          return b && b.mod && b.mod.HEAP8 ? b.mod.HEAP8.buffer.byteLength : null;
        }),
        10_000,
        'reading wasm memory',
      );
      if (typeof n === 'number') return n;
    } catch {
      /* try the next worker */
    }
  }
  return null;
}

/**
 * JS heap of each dedicated worker (CDP Runtime.getHeapUsage through a
 * browser-level session). Excludes the WebAssembly.Memory, which lives outside the JS heap.
 * @param {import('@playwright/test').Browser} browser
 */
async function workerHeaps(browser) {
  const bs = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await bs.send('Target.getTargets');
    const out = [];
    let id = 0;
    /** @type {Map<number, (m: any) => void>} */
    const replies = new Map();
    bs.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      replies.get(m.id)?.(m);
    });
    for (const t of targetInfos.filter((x) => x.type === 'worker')) {
      const { sessionId } = await bs.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
      const i = ++id;
      const reply = new Promise((ok) => replies.set(i, ok));
      await bs.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method: 'Runtime.getHeapUsage' }) });
      const m = /** @type {any} */ (await within(reply, 5000, 'worker heap'));
      out.push({ url: t.url.replace(/^.*\//, ''), usedSize: m.result?.usedSize ?? null, totalSize: m.result?.totalSize ?? null });
      await bs.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    }
    return out;
  } finally {
    await bs.detach().catch(() => {});
  }
}

/**
 * Polls the page's main-thread JS heap (CDP Runtime.getHeapUsage) and keeps the maximum per phase.
 * @param {import('@playwright/test').CDPSession} cdp
 */
function heapPoller(cdp) {
  let max = 0;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const h = await cdp.send('Runtime.getHeapUsage');
      max = Math.max(max, h.usedSize);
    } catch {
      /* page busy or gone */
    }
    busy = false;
  }, 250);
  timer.unref?.();
  return {
    reset() { max = 0; },
    get max() { return max; },
    stop() { clearInterval(timer); },
  };
}

/**
 * Memory at the end of a phase.
 * @param {{ page: import('@playwright/test').Page, browser: import('@playwright/test').Browser, sampler: MemorySampler, cdp: import('@playwright/test').CDPSession, heap: ReturnType<typeof heapPoller> }} o
 */
async function memorySnapshot({ page, browser, sampler, cdp, heap }) {
  const proc = sampler.endPhase();
  const now = await within(cdp.send('Runtime.getHeapUsage'), 10_000, 'heap usage').catch(() => null);
  const wasm = await wasmMemoryBytes(page);
  const workers = await within(workerHeaps(browser), 15_000, 'worker heaps').catch(() => []);
  return {
    ...proc,
    mainJsHeapUsedNow: now?.usedSize ?? null,
    mainJsHeapUsedPeakSampled: Math.max(heap.max, now?.usedSize ?? 0) || null,
    wasmMemoryBytes: wasm,
    workerJsHeaps: workers,
  };
}

/** @param {{ start: number, duration: number }[]} tasks @param {number} a @param {number} b */
function tasksIn(tasks, a, b) {
  const ts = tasks.filter((t) => t.start + t.duration >= a && t.start <= b);
  return {
    count: ts.length,
    maxMs: ts.reduce((m, t) => Math.max(m, t.duration), 0),
    totalMs: ts.reduce((s, t) => s + t.duration, 0),
  };
}

/** @param {{ start: number, gap: number }[]} gaps @param {number} a @param {number} b */
function gapsIn(gaps, a, b) {
  const gs = gaps.filter((g) => g.start + g.gap >= a && g.start <= b);
  return {
    maxFrameGapMs: gs.reduce((m, g) => Math.max(m, g.gap), 0),
    gapsOver100ms: gs.filter((g) => g.gap > 100).length,
    gapsOver500ms: gs.filter((g) => g.gap > 500).length,
    frozenMs: gs.reduce((s, g) => s + g.gap, 0),
  };
}

/**
 * Worker requests answered in [a, b]: wall time with at least one request
 * outstanding (the worker busy, or its answer waiting for the main thread),
 * and the slowest statements.
 * @param {{ type: string, sql: string | null, t: number, ms: number, resp: string, bytes: number | null }[]} msgs
 * @param {number} a @param {number} b
 */
function workerIn(msgs, a, b) {
  const ms = msgs.filter((m) => m.t >= a && m.t + m.ms <= b + 1);
  const iv = ms.map((m) => [m.t, m.t + m.ms]).sort((x, y) => x[0] - y[0]);
  let busy = 0;
  let cur = null;
  for (const [s, e] of iv) {
    if (!cur || s > cur[1]) {
      if (cur) busy += cur[1] - cur[0];
      cur = [s, e];
    } else cur[1] = Math.max(cur[1], e);
  }
  if (cur) busy += cur[1] - cur[0];
  const top = foldPolls(ms).sort((x, y) => y.ms - x.ms).slice(0, 8).map((m) => ({ ms: Math.round(m.ms), type: m.type, sql: m.sql ? m.sql.slice(0, 160) : null, resultBytes: m.bytes }));
  return { requests: ms.length, busyMs: busy, resultBytes: ms.reduce((s, m) => s + (m.bytes ?? 0), 0), slowest: top };
}

/**
 * The statement the worker was busy with at time `t`, if any (a filter chosen
 * while the after-load summaries are written waits for it): its start, how
 * long it had still to run, and its SQL's start.
 * @param {{ type: string, sql: string | null, t: number, ms: number, resp: string, bytes: number | null }[]} msgs
 * @param {number} t
 */
function runningAt(msgs, t) {
  const m = foldPolls(msgs).find((x) => x.t < t && x.t + x.ms > t);
  return m ? { ms: Math.round(m.ms), remainingMs: Math.round(m.t + m.ms - t), type: m.type, sql: m.sql ? m.sql.slice(0, 160) : null } : null;
}

/**
 * A filter change's timing: the campaign chosen, how long it took, the
 * worker's busy time, its `slowest` statements and the one it was busy with
 * when the filter was chosen.
 * @param {any} B the page's record @param {{ text: string }} c @param {{ t0: number, end: number, ms: number, kind: string }} r @param {number} slowest
 */
function filterTiming(B, c, r, slowest) {
  const worker = workerIn(B.msgs, r.t0, r.end);
  return { campaign: c.text, ms: r.ms, kind: r.kind, workerBusyMs: worker.busyMs, slowest: worker.slowest.slice(0, slowest), runningAtStart: runningAt(B.msgs, r.t0) };
}

/**
 * The requests with each pending query's polls folded into the statement
 * they continue (a stoppable query is started, then polled a slice at a
 * time), so that the slowest list names each statement once, with its time
 * from start to its last poll.
 * @param {{ type: string, sql: string | null, t: number, ms: number, resp: string, bytes: number | null }[]} msgs
 */
function foldPolls(msgs) {
  const out = [];
  /** @type {typeof msgs[number] | null} */
  let open = null;
  for (const m of [...msgs].sort((x, y) => x.t - y.t)) {
    if (m.type === 'POLL_PENDING_QUERY' && open) {
      open.ms = m.t + m.ms - open.t;
      continue;
    }
    const copy = { ...m };
    out.push(copy);
    if (m.type === 'START_PENDING_QUERY') open = copy;
    else if (m.type === 'RUN_QUERY') open = null;
  }
  return out;
}

/** @param {number[]} xs */
export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Does something in the page and waits until every panel is drawn again:
 * the status went to 'loading' and came back to 'ready' (or 'error') and stayed
 * there for `settleMs`. The end time is the last 'ready'. If the status never
 * left 'ready' within `noLoadingMs` (an answer from the cache), the end is the
 * last DOM change seen after the action, if any.
 * Actions: 'filter' (choose campaign `arg` in filter-campaign), 'clear'
 * (clear-filters), 'nav' (click nav-`arg`). No code strings: the app's CSP forbids eval.
 * @param {import('@playwright/test').Page} page
 * @param {'filter' | 'clear' | 'nav'} kind
 * @param {string | null} arg
 * @param {number} timeoutMs
 */
async function act(page, kind, arg, timeoutMs, settleMs = 400, noLoadingMs = 1500) {
  const t0 = await page.evaluate(([kind, arg]) => {
    const t = performance.now();
    if (kind === 'filter') {
      const s = /** @type {HTMLSelectElement} */ (document.querySelector('[data-testid="filter-campaign"]'));
      s.value = /** @type {string} */ (arg);
      s.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (kind === 'clear') {
      /** @type {HTMLElement} */ (document.querySelector('[data-testid="clear-filters"]')).click();
    } else {
      /** @type {HTMLElement} */ (document.querySelector(`[data-testid="nav-${arg}"]`)).click();
    }
    return t;
  }, /** @type {[string, string | null]} */ ([kind, arg]));
  const handle = await page.waitForFunction(
    ([t0, settleMs, noLoadingMs]) => {
      // @ts-ignore
      const S = window.__bench.states.filter((s) => s.t >= t0);
      const now = performance.now();
      const li = S.findIndex((/** @type {any} */ s) => s.state === 'loading');
      if (li < 0) {
        if (now - t0 < noLoadingMs) return false;
        return { kind: 'no-loading', end: S.length ? S[S.length - 1].t : t0, states: S.length };
      }
      const last = S[S.length - 1];
      if (last.state === 'error') return { kind: 'error', end: last.t, text: last.text };
      if (last.state !== 'ready' || now - last.t < settleMs) return false;
      const cycles = S.filter((/** @type {any} */ s, /** @type {number} */ i) => s.state === 'loading' && (i === 0 || S[i - 1].state !== 'loading')).length;
      return { kind: 'loaded', end: last.t, cycles };
    },
    [t0, settleMs, noLoadingMs],
    { timeout: timeoutMs, polling: 100 },
  );
  const r = /** @type {{ kind: string, end: number, cycles?: number, text?: string }} */ (await handle.jsonValue());
  return { t0, ...r, ms: r.end - t0 };
}

/**
 * A page in a fresh context with the timing script injected before the page's
 * own scripts; page errors, console errors and a crashed tab go to `errors`.
 * @param {import('@playwright/test').Browser} browser @param {string[]} errors
 */
async function instrumentedPage(browser, errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ path: INSTRUMENT });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text().slice(0, 300)}`); });
  page.on('crash', () => errors.push('the tab crashed'));
  return { page, cdp: await context.newCDPSession(page) };
}

/**
 * Opens the app and waits until it first shows 'ready' (or 'error'): the
 * page's timing record, that first state, and when the engine was ready (the
 * status turning to "Loading the sample…").
 * @param {import('@playwright/test').Page} page @param {string} url @param {number} timeoutMs
 */
async function openApp(page, url, timeoutMs) {
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  await page.waitForFunction(() => /** @type {any} */ (window).__bench.states.some((/** @type {any} */ s) => s.state === 'ready' || s.state === 'error'), null, { timeout: timeoutMs, polling: 100 });
  const B = await page.evaluate(() => /** @type {any} */ (window).__bench);
  return {
    B,
    firstReady: B.states.find((/** @type {any} */ s) => s.state === 'ready' || s.state === 'error'),
    /** @type {number | null} */
    engineReadyMs: B.states.find((/** @type {any} */ s) => /^Loading the sample/.test(s.text))?.t ?? null,
  };
}

/**
 * Opens the bare engine page at `url` and waits for its engine: its record
 * (window.__bare); throws the page's error if it has one.
 * @param {import('@playwright/test').Page} page @param {string} url @param {number} timeoutMs
 */
async function openBare(page, url, timeoutMs) {
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  await page.waitForFunction(() => /** @type {any} */ (window).__bare?.ready || /** @type {any} */ (window).__bare?.error, null, { timeout: timeoutMs, polling: 100 });
  const B = await page.evaluate(() => /** @type {any} */ (window).__bare);
  if (B.error) throw new Error(B.error);
  return B;
}

/**
 * The app: open, choose the file, change filters, switch views.
 * @param {{ executablePath: string, url: string, file: string, bytes: number, enquiries: number, repeats: number, views: string[], pauseMs: number, timeouts: { open: number, load: number, step: number }, budgetMs: number, log: (s: string) => void }} o
 */
export async function measureApp(o) {
  const { browser, sampler, close } = await launch(o.executablePath);
  const errors = /** @type {string[]} */ ([]);
  const result = /** @type {any} */ ({ errors });
  /** @type {ReturnType<typeof heapPoller> | null} */
  let heap = null;
  // Whatever hangs, the browser is closed after the budget and the run goes on.
  const watchdog = setTimeout(() => { errors.push(`watchdog: closed the browser after ${o.budgetMs / 1000} s`); close(); }, o.budgetMs);
  try {
    const { page, cdp } = await instrumentedPage(browser, errors);
    const poller = (heap = heapPoller(cdp));
    const bench = () => page.evaluate(() => /** @type {any} */ (window).__bench);
    const snapshot = () => memorySnapshot({ page, browser, sampler, cdp, heap: poller });

    // ---- open: engine start, then the built-in sample, then the overview drawn ----
    sampler.beginPhase();
    poller.reset();
    const opened = await openApp(page, o.url, o.timeouts.open);
    let B = opened.B;
    const firstReady = opened.firstReady;
    const nav = await page.evaluate(() => { const n = /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType('navigation')[0]); return n ? { responseEnd: n.responseEnd } : null; });
    result.open = {
      firstContentfulPaintMs: B.paints?.['first-contentful-paint'] ?? null,
      htmlResponseEndMs: nav?.responseEnd ?? null,
      engineReadyMs: opened.engineReadyMs,
      firstReadyMs: firstReady.t,
      firstState: firstReady.state,
      longTasks: tasksIn(B.longtasks, 0, firstReady.t),
      worker: workerIn(B.msgs, 0, firstReady.t),
    };
    result.open.memory = await snapshot();
    if (firstReady.state === 'error') throw new Error(`app error on open: ${firstReady.text}`);
    o.log(`    app open: first paint ${fmt(result.open.firstContentfulPaintMs)} (page received by ${fmt(result.open.htmlResponseEndMs)}), engine ready ${fmt(result.open.engineReadyMs)}, first ready ${fmt(firstReady.t)}`);

    // ---- choose the file -> funnel table shows N enquiries ----
    sampler.beginPhase();
    poller.reset();
    await page.evaluate(() => /** @type {any} */ (window).__bench.startFrames());
    const mark = await page.evaluate(() => performance.now());
    await page.getByTestId('upload-input').setInputFiles(o.file, { timeout: o.timeouts.step });
    await page.waitForFunction(
      ([mark, n]) => {
        const B = /** @type {any} */ (window).__bench;
        const c = B.changes.find((/** @type {any} */ x) => x.t > mark);
        if (!c) return false;
        return B.states.some((/** @type {any} */ s) => s.t > c.t && (s.state === 'error' || (s.state === 'ready' && s.reached === n)));
      },
      [mark, o.enquiries],
      { timeout: o.timeouts.load, polling: 250 },
    );
    B = await bench();
    const chosen = B.changes.find((/** @type {any} */ x) => x.t > mark);
    const done = B.states.find((/** @type {any} */ s) => s.t > chosen.t && (s.state === 'error' || (s.state === 'ready' && s.reached === o.enquiries)));
    const after = B.states.filter((/** @type {any} */ s) => s.t >= chosen.t && s.t <= done.t);
    const calcStart = after.find((/** @type {any} */ s) => !/^Reading/.test(s.text) && s.state === 'loading');
    result.load = {
      ms: done.t - chosen.t,
      state: done.state,
      readingPhaseMs: calcStart ? calcStart.t - chosen.t : null,
      calculatingPhaseMs: calcStart ? done.t - calcStart.t : null,
      states: after.map((/** @type {any} */ s) => ({ t: Math.round(s.t - chosen.t), state: s.state, text: s.text.slice(0, 80), reached: s.reached })),
      ...gapsIn(B.gaps, chosen.t, done.t),
      longTasks: tasksIn(B.longtasks, chosen.t, done.t),
      worker: workerIn(B.msgs, chosen.t, done.t),
    };
    if (done.state === 'error') {
      result.load.error = done.text;
      throw new Error(`app error on load: ${done.text}`);
    }
    result.load.funnel = await page.locator('table[data-testid="funnel-table"]').evaluate((t) => {
      /** @type {Record<string, number>} */
      const out = {};
      for (const tr of t.querySelectorAll('tr[data-stage]')) {
        const td = tr.querySelector('[data-metric="reached"]');
        out[/** @type {string} */ (tr.getAttribute('data-stage'))] = Number(td?.getAttribute('data-value'));
      }
      return out;
    });
    result.load.notices = await page.locator('.alert').allTextContents();
    result.load.memory = await snapshot();
    o.log(`    app file -> funnel: ${fmt(result.load.ms)} (max frame gap ${fmt(result.load.maxFrameGapMs)}, tab peak RSS ${mb(result.load.memory.rendererPeakRss)})`);

    // ---- filter changes: one campaign at a time (then cleared) ----
    sampler.beginPhase();
    poller.reset();
    const options = await page.locator('[data-testid="filter-campaign"] option').evaluateAll((os) =>
      os.map((x) => ({ value: /** @type {HTMLOptionElement} */ (x).value, text: (x.textContent ?? '').trim() })).filter((x) => x.value),
    );
    const campaigns = options.slice(0, o.repeats);
    result.filters = [];
    for (const c of campaigns) {
      const r = await act(page, 'filter', c.value, o.timeouts.step);
      B = await bench();
      const add = /** @type {any} */ ({ ...filterTiming(B, c, r, 5), cycles: r.cycles ?? null, ...gapsIn(B.gaps, r.t0, r.end), longTasks: tasksIn(B.longtasks, r.t0, r.end) });
      const funnel = B.states.filter((/** @type {any} */ s) => s.t >= r.t0 && s.t <= r.end && s.state === 'ready').at(-1);
      add.reachedShown = funnel?.reached ?? null;
      const clear = await act(page, 'clear', null, o.timeouts.step);
      result.filters.push({ ...add, clear: { ms: clear.ms, kind: clear.kind } });
      o.log(`    filter "${c.text}": ${fmt(r.ms)} (${r.kind}); clear ${fmt(clear.ms)} (${clear.kind})`);
    }
    result.filterMedianMs = median(result.filters.filter((/** @type {any} */ f) => f.kind === 'loaded').map((/** @type {any} */ f) => f.ms));
    // ---- a campaign the app does not work out ahead (it does the most common few, CHOICES_AHEAD in
    // viewRequests.ts, while the user reads the page): the cost of a filter answered when chosen ----
    const unprefetched = options[CHOICES_AHEAD];
    if (unprefetched) {
      const r = await act(page, 'filter', unprefetched.value, o.timeouts.step);
      B = await bench();
      result.filterNotAhead = filterTiming(B, unprefetched, r, 8);
      await act(page, 'clear', null, o.timeouts.step);
      o.log(`    filter "${unprefetched.text}" (not worked out ahead): ${fmt(r.ms)} (${r.kind})`);
    }

    // ---- view switches (first visit after the load, straight after the filters: whatever was worked out meanwhile counts) ----
    result.views = [];
    for (const v of o.views) {
      const r = await act(page, 'nav', v, o.timeouts.step);
      B = await bench();
      result.views.push({ view: v, ms: r.ms, kind: r.kind, cycles: r.cycles ?? null, ...gapsIn(B.gaps, r.t0, r.end), longTasks: tasksIn(B.longtasks, r.t0, r.end), worker: workerIn(B.msgs, r.t0, r.end) });
      o.log(`    view ${v}: ${fmt(r.ms)} (${r.kind})`);
    }
    // ---- view switches after a pause, under a filter no view has been drawn with yet: the
    // app works out the other views' figures while the user reads one (prefetch) ----
    result.viewsAfterPause = [];
    const pick = options.find((c) => /^Digital/.test(c.text)) ?? options[0];
    if (pick && o.pauseMs > 0) {
      await act(page, 'nav', 'overview', o.timeouts.step);
      await act(page, 'filter', pick.value, o.timeouts.step);
      for (const v of ['campaigns', 'trends', 'dropoff', 'equality']) {
        await page.waitForTimeout(o.pauseMs);
        const r = await act(page, 'nav', v, o.timeouts.step);
        result.viewsAfterPause.push({ view: v, ms: r.ms, kind: r.kind, filter: pick.text, pauseMs: o.pauseMs });
        o.log(`    view ${v} after a ${o.pauseMs / 1000} s pause (filter "${pick.text}"): ${fmt(r.ms)} (${r.kind})`);
        await act(page, 'nav', 'overview', o.timeouts.step);
      }
      await act(page, 'clear', null, o.timeouts.step);
    }
    result.interact = { memory: await snapshot() };
    poller.stop();
    B = await bench();
    result.instrument = { msgsDropped: B.msgsDropped, longtaskObserverErrors: B.errors, frames: B.frames };
  } catch (e) {
    result.failed = String(/** @type {Error} */ (e)?.message ?? e).split('\n')[0];
    o.log(`    app FAILED: ${result.failed}`);
  } finally {
    clearTimeout(watchdog);
    heap?.stop();
    await close();
  }
  return result;
}

/**
 * The bare engine page: start-up, then the chosen file read into a table.
 * @param {{ executablePath: string, url: string, file: string, bundle: string, threads?: number, variants: string[], repeat?: number, register?: 'handle' | 'buffer', opts?: string, timeouts: { open: number, load: number }, budgetMs: number, log: (s: string) => void }} o
 */
export async function measureBare(o) {
  const { browser, sampler, close } = await launch(o.executablePath);
  const errors = /** @type {string[]} */ ([]);
  const result = /** @type {any} */ ({ bundle: o.bundle, register: o.register ?? 'handle', requestedThreads: o.threads ?? null, errors });
  /** @type {ReturnType<typeof heapPoller> | null} */
  let heap = null;
  const watchdog = setTimeout(() => { errors.push(`watchdog: closed the browser after ${o.budgetMs / 1000} s`); close(); }, o.budgetMs);
  try {
    const { page, cdp } = await instrumentedPage(browser, errors);
    heap = heapPoller(cdp);
    const q = new URLSearchParams({ bundle: o.bundle, variants: o.variants.join(','), repeat: String(o.repeat ?? 1), register: o.register ?? 'handle' });
    if (o.threads) q.set('threads', String(o.threads));
    if (o.opts) q.set('opts', o.opts);
    sampler.beginPhase();
    let B = await openBare(page, `${o.url}bare/?${q}`, o.timeouts.open);
    result.version = B.version;
    result.threadsSetting = B.threadsSetting;
    result.crossOriginIsolated = B.crossOriginIsolated;
    result.startup = B.startup;
    result.startupMemory = await memorySnapshot({ page, browser, sampler, cdp, heap });
    sampler.beginPhase();
    heap.reset();
    await page.evaluate(() => /** @type {any} */ (window).__bench.startFrames());
    await page.locator('[data-testid="bare-input"]').setInputFiles(o.file, { timeout: o.timeouts.load });
    await page.waitForFunction(() => /** @type {any} */ (window).__bare.done || /** @type {any} */ (window).__bare.error, null, { timeout: o.timeouts.load, polling: 250 });
    B = await page.evaluate(() => /** @type {any} */ (window).__bare);
    result.registerMs = B.registerMs;
    result.reads = B.reads;
    if (B.error) throw new Error(B.error);
    const bench = await page.evaluate(() => /** @type {any} */ (window).__bench);
    result.responsiveness = gapsIn(bench.gaps, B.chosenAt, Infinity);
    result.memory = await memorySnapshot({ page, browser, sampler, cdp, heap });
    heap.stop();
    const d = B.reads.find((/** @type {any} */ r) => r.variant === 'default') ?? B.reads[0];
    o.log(`    bare ${o.bundle}${o.threads ? ` threads=${o.threads}` : ''} ${o.register ?? 'handle'} (threads setting ${B.threadsSetting}): start ${fmt(B.startup.readyAt)}, register ${fmt(B.registerMs)}, ` +
      B.reads.map((/** @type {any} */ r) => `${r.variant} ${fmt(r.readMs)}`).join(', ') + `, ${d?.rows} rows`);
  } catch (e) {
    result.failed = String(/** @type {Error} */ (e)?.message ?? e).split('\n')[0];
    o.log(`    bare ${o.bundle}${o.threads ? ` threads=${o.threads}` : ''} ${o.register ?? 'handle'} FAILED: ${result.failed}`);
  } finally {
    clearTimeout(watchdog);
    heap?.stop();
    await close();
  }
  return result;
}

/**
 * Page opens on their own: in each round a fresh browser opens the app (until
 * the built-in sample is drawn) and another the bare engine page (until its
 * engine is ready), in alternating order, so that a slow spell of the machine
 * falls on both alike. Opening does not depend on the file, so these give the
 * page-open figures more runs than the one open before each size's load.
 * @param {{ executablePath: string, url: string, rounds: number, timeoutMs: number, log: (s: string) => void }} o
 */
export async function measureOpens(o) {
  const rounds = [];
  for (let r = 0; r < o.rounds; r++) {
    /** @type {{ app: any, bare: any }} */
    const round = { app: null, bare: null };
    for (const kind of r % 2 ? ['bare', 'app'] : ['app', 'bare']) {
      const { browser, close } = await launch(o.executablePath);
      const errors = /** @type {string[]} */ ([]);
      try {
        const { page } = await instrumentedPage(browser, errors);
        if (kind === 'app') {
          const { firstReady, engineReadyMs } = await openApp(page, o.url, o.timeoutMs);
          if (firstReady.state === 'error') throw new Error(`app error on open: ${firstReady.text}`);
          round.app = { engineReadyMs, sampleDrawnMs: firstReady.t };
        } else {
          const B = await openBare(page, `${o.url}bare/?bundle=eh&variants=default&repeat=1`, o.timeoutMs);
          round.bare = { startMs: B.startup.readyAt };
        }
      } catch (e) {
        round[/** @type {'app' | 'bare'} */ (kind)] = { failed: String(/** @type {Error} */ (e)?.message ?? e).split('\n')[0], errors };
      } finally {
        await close();
      }
    }
    rounds.push(round);
    o.log(`    open ${r + 1}: app engine ready ${fmt(round.app?.engineReadyMs)}, sample drawn ${fmt(round.app?.sampleDrawnMs)}; bare start ${fmt(round.bare?.startMs)}`);
  }
  const med = (/** @type {(r: any) => number | null | undefined} */ f) => median(rounds.map(f).filter((x) => typeof x === 'number'));
  return {
    rounds,
    engineReadyMs: med((r) => r.app?.engineReadyMs),
    sampleDrawnMs: med((r) => r.app?.sampleDrawnMs),
    bareStartMs: med((r) => r.bare?.startMs),
  };
}

/** @param {number | null | undefined} ms */
export function fmt(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** @param {number | null | undefined} b */
export function mb(b) {
  if (b === null || b === undefined || !Number.isFinite(b)) return '–';
  return `${Math.round(b / 1e6).toLocaleString('en-GB')} MB`;
}
