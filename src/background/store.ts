import type { OptOutLog } from '../shared/log/log-schema';
import { sameSummary, summarizeLog } from '../shared/log/log-summary';
import type { IdentifiedStores, LastResult, Operation, PendingSignIn, WaitingStarts } from '../shared/storage/operation-state';
import { type ReadPolicy, readManagedPolicy, withPolicy } from '../shared/preferences/managed-policy';
import { Preferences } from '../shared/preferences/preferences';
import { type LogBackup, logBackupItem, logItem, logSummaryItem, readItem, type StorageItem, storageItems, storageKeys } from '../shared/storage/storage-items';
import type { BackgroundApi } from './extension-api';

/**
 * The background's storage and the one owner of its writes. Every write to the log, its backups and the
 * preferences is a read-modify-write inside one queue, so no two writers can interleave and lose each
 * other's change (a forgotten account coming back, a preference change undone). Reads are repaired,
 * never trusted; a repair keeps the raw value as a backup before anything is written over it. The
 * in-memory copies are caches of what storage holds (the service worker may stop at any time).
 */

const maxBackups = 5;
/** How long a read of the managed storage (an organisation's policy) may take before it counts as none for now. */
const managedReadTimeoutMs = 300;

export type { LogBackup };

export type Store = ReturnType<typeof createStore>;

/** A change to the log: the new log (the same object when nothing changed) and anything the caller needs back. */
export type LogChange<T> = { log: OptOutLog } & T;

