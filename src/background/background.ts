import { accountKeyFrom } from '../shared/account-key';
import { forgetAccount } from '../shared/log';
import type { EngineReport } from '../shared/messages';
import type { AccountIdentity } from '../shared/outcome';
import { Preferences } from '../shared/preferences';
import { aiTrainingRule, settingUrl } from '../shared/setting-rules';
import { computeBadge } from './badge';
import type { BackgroundApi } from './extension-api';
import { createMessageRouter, type Handlers } from './message-router';
import { createOperations, deadlineAlarm } from './operations';
import { createStore } from './store';

/**
 * The background worker's behaviour, built on an injected API so unit tests run it against an
 * in-memory fake. `index.ts` binds it to the real browser and registers the listeners.
 */

export type BackgroundOptions = { now?: () => number; newId?: () => string };

/** Keys from pages are lowercased again on arrival: a content script of another version must not split a member in two. */
function sameCase<T extends AccountIdentity | null>(account: T): T {
  return account && { ...account, key: accountKeyFrom(account.key) ?? account.key };
}

function sameCaseReport(report: EngineReport): EngineReport {
  return { ...report, account: sameCase(report.account) };
}

function randomOperationId(): string {
  return `op-${crypto.randomUUID()}`;
}

export function createBackground(api: BackgroundApi, options: BackgroundOptions = {}) {
  const now = options.now ?? (() => Date.now());
  const store = createStore(api, now);
  const t = (key: string, substitutions?: string | string[]) => api.i18n.getMessage(key, substitutions) || key;

  async function refreshBadge(): Promise<void> {
    const badge = computeBadge(await store.readLog(), await store.readOperation(), t, await store.readLastResult());
    await api.action.setBadgeText({ text: badge.text });
    await api.action.setBadgeBackgroundColor({ color: badge.color });
    await api.action.setTitle({ title: badge.title });
  }

  const operations = createOperations({
    api,
    store,
    now,
    newId: options.newId ?? randomOperationId,
    refreshBadge,
    async onFlippedBack(account, fixing) {
      const preferences = await store.readPreferences();
      if (!preferences.notifyOnFlipBack || !api.notifications) return;
      if (!(await api.permissions.contains({ permissions: ['notifications'] }))) return;
      await api.notifications.create(`flip-back-${account.key}`, {
        type: 'basic',
        iconUrl: api.runtime.getURL('icons/icon-128.png'),
        title: t('notificationFlipBackTitle'),
        message: t(fixing ? 'notificationFlipBackFixedBody' : 'notificationFlipBackBody', account.name || account.key),
      });
    },
  });

  const handlers = {
    'page-opened': (message, sender) => operations.pageOpened(sender.tabId, sameCase(message.account)),
    'account-seen': (message, sender) => operations.accountSeen(sender.tabId, sameCase(message.account)),
    'engine-progress': (message, sender) => operations.progress(sender.tabId, message.opId, message.phase),
    'engine-report': (message, sender) => operations.report(sender.tabId, message.opId, sameCaseReport(message.report)),
    'opt-out': (message) => operations.start('opt-out', 'user', message.walk ?? false),
    check: (message) => operations.start('check', 'user', message.walk ?? false),
    'sign-in': () => operations.requestSignIn(),
    'open-setting': () => api.tabs.create({ url: settingUrl(aiTrainingRule), active: true }).then(() => null),
    'forget-account': async (message) => {
      await store.writeLog(forgetAccount(await store.readLog(), accountKeyFrom(message.key) ?? message.key));
      await refreshBadge();
    },
    'update-preferences': async (message) => {
      const merged = Preferences.parse({ ...(await store.readPreferences()), ...message.preferences });
      await store.writePreferences(merged);
      return merged;
    },
  } satisfies Handlers;

  const route = createMessageRouter(handlers, api.runtime.id, api.runtime.getURL(''));

  return {
    route,
    operations,
    store,
    refreshBadge,
    /** Worker start: restore the badge and end or resume whatever operation was in flight. */
    async start(): Promise<void> {
      await operations.resume();
      await refreshBadge();
    },
    async onAlarm(name: string): Promise<void> {
      if (name === deadlineAlarm) await operations.expireIfOverdue();
    },
    onTabRemoved: (tabId: number) => operations.tabClosed(tabId),
  };
}
