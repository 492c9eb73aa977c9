// The README's "Reliability" table, from one fresh run of the reliability suite and nothing older.
// Tests call `recordReliability`, which writes each figure to its own file; `npx tsx tests/tools/reliability-table.ts`
// deletes every figure, runs the suite, refuses to go on if any figure is missing, keeps the results in
// docs/results/reliability.json (a unit test holds the README to them) and rewrites only the README region
// between the reliability markers.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the running suite leaves its figures, one file per figure (artifacts/ is git-ignored). */
export const figuresDir = resolve(projectRoot, 'artifacts/reliability');
/** The one run the README's table claims, kept in the repository. */
export const reliabilityResultsFile = resolve(projectRoot, 'docs/results/reliability.json');
const readmeFile = resolve(projectRoot, 'README.md');
export const reliabilityMarkers = { start: '<!-- reliability:start -->', end: '<!-- reliability:end -->' };
const startMarker = reliabilityMarkers.start;
const endMarker = reliabilityMarkers.end;
const suite = {
  unit: ['tests/unit/reliability-'],
  e2e: ['tests/e2e/faults.e2e.test.ts', 'tests/e2e/no-way-in.e2e.test.ts'],
};

/** One fault case of the end-to-end matrix, as it ended. */
export type FaultFigure = { name: string; passed: boolean; outcome: string; detail: string };
/** One loop scenario: how often the extension acted while LinkedIn misbehaved. */
export type LoopFigure = { name: string; passed: boolean; rounds: number; helperTabs: number; pageLoads: number; saves: number };

export type ReliabilityFigures = {
  faults?: FaultFigure[];
  loops?: LoopFigure[];
  fuzz?: { seed: number; messages: number; rejected: number; storageChanged: number; categories: Record<string, number> };
  fuzzEndToEnd?: { messages: number; rejected: number; storageChanged: number };
  pollution?: { messages: number; rejected: number; prototypePolluted: number };
  corruption?: { seed: number; trials: number; repairedWithRestKept: number; entriesChecked: number; backupsMade: number; kinds: Record<string, number> };
  writeQueue?: { seed: number; interleavings: number; kinds: string[]; writesChecked: number };
  operationEnds?: { name: string; outcome: string }[];
  /** Ten years simulated, the cap, and clock jumps: counts and the log's size in bytes. */
  evidence?: Record<string, number>;
  wrongVersions?: { versions: number; keptEverything: number };
  outsiders?: { attempts: { name: string; blocked: boolean }[] };
  permissions?: { permissions: string[]; optionalPermissions: string[]; hosts: string[]; webAccessibleResources: number; externallyConnectable: boolean; csp: string };
  requests?: { pageLoads: number; valueReads: number; saves: number; fromServiceWorker: number; outsideLinkedIn: number; hosts: string[]; browserOwn: string[] };
};

/** One run's figures and when it ran. */
export type ReliabilityResults = { ranAt: string; figures: ReliabilityFigures };

/** Every figure the table shows: a run that did not produce all of them writes nothing. */
const requiredFigures = [
  'faults',
  'loops',
  'fuzz',
  'fuzzEndToEnd',
  'pollution',
  'corruption',
  'writeQueue',
  'operationEnds',
  'evidence',
  'wrongVersions',
  'outsiders',
  'permissions',
  'requests',
] as const satisfies readonly (keyof ReliabilityFigures)[];

/** Writes each figure whole to its own file: nothing is merged into what an earlier run left. */
export function recordReliability(figures: ReliabilityFigures): void {
  mkdirSync(figuresDir, { recursive: true });
  for (const [key, value] of Object.entries(figures)) {
    const temporary = resolve(figuresDir, `${key}.${process.pid}.tmp`);
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(temporary, resolve(figuresDir, `${key}.json`));
  }
}

function readFigures(files = existsSync(figuresDir) ? readdirSync(figuresDir).filter((file) => file.endsWith('.json')) : []): ReliabilityFigures {
  return Object.fromEntries(files.map((file) => [file.slice(0, -'.json'.length), JSON.parse(readFileSync(resolve(figuresDir, file), 'utf8')) as unknown]));
}

