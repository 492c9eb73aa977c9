import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { popupScripts } from '../bench/bundle-sizes';

/** The popup's budget counts what it can load: chunks named by its HTML, and every chunk they import, lazily or not. */
describe('popup scripts', () => {
  let distDir = '';
  afterEach(() => rmSync(distDir, { recursive: true, force: true }));

  function dist(files: Record<string, string>): string {
    distDir = mkdtempSync(join(tmpdir(), 'bundle-sizes-'));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(distDir, path, '..'), { recursive: true });
      writeFileSync(join(distDir, path), content);
    }
    return distDir;
  }

  it('follows static and lazy imports from the page, and leaves out chunks nothing names', () => {
    const directory = dist({
      'popup/popup.html': '<script type="module" src="../assets/popup-a1.js"></script><link rel="stylesheet" href="../assets/popup-a1.css">',
      'assets/popup-a1.js': 'import{s}from"./shared-b2.js";document.onclick=()=>import("./history-c3.js");',
      'assets/shared-b2.js': 'export const s=1;',
      'assets/history-c3.js': 'import{t}from"./table-d4.js";',
      'assets/table-d4.js': 'export const t=2;',
      'assets/options-e5.js': 'export const o=3;',
      'assets/popup-a1.css': 'main{}',
    });
    expect(popupScripts(directory)).toEqual(['assets/history-c3.js', 'assets/popup-a1.js', 'assets/shared-b2.js', 'assets/table-d4.js']);
  });
});
