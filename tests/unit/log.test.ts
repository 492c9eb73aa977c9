import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/background/store';
import { displayState } from '../../src/shared/log/log-display';
import { emptyLog, headlineRuleId, logVersion, maxUnconfirmed, newAccountRecord, Observation, OptOutLog } from '../../src/shared/log/log-schema';
import { isCleanObservation } from '../../src/shared/log/log-checks';
import { loadLog, type Migration } from '../../src/shared/log/log-migration';
import { recordOutcome } from '../../src/shared/log/log-recording';
import { maxHistoryPerAccount } from '../../src/shared/log/log-history';
import { storageKeys } from '../../src/shared/storage/storage-items';
import type { OptOutOutcome } from '../../src/shared/log/outcome';
import { FakeBrowser } from './fake-browser';
import { pick, seededRandom } from './seeded-random';

const now = Date.UTC(2026, 10, 29, 9);
const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };

function observation(at: number, outcome: Observation['outcome'] = 'off'): Observation {
  return { ruleId: headlineRuleId, at, lastAt: at, count: 1, outcome, trigger: 'recheck', lang: 'de', way: 'direct', extensionVersion: '1.0.0', totalMs: 1200, diagnostic: null };
}

function outcome(kind: 'off' | 'turned-off' | 'on'): OptOutOutcome {
  return { kind, account: jana, lang: 'de', way: 'direct', timings: { startedAt: now, totalMs: 10, toggleFoundMs: 5 } };
}

function validLog(): OptOutLog {
  const record = { ...newAccountRecord(jana, now - 1000), state: 'off' as const, history: [observation(now - 500)] };
  return { ...emptyLog(), accounts: { [jana.key]: record }, currentAccountKey: jana.key };
}

describe('loading the log', () => {
  it('reads a valid log unchanged, with nothing to repair', () => {
    const stored = validLog();
    const loaded = loadLog(structuredClone(stored), now);
    expect(loaded).toEqual({ log: stored, repairs: [], needsBackup: false });
    expect(OptOutLog.safeParse(loaded.log).success).toBe(true);
  });

  it('starts empty when nothing is stored', () => {
    expect(loadLog(undefined, now)).toEqual({ log: emptyLog(), repairs: [], needsBackup: false });
  });

  it('repairs a bad field to its default and keeps everything else', () => {
    const stored = validLog() as unknown as { accounts: Record<string, Record<string, unknown>> };
    stored.accounts[jana.key]!.state = 'maybe';
    stored.accounts[jana.key]!.lastSeenAt = 'yesterday';
    const loaded = loadLog(stored, now);
    const record = loaded.log.accounts[jana.key]!;
    expect(record.state).toBe('unknown');
    expect(record.history).toHaveLength(1);
    expect(record.name).toBe(jana.name);
    expect(loaded.repairs.map((repair) => repair.where)).toEqual([
      `accounts["${jana.key}"].lastSeenAt`,
      `accounts["${jana.key}"].state`,
    ]);
    expect(loaded.needsBackup).toBe(true);
    expect(loaded.log.repairs).toHaveLength(2);
  });

  it('drops only the unreadable history entries', () => {
    const stored = validLog() as unknown as { accounts: Record<string, { history: unknown[] }> };
    stored.accounts[jana.key]!.history.push({ at: 'never' }, 42, observation(now - 100, 'turned-off'));
    const loaded = loadLog(stored, now);
    expect(loaded.log.accounts[jana.key]!.history.map((entry) => entry.outcome)).toEqual(['off', 'turned-off']);
    expect(loaded.repairs).toHaveLength(2);
  });

  it('sets aside accounts whose key or entry is unreadable, and keeps the others', () => {
    const stored = validLog() as unknown as { accounts: Record<string, unknown> };
    stored.accounts['<script>'] = newAccountRecord({ key: 'x', name: 'x' }, now);
    stored.accounts['max-muster'] = 'garbage';
    const loaded = loadLog(stored, now);
    expect(Object.keys(loaded.log.accounts)).toEqual([jana.key]);
    expect(loaded.repairs).toHaveLength(2);
  });

  it.each([['a string'], [42], [[1, 2, 3]], [true]])('survives a log that is not an object (%j)', (garbage) => {
    const loaded = loadLog(garbage, now);
    expect(loaded.log).toEqual({ ...emptyLog(), repairs: loaded.repairs });
    expect(loaded.needsBackup).toBe(true);
  });

  it('notes what it cannot place, so the backup keeps it: unknown fields, a stale current account', () => {
    const loaded = loadLog({ ...validLog(), currentAccountKey: 'nobody-known', extra: { a: 1 } }, now);
    expect(loaded.log.currentAccountKey).toBeNull();
    expect(loaded.repairs.map((repair) => repair.where)).toEqual(['log.currentAccountKey', 'log.extra']);
    expect(loaded.needsBackup).toBe(true);
  });

  it('runs migrations in order, each once, from an older version', () => {
    const calls: number[] = [];
    const migrations: Migration[] = [
      { from: logVersion - 1, migrate: (raw) => (calls.push(logVersion - 1), { ...raw, version: logVersion }) },
      { from: logVersion - 2, migrate: (raw) => (calls.push(logVersion - 2), { ...raw, version: logVersion - 1 }) },
    ];
    const old = { ...validLog(), version: logVersion - 2 };
    const loaded = loadLog(old, now, [...migrations].sort((a, b) => a.from - b.from));
    expect(calls).toEqual([logVersion - 2, logVersion - 1]);
    expect(loaded.log.accounts[jana.key]?.history).toHaveLength(1);
    expect(loaded.needsBackup).toBe(true);
  });

  it('reads what it understands of a log written by a newer version, and flags it for backup', () => {
    const loaded = loadLog({ ...validLog(), version: logVersion + 1, futureField: true }, now);
    expect(loaded.log.accounts[jana.key]?.history).toHaveLength(1);
    expect(loaded.repairs[0]?.problem).toMatch(/newer version/);
    expect(loaded.needsBackup).toBe(true);
  });
});

