// Launches Debian's Firefox ESR headless under puppeteer-core (WebDriver BiDi) with the built extension
// installed in a fresh profile, www.linkedin.com reached through a CONNECT proxy to the simulator.
// BiDi will not navigate to moz-extension:// pages, so the popup is the start page and further
// extension pages are opened by it (tabs.create).

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { startConnectProxy } from '../simulator/connect-proxy';
import { noteBrowserOpened } from './browser-use';
import type { BrowserDriver, DriverLaunchOptions, Tab } from './driver';

export const DEFAULT_FIREFOX_EXTENSION_DIR = process.env.FIREFOX_EXTENSION_DIR ?? 'dist/firefox';
const DEFAULT_FIREFOX = '/usr/bin/firefox-esr';
/**
 * How long the event page may sit idle before Firefox unloads it (default 30 s). Short here, so every
 * Firefox test runs with an event page that comes and goes, as it does for members over a day.
 */
export const BACKGROUND_IDLE_MS = 2_000;
const WAIT_MS = 60_000;
const START_PAGE_WAIT_MS = 20_000;

export function firefoxPath(override?: string): string {
  const path = override ?? process.env.FIREFOX_PATH ?? DEFAULT_FIREFOX;
  if (!existsSync(path)) {
    throw new Error(`Firefox not found at ${path}. Install Debian's Firefox ESR with \`sudo apt-get install -y firefox-esr\`, or set FIREFOX_PATH.`);
  }
  return path;
}

interface FirefoxManifest {
  action?: { default_popup?: string };
  browser_specific_settings?: { gecko?: { id?: string } };
}

function readManifest(extensionDir: string): FirefoxManifest {
  const path = join(extensionDir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  return JSON.parse(readFileSync(path, 'utf8')) as FirefoxManifest;
}

/** Prefs for a quiet, offline test profile that installs the unsigned extension from the profile folder. */
function firefoxPrefs(geckoId: string, uuid: string, startPage: string, proxyPort: number, leanRendering: boolean): Record<string, unknown> {
  return {
    // ESR honours this: an unsigned extension from the profile is installed and enabled without asking.
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 15,
    // A fixed moz-extension:// host, so the start page can name the popup before the extension is installed.
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    'browser.startup.homepage': startPage,
    'browser.startup.page': 1,
    'extensions.background.idle.timeout': BACKGROUND_IDLE_MS,
    // Headless Firefox has no doorhanger to press: a permission request is answered "Allow", as a member would.
    'extensions.webextOptionalPermissionPrompts': false,
    // Containers: BiDi user contexts are containers; the setting makes them visible to the extension as cookie stores.
    'privacy.userContext.enabled': true,
    // Every connection goes to the proxy, which serves www.linkedin.com and refuses all else.
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.no_proxies_on': '',
    // A test's browser asks pages for reduced motion: headless Firefox draws a spinning spinner in its main process.
    ...(leanRendering ? { 'ui.prefersReducedMotion': 1 } : {}),
  };
}

export function puppeteerTab(page: Page): Tab {
  return {
    // BiDi leaves a tab the extension opened at about:blank in puppeteer's view: the page itself knows better.
    url: async () => (page.url() === 'about:blank' ? await page.evaluate(() => location.href).catch(() => 'about:blank') : page.url()),
    goto: async (url) => void (await page.goto(url)),
    async reload() {
      if (!(await this.url()).startsWith('moz-extension://')) return void (await page.reload());
      // BiDi does not report an extension page's navigation: reload from inside, then wait for a fresh document.
      await page.evaluate(() => {
        (window as { staleDocument?: boolean }).staleDocument = true;
        location.reload();
      });
      await waitUntil(
        () => page.evaluate(() => !(window as { staleDocument?: boolean }).staleDocument && document.readyState === 'complete').catch(() => false),
        'the extension page to load again',
      );
    },
    close: () => page.close(),
    bringToFront: () => page.bringToFront(),
    // Arguments are plain JSON values here, for which puppeteer's FlattenHandle<Arg> is Arg itself.
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    click: (selector) => saying(`clicking ${selector} in ${page.url()}`, page.locator(selector).setTimeout(WAIT_MS).click()),
    waitFor: async (selector, timeoutMs = WAIT_MS) =>
      void (await saying(`waiting for ${selector} in ${page.url()}`, page.waitForSelector(selector, { visible: true, timeout: timeoutMs }))),
    attribute: (selector, name) => page.$eval(selector, (element, name) => element.getAttribute(name), name),
    text: (selector) => page.$eval(selector, (element) => (element as HTMLElement).innerText),
    count: async (selector) => (await page.$$(selector)).length,
    setViewport: (size) => page.setViewport(size),
    screenshot: async (path, options) => void (await page.screenshot({ path, fullPage: options.fullPage })),
  };
}

/** Puppeteer's timeouts name no step: a failure says which wait ran out. */
async function saying<T>(what: string, step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    throw new Error(`${what}: ${String(error)}`, { cause: error });
  }
}

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${String(timeoutMs)} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForStartPage(browser: Browser, url: string): Promise<Page> {
  const target = await browser.waitForTarget((candidate) => candidate.url() === url, { timeout: START_PAGE_WAIT_MS });
  const page = await target.page();
  if (!page) throw new Error(`The start page ${url} opened without a page`);
  return page;
}

