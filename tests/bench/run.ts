import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSimulator } from '../simulator';
import { budgetSizes, bundleSizes, entryPoints } from './bundle-sizes';
import { benchCheckup } from './checkup';
import { benchContentCost } from './content-cost';
import { member, networkConditions, runsPerCondition } from './fixtures';
import { currentLoad, describeMachine } from './machine';
import { currentCommit, measuredCodeHash } from './measured-code';
import { benchOptOut } from './opt-out';
import { benchPopup } from './popup-open';
import { benchRecheck } from './recheck';
import { type BenchResults, markdownTable, tableRows } from './report';
import { resultsPath } from './results-path';

/**
 * `npm run bench`: how fast and how light, side by side with the shortest path and the bare page.
 * Prints one table and writes artifacts/bench/results.json; `tsx tests/bench/readme-table.ts` then
 * puts the table into the README. Not part of `npm test`: timings are not pass/fail on a shared CI box.
 *
 * BENCH_RUNS=n changes the runs per condition (default 7); BENCH_ONLY=opt-out,checkup,recheck,feed,popup runs a subset.
 */

const only = new Set((process.env.BENCH_ONLY ?? 'opt-out,checkup,recheck,feed,popup').split(',').map((name) => name.trim()));

async function main(): Promise<void> {
  const machine = describeMachine();
  console.log(`Benchmarks: ${String(runsPerCondition)} runs per condition on ${machine.cpu} (${String(machine.cores)} cores), ${machine.chromium}, Node ${machine.node}; load ${machine.loadAtStart.toFixed(2)}`);
  if (machine.loadAtStart > machine.cores) console.log(`Warning: the load (${machine.loadAtStart.toFixed(2)}) exceeds the core count: expect slower, noisier numbers.`);
  // A private copy: another build into dist/ (other people's tests, a watcher) must not swap the extension mid-run.
  const extensionDir = mkdtempSync(join(tmpdir(), 'linkedin-optout-bench-'));
  cpSync('dist/chrome', extensionDir, { recursive: true });
  const files = bundleSizes(extensionDir);
  const results: BenchResults = {
    machine,
    measured: { commit: currentCommit(), hash: measuredCodeHash(extensionDir) },
    runsPerCondition,
    bundles: { files, entryPoints: entryPoints(files, extensionDir), budgets: budgetSizes(files, extensionDir) },
  };

  const simulator = await startSimulator({ accounts: [member] });
  const startedAt = Date.now();
  try {
    if (only.has('popup')) {
      console.log('Popup …');
      results.popup = await benchPopup(simulator, extensionDir);
    }
    if (only.has('opt-out')) {
      console.log('Opt-out, extension and shortest path alternating …');
      results.optOut = await benchOptOut(simulator, networkConditions, extensionDir);
    }
    if (only.has('checkup')) {
      console.log('Checkup: the AI setting alone, three and all eleven …');
      results.checkup = await benchCheckup(simulator, networkConditions, extensionDir);
    }
    if (only.has('recheck')) {
      console.log('Re-check …');
      results.recheck = await benchRecheck(simulator, networkConditions, extensionDir);
    }
    if (only.has('feed')) {
      console.log('Feed page with and without the extension …');
      results.contentCost = await benchContentCost(simulator, extensionDir);
    }
  } finally {
    await simulator.close();
    rmSync(extensionDir, { recursive: true, force: true });
  }
  machine.loadAtEnd = currentLoad();

  mkdirSync(dirname(resultsPath), { recursive: true });
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log('');
  console.log(markdownTable(tableRows(results)));
  console.log('');
  console.log(`${String(Math.round((Date.now() - startedAt) / 1000))} s; load ${machine.loadAtStart.toFixed(2)} → ${machine.loadAtEnd.toFixed(2)}. Written to ${resultsPath}; the opt-out step breakdown and all file sizes are there too.`);
  console.log('Update the README with: npx tsx tests/bench/readme-table.ts');
}

await main();
