import type { CookieStore } from '../shared/storage/operation-state';
import type { AccountIdentity } from '../shared/log/outcome';
import { storeKeyOf } from './cookie-store';
import type { Store } from './store';

/**
 * Who is signed in in each cookie store, as the pages there proved it (their own navigation, the page's own
 * record of the viewer), kept in `storage.session` so a stopped worker knows it still. A change of LinkedIn's
 * session in a store forgets its member (`session-watch.ts`): what is remembered was proven in the session
 * that is still there. Callers run inside the operations' queue.
 */

/**
 * For this long after a page in a cookie store showed its member, a later page there whose header shows
 * nobody yet is not asked to wait for it while nothing is due for that member.
 */
export const identificationFreshMs = 10 * 60_000;

export function createStoreMembers(store: Store, now: () => number, sessionWatched: () => Promise<boolean>) {
  return {
    /**
     * Remembers who a page in this store proved, or forgets the store's member (null) when it showed a sign-in
     * page. Every page names its member, so the same one is written again only once half its freshness has passed.
     */
    async remember(cookieStore: CookieStore | null, account: AccountIdentity | null): Promise<void> {
      const { [storeKeyOf(cookieStore)]: previous, ...others } = await store.readIdentifiedStores();
      const same = previous && account && previous.account.key === account.key && previous.account.name === account.name;
      if (same && now() - previous.at < identificationFreshMs / 2 && now() >= previous.at) return;
      if (!previous && !account) return;
      await store.writeIdentifiedStores(account ? { ...others, [storeKeyOf(cookieStore)]: { account, at: now() } } : others);
    },

    /** LinkedIn's session in this store changed (signed out, in, or as someone else): its member must be proven again. */
    async forget(storeKey: string): Promise<void> {
      const { [storeKey]: previous, ...others } = await store.readIdentifiedStores();
      if (previous) await store.writeIdentifiedStores(others);
    },

    /**
     * The member proven signed in in this store's current session, however long ago: a page that names nobody
     * (a settings app without a header of its own) is theirs. Only while the browser reports session changes:
     * without them a switch of members could not be told, and nobody is vouched for.
     */
    async memberOf(cookieStore: CookieStore | null): Promise<AccountIdentity | null> {
      if (!(await sessionWatched())) return null;
      return (await store.readIdentifiedStores())[storeKeyOf(cookieStore)]?.account ?? null;
    },

    /** The member a page in this store showed within the freshness window, if any. */
    async recentlyIdentified(cookieStore: CookieStore | null): Promise<AccountIdentity | null> {
      const remembered = (await store.readIdentifiedStores())[storeKeyOf(cookieStore)];
      if (!remembered || now() - remembered.at >= identificationFreshMs || now() < remembered.at) return null;
      return remembered.account;
    },
  };
}

export type StoreMembers = ReturnType<typeof createStoreMembers>;
