import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetSizes, bundleBudgets, bundleSizes, popupScripts } from '../bench/bundle-sizes';

/** Every script the extension ships: no eval, no Function constructor, no code or data from elsewhere. */

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Both run on LinkedIn pages: content.js on every page outside the settings app, settings.js (the engine) inside it. */
const contentScripts = ['content.js', 'settings.js'];

const shipped = files('dist/chrome').filter((path) => /\.(js|html|css)$/.test(path));

describe('shipped code', () => {
  it('has a content script, a background script and a popup', () => {
    expect(shipped).toEqual(expect.arrayContaining(['dist/chrome/content.js', 'dist/chrome/settings.js', 'dist/chrome/background.js', 'dist/chrome/popup/popup.html']));
  });

  it.each(shipped)('%s has no eval, Function constructor or string timers', (path) => {
    const code = readFileSync(path, 'utf8');
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/new\s+Function\s*\(/);
    expect(code).not.toMatch(/\bFunction\s*\(\s*["'`]/);
    expect(code).not.toMatch(/setTimeout\s*\(\s*["'`]/);
  });

  it.each(shipped)('%s loads nothing from the network', (path) => {
    const code = readFileSync(path, 'utf8');
    expect(code).not.toMatch(/importScripts\s*\(/);
    expect(code).not.toMatch(/<script[^>]+src=["']https?:/i);
    expect(code).not.toMatch(/<link[^>]+href=["']https?:/i);
    expect(code).not.toMatch(/\bfetch\s*\(\s*["'`]https?:/);
    // Addresses in the code: LinkedIn's own, and identifiers that are never fetched (SVG namespace,
    // the JSON Schema dialect names inside zod).
    const hosts = [...code.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)].map((match) => match[1]);
    // linkedin.com alone appears only as a host-permission pattern (its session cookie's changes), never fetched.
    for (const host of hosts) expect(host).toMatch(/^((www\.)?linkedin\.com|www\.w3\.org|json-schema\.org)$/);
  });

  it.each(contentScripts)('the content script %s is one classic script: no import or export', (script) => {
    const code = readFileSync(`dist/chrome/${script}`, 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    // An IIFE as the minifier writes it: `(function(){…})()` or terser's `!function(){…}()`.
    expect(code.trimStart()).toMatch(/^(\(function|!function|var )/);
  });

  it('the Firefox build ships the same code as the Chrome build', () => {
    for (const path of shipped) {
      expect(readFileSync(path.replace('dist/chrome', 'dist/firefox'), 'utf8'), path).toBe(readFileSync(path, 'utf8'));
    }
  });
});

describe('Mozilla add-on linter', () => {
  it('reports 0 errors and 0 warnings on dist/firefox', () => {
    const output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(output.slice(output.indexOf('{'))) as {
      summary: { errors: number; warnings: number };
      errors: { code: string; message: string }[];
      warnings: { code: string; message: string }[];
    };
    expect([...report.errors, ...report.warnings].map((entry) => `${entry.code}: ${entry.message}`)).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);
});

/** The size budgets (README, Performance; `bundleBudgets`, gzip level 9 as in `npm run bench`); the popup counts every script it can load. */
describe('bundle budgets', () => {
  const sizes = budgetSizes(bundleSizes('dist/chrome'), 'dist/chrome');

  it("finds the popup's scripts", () => {
    expect(popupScripts('dist/chrome').length).toBeGreaterThan(0);
  });

  it.each(bundleBudgets)('$bundle stays within $enforcedBytes bytes gzip', ({ bundle, enforcedBytes }) => {
    const size = sizes.find((entry) => entry.bundle === bundle);
    expect(size?.gzipBytes, `${bundle}: ${size?.files.join(' + ')}: ${String(size?.gzipBytes)} bytes gzip, budget ${String(enforcedBytes)}`).toBeLessThanOrEqual(enforcedBytes);
  });
});
