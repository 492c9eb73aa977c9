import { appendObservation } from './log-history';
import {
  type AccountRecord,
  accountRecord,
  headlineRuleId,
  maxAutoFixTimes,
  maxUnconfirmed,
  newAccountRecord,
  newSettingRecord,
  type Observation,
  type OptOutLog,
  type SettingRecord,
  settingRecordOf,
  type Trigger,
} from './log-schema';
import type { AccountIdentity, OptOutOutcome } from './outcome';

/** Recording into the log: every change the background makes to the member's evidence. */

/** The same map with one record set; a computed key always defines an own property, even "__proto__". */
function withAccount(log: OptOutLog, record: AccountRecord): OptOutLog['accounts'] {
  return { ...log.accounts, [record.key]: record };
}

export type RecordContext = {
  /** The setting the outcome is about; the headline setting unless said. */
  ruleId?: string;
  trigger: Trigger;
  now: number;
  extensionVersion: string;
};

export type RecordResult = {
  log: OptOutLog;
  /** The account the outcome was filed under, if any. */
  accountKey: string | null;
  /** Set when this outcome found the setting on after it had been off. */
  flippedBack: boolean;
};

/** Notes that an account is signed in on some LinkedIn page. */
export function noteAccountSeen(log: OptOutLog, identity: AccountIdentity, now: number): OptOutLog {
  const existing = accountRecord(log, identity.key);
  const record = existing
    ? { ...existing, name: identity.name || existing.name, lastSeenAt: now }
    : newAccountRecord(identity, now);
  return { ...log, accounts: withAccount(log, record), currentAccountKey: identity.key };
}

/** Marks an automatic attempt on one account (the throttle), leaving everything else as it was. */
export function withAutoCheckAt(log: OptOutLog, key: string, at: number): OptOutLog {
  const record = accountRecord(log, key);
  return record ? { ...log, accounts: withAccount(log, { ...record, lastAutoCheckAt: at }) } : log;
}

/** A setting's record after one reading or failure; `flippedBack` when it read on after having been off. */
function withOutcome(before: SettingRecord, outcome: OptOutOutcome, observation: Observation, now: number): { after: SettingRecord; flippedBack: boolean } {
  const after: SettingRecord = { ...before, history: appendObservation(before.history, observation) };
  switch (outcome.kind) {
    case 'off':
    case 'turned-off':
      return {
        after: {
          ...after,
          state: 'off',
          problem: null,
          lastCheckedAt: now,
          offSince: before.state === 'off' && before.offSince !== null ? before.offSince : now,
          flippedBackAt: null,
          optedOutAt: outcome.kind === 'turned-off' ? now : before.optedOutAt,
        },
        flippedBack: false,
      };
    case 'on': {
      const flippedBack = before.state === 'off';
      return {
        after: { ...after, state: 'on', problem: null, lastCheckedAt: now, offSince: null, flippedBackAt: flippedBack ? now : before.flippedBackAt },
        flippedBack,
      };
    }
    default:
      return { after: { ...after, problem: outcome.kind }, flippedBack: false };
  }
}

/**
 * Files an outcome under the account its own page showed, and only there: never under the account
 * expected or seen last, and under the setting it is about. An "account not confirmed" result goes to
 * the log's own list.
 */
export function recordOutcome(log: OptOutLog, outcome: OptOutOutcome, context: RecordContext): RecordResult {
  const { now } = context;
  const ruleId = context.ruleId ?? headlineRuleId;
  const observation: Observation = {
    ruleId,
    at: now,
    lastAt: now,
    count: 1,
    outcome: outcome.kind,
    trigger: context.trigger,
    lang: outcome.lang,
    way: outcome.way,
    extensionVersion: context.extensionVersion,
    totalMs: outcome.timings.totalMs,
    diagnostic: 'diagnostic' in outcome ? outcome.diagnostic : null,
  };
  const identity = outcome.account;
  if (!identity) {
    if (outcome.kind !== 'account-unconfirmed') return { log, accountKey: null, flippedBack: false };
    const unconfirmed = [...(log.unconfirmed ?? []), observation].slice(-maxUnconfirmed);
    return { log: { ...log, unconfirmed }, accountKey: null, flippedBack: false };
  }
  const seen = noteAccountSeen(log, identity, now);
  const before = accountRecord(seen, identity.key) as AccountRecord;
  const { after, flippedBack } = withOutcome(settingRecordOf(before, ruleId) ?? newSettingRecord(), outcome, observation, now);
  const record: AccountRecord =
    ruleId === headlineRuleId ? { ...before, ...after } : { ...before, settings: { ...before.settings, [ruleId]: after } };
  if (context.trigger !== 'user') record.lastAutoCheckAt = now;
  // The account's throttles count operations, and every operation reads the headline setting first: they
  // follow its outcome alone, so a setting not offered in the region never speeds up the re-checks.
  if (ruleId === headlineRuleId) {
    if (context.trigger === 'auto-fix') record.autoFixTimes = [...record.autoFixTimes, now].slice(-maxAutoFixTimes);
    const succeeded = outcome.kind === 'off' || outcome.kind === 'turned-off' || outcome.kind === 'on';
    if (succeeded) record.autoFailures = 0;
    else if (context.trigger !== 'user') record.autoFailures = before.autoFailures + 1;
  }
  return {
    log: { ...seen, accounts: withAccount(seen, record) },
    accountKey: identity.key,
    flippedBack,
  };
}

/** Removes one account and everything recorded about it (asked for by the user, after confirming). */
export function forgetAccount(log: OptOutLog, key: string): OptOutLog {
  const accounts = Object.fromEntries(Object.entries(log.accounts).filter(([accountKey]) => accountKey !== key));
  return { ...log, accounts, currentAccountKey: log.currentAccountKey === key ? null : log.currentAccountKey };
}
