import type { OptOutLog } from '../shared/log';
import type { LastResult, Operation, PendingSignIn } from '../shared/operation';
import type { Preferences } from '../shared/preferences';
import { keysIn, readItem, storageItems } from '../shared/storage';

/** Everything the popup shows that the background keeps in storage. The popup only ever reads it. */
export type StoredPopupState = {
  log: OptOutLog;
  preferences: Preferences;
  operation: Operation | null;
  lastResult: LastResult | null;
  pendingSignIn: PendingSignIn | null;
};

/** What `storage.local.get` and `storage.session.get` returned, untouched. */
export type RawStorage = { local: Record<string, unknown>; session: Record<string, unknown> };

const popupItems = [storageItems.log, storageItems.preferences, storageItems.operation, storageItems.lastResult, storageItems.pendingSignIn];

/** The keys the popup reads, per storage area. */
export const popupStorageKeys = { local: keysIn('local', popupItems), session: keysIn('session', popupItems) } as const;

/** Read-only here, through the same items as the background: repairs show their default, the background owns writing them. */
export function readStoredState(raw: RawStorage, now: number): StoredPopupState {
  const pendingSignIn = readItem(storageItems.pendingSignIn, raw.session, now);
  return {
    log: readItem(storageItems.log, raw.local, now).log,
    preferences: readItem(storageItems.preferences, raw.local, now),
    operation: readItem(storageItems.operation, raw.session, now),
    lastResult: readItem(storageItems.lastResult, raw.session, now),
    pendingSignIn: pendingSignIn && pendingSignIn.expiresAt > now ? pendingSignIn : null,
  };
}
