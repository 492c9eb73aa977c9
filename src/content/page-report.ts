import { sendToBackground } from '../shared/messages/content-sender';
import { pageLanguage } from '../shared/rules/languages';
import type { EngineInstruction } from '../shared/messages/background-messages';
import type { AccountIdentity } from '../shared/log/outcome';
import { classifyPage } from '../shared/rules/page-kind';
import { type ProbeResult, systemClock, watchDom } from './engine/watch';

/** The header (and with it the member's own profile link) renders soon after load, or not at all. */
const accountWaitMs = 3000;

/** How a script names the member a page shows, or null for nobody. */
export type IdentifyMember = (doc: Document) => AccountIdentity | null;

/** Waits a little for a header that renders late, and tells the background whom it shows. */
async function reportLateAccount(signal: AbortSignal, identify: IdentifyMember): Promise<void> {
  const found = await watchDom<AccountIdentity>(
    document,
    (): ProbeResult<AccountIdentity> => {
      const account = identify(document);
      return account ? { found: account } : {};
    },
    { clock: systemClock, signal, deadline: Date.now() + accountWaitMs },
  );
  if (typeof found === 'object') await sendToBackground({ type: 'account-seen', account: found });
}

export type PageReport = { account: AccountIdentity | null; instruction: Extract<EngineInstruction, { opId: string }> | null };

/**
 * Tells the background "LinkedIn open", with the member the header shows. When it shows nobody yet, the
 * late header is waited for only if the background answers that something may be due. Returns this tab's
 * instruction when an operation runs in it.
 */
export async function reportPage(signal: AbortSignal, identify: IdentifyMember): Promise<PageReport> {
  const signedIn = classifyPage(location.pathname, document.title) === 'linkedin';
  const account = signedIn ? identify(document) : null;
  const answer = await sendToBackground({ type: 'page-opened', account, lang: pageLanguage(document) });
  const instruction = answer.ok ? answer.value : null;
  if (instruction && 'opId' in instruction) return { account, instruction };
  if (instruction?.do === 'identify' && signedIn && !account) await reportLateAccount(signal, identify);
  return { account, instruction: null };
}

/** Logs, never throws: the extension may have been reloaded or updated under this page, with nothing to do on the page itself. */
export function quietly(run: () => Promise<void>): void {
  void run().catch((error: unknown) => console.debug('[ai-training-opt-out]', error instanceof Error ? error.message : error));
}
