import { defineConfig } from 'vitest/config';

// Benchmarks of the metric SQL on a million enquiries; not part of `npm test`.
// Run: npx vitest run --config vitest.perf.config.ts
export default defineConfig({
  test: {
    include: ['test/perf/**/*.perf.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
