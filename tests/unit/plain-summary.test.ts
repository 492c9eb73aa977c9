import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * Issue #11, part 6: the closing line CI reads counts everything that failed. Runs vitest on a tiny
 * fixture project: one passing test, one failing test, a suite whose beforeAll throws, a file whose
 * import throws.
 */

const projectRoot = resolve(import.meta.dirname, '../..');
const fixtureConfig = resolve(projectRoot, 'tests/tools/summary-fixture/vitest.config.ts');

async function closingLine(): Promise<string> {
  // Vitest's own variables would tell the child it runs inside this run.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'TEST' && name !== 'NODE_ENV'));
  const run = await promisify(execFile)(resolve(projectRoot, 'node_modules/.bin/vitest'), ['run', '--config', fixtureConfig], { cwd: projectRoot, env }).catch(
    (failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }),
  );
  return run.stdout.trim().split('\n').at(-1) ?? '';
}

describe('the plain "N passed, N failed" line', () => {
  it('counts a failed test, a throwing beforeAll and a file that cannot be imported as failures', async () => {
    expect(await closingLine()).toBe('1 passed, 3 failed');
  }, 60_000);
});
