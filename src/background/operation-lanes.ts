import type { HelperLane, Operation } from '../shared/storage/operation-state';
import { advance, currentRuleId, ended, type LifecycleEffect, type LifecycleEvent, nextStepOf, pageLoadWaitMs, startUrl, type Step, watchdogUntil } from './operation-lifecycle';

/**
 * The checkup in one pass: a second helper tab works through the same plan beside the operation's own, each
 * tab taking the next setting not yet taken, so at most two LinkedIn pages load at once. Each setting still
 * goes through `advance` on its own, in its own tab, under the same rules (read settled, click only while on,
 * "off" only on a fresh load of its page). What belongs to the operation as a whole is shared: the plan, the
 * results so far, the page loads counted against the limits. What ends the operation (signed out, a closed
 * tab, a deadline, too many loads) ends both tabs; a click the other tab made is then filed as the clicked
 * member's "clicked, not verified", never lost.
 */

export type Lane = 'first' | 'second';

/** The fields each helper tab keeps for itself; everything else belongs to the operation. */
const laneFields = ['tabId', 'step', 'phase', 'deadlineAt', 'clicked', 'clickedAccount', 'clickedHook', 'toggleFoundMs'] as const;

function laneOf(operation: Operation): HelperLane {
  const { tabId, step, phase, deadlineAt, clicked, clickedAccount, clickedHook, toggleFoundMs } = operation;
  return { tabId, step, phase, deadlineAt, clicked, clickedAccount, clickedHook, toggleFoundMs };
}

/** The operation as one tab sees it: its own setting and page state over the shared fields. */
export function viewOf(operation: Operation, lane: Lane): Operation {
  return lane === 'second' && operation.second ? { ...operation, ...operation.second } : operation;
}

/** Which helper tab of the operation this is, or null when it is none of them. */
export function laneOfTab(operation: Operation, tabId: number): Lane | null {
  if (operation.tabId === tabId) return 'first';
  return operation.second?.tabId === tabId ? 'second' : null;
}

/** The tab's view after a step, put back into the operation: its own fields in its place, the shared ones as the step left them. */
function merged(operation: Operation, lane: Lane, view: Operation): Operation {
  if (lane === 'first') return view;
  const first = Object.fromEntries(laneFields.map((field) => [field, operation[field]])) as HelperLane;
  return { ...view, ...first, second: laneOf(view) };
}

/** Whatever ends the operation ends both tabs: the other tab's setting is filed only if it was clicked ("clicked, not verified"). */
function endingBoth(operation: Operation, lane: Lane, finishing: Step, now: number): Step {
  const other = viewOf(operation, lane === 'first' ? 'second' : 'first');
  if (!other.clicked) return { operation, effects: finishing.effects };
  const ruleId = currentRuleId(other);
  const outcome = ended(other, 'timeout', 'the operation ended before this setting was read on a fresh load', null, now);
  const effects: LifecycleEffect[] = [{ do: 'record', ruleId, outcome }, ...finishing.effects];
  return { operation: { ...operation, done: [...operation.done, { ruleId, outcome }] }, effects };
}

/** This tab has no setting left: its result is recorded and it closes, and the other tab goes on alone (as the operation's own). */
function closingOne(operation: Operation, lane: Lane, effect: Extract<LifecycleEffect, { do: 'finish' }>): Step {
  const closedTab = viewOf(operation, lane).tabId;
  const done = [...operation.done, { ruleId: effect.ruleId, outcome: effect.outcome }];
  const remaining: Operation = lane === 'first' && operation.second ? { ...operation, ...operation.second, done, second: null } : { ...operation, done, second: null };
  return {
    operation: remaining,
    effects: [{ do: 'record', ruleId: effect.ruleId, outcome: effect.outcome }, { do: 'close-tab', tabId: closedTab }, { do: 'save' }, { do: 'arm-deadline' }],
  };
}

/** The tab a lane's page effects act on: the second tab's is named, the operation's own is implied (as with one tab). */
function onTab(effects: LifecycleEffect[], lane: Lane, tabId: number | null): LifecycleEffect[] {
  if (lane === 'first') return effects;
  return effects.map((effect) => (effect.do === 'reload-tab' || effect.do === 'navigate' ? { ...effect, tabId } : effect));
}

/** The tab whose deadline has passed, so the timeout names what that tab was waiting for. */
function overdueLane(operation: Operation, now: number): Lane {
  return operation.second && now >= operation.second.deadlineAt && now < operation.deadlineAt ? 'second' : 'first';
}

/** One transition of one helper tab (`lane`), in an operation that may have two. */
export function advanceInLane(operation: Operation, event: LifecycleEvent, now: number, lane: Lane = 'first'): Step {
  if (!operation.second) return advance(operation, event, now);
  // The operation's kind is shared; its deadline event is the earlier tab's.
  if (event.type === 'upgrade') return advance(operation, event, now);
  const acting = event.type === 'deadline' ? overdueLane(operation, now) : lane;
  const step = advance(viewOf(operation, acting), event, now);
  const next = merged(operation, acting, step.operation);
  const finishing = step.effects.find((effect): effect is Extract<LifecycleEffect, { do: 'finish' }> => effect.do === 'finish');
  if (finishing && step.planDone) return closingOne(next, acting, finishing);
  if (finishing) return endingBoth(next, acting, step, now);
  return { operation: next, effects: onTab(step.effects, acting, step.operation.tabId) };
}

/**
 * Opens the second helper tab on the next setting of the plan, once the operation's own tab is open; null when
 * the plan leaves nothing for it. Its own watchdog starts as the first tab's did: the wait for its first page.
 */
export function openSecondLane(operation: Operation, now: number): Step | null {
  const step = nextStepOf(operation);
  if (operation.second || operation.tabId === null || step >= operation.plan.length) return null;
  const second: HelperLane = {
    tabId: null,
    step,
    phase: 'opening',
    deadlineAt: watchdogUntil(operation, now + pageLoadWaitMs).deadlineAt,
    clicked: false,
    clickedAccount: null,
    clickedHook: null,
    toggleFoundMs: null,
  };
  const opening = { ...operation, nextStep: step + 1, second };
  return { operation: opening, effects: [{ do: 'save' }, { do: 'arm-deadline' }, { do: 'open-tab', url: startUrl(viewOf(opening, 'second')) }] };
}