describe('the store keeps a backup before writing over a repaired log', () => {
  it('backs up the raw value and writes the repaired one', async () => {
    const fake = new FakeBrowser();
    const broken = { ...validLog(), accounts: { ...validLog().accounts, 'max-muster': 'garbage' } };
    await fake.storage.local.set({ [storageKeys.log]: broken });
    const store = createStore(fake, () => now);
    const log = await store.readLog();
    expect(Object.keys(log.accounts)).toEqual([jana.key]);
    const backups = fake.storage.local.data.get(storageKeys.logBackup) as { raw: unknown }[];
    expect(backups).toHaveLength(1);
    expect(backups[0]!.raw).toEqual(broken);
    expect((fake.storage.local.data.get(storageKeys.log) as OptOutLog).accounts[jana.key]).toBeDefined();
  });

  it('repairs preferences field by field', async () => {
    const fake = new FakeBrowser();
    await fake.storage.local.set({ [storageKeys.preferences]: { recheckIntervalHours: 'often', keepItOff: true } });
    expect(await createStore(fake, () => now).readPreferences()).toEqual({ recheckIntervalHours: 24, notifyOnFlipBack: false, keepItOff: true, chosenSettings: [] });
  });
});

describe('the fast path for history entries', () => {
  /** A seeded generator: the same 20,000 entries every run, so a disagreement reproduces. */
  function* entries(count: number): Generator<unknown> {
    const random = seededRandom(20261129);
    const odd = [undefined, null, -1, -0, 0.5, 2 ** 53, Number.NaN, Infinity, '', 'x'.repeat(600), 'on', 'walk', {}, [], true, '1.0.0'];
    for (let index = 0; index < count; index += 1) {
      const entry: Record<string, unknown> = { ...observation(Math.floor(random() * 2e12)) };
      if (random() < 0.3) entry.outcome = pick(random, ['turned-off', 'on', 'timeout', 'save-failed']);
      if (random() < 0.3) entry.diagnostic = pick(random, [null, 'slow', 'x'.repeat(500), 'x'.repeat(501)]);
      if (random() < 0.5) entry[pick(random, Object.keys(entry))] = pick(random, odd);
      if (random() < 0.1) entry.extra = 1;
      if (random() < 0.1) delete entry[pick(random, Object.keys(entry))];
      yield random() < 0.02 ? pick(random, odd) : entry;
    }
  }

  it('accepts only what the schema returns unchanged, and takes most clean entries', () => {
    let fast = 0;
    for (const entry of entries(20_000)) {
      if (!isCleanObservation(entry)) continue;
      fast += 1;
      const parsed = Observation.safeParse(entry);
      expect(parsed.success, JSON.stringify(entry)).toBe(true);
      expect(parsed.data).toEqual(entry);
    }
    expect(fast).toBeGreaterThan(5_000);
  });
});

