import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateLocale, popupMessageKeys } from '../../src/popup/i18n';
import { aiTrainingRule } from '../../src/shared/rules/rule-schema';
import { linkedInLanguageOf, localesDir, readMessages, uiLocales } from '../harness/locales';

const popupDir = resolve(import.meta.dirname, '../../src/popup');
const popupSources = readdirSync(popupDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(resolve(popupDir, file), 'utf8') }));

/** `$NAME$` references, case-insensitive as chrome.i18n reads them, sorted. */
function namedPlaceholders(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => match[1]!.toLowerCase()).sort();
}

/** `$1`-style references written straight into a message (not through a named placeholder), sorted. */
function numberedReferences(message: string): string[] {
  return [...message.replace(/\$[A-Za-z0-9_@]+\$/g, '').matchAll(/\$(\d)/g)].map((match) => match[1]!).sort();
}

/** Chrome Web Store limits for the manifest's name and description. */
const storeLimits = { extensionName: 75, extensionDescription: 132 } as const;

/**
 * A translation may equal the English text only when it holds nothing but names that no language
 * translates: the brand, the file formats, LinkedIn's host, placeholders and punctuation.
 */
const sameInEveryLanguage = /^(?:LinkedIn|JSON|CSV|www\.linkedin\.com|\$[A-Z]+\$|[\s\p{P}])*$/u;

describe('popup messages', () => {
  const en = readMessages('en');
  const all = uiLocales.map((lang) => ({ lang, messages: readMessages(lang) }));
  const translations = all.filter(({ lang }) => lang !== 'en');

  it('has a folder for each UI language and no other', () => {
    expect(readdirSync(localesDir).sort()).toEqual([...uiLocales].sort());
  });

  it('has every key the popup uses in every language, none of them empty', () => {
    const missingOrEmpty = all.flatMap(({ lang, messages }) =>
      popupMessageKeys.filter((key) => !messages[key]?.message.trim()).map((key) => `${lang}:${key}`),
    );
    expect(missingOrEmpty).toEqual([]);
  });

  it('has exactly the English keys in every language, no missing and no extra, none empty', () => {
    const english = new Set(Object.keys(en));
    for (const { lang, messages } of translations) {
      const own = new Set(Object.keys(messages));
      expect({ missing: [...english].filter((key) => !own.has(key)), extra: [...own].filter((key) => !english.has(key)) }, lang).toEqual({ missing: [], extra: [] });
    }
    const empty = all.flatMap(({ lang, messages }) =>
      Object.entries(messages)
        .filter(([, entry]) => typeof entry.message !== 'string' || entry.message.trim() === '')
        .map(([key]) => `${lang}:${key}`),
    );
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders as English in every message, each declared', () => {
    for (const { lang, messages } of all) {
      for (const [key, english] of Object.entries(en)) {
        const entry = messages[key]!;
        const where = `${lang}:${key}`;
        expect(namedPlaceholders(entry.message), where).toEqual(Object.keys(entry.placeholders ?? {}).sort());
        expect(namedPlaceholders(entry.message), where).toEqual(namedPlaceholders(english.message));
        expect(numberedReferences(entry.message), where).toEqual(numberedReferences(english.message));
        expect(entry.placeholders, where).toEqual(english.placeholders);
      }
    }
  });

  it('translates every message: none is a copy of the English text unless it holds only names', () => {
    const copies = translations.flatMap(({ lang, messages }) =>
      Object.entries(en)
        .filter(([key, english]) => messages[key]?.message === english.message && !sameInEveryLanguage.test(english.message))
        .map(([key]) => `${lang}:${key}`),
    );
    expect(copies).toEqual([]);
    // The exception is narrow: a sentence is never "only names".
    expect(sameInEveryLanguage.test('Export as JSON')).toBe(false);
    expect(sameInEveryLanguage.test('LinkedIn · $NAME$')).toBe(true);
  });

  it('keeps the store name and description within the Chrome Web Store limits', () => {
    for (const { lang, messages } of all) {
      for (const [key, limit] of Object.entries(storeLimits)) {
        expect([...messages[key]!.message].length, `${lang}:${key}`).toBeLessThanOrEqual(limit);
      }
    }
  });

  it('names the messages language in each file', () => {
    // As a language tag: the folder pt_BR speaks pt-BR.
    for (const { lang, messages } of all) expect(messages.popupMessagesLanguage?.message).toBe(lang.replace('_', '-'));
  });

  it('quotes the opt-out button by its own label, and the setting by LinkedIn\'s name in that language', () => {
    for (const { lang, messages } of all) {
      expect(messages.popupResultOn!.message, lang).toContain(messages.popupOptOut!.message);
      expect(messages.notificationFlipBackBody!.message, lang).toContain(aiTrainingRule.labels[linkedInLanguageOf(lang)].row[0]);
    }
  });

  it('writes French with a no-break space inside guillemets and before : ; ? !', () => {
    const french = Object.entries(readMessages('fr')).map(([key, entry]) => ({ key, message: entry.message }));
    const misspaced = french.filter(({ message }) => /(?:^|[^\u00a0\u202f])[:;?!»]|«(?!\u00a0)/.test(message.replace(/www\.linkedin\.com|\$[A-Z]+\$/g, '')));
    expect(misspaced.map(({ key, message }) => `${key}: ${message}`)).toEqual([]);
  });

  it('has no key in the code that is not in the list (and so in every file)', () => {
    const listed = new Set<string>(popupMessageKeys);
    const inCode = popupSources.flatMap(({ text }) => [...text.matchAll(/'(popup[A-Z]\w+)'/g)].map((match) => match[1]!));
    expect(inCode.filter((key) => !listed.has(key))).toEqual([]);
  });
});

describe('dateLocale', () => {
  it('keeps the regional variant when the popup speaks the language, else follows the messages', () => {
    expect(dateLocale('en-GB', 'en')).toBe('en-GB');
    expect(dateLocale('de_AT', 'de')).toBe('de-AT');
    expect(dateLocale('fr-FR', 'en')).toBe('en');
    expect(dateLocale('pt-BR', 'pt-BR')).toBe('pt-BR');
    expect(dateLocale('pt-PT', 'pt-BR')).toBe('pt-PT');
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
    const binding = popupSources.filter(({ text }) => /'\.\.\/shared\/browser\/[^']+'/.test(text)).map(({ file }) => file);
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
