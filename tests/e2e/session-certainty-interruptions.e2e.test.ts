import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { browsersUnderTest } from '../harness/driver';
import { AI_SETTING_KEY, AI_SETTING_PATH } from '../simulator';
import { type BrowserRig, startBrowserRig } from './browser-rig';
import { alex, clickWithSlowSave, configure, feed, historyOf, jana, saveSent, sessionCertaintyRig, signInAs, turnOff } from './session-certainty';
import { savesOf } from './support';

/** What happened (session-certainty.ts): clicks the page unloads or the member interrupts, sessions restored at once, stored times from the future. */

const year = 365 * 24 * 3_600_000;

describe.each(browsersUnderTest())('%s', (browserName) => {
  const currentRig = sessionCertaintyRig(browserName);

  it('the session changes between the click and the verifying load: "clicked, not verified" for the clicked member, nothing for the next', async () => {
    const rig = currentRig();
    const before = await clickWithSlowSave(rig);
    await saveSent(rig);
    await rig.signIn(alex.id);
    const result = await rig.waitForResult(before);
    expect(result.outcome).toMatchObject({ kind: 'clicked-unverified', account: { key: jana.id } });
    await rig.extensionPage.waitFor('[data-status="clicked-unverified"]');
    expect(await rig.extensionPage.text('[data-status="clicked-unverified"]')).toContain('not counted as off');
    const log = (await rig.log()) as OptOutLog;
    expect(log.accounts[jana.id]).toMatchObject({ problem: 'clicked-unverified', optedOutAt: null });
    expect(log.accounts[alex.id]?.optedOutAt ?? null).toBeNull();
    expect(savesOf(rig.simulator, AI_SETTING_KEY).map((save) => save.account)).toEqual([jana.id]);
  });

  it('the helper tab closed right after the click: "clicked, not verified" in the clicked member\'s log', async () => {
    const rig = currentRig();
    const before = await clickWithSlowSave(rig);
    for (const tab of await rig.linkedInTabs()) if ((await tab.url()).includes(AI_SETTING_PATH)) await tab.close();
    const result = await rig.waitForResult(before);
    expect(result.outcome).toMatchObject({ kind: 'clicked-unverified', account: { key: jana.id } });
    expect(await historyOf(rig, jana.id)).toEqual(['clicked-unverified']);
    await rig.extensionPage.waitFor(`[data-account="${jana.id}"]`);
  });

  it('a page that reloads itself on the click: reported before it unloads, verified by the next load, clicked once', async () => {
    const rig = currentRig();
    configure(rig, ['reload-on-click']);
    await signInAs(rig, jana.id);
    await turnOff(rig, 'turned-off');
    expect(savesOf(rig.simulator, AI_SETTING_KEY).map((save) => [save.account, save.value])).toEqual([[jana.id, false]]);
    expect(await historyOf(rig, jana.id)).toEqual(['turned-off']);
    expect((await rig.log())?.accounts[jana.id]?.optedOutAt).toEqual(expect.any(Number));
  });

  it('stored times a year ahead (a clock set ahead, then corrected): LinkedIn opened re-checks at once', async () => {
    const rig = currentRig();
    await signInAs(rig, jana.id);
    await turnOff(rig, 'turned-off');
    const turnedOff = (await rig.lastResult())?.operationId;
    await rig.extensionPage.evaluate(
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
    await rig.extensionPage.waitFor(`[data-account="${jana.id}"][data-state="off"][data-checked="recent"]`);
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
