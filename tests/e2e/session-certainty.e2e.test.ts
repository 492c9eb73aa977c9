import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import type { IdentifiedStores } from '../../src/shared/storage/operation-state';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { browsersUnderTest, type Tab } from '../harness/driver';
import { AI_SETTING_KEY, AI_SETTING_PATH, type MarkupVariant, OTHER_PEOPLE } from '../simulator';
import { type BrowserRig, startAfresh, startBrowserRig } from './browser-rig';
import { account, savesOf } from './support';

/**
 * Certainty about who is signed in and what happened, in Chromium and Firefox, through the popup:
 * the member bound to LinkedIn's session (the simulator sets, replaces and removes an HttpOnly `li_at` as
 * LinkedIn does), pages that name nobody or someone else, clicks that the page unloads or the member
 * interrupts, and stored times from the future. Each asserts what the member sees (`[data-status]`, the
 * account rows) and what the log keeps.
 */

const jana = account('jana-schmidt-4711', { lang: 'en' });
const alex = account('alex-morgan-2024', { lang: 'en' });
const feed = 'https://www.linkedin.com/feed/';
const stranger = OTHER_PEOPLE[3]!;
const year = 365 * 24 * 3_600_000;

describe.each(browsersUnderTest())('%s', (browserName) => {
  let rig: BrowserRig;
  let popup: Tab;

  const rememberedMembers = async () =>
    (await rig.extensionPage.evaluate(async (key) => (await chrome.storage.session.get(key))[key], storageKeys.identifiedStores)) as IdentifiedStores | undefined;

  const accountsInLog = async () => Object.keys((await rig.log())?.accounts ?? {});
  const historyOf = async (id: string) => ((await rig.log())?.accounts[id]?.history ?? []).map((entry) => entry.outcome);
  const rowsShown = () => popup.evaluate(() => [...document.querySelectorAll('li.account[data-account]')].map((row) => row.getAttribute('data-account')), null);

  /** Keeps, in the extension page, the address of every LinkedIn page whose content script reported in ("page-opened"). */
  const recordPageReports = () =>
    popup.evaluate(() => {
      const page = window as { reportedPages?: string[] };
      if (page.reportedPages) return;
      page.reportedPages = [];
      // A listener that answers nothing: the background's reply stays the only one.
      chrome.runtime.onMessage.addListener((message: { type?: string }, sender) => {
        if (message.type === 'page-opened' && sender.tab?.url) page.reportedPages?.push(sender.tab.url);
      });
    }, null);
  const reportedPages = () => popup.evaluate(() => (window as { reportedPages?: string[] }).reportedPages ?? [], null);

  /** A LinkedIn page the member opens, once its content script has told the extension whom it shows. */
  async function visit(url: string): Promise<Tab> {
    await recordPageReports();
    const tab = await rig.driver.openTab(url);
    // The report comes after the load event, a second and an idle moment (src/content/index.ts).
    await expect.poll(async () => (await reportedPages()).includes(url), { timeout: 20_000, interval: 100 }).toBe(true);
    return tab;
  }

  /** Opens a page that proves the member: the re-check the proof makes due runs at once, and reads the setting still on. */
  async function proveOn(url: string, member: string): Promise<void> {
    const before = (await rig.lastResult())?.operationId;
    await visit(url);
    await expect.poll(async () => (await rememberedMembers())?.default?.account.key, { timeout: 20_000 }).toBe(member);
    expect(await rig.waitForResult(before)).toMatchObject({ trigger: 'recheck', outcome: { kind: 'on', account: { key: member } } });
  }

  /** The member's popup is in front of them when they press it; Firefox stalls a click in a background tab (no animation frames there). */
  async function pressTurnOff(): Promise<void> {
    await popup.bringToFront();
    await popup.click('[data-action="opt-out"]');
  }

  /** Presses "Turn off" in the popup and returns the status it ends with. */
  async function turnOff(): Promise<string> {
    // A re-check the visit started ends first: the result read here is the opt-out's own.
    await expect.poll(() => rig.operation(), { timeout: 60_000, interval: 100 }).toBeUndefined();
    const before = (await rig.lastResult())?.operationId;
    await pressTurnOff();
    const result = await rig.waitForResult(before);
    await popup.waitFor(`[data-status="${result.outcome.kind}"]`);
    return result.outcome.kind;
  }

  async function clickedOnRecord(): Promise<void> {
    await expect.poll(async () => (await rig.operation())?.clicked, { timeout: 30_000, interval: 50 }).toBe(true);
  }

  /** The click's save request reached LinkedIn (it is put on record just before it is sent). */
  async function saveSent(): Promise<void> {
    await expect.poll(() => rig.simulator.requests.some((request) => request.method === 'PUT' && request.path.endsWith(`/${AI_SETTING_KEY}`)), { timeout: 30_000, interval: 50 }).toBe(true);
  }

  beforeAll(async () => {
    rig = await startBrowserRig(browserName, [jana, alex]);
    popup = rig.extensionPage;
  });

  afterAll(async () => {
    await rig?.close();
  });

  beforeEach(async () => {
    // A re-check the last test's page started ends before anything is cleared: nothing of it reaches this test.
    await startAfresh(rig);
    rig.simulator.setAiTraining(jana.id, true);
    rig.simulator.setAiTraining(alex.id, true);
  });

  const configure = (markup: MarkupVariant[], more: Parameters<BrowserRig['simulator']['configure']>[0] = {}) => rig.simulator.configure({ markup, ...more });

  it("a sign-out (li_at removed) forgets the session's member; the next member has to prove themselves", async () => {
    await rig.signIn(jana.id);
    await visit(feed);
    await expect.poll(async () => (await rememberedMembers())?.default?.account.key, { timeout: 20_000 }).toBe(jana.id);
    await rig.signOut();
    await expect.poll(async () => (await rememberedMembers())?.default, { timeout: 10_000 }).toBeUndefined();
    await rig.signIn(alex.id);
    await visit(feed);
    await expect.poll(async () => (await rememberedMembers())?.default?.account.key, { timeout: 20_000 }).toBe(alex.id);
  });

  it('lazy "Me" menu and a header-less settings app: nothing until the page\'s own record proves the member, then turned off and verified as them', async () => {
    configure(['lazy-me-menu', 'no-identity']);
    await rig.signIn(jana.id);
    await visit(feed);
    expect(await turnOff()).toBe('account-unconfirmed');
    expect(savesOf(rig.simulator, AI_SETTING_KEY)).toEqual([]);
    expect(await accountsInLog()).toEqual([]);

    // Her own profile carries the page's record of the viewer: proof in this session.
    await proveOn(`https://www.linkedin.com/in/${jana.id}/`, jana.id);
    expect(await turnOff()).toBe('turned-off');
    expect(rig.simulator.account(jana.id).aiTraining).toBe(false);
    expect(await historyOf(jana.id)).toContain('turned-off');
    await popup.waitFor(`[data-account="${jana.id}"][data-state="off"]`);
  });

  it('alias links (/in/me/): never an account called "me"; the member is filed as themselves once proven', async () => {
    configure(['alias-links']);
    await rig.signIn(jana.id);
    await visit(feed);
    expect(await turnOff()).toBe('account-unconfirmed');
    expect(await accountsInLog()).toEqual([]);
    await proveOn(`https://www.linkedin.com/in/${jana.id}/`, jana.id);
    expect(await turnOff()).toBe('turned-off');
    expect(await accountsInLog()).toEqual([jana.id]);
    expect(await rowsShown()).toEqual([jana.id]);
  });

  it("a stranger's profile with the owner's data island: the stranger is no account, and nothing is checked for them", async () => {
    configure(['lazy-me-menu', 'no-viewer-record']);
    await rig.signIn(jana.id);
    const strangersProfile = await visit(`https://www.linkedin.com/in/${stranger.id}/`);
    // Its wait for a late header ends with the page: nothing more can come from it.
    await strangersProfile.close();
    expect(await rig.operation()).toBeUndefined();
    expect(rig.simulator.requests.filter((request) => request.path === AI_SETTING_PATH)).toEqual([]);
    expect(await accountsInLog()).toEqual([]);
    expect(await rowsShown()).toEqual([]);
    expect((await rig.badge()).title).not.toContain(stranger.name);
  });

  it('the session changes between the click and the verifying load: "clicked, not verified" for the clicked member, nothing for the next', async () => {
    configure([], { saveLatencyMs: 2500 });
    await rig.signIn(jana.id);
    const before = (await rig.lastResult())?.operationId;
    await pressTurnOff();
    await clickedOnRecord();
    await saveSent();
    await rig.signIn(alex.id);
    const result = await rig.waitForResult(before);
    expect(result.outcome).toMatchObject({ kind: 'clicked-unverified', account: { key: jana.id } });
    await popup.waitFor('[data-status="clicked-unverified"]');
    expect(await popup.text('[data-status="clicked-unverified"]')).toContain('not counted as off');
    const log = (await rig.log()) as OptOutLog;
    expect(log.accounts[jana.id]).toMatchObject({ problem: 'clicked-unverified', optedOutAt: null });
    expect(log.accounts[alex.id]?.optedOutAt ?? null).toBeNull();
    expect(savesOf(rig.simulator, AI_SETTING_KEY).map((save) => save.account)).toEqual([jana.id]);
  });

  it('the helper tab closed right after the click: "clicked, not verified" in the clicked member\'s log', async () => {
    configure([], { saveLatencyMs: 2500 });
    await rig.signIn(jana.id);
    const before = (await rig.lastResult())?.operationId;
    await pressTurnOff();
    await clickedOnRecord();
    for (const tab of await rig.linkedInTabs()) if ((await tab.url()).includes(AI_SETTING_PATH)) await tab.close();
    const result = await rig.waitForResult(before);
    expect(result.outcome).toMatchObject({ kind: 'clicked-unverified', account: { key: jana.id } });
    expect(await historyOf(jana.id)).toEqual(['clicked-unverified']);
    await popup.waitFor(`[data-account="${jana.id}"]`);
  });

  it('a page that reloads itself on the click: reported before it unloads, verified by the next load, clicked once', async () => {
    configure(['reload-on-click']);
    await rig.signIn(jana.id);
    expect(await turnOff()).toBe('turned-off');
    expect(savesOf(rig.simulator, AI_SETTING_KEY).map((save) => [save.account, save.value])).toEqual([[jana.id, false]]);
    expect(await historyOf(jana.id)).toEqual(['turned-off']);
    expect((await rig.log())?.accounts[jana.id]?.optedOutAt).toEqual(expect.any(Number));
  });

  it('stored times a year ahead (a clock set ahead, then corrected): LinkedIn opened re-checks at once', async () => {
    await rig.signIn(jana.id);
    expect(await turnOff()).toBe('turned-off');
    const turnedOff = (await rig.lastResult())?.operationId;
    await popup.evaluate(
      async ([logKey, key, ahead]) => {
        const log = (await chrome.storage.local.get(logKey))[logKey] as OptOutLog;
        const record = log.accounts[key]!;
        log.accounts[key] = { ...record, lastCheckedAt: Date.now() + ahead, lastAutoCheckAt: Date.now() + ahead, offSince: Date.now() + ahead };
        await chrome.storage.local.set({ [logKey]: log });
      },
      [storageKeys.log, jana.id, year] as const,
    );
    const loadsBefore = rig.simulator.requests.filter((request) => request.path === AI_SETTING_PATH).length;
    await rig.driver.openTab(feed);
    await expect.poll(() => rig.simulator.requests.filter((request) => request.path === AI_SETTING_PATH).length, { timeout: 30_000 }).toBeGreaterThan(loadsBefore);
    const result = await rig.waitForResult(turnedOff);
    expect(result).toMatchObject({ trigger: 'recheck', outcome: { kind: 'off' } });
    expect((await rig.log())?.accounts[jana.id]?.lastCheckedAt).toBeLessThanOrEqual(Date.now());
    await popup.waitFor(`[data-account="${jana.id}"][data-state="off"][data-checked="recent"]`);
  });
});

