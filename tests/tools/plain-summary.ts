import { readFileSync, writeFileSync } from 'node:fs';
import type { TestCase, TestModule, Vitest } from 'vitest/node';
import type { Reporter } from 'vitest/reporters';
import { type PartResult, type PipelineSteps, readPipelineSteps } from './pipeline-steps.ts';
import { runsUnderCi } from './refuse-overrides.ts';

/**
 * Ends every run with the plain "N passed, N failed" line that CI reads regardless of the runner. A file
 * that failed to import, or a suite whose hook (beforeAll, afterAll) threw, is a failure too, even though
 * none of its tests failed: each counts once, and so does every error outside any file. Above it: the
 * tests and time of each tier, the end-to-end tests and their summed time per browser, and what was skipped. Under CI a skipped
 * test is a failure, and a tier that ran whole must hold as many tests as the README states.
 */

/** The README line each whole tier is held to: "unit 812 · dist 21 · end to end: Chromium 185, Firefox 15, no browser 5". */
export const testCountsPattern = /\*\*Tests in a whole run:\*\* unit (\d+) · dist (\d+) · end to end: Chromium (\d+), Firefox (\d+), no browser (\d+)/;

export type TestCounts = { unit: number; dist: number; chromium: number; firefox: number; 'no browser': number };

export function readTestCounts(readme: string): TestCounts | null {
  const match = testCountsPattern.exec(readme.replace(/\s+/g, ' '));
  if (!match) return null;
  const [unit, dist, chromium, firefox, noBrowser] = match.slice(1).map(Number) as [number, number, number, number, number];
  return { unit, dist, chromium, firefox, 'no browser': noBrowser };
}

export function testCountsLine(counts: TestCounts): string {
  return `**Tests in a whole run:** unit ${counts.unit} · dist ${counts.dist} · end to end: Chromium ${counts.chromium}, Firefox ${counts.firefox}, no browser ${counts['no browser']}`;
}

type Tally = { passed: number; failed: number; skipped: number; ms: number };
const emptyTally = (): Tally => ({ passed: 0, failed: 0, skipped: 0, ms: 0 });

/** The browser group a finished test counts under: the browsers it used (tests/e2e/count-browser-use.ts). */
function browserGroup(browsers: readonly string[] | undefined): string {
  if (!browsers || browsers.length === 0) return 'no browser';
  return browsers.join(' + ');
}

function tallyLine(name: string, tally: Tally): string {
  return `${name} ${tally.passed} passed${tally.failed > 0 ? `, ${tally.failed} failed` : ''}${tally.skipped > 0 ? `, ${tally.skipped} skipped` : ''}`;
}

