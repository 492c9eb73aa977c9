import type { Page } from 'playwright';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import { launchBrowser, type LaunchedBrowser } from '../harness/browser';
import type { Simulator } from '../simulator';
import { runsPerCondition, seededLog } from './fixtures';
import { defineNameHelper, writeLog } from './extension-probe';
import { type Summary, summarize } from './stats';

/**
 * Popup: from the start of popup.html's navigation to the end of its first render with the stored state
 * (`performance.mark('popup-rendered')` in src/popup/popup.ts), and to the first contentful paint, which
 * is the paint that shows the rows (the root is empty before that render). The popup is opened as a
 * tab, as the e2e tests do: headless Chromium cannot open the real popup.
 *
 * The conditions take turns, one popup each per round, so a change in the machine's load reaches every
 * condition alike and the ratios to the empty popup compare runs made side by side.
 */

/**
 * `summary`: whether the log's summary is stored beside it, as the background writes it with every log
 * (absent in results of runs from before summaries existed).
 */
export type PopupCondition = { id: string; label: string; accounts: number; entries: number; summary?: boolean };
export const popupConditions: readonly PopupCondition[] = [
  // The baseline: the same popup with no account in the log (as the background stores it from its first start),
  // so what the log adds can be told from the page's own cost.
  { id: 'empty', label: 'no account yet (baseline)', accounts: 0, entries: 0, summary: true },
  { id: '1x1000', label: '1 account, 1,000 log entries', accounts: 1, entries: 1000, summary: true },
  // The common case of the issue (one to three accounts), each with a full history.
  { id: '3x3000', label: '3 accounts × 1,000 entries', accounts: 3, entries: 3000, summary: true },
  { id: '20x1000', label: '20 accounts, 1,000 log entries in all', accounts: 20, entries: 1000, summary: true },
  { id: '20x20000', label: '20 accounts × 1,000 entries (the cap)', accounts: 20, entries: 20_000, summary: true },
  // A log an earlier release wrote, before the background's first start has written its summary: the popup reads the log.
  { id: '20x20000-no-summary', label: 'the cap, no summary yet (earlier release)', accounts: 20, entries: 20_000, summary: false },
];

export type PopupResult = { condition: PopupCondition; storedBytes: number; rendered: Summary; firstPaint: Summary };

type PopupTimes = { rendered: number; paint: number | null; rows: number };

/** Opens the popup once and reads its marks; every account row must be there by then. */
async function openPopupOnce(extension: LaunchedBrowser, condition: PopupCondition): Promise<PopupTimes> {
  const page = await extension.context.newPage();
  try {
    await page.goto(extension.extensionUrl('popup/popup.html'));
    await defineNameHelper(page);
    const times = await page.evaluate(
      () =>
        new Promise<PopupTimes>((resolve) => {
          const read = (): void => {
            const mark = performance.getEntriesByName('popup-rendered')[0];
            if (!mark) return void requestAnimationFrame(read);
            // The paint entry is queued after the frame that follows the render.
            requestAnimationFrame(() =>
              setTimeout(() => {
                const paint = performance.getEntriesByName('first-contentful-paint')[0];
                resolve({ rendered: mark.startTime, paint: paint?.startTime ?? null, rows: document.querySelectorAll('[data-account]').length });
              }, 50),
            );
          };
          read();
        }),
    );
    if (times.rows !== condition.accounts) throw new Error(`the popup showed ${String(times.rows)} accounts, not ${String(condition.accounts)}`);
    return times;
  } finally {
    await page.close();
  }
}

/** Stores a condition's log from a page of its own, closed at once: no page the bench keeps open piles up storage events. */
async function storeLog(extension: LaunchedBrowser, log: OptOutLog, withSummary: boolean): Promise<void> {
  const writer: Page = await extension.openPopup();
  try {
    await writeLog(writer, log, withSummary);
  } finally {
    await writer.close();
  }
}

export async function benchPopup(simulator: Simulator, extensionDir: string): Promise<PopupResult[]> {
  const extension = await launchBrowser({ simulator, extensionDir });
  try {
    const now = Date.now();
    const conditions = popupConditions.map((condition) => ({
      condition,
      log: seededLog(now, { accounts: condition.accounts, entries: condition.entries, checkedAgoMs: 2 * 3_600_000 }),
      rendered: [] as number[],
      painted: [] as number[],
    }));
    // Round 0 is not measured: the first load of the popup's files.
    for (let round = 0; round <= runsPerCondition; round += 1) {
      // Each round starts one condition later: the popup after the earlier release's 4 MB log pays for its clean-up.
      const order = [...conditions.slice(round % conditions.length), ...conditions.slice(0, round % conditions.length)];
      for (const { condition, log, rendered, painted } of order) {
        await storeLog(extension, log, condition.summary !== false);
        const times = await openPopupOnce(extension, condition);
        if (round === 0) continue;
        rendered.push(times.rendered);
        if (times.paint !== null) painted.push(times.paint);
      }
      process.stdout.write(`  popup round ${String(round)} of ${String(runsPerCondition)}\n`);
    }
    return conditions.map(({ condition, log, rendered, painted }) => {
      process.stdout.write(`  popup ${condition.id}: rendered at ${summarize(rendered).median.toFixed(1)} ms\n`);
      return { condition, storedBytes: JSON.stringify(log).length, rendered: summarize(rendered), firstPaint: summarize(painted) };
    });
  } finally {
    await extension.close();
  }
}
