import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { type UiLocale, uiLocales } from '../harness/locales';
import { textThatDoesNotFit, tourPopup, type TourState } from '../harness/popup-tour';
import { DEMO_ACCOUNTS } from '../simulator';
import { type Rig, startRig } from './support';

/**
 * The popup in every UI language (README, What it does: eight languages), each in a browser whose own UI language leads
 * to that one: the words follow the browser, and in the key states no text is cut off or spills beyond the popup's width.
 * Pictures of every state go to artifacts/screenshots/languages/ for a person to read. Each language needs a browser of its
 * own, so the languages are shared out over two files (`popup-languages-*.e2e.test.ts`) that run side by side.
 */

/**
 * The browser UI language each locale is toured in. Together they take every path of the browser's lookup (a language
 * tag, then the language alone, then the manifest's default): de, fr, nl, it and pl by their own tag; pt-BR by its
 * region's folder; es-419 (Latin American Spanish) through the language alone to es; pt-PT to English, since only
 * Brazilian Portuguese is translated. A browser start each: one per locale, no more.
 */
const browserLanguage: Record<UiLocale, string> = { en: 'pt-PT', de: 'de', fr: 'fr', nl: 'nl', es: 'es-419', it: 'it', pt_BR: 'pt-BR', pl: 'pl' };
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

/**
 * What the popup must say in each language, written here by hand from what each state means (not read from
 * public/_locales, which is the product): a message under the wrong key, a missing translation or English left in a
 * locale fails here. The button and the settings' heading whole; each state by the phrase that tells it apart.
 */
type ExpectedWords = { optOut: string; settings: string; idle: string; turnedOff: string; on: string; notFound: string; forget: string };
const expectedWords: Record<UiLocale, ExpectedWords> = {
  en: { optOut: 'Turn off AI training', settings: 'Settings', idle: 'signed in to LinkedIn', turnedOff: 'AI training is off for', on: 'AI training is ON for', notFound: "couldn't safely identify the switch", forget: 'Forget' },
  de: { optOut: 'KI-Training ausschalten', settings: 'Einstellungen', idle: 'bei LinkedIn angemeldet', turnedOff: 'KI-Training ist aus für', on: 'KI-Training ist EIN für', notFound: 'den Schalter nicht sicher erkennen', forget: 'vergessen?' },
  fr: { optOut: "Désactiver l'entraînement de l'IA", settings: 'Paramètres', idle: 'connecté à LinkedIn', turnedOff: "l'entraînement de l'IA est désactivé pour", on: "L'entraînement de l'IA est ACTIVÉ pour", notFound: "identifier l'interrupteur avec certitude", forget: 'Oublier le compte' },
  nl: { optOut: 'AI-training uitzetten', settings: 'Instellingen', idle: 'bij LinkedIn is ingelogd', turnedOff: 'AI-training staat uit voor', on: 'AI-training staat AAN voor', notFound: 'de schakelaar niet met zekerheid herkennen', forget: 'vergeten?' },
  es: { optOut: 'Desactivar el entrenamiento de IA', settings: 'Configuración', idle: 'iniciado sesión en LinkedIn', turnedOff: 'el entrenamiento de IA está desactivado para', on: 'El entrenamiento de IA está ACTIVADO para', notFound: 'identificar el interruptor con seguridad', forget: '¿Olvidar la cuenta' },
  it: { optOut: "Disattiva l'addestramento dell'IA", settings: 'Impostazioni', idle: 'connesso a LinkedIn', turnedOff: "l'addestramento dell'IA è disattivato per", on: "L'addestramento dell'IA è ATTIVO per", notFound: "identificare l'interruttore con certezza", forget: "Dimenticare l'account" },
  pt_BR: { optOut: 'Desativar o treinamento de IA', settings: 'Configurações', idle: 'conectada ao LinkedIn', turnedOff: 'o treinamento de IA está desativado para', on: 'O treinamento de IA está ATIVADO para', notFound: 'identificar o botão com segurança', forget: 'Esquecer a conta' },
  pl: { optOut: 'Wyłącz trenowanie AI', settings: 'Ustawienia', idle: 'zalogowane do LinkedIn', turnedOff: 'trenowanie AI jest wyłączone dla', on: 'Trenowanie AI jest WŁĄCZONE dla', notFound: 'bezpiecznie rozpoznać przełącznika', forget: 'Zapomnieć konto' },
};

/** The account row's state after a turn-off in English: every other locale must say it in its own words. */
const englishRowOff = 'AI training is off';

/** The phrases the status region must hold in each state: the member's name with each result about them. */
function expectedStatus(words: ExpectedWords, state: TourState, name: string): string[] {
  switch (state) {
    case 'empty':
      return [words.idle];
    case 'turned-off':
      return [words.turnedOff, name];
    case 'flipped-back':
      return [words.on, name];
    case 'not-found':
      return [words.notFound];
    case 'progress':
      throw new Error('progress is not toured here');
  }
}

