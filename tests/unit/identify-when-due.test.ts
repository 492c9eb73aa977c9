import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../src/background/background';
import { identificationFreshMs } from '../../src/background/operations';
import { firstRetryAfterMs } from '../../src/background/recheck-policy';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import type { AccountIdentity } from '../../src/shared/log/outcome';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { FakeBrowser, linkedInSender, popupSender } from './fake-browser';

/**
 * A LinkedIn page whose header shows nobody yet (README, How it works: nothing on LinkedIn's critical path): the background answers `idle` when nothing can
 * be due in that page's cookie store, and `identify` (wait for the header) otherwise, so a due re-check still
 * starts on that page load, and per-account throttling still holds. A page that names its member is always
 * judged by that member.
 */

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
const max = { key: 'max-muster', name: 'Max Muster' };
const hour = 3_600_000;
let now = 0;

type Sender = ReturnType<typeof linkedInSender> & { tab: { cookieStoreId?: string; incognito?: boolean; windowId?: number } };
const defaultStoreTab = (tabId = 1, path = '/feed/'): Sender => linkedInSender(tabId, path);
const containerTab = (tabId: number, cookieStoreId: string): Sender => ({ ...linkedInSender(tabId), tab: { id: tabId, cookieStoreId, windowId: 1 } });
const privateWindowTab = (tabId: number, windowId: number): Sender => ({ ...linkedInSender(tabId), tab: { id: tabId, incognito: true, windowId } });

function boot() {
  const fake = new FakeBrowser();
  let ids = 0;
  return { fake, background: createBackground(fake, { now: () => now, newId: () => `op-skip-${++ids}` }) };
}

type Background = ReturnType<typeof boot>['background'];

/** What an ordinary page is told after reporting without its account. */
async function answerTo(background: Background, sender: Sender): Promise<string> {
  const answer = await background.route({ type: 'page-opened', account: null, lang: 'en' }, sender);
  return (answer as { ok: true; value: { do: string } }).value.do;
}

/** The page identified its member on request. */
async function identify(background: Background, sender: Sender, account: AccountIdentity): Promise<void> {
  expect(await background.route({ type: 'account-seen', account }, sender)).toEqual({ ok: true, value: null });
}

/** The helper tab reads the setting and reports `report`; the operation ends. */
async function helperTabReports(background: Background, tabId: number, report: Partial<EngineReport>): Promise<void> {
  const answer = await background.route({ type: 'page-opened', account: null, lang: 'en' }, linkedInSender(tabId, '/mypreferences/d/settings/data-for-ai-improvement'));
  const opId = (answer as { value: { opId: string } }).value.opId;
  const base = { account: jana, lang: 'en', way: 'direct', toggleFoundMs: 500, elapsedMs: 600 } as const;
  const full = { ...base, ...report } as EngineReport;
  expect(await background.route({ type: 'engine-report', opId, report: full }, linkedInSender(tabId))).toMatchObject({ ok: true });
}

const readOff: Partial<EngineReport> = { kind: 'state', state: 'off', clicked: false, hook: 'label-key', ariaInSync: true };
const timedOut: Partial<EngineReport> = { kind: 'failed', failure: 'timeout', diagnostic: 'test timeout' };

/** Jana is identified in `sender`'s store and her re-check there has just read "off". */
async function checkedJustNow(background: Background, fake: FakeBrowser, sender: Sender, account: AccountIdentity = jana): Promise<void> {
  expect(await answerTo(background, sender)).toBe('identify');
  await identify(background, sender, account);
  const helper = fake.createdTabs.at(-1)!;
  await helperTabReports(background, helper.id, { ...readOff, account });
  expect(fake.storage.session.data.get(storageKeys.operation)).toBeUndefined();
}

