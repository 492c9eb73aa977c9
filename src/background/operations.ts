import { accountRecord, noteAccountSeen, recordOutcome, type OptOutLog, type Trigger } from '../shared/log';
import type { EngineInstruction, EngineReport, OperationPhase, SwitchHook } from '../shared/messages';
import type { Operation } from '../shared/operation';
import { type AccountIdentity, nextStepsFor, type OptOutOutcome, type OutcomeKind } from '../shared/outcome';
import { aiTrainingRule, settingUrl } from '../shared/setting-rules';
import type { BackgroundApi } from './extension-api';
import { autoCheckDue, autoFixAllowed } from './recheck-policy';
import type { Store } from './store';

/**
 * Operations run in an inactive helper tab at the setting's address: the user's own tabs are never
 * navigated, focus is never taken, and the tab is closed when the operation ends. State lives in
 * `storage.session`, so a stopped service worker continues where it was when the page reports back.
 */

export const operationTimeoutMs = 90_000;
/** From opening or reloading the helper tab to its page reporting in: longer means LinkedIn did not load. */
export const pageLoadWaitMs = 20_000;
/** After the engine's own page deadline, the time its report may take to arrive. */
const reportGraceMs = 5_000;
/** One page load's share: generous for a slow render, short enough to leave time for the walk. */
export const pageDeadlineMs = 30_000;
/** Loads of the helper tab per operation: direct, walk, verify and a few redirects; more is a loop. */
export const maxPageLoads = 6;
/** Seeing the same account again is written to the log at most this often (every LinkedIn page load reports). */
const accountSeenWriteIntervalMs = 60 * 60_000;
const signInWindowMs = 15 * 60_000;
export const deadlineAlarm = 'operation-deadline';

export type OperationsDeps = {
  api: BackgroundApi;
  store: Store;
  now: () => number;
  newId: () => string;
  /** Called whenever what the badge shows may have changed. */
  refreshBadge: () => Promise<void>;
  /** Called when a read finds the setting on after it had been off. */
  onFlippedBack: (account: AccountIdentity, fixing: boolean) => Promise<void>;
};

export type StartResult = { operationId: string; joined: boolean };

type StateReport = Extract<EngineReport, { kind: 'state' }>;

export type Verdict =
  | { kind: 'turned-off'; account: AccountIdentity }
  | { kind: 'save-failed' | 'unreadable' | 'account-unconfirmed'; account: AccountIdentity | null; diagnostic: string };

/**
 * Promise: "turned off" is recorded only when the fresh load read "off" (settled) from a switch
 * identified the same way as the one clicked, on a page that showed the same account as the click's.
 * Anything less is a failure: filed under the clicked account when another member shows up, under no
 * account when the page showed none.
 */
export function offOnlyWhenVerified(clicked: { account: AccountIdentity; hook: SwitchHook }, fresh: StateReport): Verdict {
  if (!fresh.account) {
    return { kind: 'account-unconfirmed', account: null, diagnostic: 'clicked off, but the fresh load did not show which account is signed in' };
  }
  if (fresh.account.key !== clicked.account.key) {
    // Another member signed in before the fresh load: the clicked account's result stays unproven.
    return { kind: 'save-failed', account: clicked.account, diagnostic: 'a different account was signed in when the change was checked after a fresh load' };
  }
  if (fresh.hook !== clicked.hook) {
    return { kind: 'unreadable', account: fresh.account, diagnostic: `clicked a switch found by ${clicked.hook}, but the fresh load found one by ${fresh.hook}` };
  }
  if (fresh.clicked || !fresh.ariaInSync) {
    return { kind: 'unreadable', account: fresh.account, diagnostic: 'the fresh load did not give a settled, untouched reading' };
  }
  if (fresh.state !== 'off') {
    return { kind: 'save-failed', account: fresh.account, diagnostic: 'it read off after the click but on again after a fresh load' };
  }
  return { kind: 'turned-off', account: fresh.account };
}

