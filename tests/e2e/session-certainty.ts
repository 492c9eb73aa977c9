import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { IdentifiedStores, LastResult } from '../../src/shared/storage/operation-state';
import { storageKeys } from '../../src/shared/storage/storage-items';
import type { BrowserName, Tab } from '../harness/driver';
import { AI_SETTING_KEY, type MarkupVariant } from '../simulator';
import { type BrowserRig, startAfresh, startBrowserRig } from './browser-rig';
import { account } from './support';

/**
 * Certainty about who is signed in and what happened, in Chromium and Firefox, through the popup: the member bound
 * to LinkedIn's session (the simulator sets, replaces and removes an HttpOnly `li_at` as LinkedIn does), pages that
 * name nobody or someone else (`session-certainty-members.e2e.test.ts`), clicks that the page unloads or the member
 * interrupts, sessions restored at once and stored times from the future (`session-certainty-interruptions.e2e.test.ts`).
 * Each asserts what the member sees (`[data-status]`, the account rows) and what the log keeps. Here: what both share.
 */

export const jana = account('jana-schmidt-4711', { lang: 'en' });
export const alex = account('alex-morgan-2024', { lang: 'en' });
export const feed = 'https://www.linkedin.com/feed/';

/**
 * One browser with the extension for a file's tests in `browserName`, Jana and Alex known to the simulator: each test
 * starts afresh with both signed out and AI training on for both. Returns the rig, once it is there.
 */
export function sessionCertaintyRig(browserName: BrowserName): () => BrowserRig {
  let rig: BrowserRig | undefined;
  beforeAll(async () => {
    rig = await startBrowserRig(browserName, [jana, alex]);
  });
  afterAll(async () => {
    await rig?.close();
  });
  beforeEach(async () => {
    // A re-check the last test's page started ends before anything is cleared: nothing of it reaches this test.
    await startAfresh(current());
    current().simulator.setAiTraining(jana.id, true);
    current().simulator.setAiTraining(alex.id, true);
  });
  const current = (): BrowserRig => {
    if (!rig) throw new Error('the browser of this file did not start');
    return rig;
  };
  return current;
}

export const configure = (rig: BrowserRig, markup: MarkupVariant[], more: Parameters<BrowserRig['simulator']['configure']>[0] = {}) =>
  rig.simulator.configure({ markup, ...more });

/** Who the background holds proven signed in, per cookie store. */
export const rememberedMembers = async (rig: BrowserRig) =>
  (await rig.extensionPage.evaluate(async (key) => (await chrome.storage.session.get(key))[key], storageKeys.identifiedStores)) as IdentifiedStores | undefined;

export const accountsInLog = async (rig: BrowserRig) => Object.keys((await rig.log())?.accounts ?? {});
export const historyOf = async (rig: BrowserRig, id: string) => ((await rig.log())?.accounts[id]?.history ?? []).map((entry) => entry.outcome);
export const rowsShown = (rig: BrowserRig) =>
  rig.extensionPage.evaluate(() => [...document.querySelectorAll('li.account[data-account]')].map((row) => row.getAttribute('data-account')), null);

/**
 * Signs the member in, once the extension has been told of the new session (`li_at` set): a session change that
 * reached the background only after a page proved the member would make it forget them (src/background/session-watch.ts).
 */
export async function signInAs(rig: BrowserRig, memberId: string): Promise<void> {
  await rig.extensionPage.evaluate(() => {
    const page = window as { sessionCookieSet?: boolean; watchingSession?: boolean };
    page.sessionCookieSet = false;
    if (page.watchingSession) return;
    page.watchingSession = true;
    chrome.cookies.onChanged.addListener(({ cookie, removed }) => {
      if (cookie.name === 'li_at' && !removed) page.sessionCookieSet = true;
    });
  }, null);
  await rig.signIn(memberId);
  await expect
    .poll(() => rig.extensionPage.evaluate(() => (window as { sessionCookieSet?: boolean }).sessionCookieSet, null), { timeout: 10_000, interval: 50 })
    .toBe(true);
}

/** A LinkedIn page the member opens, once its content script has told the extension whom it shows. */
export function visit(rig: BrowserRig, url: string): Promise<Tab> {
  return rig.afterPageReport(url, () => rig.driver.openTab(url));
}

/**
 * Opens a page that proves the member, and waits for the re-check the proof makes due: what follows is not mixed with it.
 * Its outcome is not asserted here: in Firefox under a loaded CI it once ended "timeout" in its background helper tab.
 */
export async function proveOn(rig: BrowserRig, url: string, member: string): Promise<void> {
  const before = (await rig.lastResult())?.operationId;
  await visit(rig, url);
  await expect.poll(async () => (await rememberedMembers(rig))?.default?.account.key, { timeout: 20_000 }).toBe(member);
  expect(await rig.waitForResult(before)).toMatchObject({ trigger: 'recheck' });
}

/** The member's popup is in front of them when they press it; Firefox stalls a click in a background tab (no animation frames there). */
async function pressTurnOff(rig: BrowserRig): Promise<void> {
  await rig.extensionPage.bringToFront();
  await rig.extensionPage.click('[data-action="opt-out"]');
}

/**
 * Presses "Turn off" in the popup and expects it to end `expected`; a failure shows the outcome's diagnostic and the
 * members the session remembers, which tell "no member proven" from "a member proven, yet not taken".
 */
export async function turnOff(rig: BrowserRig, expected: LastResult['outcome']['kind']): Promise<void> {
  // A re-check the visit started ends first: the result read here is the opt-out's own.
  await expect.poll(() => rig.operation(), { timeout: 60_000, interval: 100 }).toBeUndefined();
  const before = (await rig.lastResult())?.operationId;
  await pressTurnOff(rig);
  const { outcome, finishedAt } = await rig.waitForResult(before);
  const diagnostic = 'diagnostic' in outcome ? outcome.diagnostic : '';
  const remembered = Object.entries((await rememberedMembers(rig)) ?? {}).map(([store, { account, at }]) => `${store}: ${account.key}, ${String(finishedAt - at)} ms before the result`);
  expect(outcome.kind, `${diagnostic}; members remembered: ${remembered.join('; ') || 'none'}`).toBe(expected);
  await rig.extensionPage.waitFor(`[data-status="${outcome.kind}"]`);
}

async function clickedOnRecord(rig: BrowserRig): Promise<void> {
  await expect.poll(async () => (await rig.operation())?.clicked, { timeout: 30_000, interval: 50 }).toBe(true);
}

/**
 * Jana presses "Turn off" with LinkedIn's save slowed down, and the click is put on record: the moment a test then
 * interrupts. Returns the id of the result before this one.
 */
export async function clickWithSlowSave(rig: BrowserRig): Promise<string | undefined> {
  configure(rig, [], { saveLatencyMs: 2500 });
  await signInAs(rig, jana.id);
  const before = (await rig.lastResult())?.operationId;
  await pressTurnOff(rig);
  await clickedOnRecord(rig);
  return before;
}

/** The click's save request reached LinkedIn (it is put on record just before it is sent). */
export async function saveSent(rig: BrowserRig): Promise<void> {
  await expect
    .poll(() => rig.simulator.requests.some((request) => request.method === 'PUT' && request.path.endsWith(`/${AI_SETTING_KEY}`)), { timeout: 30_000, interval: 50 })
    .toBe(true);
}
