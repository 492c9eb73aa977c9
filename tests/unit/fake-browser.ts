import type { BackgroundApi, StorageAreaApi, TabInfo } from '../../src/background/extension-api';
import type { SessionCookieEvent } from '../../src/background/session-watch';

type ChangeListener = (changes: Record<string, unknown>, areaName: string) => void;

/** An in-memory storage area that, like the real one, stores structured clones and reports changes. */
export class FakeStorageArea implements StorageAreaApi {
  readonly data = new Map<string, unknown>();
  readonly listeners: ChangeListener[] = [];
  writes = 0;
  /** Awaited before every call: a test makes storage calls finish in a (seeded) random order with it. */
  pause: (() => Promise<void>) | null = null;
  /** When it returns true for a write, `set` rejects as a full storage area does, and writes nothing. */
  refuseWrite: ((items: Record<string, unknown>) => boolean) | null = null;

  constructor(private readonly areaName: string) {}

  async get(keys: string | string[]): Promise<Record<string, unknown>> {
    if (this.pause) await this.pause();
    const result: Record<string, unknown> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if (this.data.has(key)) result[key] = structuredClone(this.data.get(key));
    }
    return result;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.pause) await this.pause();
    if (this.refuseWrite?.(items)) throw new Error('QUOTA_BYTES quota exceeded');
    this.writes += 1;
    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(items)) {
      changes[key] = { oldValue: this.data.get(key), newValue: value };
      this.data.set(key, structuredClone(value));
    }
    for (const listener of this.listeners) listener(changes, this.areaName);
  }

  async remove(keys: string | string[]): Promise<void> {
    if (this.pause) await this.pause();
    const changes: Record<string, unknown> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      changes[key] = { oldValue: this.data.get(key) };
      this.data.delete(key);
    }
    for (const listener of this.listeners) listener(changes, this.areaName);
  }

  snapshot(): string {
    return JSON.stringify([...this.data.entries()]);
  }
}

export const extensionId = 'abcdefghijklmnopabcdefghijklmnop';
export const extensionOrigin = `chrome-extension://${extensionId}`;

/** The background's API slice, in memory: tabs, badge, alarms and notifications are recorded for assertions. */
export class FakeBrowser implements BackgroundApi {
  /** What `storage.managed.get()` answers: an organisation's policy, or a throw as Firefox without one. */
  policy: Record<string, unknown> | 'throws' = 'throws';
  private readonly changeListeners: ChangeListener[] = [];
  storage = {
    local: new FakeStorageArea('local'),
    session: new FakeStorageArea('session'),
    managed: {
      get: async (): Promise<Record<string, unknown>> => {
        if (this.policy === 'throws') throw new Error('Managed storage manifest not found');
        return structuredClone(this.policy);
      },
    },
    onChanged: {
      addListener: (listener: ChangeListener) => {
        this.storage.local.listeners.push(listener);
        this.storage.session.listeners.push(listener);
        this.changeListeners.push(listener);
      },
    },
  };

  /** The organisation changes its policy: the browser reports it as a change in the "managed" area. */
  setPolicy(policy: Record<string, unknown> | 'throws'): void {
    this.policy = policy;
    for (const listener of this.changeListeners) listener({}, 'managed');
  }
  openTabs = new Map<number, { url: string; active: boolean }>();
  createdTabs: { id: number; url: string; active: boolean; cookieStoreId?: string; windowId?: number }[] = [];
  /** What tabs.query({ active, lastFocusedWindow }) answers: the tab in front of the member. */
  activeTab: TabInfo | null = null;
  reloads: number[] = [];
  navigations: { tabId: number; url: string }[] = [];
  badge = { text: '', color: '', title: '' };
  alarmsSet = new Map<string, number>();
  notificationsShown: { id: string; title: string; message: string }[] = [];
  notificationsGranted = false;
  private nextTabId = 100;

  tabs = {
    create: async ({ url, active, ...placement }: { url: string; active: boolean; cookieStoreId?: string; windowId?: number }): Promise<TabInfo> => {
      const id = this.nextTabId++;
      this.openTabs.set(id, { url, active });
      this.createdTabs.push({ id, url, active, ...placement });
      return { id, url, ...placement };
    },
    query: async (): Promise<TabInfo[]> => (this.activeTab ? [this.activeTab] : []),
    remove: async (tabId: number) => {
      if (!this.openTabs.delete(tabId)) throw new Error(`No tab with id: ${tabId}`);
    },
    reload: async (tabId: number) => {
      if (!this.openTabs.has(tabId)) throw new Error(`No tab with id: ${tabId}`);
      this.reloads.push(tabId);
    },
    update: async (tabId: number, { url }: { url: string }): Promise<TabInfo> => {
      const tab = this.openTabs.get(tabId);
      if (!tab) throw new Error(`No tab with id: ${tabId}`);
      this.openTabs.set(tabId, { ...tab, url });
      this.navigations.push({ tabId, url });
      return { id: tabId, url };
    },
  };

  action = {
    setBadgeText: async ({ text }: { text: string }) => void (this.badge.text = text),
    setBadgeBackgroundColor: async ({ color }: { color: string }) => void (this.badge.color = color),
    setTitle: async ({ title }: { title: string }) => void (this.badge.title = title),
  };

  alarms = {
    create: (name: string, info: { when: number } | { periodInMinutes: number }) => void this.alarmsSet.set(name, 'when' in info ? info.when : info.periodInMinutes),
    clear: async (name: string) => this.alarmsSet.delete(name),
  };

  notifications = {
    create: async (id: string, options: { title: string; message: string }) => {
      this.notificationsShown.push({ id, title: options.title, message: options.message });
      return id;
    },
  };

  /** Site access to linkedin.com and www.linkedin.com, which cookie change events need. */
  originsGranted = true;
  permissions = { contains: async (asked: { permissions?: string[]; origins?: string[] }) => (asked.origins ? this.originsGranted : this.notificationsGranted) };

  /** Absent until `watchCookies()`: most tests run as a browser that reports no cookie changes. */
  cookies?: { onChanged: { addListener(listener: (event: SessionCookieEvent) => void): void } };

  /** Gives the fake the cookies API (the tests hand its events to the background's `onCookieChanged`). */
  watchCookies(): this {
    this.cookies = { onChanged: { addListener: () => undefined } };
    return this;
  }

  runtime = {
    id: extensionId,
    getURL: (path: string) => `${extensionOrigin}/${path}`,
    getManifest: () => ({ version: '1.2.3' }),
  };

  /** Returns the key and its substitutions, so assertions can see which message was chosen for whom. */
  i18n = {
    getMessage: (name: string, substitutions?: string | string[]) =>
      [name, ...(substitutions === undefined ? [] : [substitutions].flat())].join(':'),
  };
}

export const popupSender = { id: extensionId, url: `${extensionOrigin}/popup/popup.html` };

export function linkedInSender(tabId: number, path = '/feed/') {
  return { id: extensionId, url: `https://www.linkedin.com${path}`, frameId: 0, tab: { id: tabId } };
}
