// `npm run screenshots`: pictures of the popup for the README, made through the product itself.
// The simulator serves LinkedIn, the built extension (dist/chrome) runs in Chromium, and every state
// comes from clicking the popup's own buttons — no storage is written by hand.

import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright';
import { launchBrowser } from '../harness/browser';
import { type UiLocale, uiLocales } from '../harness/locales';
import { textThatDoesNotFit, tourPopup, type TourState } from '../harness/popup-tour';
import { DEMO_ACCOUNTS, type Simulator, startSimulator } from '../simulator';
import { pngSize, popupPicture, screenshotSize, storeImagesDir, storeShotFor, storeShots, tileSize, writeStoreImages } from './store-images';

const outputDir = resolve(import.meta.dirname, '../screenshots');
/** A toolbar popup is about this wide; the popup's body is 360px. */
const viewport = { width: 380, height: 900 };
const maxBytes = 150 * 1024;
const maxPictures = 22;
/** LinkedIn's settings app renders after this, as on a real page. */
const DEMO_RENDER_DELAY_MS = 300;

type Scheme = 'light' | 'dark';

/** The popup pictures the store screenshots are made from, by store file, collected during the tours. */
const storePictures = new Map<string, Buffer>();
type Shot = { state: TourState; schemes: Scheme[] };

/** The one picture of the other languages: the result most members will see. */
function turnedOff(member: string): { member: string; shots: Shot[] } {
  return { member, shots: [{ state: 'turned-off', schemes: ['light'] }] };
}

/**
 * At most eighteen pictures: every state in English light, the finished states also dark, German in both
 * schemes, and the turned-off result once in each other language. Each state is shot once per scheme from
 * the same page, so light and dark match.
 */
const plan: Record<UiLocale, { member: string; shots: Shot[] }> = {
  en: {
    member: 'alex-morgan-2024',
    shots: [
      { state: 'empty', schemes: ['light', 'dark'] },
      { state: 'progress', schemes: ['light'] },
      { state: 'turned-off', schemes: ['light', 'dark'] },
      { state: 'flipped-back', schemes: ['light', 'dark'] },
      { state: 'not-found', schemes: ['light', 'dark'] },
    ],
  },
  de: {
    member: 'jana-schmidt-4711',
    shots: [
      { state: 'turned-off', schemes: ['light'] },
      { state: 'flipped-back', schemes: ['dark'] },
      { state: 'not-found', schemes: ['light'] },
    ],
  },
  fr: turnedOff('camille-durand-88'),
  nl: turnedOff('sanne-bakker-31'),
  es: turnedOff('lucia-fernandez-12'),
  it: turnedOff('giulia-bianchi-77'),
  pt_BR: turnedOff('joao-pereira-550'),
  pl: turnedOff('zofia-wojcik-9'),
};

async function shoot(popup: Page, language: UiLocale, state: TourState | 'checkup-choose' | 'checkup-done', schemes: Scheme[]): Promise<string[]> {
  const written: string[] = [];
  // The click left the pointer on a button: a hover colour is not what a member sees at rest.
  await popup.mouse.move(viewport.width - 1, viewport.height - 1);
  for (const colorScheme of schemes) {
    await popup.emulateMedia({ colorScheme });
    // A picture of cut-off text would go into the README unnoticed.
    const overflowing = await textThatDoesNotFit(popup);
    if (overflowing.length > 0) throw new Error(`${language} ${state}: text does not fit:\n${overflowing.join('\n')}`);
    const path = join(outputDir, `popup-${language}-${colorScheme}-${state}.png`);
    // The popup's root element: what a member sees in the toolbar popup, without the tab around it.
    await popup.locator('#popup').screenshot({ path, animations: 'disabled', caret: 'hide' });
    written.push(path);
    const storeShot = storeShotFor(language, state, colorScheme);
    if (storeShot) storePictures.set(storeShot.file, await popupPicture(popup));
  }
  await popup.emulateMedia({ colorScheme: 'light' });
  return written;
}

/** The browser UI language for a locale folder: pt_BR is Chromium's pt-BR. */
function browserLanguage(locale: UiLocale): string {
  return locale.replace('_', '-');
}

/** Runs one language's plan in its own browser; returns the files written. */
async function shootLanguage(language: UiLocale, simulator: Simulator): Promise<string[]> {
  const { member: memberId, shots } = plan[language];
  const wanted = new Map(shots.map((shot) => [shot.state, shot.schemes]));
  const written: string[] = [];
  simulator.reset();
  const browser = await launchBrowser({ simulator, language, args: [`--window-size=${viewport.width},${viewport.height}`] });
  try {
    await browser.context.addCookies(simulator.signInCookies(memberId));
    const popup = await browser.openPopup();
    await popup.setViewportSize(viewport);
    await popup.emulateMedia({ reducedMotion: 'reduce' });
    await tourPopup(popup, simulator, {
      memberId,
      states: new Set(wanted.keys()),
      at: async (state) => void written.push(...(await shoot(popup, language, state, wanted.get(state) ?? []))),
    });
  } finally {
    await browser.close();
  }
  return written;
}

