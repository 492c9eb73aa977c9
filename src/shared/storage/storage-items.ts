import { emptyLog, logVersion } from '../log/log-schema';
import { type LoadedLog, loadLog, repairFields } from '../log/log-migration';
import { type LogSummary, readLogSummary } from '../log/log-summary';
import type { IdentifiedStores, LastResult, Operation, PendingSignIn, WaitingStarts } from './operation-state';
import { defaultPreferences, type Preferences } from '../preferences/preferences';
import { type Check, list, unreadable } from '../validation/checks';
import { accountKey } from '../log/log-checks';
import { identifiedStoresCheck, lastResultCheck, operationCheck, pendingSignInCheck, waitingStartsCheck } from './operation-checks';
import { preferenceFields } from '../preferences/preference-checks';
import { isRecord } from '../validation/is-record';

/**
 * Everything the extension keeps in storage, one typed item each: its area, key, schema version, default
 * and how a stored value is read. Storage is a trust boundary, so every read parses and repairs; the
 * background (`src/background/store.ts`) is the only writer, the popup only reads through the same items.
 */

export type StorageArea = 'local' | 'session';

export type StorageItem<T> = {
  area: StorageArea;
  key: string;
  /** The schema version, for items that migrate (the log); others are repaired field by field. */
  version: number | null;
  /** What a missing value reads as. */
  fallback: () => T;
  /** Reads a stored value into a valid one; never throws. `note` hears every repair. */
  read(raw: unknown, now: number, note: (where: string, problem: string) => void): T;
};

/** Session values are ours alone; anything unreadable there is stale and safely dropped. */
function sessionItem<T>(key: string, check: Check<T>): StorageItem<T | null> {
  return {
    area: 'session',
    key,
    version: null,
    fallback: () => null,
    read(raw) {
      if (raw === undefined || raw === null) return null;
      const read = check.read(raw);
      return read === unreadable ? null : read;
    },
  };
}

/** The log's read keeps the whole load result: the store backs up the raw value when it was repaired or migrated. */
export const logItem: StorageItem<LoadedLog> = {
  area: 'local',
  key: 'optOutLog',
  version: logVersion,
  fallback: () => ({ log: emptyLog(), repairs: [], needsBackup: false }),
  read: (raw, now) => loadLog(raw, now),
};

/** What the popup's first screen shows of the log, written with it; null when it cannot be shown (read the log). */
export const logSummaryItem: StorageItem<LogSummary | null> = {
  area: 'local',
  key: 'optOutLogSummary',
  version: null,
  fallback: () => null,
  read: (raw) => readLogSummary(raw),
};

/** The raw value of a log that was repaired or migrated, kept before anything was written over it. */
export type LogBackup = { at: number; reason: string; raw: unknown };

export const logBackupItem: StorageItem<LogBackup[]> = {
  area: 'local',
  key: 'optOutLogBackup',
  version: null,
  fallback: () => [],
  // Backups hold whatever could not be read: kept as they are, never repaired.
  read: (raw) => (Array.isArray(raw) ? (raw as LogBackup[]) : []),
};

export const preferencesItem: StorageItem<Preferences> = {
  area: 'local',
  key: 'preferences',
  version: null,
  fallback: () => ({ ...defaultPreferences }),
  read: (raw, _now, note) =>
    raw === undefined ? { ...defaultPreferences } : repairFields(preferenceFields, isRecord(raw) ? raw : {}, { ...defaultPreferences }, 'preferences', note),
};

export const operationItem = sessionItem<Operation>('operation', operationCheck);
export const lastResultItem = sessionItem<LastResult>('lastResult', lastResultCheck);
export const pendingSignInItem = sessionItem<PendingSignIn>('pendingSignIn', pendingSignInCheck);
export const identifiedStoresItem = sessionItem<IdentifiedStores>('identifiedStores', identifiedStoresCheck);
/** The accounts an organisation's first-visit opt-out has started for in this browser session. */
export const firstVisitOptOutsItem = sessionItem<string[]>('firstVisitOptOuts', list(accountKey));
export const waitingStartsItem = sessionItem<WaitingStarts>('waitingStarts', waitingStartsCheck);

/** Every item, by name. */
export const storageItems = {
  log: logItem,
  logSummary: logSummaryItem,
  logBackup: logBackupItem,
  preferences: preferencesItem,
  operation: operationItem,
  lastResult: lastResultItem,
  pendingSignIn: pendingSignInItem,
  identifiedStores: identifiedStoresItem,
  firstVisitOptOuts: firstVisitOptOutsItem,
  waitingStarts: waitingStartsItem,
} as const;

/** Storage keys, in one place so popup and background agree. */
export const storageKeys = Object.fromEntries(Object.entries(storageItems).map(([name, item]) => [name, item.key])) as {
  [Name in keyof typeof storageItems]: (typeof storageItems)[Name]['key'];
};

/** The keys of the given items in one area, for one `storage.<area>.get`. */
export function keysIn(area: StorageArea, items: readonly StorageItem<unknown>[]): string[] {
  return items.filter((item) => item.area === area).map((item) => item.key);
}

/** Reads one item out of what `storage.<area>.get` returned. */
export function readItem<T>(item: StorageItem<T>, got: Record<string, unknown>, now: number, note: (where: string, problem: string) => void = () => {}): T {
  return item.read(got[item.key], now, note);
}
