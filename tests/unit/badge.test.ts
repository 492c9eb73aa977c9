import { describe, expect, it } from 'vitest';
import { computeBadge } from '../../src/background/badge';
import { emptyLog, newAccountRecord, type OptOutLog } from '../../src/shared/log/log-schema';
import { defaultPreferences } from '../../src/shared/preferences/preferences';

const now = Date.UTC(2026, 11, 1, 9, 0, 0);
const hour = 3_600_000;
const t = (key: string, substitutions?: string | string[]) => [key, ...(substitutions === undefined ? [] : [substitutions].flat())].join(':');

function offLog(checkedAgoMs: Record<string, number>): OptOutLog {
  const accounts = Object.fromEntries(
    Object.entries(checkedAgoMs).map(([key, ago]) => [key, { ...newAccountRecord({ key, name: key }, now - 30 * 24 * hour), state: 'off' as const, lastCheckedAt: now - ago, offSince: now - 30 * 24 * hour }]),
  );
  return { ...emptyLog(), accounts };
}

describe('the badge: a calm "all off" goes stale', () => {
  it('shows ✓ while every "off" was confirmed within twice the re-check interval', () => {
    expect(computeBadge(offLog({ jana: 47 * hour, max: hour }), null, defaultPreferences, now, t)).toMatchObject({ level: 'all-off', text: '✓' });
  });

  it('shows "not checked recently", naming the accounts, once an "off" is older than twice the interval', () => {
    const badge = computeBadge(offLog({ jana: 48 * hour + 1, max: hour }), null, defaultPreferences, now, t);
    expect(badge).toMatchObject({ level: 'stale', text: '?', title: 'badgeTitleNotCheckedRecently:jana' });
  });

  it('follows the member\'s interval: weekly checks go stale after two weeks, not two days', () => {
    const weekly = { ...defaultPreferences, recheckIntervalHours: 168 };
    expect(computeBadge(offLog({ jana: 3 * 24 * hour }), null, weekly, now, t).level).toBe('all-off');
    expect(computeBadge(offLog({ jana: 14 * 24 * hour + 1 }), null, weekly, now, t).level).toBe('stale');
  });

  it('lets a warning and a running check outrank staleness', () => {
    const log = offLog({ jana: 10 * 24 * hour });
    log.accounts.max = { ...newAccountRecord({ key: 'max', name: 'max' }, now), state: 'on', lastCheckedAt: now };
    expect(computeBadge(log, null, defaultPreferences, now, t).level).toBe('warning');
    expect(computeBadge(offLog({ jana: 10 * 24 * hour }), { id: 'op-x1234' } as never, defaultPreferences, now, t).level).toBe('checking');
  });
});
