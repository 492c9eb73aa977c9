import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../src/background/background';
import { createStore } from '../../src/background/store';
import { AccountRecord, headlineRuleId, logVersion, newAccountRecord, type Observation, OptOutLog } from '../../src/shared/log/log-schema';
import { loadLog } from '../../src/shared/log/log-migration';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { type ReliabilityFigures, recordReliability } from '../tools/reliability-table';
import { FakeBrowser, linkedInSender, popupSender } from './fake-browser';
import { pick, type Random, seededRandom } from './seeded-random';

/**
 * Issue "reliability", part 2: corrupted and wrong-version storage is repaired field by field, and
 * everything readable is kept. Seeded like the message fuzzer (RELIABILITY_SEED).
 */

const seed = Number(process.env.RELIABILITY_SEED ?? 20261129);
const trials = 1500;
const now = Date.UTC(2026, 10, 29, 9, 0, 0);
const figures: ReliabilityFigures = {};
const accountFields = Object.keys(AccountRecord.shape).filter((field) => field !== 'history' && field !== 'key') as (keyof AccountRecord)[];

const people = [
  { key: 'jana-schmidt-4711', name: 'Jana Schmidt' },
  { key: 'max-muster', name: 'Max Muster' },
  { key: 'zoë-åberg', name: 'Zoë Åberg' },
];

function observation(at: number, outcome: Observation['outcome']): Observation {
  return { ruleId: headlineRuleId, at, lastAt: at, count: 1, outcome, trigger: 'user', lang: 'de', way: 'direct', extensionVersion: '1.0.0', totalMs: 1234, diagnostic: outcome === 'timeout' ? 'slow' : null };
}

