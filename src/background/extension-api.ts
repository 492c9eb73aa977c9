import type { SessionCookieEvent } from './session-watch';

/**
 * The slice of the WebExtension API the background uses. The real `browser` object satisfies it
 * (checked in index.ts); unit tests pass an in-memory fake.
 */

export type StorageAreaApi = {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
};

export type TabInfo = { id?: number; url?: string; cookieStoreId?: string; incognito?: boolean; windowId?: number };

export type StorageChangeListener = (changes: Record<string, unknown>, areaName: string) => void;

export type BackgroundApi = {
  storage: {
    local: StorageAreaApi;
    session: StorageAreaApi;
    /** The organisation's policy, read-only; absent, or throwing, where no policy exists (docs/organisations.md). */
    managed?: { get(): Promise<Record<string, unknown>> };
    onChanged: { addListener(listener: StorageChangeListener): void };
  };
  tabs: {
    create(properties: { url: string; active: boolean; cookieStoreId?: string; windowId?: number }): Promise<TabInfo>;
    query(info: { active: true; lastFocusedWindow: true }): Promise<TabInfo[]>;
    remove(tabId: number): Promise<void>;
    reload(tabId: number): Promise<void>;
    /** Only ever on the operation's own helper tab, to the next setting's address. */
    update(tabId: number, properties: { url: string }): Promise<TabInfo | undefined>;
  };
  action: {
    setBadgeText(details: { text: string }): Promise<void>;
    setBadgeBackgroundColor(details: { color: string }): Promise<void>;
    setTitle(details: { title: string }): Promise<void>;
  };
  alarms: {
    create(name: string, info: { when: number } | { periodInMinutes: number }): void | Promise<void>;
    clear(name: string): Promise<boolean>;
  };
  notifications?: {
    create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string>;
  };
  permissions: { contains(permissions: { permissions?: string[]; origins?: string[] }): Promise<boolean> };
  /** Only to hear that LinkedIn's session changed (`session-watch.ts`); absent where the permission is. */
  cookies?: { onChanged: { addListener(listener: (event: SessionCookieEvent) => void): void } };
  runtime: { id: string; getURL(path: string): string; getManifest(): { version: string } };
  i18n: { getMessage(name: string, substitutions?: string | string[]): string };
};