/** Figures of the end-to-end files: page traffic and timing vary a little from run to run. */
const endToEndFigures: ReadonlySet<string> = new Set(['faults', 'loops', 'fuzzEndToEnd', 'outsiders', 'permissions', 'requests'] satisfies (keyof ReliabilityFigures)[]);
/** The tolerance each run's figures are held to: seeded unit figures exactly; end-to-end numbers within 10%, at least ±1. */
export const figureTolerance = 'unit figures exactly, end-to-end numbers within 10% (at least ±1)';

function numbersWithin(measured: number, stated: number, tolerant: boolean): boolean {
  return tolerant ? Math.abs(measured - stated) <= Math.max(1, Math.abs(stated) * 0.1) : measured === stated;
}

/** An unpacked extension's id comes from its folder's path: another checkout has another. */
const extensionId = /^[a-p]{32}$/;

/** Text must match; numbers inside it (a timing in a detail) are held like any other number. */
function textsWithin(measured: string, stated: string, tolerant: boolean): boolean {
  if (extensionId.test(measured) && extensionId.test(stated)) return true;
  const parts = (text: string) => text.split(/(-?\d+(?:\.\d+)?)/);
  const [a, b] = [parts(measured), parts(stated)];
  return a.length === b.length && a.every((part, index) => (index % 2 === 1 ? numbersWithin(Number(part), Number(b[index]), tolerant) : part === b[index]));
}

function differences(measured: unknown, stated: unknown, path: string, tolerant: boolean): string[] {
  if (typeof measured === 'number' && typeof stated === 'number') return numbersWithin(measured, stated, tolerant) ? [] : [`${path}: ${measured} (README: ${stated})`];
  if (typeof measured === 'string' && typeof stated === 'string') return textsWithin(measured, stated, tolerant) ? [] : [`${path}: "${measured}" (README: "${stated}")`];
  if (measured && stated && typeof measured === 'object' && typeof stated === 'object') {
    const keys = [...new Set([...Object.keys(measured), ...Object.keys(stated)])];
    return keys.flatMap((key) => differences((measured as Record<string, unknown>)[key], (stated as Record<string, unknown>)[key], `${path}.${key}`, tolerant));
  }
  return measured === stated ? [] : [`${path}: ${JSON.stringify(measured)} (README: ${JSON.stringify(stated)})`];
}

/**
 * Where a whole run's fresh figures (written since `since`) differ from those the README states, beyond
 * `figureTolerance`; a figure the run did not produce is a difference too.
 */
export function figuresDifferingFromReadme(since: number): string[] {
  const stated = (JSON.parse(readFileSync(reliabilityResultsFile, 'utf8')) as ReliabilityResults).figures;
  const written = existsSync(figuresDir) ? readdirSync(figuresDir).filter((file) => file.endsWith('.json') && statSync(resolve(figuresDir, file)).mtimeMs >= since) : [];
  return compareFigures(readFigures(written), stated);
}

/** Each figure of `measured` that differs from `stated` beyond `figureTolerance`, or is missing. */
export function compareFigures(measured: ReliabilityFigures, stated: ReliabilityFigures): string[] {
  return requiredFigures.flatMap((key) =>
    key in measured ? differences(measured[key], stated[key], key, endToEndFigures.has(key)) : [`${key}: not produced by this run`],
  );
}

/** For the run's summary: a run that held the unit and end-to-end tiers whole re-measured every figure the README states. */
export function reliabilityFiguresCheck({ wholeTiers, startedAt }: { wholeTiers: ReadonlySet<string>; startedAt: number }): string[] {
  if (!wholeTiers.has('unit') || !wholeTiers.has('e2e')) return [];
  return figuresDifferingFromReadme(startedAt).map(
    (difference) => `the README's Reliability figure differs from this run beyond its tolerance (${figureTolerance}): ${difference}. If the change is meant: npx tsx tests/tools/reliability-table.ts`,
  );
}

