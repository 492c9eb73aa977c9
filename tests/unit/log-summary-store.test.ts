import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackground } from '../../src/background/background';
import { logVersion, type OptOutLog } from '../../src/shared/log/log-schema';
import { forgetAccount, noteAccountSeen, recordOutcome } from '../../src/shared/log/log-recording';
import { type LogSummary, summarizeLog } from '../../src/shared/log/log-summary';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { FakeBrowser } from './fake-browser';
import { account, day, logWith, now, observation, outcome } from './popup-fixtures';

/** The background writes the summary only together with the log it was derived from. */

const jana = { key: 'jana-schmidt', name: 'Jana Schmidt' };

/** Every `storage.local.set`, by the keys it wrote. */
function recordWrites(fake: FakeBrowser): string[][] {
  const writes: string[][] = [];
  const set = fake.storage.local.set.bind(fake.storage.local);
  fake.storage.local.set = async (items) => {
    writes.push(Object.keys(items).sort());
    return set(items);
  };
  return writes;
}

function stored(fake: FakeBrowser): { log: OptOutLog; summary: LogSummary | undefined } {
  return { log: fake.storage.local.data.get(storageKeys.log) as OptOutLog, summary: fake.storage.local.data.get(storageKeys.logSummary) as LogSummary | undefined };
}

const storedLog = logWith(
  [account('ada', 'Ada', { state: 'off', lastCheckedAt: now - day, offSince: now - 2 * day, history: [observation({ at: now - 2 * day, outcome: 'turned-off' })] })],
  'ada',
);

describe('store: the log and its summary in one write', () => {
  it('writes the summary of the new log in the same set call as the log, for every change', async () => {
    const fake = new FakeBrowser();
    const { store } = createBackground(fake, { now: () => now });
    const writes = recordWrites(fake);
    await store.updateLog((log) => ({ log: noteAccountSeen(log, jana, now) }));
    await store.updateLog((log) => ({ log: recordOutcome(log, outcome('turned-off', { account: jana }), { trigger: 'user', now, extensionVersion: '1.0.0' }).log }));
    expect(stored(fake).summary?.accounts[0]).toMatchObject({ key: 'jana-schmidt', state: 'off', optedOutAt: now, historyCount: 1 });
    await store.updateLog((log) => ({ log: forgetAccount(log, jana.key) }));
    expect(writes).toEqual(Array.from({ length: 3 }, () => [storageKeys.log, storageKeys.logSummary].sort()));
    expect(stored(fake).summary).toEqual(summarizeLog(stored(fake).log));
    expect(stored(fake).summary?.accounts).toEqual([]);
  });

  it('when storage refuses the write, neither the log nor its summary changes', async () => {
    const fake = new FakeBrowser();
    const background = createBackground(fake, { now: () => now });
    await fake.storage.local.set({ [storageKeys.log]: storedLog });
    await background.start();
    const before = fake.storage.local.snapshot();
    fake.storage.local.refuseWrite = (items) => storageKeys.log in items;
    await expect(background.store.updateLog((log) => ({ log: noteAccountSeen(log, jana, now) }))).rejects.toThrow(/quota/);
    expect(fake.storage.local.snapshot()).toBe(before);
    expect(stored(fake).summary).toEqual(summarizeLog(storedLog));
  });
});

describe('store: a log without a summary gets one on start', () => {
  it('writes the summary of a log stored by an earlier release, with the log, and leaves every entry as it was', async () => {
    const fake = new FakeBrowser();
    await fake.storage.local.set({ [storageKeys.log]: storedLog });
    const writes = recordWrites(fake);
    await createBackground(fake, { now: () => now }).start();
    expect(writes).toContainEqual([storageKeys.log, storageKeys.logSummary].sort());
    expect(stored(fake).log).toEqual(storedLog);
    expect(stored(fake).summary).toEqual(summarizeLog(storedLog));
  });

  it('migrates a version 2 log and writes the summary of the migrated log with it', async () => {
    const fake = new FakeBrowser();
    const v2 = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/log-v2.json'), 'utf8')) as unknown;
    await fake.storage.local.set({ [storageKeys.log]: v2 });
    await createBackground(fake, { now: () => now }).start();
    const { log, summary } = stored(fake);
    expect(log.version).toBe(logVersion);
    expect(Object.keys(log.accounts).length).toBeGreaterThan(0);
    expect(summary).toEqual(summarizeLog(log));
  });

  it('leaves a summary that agrees with the log alone: no write on the next start', async () => {
    const fake = new FakeBrowser();
    await fake.storage.local.set({ [storageKeys.log]: storedLog });
    await createBackground(fake, { now: () => now }).start();
    const writes = recordWrites(fake);
    await createBackground(fake, { now: () => now }).start();
    expect(writes.filter((keys) => keys.includes(storageKeys.logSummary))).toEqual([]);
  });

  it.each([
    ['unreadable', { version: 1, accounts: 'garbled' }],
    ['out of date (another release wrote the log after it)', summarizeLog(logWith([account('ada', 'Ada', { state: 'on' })], 'ada'))],
  ])('rewrites a summary that is %s, and keeps the log', async (_name, summary) => {
    const fake = new FakeBrowser();
    await fake.storage.local.set({ [storageKeys.log]: storedLog, [storageKeys.logSummary]: summary });
    await createBackground(fake, { now: () => now }).start();
    expect(stored(fake).log).toEqual(storedLog);
    expect(stored(fake).summary).toEqual(summarizeLog(storedLog));
  });
});
