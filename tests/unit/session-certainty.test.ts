import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../src/background/background';
import { storeKeyOf, storeKeyOfCookieStoreId } from '../../src/background/cookie-store';
import { sessionChangeIn } from '../../src/background/session-watch';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import type { LastResult } from '../../src/shared/storage/operation-state';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { FakeBrowser, linkedInSender, popupSender } from './fake-browser';

/**
 * The member bound to LinkedIn's session: a page that names nobody is the member proven in that
 * cookie store's session, until the session cookie changes; every store is served in turn; every click is on record.
 */

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
const alex = { key: 'alex-morgan-2024', name: 'Alex Morgan' };
const settingPath = '/mypreferences/d/settings/data-for-ai-improvement';
const sessionCookie = (storeId: string, domain = '.linkedin.com') => ({ name: 'li_at', domain, storeId });

let now = Date.UTC(2026, 11, 4, 9, 0, 0);
let ids = 0;

beforeEach(() => {
  vi.useFakeTimers();
  now = Date.UTC(2026, 11, 4, 9, 0, 0);
});
afterEach(() => vi.useRealTimers());

function boot(fake: FakeBrowser) {
  return createBackground(fake, { now: () => now, newId: () => `op-test-${++ids}` });
}

type Background = ReturnType<typeof boot>;

function containerSender(tabId: number, container: string, path = '/feed/') {
  return { ...linkedInSender(tabId, path), tab: { id: tabId, cookieStoreId: container } };
}

function stateReport(state: 'on' | 'off', clicked: boolean, account: typeof jana | null): EngineReport {
  return { kind: 'state', state, clicked, hook: 'label-key', ariaInSync: true, account, lang: 'en', way: 'direct', toggleFoundMs: 500, elapsedMs: 600 };
}

async function instructionFor(background: Background, tabId: number, sender = linkedInSender(tabId, settingPath)) {
  const answer = await background.route({ type: 'page-opened', account: null, lang: 'en' }, sender);
  return (answer as { value: { do: string; opId: string } }).value;
}

async function clicking(background: Background, tabId: number, opId: string, account: typeof jana | null) {
  return background.route({ type: 'engine-clicking', opId, account, hook: 'label-key' }, linkedInSender(tabId, settingPath));
}

async function report(background: Background, tabId: number, opId: string, engineReport: EngineReport) {
  return background.route({ type: 'engine-report', opId, report: engineReport }, linkedInSender(tabId, settingPath));
}

/** What the background started through its queue after answering (the next start in line) has run. */
const queued = () => vi.advanceTimersByTimeAsync(1);

const log = async (fake: FakeBrowser) => (await fake.storage.local.get(storageKeys.log))[storageKeys.log] as OptOutLog;
const lastResult = (fake: FakeBrowser) => fake.storage.session.data.get(storageKeys.lastResult) as LastResult | undefined;

/** A header-less settings app: turn off, clicked with the member proven in the session, verified on a fresh load that names nobody either. */
async function optOutOnHeaderlessApp(fake: FakeBrowser, background: Background, between: () => Promise<void> = async () => {}) {
  await background.route({ type: 'opt-out' }, popupSender);
  const helper = fake.createdTabs.at(-1)!.id;
  const first = await instructionFor(background, helper);
  const allowed = await clicking(background, helper, first.opId, null);
  if (allowed.ok && allowed.value === true) {
    await report(background, helper, first.opId, stateReport('off', true, null));
    await between();
    const fresh = await instructionFor(background, helper);
    await report(background, helper, fresh.opId, stateReport('off', false, null));
  } else {
    const refused: EngineReport = { kind: 'failed', failure: 'account-unconfirmed', diagnostic: 'no signed-in account proven; nothing clicked', account: null, lang: 'en', way: 'direct', toggleFoundMs: 500, elapsedMs: 600 };
    await report(background, helper, first.opId, refused);
  }
  return allowed;
}

