import type { CookieStore } from '../shared/storage/operation-state';
import type { TabInfo } from './extension-api';

/**
 * Which cookie store a LinkedIn tab uses, so an operation it asks for runs as the same member: a
 * Firefox container (`cookieStoreId`), or a private / incognito window, which a new tab joins only
 * by being opened in such a window.
 */
export function cookieStoreOf(tab: Pick<TabInfo, 'cookieStoreId' | 'incognito' | 'windowId'> | undefined): CookieStore | null {
  if (!tab) return null;
  const cookieStoreId = tab.cookieStoreId ?? null;
  const windowId = tab.incognito && typeof tab.windowId === 'number' ? tab.windowId : null;
  if (windowId === null && (cookieStoreId === null || cookieStoreId === firefoxDefaultStore)) return null;
  return { cookieStoreId, windowId };
}

/** Firefox's id for the ordinary store; Chrome has no ids at all. */
const firefoxDefaultStore = 'firefox-default';

/** tabs.create's extra properties that open the helper tab in `store`; none for the default store. */
export function placementIn(store: CookieStore | null): { cookieStoreId?: string; windowId?: number } {
  if (!store) return {};
  // A private window's store is reached through the window; naming it as well is refused outside one.
  if (store.windowId !== null) return { windowId: store.windowId };
  return store.cookieStoreId ? { cookieStoreId: store.cookieStoreId } : {};
}

/** Chrome's ids for its two cookie stores: the ordinary one and the one all incognito windows share. */
const chromeDefaultStore = '0';
const chromeIncognitoStore = '1';
/** The name of the store that private (incognito) windows share, where the browser gives it no id of its own. */
const privateStoreKey = 'private';

/**
 * One name per cookie store, for what the background remembers about each and for matching cookie change
 * events to tabs: a container by its id, all private windows of a browser as the one store they share.
 */
export function storeKeyOf(store: CookieStore | null): string {
  if (!store) return 'default';
  if (store.cookieStoreId) return store.cookieStoreId === firefoxDefaultStore ? 'default' : store.cookieStoreId;
  return store.windowId !== null ? privateStoreKey : 'default';
}

/** The same name for the store a cookie change event reports (`cookie.storeId`). */
export function storeKeyOfCookieStoreId(storeId: string): string {
  if (storeId === firefoxDefaultStore || storeId === chromeDefaultStore) return 'default';
  return storeId === chromeIncognitoStore ? privateStoreKey : storeId;
}
