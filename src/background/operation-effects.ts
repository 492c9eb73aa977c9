import type { EngineInstruction } from '../shared/messages/background-messages';
import type { Operation } from '../shared/storage/operation-state';
import type { BackgroundApi } from './extension-api';
import { placementIn } from './cookie-store';
import { advanceInLane, type Lane } from './operation-lanes';
import type { LifecycleEvent, Step } from './operation-lifecycle';
import type { OperationDeadline } from './operation-deadline';
import type { Finished, OperationResults } from './operation-results';
import type { Store } from './store';

/**
 * Carries out what `advance` decided, effect by effect, on the helper tab, the watchdog, the log and
 * session storage. A tab the browser refuses to reload or send on is one more event for `advance`.
 * Callers run inside the operations' one-at-a-time queue.
 */

/** A named tab is the second helper tab's; none, the operation's own. */
function tabOf(operation: Operation, effect: { tabId?: number | null }): [number | null, Lane] {
  return effect.tabId === undefined ? [operation.tabId, 'first'] : [effect.tabId, 'second'];
}

export type OperationEffectsDeps = {
  api: BackgroundApi;
  store: Store;
  now: () => number;
  deadline: OperationDeadline;
  results: OperationResults;
  /** The operation has ended and been cleared: what comes next (keep it off, a start waiting in line). */
  onFinished: (operation: Operation, finished: Finished) => void;
};

export function createOperationEffects({ api, store, now, deadline, results, onFinished }: OperationEffectsDeps) {
  /** Advances the operation by one event of one helper tab and carries out the effects in order; returns the instruction, if any. */
  function apply(operation: Operation, event: LifecycleEvent, lane: Lane = 'first'): Promise<EngineInstruction | null> {
    return carryOut(advanceInLane(operation, event, now(), lane));
  }

  /** Opens the second helper tab where the operation's own is (its container, its private window). */
  async function openSecondTab(operation: Operation, url: string): Promise<void> {
    try {
      const tab = await api.tabs.create({ url, active: false, ...placementIn(operation.cookieStore) });
      await apply(operation, { type: 'tab-opened', tabId: tab.id ?? null }, 'second');
    } catch (error) {
      await apply(operation, { type: 'tab-open-failed', error: String(error) }, 'second');
    }
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
          deadline.arm(operation);
          break;
        case 'instruct':
          instruction = effect.instruction;
          break;
        case 'reload-tab': {
          const [tabId, lane] = tabOf(operation, effect);
          if (tabId === null) break;
          await api.tabs.reload(tabId).catch(async (error: unknown) => {
            await apply(operation, { type: 'reload-failed', error: String(error), report: effect.report }, lane);
          });
          break;
        }
        case 'record':
          await results.recordSetting(operation, effect.ruleId, effect.outcome);
          break;
        case 'navigate': {
          const [tabId, lane] = tabOf(operation, effect);
          if (tabId === null) break;
          await api.tabs.update(tabId, { url: effect.url }).catch(async (error: unknown) => {
            await apply(operation, { type: 'tab-open-failed', error: String(error) }, lane);
          });
          break;
        }
        case 'open-tab':
          await openSecondTab(operation, effect.url);
          break;
        case 'close-tab':
          if (effect.tabId !== null) await api.tabs.remove(effect.tabId).catch(() => undefined);
          break;
        case 'finish': {
          const finished = await results.finish(operation, effect.ruleId, effect.outcome, async () => {
            for (const tabId of [operation.tabId, operation.second?.tabId ?? null]) {
              if (tabId !== null) await api.tabs.remove(tabId).catch(() => undefined);
            }
            await deadline.clear();
          });
          onFinished(operation, finished);
          break;
        }
      }
    }
    return instruction;
  }

  return { apply, carryOut };
}

export type OperationEffects = ReturnType<typeof createOperationEffects>;
