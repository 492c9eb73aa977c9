import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxPageLoads, operationTimeoutMs, pageLoadWaitMs } from '../../src/background/operations';
import { firstRetryAfterMs, maxAutoFixesPerDay } from '../../src/background/recheck-policy';
import { defaultPreferences } from '../../src/shared/preferences/preferences';
import { performanceMarkers, performanceSection } from '../bench/readme-table';
import type { BenchResults } from '../bench/report';
import { benchResultsFile } from '../bench/results-path';
import { compareFigures, renderTable, reliabilityMarkers, type ReliabilityResults, reliabilityResultsFile } from '../tools/reliability-table';

/**
 * The README's figures cannot go stale or lie: a figure nobody re-measures misleads. Its Reliability and Performance
 * sections must be exactly what their one run's results (kept in docs/results/) produce, and the bounds
 * its prose promises must be the ones the code enforces.
 */

const projectRoot = resolve(import.meta.dirname, '../..');
const readme = readFileSync(resolve(projectRoot, 'README.md'), 'utf8');

function region(markers: { start: string; end: string }, withMarkers: boolean): string {
  const from = readme.indexOf(markers.start);
  const to = readme.indexOf(markers.end);
  expect(from, `README.md has ${markers.start}`).toBeGreaterThanOrEqual(0);
  expect(to, `README.md has ${markers.end}`).toBeGreaterThan(from);
  return withMarkers ? readme.slice(from, to + markers.end.length) : readme.slice(from + markers.start.length, to).trim();
}

function results<T>(file: string): T {
  expect(existsSync(resolve(projectRoot, file)), `${file} holds the run the README claims`).toBe(true);
  return JSON.parse(readFileSync(resolve(projectRoot, file), 'utf8')) as T;
}

describe('the README claims only what its results say', () => {
  it('Reliability: the table is exactly what docs/results/reliability.json produces', () => {
    expect(region(reliabilityMarkers, false)).toBe(renderTable(results<ReliabilityResults>(reliabilityResultsFile)));
  });

  it('Performance: the section is exactly what docs/results/bench.json produces', () => {
    expect(region(performanceMarkers, true)).toBe(performanceSection(results<BenchResults>(benchResultsFile)));
  });

  it('the bounds in the prose are the ones the code enforces', () => {
    const seconds = (ms: number) => `${ms / 1000} s`;
    const promise = `an operation\n  ends after ${seconds(operationTimeoutMs)}, ${maxPageLoads} page loads, or ${seconds(pageLoadWaitMs)} without its page loading`;
    expect(readme.replace(/\s+/g, ' ')).toContain(promise.replace(/\s+/g, ' '));
    const watchdog = `ends any operation whose page has not loaded within ${seconds(pageLoadWaitMs)}, whose tab loads more than ${maxPageLoads} pages, or that runs ${seconds(operationTimeoutMs)}`;
    expect(readme.replace(/\s+/g, ' ')).toContain(watchdog);
    expect(readme).toContain(`acts at most ${maxAutoFixesPerDay} times a day per account`);
    expect(readme).toContain(`after failures ${firstRetryAfterMs / 60_000} min`);
    expect(defaultPreferences.recheckIntervalHours).toBe(24);
    expect(readme).toContain('(daily by default');
  });
});

describe('a whole run holds the Reliability figures to the README', () => {
  const stated = results<ReliabilityResults>(reliabilityResultsFile).figures;

  it('the README’s own figures pass', () => {
    expect(compareFigures(stated, stated)).toEqual([]);
  });

  it('seeded unit figures must match exactly; end-to-end numbers within 10% (at least ±1), text exactly', () => {
    const measured = structuredClone(stated);
    measured.fuzz!.rejected -= 1;
    measured.requests!.pageLoads += 1;
    measured.loops![0]!.pageLoads += 5;
    measured.faults![0]!.detail = measured.faults![0]!.detail.replace(/\d+(\.\d+)?/, (seconds) => String(Number(seconds) + 0.3));
    measured.faults![1]!.outcome = 'turned-off';
    delete measured.pollution;
    // Another checkout's folder gives the unpacked extension another id.
    measured.requests!.hosts = measured.requests!.hosts.map((host) => (/^[a-p]{32}$/.test(host) ? 'abcdefghijklmnopabcdefghijklmnop' : host));
    expect(compareFigures(measured, stated)).toEqual([
      `faults.1.outcome: "turned-off" (README: "${stated.faults![1]!.outcome}")`,
      `loops.0.pageLoads: ${stated.loops![0]!.pageLoads + 5} (README: ${stated.loops![0]!.pageLoads})`,
      `fuzz.rejected: ${stated.fuzz!.rejected - 1} (README: ${stated.fuzz!.rejected})`,
      'pollution: not produced by this run',
    ]);
  });
});
