import { accountRecord, type OptOutLog, settingRecordOf, type Trigger } from '../shared/log/log-schema';
import { noteAccountSeen, type RecordResult, recordOutcome, withAutoCheckAt } from '../shared/log/log-recording';
import type { EngineInstruction, EngineReport, OperationPhase, SwitchHook } from '../shared/messages/background-messages';
import type { CookieStore, Operation } from '../shared/storage/operation-state';
import { placementIn, storeKeyOf } from './cookie-store';
import type { AccountIdentity, OptOutOutcome } from '../shared/log/outcome';
import { classifyPage } from '../shared/rules/page-kind';
import { aiTrainingRule, otherRuleIds, type RuleId, settingUrl } from '../shared/rules/setting-rules';
import type { BackgroundApi } from './extension-api';
import { advance, isOverdue, type LifecycleEvent, newOperation, startUrl, type Step } from './operation-lifecycle';
import { autoCheckDue, autoFixAllowed } from './recheck-policy';
import { createStartLine } from './start-line';
import type { Store } from './store';
import { createStoreMembers } from './store-members';

/**
 * Operations run in an inactive helper tab at the setting's address: the user's own tabs are never
 * navigated, focus is never taken, and the tab is closed when the operation ends. State lives in
 * `storage.session`, so a stopped service worker continues where it was when the page reports back.
 * What happens next is decided by `advance` (operation-lifecycle.ts); this worker only carries it out.
 */

export { maxPageLoads, offOnlyWhenVerified, operationTimeoutMs, pageDeadlineMs, pageLoadWaitMs } from './operation-lifecycle';

/** Seeing the same account again is written to the log at most this often (every LinkedIn page load reports). */
const accountSeenWriteIntervalMs = 60 * 60_000;
const signInWindowMs = 15 * 60_000;
export { identificationFreshMs } from './store-members';
export const deadlineAlarm = 'operation-deadline';
/** Members remembered per session for the first-visit opt-out; far more than one browser ever shows. */
const maxFirstVisitAccounts = 100;

export type OperationsDeps = {
  api: BackgroundApi;
  store: Store;
  now: () => number;
  newId: () => string;
  /** Called whenever what the badge shows may have changed. */
  refreshBadge: () => Promise<void>;
  /** Called when reads find settings on after they had been off (their rule ids, the headline first). */
  onFlippedBack: (account: AccountIdentity, fixing: boolean, ruleIds: RuleId[]) => Promise<void>;
  /** Whether the browser reports changes of LinkedIn's session (`session-watch.ts`): only then is a member remembered across pages. */
  sessionWatched: () => Promise<boolean>;
};

export type StartResult = { operationId: string; joined: boolean };

