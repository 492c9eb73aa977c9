// The driver over Playwright's Chromium: the extension loaded unpacked, www.linkedin.com mapped to the simulator.

import type { Page } from 'playwright';
import type { LaunchedBrowser } from './browser';
import type { BrowserDriver, Tab } from './driver';

const WAIT_MS = 60_000;

export function playwrightTab(page: Page): Tab {
  return {
    url: async () => page.url(),
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    close: () => page.close(),
    bringToFront: () => page.bringToFront(),
    // Arguments are plain JSON values here, for which Playwright's Unboxed<Arg> is Arg itself.
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    click: (selector) => page.locator(selector).click(),
    waitFor: (selector, timeoutMs = WAIT_MS) => page.locator(selector).first().waitFor({ state: 'visible', timeout: timeoutMs }),
    attribute: (selector, name) => page.locator(selector).first().getAttribute(name),
    text: (selector) => page.locator(selector).first().innerText(),
    count: (selector) => page.locator(selector).count(),
    setViewport: (size) => page.setViewportSize(size),
    screenshot: async (path, options) => void (await page.screenshot({ path, fullPage: options.fullPage })),
  };
}

function noContainers(): never {
  throw new Error('Chromium has no containers: one cookie store per profile (incognito aside)');
}

export function chromiumDriver(browser: LaunchedBrowser): BrowserDriver {
  const { context } = browser;
  const tabOf = (page: Page): Tab => playwrightTab(page);
  return {
    name: 'chromium',
    extensionUrl: (path) => browser.extensionUrl(path),
    openPopup: async () => tabOf(await browser.openPopup()),
    async openTab(url, options) {
      if (options?.container) noContainers();
      const page = await context.newPage();
      await page.goto(url);
      return tabOf(page);
    },
    tabs: async () => context.pages().map(tabOf),
    async tabOpenedBy(action) {
      const [page] = await Promise.all([context.waitForEvent('page'), action()]);
      await page.waitForLoadState('domcontentloaded');
      return tabOf(page);
    },
    async setCookies(cookies, options) {
      if (options?.container) noContainers();
      await context.addCookies(cookies);
    },
    async clearCookies(options) {
      if (options?.container) noContainers();
      await context.clearCookies();
    },
    async markBackground() {
      await (await browser.serviceWorker()).evaluate(() => void ((globalThis as { aliveMarker?: number }).aliveMarker = 1));
    },
    async backgroundMarked() {
      return (await (await browser.serviceWorker()).evaluate(() => (globalThis as { aliveMarker?: number }).aliveMarker)) === 1;
    },
    async stopBackground() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async closeAllButFirstTab() {
      const [first, ...others] = context.pages();
      for (const page of others) await page.close();
      if (first && first.url() !== 'about:blank') await first.goto('about:blank');
    },
    closed: new Promise((resolve) => context.once('close', () => resolve())),
    close: () => browser.close(),
  };
}
