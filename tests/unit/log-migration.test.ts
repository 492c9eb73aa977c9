import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/background/store';
import { logVersion, type OptOutLog } from '../../src/shared/log/log-schema';
import { loadLog } from '../../src/shared/log/log-migration';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { FakeBrowser } from './fake-browser';

/**
 * Log version 3 (several settings): logs written by earlier releases arrive intact, field by field, and
 * the migration runs once. The fixtures were written by the releases' own recording code.
 */

type RawEntry = Record<string, unknown>;
type RawAccount = Record<string, unknown> & { history: RawEntry[] };
type RawLog = Record<string, unknown> & { version: number; accounts: Record<string, RawAccount>; unconfirmed?: RawEntry[] };

const fixture = (name: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, `fixtures/${name}`), 'utf8')) as RawLog;
const headline = 'allowDataForGenerativeAI';
const loadedAt = Date.UTC(2026, 11, 1);

/** Every field of every stored record and entry, compared one by one; returns how many were compared. */
function expectIntact(before: RawLog, after: OptOutLog): number {
  let compared = 0;
  expect(Object.keys(after.accounts)).toEqual(Object.keys(before.accounts));
  expect(after.currentAccountKey).toBe(before.currentAccountKey);
  expect(after.repairs).toEqual(before.repairs);
  const sameEntries = (was: RawEntry[], now: RawEntry[], where: string) => {
    expect(now, where).toHaveLength(was.length);
    was.forEach((entry, index) => {
      for (const [field, value] of Object.entries(entry)) {
        expect(now[index]![field], `${where}[${index}].${field}`).toEqual(value);
        compared += 1;
      }
      expect(now[index]!.ruleId, `${where}[${index}].ruleId`).toBe(headline);
    });
  };
  for (const [key, account] of Object.entries(before.accounts)) {
    const migrated = after.accounts[key]! as unknown as RawAccount;
    for (const [field, value] of Object.entries(account)) {
      if (field === 'history') continue;
      expect(migrated[field], `${key}.${field}`).toEqual(value);
      compared += 1;
    }
    sameEntries(account.history, migrated.history, `${key}.history`);
    expect(migrated.settings, `${key}.settings`).toEqual({});
  }
  sameEntries(before.unconfirmed ?? [], (after.unconfirmed ?? []) as unknown as RawEntry[], 'unconfirmed');
  return compared;
}

describe.each([
  ['1', 'log-v1.json'],
  ['2', 'log-v2.json'],
])('a version %s log, as its release wrote it', (version, file) => {
  const stored = fixture(file);

  it('is the version it says', () => {
    expect(stored.version).toBe(Number(version));
    expect(logVersion).toBe(3);
  });

  it('arrives in version 3 intact, field by field, every entry about the headline setting', () => {
    const loaded = loadLog(structuredClone(stored), loadedAt);
    expect(loaded.repairs).toEqual([]);
    expect(loaded.needsBackup).toBe(true);
    expect(loaded.log.version).toBe(3);
    expect(expectIntact(stored, loaded.log)).toBeGreaterThan(50);
  });

  it('is migrated once: backed up as it was, and a second load changes nothing and backs up nothing', async () => {
    const fake = new FakeBrowser();
    await fake.storage.local.set({ [storageKeys.log]: structuredClone(stored) });
    const first = await createStore(fake, () => loadedAt).readLog();
    const backups = fake.storage.local.data.get(storageKeys.logBackup) as { raw: unknown }[];
    expect(backups.map((backup) => backup.raw)).toEqual([stored]);
    const written = structuredClone(fake.storage.local.data.get(storageKeys.log));
    expect(written).toEqual(first);

    const again = await createStore(fake, () => loadedAt + 1000).readLog();
    expect(again).toEqual(first);
    expect(fake.storage.local.data.get(storageKeys.log)).toEqual(written);
    expect((fake.storage.local.data.get(storageKeys.logBackup) as unknown[]).length).toBe(1);
    expect(loadLog(written, loadedAt + 2000)).toMatchObject({ repairs: [], needsBackup: false });
  });
});

describe('version 3 itself', () => {
  it('keeps another setting\'s record and history, and repairs a damaged one without touching the rest', () => {
    const loaded = loadLog(structuredClone(fixture('log-v2.json')), loadedAt).log;
    const key = Object.keys(loaded.accounts)[0]!;
    const entry = { ...loaded.accounts[key]!.history[0]!, ruleId: 'allowAnonymizedDataResearch' };
    const research = { lastCheckedAt: loadedAt, state: 'off', problem: null, optedOutAt: loadedAt, offSince: loadedAt, flippedBackAt: null, history: [entry] };
    const raw = structuredClone(loaded) as unknown as RawLog;
    raw.accounts[key]!.settings = { allowAnonymizedDataResearch: research, allowAdsByAge: { state: 'sideways', history: [entry] } };
    const reread = loadLog(raw, loadedAt + 1);
    expect(reread.log.accounts[key]!.settings.allowAnonymizedDataResearch).toEqual(research);
    expect(reread.log.accounts[key]!.settings.allowAdsByAge).toMatchObject({ state: 'unknown', history: [entry] });
    const where = reread.repairs.map((repair) => repair.where);
    expect(where).toContain(`accounts[${JSON.stringify(key)}].settings["allowAdsByAge"].state`);
    expect(where.every((at) => at.includes('"allowAdsByAge"'))).toBe(true);
    expect(reread.log.accounts[key]!.history).toEqual(loaded.accounts[key]!.history);
  });
});
