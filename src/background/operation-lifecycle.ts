import { negationWords } from '../shared/rules/label-match';
import type { Trigger } from '../shared/log/log-schema';
import type { EngineInstruction, EngineReport, OperationPhase, SwitchHook } from '../shared/messages/background-messages';
import type { CookieStore, Operation } from '../shared/storage/operation-state';
import { type AccountIdentity, type FailureKind, nextStepsFor, type OptOutOutcome } from '../shared/log/outcome';
import { type RuleId, ruleById, settingUrl } from '../shared/rules/setting-rules';

/**
 * The operation's lifecycle as a pure function: `advance(operation, event, now)` returns the next
 * operation and the effects the worker (`operation-effects.ts`) carries out; `operation-lanes.ts` runs it for each helper tab. Every safety rule about when a
 * result counts lives here, so unit tests cover each transition without a browser.
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
/** Each other chosen setting adds its own share of time and page loads: a longer plan still ends. */
export const extraSettingMs = 60_000;
export const extraSettingPageLoads = 4;
/** Failures that are about the session, not one setting: the next setting's page would show the same. */
const sessionFailures: ReadonlySet<string> = new Set(['signed-out', 'challenge']);

/** The operation's hard limits, for its plan: the headline's, plus a share per other setting. */
export function limitsFor(operation: Pick<Operation, 'plan'>): { timeoutMs: number; pageLoads: number } {
  const extra = operation.plan.length - 1;
  return { timeoutMs: operationTimeoutMs + extra * extraSettingMs, pageLoads: maxPageLoads + extra * extraSettingPageLoads };
}

/**
 * Whether the operation must end now: its deadline has passed, or lies further ahead than any deadline is ever
 * set, which only a clock set back can do; waiting for such a deadline could keep "checking" for hours.
 */
export function isOverdue(operation: Operation, now: number): boolean {
  const deadlines = [operation.deadlineAt, ...(operation.second ? [operation.second.deadlineAt] : [])];
  return deadlines.some((deadlineAt) => now >= deadlineAt || deadlineAt - now > limitsFor(operation).timeoutMs);
}

/** When the watchdog must next look: the earlier of the helper tabs' deadlines. */
export function earliestDeadline(operation: Operation): number {
  return Math.min(operation.deadlineAt, operation.second?.deadlineAt ?? Number.POSITIVE_INFINITY);
}

/** The entry of the plan the next free helper tab takes. */
export function nextStepOf(operation: Operation): number {
  return operation.nextStep ?? operation.step + 1;
}

/** The setting the helper tab is working on. */
export function currentRuleId(operation: Operation): RuleId {
  return operation.plan[Math.min(operation.step, operation.plan.length - 1)] as RuleId;
}

export type LifecycleEvent =
  /** The helper tab was opened (its id, when the browser gave one). */
  | { type: 'tab-opened'; tabId: number | null }
  | { type: 'tab-open-failed'; error: string }
  /** A page loaded in the helper tab and asks what to do. */
  | { type: 'page-opened' }
  | { type: 'progress'; phase: OperationPhase }
  /** The engine's result on one page load. */
  | { type: 'report'; report: EngineReport }
  | { type: 'reload-failed'; error: string; report: EngineReport }
  | { type: 'tab-closed' }
  /** The watchdog fired: the operation ends if it is overdue. */
  | { type: 'deadline' }
  /** A user's opt-out asked while a check runs: the check becomes an opt-out. */
  | { type: 'upgrade'; trigger: Trigger }
  /** The engine is about to click the switch, whose member the page or the session proved: on record before the page can unload. */
  | { type: 'clicking'; account: AccountIdentity; hook: SwitchHook };

export type LifecycleEffect =
  /** Write the operation to session storage. */
  | { do: 'save' }
  /** Re-arm the watchdog at the operation's deadline. */
  | { do: 'arm-deadline' }
  /** The answer to the page that asked. */
  | { do: 'instruct'; instruction: EngineInstruction }
  /** Reload the helper tab (`tabId`: the second one's; absent, the operation's own): a fresh load verifies a click, or lets an upgraded check act. */
  | { do: 'reload-tab'; report: EngineReport; tabId?: number | null }
  /** Record one setting's outcome in the log, the operation going on with the next setting. */
  | { do: 'record'; ruleId: RuleId; outcome: OptOutOutcome }
  /** Send the helper tab (`tabId` as above) to the next setting's address. */
  | { do: 'navigate'; url: string; tabId?: number | null }
  /** Open the second helper tab at this address. */
  | { do: 'open-tab'; url: string }
  /** Close a helper tab whose share of the plan is done while the other goes on. */
  | { do: 'close-tab'; tabId: number | null }
  /** Record the current setting's outcome, close the helper tabs, keep the last result and clear the operation. */
  | { do: 'finish'; ruleId: RuleId; outcome: OptOutOutcome };