/** The data-use checkup's pictures, for the README: where the member chooses, and the result of one click. */
const checkupPlan: Partial<Record<UiLocale, { member: string; schemes: Scheme[] }>> = {
  en: { member: 'alex-morgan-2024', schemes: ['light'] },
  de: { member: 'jana-schmidt-4711', schemes: ['light', 'dark'] },
};
const checkupChoice = ['allowAnonymizedDataResearch', 'shareDataWithTrustedPartners', 'allowAdsByAge'];

/**
 * Ticks three other settings in the popup's settings and presses the one button: two are turned off and
 * verified, one is not offered in the member's region (the simulator's region knob). English shows the
 * choice, every language in the plan the result with the objection form.
 */
async function shootCheckup(language: UiLocale, simulator: Simulator): Promise<string[]> {
  const shots = checkupPlan[language];
  if (!shots) return [];
  simulator.reset();
  simulator.account(shots.member).absentSettings = ['allowAdsByAge'];
  const written: string[] = [];
  const browser = await launchBrowser({ simulator, language: browserLanguage(language), args: [`--window-size=${viewport.width},${viewport.height}`] });
  try {
    await browser.context.addCookies(simulator.signInCookies(shots.member));
    const popup = await browser.openPopup();
    await popup.setViewportSize(viewport);
    await popup.emulateMedia({ reducedMotion: 'reduce' });
    await popup.locator('[data-action="opt-out"]').waitFor();
    await popup.click('[data-part="settings-summary"]');
    for (const ruleId of checkupChoice) {
      await popup.click(`input[data-action="choose-setting"][data-setting="${ruleId}"]`);
      await popup.locator(`input[data-setting="${ruleId}"]:checked`).waitFor();
    }
    if (language === 'en') {
      await popup.locator('[data-part="other-settings"]').scrollIntoViewIfNeeded();
      written.push(...(await shoot(popup, language, 'checkup-choose', ['light'])));
    }
    await popup.click('[data-part="settings-summary"]');
    await popup.click('[data-action="opt-out"]');
    await popup.locator('[data-setting-state="not-offered"]').waitFor({ timeout: 60_000 });
    await popup.locator('[data-status="turned-off"]').waitFor({ timeout: 60_000 });
    written.push(...(await shoot(popup, language, 'checkup-done', shots.schemes)));
  } finally {
    await browser.close();
  }
  return written;
}

async function main(): Promise<void> {
  await mkdir(outputDir, { recursive: true });
  // Old pictures of states that no longer exist must not linger next to the new ones.
  for (const file of await readdir(outputDir)) {
    if (/^popup-.*\.png$/.test(file)) await rm(join(outputDir, file));
  }
  const simulator = await startSimulator({ accounts: [...DEMO_ACCOUNTS], knobs: { renderDelayMs: DEMO_RENDER_DELAY_MS } });
  const written: string[] = [];
  const storeWritten: string[] = [];
  try {
    for (const language of uiLocales) written.push(...(await shootLanguage(language, simulator)));
    for (const language of uiLocales) written.push(...(await shootCheckup(language, simulator)));
    await mkdir(storeImagesDir, { recursive: true });
    // Drawn by the same browser build, in a plain page: no extension and no LinkedIn involved.
    const browser = await launchBrowser({ simulator, extensionDir: null });
    try {
      storeWritten.push(...(await writeStoreImages(browser.context, storePictures)));
    } finally {
      await browser.close();
    }
  } finally {
    await simulator.close();
  }
  for (const path of storeWritten) {
    const { width, height } = await pngSize(path);
    const expected = path.endsWith('promo-tile-440x280.png') ? tileSize : screenshotSize;
    console.log(`${path.replace(`${resolve(import.meta.dirname, '../..')}/`, '')}  ${String(width)}×${String(height)}`);
    if (width !== expected.width || height !== expected.height) throw new Error(`${path}: ${String(width)}×${String(height)}, the stores ask for ${String(expected.width)}×${String(expected.height)}`);
  }
  if (storeWritten.length !== storeShots.length + 1) throw new Error(`${String(storeWritten.length)} store images written, ${String(storeShots.length + 1)} planned`);
  const tooBig: string[] = [];
  for (const path of written) {
    const { size } = await stat(path);
    console.log(`${path.replace(`${resolve(import.meta.dirname, '../..')}/`, '')}  ${String(Math.round(size / 1024))} KB`);
    if (size > maxBytes) tooBig.push(path);
  }
  if (written.length > maxPictures) throw new Error(`${String(written.length)} screenshots: keep the README to ${String(maxPictures)} at most`);
  if (tooBig.length > 0) throw new Error(`Larger than ${String(maxBytes / 1024)} KB: ${tooBig.join(', ')}`);
}

await main();
