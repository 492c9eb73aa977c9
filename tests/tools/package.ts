// `npm run package`: store-ready zips of the built extension, one per store family, in packages/.
// web-ext (a devDependency) zips both folders: its build step neither lints nor needs a Firefox-only manifest.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';

/** --out lets the tests package into a temporary folder instead of the git-ignored packages/. */
const PACKAGES_DIR = resolve(parseArgs({ options: { out: { type: 'string', default: 'packages' } } }).values.out);

/** Chrome Web Store and Edge Add-ons take the same MV3 zip; addons.mozilla.org gets the background-scripts build. */
const TARGETS = [
  { name: 'chrome', sourceDir: resolve('dist/chrome'), stores: 'Chrome Web Store, Edge Add-ons' },
  { name: 'firefox', sourceDir: resolve('dist/firefox'), stores: 'addons.mozilla.org' },
] as const;

export function packageFileName(target: string, version: string): string {
  return `linkedin-ai-optout-${target}-${version}.zip`;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
}

/** A stale dist would ship the wrong version under the right file name. */
function assertBuilt(sourceDir: string, version: string): void {
  const manifestPath = join(sourceDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No build in ${relative('.', sourceDir)}: run \`npm run package\` (it builds first) or \`npm run build\`.`);
  const built = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { version?: string }).version;
  if (built !== version) throw new Error(`${relative('.', manifestPath)} says version ${String(built)}, package.json ${version}: run \`npm run build\`.`);
}

function webExtCli(): string {
  // web-ext's "exports" hide package.json and bin/: resolve its entry and walk to the CLI next to it.
  return join(dirname(createRequire(import.meta.url).resolve('web-ext')), 'bin', 'web-ext.js');
}

async function zipWithWebExt(sourceDir: string, fileName: string): Promise<string> {
  const args = [webExtCli(), 'build', '--source-dir', sourceDir, '--artifacts-dir', PACKAGES_DIR, '--filename', fileName, '--overwrite-dest', '--no-config-discovery'];
  await promisify(execFile)(process.execPath, args);
  const path = join(PACKAGES_DIR, fileName);
  if (!existsSync(path)) throw new Error(`web-ext reported success but wrote no ${displayPath(path)}`);
  return path;
}

function displayPath(path: string): string {
  const fromHere = relative('.', path);
  return fromHere.startsWith('..') ? path : fromHere;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

const version = packageVersion();
try {
  for (const target of TARGETS) assertBuilt(target.sourceDir, version);
  console.log(`Packaging linkedin-ai-optout ${version}:`);
  for (const target of TARGETS) {
    const path = await zipWithWebExt(target.sourceDir, packageFileName(target.name, version));
    console.log(`  ${displayPath(path)}  ${kilobytes(statSync(path).size)}  (${target.stores})`);
  }
} catch (error) {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`npm run package failed: ${detail}`);
  process.exitCode = 1;
}