const yes = (passed: boolean) => (passed ? '✅' : '❌');
const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderTable(results: ReliabilityResults): string {
  const f = results.figures;
  const lines: string[] = [];
  lines.push(`Generated from one run of the reliability suite (\`tests/unit/reliability-*.test.ts\`, \`tests/e2e/faults.e2e.test.ts\`, \`tests/e2e/no-way-in.e2e.test.ts\`) on ${results.ranAt.slice(0, 10)}, kept in \`docs/results/reliability.json\`; a unit test fails when this table differs from it, and a whole \`npm test\` fails when its own run differs from it (${figureTolerance}). Run the suite and rewrite with \`npx tsx tests/tools/reliability-table.ts\`.`);
  lines.push('');

  const faults = f.faults ?? [];
  lines.push(`**Faults tried** (end to end, built extension in Chromium against the LinkedIn simulator): ${faults.filter((x) => x.passed).length} of ${faults.length} passed; each checks the user-visible result and that no earlier log entry was lost.`);
  lines.push('');
  lines.push('| Fault | Outcome seen | Passed |');
  lines.push('|---|---|---|');
  for (const fault of faults) lines.push(`| ${escape(fault.name)} | ${escape(fault.outcome)}${fault.detail ? ` — ${escape(fault.detail)}` : ''} | ${yes(fault.passed)} |`);
  lines.push('');

  const loops = f.loops ?? [];
  if (loops.length > 0) {
    lines.push('**Loops**: LinkedIn misbehaving on purpose, counting what the extension did in response.');
    lines.push('');
    lines.push('| Scenario | Rounds | Helper tabs opened | Page loads | Saves | Bounded |');
    lines.push('|---|---|---|---|---|---|');
    for (const loop of loops) lines.push(`| ${escape(loop.name)} | ${loop.rounds} | ${loop.helperTabs} | ${loop.pageLoads} | ${loop.saves} | ${yes(loop.passed)} |`);
    lines.push('');
  }

  lines.push('**Bad inputs tried**');
  lines.push('');
  lines.push('| Input | Tried | Rejected / repaired | Storage changed |');
  lines.push('|---|---|---|---|');
  if (f.fuzz) {
    const kinds = Object.entries(f.fuzz.categories).map(([kind, count]) => `${kind} ${count}`).join(', ');
    lines.push(`| Random and malformed messages to the background (seed ${f.fuzz.seed}: ${escape(kinds)}) | ${f.fuzz.messages} | ${f.fuzz.rejected} | ${f.fuzz.storageChanged} |`);
  }
  if (f.fuzzEndToEnd) lines.push(`| Malformed messages through Chromium's \`chrome.runtime.sendMessage\` | ${f.fuzzEndToEnd.messages} | ${f.fuzzEndToEnd.rejected} | ${f.fuzzEndToEnd.storageChanged} |`);
  if (f.pollution) lines.push(`| Messages carrying \`__proto__\` / \`constructor\` / \`prototype\` keys (Object.prototype polluted: ${f.pollution.prototypePolluted}) | ${f.pollution.messages} | ${f.pollution.rejected} | — |`);
  if (f.corruption) {
    const kinds = Object.entries(f.corruption.kinds).map(([kind, count]) => `${kind} ${count}`).join(', ');
    lines.push(`| Corrupted stored logs (seed ${f.corruption.seed}: ${escape(kinds)}; ${f.corruption.entriesChecked} fields and entries checked kept) | ${f.corruption.trials} | ${f.corruption.repairedWithRestKept} repaired, rest kept | backup kept where something was set aside (${f.corruption.backupsMade}); none where nothing was |`);
  }
  if (f.writeQueue) {
    const q = f.writeQueue;
    lines.push(`| Every kind of storage write at once (${escape(q.kinds.join(', '))}), storage calls finishing in random order (seed ${q.seed}) | ${q.interleavings} interleavings | ${q.writesChecked} writes checked, none lost | as each write asked |`);
  }
  if (f.wrongVersions) lines.push(`| Stored logs with a wrong or missing version | ${f.wrongVersions.versions} | ${f.wrongVersions.keptEverything} read with every entry kept | backup kept |`);
  for (const attempt of f.outsiders?.attempts ?? []) lines.push(`| ${escape(attempt.name)} | 1 | ${attempt.blocked ? 'blocked' : '**not blocked**'} | — |`);
  lines.push('');

  const ends = f.operationEnds ?? [];
  if (ends.length > 0) {
    lines.push('**An operation always ends** (against the in-memory browser): each checks that the operation is cleared and what the member is told.');
    lines.push('');
    lines.push('| Failure | What happened |');
    lines.push('|---|---|');
    for (const end of ends) lines.push(`| ${escape(end.name)} | ${escape(end.outcome)} |`);
    lines.push('');
  }
  if (f.evidence) {
    const e = f.evidence;
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    lines.push('**Evidence that never ages out**: identical consecutive checks are one entry with a count and first and last time; the first "turned off" and every change of state are never dropped.');
    lines.push('');
    lines.push('| Simulated | Checks | Kept | Result |');
    lines.push('|---|---|---|---|');
    lines.push(`| ${e.years} years of daily checks for ${e.accounts} accounts, LinkedIn turning it back on ${e.flips} times, ${e.failures} failed checks | ${e.checks} | ${e.entries} entries | log ${kb(e.bytes ?? 0)} as stored (JSON), target under 100 KB |`);
    lines.push(`| checks alternating with failures (nothing merges), the setting changing state ${e.capChanges} times | ${e.capChecks} | ${e.capKept} entries (the cap) | the first "turned off" and all ${e.capChanges} changes kept |`);
    lines.push(`| the clock set back 2 h, back 400 days and forward 3 years during operations | ${e.clockJumps} | ${e.clockEntriesKept} entries | none dropped on the next load, no negative duration |`);
    lines.push('');
  }
  if (f.permissions) {
    const p = f.permissions;
    lines.push('**Permissions held** (a test fails if any of this grows)');
    lines.push('');
    lines.push('| What | Held |');
    lines.push('|---|---|');
    lines.push(`| Permissions | ${p.permissions.map((x) => `\`${x}\``).join(', ')} |`);
    lines.push(`| Optional permissions | ${p.optionalPermissions.map((x) => `\`${x}\``).join(', ') || 'none'} |`);
    lines.push(`| Hosts | ${p.hosts.map((x) => `\`${x}\``).join(', ')} |`);
    lines.push(`| Web-accessible resources | ${p.webAccessibleResources === 0 ? 'none' : p.webAccessibleResources} |`);
    lines.push(`| Externally connectable | ${p.externallyConnectable ? '**yes**' : 'no'} |`);
    lines.push(`| Extension-page CSP | \`${escape(p.csp)}\` |`);
    lines.push('');
  }
  if (f.requests) {
    const r = f.requests;
    lines.push(`**Network**: a full opt-out loaded the setting's page ${r.pageLoads} times, read its value ${r.valueReads} times and saved it ${r.saves === 1 ? 'once' : `${r.saves} times`}, as LinkedIn's server counted them; the service worker made ${r.fromServiceWorker} requests. Of all requests, seen by Playwright and cross-checked against Chromium's net log, ${r.outsideLinkedIn} went anywhere but \`https://www.linkedin.com/\` or the extension itself (hosts: ${r.hosts.map((x) => `\`${x}\``).join(', ')}). Chromium's own calls to ${r.browserOwn.map((x) => `\`${x}\``).join(', ') || 'nobody'}, made just the same by a browser without the extension running alongside, are not counted.`);
  }
  return lines.join('\n').trimEnd();
}

