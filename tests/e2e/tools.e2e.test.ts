// The two developer commands end to end: `npm run package` (its zips) and `npm start` headless (the acted-out demo).
// Both scripts run as child processes on the already-built dist/, into temporary folders, so a test run never
// rebuilds dist/ under other tests nor touches packages/, artifacts/ or a person's demo profile.

import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSION_DIR } from '../harness/browser';
import { noteBrowserUsed } from '../harness/browser-use';
import { unpackedExtensionId } from '../tools/start';
import { readZip } from '../tools/zip';

const TSX = resolve('node_modules/.bin/tsx');
const VERSION = (JSON.parse(await readFile('package.json', 'utf8')) as { version: string }).version;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a tools script with tsx; never rejects, so a failure shows its output in the assertion. */
function runTool(script: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 90_000): Promise<Run> {
  const startedAt = Date.now();
  return new Promise((resolveRun) => {
    execFile(TSX, [script, ...args], { env, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolveRun({ code, stdout, stderr, ms: Date.now() - startedAt });
    });
  });
}

/** The environment of a machine without a desktop session. */
function withoutDisplay(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'linkedin-optout-tools-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('npm run package', () => {
  let run: Run;
  const outDir = () => join(workDir, 'packages');

  beforeAll(async () => {
    run = await runTool('tests/tools/package.ts', ['--out', outDir()]);
  });

  it('writes both zips and the source archive, and names them with their sizes', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(outDir()).sort()).toEqual([
      `linkedin-ai-optout-chrome-${VERSION}.zip`,
      `linkedin-ai-optout-firefox-${VERSION}.zip`,
      `linkedin-ai-optout-source-${VERSION}.zip`,
    ]);
    expect(run.stdout).toMatch(new RegExp(`linkedin-ai-optout-chrome-${VERSION.replaceAll('.', '\\.')}\\.zip\\s+[\\d.]+ KB`));
    expect(run.stdout).toMatch(new RegExp(`linkedin-ai-optout-firefox-${VERSION.replaceAll('.', '\\.')}\\.zip\\s+[\\d.]+ KB`));
  });

  it.each([
    ['chrome', { service_worker: 'background.js' }],
    ['firefox', { scripts: ['background.js'] }],
  ] as const)('%s: manifest.json at the root with the version and its background form, and content.js', async (target, background) => {
    const entries = readZip(await readFile(join(outDir(), `linkedin-ai-optout-${target}-${VERSION}.zip`)));
    const manifestEntry = entries.get('manifest.json');
    expect(manifestEntry, `entries: ${[...entries.keys()].join(', ')}`).toBeDefined();
    const manifest = JSON.parse(manifestEntry?.().toString('utf8') ?? '{}') as { version?: string; manifest_version?: number; background?: unknown };
    expect(manifest).toMatchObject({ manifest_version: 3, version: VERSION });
    expect(manifest.background).toEqual(background);
    expect(entries.get('content.js')?.().length ?? 0).toBeGreaterThan(0);
    expect(entries.has('background.js')).toBe(true);
    expect(entries.has('popup/popup.html')).toBe(true);
    // The folder's contents at the root, not the folder itself.
    expect([...entries.keys()].filter((name) => /^(dist|chrome|firefox)\//.test(name))).toEqual([]);
  });
});

describe('npm start without a display', () => {
  it('acts the opt-out out on the simulator, headless, and leaves screenshots', async () => {
    const outDir = join(workDir, 'start-artifacts');
    noteBrowserUsed('chromium');
    const run = await runTool('tests/tools/start.ts', ['--headless', '--fresh', '--profile', join(workDir, 'profile'), '--out', outDir], withoutDisplay());
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.code, output).toBe(0);
    expect(run.ms, 'runtime of the headless demo').toBeLessThan(60_000);

    const named = /screenshots go to (.+?)\/?$/m.exec(run.stdout)?.[1];
    expect(named && resolve(named), output).toBe(outDir);
    const shots = readdirSync(outDir).filter((name) => name.endsWith('.png')).sort();
    expect(shots).toEqual(['01-linkedin-feed.png', '02-popup-before.png', '03-popup-after.png', '04-popup-checked.png']);
    for (const shot of shots) expect(run.stdout).toContain(join(outDir, shot));

    expect(run.stdout).toMatch(/^Turned off for Jana Schmidt in \d+\.\d s, verified after a fresh load/m);
    // The popup URL it prints uses the id --live computes without a browser to ask.
    expect(run.stdout).toContain(`chrome-extension://${unpackedExtensionId(DEFAULT_EXTENSION_DIR)}/popup/popup.html`);
  });

  it('--firefox: the same demo in Firefox ESR, headless, with the same screenshots', async () => {
    const outDir = join(workDir, 'start-firefox');
    noteBrowserUsed('firefox');
    const run = await runTool('tests/tools/start.ts', ['--firefox', '--out', outDir], withoutDisplay());
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.code, output).toBe(0);
    expect(run.stdout).toContain('acting it out on the simulator in Firefox');
    const shots = readdirSync(outDir).filter((name) => name.endsWith('.png')).sort();
    expect(shots).toEqual(['01-linkedin-feed.png', '02-popup-before.png', '03-popup-after.png', '04-popup-checked.png']);
    for (const shot of shots) expect((await readFile(join(outDir, shot))).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(run.stdout).toMatch(/^Turned off for Jana Schmidt in \d+\.\d s, verified after a fresh load/m);
    expect(run.stdout).toMatch(/Extension popup: moz-extension:\/\/[0-9a-f-]{36}\/popup\/popup\.html/);
  });

  // Three quick refusals, run side by side: each fails before any browser or server starts.
  it('refuses clearly: --live without a display, Chromium missing, no built extension', async () => {
    const [live, noChromium, noBuild] = await Promise.all([
      runTool('tests/tools/start.ts', ['--live', '--profile', join(workDir, 'live-profile')], withoutDisplay()),
      runTool('tests/tools/start.ts', ['--headless', '--profile', join(workDir, 'p2')], withoutDisplay({ CHROMIUM_PATH: join(workDir, 'no-chromium') })),
      runTool('tests/tools/start.ts', ['--headless', '--profile', join(workDir, 'p3')], withoutDisplay({ EXTENSION_DIR: join(workDir, 'no-dist') })),
    ]);
    expect(live.code).toBe(1);
    expect(live.stderr).toMatch(/--live opens real LinkedIn .* needs a window \(no DISPLAY or WAYLAND_DISPLAY is set\)/);
    expect(existsSync(join(workDir, 'live-profile'))).toBe(false);

    expect(noChromium.code).toBe(1);
    expect(noChromium.stderr).toContain('sudo apt-get install -y chromium');
    expect(noChromium.stderr).toContain('CHROMIUM_PATH');

    expect(noBuild.code).toBe(1);
    expect(noBuild.stderr).toMatch(/No built extension in .*npm run build/);
  });
});
