import type { Page } from 'playwright';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import { summarizeLog } from '../../src/shared/log/log-summary';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { launchBrowser } from '../harness/browser';
import type { Simulator } from '../simulator';
import { member } from './fixtures';

/**
 * Watches the extension from one of its own pages (the popup opened as a tab): every change of the
 * operation's phase and every recorded result, stamped with `Date.now()` in the page, so the times line
 * up with the simulator's request log and the benchmark's own clock (one machine, one wall clock).
 * Listening to `storage.onChanged` instead of polling keeps the probe from adding to what it measures.
 */

export type ProbeEvent =
  | { at: number; what: 'phase'; phase: string | null }
  | { at: number; what: 'result'; operationId: string; kind: string; trigger: string; outcome: string; totalMs: number; toggleFoundMs: number | null }
  | { at: number; what: 'click' };

type ProbeWindow = typeof globalThis & { __benchEvents?: ProbeEvent[]; __benchWaiters?: Array<() => void> };

/** tsx keeps function names with an `__name` helper that does not exist in the page. */
export async function defineNameHelper(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
}

export async function installProbe(page: Page): Promise<void> {
  await defineNameHelper(page);
  await page.evaluate((keys) => {
    const self = globalThis as ProbeWindow;
    if (self.__benchEvents) return;
    const events: ProbeEvent[] = (self.__benchEvents = []);
    self.__benchWaiters = [];
    const notify = (): void => {
      for (const waiter of self.__benchWaiters ?? []) waiter();
    };
    // Capture phase: stamped before the popup's own handler sends the message.
    document.addEventListener('click', (event) => {
      if ((event.target as Element | null)?.closest?.('[data-action="opt-out"]')) events.push({ at: Date.now(), what: 'click' });
    }, true);
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area !== 'session') return;
      const at = Date.now();
      const operation = changes[keys.operation];
      if (operation) events.push({ at, what: 'phase', phase: (operation.newValue as { phase?: string } | undefined)?.phase ?? null });
      const result = changes[keys.lastResult]?.newValue as
        | { operationId: string; kind: string; trigger: string; outcome: { kind: string; timings: { totalMs: number; toggleFoundMs: number | null } } }
        | undefined;
      if (result) {
        events.push({
          at,
          what: 'result',
          operationId: result.operationId,
          kind: result.kind,
          trigger: result.trigger,
          outcome: result.outcome.kind,
          totalMs: result.outcome.timings.totalMs,
          toggleFoundMs: result.outcome.timings.toggleFoundMs,
        });
      }
      notify();
    });
  }, { operation: storageKeys.operation, lastResult: storageKeys.lastResult });
}

/** Empties the event list; returns nothing so a run's events are only its own. */
export async function clearProbe(page: Page): Promise<void> {
  await page.evaluate(() => void ((globalThis as ProbeWindow).__benchEvents ?? []).splice(0));
}

/** Waits, without polling, until a result matching `trigger` is recorded; returns every event of the run. */
export async function waitForResult(page: Page, trigger: string, timeoutMs = 60_000): Promise<ProbeEvent[]> {
  return page.evaluate(
    ([trigger, timeoutMs]) =>
      new Promise<ProbeEvent[]>((resolve, reject) => {
        const self = globalThis as ProbeWindow;
        const check = (): boolean => {
          const events = self.__benchEvents ?? [];
          if (!events.some((event) => event.what === 'result' && event.trigger === trigger)) return false;
          resolve([...events]);
          return true;
        };
        if (check()) return;
        const timer = setTimeout(() => reject(new Error(`no ${String(trigger)} result within ${String(timeoutMs)} ms`)), timeoutMs as number);
        self.__benchWaiters?.push(() => {
          if (check()) clearTimeout(timer);
        });
      }),
    [trigger, timeoutMs] as const,
  );
}

/** Stores `log` with its summary in one write, as the background does; `withSummary` false: the log alone, as earlier releases did. */
export async function writeLog(page: Page, log: OptOutLog | null, withSummary = true): Promise<void> {
  const items = log === null ? null : { [storageKeys.log]: log, ...(withSummary ? { [storageKeys.logSummary]: summarizeLog(log) } : {}) };
  await page.evaluate(
    async ([keys, items]) => {
      await chrome.storage.local.remove([...keys]);
      if (items !== null) await chrome.storage.local.set(items);
      await chrome.storage.session.remove(['lastResult', 'operation']);
    },
    [[storageKeys.log, storageKeys.logSummary], items] as const,
  );
}

/** A browser with the extension and a bare one, both signed in as the bench member, to compare the same pages. */
export async function launchPair(simulator: Simulator, extensionDir: string) {
  const extension = await launchBrowser({ simulator, extensionDir });
  const bare = await launchBrowser({ simulator, extensionDir: null });
  for (const browser of [extension, bare]) await browser.context.addCookies(simulator.signInCookies(member.id));
  const popup = await extension.openPopup();
  await installProbe(popup);
  return {
    extension,
    bare,
    popup,
    close: async () => {
      await extension.close();
      await bare.close();
    },
  };
}