/** `planDone`: the finish only because the plan has no setting left for this tab (another tab may still be busy). */
export type Step = { operation: Operation; effects: LifecycleEffect[]; planDone?: true };

type StateReport = Extract<EngineReport, { kind: 'state' }>;

export type Verdict = { kind: 'turned-off' } | { kind: 'save-failed' | 'clicked-unverified'; diagnostic: string };

/**
 * Promise: "turned off" is recorded only when the fresh load read "off" (settled) from a switch
 * identified the same way as the one clicked, on a page that showed the same account as the click's.
 * Anything less is filed under the clicked account: "save failed" when the fresh load read it on,
 * "clicked, not verified" when it proved nothing (no account, another member, another switch, unsettled).
 */
export function offOnlyWhenVerified(clicked: { account: AccountIdentity; hook: SwitchHook }, fresh: StateReport): Verdict {
  if (!fresh.account) {
    return { kind: 'clicked-unverified', diagnostic: 'clicked off, but the fresh load did not show which account is signed in' };
  }
  if (fresh.account.key !== clicked.account.key) {
    // Another member signed in before the fresh load: the clicked account's result stays unproven.
    return { kind: 'clicked-unverified', diagnostic: 'clicked off, but a different account was signed in when the change was checked after a fresh load' };
  }
  if (fresh.hook !== clicked.hook) {
    return { kind: 'clicked-unverified', diagnostic: `clicked a switch found by ${clicked.hook}, but the fresh load found one by ${fresh.hook}` };
  }
  if (fresh.clicked || !fresh.ariaInSync) {
    return { kind: 'clicked-unverified', diagnostic: 'clicked off, but the fresh load did not give a settled, untouched reading' };
  }
  if (fresh.state !== 'off') {
    return { kind: 'save-failed', diagnostic: 'it read off after the click but on again after a fresh load' };
  }
  return { kind: 'turned-off' };
}

/** A new operation, not yet in a tab. The first watchdog is the wait for the tab's first page. */
export function newOperation(
  fields: {
    id: string;
    kind: Operation['kind'];
    trigger: Trigger;
    walk: boolean;
    expectedAccount: AccountIdentity | null;
    cookieStore: CookieStore | null;
    plan: RuleId[];
  },
  now: number,
): Operation {
  return {
    ...fields,
    step: 0,
    done: [],
    phase: 'opening',
    tabId: null,
    startedAt: now,
    deadlineAt: now + pageLoadWaitMs,
    pageLoads: 0,
    clicked: false,
    clickedAccount: null,
    clickedHook: null,
    toggleFoundMs: null,
    nextStep: null,
    second: null,
  };
}

/** Where the helper tab goes for the current setting: its own address, or settings home for the walk. */
export function startUrl(operation: Operation): string {
  const rule = ruleById(currentRuleId(operation));
  return operation.walk ? `https://www.linkedin.com${rule.walk.homePath}` : settingUrl(rule);
}

/** The watchdog slides with each expected step, but never past the operation's hard limit. */
export function watchdogUntil(operation: Operation, until: number): Operation {
  return { ...operation, deadlineAt: Math.min(operation.startedAt + limitsFor(operation).timeoutMs, until) };
}

function timings(operation: Operation, report: EngineReport | null, now: number): OptOutOutcome['timings'] {
  return {
    startedAt: operation.startedAt,
    // A clock set back during the operation must not store a negative duration.
    totalMs: Math.max(0, now - operation.startedAt),
    toggleFoundMs: operation.toggleFoundMs ?? report?.toggleFoundMs ?? null,
  };
}

function failure(operation: Operation, kind: FailureKind, diagnostic: string, report: EngineReport | null, now: number): OptOutOutcome {
  return {
    kind,
    account: report?.account ?? null,
    lang: report?.lang ?? null,
    way: report?.way ?? (operation.walk ? 'walk' : 'direct'),
    timings: timings(operation, report, now),
    nextSteps: [...nextStepsFor[kind]],
    diagnostic: diagnostic.slice(0, 500),
  };
}

