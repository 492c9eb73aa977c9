import type { Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OptOutLog } from '../../src/shared/log';
import { storageKeys } from '../../src/shared/storage';
import { AI_SETTING_PATH } from '../simulator';
import { account, type Rig, startRig } from './support';

/**
 * The background worker end to end (issue #4): re-checks when LinkedIn opens, the badge, several
 * accounts, and a service worker stopped in the middle of a check.
 */

const jana = account('jana-schmidt-4711', { lang: 'de' });
const alex = account('alex-morgan-2024', { lang: 'en' });
const day = 24 * 3_600_000;

let rig: Rig;
let previous: string | undefined;

async function nextResult() {
  const result = await rig.waitForResult(previous);
  previous = result.operationId;
  return result;
}

async function openFeed(): Promise<Page> {
  const feed = await rig.browser.context.newPage();
  await feed.goto('https://www.linkedin.com/feed/');
  return feed;
}

/** Makes an account's last check a day old, as if the user came back tomorrow. */
async function ageLastCheck(key: string): Promise<void> {
  await rig.extensionPage.evaluate(
    async ([logKey, key, age]) => {
      const log = (await chrome.storage.local.get(logKey))[logKey] as OptOutLog;
      const record = log.accounts[key]!;
      log.accounts[key] = { ...record, lastCheckedAt: (record.lastCheckedAt ?? Date.now()) - age, lastAutoCheckAt: record.lastAutoCheckAt === null ? null : record.lastAutoCheckAt - age };
      await chrome.storage.local.set({ [logKey]: log });
    },
    [storageKeys.log, key, day + 60_000] as const,
  );
}

function settingPageLoads(): number {
  return rig.simulator.requests.filter((request) => request.path === AI_SETTING_PATH).length;
}

async function closeLinkedInTabs(): Promise<void> {
  for (const page of rig.linkedInTabs()) await page.close();
}

beforeAll(async () => {
  rig = await startRig([jana, alex]);
});

afterAll(async () => {
  await rig?.close();
});

beforeEach(async () => {
  await closeLinkedInTabs();
});

describe('automatic re-check when LinkedIn opens', () => {
  it('checks read-only in a helper tab, without touching the tab the user reads', async () => {
    await rig.signIn(jana.id);
    const feed = await openFeed();
    const activeUrls: string[] = [];
    // While the check runs, the user's tab stays the active one.
    while (!(await rig.lastResult())) {
      const [active] = await rig.extensionPage.evaluate(() => chrome.tabs.query({ active: true, currentWindow: true }));
      if (active?.url) activeUrls.push(active.url);
      await feed.waitForTimeout(100);
    }
    const result = await nextResult();
    expect(result).toMatchObject({ kind: 'check', trigger: 'recheck', outcome: { kind: 'on', account: { key: jana.id } } });
    expect(rig.simulator.saves).toEqual([]);
    expect(feed.url()).toBe('https://www.linkedin.com/feed/');
    expect(activeUrls.length).toBeGreaterThan(0);
    expect(new Set(activeUrls)).toEqual(new Set(['https://www.linkedin.com/feed/']));
    expect(rig.linkedInTabs()).toEqual([feed]);
    expect(await rig.badge()).toEqual({ text: '!', title: expect.stringContaining(jana.name) });
  });

  it('does not check again when LinkedIn is opened within the interval', async () => {
    const before = settingPageLoads();
    const feed = await openFeed();
    await feed.reload();
    // The content script reports within its 3 s account wait; give it that, plus margin.
    await feed.waitForTimeout(4000);
    expect(settingPageLoads()).toBe(before);
    expect(await rig.operation()).toBeUndefined();
  });

  it('warns on the badge when LinkedIn turns the setting back on', async () => {
    await rig.send({ type: 'opt-out' });
    expect((await nextResult()).outcome.kind).toBe('turned-off');
    expect((await rig.badge()).text).toBe('✓');

    rig.simulator.setAiTraining(jana.id, true);
    await ageLastCheck(jana.id);
    await openFeed();
    const result = await nextResult();
    expect(result).toMatchObject({ trigger: 'recheck', outcome: { kind: 'on' } });
    const badge = await rig.badge();
    expect(badge.text).toBe('!');
    expect(badge.title).toMatch(/back|wieder/i);
    const record = (await rig.log())!.accounts[jana.id]!;
    expect(record.flippedBackAt).toBe(result.finishedAt);
    expect(record.history.map((entry) => entry.outcome)).toEqual(['on', 'turned-off', 'on']);
  });

  it('keeps two accounts apart', async () => {
    const janaBefore = (await rig.log())!.accounts[jana.id]!.history;
    await rig.signIn(alex.id);
    await openFeed();
    const result = await nextResult();
    expect(result.outcome).toMatchObject({ kind: 'on', account: { key: alex.id, name: alex.name }, lang: 'en' });
    const log = (await rig.log())!;
    expect(Object.keys(log.accounts).sort()).toEqual([alex.id, jana.id].sort());
    expect(log.accounts[jana.id]!.history).toEqual(janaBefore);
    expect(log.accounts[alex.id]!.history).toHaveLength(1);
    expect(log.currentAccountKey).toBe(alex.id);
  });
});

describe('the work goes on without the popup and without the worker', () => {
  it('finishes an opt-out after the popup that asked for it is closed', async () => {
    const popup = await rig.browser.openPopup();
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'opt-out' }));
    await popup.close();
    const result = await nextResult();
    expect(result.outcome).toMatchObject({ kind: 'turned-off', account: { key: alex.id } });
    expect(rig.simulator.account(alex.id).aiTraining).toBe(false);
  });

  it('recovers a check whose service worker was stopped in the middle', async () => {
    rig.simulator.setAiTraining(alex.id, true);
    rig.simulator.configure({ renderDelayMs: 6000 });
    await ageLastCheck(alex.id);
    await openFeed();
    // Wait until the helper tab is waiting for the slow toggle, then stop the worker.
    while ((await rig.operation())?.phase !== 'reading') await rig.extensionPage.waitForTimeout(100);
    const worker = await rig.browser.serviceWorker();
    await worker.evaluate(() => void ((globalThis as { aliveMarker?: number }).aliveMarker = 1));
    const cdp = await rig.browser.context.newCDPSession(rig.extensionPage);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    const result = await nextResult();
    expect(result).toMatchObject({ trigger: 'recheck', outcome: { kind: 'on', account: { key: alex.id } } });
    const restarted = await rig.browser.serviceWorker();
    expect(await restarted.evaluate(() => (globalThis as { aliveMarker?: number }).aliveMarker)).toBeUndefined();
    expect(await rig.operation()).toBeUndefined();
    expect(rig.linkedInTabs().every((page) => !page.url().includes('/mypreferences/'))).toBe(true);
    expect((await rig.badge()).text).toBe('!');
    rig.simulator.configure({ renderDelayMs: 300 });
  });
});
