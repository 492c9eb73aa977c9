import type { Page } from 'playwright';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import type { BackgroundMessage, BackgroundResponse } from '../../src/shared/messages/background-messages';
import type { LastResult, Operation } from '../../src/shared/storage/operation-state';
import { launchBrowser, type LaunchedBrowser, type LaunchOptions } from '../harness/browser';
import { playwrightTab } from '../harness/chromium-driver';
import { keptBrowserFree, leaseKeptBrowser } from '../harness/kept-browsers';
import { extensionReaders, handBackExtension, type PopupButton } from './browser-rig';
import { type SimAccount, type Simulator, startSimulator } from '../simulator';

type ExtensionReaders = ReturnType<typeof extensionReaders>;

/**
 * One simulator and one browser with the built extension, plus the few ways a test looks inside:
 * an extension page to send the popup's messages and read storage, and the badge.
 */

export type Rig = {
  simulator: Simulator;
  browser: LaunchedBrowser;
  /** An extension page (the popup opened as a tab): it sends what the popup sends. */
  extensionPage: Page;
  /** Presses one of the popup's buttons (`data-action`) in the extension page, as a member would. */
  press(action: PopupButton): Promise<void>;
  signIn(accountId: string): Promise<void>;
  signOut(): Promise<void>;
  send(message: BackgroundMessage): Promise<BackgroundResponse>;
  log(): Promise<OptOutLog | undefined>;
  operation(): Promise<Operation | undefined>;
  lastResult(): Promise<LastResult | undefined>;
  /** Waits for the operation to end and returns its result (a new one, if `after` names the previous). */
  waitForResult(after?: string, timeoutMs?: number): Promise<LastResult>;
  badge(): Promise<{ text: string; title: string }>;
  afterPageReport: ExtensionReaders['afterPageReport'];
  startedWithin: ExtensionReaders['startedWithin'];
  /** LinkedIn tabs other than the extension's page. */
  linkedInTabs(): Page[];
  close(): Promise<void>;
};

export function account(id: string, overrides: Partial<SimAccount> = {}): SimAccount {
  const name = id
    .split('-')
    .filter((part) => !/\d/.test(part))
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join(' ');
  return { id, name, urn: `urn:li:fs_miniProfile:ACoAA${id.length}`, lang: 'en', ...overrides };
}

/** A rig on the worker's kept Chromium (tests/harness/kept-browsers.ts) unless `options.launch` asks for a browser of its own. */
export async function startRig(
  accounts: SimAccount[],
  options: { knobs?: Parameters<Simulator['configure']>[0]; launch?: Partial<LaunchOptions> } = {},
): Promise<Rig> {
  const lease = !options.launch && keptBrowserFree('chromium') ? await leaseKeptBrowser('chromium', { accounts, knobs: options.knobs }) : null;
  const simulator = lease?.simulator ?? (await startSimulator({ accounts, knobs: options.knobs }));
  const browser = lease?.chromium ?? (await launchBrowser({ simulator, leanRendering: true, ...options.launch }));
  const extensionPage = await browser.openPopup();
  const evaluate = playwrightTab(extensionPage).evaluate;
  const readers = extensionReaders(evaluate);
  const linkedInTabs = () => browser.context.pages().filter((page) => page.url().startsWith('https://www.linkedin.com'));

  const rig: Rig = {
    ...readers,
    simulator,
    browser,
    extensionPage,
    press: (action) => extensionPage.click(`[data-action="${action}"]`),
    async signIn(accountId) {
      await browser.context.clearCookies();
      await browser.context.addCookies(simulator.signInCookies(accountId));
    },
    async signOut() {
      await browser.context.clearCookies();
    },
    linkedInTabs,
    async close() {
      if (lease) return lease.release(() => handBackExtension(readers, evaluate, async () => linkedInTabs().map(playwrightTab)));
      await browser.close();
      await simulator.close();
    },
  };
  return rig;
}

/** Saves of one setting key that LinkedIn stored or tried to: "was anything clicked?" */
export function savesOf(simulator: Simulator, key: string) {
  return simulator.saves.filter((save) => save.key === key);
}