describe('which store a cookie change is about', () => {
  it('names the store of a change of li_at on linkedin.com, in the same terms as the tabs of that store', () => {
    expect(sessionChangeIn({ cookie: sessionCookie('0') })).toBe(storeKeyOf(null));
    expect(sessionChangeIn({ cookie: sessionCookie('firefox-default', '.www.linkedin.com') })).toBe(storeKeyOf(null));
    expect(sessionChangeIn({ cookie: sessionCookie('firefox-container-2', 'www.linkedin.com') })).toBe(storeKeyOf({ cookieStoreId: 'firefox-container-2', windowId: null }));
    // All private windows share one store: Chrome's incognito store "1", Firefox's "firefox-private".
    expect(sessionChangeIn({ cookie: sessionCookie('1') })).toBe(storeKeyOf({ cookieStoreId: null, windowId: 7 }));
    expect(sessionChangeIn({ cookie: sessionCookie('firefox-private') })).toBe(storeKeyOf({ cookieStoreId: 'firefox-private', windowId: 9 }));
    expect(storeKeyOfCookieStoreId('firefox-container-2')).toBe('firefox-container-2');
  });

  it('ignores every other cookie and every other site', () => {
    expect(sessionChangeIn({ cookie: { name: 'JSESSIONID', domain: '.www.linkedin.com', storeId: '0' } })).toBeNull();
    expect(sessionChangeIn({ cookie: { name: 'li_at', domain: '.notlinkedin.com', storeId: '0' } })).toBeNull();
    expect(sessionChangeIn({ cookie: { name: 'li_at', domain: '.linkedin.com.example', storeId: '0' } })).toBeNull();
  });
});

describe('a page that names nobody: the member proven in this session', () => {
  it('a header-less settings app is clicked and verified for the member a LinkedIn page proved in this session', async () => {
    const fake = new FakeBrowser().watchCookies();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(50, '/feed/'));
    const allowed = await optOutOnHeaderlessApp(fake, background);
    expect(allowed).toEqual({ ok: true, value: true });
    expect(lastResult(fake)).toMatchObject({ accountKey: jana.key, outcome: { kind: 'turned-off', account: jana } });
    expect((await log(fake)).accounts[jana.key]).toMatchObject({ state: 'off', optedOutAt: now });
  });

  it('the session changing after the click (li_at replaced): "clicked, not verified" for the clicked member, never off', async () => {
    const fake = new FakeBrowser().watchCookies();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(50, '/feed/'));
    await optOutOnHeaderlessApp(fake, background, async () => {
      // An account switch: LinkedIn replaces li_at, which the browser reports as a removal and an insertion.
      await background.onCookieChanged({ cookie: sessionCookie('0') });
      await background.onCookieChanged({ cookie: sessionCookie('0') });
    });
    expect(lastResult(fake)).toMatchObject({ accountKey: jana.key, outcome: { kind: 'clicked-unverified', account: jana } });
    const record = (await log(fake)).accounts[jana.key]!;
    expect(record).toMatchObject({ state: 'unknown', optedOutAt: null, problem: 'clicked-unverified' });
    expect(record.history.map((entry) => entry.outcome)).toEqual(['clicked-unverified']);
  });

  it('after a sign-out and a sign-in nobody is vouched for: nothing is clicked until a page proves the new member', async () => {
    const fake = new FakeBrowser().watchCookies();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(50, '/feed/'));
    await background.onCookieChanged({ cookie: sessionCookie('0') });
    expect(await optOutOnHeaderlessApp(fake, background)).toEqual({ ok: true, value: false });
    expect(lastResult(fake)).toMatchObject({ accountKey: null, outcome: { kind: 'account-unconfirmed' } });
    expect((await log(fake)).accounts[jana.key]!.history).toEqual([]);
    // Alex's feed proves the new session's member: now it is Alex's switch, filed under Alex.
    await background.route({ type: 'page-opened', account: alex, lang: 'en' }, linkedInSender(51, '/feed/'));
    expect(await optOutOnHeaderlessApp(fake, background)).toEqual({ ok: true, value: true });
    expect(lastResult(fake)).toMatchObject({ accountKey: alex.key, outcome: { kind: 'turned-off' } });
  });

  it('a change in another store, or of another cookie, keeps the member of this one', async () => {
    const fake = new FakeBrowser().watchCookies();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(50, '/feed/'));
    await background.onCookieChanged({ cookie: sessionCookie('firefox-container-3') });
    await background.onCookieChanged({ cookie: { name: 'JSESSIONID', domain: '.www.linkedin.com', storeId: '0' } });
    expect(await optOutOnHeaderlessApp(fake, background)).toEqual({ ok: true, value: true });
    expect(lastResult(fake)).toMatchObject({ outcome: { kind: 'turned-off', account: jana } });
  });

  it('without cookie change reports (no cookies API, or site access to linkedin.com withdrawn) nobody is vouched for', async () => {
    for (const fake of [new FakeBrowser(), Object.assign(new FakeBrowser().watchCookies(), { originsGranted: false })]) {
      const background = boot(fake);
      await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(50, '/feed/'));
      expect(await optOutOnHeaderlessApp(fake, background)).toEqual({ ok: true, value: false });
      expect(lastResult(fake)).toMatchObject({ accountKey: null, outcome: { kind: 'account-unconfirmed' } });
    }
  });

  it('survives the worker being stopped: the member proven lives in session storage', async () => {
    const fake = new FakeBrowser().watchCookies();
    await boot(fake).route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(50, '/feed/'));
    const restarted = boot(fake);
    await restarted.start();
    expect(await optOutOnHeaderlessApp(fake, restarted)).toEqual({ ok: true, value: true });
    expect(lastResult(fake)).toMatchObject({ outcome: { kind: 'turned-off', account: jana } });
  });
});

