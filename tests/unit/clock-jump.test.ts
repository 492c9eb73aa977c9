import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../src/background/background';
import { advance, isOverdue, newOperation, operationTimeoutMs, pageLoadWaitMs } from '../../src/background/operation-lifecycle';
import { autoCheckDue, autoFixAllowed, maxAutoFixesPerDay } from '../../src/background/recheck-policy';
import { newAccountRecord, type OptOutLog } from '../../src/shared/log/log-schema';
import { computeBadge } from '../../src/background/badge';
import { defaultPreferences } from '../../src/shared/preferences/preferences';
import { clockSlackMs, notCheckedRecently } from '../../src/shared/log/staleness';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { FakeBrowser, linkedInSender, popupSender } from './fake-browser';

/** A clock set ahead and then corrected: stored times from the future count as now (within the slack) or never, never as later. */

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
const hour = 3_600_000;
const day = 24 * hour;
const year = 365 * day;
const realNow = Date.UTC(2026, 11, 4, 9, 0, 0);
const interval = defaultPreferences.recheckIntervalHours * hour;

describe('the re-check policy and staleness with times from the future: now-or-earlier', () => {
  const checkedAYearAhead = { ...newAccountRecord(jana, realNow), state: 'off' as const, lastCheckedAt: realNow + year, lastAutoCheckAt: realNow + year };

  it('a re-check is due at once after the clock went back a year, not when it catches up', () => {
    expect(autoCheckDue(checkedAYearAhead, defaultPreferences, realNow)).toBe(true);
  });

  it('an "off" read a year ahead is not recent: the calm mark does not wait for the clock', () => {
    expect(notCheckedRecently(checkedAYearAhead, defaultPreferences, realNow)).toBe(true);
  });

  it('a time less than the slack ahead (a clock corrected by minutes) counts as now, not as never', () => {
    const checkedJustAhead = { ...checkedAYearAhead, lastCheckedAt: realNow + clockSlackMs, lastAutoCheckAt: realNow + clockSlackMs };
    expect(autoCheckDue(checkedJustAhead, defaultPreferences, realNow)).toBe(false);
    expect(notCheckedRecently(checkedJustAhead, defaultPreferences, realNow)).toBe(false);
    expect(autoCheckDue(checkedJustAhead, defaultPreferences, realNow + interval + clockSlackMs)).toBe(true);
  });

  it('automatic fixes stamped a year ahead do not count against today, and three real ones still do', () => {
    const future = Array.from({ length: maxAutoFixesPerDay }, (_, index) => realNow + year + index);
    expect(autoFixAllowed({ ...checkedAYearAhead, autoFixTimes: future }, realNow)).toBe(true);
    const today = Array.from({ length: maxAutoFixesPerDay }, (_, index) => realNow - hour + index);
    expect(autoFixAllowed({ ...checkedAYearAhead, autoFixTimes: [...future, ...today] }, realNow)).toBe(false);
  });

  it('times in the past are untouched: the throttles still count from when they happened', () => {
    const checkedAnHourAgo = { ...checkedAYearAhead, lastCheckedAt: realNow - hour, lastAutoCheckAt: realNow - hour };
    expect(autoCheckDue(checkedAnHourAgo, defaultPreferences, realNow + interval - hour - 1)).toBe(false);
    expect(autoCheckDue(checkedAnHourAgo, defaultPreferences, realNow + interval - hour)).toBe(true);
  });
});

describe('an operation whose clock jumps', () => {
  const operation = () =>
    advance(
      newOperation({ id: 'op-test-1', kind: 'check', trigger: 'recheck', walk: false, expectedAccount: null, cookieStore: null, plan: ['allowDataForGenerativeAI'] }, realNow + year),
      { type: 'tab-opened', tabId: 7 },
      realNow + year,
    ).operation;

  it('a clock set back past its start ends it at the next wake-up instead of keeping it "checking" for a year', () => {
    expect(isOverdue(operation(), realNow + year + 1000)).toBe(false);
    expect(isOverdue(operation(), realNow)).toBe(true);
    const step = advance(operation(), { type: 'deadline' }, realNow);
    expect(step.effects).toContainEqual(expect.objectContaining({ do: 'finish', outcome: expect.objectContaining({ kind: 'timeout' }) }));
  });

  it('a wake-up before the deadline arms it again rather than dropping the watchdog', () => {
    const step = advance(operation(), { type: 'deadline' }, realNow + year + pageLoadWaitMs - 1);
    expect(step.effects).toEqual([{ do: 'arm-deadline' }]);
    expect(isOverdue(operation(), realNow + year + operationTimeoutMs)).toBe(true);
  });
});

describe('the background, with the clock moved ahead and back', () => {
  let now = realNow;
  let ids = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = realNow;
  });
  afterEach(() => vi.useRealTimers());

  it('a check made a year ahead neither silences the next re-check nor keeps a calm badge once the clock is corrected', async () => {
    const fake = new FakeBrowser();
    const background = createBackground(fake, { now: () => now, newId: () => `op-test-${++ids}` });
    await background.start();

    // The clock is a year ahead: the member turns it off; it is verified and logged at that time.
    now = realNow + year;
    await background.route({ type: 'opt-out' }, popupSender);
    const [helper] = fake.createdTabs;
    const read = async (clicked: boolean) => {
      const instruction = await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(helper!.id, '/mypreferences/d/settings/data-for-ai-improvement'));
      const opId = (instruction as { value: { opId: string } }).value.opId;
      const report = { kind: 'state', state: 'off', clicked, hook: 'label-key', ariaInSync: true, account: jana, lang: 'en', way: 'direct', toggleFoundMs: 500, elapsedMs: 600 };
      await background.route({ type: 'engine-report', opId, report }, linkedInSender(helper!.id));
    };
    await read(true);
    await read(false);
    const logged = (await fake.storage.local.get(storageKeys.log))[storageKeys.log] as { accounts: Record<string, { lastCheckedAt: number }> };
    expect(logged.accounts[jana.key]?.lastCheckedAt).toBe(realNow + year);
    expect(fake.badge.text).toBe('✓');

    // Corrected: LinkedIn opened again re-checks at once (a check a year ahead cannot be placed) ...
    now = realNow;
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(50, '/feed/'));
    expect(fake.createdTabs).toHaveLength(2);
    expect(fake.createdTabs[1]).toMatchObject({ active: false });
    // ... and that attempt throttles the next at the corrected time: no loop.
    await background.onTabRemoved(fake.createdTabs[1]!.id);
    now = realNow + 60_000;
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(50, '/feed/'));
    expect(fake.createdTabs).toHaveLength(2);

    // And with no read since, the calm mark goes stale two intervals after the correction, not a year later.
    const corrected = logged as unknown as OptOutLog;
    const t = (key: string) => key;
    expect(computeBadge(corrected, null, defaultPreferences, realNow + year, t).text).toBe('✓');
    expect(computeBadge(corrected, null, defaultPreferences, realNow, t)).toMatchObject({ level: 'stale', text: '?' });
  });
});
