import { accountRecord, type Trigger } from '../shared/log/log-schema';
import { withAutoCheckAt } from '../shared/log/log-recording';
import type { EngineInstruction, EngineReport, OperationPhase, SwitchHook } from '../shared/messages/background-messages';
import type { CookieStore, Operation } from '../shared/storage/operation-state';
import type { AccountIdentity } from '../shared/log/outcome';
import { classifyPage } from '../shared/rules/page-kind';
import { aiTrainingRule, settingUrl } from '../shared/rules/setting-rules';
import { checkupPlan } from './checkup-plan';
import { placementIn, storeKeyOf } from './cookie-store';
import type { BackgroundApi } from './extension-api';
import { createOneAtATime } from './one-at-a-time';
import { createOperationDeadline } from './operation-deadline';
import { createOperationEffects } from './operation-effects';
import { advanceInLane, type Lane, laneOfTab, openSecondLane, viewOf } from './operation-lanes';
import { isOverdue, newOperation, startUrl } from './operation-lifecycle';
import { createOperationResults, type OperationResultsDeps } from './operation-results';
import { createOrdinaryPages } from './ordinary-pages';
import { createStartLine } from './start-line';
import type { Store } from './store';
import { createStoreMembers } from './store-members';

/**
 * Operations run in an inactive helper tab at the setting's address: the user's own tabs are never
 * navigated, focus is never taken, and the tab is closed when the operation ends. State lives in
 * `storage.session`, so a stopped service worker continues where it was when the page reports back.
 * What happens next is decided by `advance` (operation-lifecycle.ts); `operation-effects.ts` carries it
 * out, `operation-results.ts` records it, `ordinary-pages.ts` decides what the member's own pages start.
 * This file starts operations and routes the pages' messages to the one in flight.
 */

export { maxPageLoads, offOnlyWhenVerified, operationTimeoutMs, pageDeadlineMs, pageLoadWaitMs } from './operation-lifecycle';
export { deadlineAlarm } from './operation-deadline';
export { identificationFreshMs } from './store-members';

const signInWindowMs = 15 * 60_000;

export type OperationsDeps = Omit<OperationResultsDeps, 'api' | 'store' | 'now'> & {
  api: BackgroundApi;
  store: Store;
  now: () => number;
  newId: () => string;
  /** Whether the browser reports changes of LinkedIn's session (`session-watch.ts`): only then is a member remembered across pages. */
  sessionWatched: () => Promise<boolean>;
};

export type StartResult = { operationId: string; joined: boolean };

