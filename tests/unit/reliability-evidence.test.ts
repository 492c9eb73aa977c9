import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../src/background/background';
import { createStore, type LogBackup } from '../../src/background/store';
import { emptyLog, logVersion, type Observation, type OptOutLog } from '../../src/shared/log/log-schema';
import { loadLog, logMigrations } from '../../src/shared/log/log-migration';
import { recordOutcome } from '../../src/shared/log/log-recording';
import { evidenceIndexes } from '../../src/shared/log/log-history';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { nextStepsFor, type OptOutOutcome } from '../../src/shared/log/outcome';
import { type ReliabilityFigures, recordReliability } from '../tools/reliability-table';
import { FakeBrowser, linkedInSender, popupSender } from './fake-browser';
import { pick, seededRandom } from './seeded-random';

/**
 * Evidence that never ages out (README, How it works: the log). The first opt-out and every change of state are
 * kept forever, identical checks are merged, a version 1 log is migrated entry by entry, and a clock
 * that jumps loses no record.
 */

const seed = Number(process.env.RELIABILITY_SEED ?? 20261129);
const day = 86_400_000;
const figures: ReliabilityFigures = {};
const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
/** The cap the first release shipped (README, Reliability), written here, not imported from src. */
const historyCap = 1000;

/** A log exactly as release 1.0 wrote it (recorded through that release's background). */
const v1Log = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/log-v1.json'), 'utf8')) as Record<string, unknown> & {
  accounts: Record<string, Record<string, unknown> & { history: Record<string, unknown>[] }>;
};

function outcomeOf(kind: OptOutOutcome['kind'], account = jana, at = 0): OptOutOutcome {
  const base = { account, lang: 'de', way: 'direct' as const, timings: { startedAt: at, totalMs: 2000, toggleFoundMs: 700 } };
  if (kind === 'off' || kind === 'turned-off' || kind === 'on') return { kind, ...base };
  return { kind, ...base, nextSteps: [...nextStepsFor[kind]], diagnostic: `${kind} on the settings page` };
}

