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

/** responseEnd is on the page's performance clock; the engine's clock is Date.now(). */
function endedAt(entry: PerformanceEntry): number {
  return Date.now() - (performance.now() - (entry as PerformanceResourceTiming).responseEnd);
}

/**
 * The settings app's completed requests on this page, from its start, in one watcher: when the latest ended (the
 * member's value has arrived) and, for the save wait, when each save started.
 */
function watchSettingsRequests(signal: AbortSignal) {
  let arrivedAt: number | null = null;
  /** Start times (performance clock) of the saves seen completing. */
  const saveStarts: number[] = [];
  let onSave = (): void => undefined;
  const note = (entry: PerformanceEntry): void => {
    let path: string;
    try {
      path = new URL(entry.name, location.href).pathname;
    } catch {
      return;
    }
    if (!path.startsWith(settingsApiPath)) return;
    arrivedAt = Math.max(arrivedAt ?? 0, endedAt(entry));
    if (path.startsWith(`${settingsApiPath}/`)) {
      saveStarts.push(entry.startTime);
      onSave();
    }
  };
  // The observer also sees entries past a full timeline buffer; its callbacks may come late in a background tab.
  const observer = new PerformanceObserver((list) => list.getEntriesByType('resource').forEach(note));
  observer.observe({ type: 'resource', buffered: true });
  signal.addEventListener('abort', () => observer.disconnect());
  let read = 0;

  /** The latest completed data request of the settings app, or null while none has. */
  function valueArrivedAt(): number | null {
    // So the timeline itself is read at each look too, from where the last look stopped.
    const entries = performance.getEntriesByType('resource');
    entries.slice(entries.length < read ? 0 : read).forEach(note);
    read = entries.length;
    return arrivedAt;
  }

  /** Watches for the setting's own save, started from now on; the returned wait ends when it has finished, or by the deadline. */
  function watchForSave(): (deadline: number) => Promise<void> {
    const since = performance.now();
    return (deadline) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
        function done(): void {
          onSave = () => undefined;
          clearTimeout(timer);
          resolve();
        }
        onSave = () => {
          if (saveStarts.some((start) => start >= since)) done();
        };
        onSave();
      });
  }

  return { valueArrivedAt, watchForSave };
}

async function main(): Promise<void> {
  const lifetime = new AbortController();
  addEventListener('pagehide', () => lifetime.abort(), { once: true });

  // Asked at once: a helper tab must not wait for the account before it gets its instruction.
  const { instruction } = await reportPage(lifetime.signal, accountFromOwnNavigation);
  if (!instruction) return;

  const active: ActiveInstruction = instruction;
  const requests = watchSettingsRequests(lifetime.signal);
  const report = await runInstruction(active, {
    doc: document,
    clock: systemClock,
    signal: lifetime.signal,
    sendProgress: (phase) => void sendToBackground({ type: 'engine-progress', opId: active.opId, phase }).catch(() => undefined),
    watchForSave: requests.watchForSave,
    confirmClick: async (account, hook) => {
      const answer = await sendToBackground({ type: 'engine-clicking', opId: active.opId, account, hook });
      return answer.ok && answer.value;
    },
    valueArrivedAt: requests.valueArrivedAt,
  });
  if (!lifetime.signal.aborted) await sendToBackground({ type: 'engine-report', opId: active.opId, report });
}

quietly(main);
