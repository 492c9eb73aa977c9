import type { AccountRecord } from './log-schema';
import type { Preferences } from '../preferences/preferences';

const hourMs = 3_600_000;

/** How far ahead of the clock a stored time may be and still count as now: a clock corrected by minutes is no jump. */
export const clockSlackMs = 60 * 60_000;

/**
 * A stored time as now-or-earlier: slightly ahead counts as now; further ahead (the clock was set ahead and
 * then corrected) counts as never, so no throttle and no calm mark waits for the clock to catch up with it.
 */
export function placedInPast(storedAt: number, now: number): number | null {
  if (storedAt <= now) return storedAt;
  return storedAt - now <= clockSlackMs ? now : null;
}

/** How many re-check intervals may pass without a successful read before "off" is no longer news. */
export const staleAfterIntervals = 2;

/**
 * An "off" that nobody has confirmed for twice the re-check interval: re-checks have silently stopped
 * (LinkedIn not opened, site access withdrawn, the account not recognised), so the calm ✓ would lie.
 */
export function notCheckedRecently(record: Pick<AccountRecord, 'state' | 'lastCheckedAt' | 'firstSeenAt'>, preferences: Preferences, now: number): boolean {
  if (record.state !== 'off') return false;
  const lastRead = placedInPast(record.lastCheckedAt ?? record.firstSeenAt, now);
  return lastRead === null || now - lastRead > staleAfterIntervals * preferences.recheckIntervalHours * hourMs;
}
