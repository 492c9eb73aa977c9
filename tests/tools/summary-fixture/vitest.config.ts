import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { plainSummary } from '../plain-summary.ts';

/** A tiny project for tests/unit/plain-summary.test.ts: which files run is chosen on the command line. */
export default defineConfig({
  // Vite's cache stays with the project's own, not beside the fixture.
  cacheDir: resolve(import.meta.dirname, '../../../node_modules/.vite/summary-fixture'),
  test: {
    root: import.meta.dirname,
    include: ['*.fixture.ts'],
    reporters: [plainSummary],
    environment: 'node',
    // As the project's unit tier runs: a kept worker per core, each file in its own context.
    pool: 'vmThreads',
    // As in the project's own config: a focused test fails.
    allowOnly: false,
  },
});
