import { expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createNodeEngine } from '../../src/lib/engine/node';
import type { Engine } from '../../src/lib/engine/engine';
import { defaultSettings } from '../../src/lib/funnel/settings';
import { loadDataset, ensureJourneys } from '../../src/lib/coordinator/tables';

/**
 * Where the load time of a big wide export goes, statement by statement, on
 * duckdb-wasm's Node bundle. Uses the benchmark's generated file
 * (bench/out/wide-<N>.csv, made by `npm run bench`); INGEST_ROWS picks N.
 */
const N = Number(process.env.INGEST_ROWS ?? 1_000_000);
const file = `bench/out/wide-${N}.csv`;

function timedEngine(inner: Engine, log: { sql: string; ms: number }[]): Engine {
  const wrap = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    const t0 = performance.now();
    try { return await f(...a); } finally { log.push({ sql: `[rss ${Math.round(process.memoryUsage().rss / 1e6)} MB] ` + String(a[0]).replace(/\s+/g, ' ').slice(0, Number(process.env.SQL_CHARS ?? 110)), ms: performance.now() - t0 }); }
  };
  return { ...inner, exec: wrap(inner.exec.bind(inner)), query: wrap(inner.query.bind(inner)) as Engine['query'] };
}

test.skipIf(!existsSync(file))(`load ${N} enquiries`, async () => {
  const log: { sql: string; ms: number }[] = [];
  const engine = timedEngine(await createNodeEngine(), log);
  const data = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  const ds = await loadDataset(engine, [{ name: 'wide.csv', data }], undefined, undefined, undefined, defaultSettings());
  const tLoad = performance.now() - t0;
  await ensureJourneys(engine, ds, defaultSettings(), () => {});
  const tAll = performance.now() - t0;
  const slow = log.filter((l) => l.ms > 200).map((l) => `${(l.ms / 1000).toFixed(2).padStart(6)} s  ${l.sql}`);
  console.log(`load ${(tLoad / 1000).toFixed(1)} s, with journeys ${(tAll / 1000).toFixed(1)} s\n${slow.join('\n')}`);
  if (process.env.SHOW_MEM) console.log(await engine.query(`SELECT database_name, memory_usage FROM pragma_database_size()`), await engine.query(`SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0`));
  expect(ds.model.quality.enquiries).toBeGreaterThan(0);
  await engine.close();
});
