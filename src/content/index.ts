import { sendToBackground } from '../shared/messages/content-sender';
import { pageLanguage } from '../shared/rules/languages';
import { classifyPage } from '../shared/rules/page-kind';
import { failureOutsideSettings } from './engine/off-settings';
import { accountFromPage } from './data-islands';
import { quietly, reportPage } from './page-report';

/**
 * The content script of every LinkedIn page outside the settings app (`settings.ts` serves those). It does
 * nothing while the page loads: after the load event, LinkedIn's own start-up and an idle moment it reads who is signed in from the
 * header and reports it in one message (nothing on LinkedIn's critical path). A member switch in the same cookie store shows only
 * there, so the read is never skipped; what is skipped is the wait for a header that has not rendered yet,
 * unless the background answers that something may be due. It adds nothing to the page.
 */

/**
 * LinkedIn keeps starting up after its load event (the feed hydrates, lazy modules arrive): the report waits
 * this long after it, then for an idle moment, at most `idleTimeoutMs` more.
 */
const settleAfterLoadMs = 1000;
const idleTimeoutMs = 2000;

/** After the load event (document_idle may come before it) and LinkedIn's own start-up, at the browser's next idle moment. */
function afterPageStartUp(): Promise<void> {
  return new Promise((resolve) => {
    // Every supported browser has requestIdleCallback in content scripts; the timer only keeps an odd one working.
    const whenIdle = (): unknown =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: idleTimeoutMs }) : setTimeout(resolve, idleTimeoutMs);
    const settle = (): unknown => setTimeout(whenIdle, settleAfterLoadMs);
    if (document.readyState === 'complete') settle();
    else addEventListener('load', settle, { once: true });
  });
}

async function main(): Promise<void> {
  const lifetime = new AbortController();
  addEventListener('pagehide', () => lifetime.abort(), { once: true });
  await afterPageStartUp();
  if (lifetime.signal.aborted) return;

  const { account, instruction } = await reportPage(lifetime.signal, accountFromPage);
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
