// @ts-check
/**
 * The bare-engine baseline for the benchmark (bench/bare/index.html).
 *
 * Query parameters:
 *   bundle   = eh (default, what the app uses in Chromium) | mvp | coi (threaded; needs cross-origin isolation)
 *   threads  = N   passed as maximumThreads to db.open (coi only has more than one)
 *   variants = default,app   which reads to run, in order, on the chosen file:
 *     default: CREATE TABLE t AS SELECT * FROM read_csv(file, all_varchar=true)
 *     app:     the options src/lib/ingest/read.ts uses (explicit VARCHAR columns, parallel=false,
 *              ignore_errors + store_rejects, null_padding)
 *   opts     = extra read_csv options appended to the default variant (for experiments),
 *              e.g. opts=max_line_size%3D10000000
 *   repeat   = N   runs each variant N times (the table is dropped in between)
 *   register = handle (default, as the app: registerFileHandle with BROWSER_FILEREADER, the worker
 *              reads slices of the File on demand) | buffer (reads the whole File into memory and
 *              registerFileBuffer: the bytes are copied into the wasm heap, visible to every thread)
 *
 * Results land in window.__bare (read by scripts/bench/run.mjs).
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthread from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';

const moduleAt = performance.now();
const params = new URLSearchParams(location.search);
const bundleName = params.get('bundle') ?? 'eh';
const threads = params.get('threads') ? Number(params.get('threads')) : undefined;
const variants = (params.get('variants') ?? 'default').split(',').filter(Boolean);
const extraOpts = params.get('opts');
const repeat = Math.max(1, Number(params.get('repeat') ?? 1));
const register = params.get('register') ?? 'handle';

/** @type {Record<string, { mainModule: string, mainWorker: string, pthreadWorker: string | null }>} */
const BUNDLES = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker, pthreadWorker: null },
  eh: { mainModule: ehWasm, mainWorker: ehWorker, pthreadWorker: null },
  coi: { mainModule: coiWasm, mainWorker: coiWorker, pthreadWorker: coiPthread },
};

const statusEl = /** @type {HTMLElement} */ (document.querySelector('[data-testid="bare-status"]'));
const logEl = /** @type {HTMLElement} */ (document.querySelector('[data-testid="bare-log"]'));
const input = /** @type {HTMLInputElement} */ (document.querySelector('[data-testid="bare-input"]'));

const B = {
  bundle: bundleName,
  register,
  repeat,
  requestedThreads: threads ?? null,
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  version: /** @type {string | null} */ (null),
  threadsSetting: /** @type {string | null} */ (null),
  /** ms since navigation start */
  moduleAt,
  startup: /** @type {Record<string, number>} */ ({}),
  chosenAt: /** @type {number | null} */ (null),
  registerMs: /** @type {number | null} */ (null),
  reads: /** @type {{ variant: string, run: number, readMs: number, countMs: number, rows: number, duckdbMemoryBytes: number | null, rejected: number | null }[]} */ ([]),
  ready: false,
  done: false,
  error: /** @type {string | null} */ (null),
};
// @ts-ignore
window.__bare = B;

const log = (/** @type {string} */ s) => (logEl.textContent += s + '\n');
const setState = (/** @type {string} */ s, /** @type {string} */ text) => {
  statusEl.dataset.state = s;
  statusEl.textContent = text;
};

/** @param {import('@duckdb/duckdb-wasm').AsyncDuckDBConnection} conn @param {string} sql */
async function scalar(conn, sql) {
  const t = await conn.query(sql);
  const row = t.toArray()[0];
  return row ? Object.values(row.toJSON())[0] : null;
}

async function main() {
  const bundle = BUNDLES[bundleName];
  if (!bundle) throw new Error(`unknown bundle ${bundleName}`);
  if (bundleName === 'coi' && !B.crossOriginIsolated) throw new Error('the coi bundle needs a cross-origin isolated page (COOP/COEP headers)');
  const t0 = performance.now();
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const t1 = performance.now();
  /** @type {import('@duckdb/duckdb-wasm').DuckDBConfig} */
  const config = { query: { castBigIntToDouble: true, castDecimalToDouble: true } };
  if (threads) config.maximumThreads = threads;
  await db.open(config);
  const conn = await db.connect();
  // The app's STARTUP_SQL (src/lib/engine/engine.ts).
  await conn.query('SET autoinstall_known_extensions = false');
  await conn.query('SET autoload_known_extensions = false');
  const t2 = performance.now();
  B.startup = { workerAndInstantiateMs: t1 - t0, openConnectMs: t2 - t1, engineMs: t2 - t0, readyAt: t2 };
  B.version = await db.getVersion();
  B.threadsSetting = String(await scalar(conn, "SELECT current_setting('threads')"));
  B.ready = true;
  setState('ready', `Ready (${bundleName}, DuckDB ${B.version}, threads=${B.threadsSetting}, crossOriginIsolated=${B.crossOriginIsolated}) in ${(t2 - t0).toFixed(0)} ms`);

  input.addEventListener('change', async () => {
    try {
      const file = input.files?.[0];
      if (!file) return;
      B.chosenAt = performance.now();
      setState('loading', `Reading ${file.name}…`);
      const name = 'bench.csv';
      const r0 = performance.now();
      if (register === 'buffer') await db.registerFileBuffer(name, new Uint8Array(await file.arrayBuffer()));
      else await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      B.registerMs = performance.now() - r0;
      const header = (await file.slice(0, 64 * 1024).text()).split(/\r?\n/)[0].split(',');
      for (const variant of variants) for (let run = 0; run < repeat; run++) {
        let sql;
        if (variant === 'default') {
          sql = `CREATE TABLE t AS SELECT * FROM read_csv('${name}', all_varchar=true${extraOpts ? ', ' + extraOpts : ''})`;
        } else if (variant === 'app') {
          const cols = '{' + header.map((c) => `'${c.replaceAll("'", "''")}': 'VARCHAR'`).join(', ') + '}';
          sql = `CREATE TABLE t AS SELECT * FROM read_csv('${name}', columns = ${cols}, header = false, skip = 1, delim = ',',
            quote = '"', escape = '"', auto_detect = false, null_padding = true, parallel = false,
            ignore_errors = true, store_rejects = true, rejects_table = 'rej', rejects_scan = 'rej_scan',
            encoding = 'utf-8')`;
        } else throw new Error(`unknown variant ${variant}`);
        const a = performance.now();
        await conn.query(sql);
        const b = performance.now();
        const rows = Number(await scalar(conn, 'SELECT count(*) FROM t'));
        const c = performance.now();
        const mem = await scalar(conn, 'SELECT sum(memory_usage_bytes) FROM duckdb_memory()').catch(() => null);
        const rejected = variant === 'app' ? Number(await scalar(conn, 'SELECT count(*) FROM rej').catch(() => null)) : null;
        B.reads.push({ variant, run, readMs: b - a, countMs: c - b, rows, duckdbMemoryBytes: mem === null ? null : Number(mem), rejected });
        log(`${variant} #${run + 1}: ${rows} rows, read ${(b - a).toFixed(0)} ms, count ${(c - b).toFixed(0)} ms`);
        await conn.query('DROP TABLE t');
        if (variant === 'app') await conn.query('DROP TABLE IF EXISTS rej; DROP TABLE IF EXISTS rej_scan;').catch(() => {});
      }
      B.done = true;
      setState('ready', 'Done');
    } catch (e) {
      B.error = String(/** @type {Error} */ (e)?.message ?? e);
      setState('error', B.error);
    }
  });
}

main().catch((e) => {
  B.error = String(e?.message ?? e);
  setState('error', B.error);
});
