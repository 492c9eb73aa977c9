import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { browsersUnderTest, type Tab } from '../harness/driver';
import { AI_SETTING_PATH } from '../simulator';
import { type BrowserRig, startBrowserRig } from './browser-rig';
import { account } from './support';

/**
 * The background end to end (README, How it works and Browsers), in Chromium and Firefox: re-checks when LinkedIn opens,
 * the badge, several accounts, and a background (service worker, event page) stopped in the middle of a check.
 */

const jana = account('jana-schmidt-4711', { lang: 'de' });
const alex = account('alex-morgan-2024', { lang: 'en' });
const day = 24 * 3_600_000;
const feedUrl = 'https://www.linkedin.com/feed/';

describe.each(browsersUnderTest())('%s', (browserName) => {

  let rig: BrowserRig;

  function openFeed(): Promise<Tab> {
    return rig.driver.openTab(feedUrl);
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

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  function settingPageLoads(): number {
    return rig.simulator.requests.filter((request) => request.path === AI_SETTING_PATH).length;
  }

  async function closeLinkedInTabs(): Promise<void> {
    for (const tab of await rig.linkedInTabs()) await tab.close();
  }

  beforeAll(async () => {
    rig = await startBrowserRig(browserName, [jana, alex]);
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
        const [active] = await rig.extensionPage.evaluate(() => chrome.tabs.query({ active: true, currentWindow: true }), null);
        if (active?.url) activeUrls.push(active.url);
        await pause(100);
      }
      const result = await rig.nextResult();
      expect(result).toMatchObject({ kind: 'check', trigger: 'recheck', outcome: { kind: 'on', account: { key: jana.id } } });
      expect(rig.simulator.saves).toEqual([]);
      expect(await feed.url()).toBe('https://www.linkedin.com/feed/');
      expect(activeUrls.length).toBeGreaterThan(0);
      expect(new Set(activeUrls)).toEqual(new Set(['https://www.linkedin.com/feed/']));
      expect(await Promise.all((await rig.linkedInTabs()).map((tab) => tab.url()))).toEqual([await feed.url()]);
      // The badge is drawn just after the result is stored: read it once it has caught up.
      await expect.poll(() => rig.badge()).toEqual({ text: '!', title: expect.stringContaining(jana.name) });
    });

    it('does not check again when LinkedIn is opened within the interval', async () => {
      const before = settingPageLoads();
      // Each load's report reached the background: one after the other, as a reload ends the first page's script.
      const feed = await rig.afterPageReport(feedUrl, openFeed);
      await rig.afterPageReport(feedUrl, () => feed.reload());
      expect(await rig.startedWithin()).toEqual([]);
      expect(settingPageLoads()).toBe(before);
      expect(await rig.operation()).toBeUndefined();
    });

    it('warns on the badge when LinkedIn turns the setting back on', async () => {
      await rig.press('opt-out');
      // The whole outcome, so a failure shows its diagnostic.
      expect((await rig.nextResult()).outcome).toMatchObject({ kind: 'turned-off' });
      await expect.poll(async () => (await rig.badge()).text).toBe('✓');

      rig.simulator.setAiTraining(jana.id, true);
      await ageLastCheck(jana.id);
      await openFeed();
      const result = await rig.nextResult();
      expect(result).toMatchObject({ trigger: 'recheck', outcome: { kind: 'on' } });
      await expect.poll(() => rig.badge()).toEqual({ text: '!', title: expect.stringMatching(/back|wieder/i) });
      const record = (await rig.log())!.accounts[jana.id]!;
      expect(record.flippedBackAt).toBe(result.finishedAt);
      expect(record.history.map((entry) => entry.outcome)).toEqual(['on', 'turned-off', 'on']);
    });

    it('keeps two accounts apart', async () => {
      const janaBefore = (await rig.log())!.accounts[jana.id]!.history;
      await rig.signIn(alex.id);
      await openFeed();
      const result = await rig.nextResult();
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
      const popup = await rig.driver.openPopup();
      await popup.click('[data-action="opt-out"]');
      // Closed as soon as the operation is there, as a member closes the popup after the click.
      await expect.poll(() => rig.operation(), { timeout: 20_000, interval: 50 }).toBeDefined();
      await popup.close();
      const result = await rig.nextResult();
      expect(result.outcome).toMatchObject({ kind: 'turned-off', account: { key: alex.id } });
      expect(rig.simulator.account(alex.id).aiTraining).toBe(false);
    });

    it('recovers a check whose background (service worker, event page) was stopped in the middle', async () => {
      rig.simulator.setAiTraining(alex.id, true);
      rig.simulator.configure({ renderDelayMs: 6000 });
      await ageLastCheck(alex.id);
      await openFeed();
      // Wait until the helper tab is waiting for the slow toggle, then stop the worker.
      await expect.poll(async () => (await rig.operation())?.phase, { timeout: 30_000, interval: 50 }).toBe('reading');
      await rig.driver.markBackground();
      await rig.driver.stopBackground();
      // Still waiting for the slow toggle: the background was stopped in the middle, not after the end.
      expect(await rig.operation()).toMatchObject({ phase: 'reading' });

      const result = await rig.nextResult();
      expect(result).toMatchObject({ trigger: 'recheck', outcome: { kind: 'on', account: { key: alex.id } } });
      expect(await rig.driver.backgroundMarked()).toBe(false);
      expect(await rig.operation()).toBeUndefined();
      const urls = await Promise.all((await rig.linkedInTabs()).map((tab) => tab.url()));
      expect(urls.every((url) => !url.includes('/mypreferences/'))).toBe(true);
      await expect.poll(async () => (await rig.badge()).text).toBe('!');
      rig.simulator.configure({ renderDelayMs: 300 });
    });
  });

});
