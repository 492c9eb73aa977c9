import { launchBrowser } from '../harness/browser';
import type { Simulator } from '../simulator';
import { runsPerCondition, seededLog } from './fixtures';
import { defineNameHelper, writeLog } from './extension-probe';
import { type Summary, summarize } from './stats';

/**
 * Popup (issue item 5): from the start of popup.html's navigation to the end of its first render with
 * the stored state (`performance.mark('popup-rendered')` in src/popup/popup.ts), and to the first
 * contentful paint, which is the paint that shows the rows (the root is empty before that render).
 * The popup is opened as a tab, as the e2e tests do: headless Chromium cannot open the real popup.
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

export async function benchPopup(simulator: Simulator, extensionDir: string): Promise<PopupResult[]> {
  const extension = await launchBrowser({ simulator, extensionDir });
  try {
    const seeder = await extension.openPopup();
    await defineNameHelper(seeder);
    const results: PopupResult[] = [];
    for (const condition of popupConditions) {
      const log = seededLog(Date.now(), { accounts: condition.accounts, entries: condition.entries, checkedAgoMs: 2 * 3_600_000 });
      await writeLog(seeder, log, condition.summary !== false);
      const rendered: number[] = [];
      const painted: number[] = [];
      for (let index = 0; index <= runsPerCondition; index += 1) {
        const page = await extension.context.newPage();
        await page.goto(extension.extensionUrl('popup/popup.html'));
        await defineNameHelper(page);
        const times = await page.evaluate(
          () =>
            new Promise<{ rendered: number; paint: number | null; rows: number }>((resolve) => {
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
        await page.close();
        if (times.rows !== condition.accounts) throw new Error(`the popup showed ${String(times.rows)} accounts, not ${String(condition.accounts)}`);
        if (index === 0) continue; // unmeasured: first load of the popup's files
        rendered.push(times.rendered);
        if (times.paint !== null) painted.push(times.paint);
      }
      process.stdout.write(`  popup ${condition.id}: rendered at ${summarize(rendered).median.toFixed(1)} ms\n`);
      results.push({ condition, storedBytes: JSON.stringify(log).length, rendered: summarize(rendered), firstPaint: summarize(painted) });
    }
    return results;
  } finally {
    await extension.close();
  }
}
