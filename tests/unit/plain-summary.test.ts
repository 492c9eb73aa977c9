import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import projectConfig from '../../vite.config';
import { pipelineStepsVariable } from '../tools/pipeline-steps';
import { readTestCounts, testCountsLine } from '../tools/plain-summary';
import { refusedOverrides } from '../tools/refuse-overrides';

/**
 * The closing line CI reads counts everything that failed. Runs vitest on a tiny fixture project: one
 * passing test, one failing test, a suite whose beforeAll throws, a file whose import throws, a skipped
 * test, and a focused one.
 */

const projectRoot = resolve(import.meta.dirname, '../..');
const fixtureConfig = resolve(projectRoot, 'tests/tools/summary-fixture/vitest.config.ts');

async function summary(ci: boolean): Promise<string[]> {
  // Vitest's own variables, and npm test's, would tell the child it runs inside this run.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !['TEST', 'NODE_ENV', 'CI', pipelineStepsVariable].includes(name)),
  );
  const run = await promisify(execFile)(resolve(projectRoot, 'node_modules/.bin/vitest'), ['run', '--config', fixtureConfig], {
    cwd: projectRoot,
    env: ci ? { ...env, CI: 'true' } : env,
  }).catch((failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }));
  return run.stdout.trim().split('\n');
}

describe('the plain "N passed, N failed" line', () => {
  it('counts a failed test, a throwing beforeAll, a file that cannot be imported and a focused test as failures; reports what was skipped', async () => {
    const lines = await summary(false);
    expect(lines.at(-1)).toBe('1 passed, 4 failed');
    expect(lines).toContain('Tiers: tests 1 passed, 2 failed, 2 skipped');
    // The test a focused one would have dropped, and the one marked skip; not the tests of the broken suite.
    expect(lines).toEqual(expect.arrayContaining(['  tests: would be dropped silently', '  tests: is skipped']));
  }, 60_000);

  it('under CI, each skipped test is a failure too', async () => {
    const lines = await summary(true);
    expect(lines.at(-1)).toBe('1 passed, 6 failed');
    expect(lines).toContain('FAILED: skipped under CI: tests: is skipped');
  }, 60_000);
});

describe('what a run may not narrow', () => {
  it('the project fails a focused test and refuses overrides under CI before any test runs', () => {
    expect(projectConfig.test?.allowOnly).toBe(false);
    expect(projectConfig.test?.globalSetup).toEqual(['tests/tools/refuse-overrides.ts']);
  });

  it('refuses every override under CI, naming what it would change, and none outside it', () => {
    const overrides = { BROWSERS: 'firefox', EXTENSION_DIR: '/tmp/other', CHROMIUM_PATH: '/opt/chrome', FIREFOX_PATH: '/opt/ff', RELIABILITY_SEED: '1' };
    expect(refusedOverrides({ ...overrides, CI: 'true' })).toEqual([
      'BROWSERS=firefox (runs one browser’s share of the shared end-to-end tests)',
      'EXTENSION_DIR=/tmp/other (tests another Chromium build than dist/chrome)',
      'CHROMIUM_PATH=/opt/chrome (runs another Chromium than Debian’s)',
      'FIREFOX_PATH=/opt/ff (runs another Firefox than Debian’s ESR)',
      'RELIABILITY_SEED=1 (generates other reliability cases than the README’s figures come from)',
    ]);
    expect(refusedOverrides(overrides)).toEqual([]);
    expect(refusedOverrides({ CI: 'true' })).toEqual([]);
  });

  it('the README states the test counts every whole tier is held to, in the form the summary reads', () => {
    const readme = readFileSync(resolve(projectRoot, 'README.md'), 'utf8');
    const counts = readTestCounts(readme);
    expect(counts, 'README.md states the test counts of a whole run').not.toBeNull();
    expect(readTestCounts(testCountsLine(counts!))).toEqual(counts);
  });
});
