import { accountRecord, type OptOutLog, type Trigger } from '../shared/log/log-schema';
import { noteAccountSeen } from '../shared/log/log-recording';
import type { CookieStore, Operation } from '../shared/storage/operation-state';
import type { AccountIdentity } from '../shared/log/outcome';
import { storeKeyOf } from './cookie-store';
import { autoCheckDue } from './recheck-policy';
import type { Store } from './store';
import type { StoreMembers } from './store-members';

/**
 * The member's own LinkedIn pages (not a helper tab): who is signed in, and whether that starts something
 * (a pending sign-in, an organisation's first-visit opt-out, a due re-check). Callers run inside the
 * operations' one-at-a-time queue.
 */

/** Seeing the same account again is written to the log at most this often (every LinkedIn page load reports). */
const accountSeenWriteIntervalMs = 60 * 60_000;
/** Members remembered per session for the first-visit opt-out; far more than one browser ever shows. */
const maxFirstVisitAccounts = 100;

export type OrdinaryPagesDeps = {
  store: Store;
  now: () => number;
  members: StoreMembers;
  refreshBadge: () => Promise<void>;
  /** Starts an operation from inside the queue. */
  start: (kind: Operation['kind'], trigger: Trigger, cookieStore: CookieStore | null) => Promise<unknown>;
};

export function createOrdinaryPages({ store, now, members, refreshBadge, start }: OrdinaryPagesDeps) {
  /** Writes only what changed, and "seen again" at most hourly: this runs on every LinkedIn page load. */
  async function noteSeen(account: AccountIdentity): Promise<{ log: OptOutLog; changed: boolean }> {
    const at = now();
    return store.updateLog((latest) => {
      const known = accountRecord(latest, account.key);
      const fresh =
        known && latest.currentAccountKey === account.key && known.name === account.name && at - known.lastSeenAt < accountSeenWriteIntervalMs;
      return fresh ? { log: latest, changed: false } : { log: noteAccountSeen(latest, account, at), changed: true };
    });
  }

  /**
   * Whether an organisation's policy asks for the opt-out on this member's first visit of the browser session,
   * and it has not started for them yet. Marked before it starts: one attempt per member and session, whatever
   * its outcome, so no page can make it loop; re-checks and "keep it off" take over from there.
   */
  async function firstVisitOptOutDue(accountKey: string): Promise<boolean> {
    if (!(await store.readPolicy()).optOutOnFirstVisit) return false;
    const started = await store.readFirstVisitOptOuts();
    if (started.includes(accountKey)) return false;
    await store.writeFirstVisitOptOuts([...started, accountKey].slice(-maxFirstVisitAccounts));
    return true;
  }

  return {
    /**
     * Whether a page in this store can be answered without knowing its member: that member was identified
     * here recently, is the current account, and nothing waits for them (no operation, no sign-in to continue,
     * no re-check due). Anything else asks the page to identify, so a due re-check starts on that very load.
     */
    async nothingDue(cookieStore: CookieStore | null, operation: Operation | null): Promise<boolean> {
      if (operation || (await store.readPendingSignIn())) return false;
      const remembered = await members.recentlyIdentified(cookieStore);
      if (!remembered) return false;
      const log = await store.readLog();
      if (log.currentAccountKey !== remembered.key) return false;
      if ((await store.readPolicy()).optOutOnFirstVisit && !(await store.readFirstVisitOptOuts()).includes(remembered.key)) return false;
      return !autoCheckDue(accountRecord(log, remembered.key), await store.readPreferences(), now());
    },

    /** The user has LinkedIn open: note the account, continue a pending sign-in, or re-check when due. */
    async seen(account: AccountIdentity, operation: Operation | null, cookieStore: CookieStore | null): Promise<void> {
      await members.remember(cookieStore, account);
      const { log, changed } = await noteSeen(account);
      // This store's own operation covers it; another store's does not: what is due here waits in line.
      if (operation && storeKeyOf(operation.cookieStore) === storeKeyOf(cookieStore)) return;
      const pending = await store.readPendingSignIn();
      if (pending && storeKeyOf(pending.cookieStore) === storeKeyOf(cookieStore)) {
        await store.writePendingSignIn(null);
        if (now() < pending.expiresAt) {
          await start('opt-out', 'user', cookieStore);
          return;
        }
      }
      if (await firstVisitOptOutDue(account.key)) {
        await start('opt-out', 'policy', cookieStore);
      } else if (autoCheckDue(accountRecord(log, account.key), await store.readPreferences(), now())) {
        await start('check', 'recheck', cookieStore);
      } else if (changed) {
        await refreshBadge();
      }
    },
  };
}
