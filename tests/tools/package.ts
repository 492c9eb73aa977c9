// `npm run package`: store-ready zips of the built extension, one per store family, and the source archive
// addons.mozilla.org asks for (minified bundles need their source and build instructions), in packages/.
// The zips are deterministic (tests/tools/zip.ts): the source archive rebuilds the Firefox zip byte for byte.

import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { filesUnder, writeZip, type ZipEntry } from './zip';

/** --out lets the tests package into a temporary folder instead of the git-ignored packages/. */
const PACKAGES_DIR = resolve(parseArgs({ options: { out: { type: 'string', default: 'packages' } } }).values.out);

/** Chrome Web Store and Edge Add-ons take the same MV3 zip; addons.mozilla.org gets the background-scripts build. */
const TARGETS = [
  { name: 'chrome', sourceDir: resolve('dist/chrome'), stores: 'Chrome Web Store, Edge Add-ons' },
  { name: 'firefox', sourceDir: resolve('dist/firefox'), stores: 'addons.mozilla.org' },
] as const;

/**
 * What building needs, and nothing else (no node_modules, no dist, no tests but this packaging):
 * `npm ci && npm run package` inside the unpacked archive writes the same zips.
 */
const SOURCE_PATHS = [
  '.nvmrc',
  'LICENSE',
  'README.md',
  'manifest.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'vite.config.ts',
  'public',
  'src',
  'tests/tools/package.ts',
  // vite.config.ts imports the test summary line's reporter (with the steps npm test hands it), which reads CI as the
  // override refusal does, the reliability check and the order test files start in.
  'tests/tools/longest-first.ts',
  'tests/tools/pipeline-steps.ts',
  'tests/tools/plain-summary.ts',
  'tests/tools/refuse-overrides.ts',
  'tests/tools/reliability-table.ts',
  'tests/tools/zip.ts',
] as const;
const BUILD_INSTRUCTIONS = 'BUILD.md';

function packageFileName(target: string, version: string): string {
  return `linkedin-ai-optout-${target}-${version}.zip`;
}

function sourceArchiveName(version: string): string {
  return `linkedin-ai-optout-source-${version}.zip`;
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

function viteVersion(): string {
  return (JSON.parse(readFileSync('node_modules/vite/package.json', 'utf8')) as { version: string }).version;
}

function buildInstructions(version: string): string {
  const npmVersion = /npm\/([\d.]+)/.exec(process.env.npm_config_user_agent ?? '')?.[1] ?? 'the one that comes with it';
  return `# Building AI Training Opt-Out for LinkedIn ${version} from source

The extension is TypeScript (\`src/\`), bundled and minified by Vite (\`vite.config.ts\`); \`public/\` holds the
icons and locales, \`manifest.json\` the manifest both browser builds start from. Nothing is fetched at build
time except the npm packages pinned in \`package-lock.json\`.

Requirements: Node.js 20.19 or newer (\`engines\` in \`package.json\`: what Vite ${viteVersion()} needs; \`.nvmrc\`
names the version the maintainers use, ${readFileSync('.nvmrc', 'utf8').trim()}; this archive was made with ${process.version})
and npm ${npmVersion}, on any system Node runs on (made and rebuilt on Debian 12; no other system was tried). Nothing in the output depends on the Node version: the zips are compressed
by fflate, a JavaScript library pinned in \`package-lock.json\`, not by Node's zlib.

\`\`\`sh
npm ci
npm run package
\`\`\`

\`npm run package\` builds \`dist/firefox\` (and \`dist/chrome\`) and writes
\`packages/${packageFileName('firefox', version)}\`: the zip submitted to addons.mozilla.org, byte for byte
(the zips are written deterministically by \`tests/tools/zip.ts\`: sorted entries, one fixed timestamp,
fflate's deflate). The licence is in \`LICENSE\` (MIT).
To compare only the files, unzip both; \`dist/firefox\` is the unpacked add-on.
`;
}

async function sourceEntries(version: string): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [{ name: BUILD_INSTRUCTIONS, data: Buffer.from(buildInstructions(version)) }];
  for (const path of SOURCE_PATHS) {
    if ((await stat(path)).isDirectory()) entries.push(...(await filesUnder(path)).map((entry) => ({ ...entry, name: `${path}/${entry.name}` })));
    else entries.push({ name: path, data: await readFile(path) });
  }
  return entries;
}

function displayPath(path: string): string {
  const fromHere = relative('.', path);
  return fromHere.startsWith('..') ? path : fromHere;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function writePackage(fileName: string, entries: ZipEntry[], what: string): Promise<void> {
  const path = join(PACKAGES_DIR, fileName);
  const zip = writeZip(entries);
  await writeFile(path, zip);
  console.log(`  ${displayPath(path)}  ${kilobytes(zip.length)}  (${what})`);
}

const version = packageVersion();
try {
  for (const target of TARGETS) assertBuilt(target.sourceDir, version);
  await mkdir(PACKAGES_DIR, { recursive: true });
  console.log(`Packaging linkedin-ai-optout ${version}:`);
  for (const target of TARGETS) await writePackage(packageFileName(target.name, version), await filesUnder(target.sourceDir), target.stores);
  await writePackage(sourceArchiveName(version), await sourceEntries(version), `source for addons.mozilla.org's review; see ${BUILD_INSTRUCTIONS} inside`);
} catch (error) {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`npm run package failed: ${detail}`);
  process.exitCode = 1;
}
