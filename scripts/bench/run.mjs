#!/usr/bin/env node
// @ts-check
/**
 * Performance at national scale: `npm run bench` (not part of `npm test`).
 *
 *   node scripts/bench/run.mjs [--no-build] [--huge] [--sizes 10000,100000,1000000]
 *        [--only open,app,bare,coi,arquero] [--repeats 5] [--views campaigns,trends,...]
 *        [--coi-threads 2,4] [--bare-repeats 3] [--open-rounds 5] [--wait-idle SECONDS] [--pause SECONDS] [--tag NAME]
 *
 * --tag NAME writes bench/out/results-NAME.json and RESULTS-NAME.md instead of
 * bench/results.json and bench/RESULTS.md (for experiments).
 *
 * Builds the app (vite build) and the bare engine page (bench/bare/), makes
 * wide exports of each size in bench/out/ (reused when present), serves both
 * from a loopback static server, and for each size measures in the system
 * Chromium: page opens of the app and the bare engine, alternated in fresh
 * browsers; then for each size the app (open, file -> funnel, filter changes, view switches,
 * memory, frame gaps), the bare engine (start-up, read_csv) with the app's
 * single-threaded 'eh' bundle and with the threaded 'coi' bundle under
 * cross-origin isolation, and an arquero pipeline in Node. Writes
 * bench/results.json and bench/RESULTS.md and prints a table.
 * See bench/README.md for what each figure means.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../chromium-path.mjs';
import { fmt, launch, measureApp, measureBare, measureOpens } from './browser.mjs';
import { ensureWideFile, SEED } from './data.mjs';
import { consoleTable, markdown } from './report.mjs';
import { startServer } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH = join(ROOT, 'bench');
const OUT = join(BENCH, 'out');
const BARE_DIST = join(OUT, 'bare-dist');
/** The app as built by this run (not dist/, which `npm test` and `npm start` build and serve). */
const APP_DIST = join(OUT, 'app-dist');

/** @param {string[]} argv */
function parseArgs(argv) {
  const o = {
    build: true,
    sizes: [10_000, 100_000, 1_000_000],
    huge: false,
    only: new Set(['open', 'app', 'bare', 'coi', 'arquero']),
    repeats: 5,
    views: ['campaigns', 'trends', 'dropoff', 'equality', 'data', 'overview'],
    coiThreads: [2],
    bareRepeats: 3,
    /** Rounds of page opens (app and bare engine, alternated) before the sizes. */
    openRounds: 5,
    waitIdle: 0,
    /** Pause before each view switch of the second pass (ms; 0 skips it): what a user reading the screen gives the prefetch. */
    pauseMs: 8000,
    tag: /** @type {string | null} */ (null),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--no-build') o.build = false;
    else if (a === '--huge') o.huge = true;
    else if (a === '--sizes') o.sizes = val().split(',').map((x) => Number(x.replace(/_/g, '')));
    else if (a === '--only') o.only = new Set(val().split(','));
    else if (a === '--repeats') o.repeats = Number(val());
    else if (a === '--views') o.views = val().split(',');
    else if (a === '--coi-threads') o.coiThreads = val().split(',').map(Number);
    else if (a === '--wait-idle') o.waitIdle = Number(val());
    else if (a === '--pause') o.pauseMs = Number(val()) * 1000;
    else if (a === '--bare-repeats') o.bareRepeats = Number(val());
    else if (a === '--open-rounds') o.openRounds = Number(val());
    else if (a === '--tag') o.tag = val().replace(/[^\w.-]/g, '_');
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(2, 20).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (o.huge && !o.sizes.includes(5_000_000)) o.sizes.push(5_000_000);
  if (o.sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes must be whole numbers');
  return o;
}

const log = (/** @type {string} */ s) => console.log(s);

/** CPU busy share of the whole machine over `ms` (from /proc/stat). */
async function cpuBusy(ms = 3000) {
  const read = () => {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    return { idle, total: f.reduce((a, b) => a + b, 0) };
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
}

/** Waits (up to maxSeconds) until the machine is mostly idle; returns the last busy share. @param {number} maxSeconds */
async function waitIdle(maxSeconds) {
  const until = Date.now() + maxSeconds * 1000;
  let busy = await cpuBusy();
  while (busy > 0.2 && Date.now() < until) {
    log(`  waiting for the machine to go idle (CPU ${(busy * 100).toFixed(0)}% busy)…`);
    await new Promise((r) => setTimeout(r, 10_000));
    busy = await cpuBusy();
  }
  return busy;
}

/** Runs the arquero pipeline in a child Node with a time limit. @param {string} file @param {number} timeoutMs */
function runArquero(file, timeoutMs) {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--max-old-space-size=16384', join(ROOT, 'scripts/bench/arquero.mjs'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      err += `timed out after ${timeoutMs / 1000} s`;
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) {
        try {
          return ok(JSON.parse(out.trim().split('\n').at(-1) ?? ''));
        } catch {
          /* fall through */
        }
      }
      ok({ failed: (err.trim().split('\n').at(-1) || `exit code ${code}`).slice(0, 300) });
    });
  });
}

