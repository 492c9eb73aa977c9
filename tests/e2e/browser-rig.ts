import { expect } from 'vitest';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import type { BackgroundMessage, BackgroundResponse } from '../../src/shared/messages/background-messages';
import type { LastResult, Operation } from '../../src/shared/storage/operation-state';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { type BrowserDriver, type BrowserName, type DriverLaunchOptions, launchDriver, type Tab } from '../harness/driver';
import { keptBrowserFree, leaseKeptBrowser } from '../harness/kept-browsers';
import { type SimAccount, type Simulator, startSimulator } from '../simulator';

/**
 * One simulator and one browser (Chromium or Firefox) with the built extension, seen through the
 * driver: what a test body needs to run unchanged in both browsers.
 */

type Evaluate = <Result, Arg>(fn: (arg: Arg) => Result | Promise<Result>, arg: Arg) => Promise<Result>;

/**
 * The background decides what follows an operation's end (an auto-fix) or a page's report (a re-check) within one
 * queued task of a few storage reads and writes (src/background/operations.ts): this long without a start proves none.
 */
const decisionMs = 1000;

/** `newResultAfter`: false waits only for no operation; otherwise also for a result whose id is not this one. */
type SettledWait = { newResultAfter: string | null | false; timeoutMs: number };

/**
 * Waits in the extension page for the operation to end, hearing every change of the session storage it lives in
 * (storage.onChanged) instead of polling: the stored result once settled (true when no result was asked for), null
 * when `timeoutMs` passed first.
 */
function waitUntilSettled(evaluate: Evaluate, wait: SettledWait): Promise<LastResult | true | null> {
  const keys = { operation: storageKeys.operation, lastResult: storageKeys.lastResult };
  return evaluate(
    ({ keys, newResultAfter, timeoutMs }) =>
      new Promise<LastResult | true | null>((resolve) => {
        const finish = (outcome: LastResult | true | null) => {
          chrome.storage.onChanged.removeListener(onChange);
          clearTimeout(timer);
          resolve(outcome);
        };
        const check = async () => {
          const stored = await chrome.storage.session.get([keys.operation, keys.lastResult]);
          if (stored[keys.operation]) return;
          if (newResultAfter === false) return finish(true);
          const result = stored[keys.lastResult] as LastResult | undefined;
          if (result && result.operationId !== newResultAfter) finish(result);
        };
        const onChange = (_changes: unknown, area: string) => {
          if (area === 'session') void check();
        };
        const timer = setTimeout(() => finish(null), timeoutMs);
        chrome.storage.onChanged.addListener(onChange);
        void check();
      }),
    { keys, newResultAfter: wait.newResultAfter, timeoutMs: wait.timeoutMs },
  );
}

