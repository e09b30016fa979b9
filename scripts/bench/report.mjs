// @ts-check
/**
 * Turns bench/results.json into the console table and bench/RESULTS.md.
 */
import { fmt, mb, median } from './browser.mjs';

/** @param {number | null | undefined} x */
const ratio = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`);
/** A frame gap or task length: none over the 50 ms threshold shows as "< 50 ms". @param {number | null | undefined} ms */
const over50 = (ms) => (ms === 0 ? '< 50 ms' : fmt(ms));
/** @param {number} n */
const count = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/**
 * Median read and count time of one read variant on a bare page (it may run several times).
 * @param {any} bare @param {string} variant
 */
export function readStats(bare, variant) {
  const rs = (bare?.reads ?? []).filter((/** @type {any} */ r) => r.variant === variant);
  if (!rs.length) return null;
  return {
    readMs: /** @type {number} */ (median(rs.map((/** @type {any} */ r) => r.readMs))),
    countMs: /** @type {number} */ (median(rs.map((/** @type {any} */ r) => r.countMs))),
    runs: rs.length,
    all: rs.map((/** @type {any} */ r) => Math.round(r.readMs)),
    /** The tab's first read: DuckDB's memory not yet grown (bench/README.md, "The tab's first read"). */
    firstMs: rs[0].readMs + rs[0].countMs,
    /** The median of the reads after it, into memory the first one grew. */
    laterMs: rs.length > 1 ? /** @type {number} */ (median(rs.slice(1).map((/** @type {any} */ r) => r.readMs + r.countMs))) : null,
    rows: rs[0].rows,
  };
}

/** @param {any} size */
export function headline(size) {
  const app = size.app ?? {};
  const bare = size.bare?.eh ?? {};
  const read = readStats(bare, 'default');
  const appRead = readStats(bare, 'app');
  const view = (/** @type {string} */ v) => app.views?.find((/** @type {any} */ x) => x.view === v)?.ms ?? null;
  const loadPeak = app.load?.memory?.rendererPeakRss ?? null;
  const openRss = app.open?.memory?.rendererRssNow ?? null;
  const register = bare.registerMs ?? 0;
  const bareReadMs = read ? register + read.readMs + read.countMs : null;
  const bareAppOptionsReadMs = appRead ? register + appRead.readMs + appRead.countMs : null;
  const bareFirstReadMs = read ? register + read.firstMs : null;
  /** The app's load over a bare read of `ms`. @param {number | null} ms */
  const loadOver = (ms) => (app.load?.ms && ms ? app.load.ms / ms : null);
  return {
    n: size.count,
    fileMB: size.file.bytes / 1e6,
    bareStartMs: bare.startup?.readyAt ?? null,
    appFirstPaintMs: app.open?.firstContentfulPaintMs ?? null,
    appHtmlReceivedMs: app.open?.htmlResponseEndMs ?? null,
    appEngineReadyMs: app.open?.engineReadyMs ?? null,
    appFirstReadyMs: app.open?.firstReadyMs ?? null,
    openVsBareStart: app.open?.engineReadyMs && bare.startup?.readyAt ? app.open.engineReadyMs / bare.startup.readyAt : null,
    firstReadyVsBareStart: app.open?.firstReadyMs && bare.startup?.readyAt ? app.open.firstReadyMs / bare.startup.readyAt : null,
    bareReadMs,
    bareAppOptionsReadMs,
    loadVsBareAppOptionsRead: loadOver(bareAppOptionsReadMs),
    appLoadMs: app.load?.ms ?? null,
    loadVsBareRead: loadOver(bareReadMs),
    bareFirstReadMs,
    bareLaterReadMs: read?.laterMs != null ? register + read.laterMs : null,
    loadVsBareFirstRead: loadOver(bareFirstReadMs),
    filterMedianMs: app.filterMedianMs ?? null,
    // The campaigns are tried most common first: the first is the largest, chosen straight after the load.
    filterLargestMs: app.filters?.[0]?.ms ?? null,
    filterNotAheadMs: app.filterNotAhead?.kind === 'loaded' ? app.filterNotAhead.ms : null,
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
    othersCpuDuringLoad: app.load?.memory?.cpuCoresUsedByOthers ?? null,
    othersCpuDuringBareRead: bare.memory?.cpuCoresUsedByOthers ?? null,
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
      'first paint': fmt(h.appFirstPaintMs),
      'app open→engine': fmt(h.appEngineReadyMs),
      'bare start': fmt(h.bareStartMs),
      'open ratio': ratio(h.openVsBareStart),
      'file→funnel': fmt(h.appLoadMs),
      'bare read': fmt(h.bareReadMs),
      'load ratio': ratio(h.loadVsBareRead),
      'filter (median)': fmt(h.filterMedianMs),
      'filter (largest)': fmt(h.filterLargestMs),
      'filter (not ahead)': fmt(h.filterNotAheadMs),
      'view campaigns': fmt(h.viewCampaignsMs),
      'view trends': fmt(h.viewTrendsMs),
      'max frame gap': over50(h.maxFrameGapMs),
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
    for (const r of coi) out.push(`  ${count(r.n).padStart(5)}  ${r.label.padEnd(30)} start ${fmt(r.startMs).padStart(8)}  register ${fmt(r.registerMs).padStart(8)}  read ${fmt(r.readMs).padStart(8)}  app-options read ${fmt(r.appReadMs).padStart(8)}  ${r.note}`);
  }
  const opens = results.opens;
  if (opens) out.push('', `Page opens (median of ${opens.rounds.length}, alternated): app engine ready ${fmt(opens.engineReadyMs)}, sample drawn ${fmt(opens.sampleDrawnMs)}; bare start ${fmt(opens.bareStartMs)}; ratio ${ratio2(opensRatio(opens))}`);
  for (const s of results.sizes) for (const f of headline(s).failed) out.push(`FAILED ${count(s.count)}: ${f}`);
  return out.join('\n');
}

/** A ratio to two decimals, for figures near their target. @param {number | null | undefined} x */
const ratio2 = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`);

