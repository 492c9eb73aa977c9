import { defineConfig } from 'vitest/config';
import { plainSummary } from '../plain-summary';

/** A tiny project for tests/unit/plain-summary.test.ts: which files run is chosen on the command line. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.fixture.ts'],
    reporters: [plainSummary],
    environment: 'node',
  },
});
