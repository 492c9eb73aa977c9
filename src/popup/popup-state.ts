import { loadLog, type OptOutLog, repairFields } from '../shared/log';
import { LastResult, Operation, PendingSignIn, storageKeys } from '../shared/operation';
import { defaultPreferences, Preferences } from '../shared/preferences';

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

/** The keys the popup reads, per storage area. */
export const popupStorageKeys = {
  local: [storageKeys.log, storageKeys.preferences],
  session: [storageKeys.operation, storageKeys.lastResult, storageKeys.pendingSignIn],
} as const;

function parsedOrNull<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, raw: unknown): T | null {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function readPreferences(raw: unknown): Preferences {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ...defaultPreferences };
  // Read-only here: a bad field shows its default; the background owns repairing storage.
  return repairFields(Preferences, raw as Record<string, unknown>, { ...defaultPreferences }, 'preferences', () => {});
}

/** Storage is a trust boundary: parse everything, show defaults for what does not parse. */
export function readStoredState(raw: RawStorage, now: number): StoredPopupState {
  const pendingSignIn = parsedOrNull(PendingSignIn, raw.session[storageKeys.pendingSignIn]);
  return {
    log: loadLog(raw.local[storageKeys.log], now).log,
    preferences: readPreferences(raw.local[storageKeys.preferences]),
    operation: parsedOrNull(Operation, raw.session[storageKeys.operation]),
    lastResult: parsedOrNull(LastResult, raw.session[storageKeys.lastResult]),
    pendingSignIn: pendingSignIn && pendingSignIn.expiresAt > now ? pendingSignIn : null,
  };
}
