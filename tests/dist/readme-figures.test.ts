import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budgetSizes, bundleSizes, entryPoints } from '../bench/bundle-sizes';
import { measuredCodeHash } from '../bench/measured-code';
import { type BenchResults, tableRows } from '../bench/report';
import { benchResultsFile } from '../bench/results-path';

/**
 * The README's Performance section comes from one bench run (docs/results/bench.json). What this build can
 * measure itself, the bundle sizes, it measures and compares; the timings only the bench can measure, so the
 * run names the code it measured, and this fails once that code changed.
 */

const bench = JSON.parse(readFileSync(benchResultsFile, 'utf8')) as BenchResults;
const rerun = 'Re-run `npm run bench` on a quiet machine, then `npx tsx tests/bench/readme-table.ts`, and commit both.';

describe('the Performance figures are those of the code as it is', () => {
  it('the bundle sizes in the README are those of this build, to the README’s rounding (0.1 KB)', () => {
    const files = bundleSizes('dist/chrome');
    const built = { ...bench, bundles: { files, entryPoints: entryPoints(files), budgets: budgetSizes(files) } };
    const bundleRows = (results: BenchResults) => tableRows(results).filter((row) => row.measure.startsWith('Bundle size'));
    expect(bundleRows(built).length).toBeGreaterThan(0);
    expect(bundleRows(built), `the README's bundle sizes differ from this build. ${rerun}`).toEqual(bundleRows(bench));
  });

  it('the bench ran on exactly this built extension, simulator and bench code', () => {
    expect(bench.measured, `docs/results/bench.json names no measured code. ${rerun}`).toBeDefined();
    expect(measuredCodeHash('dist/chrome'), `the code measured at commit ${bench.measured?.commit ?? '?'} has changed since. ${rerun}`).toBe(bench.measured?.hash);
  });
});