/** Builds what is served; returns the app folder (bench/out/app-dist, or dist/ with --no-build). @param {ReturnType<typeof parseArgs>} o */
async function buildAll(o) {
  let appDir = APP_DIST;
  if (o.build) {
    log('Building the app (vite build --outDir bench/out/app-dist)…');
    const r = spawnSync('npx', ['vite', 'build', '--outDir', APP_DIST, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build failed');
  } else {
    appDir = join(ROOT, 'dist');
    if (!existsSync(join(appDir, 'index.html'))) throw new Error('dist/ is missing: run `npm run build`, or run without --no-build');
  }
  if (o.build || !existsSync(join(BARE_DIST, 'index.html'))) {
    log('Building the bare engine page (bench/bare -> bench/out/bare-dist)…');
    const { build } = await import('vite');
    await build({
      root: join(BENCH, 'bare'),
      base: './',
      configFile: false,
      logLevel: 'warn',
      build: { outDir: BARE_DIST, emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, chunkSizeWarningLimit: 5000 },
    });
  }
  return appDir;
}

/** @param {string} name */
function pkgVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

async function main() {
  const started = Date.now();
  const o = parseArgs(process.argv.slice(2));
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium found (install the chromium package or set CHROMIUM_PATH).');
  mkdirSync(OUT, { recursive: true });
  const appDir = await buildAll(o);

  const probe = await launch(executablePath);
  const chromiumVersion = probe.browser.version();
  await probe.close();

  /** @type {any} */
  const results = {
    date: new Date().toISOString(),
    seed: SEED,
    machine: {
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryBytes: os.totalmem(),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      chromium: chromiumVersion,
      chromiumPath: executablePath,
      playwright: pkgVersion('@playwright/test'),
      duckdbWasm: pkgVersion('@duckdb/duckdb-wasm'),
      duckdbVersion: null,
      arquero: pkgVersion('arquero'),
    },
    options: { ...o, only: [...o.only] },
    appServedFrom: appDir.replace(ROOT + '/', ''),
    sizes: [],
  };
  const jsonPath = o.tag ? join(OUT, `results-${o.tag}.json`) : join(BENCH, 'results.json');
  const mdPath = o.tag ? join(OUT, `RESULTS-${o.tag}.md`) : join(BENCH, 'RESULTS.md');
  const save = () => {
    writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n');
    writeFileSync(mdPath, markdown(results));
  };

  const plain = await startServer({ mounts: { '/': appDir, '/bare/': BARE_DIST } });
  const coi = await startServer({ mounts: { '/bare/': BARE_DIST }, coi: true });
  log(`Serving ${appDir.replace(ROOT + '/', '')} and the bare page at ${plain.url} (cross-origin isolated copy at ${coi.url})`);
  try {
    if (o.only.has('open') && o.openRounds > 0) {
      log(`\n== page opens (${o.openRounds} rounds, app and bare engine alternated) ==`);
      results.opens = await measureOpens({ executablePath, url: plain.url, rounds: o.openRounds, timeoutMs: 120_000, log });
      save();
    }
    for (const n of o.sizes) {
      log(`\n== ${n.toLocaleString('en-GB')} enquiries ==`);
      const file = await ensureWideFile({ root: ROOT, outDir: OUT, count: n, log });
      const MB = file.bytes / 1e6;
      const timeouts = {
        open: 120_000,
        load: Math.round(60_000 + 2_000 * MB),
        step: Math.round(60_000 + 500 * MB),
        // All reads on the bare page (2 variants x repeats); a read of 1M rows takes about 4 s.
        bareReads: Math.round(60_000 + 100 * MB * 2 * o.bareRepeats),
      };
      /** @type {any} */
      const size = {
        count: n,
        file: { path: file.path.replace(ROOT + '/', ''), bytes: file.bytes, rows: file.rows, enquiries: file.enquiries, reused: file.reused, generateMs: file.generateMs },
        truth: file.reached,
        timeouts,
        bare: {},
      };
      results.sizes.push(size);
      size.cpuBusyBefore = o.waitIdle > 0 ? await waitIdle(o.waitIdle) : await cpuBusy();
      size.loadavgBefore = os.loadavg();
      log(`  machine before: CPU ${(size.cpuBusyBefore * 100).toFixed(0)}% busy, load average ${size.loadavgBefore.map((/** @type {number} */ x) => x.toFixed(2)).join(' ')}`);

      if (o.only.has('bare')) {
        size.bare.eh = await measureBare({ executablePath, url: plain.url, file: file.path, bundle: 'eh', variants: ['default', 'app'], repeat: o.bareRepeats, timeouts: { open: timeouts.open, load: timeouts.bareReads }, budgetMs: timeouts.open + timeouts.bareReads + 60_000, log });
        results.machine.duckdbVersion ??= size.bare.eh.version ?? null;
        save();
      }
      if (o.only.has('app')) {
        size.app = await measureApp({
          executablePath, url: plain.url, file: file.path, bytes: file.bytes, enquiries: file.enquiries, repeats: o.repeats, views: o.views, pauseMs: o.pauseMs, timeouts,
          budgetMs: timeouts.open + timeouts.load + (2 * o.repeats + o.views.length + 10) * timeouts.step + 4 * o.pauseMs, log,
        });
        const shown = size.app.load?.funnel;
        if (shown) size.app.load.matchesTruth = Object.entries(file.reached).every(([k, v]) => shown[k] === v);
        save();
      }
      if (o.only.has('coi')) {
        // The threaded build against the single-threaded one, bare engine only. The File is
        // registered as the app does (a handle read on demand) and, because pthreads may not see
        // a registered handle, also as a buffer copied into the (shared) wasm heap, for both builds.
        const bare = (/** @type {string} */ url, /** @type {string} */ bundle, /** @type {'handle' | 'buffer'} */ register, /** @type {number | undefined} */ threads) =>
          measureBare({ executablePath, url, file: file.path, bundle, threads, register, variants: ['default', 'app'], repeat: o.bareRepeats, timeouts: { open: timeouts.open, load: timeouts.bareReads }, budgetMs: timeouts.open + timeouts.bareReads + 60_000, log });
        size.bare.ehBuffer = await bare(plain.url, 'eh', 'buffer', undefined);
        save();
        size.bare.coi = {};
        for (const t of o.coiThreads) {
          size.bare.coi[`threads-${t}`] = await bare(coi.url, 'coi', 'handle', t);
          save();
          size.bare.coi[`threads-${t}-buffer`] = await bare(coi.url, 'coi', 'buffer', t);
          save();
        }
      }
      if (o.only.has('arquero')) {
        log('    arquero (Node)…');
        size.arquero = await runArquero(file.path, Math.round(60_000 + 2_000 * MB));
        if (!size.arquero.failed) {
          size.arquero.matchesTruth = Object.entries(file.reached).every(([k, v]) => size.arquero.reached[k] === v);
          log(`    arquero: parse ${fmt(size.arquero.parseMs)} + compute ${fmt(size.arquero.computeMs)} = ${fmt(size.arquero.totalMs)}, peak RSS ${Math.round(size.arquero.maxRssBytes / 1e6)} MB`);
        } else log(`    arquero FAILED: ${size.arquero.failed}`);
      }
      size.loadavgAfter = os.loadavg();
      save();
    }
  } finally {
    await plain.close();
    await coi.close();
  }
  results.elapsedSeconds = Math.round((Date.now() - started) / 1000);
  save();
  log('\n' + consoleTable(results));
  log(`\nWrote ${jsonPath} and ${mdPath} (${Math.round((Date.now() - started) / 1000)} s in all)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
