import { sendToBackground } from '../shared/content-runtime';
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
 * The path of the settings app's own save (`PUT /mysettings-api/settingsApiSettings/<key>`, docs/linkedin.md §7).
 * A LinkedIn page makes other requests all the time (tracking beacons, polling, late loads, one right after any
 * click), so only this one says "the save finished". It is a second-hand fact: if LinkedIn moves it, no entry
 * matches, the wait runs to its deadline, and the fresh-load verification still decides whether it stuck.
 */
const settingSavePathPrefix = '/mysettings-api/settingsApiSettings/';

function isSettingSave(entry: PerformanceEntry, since: number): boolean {
  if (entry.startTime < since) return false;
  try {
    return new URL(entry.name, location.href).pathname.startsWith(settingSavePathPrefix);
  } catch {
    return false;
  }
}

/** Watches for the setting's own save, started from now on; the returned wait ends when it has finished, or by the deadline. */
function watchForPageSave(): (deadline: number) => Promise<void> {
  const since = performance.now();
  let saved = false;
  let onSaved = (): void => undefined;
  const observer = new PerformanceObserver((list) => {
    saved ||= list.getEntriesByType('resource').some((entry) => isSettingSave(entry, since));
    if (saved) onSaved();
  });
  observer.observe({ type: 'resource', buffered: false });
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
  });
  if (!lifetime.signal.aborted) await sendToBackground({ type: 'engine-report', opId: active.opId, report });
}

quietly(main);
