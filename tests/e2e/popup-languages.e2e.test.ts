import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { type MessagesFile, readMessages, type UiLocale, uiLocales } from '../harness/locales';
import { textThatDoesNotFit, tourPopup, type TourState } from '../harness/popup-tour';
import { DEMO_ACCOUNTS } from '../simulator';
import { type Rig, startRig } from './support';

/**
 * The popup in every UI language (README, What it does: eight languages), each in a browser whose own UI language is that one: the
 * words follow the browser, and in the key states no text is cut off or spills beyond the popup's width.
 * Pictures of every state go to artifacts/screenshots/languages/ for a person to read.
 */

/** The browser UI language a member of each locale has: Chrome offers Portuguese only as pt-BR and pt-PT. */
const browserLanguage: Record<UiLocale, string> = { en: 'en-US', de: 'de', fr: 'fr', nl: 'nl', es: 'es', it: 'it', pt_BR: 'pt-BR', pl: 'pl' };
/** A member whose LinkedIn speaks the same language, so names and pages match the popup. */
const memberOf: Record<UiLocale, string> = {
  en: 'alex-morgan-2024',
  de: 'jana-schmidt-4711',
  fr: 'camille-durand-88',
  nl: 'sanne-bakker-31',
  es: 'lucia-fernandez-12',
  it: 'giulia-bianchi-77',
  pt_BR: 'joao-pereira-550',
  pl: 'zofia-wojcik-9',
};
/** A toolbar popup is about this wide; the popup's body is 360px. */
const viewport = { width: 380, height: 900 };
const pictureDir = resolve(import.meta.dirname, '../../artifacts/screenshots/languages');
const states: ReadonlySet<TourState> = new Set(['empty', 'turned-off', 'flipped-back', 'not-found']);

/** The message as chrome.i18n shows it, with `name` for its one placeholder. */
function shown(messages: MessagesFile, key: string, name = ''): string {
  return messages[key]!.message.replace(/\$[A-Z]+\$/g, name);
}

/** What the status region must say in each state. */
function expectedStatus(messages: MessagesFile, state: TourState, name: string): string {
  switch (state) {
    case 'empty':
      return shown(messages, 'popupIdleHint');
    case 'turned-off':
      return shown(messages, 'popupResultTurnedOff', name);
    case 'flipped-back':
      return shown(messages, 'popupResultOn', name);
    case 'not-found':
      return shown(messages, 'popupResultNotFound');
    case 'progress':
      throw new Error('progress is not toured here');
  }
}

async function launchIn(language: string, accounts: typeof DEMO_ACCOUNTS): Promise<Rig> {
  const rig = await startRig([...accounts], { launch: { language } });
  await rig.extensionPage.setViewportSize(viewport);
  await rig.extensionPage.emulateMedia({ reducedMotion: 'reduce' });
  return rig;
}

/** The browser's UI language really changed (Debian's Chromium needs chromium-l10n for that). */
async function expectBrowserSpeaks(popup: Page, language: string): Promise<void> {
  const uiLanguage = await popup.evaluate(() => chrome.i18n.getUILanguage());
  expect(uiLanguage, `Chromium's UI language stayed ${uiLanguage}: install Debian's chromium-l10n`).toBe(language);
}

async function expectEverythingFits(popup: Page, where: string): Promise<void> {
  expect(await textThatDoesNotFit(popup), where).toEqual([]);
  // Nothing wider than the window either: a toolbar popup would grow a horizontal scrollbar.
  expect(await popup.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(viewport.width);
}

let rig: Rig | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('the popup in each UI language, chosen by the browser', () => {
  it.each([...uiLocales])('%s: every key state in its words, nothing cut off at the popup width', async (locale) => {
    const messages = readMessages(locale);
    const member = DEMO_ACCOUNTS.find((account) => account.id === memberOf[locale])!;
    rig = await launchIn(browserLanguage[locale], [member]);
    const popup = rig.extensionPage;
    await expectBrowserSpeaks(popup, browserLanguage[locale]);
    await mkdir(pictureDir, { recursive: true });
    await rig.signIn(member.id);

    const seen: TourState[] = [];
    await tourPopup(popup, rig.simulator, {
      memberId: member.id,
      states,
      at: async (state) => {
        seen.push(state);
        const where = `${locale} ${state}`;
        expect(await popup.evaluate(() => document.documentElement.lang), where).toBe(locale.replace('_', '-'));
        expect(await popup.locator('[data-action="opt-out"]').innerText(), where).toBe(shown(messages, 'popupOptOut'));
        expect(await popup.locator('[data-status]').innerText(), where).toContain(expectedStatus(messages, state, member.name));
        await expectEverythingFits(popup, where);
        await popup.mouse.move(viewport.width - 1, viewport.height - 1);
        await popup.locator('#popup').screenshot({ path: join(pictureDir, `popup-${locale}-${state}.png`), animations: 'disabled', caret: 'hide' });
      },
    });
    expect(seen).toEqual([...states]);

    // The folded parts hold the longest labels: the history table, the settings, the forget question.
    await popup.locator(`[data-account="${member.id}"] summary`).click();
    // Its rows come once the log itself is read (the first screen reads only the log's summary).
    await popup.locator(`[data-account="${member.id}"] table.history`).waitFor();
    await popup.locator('[data-part="settings-summary"]').click();
    await popup.locator('[data-action="forget"]').click();
    await popup.locator('[data-action="confirm-forget"]').waitFor();
    expect(await popup.locator('.confirm').innerText()).toContain(shown(messages, 'popupForgetQuestion', member.name));
    expect(await popup.locator('details[data-details="settings"] summary').innerText()).toBe(shown(messages, 'popupSettings'));
    await expectEverythingFits(popup, `${locale} history, settings and forget question open`);
    await popup.locator('#popup').screenshot({ path: join(pictureDir, `popup-${locale}-open.png`), animations: 'disabled', caret: 'hide' });
  });

  it.each([
    // Only Brazilian Portuguese is translated: Chromium looks for pt_PT, then pt, then the default (English).
    ['pt-PT', 'en'],
    ['es-419', 'es'],
    ['de-AT', 'de'],
    ['sv', 'en'],
  ])('a browser in %s gets the popup in %s (its language, else English)', async (language, locale) => {
    rig = await launchIn(language, []);
    const popup = rig.extensionPage;
    await popup.locator('[data-action="opt-out"]').waitFor();
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe(locale.replace('_', '-'));
    expect(await popup.locator('[data-action="opt-out"]').innerText()).toBe(shown(readMessages(locale as UiLocale), 'popupOptOut'));
  });
});