export function createOperations(deps: OperationsDeps) {
  const { api, store, now } = deps;
  const oneAtATime = createOneAtATime();
  const members = createStoreMembers(store, now, deps.sessionWatched);
  const line = createStartLine(store);
  const deadline = createOperationDeadline(api, now, expireIfOverdue);
  const results = createOperationResults(deps);
  const effects = createOperationEffects({
    api,
    store,
    now,
    deadline,
    results,
    onFinished(operation, { fixing }) {
      // Started after this operation is cleared, through the queue, never from inside it.
      if (fixing) void oneAtATime(() => startLocked('opt-out', 'auto-fix', false, operation.cookieStore));
      void oneAtATime(startWaitingLocked);
    },
  });
  const ordinaryPages = createOrdinaryPages({
    store,
    now,
    members,
    refreshBadge: deps.refreshBadge,
    start: (kind, trigger, cookieStore) => startLocked(kind, trigger, false, cookieStore),
  });

  /** `id`: the one a waiting start was promised; a new start gets a new one. */
  async function startLocked(kind: Operation['kind'], trigger: Trigger, walk: boolean, cookieStore: CookieStore | null, id = deps.newId()): Promise<StartResult> {
    const running = await store.readOperation();
    if (running && storeKeyOf(running.cookieStore) !== storeKeyOf(cookieStore)) {
      // Another store's member is being checked: this one waits in line and runs next, never joins theirs.
      return { operationId: await line.wait({ id, kind, trigger, walk, cookieStore }), joined: false };
    }
    if (running) {
      if (kind === 'opt-out') await effects.apply(running, { type: 'upgrade', trigger });
      return { operationId: running.id, joined: true };
    }
    const log = await store.readLog();
    // The member of this store's session when known; else the account seen last anywhere.
    const storeMember = await members.memberOf(cookieStore);
    const current = accountRecord(log, storeMember?.key ?? log.currentAccountKey);
    const plan = checkupPlan((await store.readPreferences()).chosenSettings);
    const operation = newOperation(
      { id, kind, trigger, walk, expectedAccount: current ? { key: current.key, name: current.name } : null, cookieStore, plan },
      now(),
    );
    if (trigger !== 'user' && current) {
      // Throttle first, act second: even an operation that never finishes counts as an attempt.
      await store.updateLog((latest) => ({ log: withAutoCheckAt(latest, current.key, operation.startedAt) }));
    }
    await store.writeOperation(operation);
    deadline.arm(operation);
    try {
      const tab = await api.tabs.create({ url: startUrl(operation), active: false, ...placementIn(cookieStore) });
      const opened = advanceInLane(operation, { type: 'tab-opened', tabId: tab.id ?? null }, now());
      await effects.carryOut(opened);
      // More than one setting: a second helper tab takes the next one at once (operation-lanes.ts).
      const second = openSecondLane(opened.operation, now());
      if (second) await effects.carryOut(second);
    } catch (error) {
      await effects.apply(operation, { type: 'tab-open-failed', error: String(error) });
      return { operationId: operation.id, joined: false };
    }
    await deps.refreshBadge();
    return { operationId: operation.id, joined: false };
  }

  /** The next start waiting in line, once no operation runs (one that does will call this again when it ends). */
  async function startWaitingLocked(): Promise<void> {
    if (await store.readOperation()) return;
    const waiting = await line.next();
    if (waiting) await startLocked(waiting.kind, waiting.trigger, waiting.walk, waiting.cookieStore, waiting.id);
  }

  async function expireIfOverdue(): Promise<void> {
    await oneAtATime(async () => {
      const operation = await store.readOperation();
      if (operation) await effects.apply(operation, { type: 'deadline' });
    });
  }

  /** The operation this helper-tab event belongs to and which of its tabs sent it, or null when it belongs to none. */
  async function operationOf(tabId: number, opId?: string): Promise<{ operation: Operation; lane: Lane } | null> {
    const operation = await store.readOperation();
    const lane = operation && laneOfTab(operation, tabId);
    if (!operation || !lane || (opId !== undefined && operation.id !== opId)) return null;
    return { operation, lane };
  }

  return {
    /** `cookieStore`: where the tab that asked keeps its cookies (null: the default store). */
    start(kind: Operation['kind'], trigger: Trigger, walk = false, cookieStore: CookieStore | null = null): Promise<StartResult> {
      return oneAtATime(() => startLocked(kind, trigger, walk, cookieStore));
    },

    /**
     * A LinkedIn page loaded: the helper tab gets its instruction, any other tab may trigger a re-check. A page
     * that did not name its member is told to identify only when something may be due in its cookie store.
     * `path`: the page's address as the browser reported it.
     */
    pageOpened(tabId: number, account: AccountIdentity | null, cookieStore: CookieStore | null = null, path = '/'): Promise<EngineInstruction> {
      return oneAtATime(async () => {
        const helper = await operationOf(tabId);
        if (helper) return (await effects.apply(helper.operation, { type: 'page-opened' }, helper.lane)) ?? { do: 'idle' };
        const operation = await store.readOperation();
        if (account) {
          await ordinaryPages.seen(account, operation, cookieStore);
          return { do: 'idle' };
        }
        // Signing in, or signed out: whoever comes next in this store must be identified again.
        if (classifyPage(path, '') === 'signed-out') {
          await members.remember(cookieStore, null);
          return { do: 'idle' };
        }
        return (await ordinaryPages.nothingDue(cookieStore, operation)) ? { do: 'idle' } : { do: 'identify' };
      });
    },

    /** A page that showed its account only after reporting in; a helper tab's late account changes nothing. */
    accountSeen(tabId: number, account: AccountIdentity, cookieStore: CookieStore | null = null): Promise<void> {
      return oneAtATime(async () => {
        const operation = await store.readOperation();
        if (!operation || !laneOfTab(operation, tabId)) await ordinaryPages.seen(account, operation, cookieStore);
      });
    },

    progress(tabId: number, opId: string, phase: OperationPhase): Promise<void> {
      return oneAtATime(async () => {
        const helper = await operationOf(tabId, opId);
        if (helper) await effects.apply(helper.operation, { type: 'progress', phase }, helper.lane);
      });
    },

    /**
     * The engine is about to click: on record first, under the member the page proved or else the one proven in
     * this store's session. False (nothing is clicked) when no member is proven or this setting was clicked already.
     */
    clicking(tabId: number, opId: string, account: AccountIdentity | null, hook: SwitchHook): Promise<boolean> {
      return oneAtATime(async () => {
        const helper = await operationOf(tabId, opId);
        const member = helper && (account ?? (await members.memberOf(helper.operation.cookieStore)));
        if (!helper || !member) return false;
        const step = advanceInLane(helper.operation, { type: 'clicking', account: member, hook }, now(), helper.lane);
        await effects.carryOut(step);
        return viewOf(step.operation, helper.lane).clicked && !viewOf(helper.operation, helper.lane).clicked;
      });
    },

    /**
     * The engine's result on one page load: finish, or reload to verify, or reload to act after an upgrade. A page
     * that named nobody is the member's proven in this store's session, if any (a change of session forgets them).
     */
    report(tabId: number, opId: string, report: EngineReport): Promise<void> {
      return oneAtATime(async () => {
        const helper = await operationOf(tabId, opId);
        if (!helper) throw new Error('this operation has already ended');
        const account = report.account ?? (await members.memberOf(helper.operation.cookieStore));
        await effects.apply(helper.operation, { type: 'report', report: { ...report, account } }, helper.lane);
      });
    },

    /** LinkedIn's session cookie changed in this store (`session-watch.ts`): whoever is signed in there must prove it again. */
    sessionChanged(storeKey: string): Promise<void> {
      return oneAtATime(() => members.forget(storeKey));
    },

    /** The helper tab was closed (by the user, or LinkedIn): the operation ends now, not at its deadline. */
    tabClosed(tabId: number): Promise<void> {
      return oneAtATime(async () => {
        const helper = await operationOf(tabId);
        if (helper) await effects.apply(helper.operation, { type: 'tab-closed' }, helper.lane);
      });
    },

    /** On worker start and on the deadline alarm: end an overdue operation, re-arm a live one, or start one waiting. */
    async resume(): Promise<void> {
      const operation = await store.readOperation();
      if (!operation) return oneAtATime(startWaitingLocked);
      if (isOverdue(operation, now())) await expireIfOverdue();
      else deadline.arm(operation);
    },

    expireIfOverdue,

    /** Opens LinkedIn's sign-in in `cookieStore`; the opt-out continues once a member shows up signed in there. */
    requestSignIn(cookieStore: CookieStore | null = null): Promise<void> {
      return oneAtATime(async () => {
        await store.writePendingSignIn({ requestedAt: now(), expiresAt: now() + signInWindowMs, cookieStore });
        const redirect = encodeURIComponent(settingUrl(aiTrainingRule));
        await api.tabs.create({ url: `https://www.linkedin.com/uas/login?session_redirect=${redirect}`, active: true, ...placementIn(cookieStore) });
      });
    },
  };
}

export type Operations = ReturnType<typeof createOperations>;
