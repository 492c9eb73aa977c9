// Which browsers each end-to-end test used, so the run's summary counts tests per browser from what ran,
// not from file names: a browser open when the test starts, or launched during it, was used by it.

import type { BrowserName } from './driver';

const openBrowsers = new Map<BrowserName, number>();
let usedByCurrentTest = new Set<BrowserName>();

/** Called by each launcher; the returned function, called on close, ends that browser's use. */
export function noteBrowserOpened(name: BrowserName): () => void {
  openBrowsers.set(name, (openBrowsers.get(name) ?? 0) + 1);
  usedByCurrentTest.add(name);
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    openBrowsers.set(name, (openBrowsers.get(name) ?? 1) - 1);
  };
}

/** For a browser a test starts in a child process (`npm start`), which no launcher here sees. */
export function noteBrowserUsed(name: BrowserName): void {
  usedByCurrentTest.add(name);
}

export function startCountingBrowserUse(): void {
  usedByCurrentTest = new Set([...openBrowsers].filter(([, open]) => open > 0).map(([name]) => name));
}

export function browsersUsedByCurrentTest(): BrowserName[] {
  return [...usedByCurrentTest].sort();
}