export async function launchFirefoxDriver(options: DriverLaunchOptions): Promise<BrowserDriver> {
  const extensionDir = resolve(options.extensionDir ?? DEFAULT_FIREFOX_EXTENSION_DIR);
  const manifest = readManifest(extensionDir);
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  const popupPath = manifest.action?.default_popup ?? 'popup/popup.html';
  const uuid = randomUUID();
  const extensionUrl = (path: string): string => `moz-extension://${uuid}/${path.replace(/^\//, '')}`;

  const proxy = await startConnectProxy(options.simulator.port);
  const profile = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'linkedin-optout-firefox-')));
  await mkdir(join(profile, 'extensions'));
  // A proxy file: the profile's extensions/<id> names the unpacked folder, so no zip is built per launch.
  await writeFile(join(profile, 'extensions', geckoId), `${extensionDir}\n`);
  // "Run in Private Windows", allowed as a member would in about:addons (Firefox keeps the choice in this file).
  await writeFile(join(profile, 'extension-preferences.json'), JSON.stringify({ [geckoId]: { permissions: ['internal:privateBrowsingAllowed'], origins: [] } }));
  const startPage = extensionUrl(popupPath);
  const size = options.windowSize;

  let firefox: Browser;
  try {
    firefox = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(options.firefoxPath),
      headless: options.headless ?? true,
      userDataDir: profile,
      // The simulator's self-signed certificate, for every tab including the extension's own.
      acceptInsecureCerts: true,
      // No test reads Firefox's network events: without them, and without puppeteer's 20 MB body collectors, its main
      // process spends about 5 % less CPU (two runs each of firefox.e2e and certainty.e2e: 29.2–29.6 CPU s against 31.3–31.4).
      networkEnabled: false,
      // puppeteer's about:blank argument would replace the start page.
      ignoreDefaultArgs: ['about:blank'],
      args: size ? [`--width=${String(size.width)}`, `--height=${String(size.height)}`] : [],
      defaultViewport: size ?? null,
      extraPrefsFirefox: firefoxPrefs(geckoId, uuid, startPage, proxy.port, options.leanRendering ?? false),
    });
  } catch (error) {
    await proxy.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  const noteBrowserClosed = options.countsAsUse === false ? () => undefined : noteBrowserOpened('firefox');
  const cleanUp = async (): Promise<void> => {
    noteBrowserClosed();
    await firefox.close().catch(() => undefined);
    await proxy.close();
    await rm(profile, { recursive: true, force: true });
  };

  let home: Page;
  try {
    home = await waitForStartPage(firefox, startPage);
  } catch (error) {
    await cleanUp();
    throw new Error(`Firefox did not open the extension's popup as its start page (${String(error)}): is ${extensionDir} a Firefox build with gecko id ${geckoId}?`);
  }

  const containers = new Map<string, BrowserContext>();
  const contextFor = async (container: string | undefined): Promise<BrowserContext> => {
    if (!container) return firefox.defaultBrowserContext();
    let context = containers.get(container);
    if (!context) {
      context = await firefox.createBrowserContext();
      containers.set(container, context);
    }
    return context;
  };
  let popupCount = 0;

  const driver: BrowserDriver = {
    name: 'firefox',
    extensionUrl,
    async openPopup() {
      // A fragment makes each popup's address unique, so the new tab can be told from the others.
      popupCount += 1;
      const url = `${startPage}#${String(popupCount)}`;
      const popup = await driver.tabOpenedBy(async () => {
        await home.evaluate((url) => void chrome.tabs.create({ url, active: true }), url);
      });
      await waitUntil(async () => (await popup.url()) === url, `the popup tab to show ${url}`);
      await popup.waitFor('[data-action="opt-out"]');
      return popup;
    },
    async openTab(url, tabOptions) {
      const page = await (await contextFor(tabOptions?.container)).newPage();
      await page.goto(url);
      return puppeteerTab(page);
    },
    tabs: async () => (await firefox.pages()).map(puppeteerTab),
    async tabOpenedBy(action) {
      const known = new Set(firefox.targets());
      const opened = saying('waiting for a new tab', firefox.waitForTarget((target) => target.type() === 'page' && !known.has(target), { timeout: WAIT_MS }));
      await action();
      const page = await (await opened).page();
      if (!page) throw new Error('The new tab opened without a page');
      return puppeteerTab(page);
    },
    async setCookies(cookies, cookieOptions) {
      await (await contextFor(cookieOptions?.container)).setCookie(...cookies);
    },
    async clearCookies(cookieOptions) {
      const context = await contextFor(cookieOptions?.container);
      const cookies = await context.cookies();
      if (cookies.length > 0) await context.deleteCookie(...cookies);
    },
    async markBackground() {
      await home.evaluate(async () => {
        const page = (await chrome.runtime.getBackgroundPage()) as unknown as { aliveMarker?: number };
        page.aliveMarker = 1;
      });
    },
    async backgroundMarked() {
      return home.evaluate(async () => ((await chrome.runtime.getBackgroundPage()) as unknown as { aliveMarker?: number }).aliveMarker === 1);
    },
    async stopBackground() {
      // Firefox offers no way to stop an event page from outside but its idle unload: wait for it.
      await waitUntil(() => home.evaluate(() => chrome.extension.getBackgroundPage() === null), 'Firefox to unload the idle event page', BACKGROUND_IDLE_MS * 10);
    },
    async closeAllButFirstTab() {
      for (const page of await firefox.pages()) if (page !== home) await page.close();
      for (const context of containers.values()) await context.close();
      containers.clear();
    },
    closed: new Promise((resolve) => firefox.once('disconnected', () => resolve())),
    close: cleanUp,
  };
  return driver;
}
