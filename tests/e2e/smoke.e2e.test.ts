// Smoke test of the built extension (dist/chrome, made by `npm run build`; EXTENSION_DIR overrides) in real Chromium against the simulator.

import type { ConsoleMessage } from 'playwright';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { launchBrowser, type LaunchedBrowser } from '../harness/browser';
import { type Simulator, startSimulator } from '../simulator';

const BASE = 'https://www.linkedin.com';
const MEMBER = { id: 'alex-morgan-2024', name: 'Alex Morgan', urn: 'urn:li:fs_miniProfile:ACoAABAlex2024kP', lang: 'en' } as const;

let sim: Simulator;
let browser: LaunchedBrowser;

beforeAll(async () => {
  sim = await startSimulator({ accounts: [MEMBER] });
  browser = await launchBrowser({ simulator: sim, leanRendering: true });
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

function describeConsole(message: ConsoleMessage): string {
  const { url, lineNumber } = message.location();
  return `${message.text()} (${url}:${String(lineNumber)})`;
}

test("the extension's service worker starts", async () => {
  expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  const worker = await browser.serviceWorker();
  expect(worker.url()).toMatch(new RegExp(`^chrome-extension://${browser.extensionId ?? 'none'}/`));
  // The worker runs code, not just exists.
  expect(await worker.evaluate(() => typeof chrome.runtime.getManifest().manifest_version)).toBe('number');
});

test('a simulated LinkedIn feed loads with no page errors and no console errors', async () => {
  await browser.context.addCookies(sim.signInCookies(MEMBER.id));
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(describeConsole(message));
  });
  const worker = await browser.serviceWorker();
  // The content script's last step on the member's own page is its report: heard here beside the background's own listener.
  await worker.evaluate(() => {
    const scope = globalThis as { pageReported?: Promise<string> };
    scope.pageReported = new Promise((resolve) => {
      setTimeout(() => resolve('no report within 20 s'), 20_000);
      chrome.runtime.onMessage.addListener(function heard(message: { type?: string }, sender) {
        if (message.type !== 'page-opened') return;
        chrome.runtime.onMessage.removeListener(heard);
        resolve(sender.tab?.url ?? '');
      });
    });
  });
  await page.goto(`${BASE}/feed/`);
  expect(await page.locator(`button[aria-label="${MEMBER.name} Me"]`).count()).toBe(1);
  expect(await worker.evaluate(() => (globalThis as { pageReported?: Promise<string> }).pageReported)).toBe(`${BASE}/feed/`);
  // The background answered it: a first visit of an unknown member starts the read-only re-check.
  const started = () => worker.evaluate(async (keys) => Object.keys(await chrome.storage.session.get(keys)).length, [storageKeys.operation, storageKeys.lastResult]);
  await expect.poll(started, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
  expect(pageErrors).toEqual([]);
  expect(consoleErrors).toEqual([]);
  expect(sim.saves).toEqual([]);
  await page.close();
});

test('the popup opens and shows something', async () => {
  const pageErrors: string[] = [];
  // Listening on the context catches errors thrown while the popup is still loading.
  browser.context.on('weberror', (error) => pageErrors.push(error.error().message));
  const popup = await browser.openPopup();
  expect(popup.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\//);
  await popup.waitForFunction(() => (document.body?.innerText.trim().length ?? 0) > 0, undefined, { timeout: 10_000 });
  expect((await popup.innerText('body')).trim()).not.toBe('');
  expect(pageErrors).toEqual([]);
  await popup.close();
});
