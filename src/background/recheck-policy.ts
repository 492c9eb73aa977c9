import type { AccountRecord } from '../shared/log/log-schema';
import type { Preferences } from '../shared/preferences/preferences';
import { placedInPast } from '../shared/log/staleness';

/**
 * When automatic work may happen. Every automatic action is throttled per account, failures included,
 * so that no page LinkedIn shows can make the extension loop (docs/linkedin.md, "Risks").
 */

const minute = 60_000;
const hour = 60 * minute;

/** After a failed automatic check, wait this long, doubling per failure up to the re-check interval. */
export const firstRetryAfterMs = 30 * minute;
/** "Keep it off for me" may act at most this often per account in a day. */
export const maxAutoFixesPerDay = 3;

export function recheckIntervalMs(preferences: Preferences): number {
  return preferences.recheckIntervalHours * hour;
}

/** Whether opening LinkedIn should trigger a read-only check for this account now. */
export function autoCheckDue(record: AccountRecord | undefined, preferences: Preferences, now: number): boolean {
  if (!record) return true;
  const interval = recheckIntervalMs(preferences);
  // Times from the future count as now-or-earlier (placedInPast): a corrected clock never silences re-checks.
  const lastAutoCheckAt = record.lastAutoCheckAt === null ? null : placedInPast(record.lastAutoCheckAt, now);
  if (lastAutoCheckAt !== null) {
    const wait =
      record.autoFailures > 0 ? Math.min(interval, firstRetryAfterMs * 2 ** (record.autoFailures - 1)) : interval;
    if (now - lastAutoCheckAt < wait) return false;
  }
  const lastCheckedAt = record.lastCheckedAt === null ? null : placedInPast(record.lastCheckedAt, now);
  return lastCheckedAt === null || now - lastCheckedAt >= interval;
}

/** Whether "keep it off for me" may turn the setting off again for this account now. */
export function autoFixAllowed(record: AccountRecord, now: number): boolean {
  return record.autoFixTimes.filter((at) => {
    const placed = placedInPast(at, now);
    return placed !== null && now - placed < 24 * hour;
  }).length < maxAutoFixesPerDay;
}