/** The app's page open (engine ready) over the bare engine's start, both medians of the alternated rounds. @param {any} opens */
const opensRatio = (opens) => (opens?.engineReadyMs && opens?.bareStartMs ? opens.engineReadyMs / opens.bareStartMs : null);

/** @param {any} results */
function coiRows(results) {
  const out = [];
  for (const s of results.sizes) {
    const b = s.bare ?? {};
    /** @type {[string, any][]} */
    const variants = [['eh, File handle (as the app)', b.eh], ['eh, buffer', b.ehBuffer]];
    for (const [k, v] of Object.entries(b.coi ?? {})) variants.push([`coi ${k.replace('threads-', 'threads=').replace('-buffer', ', buffer')}${k.endsWith('buffer') ? '' : ', File handle'}`, v]);
    if (variants.filter(([, v]) => v).length < 2) continue;
    for (const [label, v] of variants) {
      if (!v) continue;
      const d = readStats(v, 'default');
      const a = readStats(v, 'app');
      out.push({
        n: s.count,
        label,
        threads: v.threadsSetting ?? null,
        startMs: v.startup?.readyAt ?? null,
        registerMs: v.registerMs ?? null,
        readMs: d ? d.readMs : null,
        readRuns: d ? d.all : [],
        appReadMs: a ? a.readMs : null,
        appReadRuns: a ? a.all : [],
        note: v.failed ? `failed: ${v.failed.slice(0, 120)}` : v.crossOriginIsolated === false && v.bundle === 'coi' ? 'not isolated' : '',
        othersCpu: v.memory?.cpuCoresUsedByOthers ?? null,
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
  L.push(`Input: wide exports from the sample generator (seed ${results.seed}), about 0.3% duplicate rows. Each measurement in a fresh browser. Other processes on the machine (not the benchmark) used, on average, this many of the ${m.cores} cores while the app loaded the file: ${results.sizes.map((/** @type {any} */ s) => `${count(s.count)} ${headline(s).othersCpuDuringLoad?.toFixed(2) ?? '?'}`).join(', ')}; during the bare read: ${results.sizes.map((/** @type {any} */ s) => `${count(s.count)} ${headline(s).othersCpuDuringBareRead?.toFixed(2) ?? '?'}`).join(', ')}. Timings are single runs (bare reads: median of ${results.options.bareRepeats ?? 1}).`);
  L.push('');
  L.push('## Headline: the app against the bare engine');
  L.push('');
  L.push('| enquiries | file | first paint (app) | page open → engine ready (app) | bare engine start | ratio | file chosen → funnel drawn (app) | bare read (register + `read_csv` + count) | ratio | filter change: median of 5 / the largest campaign (the first, straight after the load) / one not worked out ahead | view switch: campaigns / trends |');
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of results.sizes) {
    const h = headline(s);
    L.push(`| ${h.n.toLocaleString('en-GB')} | ${h.fileMB.toFixed(1)} MB | ${fmt(h.appFirstPaintMs)}${h.appHtmlReceivedMs === null ? '' : ` (page received ${fmt(h.appHtmlReceivedMs)})`} | ${fmt(h.appEngineReadyMs)} (sample drawn ${fmt(h.appFirstReadyMs)}) | ${fmt(h.bareStartMs)} | ${ratio(h.openVsBareStart)} | ${fmt(h.appLoadMs)} | ${fmt(h.bareReadMs)} | **${ratio(h.loadVsBareRead)}** | ${fmt(h.filterMedianMs)} / ${fmt(h.filterLargestMs)} / ${fmt(h.filterNotAheadMs)} | ${fmt(h.viewCampaignsMs)} / ${fmt(h.viewTrendsMs)} |`);
  }
  L.push('');
  L.push('The app loads a file into a tab whose DuckDB has only held the built-in sample; the bare page reads the file several times in one tab, and only its first read grows DuckDB\'s memory. Memory a process touches for the first time is slow on this machine (bench/README.md, "The tab\'s first read"), so the bare read\'s median, mostly of later reads, leaves that cost out. Both, beside the app\'s load:');
  L.push('');
  L.push('| enquiries | bare read: the tab\'s first | bare read: later (median) | file chosen → funnel drawn (app) | ratio to the first read |');
  L.push('| ---: | ---: | ---: | ---: | ---: |');
  for (const s of results.sizes) {
    const h = headline(s);
    L.push(`| ${h.n.toLocaleString('en-GB')} | ${fmt(h.bareFirstReadMs)} | ${fmt(h.bareLaterReadMs)} | ${fmt(h.appLoadMs)} | ${ratio(h.loadVsBareFirstRead)} |`);
  }
  const opens = results.opens;
  if (opens) {
    L.push('');
    L.push(`## Page open`);
    L.push('');
    L.push(`Opening does not depend on the file, so besides the one open before each size's load (above), the app and the bare engine page were opened in ${opens.rounds.length} rounds of fresh browsers, in alternating order. Median: the app's engine ready at **${fmt(opens.engineReadyMs)}** against the bare engine's start at ${fmt(opens.bareStartMs)} (**${ratio2(opensRatio(opens))}**); the sample drawn at ${fmt(opens.sampleDrawnMs)}.`);
    L.push('');
    L.push('| round | app: page open → engine ready | app: sample drawn | bare engine start | ratio |');
    L.push('| ---: | ---: | ---: | ---: | ---: |');
    opens.rounds.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
      const q = r.app?.engineReadyMs && r.bare?.startMs ? r.app.engineReadyMs / r.bare.startMs : null;
      L.push(`| ${i + 1}${i % 2 ? ' (bare first)' : ''} | ${r.app?.failed ? `failed: ${r.app.failed.slice(0, 80)}` : fmt(r.app?.engineReadyMs)} | ${fmt(r.app?.sampleDrawnMs)} | ${r.bare?.failed ? `failed: ${r.bare.failed.slice(0, 80)}` : fmt(r.bare?.startMs)} | ${ratio2(q)} |`);
    });
  }
  L.push('');
  L.push('## Memory and responsiveness while loading');
  L.push('');
  L.push('| enquiries | file | tab peak RSS while loading (app) | growth over the open tab | peak RSS ÷ file size | DuckDB wasm memory (app) | bare: tab peak RSS / wasm memory | longest frame gap while loading | longest main-thread task | arquero in Node: time / peak RSS |');
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of results.sizes) {
    const h = headline(s);
    L.push(`| ${h.n.toLocaleString('en-GB')} | ${h.fileMB.toFixed(1)} MB | ${mb(h.appPeakRss)} | ${mb(h.appLoadRssGrowth)} | ${ratio(h.rssVsFile)} | ${mb(h.appWasmBytes)} | ${mb(h.barePeakRss)} / ${mb(h.bareWasmBytes)} | ${over50(h.maxFrameGapMs)} | ${over50(h.longestTaskMs)} | ${fmt(h.arqueroMs)} / ${mb(h.arqueroRss)} |`);
  }
  const coi = coiRows(results);
  if (coi.length) {
    L.push('');
    L.push('## Threaded build (bare engine only)');
    L.push('');
    L.push('DuckDB-WASM\'s `coi` bundle, served with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`, against the `eh` bundle the app uses.');
    L.push('');
    L.push('| enquiries | bundle, file registered as | threads | engine start | register | `read_csv(all_varchar)` (median) | read with the app\'s options (median) | other processes\' CPU during the reads (cores) |');
    L.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of coi) L.push(`| ${r.n.toLocaleString('en-GB')} | ${r.label}${r.note ? ` (${r.note})` : ''} | ${r.threads ?? '–'} | ${fmt(r.startMs)} | ${fmt(r.registerMs)} | ${fmt(r.readMs)} | ${fmt(r.appReadMs)} | ${r.othersCpu === null ? '–' : r.othersCpu.toFixed(2)} |`);
  }
  L.push('');
  L.push(`Funnel "reached" counts against the generator's truth: the app ${results.sizes.map((/** @type {any} */ s) => `${count(s.count)} ${s.app?.load?.matchesTruth === true ? 'match' : s.app?.load?.matchesTruth === false ? 'DIFFER' : '–'}`).join(', ')}; arquero ${results.sizes.map((/** @type {any} */ s) => `${count(s.count)} ${s.arquero?.matchesTruth === true ? 'match' : s.arquero?.matchesTruth === false ? 'DIFFER' : '–'}`).join(', ')}. arquero runs in Node (${results.machine.node}), not in the browser.`);
  const largest = [...results.sizes].reverse().find((/** @type {any} */ s) => s.app?.load?.worker);
  if (largest) {
    const l = largest.app.load;
    L.push('');
    L.push(`## Where the load time goes (${largest.count.toLocaleString('en-GB')} enquiries)`);
    L.push('');
    L.push(`File chosen → funnel drawn: ${fmt(l.ms)} ("Reading…" ${fmt(l.readingPhaseMs)}, then "Calculating…" ${fmt(l.calculatingPhaseMs)}). The DuckDB worker had a request outstanding for ${fmt(l.worker.busyMs)} of it (${l.worker.requests} requests). The slowest:`);
    L.push('');
    L.push('| ms | statement (start) |');
    L.push('| ---: | --- |');
    for (const q of l.worker.slowest.slice(0, 6)) L.push(`| ${q.ms.toLocaleString('en-GB')} | \`${(q.sql ?? q.type).slice(0, 110).replace(/\|/g, '\\|')}…\` |`);
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
