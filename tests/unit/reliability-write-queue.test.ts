import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../src/background/background';
import type { LogBackup } from '../../src/background/store';
import type { StartResult } from '../../src/background/operations';
import { logVersion, newAccountRecord, type OptOutLog } from '../../src/shared/log/log-schema';
import type { Operation } from '../../src/shared/storage/operation-state';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { defaultPreferences, type Preferences } from '../../src/shared/preferences/preferences';
import { type ReliabilityFigures, recordReliability } from '../tools/reliability-table';
import { FakeBrowser, linkedInSender, popupSender } from './fake-browser';
import { type Random, seededRandom } from './seeded-random';

/**
 * One owner of storage writes (README, How it works): every kind of storage write fired at once, in thousands of seeded orders, with
 * storage calls finishing in a random order too. No write may be lost: a forgotten account never comes
 * back, another account's new result is never lost, a preference change is never undone.
 */

const seed = Number(process.env.RELIABILITY_SEED ?? 20261129);
const interleavings = 2000;
const now = Date.UTC(2026, 10, 29, 9, 0, 0);
const figures: ReliabilityFigures = {};

const forgotten = { key: 'anna-alt', name: 'Anna Alt' };
const checked = { key: 'max-muster', name: 'Max Muster' };
const renamed = { key: 'zoë-åberg', name: 'Zoë Åberg' };
const newcomer = { key: 'neu-hier', name: 'Neu Hier' };

function startingLog(): OptOutLog {
  const accounts = Object.fromEntries(
    [forgotten, checked, renamed].map((person) => [person.key, { ...newAccountRecord(person, now - 1000), lastSeenAt: now - 1000 }]),
  );
  return { version: logVersion, accounts, currentAccountKey: checked.key, repairs: [] };
}

function offReport(account: typeof checked): EngineReport {
  return { kind: 'state', state: 'off', clicked: false, hook: 'label-key', ariaInSync: true, account, lang: 'de', way: 'direct', toggleFoundMs: 5, elapsedMs: 9 };
}

function shuffled<T>(random: Random, items: T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/** Up to 4 microtask turns before each storage call: calls overtake each other as in a busy browser. */
function randomPause(random: Random): () => Promise<void> {
  return async () => {
    for (let turns = Math.floor(random() * 5); turns > 0; turns -= 1) await Promise.resolve();
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

afterAll(() => {
  recordReliability(figures);
});

describe('one owner of storage writes', () => {
  it(`loses no write in ${interleavings} seeded interleavings of every kind of write (seed ${seed})`, async () => {
    const random = seededRandom(seed ^ 0x9e37);
    const kinds = ['operation result', 'forget account', 'preference: interval', 'preference: keep it off', 'account seen (new)', 'account seen (renamed)', 'repair on read and its backup', 'automatic check throttle'];
    let writesChecked = 0;
    for (let trial = 0; trial < interleavings; trial += 1) {
      const label = `seed ${seed}, interleaving ${trial}`;
      const fake = new FakeBrowser();
      await fake.storage.local.set({ [storageKeys.log]: startingLog(), [storageKeys.preferences]: defaultPreferences });
      let ids = 0;
      const background = createBackground(fake, { now: () => now, newId: () => `op-queue-${++ids}` });
      await background.start();
      expect(await background.route({ type: 'opt-out' }, popupSender), label).toMatchObject({ ok: true });
      const helperTab = fake.createdTabs[0]!.id;
      const instruction = await background.route({ type: 'page-opened', account: checked, lang: 'de' }, linkedInSender(helperTab));
      const opId = (instruction as { value: { opId: string } }).value.opId;
      // Someone else's damage to the stored log: the next read repairs it, keeping a backup, inside the queue.
      const damaged = { ...startingLog(), strayField: 'set aside' };
      await fake.storage.local.set({ [storageKeys.log]: damaged });

      let throttle: StartResult | undefined;
      fake.storage.local.pause = randomPause(random);
      fake.storage.session.pause = randomPause(random);
      const writes: Array<() => Promise<unknown>> = [
        () => background.route({ type: 'engine-report', opId, report: offReport(checked) }, linkedInSender(helperTab)),
        () => background.route({ type: 'forget-account', key: forgotten.key }, popupSender),
        () => background.route({ type: 'update-preferences', preferences: { recheckIntervalHours: 72 } }, popupSender),
        () => background.route({ type: 'update-preferences', preferences: { keepItOff: true } }, popupSender),
        () => background.route({ type: 'page-opened', account: newcomer, lang: 'en' }, linkedInSender(7)),
        () => background.route({ type: 'account-seen', account: { ...renamed, name: 'Zoë Åberg-Lund' } }, linkedInSender(8)),
        () => background.store.readLog(),
        async () => (throttle = await background.operations.start('check', 'recheck')),
      ];
      const answers = await Promise.all(shuffled(random, writes).map((write) => write()));
      for (const answer of answers) {
        if (answer && typeof answer === 'object' && 'ok' in answer) expect(answer, label).toMatchObject({ ok: true });
      }

      const log = fake.storage.local.data.get(storageKeys.log) as OptOutLog;
      expect(Object.hasOwn(log.accounts, forgotten.key), `${label}: the forgotten account came back`).toBe(false);
      expect(log.accounts[checked.key]?.history.map((entry) => entry.outcome), `${label}: the result was lost`).toEqual(['off']);
      expect(log.accounts[checked.key]?.state, label).toBe('off');
      expect(log.accounts[newcomer.key], `${label}: the new account was lost`).toBeDefined();
      expect(log.accounts[renamed.key]?.name, `${label}: the new name was lost`).toBe('Zoë Åberg-Lund');
      expect('strayField' in log, `${label}: the repair was undone`).toBe(false);
      const backups = fake.storage.local.data.get(storageKeys.logBackup) as LogBackup[];
      expect(backups.map((backup) => (backup.raw as Record<string, unknown>).strayField), `${label}: the backup`).toEqual(['set aside']);
      const preferences = fake.storage.local.data.get(storageKeys.preferences) as Preferences;
      expect(preferences, `${label}: a preference change was undone`).toEqual({ ...defaultPreferences, recheckIntervalHours: 72, keepItOff: true });
      // The result, the forgetting, two preferences, two accounts seen, the repair and its backup.
      writesChecked += 8;
      // An automatic check that joined the running one writes nothing; one that started wrote its throttle first.
      if (throttle && !throttle.joined) {
        const started = fake.storage.session.data.get(storageKeys.operation) as Operation;
        expect(started.id, label).toBe(throttle.operationId);
        const throttledKey = started.expectedAccount?.key ?? '';
        expect(log.accounts[throttledKey]?.lastAutoCheckAt, `${label}: the throttle was lost`).toBe(started.startedAt);
        writesChecked += 1;
      } else {
        expect(throttle?.joined, label).toBe(true);
      }
    }
    figures.writeQueue = { seed, interleavings, kinds, writesChecked };
  }, 300_000);
});
