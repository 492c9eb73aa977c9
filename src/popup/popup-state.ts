import type { OptOutLog } from '../shared/log/log-schema';
import { type LogSummary, summarizeLog } from '../shared/log/log-summary';
import type { LastResult, Operation, PendingSignIn } from '../shared/storage/operation-state';
import { type ReadPolicy, readManagedPolicy, withPolicy } from '../shared/preferences/managed-policy';
import type { Preferences } from '../shared/preferences/preferences';
import { keysIn, readItem, storageItems, storageKeys } from '../shared/storage/storage-items';

/** Everything the popup shows that the background keeps in storage. The popup only ever reads it. */
export type StoredPopupState = {
  /** The log as the first screen shows it: the stored summary, or derived from the log whenever the log was read. */
  summary: LogSummary;
  /** The whole log, once read (history opened, a summary that could not be shown): null before. */
  log: OptOutLog | null;
  /** What applies: the member's own preferences with the organisation's policy over them. */
  preferences: Preferences;
  /** The organisation's policy, as read (no policy: nothing set, nothing ignored). */
  policy: ReadPolicy;
  operation: Operation | null;
  lastResult: LastResult | null;
  pendingSignIn: PendingSignIn | null;
};

/** What `storage.local.get`, `storage.session.get` and `storage.managed.get` returned, untouched (managed: undefined without a policy). */
export type RawStorage = { local: Record<string, unknown>; session: Record<string, unknown>; managed?: unknown };

/** The first screen's items: everything but the log itself, which can be megabytes. */
const firstScreenItems = [storageItems.logSummary, storageItems.preferences, storageItems.operation, storageItems.lastResult, storageItems.pendingSignIn];

/** The keys the popup reads first, per storage area; `withLog` adds the log's key to the local ones. */
export const popupStorageKeys = { local: keysIn('local', firstScreenItems), session: keysIn('session', firstScreenItems) } as const;

export function localKeysToRead(withLog: boolean): string[] {
  return withLog ? [...popupStorageKeys.local, storageKeys.log] : [...popupStorageKeys.local];
}

/**
 * Read-only here, through the same items as the background: repairs show their default, the background
 * owns writing them. When the log was read (`logRead`), what the rows show is derived from it, the truth;
 * else from the stored summary. Null when the summary cannot be shown (missing, unreadable, from another
 * log version): then the log has to be read.
 */
export function readStoredState(raw: RawStorage, now: number, logRead: boolean): StoredPopupState | null {
  const log = logRead ? readItem(storageItems.log, raw.local, now).log : null;
  const summary = log ? summarizeLog(log) : readItem(storageItems.logSummary, raw.local, now);
  if (!summary) return null;
  const pendingSignIn = readItem(storageItems.pendingSignIn, raw.session, now);
  const policy = readManagedPolicy(raw.managed);
  return {
    summary,
    log,
    preferences: withPolicy(readItem(storageItems.preferences, raw.local, now), policy),
    policy,
    operation: readItem(storageItems.operation, raw.session, now),
    lastResult: readItem(storageItems.lastResult, raw.session, now),
    pendingSignIn: pendingSignIn && pendingSignIn.expiresAt > now ? pendingSignIn : null,
  };
}
