// One small driver over both browsers, so a test body written once runs in Chromium (Playwright) and
// Firefox (puppeteer-core over WebDriver BiDi): tabs, the extension's pages, cookies, the badge, the background.

import type { SimCookie, Simulator } from '../simulator';
import { launchBrowser } from './browser';

export const BROWSERS = ['chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

/** One tab, whatever drives it. Selectors are CSS; waits are for visible elements. */
export interface Tab {
  /** The address the tab shows now. */
  url(): Promise<string>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
  bringToFront(): Promise<void>;
  evaluate<Result, Arg>(fn: (arg: Arg) => Result | Promise<Result>, arg: Arg): Promise<Result>;
  click(selector: string): Promise<void>;
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  attribute(selector: string, name: string): Promise<string | null>;
  text(selector: string): Promise<string>;
  count(selector: string): Promise<number>;
  setViewport(size: { width: number; height: number }): Promise<void>;
  /** A PNG of the page: the whole document, or as far as the window shows it. */
  screenshot(path: string, options: { fullPage: boolean }): Promise<void>;
}

export interface DriverLaunchOptions {
  simulator: Pick<Simulator, 'port' | 'certificateSpki'>;
  headless?: boolean;
  /** A window size, for screenshots. */
  windowSize?: { width: number; height: number };
  /** Another unpacked build (default: dist/chrome or dist/firefox), e.g. a copy whose Chromium id a policy names. */
  extensionDir?: string;
  /** Firefox only: another Firefox executable, e.g. in a private copy of the install folder with its own policies.json. */
  firefoxPath?: string;
  /** false for a browser kept between files (tests/harness/kept-browsers.ts): only a file's lease of it is a use. */
  countsAsUse?: boolean;
  /** A test's browser, which draws less: reduced motion, and in Chromium one renderer process (LaunchOptions in tests/harness/browser.ts). */
  leanRendering?: boolean;
  /** Firefox only: an empty folder for the profile (default: a fresh temporary one); deleted on close either way. */
  profileDir?: string;
}

export interface BrowserDriver {
  name: BrowserName;
  /** <scheme>://<id>/<path> of a file of the extension. */
  extensionUrl(path: string): string;
  /** The extension's popup page, opened in a normal tab. */
  openPopup(): Promise<Tab>;
  /** A new tab at `url`; `container` names a separate cookie store (a Firefox container), when the browser has one. */
  openTab(url: string, options?: { container?: string }): Promise<Tab>;
  /** Every open tab. */
  tabs(): Promise<Tab[]>;
  /** The tab that `action` opens. */
  tabOpenedBy(action: () => Promise<void>): Promise<Tab>;
  setCookies(cookies: SimCookie[], options?: { container?: string }): Promise<void>;
  clearCookies(options?: { container?: string }): Promise<void>;
  /** Marks the running background context, so a test can tell a restarted one (marker gone) from it. */
  markBackground(): Promise<void>;
  backgroundMarked(): Promise<boolean>;
  /** Stops the extension's background: Chromium's service worker at once, Firefox's event page by its idle unload. */
  stopBackground(): Promise<void>;
  /** Closes every tab and container opened since the launch, keeping the browser's first tab: a kept browser's hand-over. */
  closeAllButFirstTab(): Promise<void>;
  /** Resolves when the browser is gone (its window closed). */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function launchDriver(name: BrowserName, options: DriverLaunchOptions): Promise<BrowserDriver> {
  if (name === 'firefox') {
    const { launchFirefoxDriver } = await import('./firefox');
    return launchFirefoxDriver(options);
  }
  const { chromiumDriver } = await import('./chromium-driver');
  const args = options.windowSize ? [`--window-size=${String(options.windowSize.width)},${String(options.windowSize.height)}`] : [];
  return chromiumDriver(
    await launchBrowser({
      simulator: options.simulator,
      headless: options.headless,
      args,
      extensionDir: options.extensionDir,
      countsAsUse: options.countsAsUse,
      leanRendering: options.leanRendering,
    }),
  );
}

/** BROWSERS=chromium (or firefox) runs one browser's share of the shared tests. */
export function browsersUnderTest(): BrowserName[] {
  const wanted = process.env.BROWSERS?.split(',').map((name) => name.trim());
  if (!wanted) return [...BROWSERS];
  const unknown = wanted.filter((name) => !(BROWSERS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BROWSERS names unknown browser(s): ${unknown.join(', ')}; known: ${BROWSERS.join(', ')}`);
  return wanted as BrowserName[];
}
