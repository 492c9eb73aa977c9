import type { EngineInstruction } from '../shared/messages';
import type { Operation } from '../shared/operation';
import type { BackgroundApi } from './extension-api';
import { advance, type LifecycleEvent, type Step } from './operation-lifecycle';
import type { OperationDeadline } from './operation-deadline';
import type { Finished, OperationResults } from './operation-results';
import type { Store } from './store';

/**
 * Carries out what `advance` decided, effect by effect, on the helper tab, the watchdog, the log and
 * session storage. A tab the browser refuses to reload or send on is one more event for `advance`.
 * Callers run inside the operations' one-at-a-time queue.
 */

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
  /** Advances the operation by one event and carries out the effects in order; returns the instruction, if any. */
  function apply(operation: Operation, event: LifecycleEvent): Promise<EngineInstruction | null> {
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
          deadline.arm(operation);
          break;
        case 'instruct':
          instruction = effect.instruction;
          break;
        case 'reload-tab':
          if (operation.tabId === null) break;
          await api.tabs.reload(operation.tabId).catch(async (error: unknown) => {
            await apply(operation, { type: 'reload-failed', error: String(error), report: effect.report });
          });
          break;
        case 'record':
          await results.recordSetting(operation, effect.ruleId, effect.outcome);
          break;
        case 'navigate':
          if (operation.tabId === null) break;
          await api.tabs.update(operation.tabId, { url: effect.url }).catch(async (error: unknown) => {
            await apply(operation, { type: 'tab-open-failed', error: String(error) });
          });
          break;
        case 'finish': {
          const finished = await results.finish(operation, effect.ruleId, effect.outcome, async () => {
            if (operation.tabId !== null) await api.tabs.remove(operation.tabId).catch(() => undefined);
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
