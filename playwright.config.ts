import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/chromium-path.mjs';

const PORT = 4317;

/** End-to-end tests run against the production build, in the system Chromium. */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    launchOptions: {
      executablePath: chromiumPath() ?? undefined,
      args: [
        '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
        // The engine's wasm runs on V8's baseline compiler only. By default V8 also recompiles the
        // hot parts of the 34 MB engine with its optimising compiler on every page open: about 5 of
        // its 12 CPU-seconds on a 2-core machine, which two test workers share (measured: a page
        // open to the sample drawn, 6.7 s alone and 12.5 s beside another, became 4.7 s and 8 s;
        // the whole suite, 19.9 min and 13.3 min).
        // The tests' files are small, and what they check does not depend on how fast code runs;
        // the benchmark (scripts/bench) runs Chromium as users have it.
        '--js-flags=--liftoff-only',
      ],
    },
    viewport: { width: 1280, height: 900 },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
