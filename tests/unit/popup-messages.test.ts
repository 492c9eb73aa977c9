import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateLocale, popupMessageKeys } from '../../src/popup/i18n';
import { readMessages } from './popup-fixtures';

const popupDir = resolve(import.meta.dirname, '../../src/popup');
const popupSources = readdirSync(popupDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(resolve(popupDir, file), 'utf8') }));

describe('popup messages', () => {
  const en = readMessages('en');
  const de = readMessages('de');

  it('has English and German for every key the popup uses', () => {
    const missing = popupMessageKeys.flatMap((key) => [...(en[key] ? [] : [`en:${key}`]), ...(de[key] ? [] : [`de:${key}`])]);
    expect(missing).toEqual([]);
  });

  it('has the same keys in both languages', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages, each declared', () => {
    for (const key of popupMessageKeys) {
      for (const entry of [en[key]!, de[key]!]) {
        const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((match) => match[1]!.toLowerCase()).sort();
        expect(used, key).toEqual(Object.keys(entry.placeholders ?? {}).sort());
      }
      expect(Object.keys(de[key]!.placeholders ?? {}), key).toEqual(Object.keys(en[key]!.placeholders ?? {}));
    }
  });

  it('has no key in the code that is not in the list (and so in both files)', () => {
    const listed = new Set<string>(popupMessageKeys);
    const inCode = popupSources.flatMap(({ text }) => [...text.matchAll(/'(popup[A-Z]\w+)'/g)].map((match) => match[1]!));
    expect(inCode.filter((key) => !listed.has(key))).toEqual([]);
  });

  it('names the messages language in each file', () => {
    expect(en.popupMessagesLanguage?.message).toBe('en');
    expect(de.popupMessagesLanguage?.message).toBe('de');
  });
});

describe('dateLocale', () => {
  it('keeps the regional variant when the popup speaks the language, else follows the messages', () => {
    expect(dateLocale('en-GB', 'en')).toBe('en-GB');
    expect(dateLocale('de_AT', 'de')).toBe('de-AT');
    expect(dateLocale('fr-FR', 'en')).toBe('en');
  });
});

describe('popup conventions', () => {
  it('imports only its own folder and src/shared', () => {
    for (const { file, text } of popupSources) {
      const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]!);
      for (const path of imports) {
        expect(path.startsWith('./') || path.startsWith('../shared/'), `${file} imports ${path}`).toBe(true);
      }
    }
  });

  it('touches the browser API only in popup.ts', () => {
    const binding = popupSources.filter(({ text }) => text.includes("'../shared/browser'")).map(({ file }) => file);
    expect(binding).toEqual(['popup.ts']);
  });

  it('never writes storage and never uses window.confirm', () => {
    for (const { file, text } of popupSources) {
      expect(text, file).not.toMatch(/storage\.(local|session)\.(set|remove|clear)/);
      expect(text, file).not.toMatch(/\bconfirm\(/);
    }
  });

  it('loads one external module script and no inline script or style', () => {
    const html = readFileSync(resolve(popupDir, 'popup.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toContain('type="module"');
    expect(scripts[0]![1]).toContain('src="./popup.ts"');
    expect(scripts[0]![2]!.trim()).toBe('');
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
  });
});