describe('every click on record', () => {
  it('a page that reloads itself on the click is verified by its next load, and never clicked twice', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    const helper = fake.createdTabs[0]!.id;
    const first = await instructionFor(background, helper, linkedInSender(helper, settingPath));
    expect(first.do).toBe('turn-off');
    expect(await clicking(background, helper, first.opId, jana)).toEqual({ ok: true, value: true });
    // The page unloads before it can report; LinkedIn's next load asks for its instruction.
    const next = await instructionFor(background, helper);
    expect(next.do).toBe('read');
    expect(await clicking(background, helper, next.opId, jana)).toEqual({ ok: true, value: false });
    await report(background, helper, next.opId, stateReport('off', false, jana));
    expect(lastResult(fake)).toMatchObject({ outcome: { kind: 'turned-off', account: jana } });
    expect((await log(fake)).accounts[jana.key]).toMatchObject({ state: 'off', optedOutAt: now });
    expect(fake.reloads).toEqual([]);
  });

  /** An opt-out whose click is on record, for Jana; the page then says no more. */
  async function clickedForJana() {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    const helper = fake.createdTabs[0]!.id;
    const first = await instructionFor(background, helper);
    expect(await clicking(background, helper, first.opId, jana)).toEqual({ ok: true, value: true });
    return { fake, background, helper };
  }

  it('a helper tab closed after the click leaves "clicked, not verified" in the clicked member\'s log', async () => {
    const { fake, background, helper } = await clickedForJana();
    fake.openTabs.delete(helper);
    await background.onTabRemoved(helper);
    expect(lastResult(fake)).toMatchObject({ accountKey: jana.key, saved: true, outcome: { kind: 'clicked-unverified', account: jana } });
    expect((await log(fake)).accounts[jana.key]!.history).toEqual([expect.objectContaining({ outcome: 'clicked-unverified', diagnostic: expect.stringContaining('the LinkedIn tab was closed') })]);
  });

  it('a helper tab that times out after the click: the same, at the deadline', async () => {
    const { fake, background } = await clickedForJana();
    now += 120_000;
    await background.onAlarm('operation-deadline');
    expect(lastResult(fake)).toMatchObject({ accountKey: jana.key, outcome: { kind: 'clicked-unverified', account: jana } });
  });
});

