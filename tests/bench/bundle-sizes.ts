import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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

/** The entry points a browser loads: the two content scripts, the worker, and the popup with what its HTML pulls in. */
export function entryPoints(sizes: FileSize[], distDir = 'dist/chrome'): Array<FileSize & { parts: string[] }> {
  const sum = (name: string, parts: FileSize[]) => ({
    file: name,
    rawBytes: parts.reduce((total, part) => total + part.rawBytes, 0),
    gzipBytes: parts.reduce((total, part) => total + part.gzipBytes, 0),
    parts: parts.map((part) => part.file),
  });
  const byName = (file: string) => sizes.filter((size) => size.file === file);
  const popupHtml = readFileSync(join(distDir, 'popup/popup.html'), 'utf8');
  const popupAssets = [...popupHtml.matchAll(/(?:src|href)="\.\.\/([^"]+)"/g)].map((match) => match[1] as string);
  return [
    sum('content.js', byName('content.js')),
    sum('settings.js', byName('settings.js')),
    sum('background.js', byName('background.js')),
    sum('popup (html + js + css)', sizes.filter((size) => size.file === 'popup/popup.html' || popupAssets.includes(size.file))),
  ];
}
