import { accountKeyPattern } from './account-key';
import { type AccountRecord, type Observation, type RepairNote, type SettingRecord, ruleIdPattern, toggleStates, triggers } from './log';
import { importRefusals } from './import-limits';
import { type BackgroundReply, type ImportResult, operationIdPattern, operationPhases, type PopupMessage, switchHooks } from './messages';
import type { IdentifiedStores, LastResult, Operation, PendingSignIn, WaitingStart } from './operation';
import { type AccountIdentity, failureKinds, nextSteps, type OptOutOutcome, outcomeKinds, ways } from './outcome';
import type { Preferences } from './preferences';
import { aiTrainingRule, otherRuleIds, ruleIds } from './setting-rules';
import { isRecord } from './is-record';

/**
 * What storage and the background hand the popup, read without zod: the popup's size budget has no
 * room for a validator library. Each check returns exactly what its zod schema returns (unknown keys
 * dropped, defaults filled in, names trimmed) or `unreadable`; tests/unit/stored-checks.test.ts holds every
 * check to its schema on generated values.
 */

export const unreadable = Symbol('unreadable');
export type Check<T> = { read(value: unknown): T | typeof unreadable; expects: string };

const check = <T>(expects: string, read: (value: unknown) => T | typeof unreadable): Check<T> => ({ expects, read });

export const text = (max = Infinity): Check<string> =>
  check(max < Infinity ? `text of at most ${max} characters` : 'text', (value) => (typeof value === 'string' && value.length <= max ? value : unreadable));

export const matching = (pattern: RegExp, expects: string): Check<string> =>
  check(expects, (value) => (typeof value === 'string' && pattern.test(value) ? value : unreadable));

export const wholeNumber = (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check<number> =>
  check(`a whole number${min > Number.MIN_SAFE_INTEGER ? ` from ${min}` : ''}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`, (value) => (Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : unreadable));

const duration: Check<number> = check('a finite number from 0', (value) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : unreadable));
export const flag: Check<boolean> = check('true or false', (value) => (typeof value === 'boolean' ? value : unreadable));
export const epochMs = wholeNumber(0);

export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  const known = new Set<unknown>(values);
  return check(`one of ${values.join(', ')}`.slice(0, 200), (value) => (known.has(value) ? (value as T) : unreadable));
}

export const nullable = <T>(inner: Check<T>): Check<T | null> => check(`null or ${inner.expects}`, (value) => (value === null ? null : inner.read(value)));

/** Missing means the default; a value that is present is read as usual. */
const withDefault = <T>(inner: Check<T>, fallback: () => T): Check<T> => check(inner.expects, (value) => (value === undefined ? fallback() : inner.read(value)));

export const list = <T>(item: Check<T>, min = 0, max = Infinity): Check<T[]> =>
  check(`a list${min > 0 ? ` of at least ${min}` : ''}${max < Infinity ? ` of at most ${max}` : ''} of ${item.expects}`, (value) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) return unreadable;
    const read: T[] = [];
    for (const entry of value) {
      const one = item.read(entry);
      if (one === unreadable) return unreadable;
      read.push(one);
    }
    return read;
  });

export type Fields<T> = { [Key in keyof T]-?: Check<T[Key]> };

/** An object of these fields in this order; unknown keys are dropped, or make it unreadable when `strict`. */
export function object<T>(fields: Fields<T>, strict = false): Check<T> {
  const entries = Object.entries(fields) as [string, Check<unknown>][];
  return check('an object', (value) => {
    if (!isRecord(value) || (strict && Object.keys(value).some((key) => !Object.hasOwn(fields, key)))) return unreadable;
    const read: Record<string, unknown> = {};
    for (const [key, field] of entries) {
      const one = field.read(value[key]);
      if (one === unreadable) return unreadable;
      read[key] = one;
    }
    return read as T;
  });
}

export const accountKey = matching(accountKeyPattern, 'a LinkedIn public identifier');
export const ruleIdText = matching(ruleIdPattern, 'a rule id');
const accountName: Check<string> = check('text of at most 200 characters', (value) => {
  const trimmed = typeof value === 'string' ? value.trim() : null;
  return trimmed !== null && trimmed.length <= 200 ? trimmed : unreadable;
});
const accountIdentity = object<AccountIdentity>({ key: accountKey, name: accountName }, true);
const lang = nullable(text(16));
const way = oneOf(ways);
const trigger = oneOf(triggers);
const ruleId = oneOf(ruleIds);

