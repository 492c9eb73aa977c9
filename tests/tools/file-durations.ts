// Refreshes tests/tools/file-durations.json, the order the test files start in (tests/tools/longest-first.ts), from
// vitest JSON reports: `npx vitest run --project e2e --reporter=json --outputFile=artifacts/e2e.json`, then
// `npx tsx tests/tools/file-durations.ts artifacts/e2e.json`. A file a report names is measured anew; a file no
// report names keeps its entry while it exists, and a file that was removed loses it.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileDurationsPath, readFileDurations } from './longest-first';

const projectRoot = resolve(import.meta.dirname, '../..');

type VitestJsonReport = { startTime: number; testResults: Array<{ name: string; startTime: number; endTime: number }> };

/** Every tier's files live under tests/: a report from another checkout of the repository names them from there. */
function repositoryPath(file: string, root: string): string {
  const path = relative(root, file).split('\\').join('/');
  if (!path.startsWith('../')) return path;
  const fromTests = /(?:^|\/)(tests\/.+)$/.exec(path)?.[1];
  if (!fromTests) throw new Error(`${file} is neither in this repository nor under a tests/ folder`);
  return fromTests;
}

/** Each file's wall time in seconds (two decimals, at least 0.01: a listed file has a time), by its path from the repository root. */
export function fileSecondsOf(report: VitestJsonReport, root: string): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const file of report.testResults) {
    if (!Number.isFinite(file.startTime) || !Number.isFinite(file.endTime)) throw new Error(`${file.name}: the report has no start or end time`);
    seconds[repositoryPath(file.name, root)] = Math.max(0.01, Math.round((file.endTime - file.startTime) / 10) / 100);
  }
  return seconds;
}

function main(reportPaths: string[]): void {
  if (reportPaths.length === 0) throw new Error('usage: npx tsx tests/tools/file-durations.ts <vitest JSON report>...');
  const { seconds: previous } = readFileDurations();
  const measuredNow: Record<string, number> = {};
  const dates: string[] = [];
  for (const path of reportPaths) {
    const report = JSON.parse(readFileSync(path, 'utf8')) as VitestJsonReport;
    Object.assign(measuredNow, fileSecondsOf(report, projectRoot));
    dates.push(new Date(report.startTime).toISOString().slice(0, 16).replace('T', ' '));
  }
  const kept = Object.entries(previous).filter(([file]) => !(file in measuredNow) && existsSync(resolve(projectRoot, file)));
  const seconds = Object.fromEntries([...kept, ...Object.entries(measuredNow)].sort(([a], [b]) => (a < b ? -1 : 1)));
  const measured = `vitest JSON reports of ${dates.join(', ')} UTC; unknown files start first`;
  writeFileSync(fileDurationsPath, `${JSON.stringify({ measured, seconds }, null, 2)}\n`);
  console.log(`${fileDurationsPath}: ${Object.keys(measuredNow).length} files measured, ${kept.length} kept`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
