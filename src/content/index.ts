import { sendToBackground } from '../shared/content-runtime';
import { pageLanguage } from '../shared/languages';
import type { AccountIdentity } from '../shared/outcome';
import { type ActiveInstruction, runInstruction } from './engine/engine';
import { accountFromOwnNavigation } from './engine/identify-account';
import { classifyPage } from './engine/page-kind';
import { type ProbeResult, systemClock, watchDom } from './engine/watch';

/**
 * The content script's only binding to the extension. On ordinary LinkedIn pages it reports
 * "LinkedIn open, this account" and goes idle; in a helper tab the background opened, it runs the engine.
 * It adds nothing to the page.
 */

/** The header (and with it the member's own profile link) renders soon after load, or not at all. */
const accountWaitMs = 3000;

/** The account, for pages that show it only after the first report. */
async function lateAccount(signal: AbortSignal): Promise<AccountIdentity | null> {
  const found = await watchDom<AccountIdentity>(
    document,
    (): ProbeResult<AccountIdentity> => {
      const account = accountFromOwnNavigation(document);
      return account ? { found: account } : {};
    },
    { clock: systemClock, signal, deadline: Date.now() + accountWaitMs },
  );
  return typeof found === 'object' ? found : null;
}

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
  const signedIn = classifyPage(location.pathname, document.title) === 'linkedin';
  const account = signedIn ? accountFromOwnNavigation(document) : null;
  const answer = await sendToBackground({ type: 'page-opened', account, lang: pageLanguage(document) });
  const instruction = answer.ok ? answer.value : null;
  if (!instruction || instruction.do === 'idle') {
    const late = signedIn && !account ? await lateAccount(lifetime.signal) : null;
    if (late) await sendToBackground({ type: 'account-seen', account: late });
    return;
  }

  const active: ActiveInstruction = instruction;
  const report = await runInstruction(active, {
    doc: document,
    clock: systemClock,
    signal: lifetime.signal,
    sendProgress: (phase) => void sendToBackground({ type: 'engine-progress', opId: active.opId, phase }).catch(() => undefined),
    watchForSave: watchForPageSave,
  });
  if (!lifetime.signal.aborted) await sendToBackground({ type: 'engine-report', opId: active.opId, report });
}

void main().catch((error: unknown) => {
  // The extension may have been reloaded or updated under this page: nothing to do on the page itself.
  console.debug('[ai-training-opt-out]', error instanceof Error ? error.message : error);
});
