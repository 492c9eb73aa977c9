import { sendToBackground } from '../shared/messages/content-sender';
import { type ActiveInstruction, runInstruction } from './engine/engine';
import { systemClock } from './engine/watch';
import { accountFromOwnNavigation } from './engine/identify-account';
import { quietly, reportPage } from './page-report';

/**
 * The content script of LinkedIn's settings app (`/mypreferences/`, `/psettings/`), where the background's
 * helper tabs land: it asks for its instruction at once and runs the engine when told to. Anywhere else
 * `index.ts` serves. It adds nothing to the page.
 */

/**
 * The settings app's own data requests (docs/linkedin.md §2 and §7): the member's values are read from, and saves go
 * to, paths under this one. A LinkedIn page makes other requests all the time (tracking beacons, polling, late loads,
 * one right after any click), so only these count. Second-hand facts: if LinkedIn moves them, no entry matches, the
 * readings wait until "could not read it safely" and the save wait runs to its deadline.
 */
const settingsApiPath = '/mysettings-api/settingsApiSettings';

function settingsApiEntry(entry: PerformanceEntry, since: number, save: boolean): boolean {
  if (entry.startTime < since) return false;
  try {
    const path = new URL(entry.name, location.href).pathname;
    return save ? path.startsWith(`${settingsApiPath}/`) : path.startsWith(settingsApiPath);
  } catch {
    return false;
  }
}

/** responseEnd is on the page's performance clock; the engine's clock is Date.now(). */
function endedAt(entry: PerformanceEntry): number {
  return Date.now() - (performance.now() - (entry as PerformanceResourceTiming).responseEnd);
}

/** Watches the page's requests from `since` on; `matched` hears of each one that passes `wanted`, with its end. */
function watchRequests(wanted: (entry: PerformanceEntry) => boolean, matched: (endedAt: number) => void, buffered: boolean): PerformanceObserver {
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntriesByType('resource')) if (wanted(entry)) matched(endedAt(entry));
  });
  observer.observe({ type: 'resource', buffered });
  return observer;
}

/** Watches for the setting's own save, started from now on; the returned wait ends when it has finished, or by the deadline. */
function watchForPageSave(): (deadline: number) => Promise<void> {
  const since = performance.now();
  let saved = false;
  let onSaved = (): void => undefined;
  const observer = watchRequests((entry) => settingsApiEntry(entry, since, true), () => {
    saved = true;
    onSaved();
  }, false);
  return (deadline) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
      function done(): void {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      }
      onSaved = done;
      if (saved) done();
    });
}

/** The latest completed data request of the settings app on this page, from its start: the member's value has arrived. */
function watchValueArrival(signal: AbortSignal): () => number | null {
  let arrivedAt: number | null = null;
  const wanted = (entry: PerformanceEntry) => settingsApiEntry(entry, 0, false);
  const arrived = (at: number) => (arrivedAt = Math.max(arrivedAt ?? 0, at));
  // The observer also sees entries past a full timeline buffer; its callbacks may come late in a background tab.
  const observer = watchRequests(wanted, arrived, true);
  signal.addEventListener('abort', () => observer.disconnect());
  let read = 0;
  return () => {
    // So the timeline itself is read at each look too, from where the last look stopped.
    const entries = performance.getEntriesByType('resource');
    for (const entry of entries.slice(entries.length < read ? 0 : read)) if (wanted(entry)) arrived(endedAt(entry));
    read = entries.length;
    return arrivedAt;
  };
}

async function main(): Promise<void> {
  const lifetime = new AbortController();
  addEventListener('pagehide', () => lifetime.abort(), { once: true });

  // Asked at once: a helper tab must not wait for the account before it gets its instruction.
  const { instruction } = await reportPage(lifetime.signal, accountFromOwnNavigation);
  if (!instruction) return;

  const active: ActiveInstruction = instruction;
  const report = await runInstruction(active, {
    doc: document,
    clock: systemClock,
    signal: lifetime.signal,
    sendProgress: (phase) => void sendToBackground({ type: 'engine-progress', opId: active.opId, phase }).catch(() => undefined),
    watchForSave: watchForPageSave,
    confirmClick: async (account, hook) => {
      const answer = await sendToBackground({ type: 'engine-clicking', opId: active.opId, account, hook });
      return answer.ok && answer.value;
    },
    valueArrivedAt: watchValueArrival(lifetime.signal),
  });
  if (!lifetime.signal.aborted) await sendToBackground({ type: 'engine-report', opId: active.opId, report });
}

quietly(main);
