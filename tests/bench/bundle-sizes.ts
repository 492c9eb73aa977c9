import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Every file in the built Chrome extension, raw and gzipped (level 9, as stores and CDNs compress). */

export type FileSize = { file: string; rawBytes: number; gzipBytes: number };

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function bundleSizes(distDir = 'dist/chrome'): FileSize[] {
  return files(distDir)
    .map((path) => {
      const content = readFileSync(path);
      return { file: relative(distDir, path), rawBytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Every script the popup page can load: those its HTML names, and every chunk one of them names, lazily
 * imported ones included (any mention of a chunk's file name counts, so nothing reachable is missed).
 */
export function popupScripts(distDir = 'dist/chrome'): string[] {
  const html = readFileSync(join(distDir, 'popup/popup.html'), 'utf8');
  const chunks = files(join(distDir, 'assets'))
    .filter((path) => path.endsWith('.js'))
    .map((path) => relative(distDir, path));
  const reached = new Set(chunks.filter((chunk) => html.includes(`../${chunk}"`)));
  for (const script of reached) {
    const code = readFileSync(join(distDir, script), 'utf8');
    for (const chunk of chunks) if (code.includes(basename(chunk))) reached.add(chunk);
  }
  return [...reached].sort();
}

/** The entry points a browser loads: the two content scripts, the worker, and the popup with every file it can load. */
export function entryPoints(sizes: FileSize[], distDir = 'dist/chrome'): Array<FileSize & { parts: string[] }> {
  const sum = (name: string, parts: FileSize[]) => ({
    file: name,
    rawBytes: parts.reduce((total, part) => total + part.rawBytes, 0),
    gzipBytes: parts.reduce((total, part) => total + part.gzipBytes, 0),
    parts: parts.map((part) => part.file),
  });
  const byName = (file: string) => sizes.filter((size) => size.file === file);
  const popupHtml = readFileSync(join(distDir, 'popup/popup.html'), 'utf8');
  const popupAssets = [...popupHtml.matchAll(/(?:src|href)="\.\.\/([^"]+)"/g)].map((match) => match[1] as string).concat(popupScripts(distDir));
  return [
    sum('content.js', byName('content.js')),
    sum('settings.js', byName('settings.js')),
    sum('background.js', byName('background.js')),
    sum('popup (html + js + css)', sizes.filter((size) => size.file === 'popup/popup.html' || popupAssets.includes(size.file))),
  ];
}

/**
 * The size budgets (gzip level 9), one list for the bench's table and the dist tests. `enforcedBytes`
 * is what `npm run test:dist` fails above: the budget, or for a bundle that still misses it, its size when the
 * miss was measured, so that it can only shrink.
 */
export type BundleBudget = { bundle: string; files: (distDir: string) => string[]; budgetBytes: number; enforcedBytes: number };

export const bundleBudgets: readonly BundleBudget[] = [
  { bundle: 'popup JS (every script it loads)', files: popupScripts, budgetBytes: 20 * 1024, enforcedBytes: 20 * 1024 },
  // 28,526 bytes on 2026-12-04, 2,926 over: since it imports a log, reads an organisation's policy, binds the member
  // to LinkedIn's session and runs the checkup in two helper tabs.
  { bundle: 'background.js', files: () => ['background.js'], budgetBytes: 25 * 1024, enforcedBytes: 28_526 },
  { bundle: 'content.js (every LinkedIn page)', files: () => ['content.js'], budgetBytes: 6 * 1024, enforcedBytes: 6 * 1024 },
  // The engine, only in the settings app: 7,216 bytes on 2026-12-04 (held at that plus 16), 1,072 over, since it proves what
  // the page shows (exact labels, evidence the value arrived, the page-shape report: docs/linkedin.md §2, §3) and puts each
  // click on record first.
  { bundle: 'settings.js (the settings app)', files: () => ['settings.js'], budgetBytes: 6 * 1024, enforcedBytes: 7216 + 16 },
];

export type BudgetSize = { bundle: string; files: string[]; rawBytes: number; gzipBytes: number; budgetBytes: number };

/** Each budgeted bundle's size in a built extension. */
export function budgetSizes(sizes: FileSize[], distDir = 'dist/chrome'): BudgetSize[] {
  return bundleBudgets.map((budget) => {
    const files = budget.files(distDir);
    const parts = sizes.filter((size) => files.includes(size.file));
    if (parts.length !== files.length) throw new Error(`${budget.bundle}: not all of ${files.join(', ')} were built`);
    return {
      bundle: budget.bundle,
      files,
      rawBytes: parts.reduce((total, part) => total + part.rawBytes, 0),
      gzipBytes: parts.reduce((total, part) => total + part.gzipBytes, 0),
      budgetBytes: budget.budgetBytes,
    };
  });
}
