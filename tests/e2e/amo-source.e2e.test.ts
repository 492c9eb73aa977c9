// addons.mozilla.org reviews minified add-ons by building them from the source archive (README, Browsers: the store):
// unpack it in an empty folder, `npm ci` from the registry, `npm run package`, and the Firefox zip must
// come out byte for byte the one submitted.

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../tools/zip';

const run = promisify(execFile);
const VERSION = (JSON.parse(await readFile('package.json', 'utf8')) as { version: string }).version;
const submitted = (target: string) => join(workDir, 'submitted', `linkedin-ai-optout-${target}-${VERSION}.zip`);

let workDir: string;
let source: Map<string, () => Buffer>;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'linkedin-optout-amo-'));
  await run(resolve('node_modules/.bin/tsx'), ['tests/tools/package.ts', '--out', join(workDir, 'submitted')]);
  source = readZip(await readFile(join(workDir, 'submitted', `linkedin-ai-optout-source-${VERSION}.zip`)));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Names of the entries that differ between two zips, or are only in one. */
function differingEntries(a: Map<string, () => Buffer>, b: Map<string, () => Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((name) => !a.get(name)?.().equals(b.get(name)?.() ?? Buffer.alloc(0)) || !b.has(name)).sort();
}

describe('the source archive for addons.mozilla.org', () => {
  it('holds the sources, the lock file and build instructions; no node_modules, no build output', () => {
    const names = [...source.keys()];
    for (const required of ['BUILD.md', 'LICENSE', '.nvmrc', 'package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'src/background/index.ts', 'src/content/index.ts', 'src/popup/popup.html', 'public/_locales/en/messages.json']) {
      expect(names, required).toContain(required);
    }
    expect(names.filter((name) => /^(node_modules|dist|packages|artifacts)\//.test(name) || name.includes('/node_modules/'))).toEqual([]);
    const instructions = source.get('BUILD.md')!().toString('utf8');
    expect(instructions).toContain('npm ci');
    expect(instructions).toContain('npm run package');
    expect(instructions).toContain(`packages/linkedin-ai-optout-firefox-${VERSION}.zip`);
    // What the build needs, as package.json's engines says it.
    expect(instructions).toContain('Node.js 20.19 or newer');
    expect(source.get('LICENSE')!().toString('utf8')).toMatch(/^MIT License/);
  });

  it('builds, from an empty folder with npm ci, the submitted Firefox zip byte for byte', async () => {
    const buildDir = join(workDir, 'from-source');
    for (const [name, read] of source) {
      await mkdir(dirname(join(buildDir, name)), { recursive: true });
      await writeFile(join(buildDir, name), read());
    }
    // As a reviewer would, from the registry; the local npm cache only saves downloading again.
    await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: buildDir, timeout: 240_000 });
    await run('npm', ['run', 'package', '--', '--out', join(buildDir, 'out')], { cwd: buildDir, timeout: 120_000 });

    for (const target of ['firefox', 'chrome']) {
      const rebuilt = await readFile(join(buildDir, 'out', `linkedin-ai-optout-${target}-${VERSION}.zip`));
      const original = await readFile(submitted(target));
      const differences = differingEntries(readZip(rebuilt), readZip(original));
      expect(differences, `${target}: entries that differ`).toEqual([]);
      expect(rebuilt.equals(original), `${target}: same entries, yet the zip bytes differ`).toBe(true);
    }
  }, 300_000);
});
