import { createRequire } from 'node:module';
import path from 'node:path';
import { STARTUP_SQL, type Engine } from './engine';
import { arrowToRows } from './rows';

const require = createRequire(import.meta.url);

/**
 * The same Engine on duckdb-wasm's Node bundle (synchronous bindings, same wasm),
 * used by unit tests and scripts so they run exactly the browser's SQL.
 */
export async function createNodeEngine(): Promise<Engine> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  for (const s of STARTUP_SQL) conn.query(s);

  return {
    async registerFile(name, data) {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    async query<T>(sql: string) {
      return arrowToRows<T>(conn.query(sql));
    },
    async exec(sql) {
      conn.query(sql);
    },
    async memoryBytes() {
      return null;
    },
    async close() {
      conn.close();
    },
  };
}
