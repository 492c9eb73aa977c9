import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProblemReport } from '../../src/popup/problem-report';
import { aiTrainingRule } from '../../src/shared/rules/setting-rules';
import { lastResult, outcome } from './popup-fixtures';
import { linkedInLanguageOf, readMessages, uiLocales } from '../harness/locales';

/**
 * What a maintainer pastes into the three stores (docs/store/) holds to each store's limits, and the names
 * and summaries the stores read from the package hold to them too. Where each limit comes from is in
 * docs/store/README.md.
 */

const root = resolve(import.meta.dirname, '../..');
const storeDir = resolve(root, 'docs/store');
const chars = (text: string) => [...text].length;

/** The name limit of the installed addons.mozilla.org linter, read from its manifest schema. */
function linterNameLimit(): number {
  const bundle = readFileSync(resolve(root, 'node_modules/addons-linter/dist/addons-linter.js'), 'utf8');
  const match = /"name":\{"type":"string","description":"Name must be at least 2[^"]*","preprocess":"localize","maxLength":(\d+)/.exec(bundle);
  if (!match) throw new Error("the addons-linter's manifest schema no longer has a name maxLength where this test looks");
  return Number(match[1]);
}

const nameLimits = { 'addons.mozilla.org linter': linterNameLimit(), 'Edge Add-ons': 45, 'addons.mozilla.org': 50, 'Chrome Web Store': 75 };
const summaryLimits = { 'Chrome Web Store and Firefox': 132, 'addons.mozilla.org': 250 };

function description(locale: string): string {
  const text = readFileSync(resolve(storeDir, 'listing', `${locale}.md`), 'utf8');
  const [, body] = text.split(/^## Description$/m);
  return (body ?? '').trim();
}

/** Apostrophes and quotes as typed or typeset are one character here. */
const plain = (text: string) => text.replace(/[’‘]/g, "'");

describe('store texts', () => {
  it('the linter limit is the one its schema states today (45)', () => {
    expect(nameLimits['addons.mozilla.org linter']).toBe(45);
  });

  it.each([...uiLocales])('%s: the extension name within every store\'s limit', (locale) => {
    const name = readMessages(locale).extensionName!.message;
    for (const [store, limit] of Object.entries(nameLimits)) expect(chars(name), `${locale} ${store}: ${name}`).toBeLessThanOrEqual(limit);
  });

  it.each([...uiLocales])('%s: the summary and the shortcut\'s description within their limits', (locale) => {
    const messages = readMessages(locale);
    for (const [store, limit] of Object.entries(summaryLimits)) expect(chars(messages.extensionDescription!.message), `${locale} ${store}`).toBeLessThanOrEqual(limit);
    expect(chars(messages.commandOpenPopup!.message), locale).toBeLessThanOrEqual(45);
  });

  it('has one listing per locale and no other', () => {
    expect(readdirSync(resolve(storeDir, 'listing')).sort()).toEqual(uiLocales.map((locale) => `${locale}.md`).sort());
  });

  it.each([...uiLocales])('%s: a description that names LinkedIn\'s setting as LinkedIn does, and disclaims affiliation', (locale) => {
    const text = description(locale);
    expect(chars(text), locale).toBeGreaterThan(800);
    expect(plain(text), locale).toContain(plain(aiTrainingRule.labels[linkedInLanguageOf(locale)].row[0]!));
    expect(text, locale).toContain('LinkedIn Corporation');
    expect(text, locale).toContain('(MIT)');
  });

  it('justifies every permission either build asks for', () => {
    const guide = readFileSync(resolve(storeDir, 'README.md'), 'utf8');
    const manifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8')) as { permissions: string[]; optional_permissions: string[]; host_permissions: string[] };
    for (const permission of [...manifest.permissions, ...manifest.optional_permissions]) expect(guide, permission).toMatch(new RegExp(`^\\| \`${permission}\``, 'm'));
    for (const host of manifest.host_permissions) expect(guide, host).toContain(`\`${host}\``);
  });

  it('lists each store image it ships, each at the size the stores ask for', () => {
    const guide = readFileSync(resolve(storeDir, 'README.md'), 'utf8');
    const listed = [...guide.matchAll(/`images\/([\w-]+\.png)` \| (\d+)×(\d+)/g)].map((match) => ({ file: match[1]!, width: Number(match[2]), height: Number(match[3]) }));
    expect(listed.map(({ file }) => file).sort()).toEqual(readdirSync(resolve(storeDir, 'images')).sort());
    expect(listed.filter(({ width, height }) => width === 1280 && height === 800).length).toBeGreaterThanOrEqual(3);
    for (const { file, width, height } of listed) {
      const path = resolve(storeDir, 'images', file);
      expect(existsSync(path), file).toBe(true);
      const png = readFileSync(path);
      expect({ file, width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ file, width, height });
      // Colour type 2: RGB without alpha, which every store takes.
      expect(png[25], file).toBe(2);
    }
  });

  it('gives "Copy report" somewhere to go: an issue form that requires it, showing the report as the popup writes it', () => {
    const form = readFileSync(resolve(root, '.github/ISSUE_TEMPLATE/problem.yml'), 'utf8');
    const report = buildProblemReport(lastResult(outcome('not-found')), [], { extensionVersion: '1.1.0', browser: 'Chrome 131' });
    expect(form).toMatch(/id: report\n\s+attributes:\n\s+label: The copied report/);
    expect(form).toMatch(/id: report[\s\S]*?validations:\n\s+required: true/);
    expect(form).toContain(report.split('\n')[0]!);
  });
});
