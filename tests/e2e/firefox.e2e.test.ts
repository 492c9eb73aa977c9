import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Operation } from '../../src/shared/storage/operation-state';
import type { Tab } from '../harness/driver';
import { type BrowserRig, startBrowserRig } from './browser-rig';
import { account } from './support';

/**
 * What only Firefox has (README, Browsers: what Firefox differs in): containers, two members signed in side by side, each checked and
 * recorded as themselves; and site access the member withdrew, explained and granted again.
 * The shared paths run in Firefox too: background.e2e, popup-flows.e2e.
 */

const jana = account('jana-schmidt-4711', { lang: 'de' });
const alex = account('alex-morgan-2024', { lang: 'en' });
const mia = account('mia-keller-2025', { lang: 'en' });
const linkedInOrigins = ['https://www.linkedin.com/*'];
const feed = 'https://www.linkedin.com/feed/';

let rig: BrowserRig;

/** The cookie store id the extension sees for a LinkedIn tab, found by its address. */
async function cookieStoreIdOf(tab: Tab): Promise<string | undefined> {
  const url = await tab.url();
  const tabs = await rig.extensionPage.evaluate((url) => chrome.tabs.query({ url }), url);
  expect(tabs).toHaveLength(1);
  return (tabs[0] as { cookieStoreId?: string }).cookieStoreId;
}

/** The operation in flight, as soon as there is one: what the background decided at its start. */
async function operationStarted(): Promise<Operation> {
  let operation: Operation | undefined;
  await expect.poll(async () => (operation = await rig.operation()), { timeout: 20_000, interval: 50 }).toBeDefined();
  return operation!;
}

beforeAll(async () => {
  rig = await startBrowserRig('firefox', [jana, alex, mia]);
});

afterAll(async () => {
  await rig?.close();
});

beforeEach(async () => {
  for (const tab of await rig.linkedInTabs()) await tab.close();
});

describe('containers: two members side by side', () => {
  it('each container\'s LinkedIn is re-checked in that container, as its own member', async () => {
    // The default store is signed out: a check that ran there would report "signed out", not a member.
    await rig.signIn(jana.id, { container: 'work' });
    await rig.signIn(alex.id, { container: 'personal' });

    const work = await rig.driver.openTab(`${feed}?in=work`, { container: 'work' });
    const workStore = await cookieStoreIdOf(work);
    expect(workStore).toMatch(/^firefox-container-\d+$/);
    expect((await operationStarted()).cookieStore).toEqual({ cookieStoreId: workStore, windowId: null });
    expect(await rig.nextResult()).toMatchObject({ trigger: 'recheck', outcome: { kind: 'on', account: { key: jana.id }, lang: 'de' } });

    const personal = await rig.driver.openTab(`${feed}?in=personal`, { container: 'personal' });
    const personalStore = await cookieStoreIdOf(personal);
    expect(personalStore).toMatch(/^firefox-container-\d+$/);
    expect(personalStore).not.toBe(workStore);
    expect((await operationStarted()).cookieStore).toEqual({ cookieStoreId: personalStore, windowId: null });
    expect(await rig.nextResult()).toMatchObject({ trigger: 'recheck', outcome: { kind: 'on', account: { key: alex.id }, lang: 'en' } });

    const log = (await rig.log())!;
    expect(Object.keys(log.accounts).sort()).toEqual([alex.id, jana.id].sort());
    expect(log.accounts[jana.id]!.history.map((entry) => entry.outcome)).toEqual(['on']);
    expect(log.accounts[alex.id]!.history.map((entry) => entry.outcome)).toEqual(['on']);
    // The helper tabs were closed; the members' own tabs are still there.
    expect((await Promise.all((await rig.linkedInTabs()).map((tab) => tab.url()))).sort()).toEqual([`${feed}?in=personal`, `${feed}?in=work`]);
    // Reading the setting twice, each in its own session: no request of one carried the other's cookies.
    const settingReads = rig.simulator.requests.filter((request) => request.path.startsWith('/mypreferences/'));
    expect(new Set(settingReads.map((request) => request.account))).toEqual(new Set([jana.id, alex.id]));
  });

  it('the popup turns it off for the member whose LinkedIn tab is in front, in that container only', async () => {
    const personal = await rig.driver.openTab(`${feed}?in=personal`, { container: 'personal' });
    await personal.bringToFront();
    const personalStore = await cookieStoreIdOf(personal);
    await rig.press('opt-out');
    expect((await operationStarted()).cookieStore).toEqual({ cookieStoreId: personalStore, windowId: null });
    expect(await rig.nextResult()).toMatchObject({ trigger: 'user', outcome: { kind: 'turned-off', account: { key: alex.id } } });
    expect(rig.simulator.account(alex.id).aiTraining).toBe(false);
    expect(rig.simulator.account(jana.id).aiTraining).toBe(true);
    expect((await rig.log())!.accounts[jana.id]!.history.map((entry) => entry.outcome)).toEqual(['on']);
  });
});