describe('recording outcomes', () => {
  it('tracks since when it has been off across repeated checks', () => {
    let log = emptyLog();
    log = recordOutcome(log, outcome('turned-off'), { trigger: 'user', now, extensionVersion: '1' }).log;
    log = recordOutcome(log, outcome('off'), { trigger: 'recheck', now: now + 1000, extensionVersion: '1' }).log;
    expect(log.accounts[jana.key]).toMatchObject({ state: 'off', offSince: now, optedOutAt: now, lastCheckedAt: now + 1000 });
  });

  it('flags a flip back on only when it had been off', () => {
    const first = recordOutcome(emptyLog(), outcome('on'), { trigger: 'recheck', now, extensionVersion: '1' });
    expect(first.flippedBack).toBe(false);
    const off = recordOutcome(first.log, outcome('turned-off'), { trigger: 'user', now, extensionVersion: '1' });
    const flipped = recordOutcome(off.log, outcome('on'), { trigger: 'recheck', now: now + 1, extensionVersion: '1' });
    expect(flipped.flippedBack).toBe(true);
    expect(flipped.log.accounts[jana.key]).toMatchObject({ state: 'on', flippedBackAt: now + 1, offSince: null });
    expect(displayState(flipped.log.accounts[jana.key]!, false)).toBe('on');
  });

  it('keeps a failed re-check from hiding that it is off, and shows the problem', () => {
    const off = recordOutcome(emptyLog(), outcome('off'), { trigger: 'user', now, extensionVersion: '1' });
    const failed: OptOutOutcome = { ...outcome('off'), kind: 'timeout', nextSteps: ['retry'], diagnostic: 'slow' };
    const after = recordOutcome(off.log, failed, { trigger: 'recheck', now: now + 1, extensionVersion: '1' });
    expect(after.log.accounts[jana.key]).toMatchObject({ state: 'off', problem: 'timeout', autoFailures: 1, offSince: now });
    expect(displayState(after.log.accounts[jana.key]!, false)).toBe('error');
    expect(displayState(after.log.accounts[jana.key]!, true)).toBe('checking');
  });

  it('merges identical consecutive checks into one entry with a count and first and last time', () => {
    let log = emptyLog();
    for (let index = 0; index < maxHistoryPerAccount + 5; index += 1) {
      log = recordOutcome(log, outcome('off'), { trigger: 'recheck', now: now + index, extensionVersion: '1' }).log;
    }
    const history = log.accounts[jana.key]!.history;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ at: now, lastAt: now + maxHistoryPerAccount + 4, count: maxHistoryPerAccount + 5, outcome: 'off' });
  });

  it('a click not verified is the clicked member\'s problem and entry, kept by a reload of the log, never "off"', () => {
    const off = recordOutcome(emptyLog(), outcome('off'), { trigger: 'user', now, extensionVersion: '1' });
    const unverified: OptOutOutcome = { ...outcome('off'), kind: 'clicked-unverified', nextSteps: ['retry', 'open-setting'], diagnostic: 'clicked off, not verified: the LinkedIn tab was closed' };
    const after = recordOutcome(off.log, unverified, { trigger: 'user', now: now + 1, extensionVersion: '1' });
    expect(after.log.accounts[jana.key]).toMatchObject({ state: 'off', problem: 'clicked-unverified', optedOutAt: null, offSince: now });
    expect(displayState(after.log.accounts[jana.key]!, false)).toBe('error');
    // The new outcome kind is one more value of the version-3 schema: a stored log holding it reads back unchanged.
    expect(loadLog(structuredClone(after.log), now + 2)).toEqual({ log: after.log, repairs: [], needsBackup: false });
  });

  it('files nothing when no account can be named', () => {
    const signedOut: OptOutOutcome = { ...outcome('off'), kind: 'signed-out', account: null, nextSteps: ['sign-in'], diagnostic: '' };
    const result = recordOutcome(emptyLog(), signedOut, { trigger: 'user', now, extensionVersion: '1' });
    expect(result.accountKey).toBeNull();
    expect(result.log).toEqual(emptyLog());
  });
});

