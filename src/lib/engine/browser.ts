import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { STARTUP_SQL, type Engine, type Row } from './engine';
import { arrowToRows } from './rows';

// Self-hosted bundles: the wasm and worker are assets of this app, never a CDN.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** Starts DuckDB-WASM in its own worker and returns the app's Engine over it. */
export async function createBrowserEngine(): Promise<Engine> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  for (const s of STARTUP_SQL) await conn.query(s);

  return {
    async registerFile(name, data) {
      if (data instanceof Uint8Array) await db.registerFileBuffer(name, data);
      else await db.registerFileHandle(name, data, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    async query<T>(sql: string) {
      return arrowToRows<T>(await conn.query(sql));
    },
    async exec(sql) {
      await conn.query(sql);
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