/** What a test reads through an extension page: storage, the badge, and the popup's messages. */
export function extensionReaders(evaluate: Evaluate) {
  let lastReturned: string | undefined;
  const readStorage = <T>(area: 'local' | 'session', key: string) =>
    evaluate(async ([area, key]) => (await chrome.storage[area].get(key))[key], [area, key] as const) as Promise<T | undefined>;
  const readers = {
    send: (message: BackgroundMessage) => evaluate((message) => chrome.runtime.sendMessage(message), message) as Promise<BackgroundResponse>,
    log: () => readStorage<OptOutLog>('local', storageKeys.log),
    operation: () => readStorage<Operation>('session', storageKeys.operation),
    lastResult: () => readStorage<LastResult>('session', storageKeys.lastResult),
    /** Waits for the operation to end and returns its result (a new one, if `after` names the previous). */
    async waitForResult(after?: string, timeoutMs = 100_000): Promise<LastResult> {
      const result = await waitUntilSettled(evaluate, { newResultAfter: after ?? null, timeoutMs });
      if (result !== null && result !== true) return result;
      throw new Error(`no result within ${timeoutMs} ms; operation: ${JSON.stringify(await readers.operation())}; ${await readers.lastChecks()}`);
    },
    /** When each account was last checked, for a failure to tell "no check was due" from "the due check never started". */
    async lastChecks(): Promise<string> {
      const accounts = Object.values((await readers.log())?.accounts ?? {});
      const ago = (at: number | null) => (at === null ? 'never' : `${String(Math.round((Date.now() - at) / 1000))} s ago`);
      return `last checks: ${accounts.map((record) => `${record.key} checked ${ago(record.lastCheckedAt)}, auto-checked ${ago(record.lastAutoCheckAt)}`).join('; ') || 'no account in the log'}`;
    },
    /** Resolves once no operation runs; false when one still runs after `timeoutMs`. */
    untilNoOperation: async (timeoutMs: number) => (await waitUntilSettled(evaluate, { newResultAfter: false, timeoutMs })) !== null,
    /** The next finished operation after the last one this returned. */
    async nextResult(): Promise<LastResult> {
      const result = await readers.waitForResult(lastReturned);
      lastReturned = result.operationId;
      return result;
    },
    /**
     * Runs `open` and resolves once LinkedIn pages at `url` have reported in ("page-opened") `reports` more times
     * than before: the background heard each at the same moment and decides inside that report's queued task.
     */
    async afterPageReport<T>(url: string, open: () => Promise<T>, reports = 1): Promise<T> {
      await evaluate(() => {
        const page = window as { reportedPages?: string[] };
        if (page.reportedPages) return;
        page.reportedPages = [];
        // Answers nothing, so the background's reply stays the only one; a message that reaches only this listener
        // (Firefox unloading the event page) comes back empty, and the content script sends it again.
        chrome.runtime.onMessage.addListener((message: { type?: string }, sender) => {
          if (message.type === 'page-opened' && sender.tab?.url) page.reportedPages?.push(sender.tab.url);
        });
      }, null);
      const reported = () => evaluate((url) => ((window as { reportedPages?: string[] }).reportedPages ?? []).filter((reported) => reported === url).length, url);
      const before = await reported();
      const opened = await open();
      // The report comes after the load event, a second and an idle moment (src/content/index.ts).
      await expect.poll(reported, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(before + reports);
      return opened;
    },
    /**
     * Every operation running now or started within `ms` (`kind trigger`, once per stored write, and one that finished
     * meanwhile), heard as storage writes: empty when none. No polling gap: a start that ended inside shows too.
     */
    startedWithin: (ms = decisionMs) =>
      evaluate(
        async ({ keys, ms }) => {
          const started: string[] = [];
          const named = (operation: Operation) => `${operation.kind} ${operation.trigger}`;
          const onChange = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
            const operation = area === 'session' ? (changes[keys.operation]?.newValue as Operation | undefined) : undefined;
            if (operation) started.push(named(operation));
          };
          chrome.storage.onChanged.addListener(onChange);
          const before = await chrome.storage.session.get([keys.operation, keys.lastResult]);
          const running = before[keys.operation] as Operation | undefined;
          if (running) started.push(named(running));
          await new Promise((resolve) => setTimeout(resolve, ms));
          chrome.storage.onChanged.removeListener(onChange);
          const after = await chrome.storage.session.get([keys.operation, keys.lastResult]);
          const [was, now] = [before[keys.lastResult], after[keys.lastResult]] as (LastResult | undefined)[];
          if (now && now.operationId !== was?.operationId) started.push(`${now.kind} ${now.trigger} finished`);
          return started;
        },
        { keys: { operation: storageKeys.operation, lastResult: storageKeys.lastResult }, ms },
      ),
    badge: () =>
      evaluate(
        async () => ({
          text: await chrome.action.getBadgeText({}),
          title: await chrome.action.getTitle({}),
        }),
        null,
      ),
  };
  return readers;
}

/** The popup's buttons a test presses: its contract is `data-action` (src/popup/popup-render.ts). */
export type PopupButton = 'opt-out' | 'check';

export type BrowserRig = ReturnType<typeof extensionReaders> & {
  browserName: BrowserName;
  simulator: Simulator;
  driver: BrowserDriver;
  /** An extension page (the popup opened as a tab): it sends what the popup sends. */
  extensionPage: Tab;
  /** Presses one of the popup's buttons (`data-action`) in the extension page, as a member would. */
  press(action: PopupButton): Promise<void>;
  /** Signs in the default cookie store, or a container's. */
  signIn(accountId: string, options?: { container?: string }): Promise<void>;
  signOut(options?: { container?: string }): Promise<void>;
  /** LinkedIn tabs. */
  linkedInTabs(): Promise<Tab[]>;
  close(): Promise<void>;
};