/** Every field away from its default, so a repair to the default is always visible. */
function validLog(): OptOutLog {
  const accounts: OptOutLog['accounts'] = {};
  people.forEach((person, index) => {
    const base = now - (index + 1) * 86_400_000;
    accounts[person.key] = {
      ...newAccountRecord(person, base),
      lastSeenAt: base + 10,
      lastCheckedAt: base + 20,
      state: 'off',
      problem: 'timeout',
      optedOutAt: base + 30,
      offSince: base + 30,
      flippedBackAt: base + 5,
      lastAutoCheckAt: base + 40,
      autoFailures: 2,
      autoFixTimes: [base + 1, base + 2],
      history: Array.from({ length: 6 }, (_, entry) => observation(base + entry * 1000, entry % 3 === 0 ? 'turned-off' : entry % 3 === 1 ? 'off' : 'timeout')),
    };
  });
  return { version: logVersion, accounts, currentAccountKey: people[0]!.key, repairs: [] };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a stored log being damaged has no type worth naming
type RawLog = Record<string, any>;

const garbage: unknown[] = ['garbage', -5, 1.5, true, {}, [], 'x'.repeat(600), Number.NaN, '2026-11-29', { $ref: '#' }];

/** A value the field's schema refuses (null is fine for nullable fields, so it is not used). */
function badValueFor(random: Random, field: keyof AccountRecord): unknown {
  for (;;) {
    const value = pick(random, garbage);
    // Judged as storage will hold it: JSON turns NaN into null, which nullable fields accept.
    if (!AccountRecord.shape[field].safeParse(JSON.parse(JSON.stringify(value) ?? 'null')).success) return value;
  }
}

type Corruption = { kind: string; backupExpected: boolean; lostFields: Set<string>; lostEntries: Set<string>; clampedEntries: Set<string>; lostAccounts: Set<string> };

/** Damages one part of the raw stored log in place and says what may be lost because of it. */
function corrupt(random: Random, raw: RawLog, damage: Corruption): void {
  const key = pick(random, people).key;
  const account = raw.accounts[key];
  const intact = typeof account === 'object' && account !== null && !Array.isArray(account) && Array.isArray(account.history);
  // A second hit on an account an earlier hit already destroyed damages the version instead.
  const roll = intact ? random() : 0.8;
  // Every kind sets something aside and keeps a backup, except the two that lose nothing (they return early).
  const before = damage.backupExpected;
  damage.backupExpected = true;
  if (roll < 0.35) {
    const field = pick(random, accountFields);
    raw.accounts[key][field] = badValueFor(random, field);
    damage.kind = 'bad field';
    damage.lostFields.add(`${key}.${field}`);
  } else if (roll < 0.55) {
    const index = Math.floor(random() * raw.accounts[key].history.length);
    const entry = raw.accounts[key].history[index];
    const variant = random();
    if (variant < 0.3 || typeof entry !== 'object' || entry === null) raw.accounts[key].history[index] = pick(random, garbage);
    else if (variant < 0.6) {
      const field = pick(random, Object.keys(entry));
      delete entry[field];
      // A missing count or last time reads as one check at its own time, which is what these entries are;
      // a missing setting reads as the headline setting, which every entry before version 3 was about.
      if (field === 'count' || field === 'lastAt' || field === 'ruleId') {
        damage.kind = 'missing count or last time';
        damage.backupExpected = before;
        return;
      }
    } else {
      const field = pick(random, ['at', 'lastAt', 'count', 'outcome', 'trigger', 'way', 'totalMs']);
      entry[field] = pick(random, ['garbage', -1, {}, []]);
      // A clock set back gives a negative duration: the entry is kept, the duration read as 0.
      if (field === 'totalMs' && entry[field] === -1) {
        damage.kind = 'negative duration';
        damage.clampedEntries.add(`${key}#${index}`);
        damage.backupExpected = before;
        return;
      }
    }
    damage.kind = 'bad history entry';
    damage.lostEntries.add(`${key}#${index}`);
  } else if (roll < 0.62) {
    raw.accounts[key].history = pick(random, ['lost', 42, { 0: 'x' }]);
    damage.kind = 'history not a list';
    for (let index = 0; index < 6; index += 1) damage.lostEntries.add(`${key}#${index}`);
  } else if (roll < 0.7) {
    raw.accounts[key] = pick(random, ['garbage', 42, [], null]);
    damage.kind = 'account not an object';
    damage.lostAccounts.add(key);
  } else if (roll < 0.76) {
    raw.accounts[pick(random, ['<script>', '', 'a b', '../x'])] = raw.accounts[key];
    damage.kind = 'unreadable account key';
  } else if (roll < 0.84) {
    raw.version = pick(random, [0, -1, logVersion + 1, 99, '1', 1.5, null, undefined]);
    damage.kind = 'wrong version';
  } else if (roll < 0.9) {
    raw.repairs = pick(random, ['garbage', [{ at: 'x' }], 7]);
    damage.kind = 'bad repair notes';
  } else if (roll < 0.95) {
    raw[pick(random, ['futureField', 'settings', 'extra'])] = { anything: [1, 2, 3] };
    damage.kind = 'unknown top-level field';
  } else {
    raw.currentAccountKey = pick(random, [42, 'nobody-here', '<script>', {}]);
    damage.kind = 'bad current account';
    damage.lostFields.add('currentAccountKey');
  }
}

/** Everything not named as damaged must come back exactly as it was; returns how many parts were checked. */
function expectRestKept(original: OptOutLog, repaired: OptOutLog, damage: Corruption, label: string): number {
  let checked = 1;
  expect(OptOutLog.safeParse(repaired).success, label).toBe(true);
  // A damaged current account, or one whose account was set aside, is cleared, never guessed.
  expect(repaired.currentAccountKey, `${label}: currentAccountKey`).toBe(damage.lostFields.has('currentAccountKey') ? null : original.currentAccountKey);
  for (const person of people) {
    if (damage.lostAccounts.has(person.key)) {
      expect(repaired.accounts[person.key], label).toBeUndefined();
      continue;
    }
    const before = original.accounts[person.key]!;
    const after = repaired.accounts[person.key];
    expect(after, label).toBeDefined();
    // One comparison of every field not named as damaged (its diff names the field): a dozen expects a trial cost more than the repair.
    const keptFields = accountFields.filter((field) => !damage.lostFields.has(`${person.key}.${field}`));
    const fieldsOf = (record: AccountRecord) => Object.fromEntries(keptFields.map((field) => [field, record[field]]));
    expect(fieldsOf(after!), `${label}: ${person.key}`).toEqual(fieldsOf(before));
    checked += keptFields.length;
    const kept = before.history
      .map((entry, index) => (damage.clampedEntries.has(`${person.key}#${index}`) ? { ...entry, totalMs: 0 } : entry))
      .filter((_, index) => !damage.lostEntries.has(`${person.key}#${index}`));
    expect(after!.history, `${label}: ${person.key}.history`).toEqual(kept);
    checked += kept.length;
  }
  return checked;
}

let backgroundNow = now;

beforeEach(() => {
  vi.useFakeTimers();
  // Every repair is also logged to the console; thousands of them would only slow the run.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  backgroundNow = now;
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

afterAll(() => {
  recordReliability(figures);
});

describe('corrupted storage', () => {
  it(`repairs ${trials} seeded corruptions field by field, keeps the rest and a backup (seed ${seed})`, async () => {
    const random = seededRandom(seed ^ 0x51ab);
    const kinds: Record<string, number> = {};
    let repairedWithRestKept = 0;
    let entriesChecked = 0;
    let backupsMade = 0;
    for (let trial = 0; trial < trials; trial += 1) {
      const original = validLog();
      const raw = structuredClone(original) as unknown as RawLog;
      const damage: Corruption = { kind: '', backupExpected: false, lostFields: new Set(), lostEntries: new Set(), clampedEntries: new Set(), lostAccounts: new Set() };
      const hits = 1 + Math.floor(random() * 3);
      const names: string[] = [];
      for (let hit = 0; hit < hits; hit += 1) {
        corrupt(random, raw, damage);
        names.push(damage.kind);
      }
      const kind = hits > 1 ? 'several at once' : damage.kind;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const label = `seed ${seed}, trial ${trial}: ${names.join(' + ')}`;
      if (damage.lostAccounts.has(raw.currentAccountKey as string)) damage.lostFields.add('currentAccountKey');

      const fake = new FakeBrowser();
      const stored = JSON.parse(JSON.stringify(raw)) as unknown;
      await fake.storage.local.set({ [storageKeys.log]: stored });
      const log = await createStore(fake, () => now).readLog();
      entriesChecked += expectRestKept(original, log, damage, label);
      // The damaged value is kept as a backup before the repaired log is written over it.
      const backups = fake.storage.local.data.get(storageKeys.logBackup) as { raw: unknown }[] | undefined;
      if (damage.backupExpected) {
        expect(backups?.at(-1)?.raw, label).toEqual(stored);
        backupsMade += 1;
      } else {
        expect(backups, `${label}: nothing set aside, no backup`).toBeUndefined();
      }
      // Repair is done once: what was written reads back unchanged, with nothing left to repair.
      const again = loadLog(fake.storage.local.data.get(storageKeys.log), now + 1);
      expect(again.repairs, label).toEqual([]);
      expect(again.log.accounts, label).toEqual(log.accounts);
      repairedWithRestKept += 1;
    }
    figures.corruption = { seed, trials, repairedWithRestKept, entriesChecked, backupsMade, kinds };
  }, 120_000);

  const versions: unknown[] = [0, -1, logVersion + 1, 99, '1', 1.5, null, undefined, Number.MAX_SAFE_INTEGER, 'v2'];

  it.each(versions.map((version) => [String(version), version] as const))('reads a log with version %s, keeping every account and entry', async (_name, version) => {
    const original = validLog();
    const fake = new FakeBrowser();
    await fake.storage.local.set({ [storageKeys.log]: { ...structuredClone(original), version } });
    const log = await createStore(fake, () => now).readLog();
    expect(log.accounts).toEqual(original.accounts);
    expect(log.currentAccountKey).toBe(original.currentAccountKey);
    expect(log.version).toBe(logVersion);
    expect((fake.storage.local.data.get(storageKeys.logBackup) as unknown[]).length).toBe(1);
    figures.wrongVersions = { versions: versions.length, keptEverything: (figures.wrongVersions?.keptEverything ?? 0) + 1 };
  });

  it('keeps working through an opt-out on a damaged log, and the new entry joins the old ones', async () => {
    const original = validLog();
    const raw = structuredClone(original) as unknown as RawLog;
    raw.accounts['jana-schmidt-4711'].state = 'sideways';
    raw.accounts['jana-schmidt-4711'].history.splice(2, 0, { at: 'never' });
    raw.accounts['max-muster'] = 'garbage';
    raw.version = 0;
    const fake = new FakeBrowser();
    await fake.storage.local.set({
      [storageKeys.log]: raw,
      [storageKeys.preferences]: { recheckIntervalHours: 'often', keepItOff: true, notifyOnFlipBack: 7 },
    });
    await fake.storage.session.set({ [storageKeys.operation]: { id: 'broken' }, [storageKeys.lastResult]: 'garbage' });
    const background = createBackground(fake, { now: () => backgroundNow, newId: () => 'op-repair-0001' });
    await background.start();
    expect(await background.store.readPreferences()).toEqual({ recheckIntervalHours: 24, notifyOnFlipBack: false, keepItOff: true, chosenSettings: [] });

    expect(await background.route({ type: 'opt-out' }, popupSender)).toMatchObject({ ok: true, value: { joined: false } });
    const tabId = fake.createdTabs[0]!.id;
    const jana = people[0]!;
    const report = { kind: 'state', state: 'off', clicked: false, hook: 'label-key', ariaInSync: true, account: jana, lang: 'de', way: 'direct', toggleFoundMs: 5, elapsedMs: 9 };
    await background.route({ type: 'page-opened', account: jana, lang: 'de' }, linkedInSender(tabId));
    expect(await background.route({ type: 'engine-report', opId: 'op-repair-0001', report }, linkedInSender(tabId))).toEqual({ ok: true, value: null });

    const log = fake.storage.local.data.get(storageKeys.log) as OptOutLog;
    expect(log.accounts[jana.key]!.history.slice(0, -1)).toEqual(original.accounts[jana.key]!.history);
    expect(log.accounts[jana.key]!.history.at(-1)).toMatchObject({ outcome: 'off', at: backgroundNow });
    expect(log.accounts['zoë-åberg']).toEqual(original.accounts['zoë-åberg']);
    expect(log.accounts['max-muster']).toBeUndefined();
    expect(log.repairs.map((note) => note.where)).toEqual(
      expect.arrayContaining(['log.version', `accounts["max-muster"]`, `accounts["jana-schmidt-4711"].state`, `accounts["jana-schmidt-4711"].history[2]`]),
    );
    expect((fake.storage.local.data.get(storageKeys.logBackup) as { raw: unknown }[])[0]!.raw).toEqual(raw);
    // Zoë's last check timed out in the fixture: the badge asks for attention, it does not claim all is well.
    expect(fake.badge.text).toBe('?');
  });
});