/** Replaces only what lies between the markers; everything else in README.md is left byte for byte. */
export function rewriteReadme(readme: string, table: string): string {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`README.md has no ${startMarker} … ${endMarker} region`);
  return `${readme.slice(0, start + startMarker.length)}\n${table}\n${readme.slice(end)}`;
}

function runSuite(): void {
  const run = (args: string[]) => spawnSync('npx', args, { cwd: projectRoot, stdio: 'inherit' });
  if (run(['vite', 'build']).status !== 0) throw new Error('the build failed');
  // A failing test still leaves its figure (shown as failed); a missing figure stops everything below.
  run(['vitest', 'run', '--project', 'unit', ...suite.unit]);
  run(['vitest', 'run', '--project', 'e2e', ...suite.e2e]);
}

function main(): void {
  rmSync(figuresDir, { recursive: true, force: true });
  runSuite();
  const figures = readFigures();
  const missing = requiredFigures.filter((key) => !(key in figures));
  if (missing.length > 0) throw new Error(`this run produced no ${missing.join(', ')}: README.md left as it was`);
  const results: ReliabilityResults = { ranAt: new Date().toISOString(), figures };
  mkdirSync(dirname(reliabilityResultsFile), { recursive: true });
  writeFileSync(reliabilityResultsFile, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(readmeFile, rewriteReadme(readFileSync(readmeFile, 'utf8'), renderTable(results)));
  console.log(`README.md: reliability table rewritten from this run (${reliabilityResultsFile})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