export function createOperations(deps: OperationsDeps) {
  const { api, store, now } = deps;
  let queue: Promise<unknown> = Promise.resolve();
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;

  /** Every state change runs here, one at a time: two tabs reporting at once cannot start two operations. */
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  /** The watchdog slides with each expected step, but never past the operation's hard limit. */
  function watchdogUntil(operation: Operation, until: number): Operation {
    return { ...operation, deadlineAt: Math.min(operation.startedAt + operationTimeoutMs, until) };
  }

  function armDeadline(operation: Operation): void {
    clearTimeout(deadlineTimer);
    deadlineTimer = setTimeout(() => void expireIfOverdue(), Math.max(0, operation.deadlineAt - now()) + 50);
    // The alarm survives the worker being stopped; the timer is exact while it runs.
    void api.alarms.create(deadlineAlarm, { when: operation.deadlineAt + 50 });
  }

  async function startLocked(kind: Operation['kind'], trigger: Trigger, walk: boolean): Promise<StartResult> {
    const running = await store.readOperation();
    if (running) {
      if (kind === 'opt-out' && running.kind === 'check') {
        await store.writeOperation({ ...running, kind: 'opt-out', trigger: trigger === 'user' ? 'user' : running.trigger });
      }
      return { operationId: running.id, joined: true };
    }
    const log = await store.readLog();
    const current = accountRecord(log, log.currentAccountKey);
    const startedAt = now();
    const operation: Operation = {
      id: deps.newId(),
      kind,
      trigger,
      phase: 'opening',
      expectedAccount: current ? { key: current.key, name: current.name } : null,
      tabId: null,
      walk,
      startedAt,
      deadlineAt: startedAt + pageLoadWaitMs,
      pageLoads: 0,
      clicked: false,
      clickedAccount: null,
      clickedHook: null,
      toggleFoundMs: null,
    };
    if (trigger !== 'user' && current) {
      // Throttle first, act second: even an operation that never finishes counts as an attempt.
      const record = { ...current, lastAutoCheckAt: startedAt };
      await store.writeLog({ ...log, accounts: { ...log.accounts, [record.key]: record } });
    }
    await store.writeOperation(operation);
    armDeadline(operation);
    await deps.refreshBadge();
    const url = walk ? `https://www.linkedin.com${aiTrainingRule.walk.homePath}` : settingUrl(aiTrainingRule);
    try {
      const tab = await api.tabs.create({ url, active: false });
      await store.writeOperation({ ...operation, tabId: tab.id ?? null });
    } catch (error) {
      await finishLocked(operation, failure(operation, 'timeout', `could not open a LinkedIn tab: ${String(error)}`, null));
    }
    return { operationId: operation.id, joined: false };
  }

  function failure(
    operation: Operation,
    kind: Exclude<OutcomeKind, 'off' | 'turned-off' | 'on'>,
    diagnostic: string,
    report: EngineReport | null,
  ): OptOutOutcome {
    return {
      kind,
      account: report?.account ?? null,
      lang: report?.lang ?? null,
      way: report?.way ?? (operation.walk ? 'walk' : 'direct'),
      timings: timings(operation, report),
      nextSteps: [...nextStepsFor[kind]],
      diagnostic: diagnostic.slice(0, 500),
    };
  }

  function timings(operation: Operation, report: EngineReport | null): OptOutOutcome['timings'] {
    return {
      startedAt: operation.startedAt,
      totalMs: now() - operation.startedAt,
      toggleFoundMs: operation.toggleFoundMs ?? report?.toggleFoundMs ?? null,
    };
  }

  function success(operation: Operation, kind: 'off' | 'turned-off' | 'on', report: EngineReport): OptOutOutcome {
    return { kind, account: report.account, lang: report.lang, way: report.way, timings: timings(operation, report) };
  }

  async function finishLocked(operation: Operation, outcome: OptOutOutcome): Promise<void> {
    const finishedAt = now();
    const recorded = recordOutcome(await store.readLog(), outcome, {
      trigger: operation.trigger,
      now: finishedAt,
      extensionVersion: api.runtime.getManifest().version,
    });
    // Evidence first, then tidy up, then tell: whoever sees the result sees the tab already closed.
    await store.writeLog(recorded.log);
    if (operation.tabId !== null) await api.tabs.remove(operation.tabId).catch(() => undefined);
    clearTimeout(deadlineTimer);
    await api.alarms.clear(deadlineAlarm);
    await store.writeLastResult({
      operationId: operation.id,
      kind: operation.kind,
      trigger: operation.trigger,
      finishedAt,
      accountKey: recorded.accountKey,
      outcome,
    });
    await store.writeOperation(null);
    await deps.refreshBadge();

    const record = accountRecord(recorded.log, recorded.accountKey);
    if (recorded.flippedBack && record) {
      const preferences = await store.readPreferences();
      const fixing = preferences.keepItOff && autoFixAllowed(record, finishedAt);
      await deps.onFlippedBack({ key: record.key, name: record.name }, fixing);
      // Started after this operation is cleared, through the queue, never from inside it.
      if (fixing) void serialized(() => startLocked('opt-out', 'auto-fix', false));
    }
  }

  async function expireIfOverdue(): Promise<void> {
    await serialized(async () => {
      const operation = await store.readOperation();
      if (operation && now() >= operation.deadlineAt) {
        const waitingFor = operation.phase === 'opening' || operation.phase === 'verifying' ? 'LinkedIn to load the page' : 'the page';
        await finishLocked(operation, failure(operation, 'timeout', `timed out ${operation.phase}, waiting for ${waitingFor}`, null));
      }
    });
  }

  function instructionFor(operation: Operation): Extract<EngineInstruction, { opId: string }> {
    return {
      do: operation.kind === 'opt-out' && !operation.clicked ? 'turn-off' : 'read',
      opId: operation.id,
      ruleId: aiTrainingRule.id,
      walk: operation.walk,
      deadlineMs: Math.max(1000, Math.min(pageDeadlineMs, operation.startedAt + operationTimeoutMs - now())),
    };
  }

  /** Writes only what changed, and "seen again" at most hourly: this runs on every LinkedIn page load. */
  async function noteSeen(account: AccountIdentity): Promise<{ log: OptOutLog; changed: boolean }> {
    const log = await store.readLog();
    const known = accountRecord(log, account.key);
    const fresh =
      known &&
      log.currentAccountKey === account.key &&
      known.name === account.name &&
      now() - known.lastSeenAt < accountSeenWriteIntervalMs;
    if (fresh) return { log, changed: false };
    const updated = noteAccountSeen(log, account, now());
    await store.writeLog(updated);
    return { log: updated, changed: true };
  }

  /** The user has LinkedIn open: note the account, continue a pending sign-in, or re-check when due. */
  async function ordinaryPageLocked(account: AccountIdentity, operation: Operation | null): Promise<void> {
    const { log, changed } = await noteSeen(account);
    if (operation) return;
    const pending = await store.readPendingSignIn();
    if (pending) {
      await store.writePendingSignIn(null);
      if (now() < pending.expiresAt) {
        await startLocked('opt-out', 'user', false);
        return;
      }
    }
    if (autoCheckDue(accountRecord(log, account.key), await store.readPreferences(), now())) {
      await startLocked('check', 'recheck', false);
    } else if (changed) {
      await deps.refreshBadge();
    }
  }

  return {
    start(kind: Operation['kind'], trigger: Trigger, walk = false): Promise<StartResult> {
      return serialized(() => startLocked(kind, trigger, walk));
    },

    /** A LinkedIn page loaded: the helper tab gets its instruction, any other tab may trigger a re-check. */
    pageOpened(tabId: number, account: AccountIdentity | null): Promise<EngineInstruction> {
      return serialized(async () => {
        const operation = await store.readOperation();
        if (operation && operation.tabId === tabId) {
          const pageLoads = operation.pageLoads + 1;
          if (pageLoads > maxPageLoads) {
            const settling = `LinkedIn loaded ${pageLoads} pages without settling`;
            const diagnostic = operation.clicked ? `clicked off, but not verified: ${settling}` : settling;
            await finishLocked(operation, failure(operation, 'not-found', diagnostic, null));
            return { do: 'idle' };
          }
          const phase: OperationPhase = operation.clicked ? 'verifying' : 'reading';
          const instruction = instructionFor(operation);
          const updated = watchdogUntil({ ...operation, pageLoads, phase }, now() + instruction.deadlineMs + reportGraceMs);
          await store.writeOperation(updated);
          armDeadline(updated);
          return instruction;
        }
        if (account) await ordinaryPageLocked(account, operation);
        return { do: 'idle' };
      });
    },

    /** A page that showed its account only after reporting in; a helper tab's late account changes nothing. */
    accountSeen(tabId: number, account: AccountIdentity): Promise<void> {
      return serialized(async () => {
        const operation = await store.readOperation();
        if (operation?.tabId !== tabId) await ordinaryPageLocked(account, operation);
      });
    },

    progress(tabId: number, opId: string, phase: OperationPhase): Promise<void> {
      return serialized(async () => {
        const operation = await store.readOperation();
        if (!operation || operation.id !== opId || operation.tabId !== tabId) return;
        await store.writeOperation({ ...operation, phase, walk: operation.walk || phase === 'walking' });
      });
    },

    /** The engine's result on one page load: finish, or reload to verify, or reload to act after an upgrade. */
    report(tabId: number, opId: string, report: EngineReport): Promise<void> {
      return serialized(async () => {
        const operation = await store.readOperation();
        if (!operation || operation.id !== opId || operation.tabId !== tabId) {
          throw new Error('this operation has already ended');
        }
        const toggleFoundMs = operation.toggleFoundMs ?? report.toggleFoundMs;
        const current = { ...operation, toggleFoundMs, walk: operation.walk || report.way === 'walk' };
        if (report.kind === 'failed') {
          if (!current.clicked) return finishLocked(current, failure(current, report.failure, report.diagnostic, report));
          // After a click the failure is the clicked account's, proven by the page it was clicked on: its
          // switch was touched and not verified, whatever the fresh load showed (signed out, another member).
          const outcome = failure(current, report.failure, `clicked off, then on the fresh load: ${report.diagnostic}`, report);
          return finishLocked(current, { ...outcome, account: current.clickedAccount });
        }
        if (current.clicked) {
          const verdict = current.clickedAccount && current.clickedHook
            ? offOnlyWhenVerified({ account: current.clickedAccount, hook: current.clickedHook }, report)
            : ({ kind: 'account-unconfirmed', account: null, diagnostic: 'the click was not recorded with its account' } as const);
          if (verdict.kind === 'turned-off') return finishLocked(current, success(current, 'turned-off', report));
          return finishLocked(current, { ...failure(current, verdict.kind, verdict.diagnostic, report), account: verdict.account });
        }
        if (!report.account) {
          // A reading whose page did not show the account is nobody's result: never "off" for a remembered account.
          const diagnostic = `the page read the switch ${report.state} but did not show which account is signed in`;
          return finishLocked(current, failure(current, 'account-unconfirmed', diagnostic, report));
        }
        const needsAct = report.state === 'on' && current.kind === 'opt-out';
        if (report.clicked || needsAct) {
          // Verification is a fresh load: only what LinkedIn serves again proves the change stuck.
          const reloading = watchdogUntil(
            {
              ...current,
              clicked: report.clicked,
              clickedAccount: report.clicked ? report.account : null,
              clickedHook: report.clicked ? report.hook : null,
              phase: report.clicked ? 'verifying' : 'reading',
            },
            now() + pageLoadWaitMs,
          );
          await store.writeOperation(reloading);
          armDeadline(reloading);
          await api.tabs.reload(tabId).catch(async (error: unknown) => {
            await finishLocked(current, failure(current, 'timeout', `the LinkedIn tab could not be reloaded: ${String(error)}`, report));
          });
          return;
        }
        return finishLocked(current, success(current, report.state, report));
      });
    },

    /** The helper tab was closed (by the user, or LinkedIn): the operation ends now, not at its deadline. */
    tabClosed(tabId: number): Promise<void> {
      return serialized(async () => {
        const operation = await store.readOperation();
        if (operation && operation.tabId === tabId) {
          await finishLocked({ ...operation, tabId: null }, failure(operation, 'timeout', 'the LinkedIn tab was closed', null));
        }
      });
    },

    /** On worker start and on the deadline alarm: end an overdue operation, re-arm a live one. */
    async resume(): Promise<void> {
      const operation = await store.readOperation();
      if (!operation) return;
      if (now() >= operation.deadlineAt) await expireIfOverdue();
      else armDeadline(operation);
    },

    expireIfOverdue,

    requestSignIn(): Promise<void> {
      return serialized(async () => {
        await store.writePendingSignIn({ requestedAt: now(), expiresAt: now() + signInWindowMs });
        const redirect = encodeURIComponent(settingUrl(aiTrainingRule));
        await api.tabs.create({ url: `https://www.linkedin.com/uas/login?session_redirect=${redirect}`, active: true });
      });
    },
  };
}

export type Operations = ReturnType<typeof createOperations>;
