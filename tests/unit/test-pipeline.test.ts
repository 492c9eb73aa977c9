import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import projectConfig from '../../vite.config';
import { fileSecondsOf } from '../tools/file-durations';
import { LongestFirstSequencer, longestFirst, readFileDurations } from '../tools/longest-first';
import { pipelineStepsVariable, readPipelineSteps } from '../tools/pipeline-steps';
import { closingLine, minutesAndSeconds, stepTimesLine } from '../tools/plain-summary';

/** The order test files start in, the committed durations it comes from, and the times every run ends with. */

const projectRoot = resolve(import.meta.dirname, '../..');

describe('test files start longest first', () => {
  const file = (project: string, path: string, groupOrder = 0) => ({ project, path, groupOrder });
  const order = (files: ReturnType<typeof file>[], seconds: Record<string, number>) =>
    longestFirst(files, (each) => each, seconds).map((each) => each.path);

  it('by the committed seconds, the longest first, within a tier', () => {
    expect(order([file('e2e', 'a'), file('e2e', 'b'), file('e2e', 'c')], { a: 10, b: 300, c: 40 })).toEqual(['b', 'c', 'a']);
  });

  it('a file the list does not know starts before every known one, as if it were the longest', () => {
    expect(order([file('e2e', 'known'), file('e2e', 'new')], { known: 900 })).toEqual(['new', 'known']);
  });

  it('tiers keep their order (groupOrder first, then the project), however long their files are', () => {
    const files = [file('e2e', 'long end to end', 2), file('unit', 'short unit', 0), file('dist', 'built', 1), file('unit', 'long unit', 0)];
    expect(order(files, { 'long end to end': 700, 'short unit': 1, built: 2, 'long unit': 40 })).toEqual(['long unit', 'short unit', 'built', 'long end to end']);
  });

  it('files of equal length in the order of their paths, so every run starts the same', () => {
    expect(order([file('e2e', 'b'), file('e2e', 'a')], { a: 5, b: 5 })).toEqual(['a', 'b']);
  });

  it('is the sequencer of the project', () => {
    expect(projectConfig.test?.sequence?.sequencer).toBe(LongestFirstSequencer);
  });

  it('the committed list names only files that exist, each with a measured positive time', () => {
    const { seconds } = readFileDurations();
    expect(Object.keys(seconds).length).toBeGreaterThan(0);
    for (const [path, value] of Object.entries(seconds)) {
      expect(existsSync(resolve(projectRoot, path)), path).toBe(true);
      expect(value, path).toBeGreaterThan(0);
    }
  });
});

describe('the durations come from a vitest JSON report', () => {
  const report = (names: string[]) => ({
    startTime: 0,
    testResults: names.map((name, index) => ({ name, startTime: 1_000, endTime: 1_000 + 1_234 * (index + 1) })),
  });

  it('each file’s wall time in seconds, by its path in the repository, also from a report of another checkout', () => {
    const seconds = fileSecondsOf(report([`${projectRoot}/tests/e2e/here.e2e.test.ts`, '/elsewhere/checkout/tests/unit/there.test.ts']), projectRoot);
    expect(seconds).toEqual({ 'tests/e2e/here.e2e.test.ts': 1.23, 'tests/unit/there.test.ts': 2.47 });
    // A file done within 5 ms still has a time: the committed list holds only positive ones.
    const instant = { startTime: 0, testResults: [{ name: `${projectRoot}/tests/unit/instant.test.ts`, startTime: 1_000, endTime: 1_003 }] };
    expect(fileSecondsOf(instant, projectRoot)).toEqual({ 'tests/unit/instant.test.ts': 0.01 });
  });

  it('refuses a file outside any tests/ folder and a file without times', () => {
    expect(() => fileSecondsOf(report(['/elsewhere/src/main.ts']), projectRoot)).toThrow(/neither in this repository nor under a tests\/ folder/);
    const unfinished = { startTime: 0, testResults: [{ name: `${projectRoot}/tests/unit/a.test.ts`, startTime: 1, endTime: Number.NaN }] };
    expect(() => fileSecondsOf(unfinished, projectRoot)).toThrow(/no start or end time/);
  });
});

describe('every run ends with the time of each step', () => {
  const steps = { startedAt: 0, checksMs: 19_400, checks: [{ name: 'build', ms: 4_200 }, { name: 'typecheck', ms: 18_600 }, { name: 'lint', ms: 12_900 }] };

  it('the checks side by side, the tests and the whole npm test', () => {
    expect(stepTimesLine(steps, 20_000, 461_000)).toBe('Time: build 4 s, typecheck 19 s, lint 13 s (side by side: 19 s) · tests 441 s · whole npm test 7 min 41 s');
  });

  it('only the tests when vitest was started on its own', () => {
    expect(stepTimesLine(null, 1_000, 62_000)).toBe('Time: tests 61 s');
  });

  it('reads what npm test handed over, and nothing from a value that is not its own', () => {
    expect(readPipelineSteps({ [pipelineStepsVariable]: JSON.stringify(steps) })).toEqual(steps);
    expect(readPipelineSteps({})).toBeNull();
    expect(readPipelineSteps({ [pipelineStepsVariable]: 'not json' })).toBeNull();
    expect(readPipelineSteps({ [pipelineStepsVariable]: JSON.stringify({ ...steps, checks: [{ name: 'build' }] }) })).toBeNull();
  });

  it('reads the part of a side-by-side run, and refuses a part without a file or with no workers', () => {
    const part = { name: 'unit and dist', resultFile: '/tmp/part.json', workers: 1 };
    expect(readPipelineSteps({ [pipelineStepsVariable]: JSON.stringify({ ...steps, part }) })?.part).toEqual(part);
    expect(readPipelineSteps({ [pipelineStepsVariable]: JSON.stringify({ ...steps, part: { ...part, resultFile: undefined } }) })).toBeNull();
    expect(readPipelineSteps({ [pipelineStepsVariable]: JSON.stringify({ ...steps, part: { ...part, workers: 0 } }) })).toBeNull();
  });

  it('the closing line CI reads', () => {
    expect(closingLine({ passed: 1115, failed: 0 })).toBe('1115 passed, 0 failed');
  });

  it('minutes from a minute on', () => {
    expect([minutesAndSeconds(59_400), minutesAndSeconds(60_000), minutesAndSeconds(479_600)]).toEqual(['59 s', '1 min 0 s', '8 min 0 s']);
  });
});
