import { accountKeyFrom } from '../rules/account-key';
import { capHistory } from './log-history';
import { mergeAccountRecords } from './log-merge';
import {
  type AccountRecord,
  accountRecord,
  emptyLog,
  headlineRuleId,
  logVersion,
  maxRepairNotes,
  maxUnconfirmed,
  newAccountRecord,
  logFields,
  newSettingRecord,
  type Observation,
  type OptOutLog,
  type RepairNote,
  type SettingRecord,
} from './log-schema';
import { type Fields, nullable, unreadable } from '../validation/checks';
import { accountFields, accountKey, isCleanObservation, observationCheck, repairNoteCheck, ruleIdText, settingRecordFields } from './log-checks';
import { isRecord } from '../validation/is-record';

/**
 * Reading a stored log of any version: ordered migrations, each run once, and repair field by field: a bad
 * field falls back to its default and is reported, a bad entry is dropped and reported, and the raw value
 * is kept as a backup (by the store) before anything is written over it.
 */


/** One step from `from` to `from + 1`. Steps run in order, each once. */
export type Migration = { from: number; migrate: (raw: Record<string, unknown>) => Record<string, unknown> };

/** Version 1 stored every check as its own entry; version 2 merges identical consecutive checks. */
export function migrateV1ToV2(raw: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(raw.accounts)) return { ...raw, version: 2 };
  const accounts = Object.fromEntries(
    Object.entries(raw.accounts).map(([key, account]) => {
      if (!isRecord(account) || !Array.isArray(account.history)) return [key, account];
      const history = account.history.map((entry: unknown) =>
        isRecord(entry) ? { ...withoutNegativeDuration(entry), lastAt: entry.at, count: 1 } : entry,
      );
      return [key, { ...account, history }];
    }),
  );
  return { ...raw, version: 2, accounts };
}

/** Each entry of a stored list of observations, changed by `change`; anything that is not an entry stays as it was. */
function mapEntries(list: unknown, change: (entry: Record<string, unknown>) => Record<string, unknown>): unknown {
  return Array.isArray(list) ? list.map((entry: unknown) => (isRecord(entry) ? change(entry) : entry)) : list;
}

/**
 * Version 2 held one setting; version 3 holds several. Every entry written so far was about the headline
 * setting and now says so, and each account gains an empty map for the other settings it may choose.
 */
export function migrateV2ToV3(raw: Record<string, unknown>): Record<string, unknown> {
  const aboutHeadline = (entry: Record<string, unknown>) => ({ ruleId: headlineRuleId, ...entry });
  const accounts = isRecord(raw.accounts)
    ? Object.fromEntries(
        Object.entries(raw.accounts).map(([key, account]) =>
          isRecord(account) ? [key, { ...account, history: mapEntries(account.history, aboutHeadline), settings: account.settings ?? {} }] : [key, account],
        ),
      )
    : raw.accounts;
  const migrated: Record<string, unknown> = { ...raw, version: 3, accounts };
  if (raw.unconfirmed !== undefined) migrated.unconfirmed = mapEntries(raw.unconfirmed, aboutHeadline);
  return migrated;
}

/** Version 1 is the first released schema; each later version appends its step here. */
export const logMigrations: readonly Migration[] = [
  { from: 1, migrate: migrateV1ToV2 },
  { from: 2, migrate: migrateV2ToV3 },
];

/** A clock set back during an operation gave version 1 negative durations: kept as 0, never dropped. */
function withoutNegativeDuration(entry: Record<string, unknown>): Record<string, unknown> {
  return typeof entry.totalMs === 'number' && entry.totalMs < 0 ? { ...entry, totalMs: 0 } : entry;
}

/** An entry from a log of unknown version: a missing count or last time means one check, at its own time, of the headline setting. */
function withSingleCheckDefaults(entry: Record<string, unknown>): Record<string, unknown> {
  return { ...withoutNegativeDuration(entry), lastAt: entry.lastAt ?? entry.at, count: entry.count ?? 1, ruleId: entry.ruleId ?? headlineRuleId };
}

export type LoadedLog = {
  log: OptOutLog;
  /** What was repaired on this load (also appended to `log.repairs`). */
  repairs: RepairNote[];
  /** Whether the stored value differs from `log` in anything but form: keep the raw value as a backup. */
  needsBackup: boolean;
};