describe('private windows', () => {
  it('LinkedIn in a private window is re-checked in that window, as the member signed in there', async () => {
    await rig.signOut();
    const requestsBefore = rig.simulator.requests.length;
    // A private window signs in on its own: Mia signs in there through LinkedIn's (the simulator's) login page.
    const login = await rig.driver.tabOpenedBy(async () => {
      await rig.extensionPage.evaluate((url) => void chrome.windows.create({ incognito: true, url }), 'https://www.linkedin.com/uas/login');
    });
    // An ordinary window in front: a helper tab opened without naming the private window would land there.
    const ordinaryWindow = await rig.extensionPage.evaluate((url) => chrome.windows.create({ url }).then((window) => window?.id ?? -1), rig.driver.extensionUrl('popup/popup.html'));
    const focused = await rig.extensionPage.evaluate(() => chrome.windows.getLastFocused().then((window) => window.incognito), null);
    expect(focused).toBe(false);
    await login.click(`form:has(input[value="${mia.id}"]) button`);
    const operation = await operationStarted();
    expect(operation.cookieStore).toEqual({ cookieStoreId: 'firefox-private', windowId: expect.any(Number) });
    expect(await rig.nextResult()).toMatchObject({ trigger: 'recheck', outcome: { kind: 'on', account: { key: mia.id } } });
    const [privateWindow] = await rig.extensionPage.evaluate(() => chrome.windows.getAll({ windowTypes: ['normal'] }).then((all) => all.filter((window) => window.incognito)), null);
    expect(privateWindow?.id).toBe(operation.cookieStore?.windowId);
    // The default store stayed signed out: nothing there could have read Mia's setting.
    const settingReads = rig.simulator.requests.slice(requestsBefore).filter((request) => request.path.startsWith('/mypreferences/'));
    expect(settingReads.map((request) => request.account)).toEqual([mia.id]);
    for (const id of [privateWindow!.id!, ordinaryWindow]) await rig.extensionPage.evaluate((id) => chrome.windows.remove(id), id);
  });
});

describe('site access withdrawn', () => {
  it('the popup says so when it opens; the click asks again and, allowed, turns it off', async () => {
    await rig.signIn(jana.id);
    rig.simulator.setAiTraining(jana.id, true);
    expect(await rig.extensionPage.evaluate((origins) => chrome.permissions.remove({ origins }), linkedInOrigins)).toBe(true);
    expect(await rig.extensionPage.evaluate((origins) => chrome.permissions.contains({ origins }), linkedInOrigins)).toBe(false);

    const popup = await rig.driver.openPopup();
    await expect.poll(() => popup.text('[data-part="notice"]'), { timeout: 20_000 }).toContain('needs access to www.linkedin.com');
    await popup.click('[data-action="opt-out"]');
    await popup.waitFor('[data-status="turned-off"]');
    expect(await rig.extensionPage.evaluate((origins) => chrome.permissions.contains({ origins }), linkedInOrigins)).toBe(true);
    expect(await popup.count('[data-part="notice"] p')).toBe(0);
    expect(rig.simulator.account(jana.id).aiTraining).toBe(false);
    await popup.close();
  });
});