function success(operation: Operation, kind: 'off' | 'turned-off' | 'on', report: EngineReport, now: number): OptOutOutcome {
  return { kind, account: report.account, lang: report.lang, way: report.way, timings: timings(operation, report, now) };
}

/**
 * A failure the operation itself runs into (a timeout, a closed tab, too many loads): after a click it is the
 * clicked member's "clicked, not verified", with what went wrong, never a result filed under nobody.
 */
export function ended(operation: Operation, kind: FailureKind, diagnostic: string, report: EngineReport | null, now: number): OptOutOutcome {
  if (!operation.clicked) return failure(operation, kind, diagnostic, report, now);
  return { ...failure(operation, 'clicked-unverified', `clicked off, not verified: ${diagnostic}`, report, now), account: operation.clickedAccount };
}

/** The whole operation ends now, with the current setting's outcome; settings not reached get none. */
const finish = (operation: Operation, outcome: OptOutOutcome): Step => ({ operation, effects: [{ do: 'finish', ruleId: currentRuleId(operation), outcome }] });

/**
 * The current setting has its outcome: the operation goes on with the next setting of the plan in the same helper tab,
 * with the same rules from the start (nothing carried over from the last setting's click), or ends.
 */
function settled(operation: Operation, outcome: OptOutOutcome, now: number): Step {
  const ruleId = currentRuleId(operation);
  const nextStep = nextStepOf(operation);
  if (sessionFailures.has(outcome.kind)) return finish(operation, outcome);
  if (nextStep >= operation.plan.length) return { ...finish(operation, outcome), planDone: true };
  const next = watchdogUntil(
    {
      ...operation,
      step: nextStep,
      nextStep: nextStep + 1,
      done: [...operation.done, { ruleId, outcome }],
      phase: 'opening',
      clicked: false,
      clickedAccount: null,
      clickedHook: null,
      toggleFoundMs: null,
    },
    now + pageLoadWaitMs,
  );
  return {
    operation: next,
    effects: [{ do: 'record', ruleId, outcome }, { do: 'save' }, { do: 'arm-deadline' }, { do: 'navigate', url: startUrl(next) }],
  };
}
const unchanged = (operation: Operation): Step => ({ operation, effects: [] });

function instructionFor(operation: Operation, now: number): Extract<EngineInstruction, { opId: string }> {
  return {
    do: operation.kind === 'opt-out' && !operation.clicked ? 'turn-off' : 'read',
    opId: operation.id,
    rule: ruleById(currentRuleId(operation)),
    walk: operation.walk,
    negationWords,
    deadlineMs: Math.max(1000, Math.min(pageDeadlineMs, operation.startedAt + limitsFor(operation).timeoutMs - now)),
  };
}

function pageOpened(operation: Operation, now: number): Step {
  const pageLoads = operation.pageLoads + 1;
  if (pageLoads > limitsFor(operation).pageLoads) {
    const stopped = finish(operation, ended(operation, 'not-found', `LinkedIn loaded ${pageLoads} pages without settling`, null, now));
    return { operation, effects: [...stopped.effects, { do: 'instruct', instruction: { do: 'idle' } }] };
  }
  const phase: OperationPhase = operation.clicked ? 'verifying' : 'reading';
  const instruction = instructionFor(operation, now);
  const updated = watchdogUntil({ ...operation, pageLoads, phase }, now + instruction.deadlineMs + reportGraceMs);
  return { operation: updated, effects: [{ do: 'save' }, { do: 'arm-deadline' }, { do: 'instruct', instruction }] };
}

/** A report after the click: the fresh load's verification, or a failure, all filed under the clicked member. */
function afterClick(operation: Operation, report: EngineReport, now: number): Step {
  const clicked = operation.clickedAccount && operation.clickedHook ? { account: operation.clickedAccount, hook: operation.clickedHook } : null;
  if (report.kind === 'state' && clicked) {
    const verdict = offOnlyWhenVerified(clicked, report);
    if (verdict.kind === 'turned-off') return settled(operation, success(operation, 'turned-off', report, now), now);
    return settled(operation, { ...failure(operation, verdict.kind, verdict.diagnostic, report, now), account: clicked.account }, now);
  }
  // Only a switch read on again proves the save failed; any other failure leaves the click unverified.
  const [kind, diagnostic] =
    report.kind === 'failed'
      ? [report.failure === 'save-failed' ? 'save-failed' : 'clicked-unverified', `clicked off, then: ${report.diagnostic}`]
      : ['clicked-unverified', 'the click was not recorded with its account'];
  const outcome = { ...failure(operation, kind as FailureKind, diagnostic, report, now), account: operation.clickedAccount };
  // Signed out or challenged: the next setting's page would show the same, so the operation ends here, and the
  // member's next step is that page's (sign in, pass the check) before the click can be verified.
  if (report.kind === 'failed' && sessionFailures.has(report.failure)) return finish(operation, { ...outcome, nextSteps: [...nextStepsFor[report.failure]] } as OptOutOutcome);
  return settled(operation, outcome, now);
}