/** Parses each field on its own: a bad one takes its default and leaves a note. */
export function repairFields<T extends Record<string, unknown>>(
  fields: Fields<T>,
  raw: Record<string, unknown>,
  defaults: T,
  where: string,
  note: (where: string, problem: string) => void,
): T {
  const repaired: Record<string, unknown> = {};
  for (const [field, check] of Object.entries(fields) as [string, Fields<T>[keyof T]][]) {
    const read = check.read(raw[field]);
    if (read !== unreadable) {
      repaired[field] = read;
    } else {
      repaired[field] = defaults[field];
      if (raw[field] !== undefined || defaults[field] !== undefined) note(`${where}.${field}`, `expected ${check.expects}`.slice(0, 300));
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
  if (accountKey.read(mapKey) === unreadable) {
    note(where, 'account key is not a LinkedIn identifier; entry set aside in the backup');
    return null;
  }
  if (!isRecord(raw)) {
    note(where, 'account entry is not an object; entry set aside in the backup');
    return null;
  }
  const defaults = newAccountRecord({ key: mapKey, name: mapKey }, now);
  const record = repairFields(accountFields, raw, { ...defaults }, where, note);
  record.key = mapKey;
  return {
    ...record,
    history: capHistory(repairObservations(raw.history, `${where}.history`, note)),
    settings: repairSettings(raw.settings, `${where}.settings`, note),
  };
}

/** The other settings of an account, each repaired on its own: one bad setting never costs the others. */
function repairSettings(raw: unknown, where: string, note: (where: string, problem: string) => void): Record<string, SettingRecord> {
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    note(where, 'not an object; set aside in the backup');
    return {};
  }
  return Object.fromEntries(
    Object.entries(raw).flatMap(([ruleId, value]) => {
      const at = `${where}[${JSON.stringify(ruleId).slice(0, 70)}]`;
      if (ruleIdText.read(ruleId) === unreadable || !isRecord(value)) {
        note(at, 'not a setting; set aside in the backup');
        return [];
      }
      const fields = repairFields(settingRecordFields, value, { ...newSettingRecord() }, at, note);
      return [[ruleId, { ...fields, history: capHistory(repairObservations(value.history, `${at}.history`, note)) }]];
    }),
  );
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
    const read = observationCheck.read(isRecord(entry) ? withSingleCheckDefaults(entry) : entry);
    if (read !== unreadable) return [read];
    note(`${where}[${index}]`, 'unreadable observation set aside in the backup');
    return [];
  });
}

/**
 * Records whose keys differ only by case are one member (LinkedIn's public ids ignore case): merged
 * under the lowercase key (`mergeAccountRecords`). Nothing is dropped.
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
      return [key, mergeAccountRecords(records, key)];
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
  if (!isRecord(raw)) {
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
  if (isRecord(accountsRaw)) {
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
  const currentKey = nullable(accountKey).read(current.currentAccountKey ?? null);
  const currentCanonical = currentKey !== unreadable && currentKey !== null ? (accountKeyFrom(currentKey) ?? currentKey) : null;
  log.currentAccountKey = accountRecord(log, currentCanonical) ? currentCanonical : null;
  if (currentKey !== unreadable && currentKey !== null && currentKey !== currentCanonical && log.currentAccountKey !== null) {
    note('log.currentAccountKey', 'written in another case; lowercased');
  } else if ((current.currentAccountKey ?? null) !== log.currentAccountKey) {
    note('log.currentAccountKey', 'not a known account; cleared');
  }
  if (Array.isArray(current.repairs)) {
    log.repairs = current.repairs.flatMap((entry) => {
      const read = repairNoteCheck.read(entry);
      return read === unreadable ? [] : [read];
    });
    if (log.repairs.length < current.repairs.length) note('log.repairs', 'unreadable repair notes set aside in the backup');
  } else if (current.repairs !== undefined) {
    note('log.repairs', 'repair notes are not a list; set aside in the backup');
  }
  const unconfirmed = repairObservations(current.unconfirmed, 'log.unconfirmed', note).slice(-maxUnconfirmed);
  if (unconfirmed.length > 0) log.unconfirmed = unconfirmed;
  for (const field of Object.keys(current).filter((key) => !(logFields as readonly string[]).includes(key))) {
    note(`log.${field.slice(0, 40)}`, 'unknown field set aside in the backup');
  }
  const migrated = raw.version !== current.version;
  return finish(log, repairs, repairs.length > 0 || migrated);
}

function finish(log: OptOutLog, repairs: RepairNote[], needsBackup: boolean): LoadedLog {
  log.repairs = [...log.repairs, ...repairs].slice(-maxRepairNotes);
  return { log, repairs, needsBackup };
}
