// @ts-check
/**
 * Turns bench/results.json into the console table and bench/RESULTS.md.
 */
import { fmt, mb } from './browser.mjs';

/** @param {number | null | undefined} x */
const ratio = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`);
/** @param {number} n */
const count = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/** @param {any} size */
export function headline(size) {
  const app = size.app ?? {};
  const bare = size.bare?.eh ?? {};
  const read = bare.reads?.find((/** @type {any} */ r) => r.variant === 'default');
  const appRead = bare.reads?.find((/** @type {any} */ r) => r.variant === 'app');
  const view = (/** @type {string} */ v) => app.views?.find((/** @type {any} */ x) => x.view === v)?.ms ?? null;
  const loadPeak = app.load?.memory?.rendererPeakRss ?? null;
  const openRss = app.open?.memory?.rendererRssNow ?? null;
  return {
    n: size.count,
    fileMB: size.file.bytes / 1e6,
    bareStartMs: bare.startup?.readyAt ?? null,
    appEngineReadyMs: app.open?.engineReadyMs ?? null,
    appFirstReadyMs: app.open?.firstReadyMs ?? null,
    openVsBareStart: app.open?.engineReadyMs && bare.startup?.readyAt ? app.open.engineReadyMs / bare.startup.readyAt : null,
    firstReadyVsBareStart: app.open?.firstReadyMs && bare.startup?.readyAt ? app.open.firstReadyMs / bare.startup.readyAt : null,
    bareReadMs: read ? (bare.registerMs ?? 0) + read.readMs + read.countMs : null,
    bareAppOptionsReadMs: appRead ? appRead.readMs + appRead.countMs : null,
    appLoadMs: app.load?.ms ?? null,
    loadVsBareRead: app.load?.ms && read ? app.load.ms / ((bare.registerMs ?? 0) + read.readMs + read.countMs) : null,
    filterMedianMs: app.filterMedianMs ?? null,
    viewCampaignsMs: view('campaigns'),
    viewTrendsMs: view('trends'),
    maxFrameGapMs: app.load?.maxFrameGapMs ?? null,
    longestTaskMs: app.load?.longTasks?.maxMs ?? null,
    appPeakRss: loadPeak,
    appLoadRssGrowth: loadPeak !== null && openRss !== null ? loadPeak - openRss : null,
    appWasmBytes: app.load?.memory?.wasmMemoryBytes ?? null,
    rssVsFile: loadPeak !== null ? loadPeak / size.file.bytes : null,
    bareWasmBytes: bare.memory?.wasmMemoryBytes ?? null,
    barePeakRss: bare.memory?.rendererPeakRss ?? null,
    arqueroMs: size.arquero?.totalMs ?? null,
    arqueroRss: size.arquero?.maxRssBytes ?? null,
    failed: [app.failed && `app: ${app.failed}`, bare.failed && `bare: ${bare.failed}`, size.arquero?.failed && `arquero: ${size.arquero.failed}`].filter(Boolean),
  };
}

/** @param {any} results */
export function consoleTable(results) {
  const rows = results.sizes.map((/** @type {any} */ s) => {
    const h = headline(s);
    return {
      enquiries: count(h.n),
      file: `${h.fileMB.toFixed(1)} MB`,
      'app open→engine': fmt(h.appEngineReadyMs),
      'bare start': fmt(h.bareStartMs),
      'open ratio': ratio(h.openVsBareStart),
      'file→funnel': fmt(h.appLoadMs),
      'bare read': fmt(h.bareReadMs),
      'load ratio': ratio(h.loadVsBareRead),
      'filter (median)': fmt(h.filterMedianMs),
      'view campaigns': fmt(h.viewCampaignsMs),
      'view trends': fmt(h.viewTrendsMs),
      'max frame gap': fmt(h.maxFrameGapMs),
      'tab peak RSS': mb(h.appPeakRss),
      'RSS/file': ratio(h.rssVsFile),
      'wasm mem': mb(h.appWasmBytes),
      'arquero (Node)': fmt(h.arqueroMs),
    };
  });
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((/** @type {any} */ r) => String(r[c]).length)));
  const line = (/** @type {string[]} */ cells) => cells.map((c, i) => c.padStart(width[i])).join('  ');
  const out = [line(cols), line(width.map((w) => '-'.repeat(w))), ...rows.map((/** @type {any} */ r) => line(cols.map((c) => String(r[c]))))];
  const coi = coiRows(results);
  if (coi.length) {
    out.push('', 'Threaded build (bare engine, default read_csv):');
    for (const r of coi) out.push(`  ${count(r.n).padStart(5)}  ${r.label.padEnd(28)} start ${fmt(r.startMs).padStart(8)}  read ${fmt(r.readMs).padStart(8)}  app-options read ${fmt(r.appReadMs).padStart(8)}  ${r.note}`);
  }
  for (const s of results.sizes) for (const f of headline(s).failed) out.push(`FAILED ${count(s.count)}: ${f}`);
  return out.join('\n');
}

/** @param {any} results */
function coiRows(results) {
  const out = [];
  for (const s of results.sizes) {
    const variants = [['eh', s.bare?.eh], ...Object.entries(s.bare?.coi ?? {})];
    if (variants.length < 2) continue;
    for (const [label, b] of variants) {
      if (!b) continue;
      const d = b.reads?.find((/** @type {any} */ r) => r.variant === 'default');
      const a = b.reads?.find((/** @type {any} */ r) => r.variant === 'app');
      out.push({
        n: s.count,
        label: label === 'eh' ? 'eh (single-threaded, app)' : `coi ${label} (threads=${b.threadsSetting ?? '?'})`,
        startMs: b.startup?.readyAt ?? null,
        readMs: d ? d.readMs : null,
        appReadMs: a ? a.readMs : null,
        note: b.failed ? `FAILED: ${b.failed}` : b.crossOriginIsolated === false && label !== 'eh' ? 'not isolated' : '',
      });
    }
  }
  return out;
}

/** @param {any} results */
export function markdown(results) {
  const m = results.machine;
  const L = [];
  L.push('# Benchmark results');
  L.push('');
  L.push(`Written by \`npm run bench\` (scripts/bench/run.mjs) on ${results.date}. ${m.cpuModel}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB; ${m.os}; Node ${m.node}; Chromium ${m.chromium} (headless); DuckDB-WASM ${m.duckdbWasm} (${m.duckdbVersion ?? '?'}); arquero ${m.arquero}.`);
  L.push(`Input: wide exports from the sample generator (seed ${results.seed}), about 0.3% duplicate rows. Each measurement in a fresh browser. Background load (1-minute load average before each size): ${results.sizes.map((/** @type {any} */ s) => `${count(s.count)} ${s.loadavgBefore?.[0]?.toFixed(2) ?? '?'}`).join(', ')}.`);
  L.push('');
  L.push('## Headline: the app against the bare engine');
  L.push('');
  L.push('| enquiries | file | page open → engine ready (app) | bare engine start | ratio | file chosen → funnel drawn (app) | bare read (register + `read_csv` + count) | ratio | filter change (median) | view switch: campaigns / trends |');
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of results.sizes) {
    const h = headline(s);
    L.push(`| ${h.n.toLocaleString('en-GB')} | ${h.fileMB.toFixed(1)} MB | ${fmt(h.appEngineReadyMs)} (sample drawn ${fmt(h.appFirstReadyMs)}) | ${fmt(h.bareStartMs)} | ${ratio(h.openVsBareStart)} | ${fmt(h.appLoadMs)} | ${fmt(h.bareReadMs)} | **${ratio(h.loadVsBareRead)}** | ${fmt(h.filterMedianMs)} | ${fmt(h.viewCampaignsMs)} / ${fmt(h.viewTrendsMs)} |`);
  }
  L.push('');
  L.push('## Memory and responsiveness while loading');
  L.push('');
  L.push('| enquiries | file | tab peak RSS while loading (app) | growth over the open tab | peak RSS ÷ file size | DuckDB wasm memory (app) | bare: tab peak RSS / wasm memory | longest frame gap while loading | longest main-thread task | arquero in Node: time / peak RSS |');
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of results.sizes) {
    const h = headline(s);
    L.push(`| ${h.n.toLocaleString('en-GB')} | ${h.fileMB.toFixed(1)} MB | ${mb(h.appPeakRss)} | ${mb(h.appLoadRssGrowth)} | ${ratio(h.rssVsFile)} | ${mb(h.appWasmBytes)} | ${mb(h.barePeakRss)} / ${mb(h.bareWasmBytes)} | ${fmt(h.maxFrameGapMs)} | ${fmt(h.longestTaskMs)} | ${fmt(h.arqueroMs)} / ${mb(h.arqueroRss)} |`);
  }
  const coi = coiRows(results);
  if (coi.length) {
    L.push('');
    L.push('## Threaded build (bare engine only)');
    L.push('');
    L.push('DuckDB-WASM\'s `coi` bundle, served with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`, against the `eh` bundle the app uses.');
    L.push('');
    L.push('| enquiries | bundle | engine start | `read_csv(all_varchar)` | read with the app\'s options (`parallel=false`) |');
    L.push('| ---: | --- | ---: | ---: | ---: |');
    for (const r of coi) L.push(`| ${r.n.toLocaleString('en-GB')} | ${r.label}${r.note ? ` (${r.note})` : ''} | ${fmt(r.startMs)} | ${fmt(r.readMs)} | ${fmt(r.appReadMs)} |`);
  }
  const failed = results.sizes.flatMap((/** @type {any} */ s) => headline(s).failed.map((/** @type {string} */ f) => `- ${count(s.count)}: ${f}`));
  if (failed.length) {
    L.push('');
    L.push('## Failures');
    L.push('');
    L.push(...failed);
  }
  L.push('');
  L.push('How each figure is measured: bench/README.md. Raw figures: bench/results.json.');
  L.push('');
  return L.join('\n');
}