describe('every cookie store served', () => {
  async function feedIn(background: Background, tabId: number, container: string, account: typeof jana) {
    await background.route({ type: 'page-opened', account, lang: 'en' }, containerSender(tabId, container));
  }

  it('two containers opening LinkedIn together: the second member waits for the first check, then is checked as themselves', async () => {
    const fake = new FakeBrowser().watchCookies();
    const background = boot(fake);
    await feedIn(background, 50, 'firefox-container-1', jana);
    await feedIn(background, 60, 'firefox-container-2', alex);
    expect(fake.createdTabs).toEqual([expect.objectContaining({ cookieStoreId: 'firefox-container-1' })]);
    expect(fake.storage.session.data.get(storageKeys.waitingStarts)).toEqual([expect.objectContaining({ kind: 'check', trigger: 'recheck', cookieStore: { cookieStoreId: 'firefox-container-2', windowId: null } })]);
    // More pages in the waiting store do not queue it twice.
    await feedIn(background, 61, 'firefox-container-2', alex);
    expect(fake.storage.session.data.get(storageKeys.waitingStarts)).toHaveLength(1);

    const [janaTab] = fake.createdTabs;
    const janaCheck = await instructionFor(background, janaTab!.id, containerSender(janaTab!.id, 'firefox-container-1', settingPath));
    await report(background, janaTab!.id, janaCheck.opId, stateReport('on', false, jana));
    await queued();
    // Jana's ended: Alex's starts in Alex's container, and is filed under Alex.
    expect(fake.createdTabs[1]).toMatchObject({ cookieStoreId: 'firefox-container-2', active: false });
    const alexCheck = await instructionFor(background, fake.createdTabs[1]!.id);
    await report(background, fake.createdTabs[1]!.id, alexCheck.opId, stateReport('off', false, alex));
    const accounts = (await log(fake)).accounts;
    expect([accounts[jana.key]?.state, accounts[alex.key]?.state]).toEqual(['on', 'off']);
    expect(fake.storage.session.data.get(storageKeys.waitingStarts)).toBeUndefined();
  });

  it('"Turn off" for the tab in front, while a check runs in another container: it waits and acts there, the running check stays a check', async () => {
    const fake = new FakeBrowser().watchCookies();
    const background = boot(fake);
    await feedIn(background, 50, 'firefox-container-1', jana);
    fake.activeTab = { id: 60, url: 'https://www.linkedin.com/feed/', cookieStoreId: 'firefox-container-2' };
    const answer = await background.route({ type: 'opt-out' }, popupSender);
    expect(answer).toMatchObject({ ok: true, value: { joined: false } });
    expect((fake.storage.session.data.get(storageKeys.operation) as { kind: string }).kind).toBe('check');
    const janaTab = fake.createdTabs[0]!.id;
    const janaCheck = await instructionFor(background, janaTab);
    expect(janaCheck.do).toBe('read');
    await report(background, janaTab, janaCheck.opId, stateReport('on', false, jana));
    await queued();
    const waited = fake.createdTabs[1]!;
    expect(waited).toMatchObject({ cookieStoreId: 'firefox-container-2' });
    const alexTurn = await instructionFor(background, waited.id);
    expect(alexTurn).toMatchObject({ do: 'turn-off', opId: (answer as { value: { operationId: string } }).value.operationId });
  });

  it('a waiting start survives the worker being stopped', async () => {
    const fake = new FakeBrowser().watchCookies();
    const background = boot(fake);
    await feedIn(background, 50, 'firefox-container-1', jana);
    await feedIn(background, 60, 'firefox-container-2', alex);
    fake.openTabs.delete(fake.createdTabs[0]!.id);
    // The worker stops before the first check ends; a new one finds the operation over (its tab gone) and the line waiting.
    const restarted = boot(fake);
    await restarted.onTabRemoved(fake.createdTabs[0]!.id);
    await queued();
    expect(fake.createdTabs.at(-1)).toMatchObject({ cookieStoreId: 'firefox-container-2' });
  });

  it('a pending sign-in belongs to its store: a member signed in elsewhere does not take it', async () => {
    const fake = new FakeBrowser().watchCookies();
    const background = boot(fake);
    fake.activeTab = { id: 60, url: 'https://www.linkedin.com/uas/login', cookieStoreId: 'firefox-container-2' };
    await background.route({ type: 'sign-in' }, popupSender);
    expect(fake.createdTabs[0]).toMatchObject({ active: true, cookieStoreId: 'firefox-container-2' });
    // A recent check of Jana's: her page in container 1 starts nothing and leaves the sign-in waiting.
    await feedIn(background, 50, 'firefox-container-1', jana);
    const started = fake.createdTabs.slice(1);
    expect(started.every((tab) => tab.cookieStoreId === 'firefox-container-1')).toBe(true);
    expect(fake.storage.session.data.get(storageKeys.pendingSignIn)).toBeDefined();
  });
});