beforeEach(() => {
  vi.useFakeTimers();
  now = Date.UTC(2026, 10, 29, 9, 0, 0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a page that does not name its member', () => {
  it('is asked to identify on a fresh install, and identifying starts the first check on that same load', async () => {
    const { fake, background } = boot();
    expect(await answerTo(background, defaultStoreTab())).toBe('identify');
    await identify(background, defaultStoreTab(), jana);
    expect(fake.createdTabs).toHaveLength(1);
    expect(fake.storage.session.data.get(storageKeys.operation)).toMatchObject({ kind: 'check', trigger: 'recheck' });
  });

  it('is left alone once its member was identified and checked: no identification, no tab, no write', async () => {
    const { fake, background } = boot();
    await checkedJustNow(background, fake, defaultStoreTab());
    const logBefore = fake.storage.local.data.get(storageKeys.log);
    now += 5 * 60_000;
    expect(await answerTo(background, defaultStoreTab(2))).toBe('idle');
    expect(fake.createdTabs).toHaveLength(1);
    expect(fake.storage.local.data.get(storageKeys.log)).toBe(logBefore);
  });

  it('is asked again as soon as the re-check is due, and that load starts it', async () => {
    const { fake, background } = boot();
    await checkedJustNow(background, fake, defaultStoreTab());
    // Identified again within each freshness window, so only the re-check can make it ask.
    for (let elapsed = 0; elapsed + identificationFreshMs < 24 * hour; elapsed += identificationFreshMs - 60_000) {
      now += identificationFreshMs - 60_000;
      const answer = await answerTo(background, defaultStoreTab());
      if (answer === 'identify') await identify(background, defaultStoreTab(), jana);
      expect(fake.createdTabs).toHaveLength(1);
    }
    now = Date.UTC(2026, 10, 29, 9, 0, 0) + 24 * hour;
    expect(await answerTo(background, defaultStoreTab())).toBe('identify');
    await identify(background, defaultStoreTab(), jana);
    expect(fake.createdTabs).toHaveLength(2);
  });

  it('keeps the per-account throttle: a failed check is not retried on every page, but after its back-off', async () => {
    const { fake, background } = boot();
    expect(await answerTo(background, defaultStoreTab())).toBe('identify');
    await identify(background, defaultStoreTab(), jana);
    await helperTabReports(background, fake.createdTabs[0]!.id, timedOut);
    for (let page = 0; page < 5; page += 1) {
      now += 60_000;
      expect(await answerTo(background, defaultStoreTab())).toBe('idle');
    }
    expect(fake.createdTabs).toHaveLength(1);
    now += firstRetryAfterMs;
    expect(await answerTo(background, defaultStoreTab())).toBe('identify');
    await identify(background, defaultStoreTab(), jana);
    expect(fake.createdTabs).toHaveLength(2);
  });

  it('is asked again once the last identification in its store is no longer recent', async () => {
    const { fake, background } = boot();
    await checkedJustNow(background, fake, defaultStoreTab());
    now += identificationFreshMs - 1;
    expect(await answerTo(background, defaultStoreTab())).toBe('idle');
    now += 1;
    expect(await answerTo(background, defaultStoreTab())).toBe('identify');
  });

  it('after a sign-in page in its store, the next member there is identified (and checked) at once', async () => {
    const { fake, background } = boot();
    await checkedJustNow(background, fake, defaultStoreTab());
    expect(await answerTo(background, defaultStoreTab(1, '/login'))).toBe('idle');
    expect(await answerTo(background, defaultStoreTab())).toBe('identify');
    await identify(background, defaultStoreTab(), max);
    expect(fake.createdTabs).toHaveLength(2);
    expect(fake.storage.session.data.get(storageKeys.operation)).toMatchObject({ expectedAccount: max });
  });

  it('a different member signing in to the same store is checked on their first page, which names them', async () => {
    const { fake, background } = boot();
    await checkedJustNow(background, fake, defaultStoreTab());
    await background.route({ type: 'page-opened', account: max, lang: 'en' }, defaultStoreTab(2));
    expect(fake.createdTabs).toHaveLength(2);
    expect(fake.storage.session.data.get(storageKeys.operation)).toMatchObject({ kind: 'check', expectedAccount: max });
  });

  it('is asked while a sign-in waits to be continued, so the opt-out continues on that load', async () => {
    const { fake, background } = boot();
    await checkedJustNow(background, fake, defaultStoreTab());
    await background.route({ type: 'sign-in' }, popupSender);
    expect(await answerTo(background, defaultStoreTab())).toBe('identify');
    await identify(background, defaultStoreTab(), jana);
    expect(fake.storage.session.data.get(storageKeys.operation)).toMatchObject({ kind: 'opt-out', trigger: 'user' });
  });

  it('is asked while an operation runs in another tab, and that changes nothing about the operation', async () => {
    const { fake, background } = boot();
    await checkedJustNow(background, fake, defaultStoreTab());
    await background.route({ type: 'check' }, popupSender);
    const running = fake.storage.session.data.get(storageKeys.operation);
    expect(await answerTo(background, defaultStoreTab(3))).toBe('identify');
    await identify(background, defaultStoreTab(3), jana);
    expect(fake.storage.session.data.get(storageKeys.operation)).toEqual(running);
  });
});

describe('several members in one browser: each cookie store is judged on its own', () => {
  it('a Firefox container is asked to identify although the default store needs nothing, and its member is checked there', async () => {
    const { fake, background } = boot();
    await checkedJustNow(background, fake, defaultStoreTab());
    expect(await answerTo(background, containerTab(5, 'firefox-container-2'))).toBe('identify');
    await identify(background, containerTab(5, 'firefox-container-2'), max);
    expect(fake.createdTabs.at(-1)).toMatchObject({ cookieStoreId: 'firefox-container-2' });
  });

  it('a private window is a store of its own', async () => {
    const { fake, background } = boot();
    await checkedJustNow(background, fake, defaultStoreTab());
    expect(await answerTo(background, privateWindowTab(6, 9))).toBe('identify');
    await identify(background, privateWindowTab(6, 9), max);
    expect(fake.createdTabs.at(-1)).toMatchObject({ windowId: 9 });
  });

  it('switching between two checked members asks each store to identify again, so the current account follows the page', async () => {
    const { fake, background } = boot();
    const container = containerTab(5, 'firefox-container-2');
    await checkedJustNow(background, fake, defaultStoreTab());
    await checkedJustNow(background, fake, container, max);
    expect(await answerTo(background, container)).toBe('idle');
    expect(await answerTo(background, defaultStoreTab())).toBe('identify');
    await identify(background, defaultStoreTab(), jana);
    expect(await answerTo(background, defaultStoreTab())).toBe('idle');
    expect(await answerTo(background, container)).toBe('identify');
    expect(fake.createdTabs).toHaveLength(2);
  });
});
