import { loadLog, type OptOutLog, repairFields } from '../shared/log';
import { LastResult, Operation, PendingSignIn, storageKeys } from '../shared/operation';
import { defaultPreferences, Preferences } from '../shared/preferences';
import type { BackgroundApi } from './extension-api';

/**
 * The background's storage: the only writer of the log. Reads are repaired, never trusted; a repair keeps
 * the raw value as a backup before anything is written over it. The in-memory copy is a cache of what
 * storage holds (the service worker may stop at any time), refreshed whenever the worker starts.
 */

const maxBackups = 5;

export type LogBackup = { at: number; reason: string; raw: unknown };

export type Store = ReturnType<typeof createStore>;

export function createStore(api: BackgroundApi, now: () => number) {
  // Both are read on every LinkedIn page load. Any change to either, ours included, makes the next read
  // go to storage: it stays the truth.
  let cachedLog: OptOutLog | null = null;
  let cachedPreferences: Preferences | null = null;
  api.storage.onChanged.addListener((changes, areaName) => {
    if (areaName !== 'local') return;
    if (storageKeys.log in changes) cachedLog = null;
    if (storageKeys.preferences in changes) cachedPreferences = null;
  });

  async function keepBackup(raw: unknown, reason: string): Promise<void> {
    const stored = (await api.storage.local.get(storageKeys.logBackup))[storageKeys.logBackup];
    const backups = Array.isArray(stored) ? (stored as LogBackup[]) : [];
    await api.storage.local.set({ [storageKeys.logBackup]: [...backups, { at: now(), reason, raw }].slice(-maxBackups) });
  }

  async function readLog(): Promise<OptOutLog> {
    if (cachedLog) return cachedLog;
    const raw = (await api.storage.local.get(storageKeys.log))[storageKeys.log];
    const loaded = loadLog(raw, now());
    if (loaded.needsBackup) {
      await keepBackup(raw, loaded.repairs.map((repair) => `${repair.where}: ${repair.problem}`).join('; ').slice(0, 1000));
      await api.storage.local.set({ [storageKeys.log]: loaded.log });
      for (const repair of loaded.repairs) console.warn('[log repaired]', repair.where, repair.problem);
    }
    cachedLog = loaded.log;
    return loaded.log;
  }

  async function writeLog(log: OptOutLog): Promise<void> {
    await api.storage.local.set({ [storageKeys.log]: log });
    cachedLog = log;
  }

  async function readPreferences(): Promise<Preferences> {
    if (cachedPreferences) return cachedPreferences;
    const raw = (await api.storage.local.get(storageKeys.preferences))[storageKeys.preferences];
    const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    cachedPreferences =
      raw === undefined
        ? defaultPreferences
        : repairFields(Preferences, source, defaultPreferences, 'preferences', (where, problem) =>
            console.warn('[preferences repaired]', where, problem),
          );
    return cachedPreferences;
  }

  async function writePreferences(preferences: Preferences): Promise<void> {
    await api.storage.local.set({ [storageKeys.preferences]: Preferences.parse(preferences) });
  }

  /** Session values are ours alone; anything unreadable there is stale and safely dropped. */
  async function readSession<T>(key: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): Promise<T | null> {
    const raw = (await api.storage.session.get(key))[key];
    if (raw === undefined || raw === null) return null;
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  async function writeSession(key: string, value: unknown): Promise<void> {
    if (value === null) await api.storage.session.remove(key);
    else await api.storage.session.set({ [key]: value });
  }

  return {
    readLog,
    writeLog,
    readPreferences,
    writePreferences,
    readOperation: () => readSession(storageKeys.operation, Operation),
    writeOperation: (operation: Operation | null) => writeSession(storageKeys.operation, operation),
    readLastResult: () => readSession(storageKeys.lastResult, LastResult),
    writeLastResult: (result: LastResult) => writeSession(storageKeys.lastResult, result),
    readPendingSignIn: () => readSession(storageKeys.pendingSignIn, PendingSignIn),
    writePendingSignIn: (pending: PendingSignIn | null) => writeSession(storageKeys.pendingSignIn, pending),
  };
}
