import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

/** House rules that a reviewer should not have to check by eye. */

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sources(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

/** Every module a source names: imports (type-only too), re-exports, side-effect and dynamic imports. */
function specifiersIn(source: string): string[] {
  const forms = [/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  return forms.flatMap((form) => [...source.matchAll(form)].map((match) => match[1] as string));
}

function importsOf(path: string): string[] {
  return specifiersIn(readFileSync(path, 'utf8'));
}

/** The repository path a relative specifier names (`src/shared/log/log-schema.ts`); packages stay as they are. */
function targetOf(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const path = posix.join(posix.dirname(file), specifier);
  return /\.[cm]?[jt]s$/.test(path) ? path : `${path}.ts`;
}

const contexts = ['background', 'content', 'popup'] as const;

/**
 * The folders of src/shared, lowest first: each imports only the folders named on its line (README, Layout).
 * browser/ and validation/ stand on nothing; the log is built from rules and outcomes and never knows the
 * messages that carry it; storage ties the log, the preferences and the operation's messages together.
 */
const sharedFolders = {
  browser: [],
  validation: [],
  rules: ['validation'],
  preferences: ['validation', 'rules'],
  log: ['validation', 'rules', 'preferences'],
  messages: ['validation', 'rules', 'preferences', 'log', 'browser'],
  storage: ['validation', 'rules', 'preferences', 'log', 'messages'],
} as const satisfies Record<string, readonly string[]>;
type SharedFolder = keyof typeof sharedFolders;

/** Each import from one shared folder into another that the table does not allow, as a sentence naming both files. */
function folderViolations(files: ReadonlyMap<string, string>): string[] {
  const folderOf = (path: string) => /^src\/shared\/([^/]+)\//.exec(path)?.[1];
  return [...files].flatMap(([file, source]) => {
    const folder = folderOf(file) as SharedFolder | undefined;
    if (!folder) return [];
    const allowed: readonly string[] = sharedFolders[folder] ?? [];
    return specifiersIn(source)
      .map((specifier) => targetOf(file, specifier))
      .filter((target) => {
        const other = folderOf(target);
        return other !== undefined && other !== folder && !allowed.includes(other);
      })
      .map((target) => `${file} imports ${target}: ${folder}/ may import ${allowed.length > 0 ? allowed.join(', ') : 'no other shared folder'}`);
  });
}

describe('execution contexts', () => {
  it.each(contexts)('src/%s imports only itself and src/shared', (context) => {
    const violations = sources(`src/${context}`).flatMap((file) =>
      importsOf(file)
        .map((specifier) => targetOf(file, specifier))
        .filter((target) => target.startsWith('src/') && !target.startsWith(`src/${context}/`) && !target.startsWith('src/shared/'))
        .map((target) => `${file} imports ${target}`),
    );
    expect(violations).toEqual([]);
  });

  it('src/shared imports no execution context', () => {
    const violations = sources('src/shared').flatMap((file) =>
      importsOf(file)
        .map((specifier) => targetOf(file, specifier))
        .filter((target) => target.startsWith('src/') && !target.startsWith('src/shared/'))
        .map((target) => `${file} imports ${target}`),
    );
    expect(violations).toEqual([]);
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

  it('the popup runs without the polyfill: its budget is 20 KB (README, Performance)', () => {
    const reachable = runtimeFiles('src/popup/popup.ts');
    expect(reachable.size).toBeGreaterThan(5);
    expect([...reachable.keys()], 'the popup reaches the extension through src/shared/browser/extension-page-browser.ts').not.toContain('src/shared/browser/polyfilled-browser.ts');
  });
});

describe('src/shared folders by concept', () => {
  it('every file of src/shared sits in one of the folders of the table, one level deep', () => {
    const folders = readdirSync('src/shared');
    expect(folders.filter((name) => !statSync(join('src/shared', name)).isDirectory()), 'loose files in src/shared').toEqual([]);
    expect(folders.sort()).toEqual(Object.keys(sharedFolders).sort());
    const nested = folders.flatMap((folder) => readdirSync(join('src/shared', folder)).filter((name) => statSync(join('src/shared', folder, name)).isDirectory()));
    expect(nested, 'folders inside shared folders').toEqual([]);
  });

  it('the table is layered: a folder imports only folders above it in the table, so no two import each other', () => {
    const order = Object.keys(sharedFolders);
    for (const [folder, allowed] of Object.entries(sharedFolders)) {
      for (const lower of allowed) expect(order.indexOf(lower), `${folder} may import ${lower}`).toBeLessThan(order.indexOf(folder));
    }
  });

  it('each shared folder imports only the folders its line of the table names, type-only imports included', () => {
    const files = new Map(sources('src/shared').map((file) => [file, readFileSync(file, 'utf8')]));
    expect(files.size).toBeGreaterThan(30);
    expect(folderViolations(files)).toEqual([]);
  });

  it('names each import against the table, whatever its form', () => {
    const files = new Map([
      ['src/shared/log/log-schema.ts', "import type { PopupMessage } from '../messages/background-messages';\nimport { checked } from '../validation/checked';"],
      ['src/shared/browser/native-browser.ts', "export { unreadable } from '../validation/checks';"],
      ['src/shared/rules/setting-rules.ts', "const later = () => import('../storage/storage-items');\nimport '../log/outcome';"],
      ['src/shared/storage/storage-items.ts', "import {\n  type OptOutLog,\n} from '../log/log-schema';"],
    ]);
    expect(folderViolations(files)).toEqual([
      'src/shared/log/log-schema.ts imports src/shared/messages/background-messages.ts: log/ may import validation, rules, preferences',
      'src/shared/browser/native-browser.ts imports src/shared/validation/checks.ts: browser/ may import no other shared folder',
      'src/shared/rules/setting-rules.ts imports src/shared/log/outcome.ts: rules/ may import validation',
      'src/shared/rules/setting-rules.ts imports src/shared/storage/storage-items.ts: rules/ may import validation',
    ]);
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