function record(log: OptOutLog, kind: OptOutOutcome['kind'], at: number, trigger: 'user' | 'recheck' | 'auto-fix' = 'recheck', account = jana): OptOutLog {
  return recordOutcome(log, outcomeOf(kind, account, at), { trigger, now: at, extensionVersion: '1.1.0' }).log;
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

afterAll(() => {
  recordReliability(figures);
});

describe('log version 3: a version 1 log as release 1.0 wrote it', () => {
  it('is migrated by the real steps, field by field, every entry kept as one check of the headline setting', () => {
    expect(v1Log.version).toBe(1);
    expect(logVersion).toBe(3);
    expect(logMigrations.map((step) => step.from)).toEqual([1, 2]);
    const loaded = loadLog(structuredClone(v1Log), Date.UTC(2026, 11, 1));
    expect(loaded.repairs).toEqual([]);
    expect(loaded.needsBackup).toBe(true);
    expect(loaded.log.version).toBe(3);
    expect(loaded.log.currentAccountKey).toBe(v1Log.currentAccountKey);
    expect(loaded.log.repairs).toEqual(v1Log.repairs);
    expect(Object.keys(loaded.log.accounts)).toEqual(Object.keys(v1Log.accounts));
    let compared = 0;
    for (const [key, before] of Object.entries(v1Log.accounts)) {
      const after = loaded.log.accounts[key]!;
      for (const [field, value] of Object.entries(before)) {
        if (field === 'history') continue;
        expect(after[field as keyof typeof after], `${key}.${field}`).toEqual(value);
        compared += 1;
      }
      expect(after.history).toHaveLength(before.history.length);
      before.history.forEach((entry, index) => {
        const migrated = after.history[index]!;
        for (const [field, value] of Object.entries(entry)) {
          expect(migrated[field as keyof Observation], `${key}.history[${index}].${field}`).toEqual(value);
          compared += 1;
        }
        expect(migrated.lastAt, `${key}.history[${index}].lastAt`).toBe(entry.at);
        expect(migrated.count, `${key}.history[${index}].count`).toBe(1);
        expect(migrated.ruleId, `${key}.history[${index}].ruleId`).toBe('allowDataForGenerativeAI');
        expect(Object.keys(migrated).sort()).toEqual([...Object.keys(entry), 'lastAt', 'count', 'ruleId'].sort());
      });
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('is backed up as it was before the migrated log is written, and then reads back unchanged', async () => {
    const fake = new FakeBrowser();
    await fake.storage.local.set({ [storageKeys.log]: structuredClone(v1Log) });
    const log = await createStore(fake, () => Date.UTC(2026, 11, 1)).readLog();
    const backups = fake.storage.local.data.get(storageKeys.logBackup) as LogBackup[];
    expect(backups.map((backup) => backup.raw)).toEqual([v1Log]);
    expect(fake.storage.local.data.get(storageKeys.log)).toEqual(log);
    expect(loadLog(fake.storage.local.data.get(storageKeys.log), Date.UTC(2026, 11, 2))).toMatchObject({ repairs: [], needsBackup: false });
  });

  it('keeps a version 1 entry whose duration went negative (a clock set back), as 0', () => {
    const raw = structuredClone(v1Log);
    raw.accounts['jana-schmidt-4711']!.history[1]!.totalMs = -3_600_000;
    const loaded = loadLog(raw, Date.UTC(2026, 11, 1));
    expect(loaded.log.accounts['jana-schmidt-4711']!.history).toHaveLength(v1Log.accounts['jana-schmidt-4711']!.history.length);
    expect(loaded.log.accounts['jana-schmidt-4711']!.history[1]).toMatchObject({ outcome: 'turned-off', totalMs: 0 });
  });
});

describe('evidence that never ages out', () => {
  it('merges identical consecutive checks, and starts a new entry at every change', () => {
    const start = Date.UTC(2026, 0, 1);
    let log = record(emptyLog(), 'on', start);
    log = record(log, 'turned-off', start + 1000, 'user');
    for (let index = 1; index <= 30; index += 1) log = record(log, 'off', start + index * day);
    log = record(log, 'timeout', start + 31 * day);
    log = record(log, 'off', start + 32 * day);
    const history = log.accounts[jana.key]!.history;
    expect(history.map((entry) => [entry.outcome, entry.count])).toEqual([['on', 1], ['turned-off', 1], ['off', 30], ['timeout', 1], ['off', 1]]);
    expect(history[2]).toMatchObject({ at: start + day, lastAt: start + 30 * day });
  });

  it(`keeps the first "turned off" and every change of state past the ${historyCap}-entry cap (seed ${seed})`, () => {
    const random = seededRandom(seed ^ 0xe71d);
    const start = Date.UTC(2026, 0, 1);
    let log = record(emptyLog(), 'on', start);
    log = record(log, 'turned-off', start + 1, 'user');
    const changes: number[] = [start, start + 1];
    let state: 'on' | 'off' = 'off';
    // Years of checks that alternate with failures (nothing merges), with the setting flipping now and then.
    for (let index = 1; index <= 6000; index += 1) {
      const at = start + index * 6 * 3_600_000;
      if (random() < 0.01) {
        state = state === 'off' ? 'on' : 'off';
        changes.push(at);
        log = record(log, state === 'on' ? 'on' : 'turned-off', at, state === 'on' ? 'recheck' : 'auto-fix');
      } else {
        log = record(log, index % 2 === 0 ? pick(random, ['timeout', 'signed-out', 'not-found'] as const) : state, at);
      }
    }
    const history = log.accounts[jana.key]!.history;
    expect(history).toHaveLength(historyCap);
    const kept = new Set(history.map((entry) => entry.at));
    for (const at of changes) expect(kept.has(at), `change of state at ${new Date(at).toISOString()}`).toBe(true);
    expect(history.find((entry) => entry.outcome === 'turned-off')?.at).toBe(start + 1);
    // The survivors are still in order, and the evidence is exactly what the rule names.
    expect(history.map((entry) => entry.at)).toEqual([...history.map((entry) => entry.at)].sort((a, b) => a - b));
    expect(evidenceIndexes(history).size).toBe(changes.length);
    figures.evidence = { ...figures.evidence, capChecks: 6002, capChanges: changes.length, capKept: history.length };
  });

  // About once in three years LinkedIn turns it back on, and about four checks a year fail (per account).
  it('simulates ten years of daily checks for 5 accounts, with flips and failures, and measures the log', () => {
    const random = seededRandom(seed ^ 0x10ea);
    const people = ['jana-schmidt-4711', 'max-muster', 'zoë-åberg', 'li-wei', 'ana-souza'].map((key) => ({ key, name: key.replace(/-/g, ' ') }));
    const start = Date.UTC(2026, 10, 3, 8);
    const days = 3652;
    let log = emptyLog();
    let flips = 0;
    let failures = 0;
    const firstOptOut = new Map<string, number>();
    for (const person of people) {
      log = record(log, 'on', start, 'recheck', person);
      log = record(log, 'turned-off', start + 60_000, 'user', person);
      firstOptOut.set(person.key, start + 60_000);
    }
    for (let dayIndex = 1; dayIndex <= days; dayIndex += 1) {
      for (const person of people) {
        const at = start + dayIndex * day + Math.floor(random() * 3_600_000);
        const roll = random();
        if (roll < 0.001) {
          // LinkedIn turned it back on: the check finds it on, and it is turned off again.
          flips += 1;
          log = record(log, 'on', at, 'recheck', person);
          log = record(log, 'turned-off', at + 60_000, 'auto-fix', person);
        } else if (roll < 0.011) {
          failures += 1;
          log = record(log, pick(random, ['timeout', 'signed-out', 'not-found'] as const), at, 'recheck', person);
        } else {
          log = record(log, 'off', at, 'recheck', person);
        }
      }
    }
    const bytes = new TextEncoder().encode(JSON.stringify(log)).length;
    const entries = people.reduce((sum, person) => sum + log.accounts[person.key]!.history.length, 0);
    for (const person of people) {
      const history = log.accounts[person.key]!.history;
      expect(history[1]).toMatchObject({ outcome: 'turned-off', at: firstOptOut.get(person.key) });
      expect(history.reduce((sum, entry) => sum + entry.count, 0)).toBeGreaterThan(days);
    }
    expect(bytes).toBeLessThan(100 * 1024);
    figures.evidence = { ...figures.evidence, years: 10, accounts: people.length, checks: days * people.length, flips, failures, entries, bytes };
  });
});

describe('a clock that jumps', () => {
  const report = (state: 'on' | 'off', clicked: boolean): EngineReport => ({
    kind: 'state', state, clicked, hook: 'label-key', ariaInSync: true, account: jana, lang: 'de', way: 'direct', toggleFoundMs: 5, elapsedMs: 9,
  });

  it('set back during an operation stores no negative duration, and the next load keeps every entry', async () => {
    vi.useFakeTimers();
    let now = Date.UTC(2026, 10, 29, 9);
    const fake = new FakeBrowser();
    const background = createBackground(fake, { now: () => now, newId: () => `op-clock-${now}` });
    const jumps = [-2 * 3_600_000, 0, -400 * day, 3 * 365 * day];
    for (const [index, jump] of jumps.entries()) {
      await background.route({ type: 'check' }, popupSender);
      const tabId = fake.createdTabs.at(-1)!.id;
      const instruction = await background.route({ type: 'page-opened', account: jana, lang: 'de' }, linkedInSender(tabId));
      now += jump;
      const opId = (instruction as { value: { opId: string } }).value.opId;
      expect(await background.route({ type: 'engine-report', opId, report: report(index % 2 === 0 ? 'off' : 'on', false) }, linkedInSender(tabId))).toMatchObject({ ok: true });
    }
    const stored = fake.storage.local.data.get(storageKeys.log) as OptOutLog;
    const history = stored.accounts[jana.key]!.history;
    expect(history.map((entry) => entry.outcome)).toEqual(['off', 'on', 'off', 'on']);
    for (const entry of history) expect(entry.totalMs).toBeGreaterThanOrEqual(0);
    // Stored as it happened, out of clock order, and a fresh load (the popup's, the next worker's) drops none of it.
    expect(history[2]!.at).toBeLessThan(history[1]!.at);
    const reloaded = loadLog(stored, now);
    expect(reloaded.repairs).toEqual([]);
    expect(reloaded.log.accounts[jana.key]!.history).toEqual(history);
    figures.evidence = { ...figures.evidence, clockJumps: 4, clockEntriesKept: reloaded.log.accounts[jana.key]!.history.length };
  });

  it('never merges a check into an entry from its future', () => {
    const at = Date.UTC(2027, 0, 1);
    let log = record(emptyLog(), 'off', at);
    log = record(log, 'off', at - day);
    expect(log.accounts[jana.key]!.history.map((entry) => [entry.at, entry.count])).toEqual([[at, 1], [at - day, 1]]);
  });
});
