import { accountKeyPattern } from '../rules/account-key';
import { type Check, check, duration, epochMs, type Fields, list, matching, nullable, object, oneOf, text, unreadable, wholeNumber } from '../validation/checks';
import { isRecord } from '../validation/is-record';
import { type AccountRecord, type Observation, type RepairNote, type SettingRecord, ruleIdPattern, toggleStates, triggers } from './log-schema';
import { type AccountIdentity, failureKinds, nextSteps, type OptOutOutcome, outcomeKinds, ways } from './outcome';

/** The log's entries, records and outcomes, read without zod (`validation/checks.ts`); each is held to its schema in `log-schema.ts` and `outcome.ts`. */

export const accountKey = matching(accountKeyPattern, 'a LinkedIn public identifier');
export const ruleIdText = matching(ruleIdPattern, 'a rule id');
const accountName: Check<string> = check('text of at most 200 characters', (value) => {
  const trimmed = typeof value === 'string' ? value.trim() : null;
  return trimmed !== null && trimmed.length <= 200 ? trimmed : unreadable;
});
export const accountIdentity = object<AccountIdentity>({ key: accountKey, name: accountName }, true);
const lang = nullable(text(16));
const way = oneOf(ways);
export const trigger = oneOf(triggers);
const outcomeBase = {
  account: nullable(accountIdentity),
  lang,
  way,
  timings: object({ startedAt: epochMs, totalMs: duration, toggleFoundMs: nullable(duration) }),
};
const outcomeRead = object({ kind: oneOf(['off', 'turned-off', 'on'] as const), ...outcomeBase });
const failureRead = object({ kind: oneOf(failureKinds), ...outcomeBase, nextSteps: list(oneOf(nextSteps), 1), diagnostic: text(500) });
const isFailureKind = (kind: unknown) => (failureKinds as readonly unknown[]).includes(kind);
export const optOutOutcome: Check<OptOutOutcome> = check('an outcome', (value) =>
  isRecord(value) ? (isFailureKind(value.kind) ? failureRead : outcomeRead).read(value) : unreadable,
);

const settingFields = {
  lastCheckedAt: nullable(epochMs),
  state: oneOf(toggleStates),
  problem: nullable(oneOf(failureKinds)),
  optedOutAt: nullable(epochMs),
  offSince: nullable(epochMs),
  flippedBackAt: nullable(epochMs),
};

/** An account's fields but its history and its other settings, which are repaired entry by entry. */
export const accountFields: Fields<Omit<AccountRecord, 'history' | 'settings'>> = {
  key: accountKey,
  name: accountName,
  firstSeenAt: epochMs,
  lastSeenAt: epochMs,
  ...settingFields,
  lastAutoCheckAt: nullable(epochMs),
  autoFailures: epochMs,
  autoFixTimes: list(epochMs, 0, 10),
};
export const settingRecordFields: Fields<Omit<SettingRecord, 'history'>> = settingFields;

const observationFields: Fields<Observation> = {
  ruleId: ruleIdText,
  at: epochMs,
  lastAt: epochMs,
  count: wholeNumber(1),
  outcome: oneOf(outcomeKinds),
  trigger,
  lang,
  way,
  extensionVersion: text(32),
  totalMs: nullable(duration),
  diagnostic: nullable(text(500)),
};
export const observationCheck = object(observationFields);

const observationFieldCount = Object.keys(observationFields).length;
const outcomeSet = new Set<unknown>(outcomeKinds);
const triggerSet = new Set<unknown>(triggers);
const waySet = new Set<unknown>(ways);
const isNullOrString = (value: unknown, max: number) => value === null || (typeof value === 'string' && value.length <= max);

/**
 * The fast path for the one shape there are thousands of: true only for an entry `Observation` (and
 * `observationCheck`) would return unchanged. Zod only interprets in extension pages (zod/mini never compiles; full zod's compiled
 * parsers are forbidden by their CSP), which made 1,000 entries cost ~40 ms in the popup; anything else
 * still goes through zod.
 * A property test in tests/unit/log.test.ts keeps the two in agreement.
 */
export function isCleanObservation(value: unknown): value is Observation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  return (
    Object.keys(entry).length === observationFieldCount &&
    typeof entry.ruleId === 'string' &&
    ruleIdPattern.test(entry.ruleId) &&
    Number.isSafeInteger(entry.at) &&
    (entry.at as number) >= 0 &&
    Number.isSafeInteger(entry.lastAt) &&
    (entry.lastAt as number) >= 0 &&
    Number.isSafeInteger(entry.count) &&
    (entry.count as number) >= 1 &&
    outcomeSet.has(entry.outcome) &&
    triggerSet.has(entry.trigger) &&
    isNullOrString(entry.lang, 16) &&
    waySet.has(entry.way) &&
    typeof entry.extensionVersion === 'string' &&
    entry.extensionVersion.length <= 32 &&
    (entry.totalMs === null || (typeof entry.totalMs === 'number' && Number.isFinite(entry.totalMs) && entry.totalMs >= 0)) &&
    isNullOrString(entry.diagnostic, 500)
  );
}
export const repairNoteCheck = object<RepairNote>({ at: epochMs, where: text(200), problem: text(300) });