// Containers are Firefox's: this runs wherever Firefox is under test.
describe.each(browsersUnderTest().filter((name) => name === 'firefox'))('%s: two cookie stores opening LinkedIn together', (browserName) => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig(browserName, [jana, alex]);
  });

  afterAll(async () => {
    await rig?.close();
  });

  it('a restored session opens both containers at once: the second check waits for the first, each member gets their own result', async () => {
    await rig.signIn(jana.id, { container: 'work' });
    await rig.signIn(alex.id, { container: 'personal' });
    await Promise.all([rig.driver.openTab(`${feed}?in=work`, { container: 'work' }), rig.driver.openTab(`${feed}?in=personal`, { container: 'personal' })]);
    await expect
      .poll(async () => Object.fromEntries(Object.entries((await rig.log())?.accounts ?? {}).map(([key, record]) => [key, record.history.map((entry) => entry.outcome)])), { timeout: 90_000, interval: 250 })
      .toEqual({ [jana.id]: ['on'], [alex.id]: ['on'] });
    // Each read ran in its own member's session: no setting page was read as the other, and nothing is left waiting.
    const settingReads = rig.simulator.requests.filter((request) => request.path.startsWith('/mypreferences/'));
    expect(new Set(settingReads.map((request) => request.account))).toEqual(new Set([jana.id, alex.id]));
    expect(await rig.extensionPage.evaluate(async (key) => (await chrome.storage.session.get(key))[key], storageKeys.waitingStarts)).toBeUndefined();
    expect(await rig.operation()).toBeUndefined();
  });
});