export function createStore(api: BackgroundApi, now: () => number) {
  // Both are read on every LinkedIn page load. Any change to either, ours included, makes the next read
  // go to storage: it stays the truth.
  let cachedLog: OptOutLog | null = null;
  let cachedPreferences: Preferences | null = null;
  let cachedPolicy: ReadPolicy | null = null;
  let writes: Promise<unknown> = Promise.resolve();
  api.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'managed') cachedPolicy = null;
    if (areaName !== 'local') return;
    if (storageKeys.log in changes) cachedLog = null;
    if (storageKeys.preferences in changes) cachedPreferences = null;
  });

  /** The one queue: each task reads what the previous one wrote; a failed task does not stop the next. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = writes.then(task, task);
    writes = run.catch(() => undefined);
    return run;
  }

  async function keepBackupLocked(raw: unknown, reason: string): Promise<void> {
    const backups = readItem(logBackupItem, await api.storage.local.get(logBackupItem.key), now());
    await api.storage.local.set({ [logBackupItem.key]: [...backups, { at: now(), reason, raw }].slice(-maxBackups) });
  }

  /** The log and its summary in one write: storage takes both or neither, so they never disagree. */
  async function writeLogLocked(log: OptOutLog): Promise<void> {
    await api.storage.local.set({ [logItem.key]: log, [logSummaryItem.key]: summarizeLog(log) });
  }

  async function readLogLocked(): Promise<OptOutLog> {
    if (cachedLog) return cachedLog;
    const raw = (await api.storage.local.get(logItem.key))[logItem.key];
    const loaded = logItem.read(raw, now(), () => {});
    if (loaded.needsBackup) {
      await keepBackupLocked(raw, loaded.repairs.map((repair) => `${repair.where}: ${repair.problem}`).join('; ').slice(0, 1000));
      await writeLogLocked(loaded.log);
      for (const repair of loaded.repairs) console.warn('[log repaired]', repair.where, repair.problem);
    }
    cachedLog = loaded.log;
    return loaded.log;
  }

  async function readPreferencesLocked(): Promise<Preferences> {
    if (cachedPreferences) return cachedPreferences;
    const preferences = readItem(storageItems.preferences, await api.storage.local.get(storageKeys.preferences), now(), (where, problem) =>
      console.warn('[preferences repaired]', where, problem),
    );
    cachedPreferences = preferences;
    return preferences;
  }

  const policyNotAnswered = Symbol('managed storage did not answer');

  /** The organisation's policy; a browser without one (Firefox throws, Chrome answers {}) means none. */
  async function readPolicy(): Promise<ReadPolicy> {
    if (cachedPolicy) return cachedPolicy;
    let raw: unknown;
    try {
      // Chromium can leave this read unanswered while its policy service starts (seen after a browser restart):
      // without an answer in time there is no policy yet, and nothing is cached, so the next read asks again.
      raw = await Promise.race([api.storage.managed?.get(), new Promise((resolve) => setTimeout(resolve, managedReadTimeoutMs, policyNotAnswered))]);
    } catch {
      raw = undefined;
    }
    if (raw === policyNotAnswered) return readManagedPolicy(undefined);
    const policy = readManagedPolicy(raw);
    for (const line of policy.ignored) console.warn('[policy value ignored]', line);
    cachedPolicy = policy;
    return policy;
  }

  /**
   * Reads the log, applies `change` and writes the result, all inside the queue. When the write fails
   * (storage full) it rejects and storage keeps the previous log, untouched.
   */
  function updateLog<T>(change: (log: OptOutLog) => LogChange<T>): Promise<LogChange<T>> {
    return exclusive(async () => {
      const before = await readLogLocked();
      const changed = change(before);
      if (changed.log !== before) {
        cachedLog = null;
        await writeLogLocked(changed.log);
        cachedLog = changed.log;
      }
      return changed;
    });
  }

  /**
   * On start: a log written before summaries existed (or by another release) gets its summary, written
   * with the log again; a summary that agrees with the log is left alone.
   */
  function ensureLogSummary(): Promise<void> {
    return exclusive(async () => {
      const log = await readLogLocked();
      const stored = readItem(logSummaryItem, await api.storage.local.get(logSummaryItem.key), now());
      if (stored && sameSummary(stored, summarizeLog(log))) return;
      cachedLog = null;
      await writeLogLocked(log);
      cachedLog = log;
    });
  }

  /** Changes the member's own preferences; answers what applies, the organisation's values over them. */
  function updatePreferences(change: (preferences: Preferences) => Preferences): Promise<Preferences> {
    return exclusive(async () => {
      const updated = Preferences.parse(change(await readPreferencesLocked()));
      cachedPreferences = null;
      await api.storage.local.set({ [storageKeys.preferences]: updated });
      cachedPreferences = updated;
      return withPolicy(updated, await readPolicy());
    });
  }

  async function readOwnPreferences(): Promise<Preferences> {
    return cachedPreferences ?? exclusive(readPreferencesLocked);
  }

  async function readSession<T>(item: StorageItem<T | null>): Promise<T | null> {
    return readItem(item, await api.storage.session.get(item.key), now());
  }

  async function writeSession<T>(item: StorageItem<T | null>, value: T | null): Promise<void> {
    if (value === null) await api.storage.session.remove(item.key);
    else await api.storage.session.set({ [item.key]: value });
  }

  return {
    /** A cached log is returned at once; a first read (which may repair and back up) waits its turn. */
    readLog: (): Promise<OptOutLog> => (cachedLog ? Promise.resolve(cachedLog) : exclusive(readLogLocked)),
    updateLog,
    ensureLogSummary,
    /** What applies: the member's own preferences with the organisation's policy over them. */
    readPreferences: async (): Promise<Preferences> => withPolicy(await readOwnPreferences(), await readPolicy()),
    readPolicy,
    updatePreferences,
    readOperation: () => readSession(storageItems.operation),
    writeOperation: (operation: Operation | null) => writeSession(storageItems.operation, operation),
    readLastResult: () => readSession(storageItems.lastResult),
    writeLastResult: (result: LastResult) => writeSession(storageItems.lastResult, result),
    readPendingSignIn: () => readSession(storageItems.pendingSignIn),
    writePendingSignIn: (pending: PendingSignIn | null) => writeSession(storageItems.pendingSignIn, pending),
    readIdentifiedStores: async (): Promise<IdentifiedStores> => (await readSession(storageItems.identifiedStores)) ?? {},
    writeIdentifiedStores: (stores: IdentifiedStores) => writeSession(storageItems.identifiedStores, stores),
    readFirstVisitOptOuts: async (): Promise<string[]> => (await readSession(storageItems.firstVisitOptOuts)) ?? [],
    writeFirstVisitOptOuts: (accountKeys: string[]) => writeSession(storageItems.firstVisitOptOuts, accountKeys),
    readWaitingStarts: async (): Promise<WaitingStarts> => (await readSession(storageItems.waitingStarts)) ?? [],
    writeWaitingStarts: (line: WaitingStarts) => writeSession(storageItems.waitingStarts, line.length > 0 ? line : null),
  };
}
