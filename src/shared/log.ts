import { z } from 'zod';
import { accountKeyFrom } from './account-key';
import { AccountIdentity, type FailureKind, nextStepsFor, type OptOutOutcome, outcomeKinds, Way } from './outcome';

/**
 * The per-account opt-out log: the member's evidence of when they objected.
 * One schema, a version, ordered migrations, and repair field by field: a bad field falls back to its
 * default and is reported, a bad entry is dropped and reported, and the raw value is kept as a backup.
 */

export const logVersion = 1;
export const maxHistoryPerAccount = 1000;
export const maxRepairNotes = 50;
/** Results no page proved the account of, kept apart: the newest this many. */
export const maxUnconfirmed = 50;
const maxAutoFixTimes = 10;

export const Trigger = z.enum(['user', 'recheck', 'auto-fix']);
export type Trigger = z.infer<typeof Trigger>;

const EpochMs = z.number().int().nonnegative();
const FailureKindSchema = z.enum(Object.keys(nextStepsFor) as [FailureKind, ...FailureKind[]]);

export const Observation = z.object({
  at: EpochMs,
  outcome: z.enum(outcomeKinds as [OptOutOutcome['kind'], ...OptOutOutcome['kind'][]]),
  trigger: Trigger,
  lang: z.string().max(16).nullable(),
  way: Way,
  extensionVersion: z.string().max(32),
  totalMs: z.number().nonnegative().nullable(),
  diagnostic: z.string().max(500).nullable(),
});
export type Observation = z.infer<typeof Observation>;

const observationFields = Object.keys(Observation.shape).length;
const outcomeSet = new Set<unknown>(Observation.shape.outcome.options);
const triggerSet = new Set<unknown>(Observation.shape.trigger.options);
const waySet = new Set<unknown>(Observation.shape.way.options);
const isNullOrString = (value: unknown, max: number) => value === null || (typeof value === 'string' && value.length <= max);

/**
 * The fast path for the one shape there are thousands of: true only for an entry `Observation` would
 * return unchanged. Zod runs as an interpreter in extension pages (their CSP forbids its compiled
 * parsers), which made 1,000 entries cost ~40 ms in the popup; anything else still goes through zod.
 * A property test in tests/unit/log.test.ts keeps the two in agreement.
 */
