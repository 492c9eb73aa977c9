import { accountRecord, settingRecordOf } from '../shared/log/log-schema';
import { type RecordResult, recordOutcome } from '../shared/log/log-recording';
import type { Operation, SettingResult } from '../shared/storage/operation-state';
import type { AccountIdentity, OptOutOutcome } from '../shared/log/outcome';
import { aiTrainingRule, type RuleId } from '../shared/rules/setting-rules';
import type { BackgroundApi } from './extension-api';
import { autoFixAllowed } from './recheck-policy';
import type { Store } from './store';

/**
 * Recording an operation's results: each setting's outcome in the per-account log as it is known, and at
 * the end the last result the popup shows and the flipped-back notice. The log is the member's evidence:
 * a write that fails leaves the previous log as it was, and the last result then says it was not saved.
 */

export type OperationResultsDeps = {
  api: BackgroundApi;
  store: Store;
  now: () => number;
  /** Called whenever what the badge shows may have changed. */
  refreshBadge: () => Promise<void>;
  /** Called when reads find settings on after they had been off (their rule ids, the headline first). */
  onFlippedBack: (account: AccountIdentity, fixing: boolean, ruleIds: RuleId[]) => Promise<void>;
};

/** What the operation's end asks of whoever starts operations: "keep it off" wants another run. */
export type Finished = { fixing: boolean };

/** The headline setting's result, or the first setting's when the headline was not reached. */
function headlineOf(settings: SettingResult[]): SettingResult | undefined {
  return settings.find((result) => result.ruleId === aiTrainingRule.id) ?? settings[0];
}

export function createOperationResults({ api, store, now, refreshBadge, onFlippedBack }: OperationResultsDeps) {
  /** `at`: the time the record carries; the finish passes its own, so the log and the last result agree. */
  function record(operation: Operation, ruleId: RuleId, outcome: OptOutOutcome, at = now()): Promise<RecordResult> {
    return store.updateLog((log) =>
      recordOutcome(log, outcome, { ruleId, trigger: operation.trigger, now: at, extensionVersion: api.runtime.getManifest().version }),
    );
  }

  return {
    /** One setting's outcome while the operation goes on; a failed write is logged, never a reason to stop. */
    async recordSetting(operation: Operation, ruleId: RuleId, outcome: OptOutOutcome): Promise<void> {
      await record(operation, ruleId, outcome).catch((error: unknown) => console.error('[log not saved]', error));
    },

    /**
     * The last setting's outcome, then the last result. `tidyUp` closes the tab and clears the deadline in
     * between, so whoever sees the result sees the tab already closed; the operation is cleared in every path,
     * so a later request never joins a dead one.
     */
    async finish(operation: Operation, ruleId: RuleId, outcome: OptOutOutcome, tidyUp: () => Promise<void>): Promise<Finished> {
      const finishedAt = now();
      let recorded: RecordResult | null = null;
      try {
        recorded = await record(operation, ruleId, outcome, finishedAt);
      } catch (error) {
        console.error('[log not saved]', error);
      }
      // In the plan's order, whichever helper tab finished first.
      const settings = [...operation.done, { ruleId, outcome }].sort((a, b) => operation.plan.indexOf(a.ruleId) - operation.plan.indexOf(b.ruleId));
      const headline = headlineOf(settings) ?? { ruleId, outcome };
      try {
        await tidyUp();
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
      await refreshBadge();
      return { fixing: await flippedBack(operation, recorded, settings, finishedAt) };
    },
  };

  /** Tells of every setting this operation found back on (each was recorded as it was read); true when "keep it off" acts. */
  async function flippedBack(operation: Operation, recorded: RecordResult | null, settings: SettingResult[], finishedAt: number): Promise<boolean> {
    const account = recorded ? accountRecord(recorded.log, recorded.accountKey) : undefined;
    if (!account) return false;
    const flipped = settings.filter((result) => (settingRecordOf(account, result.ruleId)?.flippedBackAt ?? -1) >= operation.startedAt);
    if (flipped.length === 0) return false;
    const fixing = (await store.readPreferences()).keepItOff && autoFixAllowed(account, finishedAt);
    const ruleIds = flipped.map((result) => result.ruleId);
    await onFlippedBack({ key: account.key, name: account.name }, fixing, ruleIds).catch((error: unknown) => console.warn('[notification failed]', error));
    return fixing;
  }
}

export type OperationResults = ReturnType<typeof createOperationResults>;
