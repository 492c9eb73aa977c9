import { accountKeyFrom } from '../shared/rules/account-key';
import { forgetAccount } from '../shared/log/log-recording';
import type { EngineReport } from '../shared/messages/background-messages';
import type { AccountIdentity } from '../shared/log/outcome';
import { aiTrainingRule, settingUrl } from '../shared/rules/setting-rules';
import { computeBadge } from './badge';
import type { CookieStore } from '../shared/storage/operation-state';
import { cookieStoreOf } from './cookie-store';
import type { BackgroundApi } from './extension-api';
import { createMessageRouter, type Handlers, linkedInOrigin } from './message-router';
import { createOperations, deadlineAlarm } from './operations';
import { mergeImportedLog, readImportedLog } from './log-import';
import { sessionChangeIn, type SessionCookieEvent } from './session-watch';
import { createStore } from './store';

/**
 * The background worker's behaviour, built on an injected API so unit tests run it against an
 * in-memory fake. `index.ts` binds it to the real browser and registers the listeners.
 */

const badgeRefreshAlarm = 'badge-refresh';
const badgeRefreshMinutes = 60;

/**
 * LinkedIn's session cookie may live on linkedin.com itself (docs/linkedin.md §4): the browser reports its
 * changes only with access to both hosts, and without those reports no member is vouched for across pages.
 */
const sessionCookieOrigins = ['https://www.linkedin.com/*', 'https://linkedin.com/*'];

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

  /** Never rejects: a badge that cannot be drawn must not stop an operation or lose its result. */
  async function refreshBadge(): Promise<void> {
    try {
      const badge = computeBadge(await store.readLog(), await store.readOperation(), await store.readPreferences(), now(), t, await store.readLastResult());
      await api.action.setBadgeText({ text: badge.text });
      await api.action.setBadgeBackgroundColor({ color: badge.color });
      await api.action.setTitle({ title: badge.title });
    } catch (error) {
      console.warn('[badge not updated]', error);
    }
  }

  /** The popup acts for the LinkedIn tab in front of the member (its container, its private window); else the default store. */
  async function storeOfActiveLinkedInTab(): Promise<CookieStore | null> {
    const [active] = await api.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
    return active?.url?.startsWith(`${linkedInOrigin}/`) ? cookieStoreOf(active) : null;
  }

  const operations = createOperations({
    api,
    store,
    now,
    newId: options.newId ?? randomOperationId,
    refreshBadge,
    sessionWatched: async () => api.cookies !== undefined && (await api.permissions.contains({ origins: sessionCookieOrigins }).catch(() => false)),
    async onFlippedBack(account, fixing, ruleIds) {
      const preferences = await store.readPreferences();
      if (!preferences.notifyOnFlipBack || !api.notifications) return;
      if (!(await api.permissions.contains({ permissions: ['notifications'] }))) return;
      const name = account.name || account.key;
      const headline = ruleIds.includes(aiTrainingRule.id);
      const others = ruleIds.filter((ruleId) => ruleId !== aiTrainingRule.id).map((ruleId) => t('notificationSettingFlipBackBody', [t(`settingName_${ruleId}`), name]));
      const message = [...(headline ? [t(fixing ? 'notificationFlipBackFixedBody' : 'notificationFlipBackBody', name)] : []), ...others].join('\n');
      await api.notifications.create(`flip-back-${account.key}`, {
        type: 'basic',
        iconUrl: api.runtime.getURL('icons/icon-128.png'),
        title: t('notificationFlipBackTitle'),
        message,
      });
    },
  });

  const handlers = {
    'page-opened': (message, sender) => operations.pageOpened(sender.tabId, sameCase(message.account), sender.cookieStore, sender.path),
    'account-seen': (message, sender) => operations.accountSeen(sender.tabId, sameCase(message.account), sender.cookieStore).then(() => null),
    'engine-progress': (message, sender) => operations.progress(sender.tabId, message.opId, message.phase).then(() => null),
    'engine-clicking': (message, sender) => operations.clicking(sender.tabId, message.opId, sameCase(message.account), message.hook),
    'engine-report': (message, sender) => operations.report(sender.tabId, message.opId, sameCaseReport(message.report)).then(() => null),
    'opt-out': async (message) => operations.start('opt-out', 'user', message.walk ?? false, await storeOfActiveLinkedInTab()),
    check: async (message) => operations.start('check', 'user', message.walk ?? false, await storeOfActiveLinkedInTab()),
    'sign-in': async () => operations.requestSignIn(await storeOfActiveLinkedInTab()).then(() => null),
    'open-setting': () => api.tabs.create({ url: settingUrl(aiTrainingRule), active: true }).then(() => null),
    'forget-account': async (message) => {
      await store.updateLog((log) => ({ log: forgetAccount(log, accountKeyFrom(message.key) ?? message.key) }));
      await refreshBadge();
      return null;
    },
    'import-log': async (message) => {
      const read = readImportedLog(message.text, now());
      if ('refusal' in read) return { imported: false, refusal: read.refusal, detail: read.detail };
      // Through the store's one queue, like every other write: nothing a check records meanwhile is lost.
      const { added } = await store.updateLog((log) => mergeImportedLog(log, read.log));
      await refreshBadge();
      return { imported: true, added };
    },
    'update-preferences': async (message) => {
      // What the organisation set stays set: the member's own choice is kept for when the policy goes.
      const locked = (await store.readPolicy()).preferences;
      const own = Object.fromEntries(Object.entries(message.preferences).filter(([key]) => !(key in locked)));
      const merged = await store.updatePreferences((stored) => ({ ...stored, ...own }));
      // The interval decides when "all off" goes stale.
      await refreshBadge();
      return merged;
    },
  } satisfies Handlers;

  // A policy changed by the organisation can change the interval, and with it when "all off" goes stale.
  api.storage.onChanged.addListener((_changes, areaName) => {
    if (areaName === 'managed') void refreshBadge();
  });

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
      // Never stops the start: without a summary the popup reads the log itself.
      await store.ensureLogSummary().catch((error: unknown) => console.warn('[log summary not written]', error));
      // Without an event nothing would redraw the badge: this lets a calm "all off" go stale on time.
      await api.alarms.create(badgeRefreshAlarm, { periodInMinutes: badgeRefreshMinutes });
    },
    async onAlarm(name: string): Promise<void> {
      if (name === deadlineAlarm) await operations.expireIfOverdue();
      if (name === badgeRefreshAlarm) await refreshBadge();
    },
    onTabRemoved: (tabId: number) => operations.tabClosed(tabId),
    /** A cookie changed somewhere: only a change of LinkedIn's session cookie matters, and never its value. */
    async onCookieChanged(event: SessionCookieEvent): Promise<void> {
      const storeKey = sessionChangeIn(event);
      if (storeKey !== null) await operations.sessionChanged(storeKey);
    },
  };
}