/**
 * A rig on the worker's kept browser (tests/harness/kept-browsers.ts) unless `options.launch` asks for a browser of
 * its own; either way `close()` leaves nothing of the file behind.
 */
export async function startBrowserRig(
  browserName: BrowserName,
  accounts: SimAccount[],
  options: { knobs?: Parameters<Simulator['configure']>[0]; launch?: Omit<DriverLaunchOptions, 'simulator'> } = {},
): Promise<BrowserRig> {
  const { simulator, driver, close } = await rigBrowser(browserName, accounts, options);
  const extensionPage = await driver.openPopup();
  const readers = extensionReaders(extensionPage.evaluate);
  const linkedInTabs = async () => {
    const tabs = await driver.tabs();
    const urls = await Promise.all(tabs.map((tab) => tab.url()));
    return tabs.filter((_tab, index) => urls[index]?.startsWith('https://www.linkedin.com'));
  };
  return {
    ...readers,
    browserName,
    simulator,
    driver,
    extensionPage,
    press: (action) => extensionPage.click(`[data-action="${action}"]`),
    async signIn(accountId, signInOptions) {
      await driver.clearCookies(signInOptions);
      await driver.setCookies(simulator.signInCookies(accountId), signInOptions);
    },
    signOut: (signOutOptions) => driver.clearCookies(signOutOptions),
    linkedInTabs,
    close: () => close(() => handBackExtension(readers, extensionPage.evaluate, linkedInTabs)),
  };
}

type RigOptions = { knobs?: Parameters<Simulator['configure']>[0]; launch?: Omit<DriverLaunchOptions, 'simulator'> };

/** The simulator and browser of a rig, and how to end them: a kept browser is handed back, one of its own closed. */
async function rigBrowser(browserName: BrowserName, accounts: SimAccount[], options: RigOptions) {
  if (!options.launch && keptBrowserFree(browserName)) {
    const lease = await leaseKeptBrowser(browserName, { accounts, knobs: options.knobs });
    return { simulator: lease.simulator, driver: lease.driver, close: lease.release };
  }
  const simulator = await startSimulator({ accounts, knobs: options.knobs });
  let driver: BrowserDriver;
  try {
    driver = await launchDriver(browserName, { leanRendering: true, ...options.launch, simulator });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  const close = async (_handBack: () => Promise<void>) => {
    await driver.close();
    await simulator.close();
  };
  return { simulator, driver, close };
}

/** How long a file's last operation may take to end before its kept browser is closed rather than handed on. */
const HAND_BACK_WAIT_MS = 30_000;

/**
 * A kept browser's extension as a fresh install finds it: the file's last operation ended, its LinkedIn tabs closed
 * (no content script writes after this), storage empty and no badge. Throws when that cannot be reached.
 */
export async function handBackExtension(readers: ReturnType<typeof extensionReaders>, evaluate: Evaluate, linkedInTabs: () => Promise<Tab[]>): Promise<void> {
  // Not expect.poll: this runs in afterAll, outside any test.
  if (!(await readers.untilNoOperation(HAND_BACK_WAIT_MS))) throw new Error(`the file's last operation still runs after ${String(HAND_BACK_WAIT_MS)} ms`);
  for (const tab of await linkedInTabs()) await tab.close();
  await evaluate(async () => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
    await chrome.action.setBadgeText({ text: '' });
  }, null);
}

/**
 * Before each test of a shared rig: the operation a failed test may have left running ends, LinkedIn tabs close, the
 * simulator and the extension's storage and badge start afresh, and the popup shows its button again.
 */
export async function startAfresh(rig: BrowserRig): Promise<void> {
  expect(await rig.untilNoOperation(100_000), 'the operation a previous test left running ended').toBe(true);
  for (const tab of await rig.linkedInTabs()) await tab.close();
  rig.simulator.reset();
  await rig.extensionPage.evaluate(async () => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
    await chrome.action.setBadgeText({ text: '' });
  }, null);
  await rig.extensionPage.reload();
  await rig.extensionPage.waitFor('[data-action="opt-out"]');
}