/** A test left unrun because its file or a suite around it broke: counted with that failure, not as skipped. */
function underBrokenParent(test: TestCase): boolean {
  for (let parent: TestCase['parent'] | undefined = test.parent; parent; parent = parent.type === 'module' ? undefined : parent.parent) {
    if (parent.errors().length > 0) return true;
  }
  return false;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** The plain line CI reads: "N passed, N failed". */
export function closingLine(result: PartResult): string {
  return `${result.passed} passed, ${result.failed} failed`;
}

/** A whole run's length as a reader compares it with minutes: "7 min 42 s". */
export function minutesAndSeconds(ms: number): string {
  const total = Math.round(ms / 1000);
  return total < 60 ? `${total} s` : `${Math.floor(total / 60)} min ${total % 60} s`;
}

/** The line with the time of each step: the checks before the tests (when `npm test` ran them), the tests, the whole. */
export function stepTimesLine(steps: PipelineSteps | null, testsStartedAt: number, now: number): string {
  const tests = `tests ${seconds(now - testsStartedAt)}`;
  if (!steps) return `Time: ${tests}`;
  const checks = steps.checks.map((check) => `${check.name} ${seconds(check.ms)}`).join(', ');
  return `Time: ${checks} (side by side: ${seconds(steps.checksMs)}) · ${tests} · whole npm test ${minutesAndSeconds(now - steps.startedAt)}`;
}

/** A check of a run's own measurements, given the tiers that ran whole and when the run started: its problems. */
export type WholeRunCheck = (run: { wholeTiers: ReadonlySet<string>; startedAt: number }) => string[];

export type SummaryOptions = {
  /** The README whose stated test counts every whole tier is held to; none: counts are only printed. */
  readmeFile?: string;
  /** Further checks of what the run measured against what the README states (reliability figures). */
  wholeRunChecks?: WholeRunCheck[];
  /** Skipped tests fail the run (default: when CI is set). */
  skippedFail?: boolean;
};

export function testRunSummary(options: SummaryOptions = {}): Reporter {
  let vitest: Vitest | undefined;
  const startedAt = Date.now();
  const tierTimes = new Map<string, { start: number; end: number }>();
  return {
    onInit(context) {
      vitest = context;
    },
    onTestModuleStart(module) {
      const tier = module.project.name;
      const time = tierTimes.get(tier) ?? { start: Date.now(), end: Date.now() };
      tierTimes.set(tier, time);
    },
    onTestModuleEnd(module) {
      const time = tierTimes.get(module.project.name);
      if (time) time.end = Date.now();
    },
    async onTestRunEnd(testModules, unhandledErrors) {
      const skippedFail = options.skippedFail ?? runsUnderCi(process.env);
      const tiers = new Map<string, Tally>();
      const browsers = new Map<string, Tally>();
      const skippedNames: string[] = [];
      for (const module of testModules) {
        const tier = module.project.name || 'tests';
        for (const test of module.children.allTests()) {
          const state = test.result().state;
          const key = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : state === 'skipped' && !underBrokenParent(test) ? 'skipped' : null;
          if (!key) continue;
          const tierTally = tiers.get(tier) ?? emptyTally();
          tierTally[key] += 1;
          tiers.set(tier, tierTally);
          if (tier.startsWith('e2e')) {
            // A test that did not run used no browser: it counts under none, so a whole run misses it there.
            const group = key === 'skipped' ? 'not run' : browserGroup(test.meta().browsers);
            const browserTally = browsers.get(group) ?? emptyTally();
            browserTally[key] += 1;
            browserTally.ms += test.diagnostic()?.duration ?? 0;
            browsers.set(group, browserTally);
          }
          if (key === 'skipped') skippedNames.push(`${tier}: ${test.fullName}`);
        }
      }

      const problems: string[] = [];
      if (skippedFail) problems.push(...skippedNames.map((name) => `skipped under CI: ${name}`));
      if (vitest && (options.readmeFile || options.wholeRunChecks)) {
        const whole = await wholeTiers(vitest, testModules);
        if (options.readmeFile) problems.push(...countProblems(whole, tiers, browsers, options.readmeFile));
        for (const check of options.wholeRunChecks ?? []) problems.push(...check({ wholeTiers: whole, startedAt }));
      }

      const tierParts = [...tiers].map(([tier, tally]) => {
        const time = tierTimes.get(tier);
        return `${tallyLine(tier, tally)}${time ? ` in ${seconds(time.end - time.start)}` : ''}`;
      });
      if (tierParts.length > 0) console.log(`\nTiers: ${tierParts.join(' · ')}`);
      // Files of both browsers run side by side, so a browser's time is the sum of its tests' own times, not a span.
      if (browsers.size > 0) {
        console.log(`End to end by browser (summed test time): ${[...browsers].map(([group, tally]) => `${tallyLine(group, tally)} in ${seconds(tally.ms)}`).join(' · ')}`);
      }
      console.log(stepTimesLine(readPipelineSteps(process.env), startedAt, Date.now()));
      if (skippedNames.length > 0) console.log(`Skipped (${skippedNames.length}):\n  ${skippedNames.join('\n  ')}`);
      for (const problem of problems) console.log(`FAILED: ${problem}`);
      if (problems.length > 0) process.exitCode = 1;

      const passed = [...tiers.values()].reduce((sum, tally) => sum + tally.passed, 0);
      const failedTests = [...tiers.values()].reduce((sum, tally) => sum + tally.failed, 0);
      const brokenFilesAndSuites = testModules
        .flatMap((module) => [module, ...module.children.allSuites()])
        .filter((part) => part.errors().length > 0).length;
      const result: PartResult = { passed, failed: failedTests + brokenFilesAndSuites + unhandledErrors.length + problems.length };
      // One part of npm test's two side by side: npm test prints the one closing line, for both.
      const part = readPipelineSteps(process.env)?.part;
      if (part) writeFileSync(part.resultFile, JSON.stringify(result));
      else console.log(`\n${closingLine(result)}`);
    },
  };
}

/** The plain summary without README counts: tiers, browsers and skips, then the closing line. */
export const plainSummary: Reporter = testRunSummary();

/** A tier ran whole when every file its project globs ran, unfiltered by name. */
async function wholeTiers(vitest: Vitest, testModules: ReadonlyArray<TestModule>): Promise<Set<string>> {
  const ran = new Set(testModules.map((module) => module.moduleId));
  const whole = new Set<string>();
  if (vitest.config.testNamePattern || vitest.config.shard) return whole;
  for (const project of vitest.projects) {
    const { testFiles } = await project.globTestFiles();
    if (testFiles.length > 0 && testFiles.every((file) => ran.has(file))) whole.add(project.name);
  }
  return whole;
}

function countProblems(whole: ReadonlySet<string>, tiers: Map<string, Tally>, browsers: Map<string, Tally>, readmeFile: string): string[] {
  if (whole.size === 0) return [];
  const stated = readTestCounts(readFileSync(readmeFile, 'utf8'));
  if (!stated) return [`README.md has no line matching ${String(testCountsPattern)}`];
  const counted = (tally: Tally | undefined) => (tally ? tally.passed + tally.failed + tally.skipped : 0);
  const measured: TestCounts = { ...stated };
  const compared: Array<keyof TestCounts> = [];
  for (const tier of ['unit', 'dist'] as const) {
    if (!whole.has(tier)) continue;
    measured[tier] = counted(tiers.get(tier));
    compared.push(tier);
  }
  if (whole.has('e2e')) {
    for (const group of ['chromium', 'firefox', 'no browser'] as const) {
      measured[group] = counted(browsers.get(group));
      compared.push(group);
    }
  }
  const differing = compared.filter((name) => measured[name] !== stated[name]);
  if (differing.length === 0) return [];
  const what = differing.map((name) => `${name} ${measured[name]} (README: ${stated[name]})`).join(', ');
  const fewer = differing.some((name) => measured[name] < stated[name]);
  return [
    `${fewer ? 'fewer tests ran than the README states (a narrowed run?)' : 'the README states fewer tests than ran'}: ${what}. ` +
      `If the change is meant, write in README.md: ${testCountsLine(measured)}`,
  ];
}
