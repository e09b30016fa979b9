import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Relative base: the built folder works from any sub-path of any static server.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
  },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
    pool: 'forks',
    // One module graph for all files in a worker: the DuckDB-WASM engine (test/helpers/engine.ts)
    // is compiled and started once instead of once per file, about 300 s of the run on 2 cores.
    // Tests leave no globals or tables behind (they pass with the files shuffled).
    isolate: false,
  },
});