describe('results whose account the page did not prove', () => {
  const context = { trigger: 'recheck' as const, now, extensionVersion: '1' };
  const unconfirmed: OptOutOutcome = {
    kind: 'account-unconfirmed',
    account: null,
    lang: 'de',
    way: 'direct',
    timings: { startedAt: now, totalMs: 10, toggleFoundMs: 5 },
    nextSteps: ['sign-in', 'retry', 'open-setting'],
    diagnostic: 'the page read the switch off but did not show which account is signed in',
  };

  it('are never filed under the remembered account, nor as off: they go to their own list', () => {
    const before = validLog();
    const onRecord = { ...before, accounts: { [jana.key]: { ...before.accounts[jana.key]!, state: 'on' as const } } };
    const result = recordOutcome(onRecord, unconfirmed, context);
    expect(result.accountKey).toBeNull();
    expect(result.log.accounts).toEqual(onRecord.accounts);
    expect(result.log.unconfirmed).toEqual([expect.objectContaining({ outcome: 'account-unconfirmed', at: now, diagnostic: unconfirmed.diagnostic })]);
  });

  it('keeps the list capped at the newest entries and reloads it unchanged', () => {
    let log = emptyLog();
    for (let index = 0; index < maxUnconfirmed + 3; index += 1) log = recordOutcome(log, unconfirmed, { ...context, now: now + index }).log;
    expect(log.unconfirmed).toHaveLength(maxUnconfirmed);
    expect(log.unconfirmed?.[0]?.at).toBe(now + 3);
    const loaded = loadLog(structuredClone(log), now);
    expect(loaded.repairs).toEqual([]);
    expect(loaded.log).toEqual(log);
  });

  it('repairs a damaged list entry by entry, keeping the readable ones', () => {
    const stored = { ...validLog(), unconfirmed: [observation(now - 5, 'account-unconfirmed'), { at: 'yesterday' }] };
    const loaded = loadLog(stored, now);
    expect(loaded.log.unconfirmed).toEqual([observation(now - 5, 'account-unconfirmed')]);
    expect(loaded.repairs.map((repair) => repair.where)).toEqual(['log.unconfirmed[1]']);
    expect(loaded.needsBackup).toBe(true);
  });

  it('a failure without an account (signed out) is kept in the last result only', () => {
    const signedOut: OptOutOutcome = { ...unconfirmed, kind: 'signed-out', nextSteps: ['sign-in'] };
    expect(recordOutcome(validLog(), signedOut, context).log).toEqual(validLog());
  });

  it('an unreadable switch is a problem of the account, shown as an error, never on or off', () => {
    const unreadable: OptOutOutcome = { ...unconfirmed, kind: 'unreadable', account: jana, nextSteps: ['retry', 'open-setting'] };
    const result = recordOutcome(validLog(), unreadable, context);
    expect(result.log.accounts[jana.key]).toMatchObject({ state: 'off', problem: 'unreadable', lastCheckedAt: null });
    expect(displayState(result.log.accounts[jana.key]!, false)).toBe('error');
  });
});

describe('account keys that differ only by case are one member', () => {
  it('merges their records on load: histories by time, earliest first-seen and opt-out, newest state, with a note', () => {
    const older = {
      ...newAccountRecord({ key: 'Jana-Schmidt-4711', name: 'Jana Schmidt' }, now - 10_000),
      state: 'off' as const,
      optedOutAt: now - 9000,
      offSince: now - 9000,
      lastCheckedAt: now - 9000,
      history: [observation(now - 9000, 'turned-off'), observation(now - 7000)],
    };
    const newer = {
      ...newAccountRecord(jana, now - 5000),
      state: 'on' as const,
      lastCheckedAt: now - 1000,
      flippedBackAt: now - 1000,
      history: [observation(now - 8000, 'on'), observation(now - 1000, 'on')],
    };
    const stored = { ...emptyLog(), accounts: { 'Jana-Schmidt-4711': older, [jana.key]: newer }, currentAccountKey: 'Jana-Schmidt-4711' };
    const loaded = loadLog(structuredClone(stored), now);
    expect(Object.keys(loaded.log.accounts)).toEqual([jana.key]);
    const merged = loaded.log.accounts[jana.key]!;
    expect(merged).toMatchObject({ key: jana.key, state: 'on', firstSeenAt: now - 10_000, optedOutAt: now - 9000, lastCheckedAt: now - 1000, flippedBackAt: now - 1000 });
    expect(merged.history.map((entry) => entry.at)).toEqual([now - 9000, now - 8000, now - 7000, now - 1000]);
    expect(loaded.log.currentAccountKey).toBe(jana.key);
    expect(loaded.repairs.some((repair) => /one member/.test(repair.problem))).toBe(true);
    expect(loaded.needsBackup).toBe(true);
  });

  it('lowercases a lone record with a capitalised key, keeping everything in it', () => {
    const record = { ...newAccountRecord({ key: 'Max-Muster', name: 'Max' }, now - 100), history: [observation(now - 50)] };
    const loaded = loadLog({ ...emptyLog(), accounts: { 'Max-Muster': record }, currentAccountKey: 'Max-Muster' }, now);
    expect(loaded.log.accounts['max-muster']).toEqual({ ...record, key: 'max-muster' });
    expect(loaded.log.currentAccountKey).toBe('max-muster');
  });
});
