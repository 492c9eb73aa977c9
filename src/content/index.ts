import { sendToBackground } from '../shared/content-runtime';
import { pageLanguage } from '../shared/languages';
import type { BackgroundMessage, BackgroundResponse, EngineInstruction } from '../shared/messages';
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

async function send(message: BackgroundMessage): Promise<BackgroundResponse> {
  return (await sendToBackground(message)) as BackgroundResponse;
}

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

/** Watches for a fetch or XHR that starts from now on; the returned wait ends when one has finished. */
function watchForPageSave(): (deadline: number) => Promise<void> {
  const since = performance.now();
  let saved = false;
  let onSaved = (): void => undefined;
  const observer = new PerformanceObserver((list) => {
    saved ||= list.getEntriesByType('resource').some((entry) => {
      const { initiatorType } = entry as PerformanceResourceTiming;
      return (initiatorType === 'fetch' || initiatorType === 'xmlhttprequest') && entry.startTime >= since;
    });
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
  const answer = await send({ type: 'page-opened', account, lang: pageLanguage(document) });
  // Answers come only from this extension's own background, inside the trust boundary.
  const instruction = answer.ok ? (answer.value as EngineInstruction) : null;
  if (!instruction || instruction.do === 'idle') {
    const late = signedIn && !account ? await lateAccount(lifetime.signal) : null;
    if (late) await send({ type: 'account-seen', account: late });
    return;
  }

  const active: ActiveInstruction = instruction;
  const report = await runInstruction(active, {
    doc: document,
    clock: systemClock,
    signal: lifetime.signal,
    sendProgress: (phase) => void send({ type: 'engine-progress', opId: active.opId, phase }).catch(() => undefined),
    watchForSave: watchForPageSave,
  });
  if (!lifetime.signal.aborted) await send({ type: 'engine-report', opId: active.opId, report });
}

void main().catch((error: unknown) => {
  // The extension may have been reloaded or updated under this page: nothing to do on the page itself.
  console.debug('[ai-training-opt-out]', error instanceof Error ? error.message : error);
});
