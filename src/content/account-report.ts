import { sendToBackground } from '../shared/content-runtime';
import type { AccountIdentity } from '../shared/outcome';
import { accountFromOwnNavigation } from './engine/identify-account';
import { type ProbeResult, systemClock, watchDom } from './engine/watch';

/** The header (and with it the member's own profile link) renders soon after load, or not at all. */
const accountWaitMs = 3000;

/** Finds the member this page is signed in as, waiting a little for a header that renders late, and tells the background. */
export async function reportAccountWhenShown(signal: AbortSignal): Promise<void> {
  const found = await watchDom<AccountIdentity>(
    document,
    (): ProbeResult<AccountIdentity> => {
      const account = accountFromOwnNavigation(document);
      return account ? { found: account } : {};
    },
    { clock: systemClock, signal, deadline: Date.now() + accountWaitMs },
  );
  if (typeof found === 'object') await sendToBackground({ type: 'account-seen', account: found });
}

/** Logs, never throws: the extension may have been reloaded or updated under this page, with nothing to do on the page itself. */
export function quietly(run: () => Promise<void>): void {
  void run().catch((error: unknown) => console.debug('[ai-training-opt-out]', error instanceof Error ? error.message : error));
}