export function isCleanObservation(value: unknown): value is Observation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  return (
    Object.keys(entry).length === observationFields &&
    Number.isSafeInteger(entry.at) &&
    (entry.at as number) >= 0 &&
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

/** The toggle's last known position; problems are kept apart so a failed re-check never hides "off". */
export const ToggleState = z.enum(['on', 'off', 'unknown']);
export type ToggleState = z.infer<typeof ToggleState>;

export const AccountRecord = z.object({
  key: AccountIdentity.shape.key,
  name: AccountIdentity.shape.name,
  firstSeenAt: EpochMs,
  lastSeenAt: EpochMs,
  /** Last time the toggle was actually read. */
  lastCheckedAt: EpochMs.nullable(),
  state: ToggleState,
  /** The last attempt's failure, cleared by the next successful read. */
  problem: FailureKindSchema.nullable(),
  /** When this extension turned it off and verified it. */
  optedOutAt: EpochMs.nullable(),
  /** Since when it has been off without interruption. */
  offSince: EpochMs.nullable(),
  /** When a read found it on after it had been off. Cleared once it is off again. */
  flippedBackAt: EpochMs.nullable(),
  /** Throttle for automatic re-checks, failures included. */
  lastAutoCheckAt: EpochMs.nullable(),
  autoFailures: z.number().int().nonnegative(),
  /** Recent automatic fixes, to cap them per day. */
  autoFixTimes: z.array(EpochMs).max(maxAutoFixTimes),
  history: z.array(Observation),
});
export type AccountRecord = z.infer<typeof AccountRecord>;

export const RepairNote = z.object({ at: EpochMs, where: z.string().max(200), problem: z.string().max(300) });
export type RepairNote = z.infer<typeof RepairNote>;

export const OptOutLog = z.object({
  version: z.literal(logVersion),
  accounts: z.record(AccountIdentity.shape.key, AccountRecord),
  /** The account last seen signed in on any LinkedIn page. */
  currentAccountKey: AccountIdentity.shape.key.nullable(),
  repairs: z.array(RepairNote).max(maxRepairNotes),
  /** Results whose page did not show which account was signed in: filed under no account, never as "off". */
  unconfirmed: z.array(Observation).max(maxUnconfirmed).optional(),
});
export type OptOutLog = z.infer<typeof OptOutLog>;

/**
 * Account keys are chosen by members, and "constructor" or "__proto__" are valid LinkedIn identifiers:
 * a record is read only if it is the map's own, never through the object prototype.
 */
export function accountRecord(log: OptOutLog, key: string | null): AccountRecord | undefined {
  return key !== null && Object.hasOwn(log.accounts, key) ? log.accounts[key] : undefined;
}

/** The same map with one record set; a computed key always defines an own property, even "__proto__". */
function withAccount(log: OptOutLog, record: AccountRecord): OptOutLog['accounts'] {
  return { ...log.accounts, [record.key]: record };
}

export function emptyLog(): OptOutLog {
  return { version: logVersion, accounts: {}, currentAccountKey: null, repairs: [] };
}

export function newAccountRecord(identity: AccountIdentity, now: number): AccountRecord {
  return {
    key: identity.key,
    name: identity.name,
    firstSeenAt: now,
    lastSeenAt: now,
    lastCheckedAt: null,
    state: 'unknown',
    problem: null,
    optedOutAt: null,
    offSince: null,
    flippedBackAt: null,
    lastAutoCheckAt: null,
    autoFailures: 0,
    autoFixTimes: [],
    history: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Migrations and repair

/** One step from `from` to `from + 1`. Steps run in order, each once. */
export type Migration = { from: number; migrate: (raw: Record<string, unknown>) => Record<string, unknown> };

/** Version 1 is the first released schema; later versions append their step here. */
export const logMigrations: readonly Migration[] = [];

export type LoadedLog = {
  log: OptOutLog;
  /** What was repaired on this load (also appended to `log.repairs`). */
  repairs: RepairNote[];
  /** Whether the stored value differs from `log` in anything but form: keep the raw value as a backup. */
  needsBackup: boolean;
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses each field on its own: a bad one takes its default and leaves a note. */
export function repairFields<T extends Record<string, unknown>>(
  schema: z.ZodObject,
  raw: Record<string, unknown>,
  defaults: T,
  where: string,
  note: (where: string, problem: string) => void,
): T {
  const repaired: Record<string, unknown> = {};
  for (const [field, fieldSchema] of Object.entries(schema.shape)) {
    const parsed = (fieldSchema as z.ZodType).safeParse(raw[field]);
    if (parsed.success) {
      repaired[field] = parsed.data;
    } else {
      repaired[field] = defaults[field];
      if (raw[field] !== undefined || defaults[field] !== undefined) {
        note(`${where}.${field}`, parsed.error.issues[0]?.message ?? 'invalid');
      }
    }
  }
  return repaired as T;
}

function repairAccount(
  mapKey: string,
  raw: unknown,
  now: number,
  note: (where: string, problem: string) => void,
): AccountRecord | null {
  const where = `accounts[${JSON.stringify(mapKey).slice(0, 80)}]`;
  if (!AccountIdentity.shape.key.safeParse(mapKey).success) {
    note(where, 'account key is not a LinkedIn identifier; entry set aside in the backup');
    return null;
  }
  if (!isPlainObject(raw)) {
    note(where, 'account entry is not an object; entry set aside in the backup');
    return null;
  }
  const defaults = newAccountRecord({ key: mapKey, name: mapKey }, now);
  const historyRaw = raw.history;
  const record = repairFields(AccountRecord.omit({ history: true }), raw, { ...defaults }, where, note);
  record.key = mapKey;
  const history = repairObservations(historyRaw, `${where}.history`, note);
  return { ...record, history: history.slice(-maxHistoryPerAccount) };
}

/** A stored list of observations: readable entries kept, the rest noted and left to the backup. */
function repairObservations(raw: unknown, where: string, note: (where: string, problem: string) => void): Observation[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    note(where, 'not a list; set aside in the backup');
    return [];
  }
  return raw.flatMap((entry: unknown, index) => {
    if (isCleanObservation(entry)) return [entry];
    const parsed = Observation.safeParse(entry);
    if (parsed.success) return [parsed.data];
    note(`${where}[${index}]`, 'unreadable observation set aside in the backup');
    return [];
  });
}

const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/**
 * Records whose keys differ only by case are one member (LinkedIn's public ids ignore case): merged
 * under the lowercase key, histories interleaved by time, the earliest first-seen and opt-out kept, the
 * state of the most recently checked one. Nothing is dropped.
 */
function mergeCaseVariants(accounts: Record<string, AccountRecord>, note: (where: string, problem: string) => void): Record<string, AccountRecord> {
  const groups = new Map<string, AccountRecord[]>();
  for (const [key, record] of Object.entries(accounts)) {
    const canonical = accountKeyFrom(key) ?? key;
    groups.set(canonical, [...(groups.get(canonical) ?? []), record]);
  }
  return Object.fromEntries(
    [...groups].map(([key, records]) => {
      if (records.length === 1 && records[0]?.key === key) return [key, records[0]];
      note(`accounts[${JSON.stringify(key).slice(0, 80)}]`, `${records.map((record) => JSON.stringify(record.key).slice(0, 80)).join(', ')} are one member (keys ignore case); merged`);
      const newest = records.reduce((a, b) => ((b.lastCheckedAt ?? b.lastSeenAt) > (a.lastCheckedAt ?? a.lastSeenAt) ? b : a));
      const merged: AccountRecord = {
        ...newest,
        key,
        firstSeenAt: Math.min(...records.map((record) => record.firstSeenAt)),
        lastSeenAt: Math.max(...records.map((record) => record.lastSeenAt)),
        optedOutAt: records.map((record) => record.optedOutAt).reduce(earliest, null),
        autoFixTimes: records.flatMap((record) => record.autoFixTimes).sort((a, b) => a - b).slice(-maxAutoFixTimes),
        history: records.flatMap((record) => record.history).sort((a, b) => a.at - b.at).slice(-maxHistoryPerAccount),
      };
      return [key, merged];
    }),
  );
}

/**
 * Reads whatever storage holds into a valid log. Never throws and never returns less than can be read:
 * unreadable parts are reported and flagged for backup, the rest is kept.
 */
export function loadLog(raw: unknown, now: number, migrations: readonly Migration[] = logMigrations): LoadedLog {
  if (raw === undefined || raw === null) return { log: emptyLog(), repairs: [], needsBackup: false };
  const repairs: RepairNote[] = [];
  const note = (where: string, problem: string) => repairs.push({ at: now, where, problem });
  if (!isPlainObject(raw)) {
    note('log', 'the stored log is not an object; kept as a backup and started afresh');
    return finish(emptyLog(), repairs, true);
  }

  let current: Record<string, unknown> = raw;
  let version = typeof raw.version === 'number' && Number.isInteger(raw.version) ? raw.version : null;
  if (version === null) {
    note('log.version', 'missing version; read as the current version');
    version = logVersion;
  }
  if (version > logVersion) {
    note('log.version', `written by a newer version (${version}); read what this version understands`);
  }
  for (const step of migrations) {
    if (step.from === version && version < logVersion) {
      current = step.migrate(current);
      version += 1;
    }
  }
  if (version < logVersion) {
    note('log.version', `no migration from version ${version}; read what this version understands`);
  }

  const log = emptyLog();
  const accountsRaw = current.accounts;
  if (isPlainObject(accountsRaw)) {
    // fromEntries defines own properties: a "__proto__" account stays an account.
    log.accounts = Object.fromEntries(
      Object.entries(accountsRaw).flatMap(([key, value]) => {
        const record = repairAccount(key, value, now, note);
        return record ? [[key, record]] : [];
      }),
    );
  } else if (accountsRaw !== undefined) {
    note('log.accounts', 'accounts is not an object; kept as a backup');
  }
  log.accounts = mergeCaseVariants(log.accounts, note);
  const currentKey = AccountIdentity.shape.key.nullable().safeParse(current.currentAccountKey ?? null);
  const currentCanonical = currentKey.success && currentKey.data !== null ? (accountKeyFrom(currentKey.data) ?? currentKey.data) : null;
  log.currentAccountKey = accountRecord(log, currentCanonical) ? currentCanonical : null;
  if (currentKey.success && currentKey.data !== null && currentKey.data !== currentCanonical && log.currentAccountKey !== null) {
    note('log.currentAccountKey', 'written in another case; lowercased');
  } else if ((current.currentAccountKey ?? null) !== log.currentAccountKey) {
    note('log.currentAccountKey', 'not a known account; cleared');
  }
  if (Array.isArray(current.repairs)) {
    log.repairs = current.repairs.flatMap((entry) => {
      const parsed = RepairNote.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
    if (log.repairs.length < current.repairs.length) note('log.repairs', 'unreadable repair notes set aside in the backup');
  }
  const unconfirmed = repairObservations(current.unconfirmed, 'log.unconfirmed', note).slice(-maxUnconfirmed);
  if (unconfirmed.length > 0) log.unconfirmed = unconfirmed;
  for (const field of Object.keys(current).filter((key) => !(key in OptOutLog.shape))) {
    note(`log.${field.slice(0, 40)}`, 'unknown field set aside in the backup');
  }
  const migrated = raw.version !== current.version;
  return finish(log, repairs, repairs.length > 0 || migrated);
}

function finish(log: OptOutLog, repairs: RepairNote[], needsBackup: boolean): LoadedLog {
  log.repairs = [...log.repairs, ...repairs].slice(-maxRepairNotes);
  return { log, repairs, needsBackup };
}

// ---------------------------------------------------------------------------------------------
// Recording what happened

export type RecordContext = {
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

/**
 * Files an outcome under the account its own page showed, and only there: never under the account
 * expected or seen last. An "account not confirmed" result goes to the log's own list.
 */
export function recordOutcome(log: OptOutLog, outcome: OptOutOutcome, context: RecordContext): RecordResult {
  const { now } = context;
  const observation: Observation = {
    at: now,
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
  const record: AccountRecord = {
    ...before,
    history: [...before.history, observation].slice(-maxHistoryPerAccount),
  };
  if (context.trigger !== 'user') {
    record.lastAutoCheckAt = now;
  }
  if (context.trigger === 'auto-fix') {
    record.autoFixTimes = [...record.autoFixTimes, now].slice(-maxAutoFixTimes);
  }

  let flippedBack = false;
  switch (outcome.kind) {
    case 'off':
    case 'turned-off':
      record.state = 'off';
      record.problem = null;
      record.lastCheckedAt = now;
      record.offSince = before.state === 'off' && before.offSince !== null ? before.offSince : now;
      record.flippedBackAt = null;
      record.autoFailures = 0;
      if (outcome.kind === 'turned-off') record.optedOutAt = now;
      break;
    case 'on':
      flippedBack = before.state === 'off';
      record.state = 'on';
      record.problem = null;
      record.lastCheckedAt = now;
      record.offSince = null;
      record.flippedBackAt = flippedBack ? now : before.flippedBackAt;
      record.autoFailures = 0;
      break;
    default:
      record.problem = outcome.kind;
      if (context.trigger !== 'user') record.autoFailures = before.autoFailures + 1;
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

// ---------------------------------------------------------------------------------------------
// What the popup and badge show

/** One word per account row, the contract that end-to-end tests read from `data-state`. */
export const DisplayState = z.enum([
  'on',
  'off',
  'unknown',
  'checking',
  'signed-out',
  'challenge',
  'not-offered',
  'not-found',
  'error',
]);
export type DisplayState = z.infer<typeof DisplayState>;

/** How an account's pending problem shows; also how a result filed under no account shows on the badge. */
export const problemDisplay = {
  'signed-out': 'signed-out',
  challenge: 'challenge',
  'not-offered': 'not-offered',
  'not-found': 'not-found',
  'save-failed': 'error',
  timeout: 'error',
  unreadable: 'error',
  // Never an account's problem (such results are filed under no account); listed for completeness.
  'account-unconfirmed': 'unknown',
} as const satisfies Record<FailureKind, DisplayState>;

/** Running shows as checking; "on" outranks everything; a pending problem outranks "off" and "unknown". */
export function displayState(record: AccountRecord, checking: boolean): DisplayState {
  if (checking) return 'checking';
  if (record.state === 'on') return 'on';
  return record.problem ? problemDisplay[record.problem] : record.state;
}
