import type { AccountRecord } from './log';
import type { Preferences } from './preferences';

const hourMs = 3_600_000;

/** How many re-check intervals may pass without a successful read before "off" is no longer news. */
export const staleAfterIntervals = 2;

/**
 * An "off" that nobody has confirmed for twice the re-check interval: re-checks have silently stopped
 * (LinkedIn not opened, site access withdrawn, the account not recognised), so the calm ✓ would lie.
 */
export function notCheckedRecently(record: Pick<AccountRecord, 'state' | 'lastCheckedAt' | 'firstSeenAt'>, preferences: Preferences, now: number): boolean {
  if (record.state !== 'off') return false;
  const lastRead = record.lastCheckedAt ?? record.firstSeenAt;
  return now - lastRead > staleAfterIntervals * preferences.recheckIntervalHours * hourMs;
}
