/// <reference types="vitest/config" />
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import { LongestFirstSequencer } from './tests/tools/longest-first.ts';
import { readPipelineSteps } from './tests/tools/pipeline-steps.ts';
import { testRunSummary } from './tests/tools/plain-summary.ts';
import { reliabilityFiguresCheck } from './tests/tools/reliability-table.ts';

const projectRoot = import.meta.dirname;
const chromeDir = resolve(projectRoot, 'dist/chrome');
const firefoxDir = resolve(projectRoot, 'dist/firefox');

/** Entry points that must be classic scripts: one self-contained IIFE file each. */
const classicScriptEntries = {
  content: 'src/content/index.ts',
  settings: 'src/content/settings.ts',
  background: 'src/background/index.ts',
} as const;

const firefoxGeckoSettings = {
  id: 'linkedin-ai-optout@extension',
  // Desktop reads data_collection_permissions from 140, Firefox for Android from 142; this one minimum is held
  // to both by addons.mozilla.org's linter, so 142 (Android is not offered: it has never been run there).
  strict_min_version: '142.0',
  data_collection_permissions: { required: ['none'] },
};

/** Content scripts declared in a manifest are classic scripts: an import would stop them silently. */
function assertClassicScript(name: string, code: string): void {
  if (/^\s*(import|export)\b/m.test(code) || /\bimport\s*\(/.test(code)) {
    throw new Error(`${name}.js contains an ES module import/export and would never run as a classic script`);
  }
}

/**
 * The content scripts are minified by terser's multi-pass compression: about 3% smaller there than the
 * built-in minifier, which their budget (6 KB gzip, README Performance) needs. Not the background, whose unused zod
 * code only the built-in minifier drops. Inlining only simple functions, single quotes throughout and no Safari 10
 * workarounds (vite's default; the extension runs in Chrome 102+ and Firefox 142+): 38 B less gzip on settings.js
 * and 11 B on content.js, measured side by side.
 */
const contentScriptMinify = {
  minify: 'terser',
  terserOptions: { ecma: 2020, safari10: false, compress: { passes: 3, inline: 1 }, format: { comments: false, quote_style: 1 } },
} as const;

async function buildClassicScript(name: keyof typeof classicScriptEntries): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: chromeDir,
      emptyOutDir: false,
      minify: true,
      ...(name === 'background' ? {} : contentScriptMinify),
      target: 'es2022',
      lib: {
        entry: resolve(projectRoot, classicScriptEntries[name]),
        formats: ['iife'],
        name: `linkedinAiOptout_${name}`,
        fileName: () => `${name}.js`,
      },
    },
  });
  assertClassicScript(name, await readFile(resolve(chromeDir, `${name}.js`), 'utf8'));
}

async function writeManifests(): Promise<void> {
  const packageJson = JSON.parse(await readFile(resolve(projectRoot, 'package.json'), 'utf8')) as { version: string; homepage: string };
  const manifest = JSON.parse(await readFile(resolve(projectRoot, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  // The project's page, where the popup's privacy and "Report a problem" links point: kept once, in package.json.
  const chromeManifest = { ...manifest, version: packageJson.version, homepage_url: packageJson.homepage };
  await writeFile(resolve(chromeDir, 'manifest.json'), `${JSON.stringify(chromeManifest, null, 2)}\n`);

  await rm(firefoxDir, { recursive: true, force: true });
  await cp(chromeDir, firefoxDir, { recursive: true });
  // Firefox states its own minimum (strict_min_version) and warns about Chrome's key.
  const sharedManifest: Record<string, unknown> = { ...chromeManifest };
  delete sharedManifest.minimum_chrome_version;
  // Firefox reads the same managed keys from policies.json, without a schema (docs/organisations.md).
  delete sharedManifest.storage;
  await rm(resolve(firefoxDir, 'managed_schema.json'));
  const firefoxManifest = {
    ...sharedManifest,
    background: { scripts: ['background.js'] },
    browser_specific_settings: { gecko: firefoxGeckoSettings },
  };
  await writeFile(resolve(firefoxDir, 'manifest.json'), `${JSON.stringify(firefoxManifest, null, 2)}\n`);
}

/** After the popup build: the classic-script entries, then one manifest per browser. */
function extensionBundles(): Plugin {
  return {
    name: 'extension-bundles',
    apply: 'build',
    async closeBundle() {
      await buildClassicScript('content');
      await buildClassicScript('settings');
      await buildClassicScript('background');
      await writeManifests();
    },
  };
}

export default defineConfig({
  root: resolve(projectRoot, 'src'),
  publicDir: resolve(projectRoot, 'public'),
  base: './',
  plugins: [extensionBundles()],
  build: {
    outDir: chromeDir,
    emptyOutDir: true,
    target: 'es2022',
    // Extension pages allow only 'self' scripts: no inline preload helper.
    modulePreload: false,
    rollupOptions: {
      input: { popup: resolve(projectRoot, 'src/popup/popup.html') },
    },
  },
  test: {
    root: projectRoot,
    // The closing line, tests per tier and browser, and a whole run's counts and reliability figures held to the README.
    reporters: ['default', testRunSummary({ readmeFile: resolve(projectRoot, 'README.md'), wholeRunChecks: [reliabilityFiguresCheck] })],
    // A committed .only would silently drop the rest of its file: it fails instead, everywhere.
    allowOnly: false,
    // Longest files first, from committed durations: a fresh clone has no duration cache to order by.
    sequence: { sequencer: LongestFirstSequencer },
    globalSetup: ['tests/tools/refuse-overrides.ts'],
    // Two test files at a time on two cores: an end-to-end test mostly waits (quiet periods, page loads), so a
    // second browser uses the idle core; the tiers still run one after another (groupOrder). npm test runs three
    // end-to-end files at a time, and the unit and dist tiers beside them, one file at a time.
    maxWorkers: readPipelineSteps(process.env)?.part?.workers ?? 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'happy-dom',
          // Each file still gets its own window and module graph, in a VM context of a kept worker thread: a new
          // worker per file loaded vitest, happy-dom and zod anew, about 1.5 s of CPU for each of the files, the most
          // of the tier's time after the generated pages.
          pool: 'vmThreads',
          // Property tests run thousands of seeded cases: on two busy cores they take a few times vitest's 5 s default,
          // which is no bound anyone chose; this one still fails a test that stalls.
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'dist',
          include: ['tests/dist/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One module graph per worker, so its Chromium and Firefox are kept from file to file (tests/harness/kept-browsers.ts).
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          setupFiles: ['tests/e2e/count-browser-use.ts'],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
