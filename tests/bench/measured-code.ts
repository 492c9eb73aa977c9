import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * What the bench's figures were measured on: the commit, and one hash over the built extension it loads
 * and the code that measures it (the LinkedIn simulator, the bench). A comment in src/ changes nothing
 * here; any change to the shipped code, the simulator or the bench does, and the bench must run again.
 */

export type MeasuredCode = { commit: string; hash: string };

/** Measured besides the built extension: the LinkedIn the bench runs against, and the bench itself. */
export const measuringCode = ['tests/simulator', 'tests/bench'];
/** Only words the README gets from a run's figures: rewording them changes no figure. */
const notMeasuring = new Set(['tests/bench/readme-table.ts']);

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** One hash over every file of the built extension (by its path inside it) and of the measuring code. */
export function measuredCodeHash(extensionDir: string, projectRoot = '.'): string {
  const hash = createHash('sha256');
  const add = (name: string, path: string) => hash.update(`${name}\0${String(statSync(path).size)}\0`).update(readFileSync(path));
  for (const path of files(extensionDir).sort()) add(`extension/${relative(extensionDir, path)}`, path);
  for (const path of measuringCode.flatMap((directory) => files(join(projectRoot, directory))).sort()) {
    if (!notMeasuring.has(relative(projectRoot, path))) add(relative(projectRoot, path), path);
  }
  return hash.digest('hex').slice(0, 16);
}

export function currentCommit(projectRoot = '.'): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=10', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'public', 'manifest.json', 'vite.config.ts', ...measuringCode], { cwd: projectRoot, encoding: 'utf8' }).trim();
    return dirty ? `${commit} with uncommitted changes` : commit;
  } catch {
    return 'unknown (no git)';
  }
}
