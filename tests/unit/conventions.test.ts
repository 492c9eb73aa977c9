import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** House rules that a reviewer should not have to check by eye. */

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sources(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1] as string);
}

const contexts = ['background', 'content', 'popup'] as const;

describe('execution contexts', () => {
  it.each(contexts)('src/%s imports only itself and src/shared', (context) => {
    for (const file of sources(`src/${context}`)) {
      for (const target of importsOf(file)) {
        for (const other of contexts.filter((name) => name !== context)) {
          expect(target, `${file} imports ${target}`).not.toMatch(new RegExp(`(^|/)${other}/`));
        }
      }
    }
  });

  it('src/shared imports no execution context', () => {
    for (const file of sources('src/shared')) {
      for (const target of importsOf(file)) expect(target, file).not.toMatch(/(^|\/)(background|content|popup)\//);
    }
  });

  it('only src/shared/browser/polyfilled-browser.ts imports webextension-polyfill', () => {
    const importers = sources('src').filter((file) => importsOf(file).includes('webextension-polyfill'));
    expect(importers).toEqual(['src/shared/browser/polyfilled-browser.ts']);
  });

  /** The files an entry runs (type-only imports left out: they vanish from the bundle). */
  function runtimeFiles(entry: string): Map<string, string> {
    const reachable = new Map<string, string>();
    const visit = (file: string) => {
      if (reachable.has(file)) return;
      const source = readFileSync(file, 'utf8');
      reachable.set(file, source);
      for (const match of source.matchAll(/^import\s+(type\s+)?[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
        if (!match[1]) visit(join(file, '..', `${match[2]}.ts`));
      }
    };
    visit(entry);
    return reachable;
  }

  it('the content script pulls in neither zod nor the polyfill: every LinkedIn page pays for its size', () => {
    const reachable = runtimeFiles('src/content/index.ts');
    expect(reachable.size).toBeGreaterThan(5);
    for (const [file, source] of reachable) {
      expect(source.match(/^import\s+(?!type)[^'"]*from\s+['"]zod(\/mini)?['"]/m), `${file} imports zod`).toBeNull();
      expect(file, 'the content script reaches the extension through src/shared/messages/content-sender.ts').not.toBe('src/shared/browser/polyfilled-browser.ts');
    }
  });

  it('the popup runs without the polyfill: its budget is 20 KB (issue #14)', () => {
    const reachable = runtimeFiles('src/popup/popup.ts');
    expect(reachable.size).toBeGreaterThan(5);
    expect([...reachable.keys()], 'the popup reaches the extension through src/shared/browser/extension-page-browser.ts').not.toContain('src/shared/browser/polyfilled-browser.ts');
  });
});

describe('rules are data', () => {
  it('no module but the rules table names a rule id: a new setting is one entry there, not a branch elsewhere', async () => {
    const { ruleIds } = await import('../../src/shared/rules/setting-rules');
    const offenders = sources('src')
      .filter((file) => file !== 'src/shared/rules/setting-rules.ts')
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return ruleIds.filter((ruleId) => new RegExp(`['"\`]${ruleId}['"\`]`).test(text)).map((ruleId) => `${file}: ${ruleId}`);
      });
    expect(offenders).toEqual([]);
    expect(ruleIds.length).toBeGreaterThan(10);
  });
});

describe('no focused or skipped tests', () => {
  it('has none', () => {
    const offenders = sources('tests').filter((file) => /\b(it|test|describe)\.(only|skip|todo)\(|\bx(it|describe)\(/.test(readFileSync(file, 'utf8')));
    // The summary's fixtures hold one of each on purpose: tests/unit/plain-summary.test.ts proves the run fails on them.
    expect(offenders.filter((file) => !file.endsWith('conventions.test.ts') && !file.includes('tests/tools/summary-fixture/'))).toEqual([]);
  });
});
