import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LabelLanguage } from '../../src/shared/rules/languages';

/** The extension's UI languages, one `public/_locales/<code>/messages.json` each; English is the default. */
export const uiLocales = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pt_BR', 'pl'] as const;
export type UiLocale = (typeof uiLocales)[number];

/** The LinkedIn interface language a locale's members use: the folder's language without its region. */
export function linkedInLanguageOf(locale: UiLocale): LabelLanguage {
  return locale === 'pt_BR' ? 'pt' : locale;
}

export const localesDir = resolve(import.meta.dirname, '../../public/_locales');

export type MessageEntry = { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> };
export type MessagesFile = Record<string, MessageEntry>;

export function readMessages(lang: UiLocale): MessagesFile {
  return JSON.parse(readFileSync(resolve(localesDir, lang, 'messages.json'), 'utf8')) as MessagesFile;
}