async function launchIn(language: string, accounts: typeof DEMO_ACCOUNTS): Promise<Rig> {
  const rig = await startRig([...accounts], { launch: { language } });
  await rig.extensionPage.setViewportSize(viewport);
  return rig;
}

/** The browser's UI language really changed (Debian's Chromium needs chromium-l10n for that). */
async function expectBrowserSpeaks(popup: Page, language: string): Promise<void> {
  const uiLanguage = await popup.evaluate(() => chrome.i18n.getUILanguage());
  expect(uiLanguage, `Chromium's UI language stayed ${uiLanguage}: install Debian's chromium-l10n`).toBe(language);
}

/** When the popup's button showed and when a policy read made right after answered, in ms from the popup's start. */
type PolicyTiming = { locale: UiLocale; drawnAt: number; policyAnsweredAt: number };

/**
 * Opened as the browser started, the popup is drawn before Chromium's policy service answers (docs/organisations.md),
 * not after it. `performance.now()` once the button shows bounds when it was drawn; a policy read made then answers
 * only once the service has started. On a busy machine the service can be up before the popup is drawn, and that
 * browser cannot tell; a popup that waited for the policy would show a short gap in every browser.
 */
async function timePolicyAgainstDrawing(popup: Page, locale: UiLocale): Promise<PolicyTiming> {
  await popup.locator('[data-action="opt-out"]').waitFor();
  const drawnAt = await popup.evaluate(() => performance.now());
  const policyAnsweredAt = await popup.evaluate(async () => {
    await chrome.storage.managed.get();
    return performance.now();
  });
  return { locale, drawnAt, policyAnsweredAt };
}

/** Clearly before: the policy answered at least this long after the button showed. */
const policyGapMs = 500;

function expectRowTranslated(locale: UiLocale, rowState: string): void {
  if (locale === 'en') expect(rowState).toBe(englishRowOff);
  else expect(rowState, `${locale}: the account row after a turn-off`).not.toBe(englishRowOff);
}

async function expectEverythingFits(popup: Page, where: string): Promise<void> {
  expect(await textThatDoesNotFit(popup), where).toEqual([]);
  // Nothing wider than the window either: a toolbar popup would grow a horizontal scrollbar.
  expect(await popup.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(viewport.width);
}

/** Each file's share: about as long to run as the other. */
export const popupLanguageShares = {
  first: ['en', 'de', 'fr', 'nl'],
  second: ['es', 'it', 'pt_BR', 'pl'],
} as const satisfies Record<string, readonly UiLocale[]>;

// A language dropped from both shares would go untested without a word.
const shared: readonly UiLocale[] = Object.values(popupLanguageShares).flat();
if (shared.length !== uiLocales.length || !uiLocales.every((locale) => shared.includes(locale))) {
  throw new Error(`the popup-language files share out ${shared.join(', ')}, not each of ${uiLocales.join(', ')} once`);
}

/** The tests of `locales` under one title: a file's share of the languages. */
export function describePopupLanguages(locales: readonly UiLocale[]): void {
  let rig: Rig | undefined;
  const policyTimings: PolicyTiming[] = [];

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  describe('the popup in each UI language, chosen by the browser', () => {
    it.each([...locales])('%s: every key state in its words, nothing cut off at the popup width', async (locale) => {
      const words = expectedWords[locale];
      const member = DEMO_ACCOUNTS.find((account) => account.id === memberOf[locale])!;
      rig = await launchIn(browserLanguage[locale], [member]);
      const popup = rig.extensionPage;
      policyTimings.push(await timePolicyAgainstDrawing(popup, locale));
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
          expect(await popup.locator('[data-action="opt-out"]').innerText(), where).toBe(words.optOut);
          const status = await popup.locator('[data-status]').innerText();
          for (const phrase of expectedStatus(words, state, member.name)) expect(status, where).toContain(phrase);
          if (state === 'turned-off') expectRowTranslated(locale, await popup.locator(`[data-account="${member.id}"] .account-state`).innerText());
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
      const question = await popup.locator('.confirm').innerText();
      for (const phrase of [words.forget, member.name]) expect(question).toContain(phrase);
      expect(await popup.locator('details[data-details="settings"] summary').innerText()).toBe(words.settings);
      await expectEverythingFits(popup, `${locale} history, settings and forget question open`);
      await popup.locator('#popup').screenshot({ path: join(pictureDir, `popup-${locale}-open.png`), animations: 'disabled', caret: 'hide' });
    });

    // Runs after the tours above (a file's tests run in order) and reads what each browser measured.
    it(`drawn before Chromium's policy service answered, in at least one of these ${locales.length} browsers`, () => {
      const figures = policyTimings.map(({ locale, drawnAt, policyAnsweredAt }) => `${locale}: drawn at ${Math.round(drawnAt)} ms, policy at ${Math.round(policyAnsweredAt)} ms`).join('; ');
      expect(policyTimings.map(({ locale }) => locale), 'every browser above measured').toEqual([...locales]);
      expect(policyTimings.some(({ drawnAt, policyAnsweredAt }) => policyAnsweredAt - drawnAt >= policyGapMs), figures).toBe(true);
    });
  });
}
