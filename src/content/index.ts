import { sendToBackground } from '../shared/content-runtime';
import { pageLanguage } from '../shared/languages';
import { classifyPage } from '../shared/page-kind';
import { failureOutsideSettings } from './engine/off-settings';
import { quietly, reportPage } from './page-report';

/**
 * The content script of every LinkedIn page outside the settings app (`settings.ts` serves those). It does
 * nothing while the page loads: after the load event and an idle moment it reads who is signed in from the
 * header and reports it in one message (issue #14). A member switch in the same cookie store shows only
 * there, so the read is never skipped; what is skipped is the wait for a header that has not rendered yet,
 * unless the background answers that something may be due. It adds nothing to the page.
 */

/** The report waits for an idle moment after the load event at most this long; LinkedIn's own start-up comes first. */
const idleTimeoutMs = 3000;

/** After the load event (document_idle may come before it), at the browser's next idle moment. */
function afterPageLoadIdle(): Promise<void> {
  return new Promise((resolve) => {
    // Every supported browser has requestIdleCallback in content scripts; the timer only keeps an odd one working.
    const whenIdle = (): unknown =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: idleTimeoutMs }) : setTimeout(resolve, idleTimeoutMs);
    if (document.readyState === 'complete') whenIdle();
    else addEventListener('load', whenIdle, { once: true });
  });
}

async function main(): Promise<void> {
  const lifetime = new AbortController();
  addEventListener('pagehide', () => lifetime.abort(), { once: true });
  await afterPageLoadIdle();
  if (lifetime.signal.aborted) return;

  const { account, instruction } = await reportPage(lifetime.signal);
  if (!instruction) return;
  // A helper tab LinkedIn sent away from the settings app (to sign in, a security check, the feed): the setting cannot be here.
  await sendToBackground({
    type: 'engine-report',
    opId: instruction.opId,
    report: {
      kind: 'failed',
      ...failureOutsideSettings(location.pathname, document.title),
      account,
      lang: pageLanguage(document),
      // As the engine counts it: a signed-in page other than the setting's means the direct address did not lead there.
      way: instruction.walk || classifyPage(location.pathname, document.title) === 'linkedin' ? 'walk' : 'direct',
      toggleFoundMs: null,
      elapsedMs: 0,
    },
  });
}

quietly(main);