const outcomeBase = {
  account: nullable(accountIdentity),
  lang,
  way,
  timings: object({ startedAt: epochMs, totalMs: duration, toggleFoundMs: nullable(duration) }),
};
const outcomeRead = object({ kind: oneOf(['off', 'turned-off', 'on'] as const), ...outcomeBase });
const failureRead = object({ kind: oneOf(failureKinds), ...outcomeBase, nextSteps: list(oneOf(nextSteps), 1), diagnostic: text(500) });
const isFailureKind = (kind: unknown) => (failureKinds as readonly unknown[]).includes(kind);
const optOutOutcome: Check<OptOutOutcome> = check('an outcome', (value) =>
  isRecord(value) ? (isFailureKind(value.kind) ? failureRead : outcomeRead).read(value) : unreadable,
);
const settingResults = list(object({ ruleId, outcome: optOutOutcome }));

const cookieStore = object({ cookieStoreId: nullable(text(200)), windowId: nullable(wholeNumber()) });

const helperLane = object({
  tabId: nullable(wholeNumber()),
  step: epochMs,
  phase: oneOf(operationPhases),
  deadlineAt: epochMs,
  clicked: flag,
  clickedAccount: nullable(accountIdentity),
  clickedHook: nullable(oneOf(switchHooks)),
  toggleFoundMs: nullable(duration),
});

export const operationCheck = object<Operation>({
  id: matching(operationIdPattern, 'an operation id'),
  kind: oneOf(['check', 'opt-out']),
  trigger,
  phase: oneOf(operationPhases),
  expectedAccount: nullable(accountIdentity),
  cookieStore: withDefault(nullable(cookieStore), () => null),
  tabId: nullable(wholeNumber()),
  walk: flag,
  startedAt: epochMs,
  deadlineAt: epochMs,
  pageLoads: epochMs,
  clicked: flag,
  clickedAccount: nullable(accountIdentity),
  clickedHook: withDefault(nullable(oneOf(switchHooks)), () => null),
  toggleFoundMs: nullable(duration),
  plan: withDefault(list(ruleId, 1), () => [aiTrainingRule.id]),
  step: withDefault(epochMs, () => 0),
  done: withDefault(settingResults, () => []),
  nextStep: withDefault(nullable(epochMs), () => null),
  second: withDefault(nullable(helperLane), () => null),
});

export const lastResultCheck = object<LastResult>({
  operationId: text(),
  kind: oneOf(['check', 'opt-out']),
  trigger,
  finishedAt: epochMs,
  accountKey: nullable(text()),
  saved: flag,
  outcome: optOutOutcome,
  settings: withDefault(settingResults, () => []),
});

export const pendingSignInCheck = object<PendingSignIn>({
  requestedAt: wholeNumber(),
  expiresAt: wholeNumber(),
  cookieStore: withDefault(nullable(cookieStore), () => null),
});

export const waitingStartsCheck: Check<WaitingStart[]> = list(
  object<WaitingStart>({
    id: matching(operationIdPattern, 'an operation id'),
    kind: oneOf(['check', 'opt-out']),
    trigger,
    walk: flag,
    cookieStore: nullable(cookieStore),
  }),
  0,
  50,
);

const identifiedStore = object({ account: accountIdentity, at: wholeNumber() });
export const identifiedStoresCheck: Check<IdentifiedStores> = check('members by cookie store', (value) => {
  if (!isRecord(value)) return unreadable;
  const read: [string, IdentifiedStores[string]][] = [];
  for (const [storeKey, entry] of Object.entries(value)) {
    const one = identifiedStore.read(entry);
    if (storeKey.length > 250 || one === unreadable) return unreadable;
    read.push([storeKey, one]);
  }
  return Object.fromEntries(read);
});

export const preferenceFields: Fields<Preferences> = {
  recheckIntervalHours: wholeNumber(1, 24 * 30),
  notifyOnFlipBack: flag,
  keepItOff: flag,
  chosenSettings: list(oneOf(otherRuleIds)),
};

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

const nothing: Check<null> = check('null', (value) => (value === null ? null : unreadable));
const startResult = object({ operationId: matching(operationIdPattern, 'an operation id'), joined: flag }, true);

const importDone = object({ imported: flag, added: epochMs }, true);
const importRefused = object({ imported: flag, refusal: oneOf(importRefusals), detail: text(300) }, true);
const importResult: Check<ImportResult> = check('an import result', (value) => {
  if (!isRecord(value)) return unreadable;
  return (value.imported === true ? importDone : value.imported === false ? importRefused : null)?.read(value) ?? unreadable;
}) as Check<ImportResult>;

/** The popup's replies from the background, by request type. */
export const popupReplyChecks: { [Type in PopupMessage['type']]: Check<BackgroundReply<Type>> } = {
  'opt-out': startResult,
  check: startResult,
  'sign-in': nothing,
  'open-setting': nothing,
  'forget-account': nothing,
  'update-preferences': object(preferenceFields),
  'import-log': importResult,
};
