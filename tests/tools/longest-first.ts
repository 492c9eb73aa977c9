import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order vitest starts test files in: tier by tier (groupOrder), and within a tier the longest first, from the
 * committed durations in tests/tools/file-durations.json rather than vitest's cache, which a fresh clone (every CI
 * run) does not have: without it a long file may start last and run alone at the end. A file the list does not know
 * yet starts first, as if it were the longest. `npx tsx tests/tools/file-durations.ts <vitest JSON report>...`
 * refreshes the list.
 */

export const fileDurationsPath = resolve(import.meta.dirname, 'file-durations.json');

/** Seconds each test file took in the measured run, by its path from the repository root. */
export type FileDurations = { measured: string; seconds: Record<string, number> };

export function readFileDurations(path = fileDurationsPath): FileDurations {
  return JSON.parse(readFileSync(path, 'utf8')) as FileDurations;
}

/** Files in start order: groupOrder, then project, then the longest (unknown: longest of all), then by path. */
export function longestFirst<File>(
  files: readonly File[],
  describe: (file: File) => { groupOrder: number; project: string; path: string },
  seconds: Readonly<Record<string, number>>,
): File[] {
  const keyed = files.map((file) => {
    const { groupOrder, project, path } = describe(file);
    return { file, groupOrder, project, path, seconds: seconds[path] ?? Number.POSITIVE_INFINITY };
  });
  keyed.sort(
    (a, b) =>
      a.groupOrder - b.groupOrder ||
      (a.project === b.project ? 0 : a.project < b.project ? -1 : 1) ||
      (a.seconds === b.seconds ? 0 : a.seconds > b.seconds ? -1 : 1) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  return keyed.map(({ file }) => file);
}

export class LongestFirstSequencer extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { seconds } = readFileDurations();
    const root = this.ctx.config.root;
    return Promise.resolve(
      longestFirst(
        files,
        (spec) => ({
          groupOrder: spec.project.config.sequence.groupOrder,
          project: spec.project.name,
          path: relative(root, spec.moduleId).split('\\').join('/'),
        }),
        seconds,
      ),
    );
  }
}