export function createOperations(deps: OperationsDeps) {
  const { api, store, now } = deps;
  const members = createStoreMembers(store, now, deps.sessionWatched);
  const line = createStartLine(store);
  let queue: Promise<unknown> = Promise.resolve();
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;

  /** Every state change runs here, one at a time: two tabs reporting at once cannot start two operations. */
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  function armDeadline(operation: Operation): void {
    clearTimeout(deadlineTimer);
    deadlineTimer = setTimeout(() => void expireIfOverdue(), Math.max(0, operation.deadlineAt - now()) + 50);
    // The alarm survives the worker being stopped; the timer is exact while it runs.
    void api.alarms.create(deadlineAlarm, { when: operation.deadlineAt + 50 });
  }

  /** Advances the operation by one event and carries out the effects in order; returns the instruction, if any. */
  async function applyLocked(operation: Operation, event: LifecycleEvent): Promise<EngineInstruction | null> {
    return carryOut(advance(operation, event, now()));
  }

  async function carryOut(step: Step): Promise<EngineInstruction | null> {
    const { operation } = step;
    let instruction: EngineInstruction | null = null;
    for (const effect of step.effects) {
      switch (effect.do) {
        case 'save':
          await store.writeOperation(operation);
          break;
        case 'arm-deadline':
          armDeadline(operation);
          break;
        case 'instruct':
          instruction = effect.instruction;
          break;
        case 'reload-tab':
          if (operation.tabId === null) break;
          await api.tabs.reload(operation.tabId).catch(async (error: unknown) => {
            await applyLocked(operation, { type: 'reload-failed', error: String(error), report: effect.report });
          });
          break;
        case 'record':
          await recordLocked(operation, effect.ruleId, effect.outcome, now()).catch((error: unknown) => console.error('[log not saved]', error));
          break;
        case 'navigate':
          if (operation.tabId === null) break;
          await api.tabs.update(operation.tabId, { url: effect.url }).catch(async (error: unknown) => {
            await applyLocked(operation, { type: 'tab-open-failed', error: String(error) });
          });
          break;
        case 'finish':
          await finishLocked(operation, effect.ruleId, effect.outcome);
          break;
      }
    }
    return instruction;
  }

  /** `id`: the one a waiting start was promised; a new start gets a new one. */
  async function startLocked(kind: Operation['kind'], trigger: Trigger, walk: boolean, cookieStore: CookieStore | null, id = deps.newId()): Promise<StartResult> {
    const running = await store.readOperation();
    if (running && storeKeyOf(running.cookieStore) !== storeKeyOf(cookieStore)) {
      // Another store's member is being checked: this one waits in line and runs next, never joins theirs.
      return { operationId: await line.wait({ id, kind, trigger, walk, cookieStore }), joined: false };
    }
    if (running) {
      if (kind === 'opt-out') await applyLocked(running, { type: 'upgrade', trigger });
      return { operationId: running.id, joined: true };
    }
    const log = await store.readLog();
    // The member of this store's session when known; else the account seen last anywhere.
    const storeMember = await members.memberOf(cookieStore);
    const current = accountRecord(log, storeMember?.key ?? log.currentAccountKey);
    const { chosenSettings } = await store.readPreferences();
    const plan: RuleId[] = [aiTrainingRule.id, ...otherRuleIds.filter((ruleId) => chosenSettings.includes(ruleId))];
    const operation = newOperation(
      { id, kind, trigger, walk, expectedAccount: current ? { key: current.key, name: current.name } : null, cookieStore, plan },
      now(),
    );
    if (trigger !== 'user' && current) {
      // Throttle first, act second: even an operation that never finishes counts as an attempt.
      await store.updateLog((latest) => ({ log: withAutoCheckAt(latest, current.key, operation.startedAt) }));
    }
    await store.writeOperation(operation);
    armDeadline(operation);
    try {
      const tab = await api.tabs.create({ url: startUrl(operation), active: false, ...placementIn(cookieStore) });
      await applyLocked(operation, { type: 'tab-opened', tabId: tab.id ?? null });
    } catch (error) {
      await applyLocked(operation, { type: 'tab-open-failed', error: String(error) });
      return { operationId: operation.id, joined: false };
    }
    await deps.refreshBadge();
    return { operationId: operation.id, joined: false };
  }

  /**
   * Ends the operation whatever fails on the way: the evidence is written first, and the operation is
   * cleared in every path, so a later request never joins a dead one. A failed write (storage full) leaves
   * the previous log as it was, and the result says it was not saved.
   */
  /** `at`: the time the record carries; the finish passes its own, so the log and the last result agree. */
  function recordLocked(operation: Operation, ruleId: RuleId, outcome: OptOutOutcome, at: number): Promise<RecordResult> {
    return store.updateLog((log) =>
      recordOutcome(log, outcome, { ruleId, trigger: operation.trigger, now: at, extensionVersion: api.runtime.getManifest().version }),
    );
  }

  async function finishLocked(operation: Operation, ruleId: RuleId, outcome: OptOutOutcome): Promise<void> {
    const finishedAt = now();
    let recorded: RecordResult | null = null;
    try {
      recorded = await recordLocked(operation, ruleId, outcome, finishedAt);
    } catch (error) {
      console.error('[log not saved]', error);
    }
    const settings = [...operation.done, { ruleId, outcome }];
    const headline = settings.find((result) => result.ruleId === aiTrainingRule.id) ?? settings[0] ?? { ruleId, outcome };
    try {
      // Tidy up, then tell: whoever sees the result sees the tab already closed.
      clearTimeout(deadlineTimer);
      if (operation.tabId !== null) await api.tabs.remove(operation.tabId).catch(() => undefined);
      await api.alarms.clear(deadlineAlarm);
      await store.writeLastResult({
        operationId: operation.id,
        kind: operation.kind,
        trigger: operation.trigger,
        finishedAt,
        accountKey: recorded ? recorded.accountKey : (headline.outcome.account?.key ?? outcome.account?.key ?? null),
        saved: recorded !== null,
        outcome: headline.outcome,
        settings,
      });
    } finally {
      await store.writeOperation(null);
    }
    await deps.refreshBadge();

    const record = recorded ? accountRecord(recorded.log, recorded.accountKey) : undefined;
    // Every setting this operation found back on; each was recorded as it was read.
    const flipped = record ? settings.filter((result) => (settingRecordOf(record, result.ruleId)?.flippedBackAt ?? -1) >= operation.startedAt) : [];
    if (record && flipped.length > 0) {
      const preferences = await store.readPreferences();
      const fixing = preferences.keepItOff && autoFixAllowed(record, finishedAt);
      const ruleIds = flipped.map((result) => result.ruleId);
      await deps.onFlippedBack({ key: record.key, name: record.name }, fixing, ruleIds).catch((error: unknown) => console.warn('[notification failed]', error));
      // Started after this operation is cleared, through the queue, never from inside it.
      if (fixing) void serialized(() => startLocked('opt-out', 'auto-fix', false, operation.cookieStore));
    }
    void serialized(startWaitingLocked);
  }

  /** The next start waiting in line, once no operation runs (one that does will call this again when it ends). */
  async function startWaitingLocked(): Promise<void> {
    if (await store.readOperation()) return;
    const waiting = await line.next();
    if (waiting) await startLocked(waiting.kind, waiting.trigger, waiting.walk, waiting.cookieStore, waiting.id);
  }

  async function expireIfOverdue(): Promise<void> {
    await serialized(async () => {
      const operation = await store.readOperation();
      if (operation) await applyLocked(operation, { type: 'deadline' });
    });
  }

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
   * Whether a page in this store can be answered without knowing its member: that member was identified
   * here recently, is the current account, and nothing waits for them (no operation, no sign-in to continue,
   * no re-check due). Anything else asks the page to identify, so a due re-check starts on that very load.
   */
  async function nothingDueLocked(cookieStore: CookieStore | null, operation: Operation | null): Promise<boolean> {
    if (operation || (await store.readPendingSignIn())) return false;
    const remembered = await members.recentlyIdentified(cookieStore);
    if (!remembered) return false;
    const log = await store.readLog();
    if (log.currentAccountKey !== remembered.key) return false;
    if ((await store.readPolicy()).optOutOnFirstVisit && !(await store.readFirstVisitOptOuts()).includes(remembered.key)) return false;
    return !autoCheckDue(accountRecord(log, remembered.key), await store.readPreferences(), now());
  }

  /**
   * Whether an organisation's policy asks for the opt-out on this member's first visit of the browser session,
   * and it has not started for them yet. Marked before it starts: one attempt per member and session, whatever
   * its outcome, so no page can make it loop; re-checks and "keep it off" take over from there.
   */
  async function firstVisitOptOutDueLocked(accountKey: string): Promise<boolean> {
    if (!(await store.readPolicy()).optOutOnFirstVisit) return false;
    const started = await store.readFirstVisitOptOuts();
    if (started.includes(accountKey)) return false;
    await store.writeFirstVisitOptOuts([...started, accountKey].slice(-maxFirstVisitAccounts));
    return true;
  }

  /** The user has LinkedIn open: note the account, continue a pending sign-in, or re-check when due. */
  async function ordinaryPageLocked(account: AccountIdentity, operation: Operation | null, cookieStore: CookieStore | null): Promise<void> {
    await members.remember(cookieStore, account);
    const { log, changed } = await noteSeen(account);
    // This store's own operation covers it; another store's does not: what is due here waits in line.
    if (operation && storeKeyOf(operation.cookieStore) === storeKeyOf(cookieStore)) return;
    const pending = await store.readPendingSignIn();
    if (pending && storeKeyOf(pending.cookieStore) === storeKeyOf(cookieStore)) {
      await store.writePendingSignIn(null);
      if (now() < pending.expiresAt) {
        await startLocked('opt-out', 'user', false, cookieStore);
        return;
      }
    }
    if (await firstVisitOptOutDueLocked(account.key)) {
      await startLocked('opt-out', 'policy', false, cookieStore);
    } else if (autoCheckDue(accountRecord(log, account.key), await store.readPreferences(), now())) {
      await startLocked('check', 'recheck', false, cookieStore);
    } else if (changed) {
      await deps.refreshBadge();
    }
  }

  /** The operation this helper-tab event belongs to, or null when it belongs to none. */
  async function operationOf(tabId: number, opId?: string): Promise<Operation | null> {
    const operation = await store.readOperation();
    if (!operation || operation.tabId !== tabId || (opId !== undefined && operation.id !== opId)) return null;
    return operation;
  }

  return {
    /** `cookieStore`: where the tab that asked keeps its cookies (null: the default store). */
    start(kind: Operation['kind'], trigger: Trigger, walk = false, cookieStore: CookieStore | null = null): Promise<StartResult> {
      return serialized(() => startLocked(kind, trigger, walk, cookieStore));
    },

    /**
     * A LinkedIn page loaded: the helper tab gets its instruction, any other tab may trigger a re-check. A page
     * that did not name its member is told to identify only when something may be due in its cookie store.
     * `path`: the page's address as the browser reported it.
     */
    pageOpened(tabId: number, account: AccountIdentity | null, cookieStore: CookieStore | null = null, path = '/'): Promise<EngineInstruction> {
      return serialized(async () => {
        const operation = await store.readOperation();
        if (operation && operation.tabId === tabId) return (await applyLocked(operation, { type: 'page-opened' })) ?? { do: 'idle' };
        if (account) {
          await ordinaryPageLocked(account, operation, cookieStore);
          return { do: 'idle' };
        }
        // Signing in, or signed out: whoever comes next in this store must be identified again.
        if (classifyPage(path, '') === 'signed-out') {
          await members.remember(cookieStore, null);
          return { do: 'idle' };
        }
        return (await nothingDueLocked(cookieStore, operation)) ? { do: 'idle' } : { do: 'identify' };
      });
    },

    /** A page that showed its account only after reporting in; a helper tab's late account changes nothing. */
    accountSeen(tabId: number, account: AccountIdentity, cookieStore: CookieStore | null = null): Promise<void> {
      return serialized(async () => {
        const operation = await store.readOperation();
        if (operation?.tabId !== tabId) await ordinaryPageLocked(account, operation, cookieStore);
      });
    },

    progress(tabId: number, opId: string, phase: OperationPhase): Promise<void> {
      return serialized(async () => {
        const operation = await operationOf(tabId, opId);
        if (operation) await applyLocked(operation, { type: 'progress', phase });
      });
    },

    /**
     * The engine is about to click: on record first, under the member the page proved or else the one proven in
     * this store's session. False (nothing is clicked) when no member is proven or this setting was clicked already.
     */
    clicking(tabId: number, opId: string, account: AccountIdentity | null, hook: SwitchHook): Promise<boolean> {
      return serialized(async () => {
        const operation = await operationOf(tabId, opId);
        const member = operation && (account ?? (await members.memberOf(operation.cookieStore)));
        if (!operation || !member) return false;
        const step = advance(operation, { type: 'clicking', account: member, hook }, now());
        await carryOut(step);
        return step.operation.clicked && !operation.clicked;
      });
    },

    /**
     * The engine's result on one page load: finish, or reload to verify, or reload to act after an upgrade. A page
     * that named nobody is the member's proven in this store's session, if any (a change of session forgets them).
     */
    report(tabId: number, opId: string, report: EngineReport): Promise<void> {
      return serialized(async () => {
        const operation = await operationOf(tabId, opId);
        if (!operation) throw new Error('this operation has already ended');
        const account = report.account ?? (await members.memberOf(operation.cookieStore));
        await applyLocked(operation, { type: 'report', report: { ...report, account } });
      });
    },

    /** LinkedIn's session cookie changed in this store (`session-watch.ts`): whoever is signed in there must prove it again. */
    sessionChanged(storeKey: string): Promise<void> {
      return serialized(() => members.forget(storeKey));
    },

    /** The helper tab was closed (by the user, or LinkedIn): the operation ends now, not at its deadline. */
    tabClosed(tabId: number): Promise<void> {
      return serialized(async () => {
        const operation = await operationOf(tabId);
        if (operation) await applyLocked(operation, { type: 'tab-closed' });
      });
    },

    /** On worker start and on the deadline alarm: end an overdue operation, re-arm a live one, or start one waiting. */
    async resume(): Promise<void> {
      const operation = await store.readOperation();
      if (!operation) return serialized(startWaitingLocked);
      if (isOverdue(operation, now())) await expireIfOverdue();
      else armDeadline(operation);
    },

    expireIfOverdue,

    /** Opens LinkedIn's sign-in in `cookieStore`; the opt-out continues once a member shows up signed in there. */
    requestSignIn(cookieStore: CookieStore | null = null): Promise<void> {
      return serialized(async () => {
        await store.writePendingSignIn({ requestedAt: now(), expiresAt: now() + signInWindowMs, cookieStore });
        const redirect = encodeURIComponent(settingUrl(aiTrainingRule));
        await api.tabs.create({ url: `https://www.linkedin.com/uas/login?session_redirect=${redirect}`, active: true, ...placementIn(cookieStore) });
      });
    },
  };
}

export type Operations = ReturnType<typeof createOperations>;