function reported(operation: Operation, report: EngineReport, now: number): Step {
  const current = { ...operation, toggleFoundMs: operation.toggleFoundMs ?? report.toggleFoundMs, walk: operation.walk || report.way === 'walk' };
  const ownClick = report.kind === 'state' && report.clicked;
  if (current.clicked && !ownClick) return afterClick(current, report, now);
  if (report.kind === 'failed') return settled(current, failure(current, report.failure, report.diagnostic, report, now), now);
  if (!ownClick && !report.account) {
    // A reading whose page did not show the account is nobody's result: never "off" for a remembered account.
    const diagnostic = `the page read the switch ${report.state} but did not show which account is signed in`;
    return settled(current, failure(current, 'account-unconfirmed', diagnostic, report, now), now);
  }
  const needsAct = report.state === 'on' && current.kind === 'opt-out';
  if (ownClick || needsAct) {
    // Verification is a fresh load: only what LinkedIn serves again proves the change stuck. The click is
    // already on record (`clicking`) with its member; a report of an older engine brings its own.
    const reloading = watchdogUntil(
      {
        ...current,
        clicked: ownClick,
        clickedAccount: ownClick ? (current.clickedAccount ?? report.account) : null,
        clickedHook: ownClick ? (current.clickedHook ?? report.hook) : null,
        phase: ownClick ? 'verifying' : 'reading',
      },
      now + pageLoadWaitMs,
    );
    return { operation: reloading, effects: [{ do: 'save' }, { do: 'arm-deadline' }, { do: 'reload-tab', report }] };
  }
  return settled(current, success(current, report.state, report, now), now);
}

/** One transition. The worker has already checked that the event belongs to this operation (its tab, its id). */
export function advance(operation: Operation, event: LifecycleEvent, now: number): Step {
  switch (event.type) {
    case 'tab-opened':
      return { operation: { ...operation, tabId: event.tabId }, effects: [{ do: 'save' }] };
    case 'tab-open-failed':
      return finish(operation, failure(operation, 'timeout', `could not open a LinkedIn tab: ${event.error}`, null, now));
    case 'page-opened':
      return pageOpened(operation, now);
    case 'progress':
      return { operation: { ...operation, phase: event.phase, walk: operation.walk || event.phase === 'walking' }, effects: [{ do: 'save' }] };
    case 'report':
      return reported(operation, event.report, now);
    case 'reload-failed':
      return finish(operation, ended(operation, 'timeout', `the LinkedIn tab could not be reloaded: ${event.error}`, event.report, now));
    case 'tab-closed':
      return finish({ ...operation, tabId: null }, ended(operation, 'timeout', 'the LinkedIn tab was closed', null, now));
    case 'deadline': {
      // Woken early (a timer, a clock set ahead since it was armed): wait on for the deadline.
      if (!isOverdue(operation, now)) return { operation, effects: [{ do: 'arm-deadline' }] };
      const waitingFor = operation.phase === 'opening' || operation.phase === 'verifying' ? 'LinkedIn to load the page' : 'the page';
      return finish(operation, ended(operation, 'timeout', `timed out ${operation.phase}, waiting for ${waitingFor}`, null, now));
    }
    case 'upgrade':
      if (operation.kind !== 'check') return unchanged(operation);
      return { operation: { ...operation, kind: 'opt-out', trigger: event.trigger === 'user' ? 'user' : operation.trigger }, effects: [{ do: 'save' }] };
    case 'clicking':
      // One click per setting: a page that reloads itself after it gets "read" on its next load, never a second click.
      if (operation.kind !== 'opt-out' || operation.clicked) return unchanged(operation);
      return {
        operation: { ...operation, clicked: true, clickedAccount: event.account, clickedHook: event.hook, phase: 'turning-off' },
        effects: [{ do: 'save' }],
      };
  }
}
