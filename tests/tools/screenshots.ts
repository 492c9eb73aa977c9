// `npm run screenshots`: pictures of the popup for the README, made through the product itself.
// The simulator serves LinkedIn, the built extension (dist/chrome) runs in Chromium, and every state
// comes from clicking the popup's own buttons — no storage is written by hand.

import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright';
import { launchBrowser, type LaunchedBrowser } from '../harness/browser';
import { DEMO_ACCOUNTS, type Simulator, startSimulator } from '../simulator';

const outputDir = resolve(import.meta.dirname, '../screenshots');
/** A toolbar popup is about this wide; the popup's body is 360px. */
const viewport = { width: 380, height: 900 };
const stateTimeoutMs = 60_000;
/** Long enough to catch the progress bar between the page and the switch. */
const slowRenderMs = 6000;
const maxBytes = 150 * 1024;
/** The simulator's usual render delay, restored after the slow one. */
const DEMO_RENDER_DELAY_MS = 300;

type Scheme = 'light' | 'dark';
type Language = 'en' | 'de';
type Shot = { state: string; schemes: Scheme[] };

/**
 * At most twelve pictures: every state in English light, the finished states also dark, and German
 * in both schemes. Each state is shot once per scheme from the same page, so light and dark match.
 */
const plan: Record<Language, { member: string; shots: Shot[] }> = {
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
};

async function waitForStatus(popup: Page, dataStatus: string): Promise<void> {
  await popup.locator(`[data-status="${dataStatus}"]`).waitFor({ state: 'visible', timeout: stateTimeoutMs });
}

/** Waits until no operation is in flight, so the next click starts a new one. */
async function waitUntilIdle(popup: Page): Promise<void> {
  await popup.waitForFunction(async () => (await chrome.storage.session.get('operation')).operation === undefined, undefined, {
    timeout: stateTimeoutMs,
    polling: 200,
  });
}

async function shoot(popup: Page, language: Language, state: string, schemes: Scheme[]): Promise<string[]> {
  const written: string[] = [];
  // The click left the pointer on a button: a hover colour is not what a member sees at rest.
  await popup.mouse.move(viewport.width - 1, viewport.height - 1);
  for (const colorScheme of schemes) {
    await popup.emulateMedia({ colorScheme });
    const path = join(outputDir, `popup-${language}-${colorScheme}-${state}.png`);
    // The popup's root element: what a member sees in the toolbar popup, without the tab around it.
    await popup.locator('#popup').screenshot({ path, animations: 'disabled', caret: 'hide' });
    written.push(path);
  }
  await popup.emulateMedia({ colorScheme: 'light' });
  return written;
}

/** Runs one language's plan in its own browser; returns the files written. */
async function shootLanguage(language: Language, simulator: Simulator): Promise<string[]> {
  const { member: memberId, shots } = plan[language];
  const wanted = new Map(shots.map((shot) => [shot.state, shot.schemes]));
  const written: string[] = [];
  const take = async (popup: Page, state: string) => {
    const schemes = wanted.get(state);
    if (schemes) written.push(...(await shoot(popup, language, state, schemes)));
  };

  simulator.reset();
  const previousLanguage = process.env.LANGUAGE;
  let browser: LaunchedBrowser;
  // Chromium on Linux takes its UI language from LANGUAGE; --lang does it elsewhere.
  process.env.LANGUAGE = language;
  try {
    browser = await launchBrowser({ simulator, args: [`--lang=${language}`, `--window-size=${viewport.width},${viewport.height}`] });
  } finally {
    if (previousLanguage === undefined) delete process.env.LANGUAGE;
    else process.env.LANGUAGE = previousLanguage;
  }
  try {
    await browser.context.addCookies(simulator.signInCookies(memberId));
    const popup = await browser.openPopup();
    await popup.setViewportSize(viewport);
    await popup.emulateMedia({ reducedMotion: 'reduce' });
    const optOut = popup.locator('[data-action="opt-out"]');
    const check = popup.locator('[data-action="check"]');
    await optOut.waitFor();
    await take(popup, 'empty');

    // Turning it off, caught while LinkedIn's settings app is still rendering (slowed only when pictured).
    if (wanted.has('progress')) simulator.configure({ renderDelayMs: slowRenderMs });
    await optOut.click();
    if (wanted.has('progress')) {
      await waitForStatus(popup, 'reading');
      await take(popup, 'progress');
    }
    await waitForStatus(popup, 'turned-off');
    simulator.configure({ renderDelayMs: DEMO_RENDER_DELAY_MS });
    await take(popup, 'turned-off');

    // LinkedIn switches it back on; "Check now" finds out.
    simulator.setAiTraining(memberId, true);
    await waitUntilIdle(popup);
    await check.click();
    await waitForStatus(popup, 'on');
    await take(popup, 'flipped-back');

    // LinkedIn's page changed so that no switch can be identified: the member gets the address.
    simulator.configure({ markup: ['not-a-switch'] });
    await waitUntilIdle(popup);
    await optOut.click();
    await waitForStatus(popup, 'not-found');
    await take(popup, 'not-found');
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
  try {
    for (const language of ['en', 'de'] as const) written.push(...(await shootLanguage(language, simulator)));
  } finally {
    await simulator.close();
  }
  const tooBig: string[] = [];
  for (const path of written) {
    const { size } = await stat(path);
    console.log(`${path.replace(`${resolve(import.meta.dirname, '../..')}/`, '')}  ${String(Math.round(size / 1024))} KB`);
    if (size > maxBytes) tooBig.push(path);
  }
  if (written.length > 12) throw new Error(`${String(written.length)} screenshots: keep the README to twelve at most`);
  if (tooBig.length > 0) throw new Error(`Larger than ${String(maxBytes / 1024)} KB: ${tooBig.join(', ')}`);
}

await main();
