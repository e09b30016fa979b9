import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { QueryInterrupted, STARTUP_SQL, type Engine } from './engine';
import { arrowToRows } from './rows';

// Self-hosted bundles: the wasm and worker are assets of this app, never a CDN.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

const START_TIMEOUT_MS = 90_000;

/** The engine could not start; the message says why, in the browser's words. */
class EngineStartError extends Error {}

/**
 * Checks the engine file the worker is loading: a missing file gets a clear
 * error, and a server sending .wasm with the wrong MIME type (which makes the
 * browser refuse to compile it) is worked around by a correctly typed blob:
 * URL of the same bytes. Returns the URL to load from: `url` when all is well.
 */
async function checkedWasmUrl(url: string): Promise<string> {
  let head: Response;
  try {
    head = await fetch(url, { method: 'HEAD' });
  } catch {
    return url; // let the worker report it
  }
  if (head.status === 404 || head.status === 403 || head.status === 410) {
    throw new EngineStartError(`the engine file was not found on the web server (${head.status} for ${new URL(url, location.href).pathname})`);
  }
  const type = head.headers.get('content-type') ?? '';
  if (!head.ok || type.startsWith('application/wasm')) return url;
  const res = await fetch(url);
  if (!res.ok) throw new EngineStartError(`the engine file could not be fetched (${res.status})`);
  console.warn(`The web server sends .wasm files as "${type}" instead of "application/wasm"; working around it.`);
  return URL.createObjectURL(new Blob([await res.arrayBuffer()], { type: 'application/wasm' }));
}

/** A DuckDB-WASM worker told to load its engine file, and what settles once it has (or has failed to). */
interface Instantiating {
  worker: Worker;
  db: duckdb.AsyncDuckDB;
  instantiated: Promise<void>;
}

/**
 * Starts a worker loading the engine from `wasmUrl`. A worker that fails to
 * load the wasm (wrong MIME type, 404) throws inside itself and instantiate()
 * never settles, so it is raced against the worker's error and a time limit.
 */
function instantiate(bundle: duckdb.DuckDBBundle, wasmUrl: string): Instantiating {
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new EngineStartError(e.message || 'the engine worker stopped')));
    setTimeout(() => reject(new EngineStartError('it did not start within 90 seconds')), START_TIMEOUT_MS);
  });
  const instantiated = Promise.race([db.instantiate(wasmUrl, bundle.pthreadWorker), failed]).then(
    () => {},
    (e: unknown) => {
      worker.terminate();
      throw e instanceof EngineStartError ? e : new EngineStartError((e as Error).message);
    },
  );
  // Whoever awaits it hears of a failure; a start given up (see createBrowserEngine) is not an unhandled rejection.
  instantiated.catch(() => {});
  return { worker, db, instantiated };
}

/** How long a stoppable query runs in the worker before it looks for a stop (DuckDB-WASM's query polling interval). */
const QUERY_SLICE_MS = 25;

/**
 * Runs a query that `signal` can stop: sent as a pending query, which the
 * worker runs a slice at a time (QUERY_SLICE_MS), so a cancel sent meanwhile
 * is heard between slices; then its rows, as `conn.query` gives them.
 */
async function stoppable<T>(conn: duckdb.AsyncDuckDBConnection, sql: string, signal: AbortSignal): Promise<T[]> {
  if (signal.aborted) throw new QueryInterrupted();
  const stop = () => void conn.cancelSent().catch(() => {});
  signal.addEventListener('abort', stop, { once: true });
  try {
    const rows: T[] = [];
    for await (const batch of await conn.send(sql)) for (const row of arrowToRows<T>(batch)) rows.push(row);
    return rows;
  } catch (e) {
    throw signal.aborted ? new QueryInterrupted() : e;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** Starts DuckDB-WASM in its own worker and returns the app's Engine over it. */
export async function createBrowserEngine(): Promise<Engine> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  // The worker fetches and compiles the engine file while the file is checked (a HEAD request), not after:
  // the check costs a round trip, at a moment when the page's own code is arriving and mounting.
  let start = instantiate(bundle, bundle.mainModule);
  let wasmUrl: string;
  try {
    wasmUrl = await checkedWasmUrl(bundle.mainModule);
  } catch (e) {
    start.worker.terminate();
    throw e;
  }
  if (wasmUrl !== bundle.mainModule) {
    // The file needs the workaround: the first worker may never get it compiled, so a new one loads the blob.
    start.worker.terminate();
    start = instantiate(bundle, wasmUrl);
  }
  await start.instantiated;
  const { worker, db } = start;
  // A query that can be stopped (Engine.query with a signal) runs in slices of this many ms, between which a stop is heard.
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, queryPollingInterval: QUERY_SLICE_MS } });
  const conn = await db.connect();
  for (const s of STARTUP_SQL) await conn.query(s);
  // Progress for statements over a quarter of a second (big reads and builds), posted by the worker.
  await conn.query('SET enable_progress_bar = true');
  await conn.query('SET progress_bar_time = 250');
  const listeners = new Set<(percent: number) => void>();
  // AsyncDuckDB keeps its progress handlers in a protected list and has no public way to add one.
  (db as unknown as { _onExecutionProgress: ((p: { status: string; percentage: string | number }) => void)[] })._onExecutionProgress.push((p) => {
    const percent = Number(p.percentage);
    if (p.status === 'in-progress' && Number.isFinite(percent)) for (const l of listeners) l(percent);
  });

  return {
    async registerFile(name, data) {
      if (data instanceof Uint8Array) await db.registerFileBuffer(name, data);
      else await db.registerFileHandle(name, data, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    async query<T>(sql: string, signal?: AbortSignal) {
      if (!signal) return arrowToRows<T>(await conn.query(sql));
      return stoppable<T>(conn, sql, signal);
    },
    async exec(sql) {
      await conn.query(sql);
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async memoryBytes() {
      const r = arrowToRows<{ b: number }>(
        await conn.query('SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()'),
      );
      return r[0]?.b ?? null;
    },
    async close() {
      await conn.close();
      await db.terminate();
      worker.terminate();
    },
  };
}
