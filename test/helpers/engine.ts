import { createNodeEngine } from '../../src/lib/engine/node';
import type { Engine } from '../../src/lib/engine/engine';
import { loadDataset, type Dataset } from '../../src/lib/coordinator/tables';

let shared: Promise<Engine> | null = null;

/** One engine per test file: starting DuckDB-WASM takes a second. */
export function testEngine(): Promise<Engine> {
  shared ??= createNodeEngine();
  return shared;
}

/** A file made in a test: text encoded as UTF-8 unless bytes are given. */
export function csv(name: string, text: string | Uint8Array) {
  return { name, data: typeof text === 'string' ? new TextEncoder().encode(text) : text, lastModified: Date.UTC(2026, 10, 1) };
}

/** Loads files (their enquiries stored without journey columns) and makes them the active dataset. */
export function load(engine: Engine, ...files: ReturnType<typeof csv>[]): Promise<Dataset> {
  return loadDataset(engine, files);
}
