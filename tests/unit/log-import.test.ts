import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackground } from '../../src/background/background';
import { mergeImportedLog, readImportedLog } from '../../src/background/log-import';
import { type AccountRecord, emptyLog, logVersion, type OptOutLog } from '../../src/shared/log/log-schema';
import { forgetAccount } from '../../src/shared/log/log-recording';
import { summarizeLog } from '../../src/shared/log/log-summary';
import { maxImportChars } from '../../src/shared/messages/import-limits';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { logToJson } from '../../src/popup/log-export';
import { FakeBrowser, popupSender } from './fake-browser';
import { account, day, hour, logWith, now, observation } from './popup-fixtures';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');

/** Two members with histories on the headline and one other setting, and a result no page named the account of. */
function loggedHere(): OptOutLog {
  const jana = account('jana-schmidt', 'Jana Schmidt', {
    state: 'off',
    lastCheckedAt: now - day,
    optedOutAt: now - 5 * day,
    offSince: now - 5 * day,
    lastAutoCheckAt: now - day,
    autoFailures: 1,
    history: [observation({ at: now - 5 * day, outcome: 'turned-off' }), observation({ at: now - 4 * day, lastAt: now - day, count: 4, trigger: 'recheck' })],
    settings: {
      allowAdsByAge: {
        lastCheckedAt: now - 2 * day,
        state: 'off',
        problem: null,
        optedOutAt: now - 2 * day,
        offSince: now - 2 * day,
        flippedBackAt: null,
        history: [observation({ ruleId: 'allowAdsByAge', at: now - 2 * day, outcome: 'turned-off' })],
      },
    },
  });
  const ada = account('ada', 'Ada', { state: 'on', lastCheckedAt: now - 3 * day, history: [observation({ at: now - 3 * day, outcome: 'on', trigger: 'recheck' })] });
  return { ...logWith([jana, ada], 'jana-schmidt'), unconfirmed: [observation({ at: now - 6 * day, outcome: 'account-unconfirmed', diagnostic: 'no header' })] };
}

function read(text: string): OptOutLog {
  const result = readImportedLog(text, now);
  if ('refusal' in result) throw new Error(`refused: ${result.refusal} (${result.detail})`);
  return result.log;
}

function entryCount(log: OptOutLog): number {
  const ofRecord = (record: AccountRecord) => record.history.length + Object.values(record.settings).reduce((sum, setting) => sum + setting.history.length, 0);
  return Object.values(log.accounts).reduce((sum, record) => sum + ofRecord(record), 0) + (log.unconfirmed?.length ?? 0);
}

describe('readImportedLog: the file is read with the log\'s own checks and migrations', () => {
  it('reads an export of this release exactly as it was written', () => {
    const log = loggedHere();
    expect(read(logToJson(log))).toEqual(log);
  });

  it('reads exports written by earlier releases (log versions 1 and 2) through the migrations', () => {
    for (const name of ['log-v1.json', 'log-v2.json']) {
      const log = read(fixture(name));
      expect(log.version, name).toBe(logVersion);
      expect(entryCount(log), name).toBeGreaterThan(0);
    }
  });

  it.each([
    ['not JSON', 'this is not json', 'not-json'],
    ['a JSON export cut off halfway', logToJson(loggedHere()).slice(0, 500), 'not-json'],
    ['JSON that is not a log', '{"hello":"world"}', 'not-a-log'],
    ['a list', '[]', 'not-a-log'],
    ['a log without accounts', JSON.stringify({ version: 3 }), 'not-a-log'],
    ['a log of a newer release', JSON.stringify({ ...emptyLog(), version: logVersion + 1 }), 'newer-version'],
    ['an entry edited to an unknown outcome', logToJson(loggedHere()).replace('"turned-off"', '"maybe-off"'), 'damaged'],
    ['an account key that is not a LinkedIn identifier', JSON.stringify({ ...emptyLog(), accounts: { 'a b': account('a b', 'A') } }), 'damaged'],
  ])('refuses %s as a whole', (_what, text, refusal) => {
    const result = readImportedLog(text, now);
    expect(result).toMatchObject({ refusal });
    expect('refusal' in result && result.detail.length).toBeGreaterThan(0);
  });

  it('refuses a file over the size limit before parsing it', () => {
    expect(readImportedLog(' '.repeat(maxImportChars + 1), now)).toMatchObject({ refusal: 'too-large' });
  });

  it('names where a damaged file cannot be read', () => {
    const text = logToJson(loggedHere()).replace('"turned-off"', '"maybe-off"');
    expect(readImportedLog(text, now)).toMatchObject({ detail: expect.stringMatching(/^accounts\["jana-schmidt"\]\.history\[0\]/) });
  });
});

describe('mergeImportedLog: every entry once, nothing here overwritten', () => {
  it('export, forget, import: the account comes back with every entry, the throttle of this browser starting afresh', () => {
    const here = loggedHere();
    const exported = read(logToJson(here));
    const forgotten = forgetAccount(here, 'jana-schmidt');
    const { log, added } = mergeImportedLog(forgotten, exported);
    expect(added).toBe(3);
    expect(log.accounts['jana-schmidt']).toEqual({ ...here.accounts['jana-schmidt'], lastAutoCheckAt: null, autoFailures: 0, autoFixTimes: [] });
    expect(log.accounts.ada).toEqual(forgotten.accounts.ada);
    expect(log.currentAccountKey).toBe(forgotten.currentAccountKey);
  });

  it('importing the same file again adds nothing and returns the log unchanged (nothing to write)', () => {
    const here = loggedHere();
    const once = mergeImportedLog(forgetAccount(here, 'ada'), read(logToJson(here)));
    const twice = mergeImportedLog(once.log, read(logToJson(here)));
    expect(twice.added).toBe(0);
    expect(twice.log).toBe(once.log);
    expect(mergeImportedLog(here, read(logToJson(here)))).toEqual({ log: here, added: 0 });
  });

  it('keeps an entry that went on here after the export, and takes one that went on longer in the file', () => {
    const here = loggedHere();
    const exported = read(logToJson(here));
    // After the export this browser saw the same "off" three more times.
    const grown = structuredClone(here);
    grown.accounts['jana-schmidt']!.history[1] = { ...grown.accounts['jana-schmidt']!.history[1]!, lastAt: now - hour, count: 7 };
    const merged = mergeImportedLog(grown, exported);
    expect(merged.added).toBe(0);
    expect(merged.log.accounts['jana-schmidt']!.history[1]).toMatchObject({ lastAt: now - hour, count: 7 });
    // The other way round: the file saw more of it than this browser.
    const back = mergeImportedLog(here, read(logToJson(grown)));
    expect(back.added).toBe(1);
    expect(back.log.accounts['jana-schmidt']!.history).toHaveLength(2);
    expect(back.log.accounts['jana-schmidt']!.history[1]).toMatchObject({ lastAt: now - hour, count: 7 });
  });

  it('interleaves entries of two browsers by time; the state is that of whichever read it last', () => {
    const here = loggedHere();
    const elsewhere = structuredClone(here);
    const jana = elsewhere.accounts['jana-schmidt']!;
    jana.history.push(observation({ at: now - 2 * hour, outcome: 'on', trigger: 'recheck', lang: 'de' }));
    Object.assign(jana, { state: 'on', lastCheckedAt: now - 2 * hour, flippedBackAt: now - 2 * hour, offSince: null });
    const older = structuredClone(here);
    older.accounts.ada = { ...older.accounts.ada!, state: 'off', lastCheckedAt: now - 9 * day, history: [observation({ at: now - 9 * day, outcome: 'off' })] };

    const newer = mergeImportedLog(here, read(logToJson(elsewhere)));
    expect(newer.added).toBe(1);
    expect(newer.log.accounts['jana-schmidt']).toMatchObject({ state: 'on', lastCheckedAt: now - 2 * hour, optedOutAt: now - 5 * day, lastAutoCheckAt: now - day, autoFailures: 1 });
    expect(newer.log.accounts['jana-schmidt']!.history.map((entry) => entry.outcome)).toEqual(['turned-off', 'off', 'on']);

    const stale = mergeImportedLog(here, read(logToJson(older)));
    expect(stale.added).toBe(1);
    expect(stale.log.accounts.ada).toMatchObject({ state: 'on', lastCheckedAt: now - 3 * day });
    expect(stale.log.accounts.ada!.history.map((entry) => entry.at)).toEqual([now - 9 * day, now - 3 * day]);
  });

  it('adds the other settings\' entries and the unconfirmed results without doubling them', () => {
    const here = loggedHere();
    const elsewhere = structuredClone(here);
    elsewhere.accounts['jana-schmidt']!.settings.allowAdsByAge!.history.push(observation({ ruleId: 'allowAdsByAge', at: now - day, outcome: 'off', trigger: 'recheck' }));
    elsewhere.unconfirmed!.push(observation({ at: now - hour, outcome: 'account-unconfirmed', diagnostic: 'no header' }));
    const { log, added } = mergeImportedLog(here, read(logToJson(elsewhere)));
    expect(added).toBe(2);
    expect(log.accounts['jana-schmidt']!.settings.allowAdsByAge!.history).toHaveLength(2);
    expect(log.unconfirmed).toHaveLength(2);
  });

  it('keeps an account named "__proto__" an account, and pollutes nothing', () => {
    const odd = account('__proto__', 'Proto', { history: [observation()] });
    const text = `{"version":3,"accounts":{"__proto__":${JSON.stringify(odd)}},"currentAccountKey":null,"repairs":[]}`;
    const { log, added } = mergeImportedLog(loggedHere(), read(text));
    expect(added).toBe(1);
    expect(Object.hasOwn(log.accounts, '__proto__')).toBe(true);
    expect(Object.keys(log.accounts).sort()).toEqual(['__proto__', 'ada', 'jana-schmidt']);
    expect(({} as Record<string, unknown>).history).toBeUndefined();
  });
});

describe('the background\'s import: through the store\'s queue, or nothing at all', () => {
  async function started(log: OptOutLog) {
    const fake = new FakeBrowser();
    await fake.storage.local.set({ [storageKeys.log]: log });
    const background = createBackground(fake, { now: () => now });
    await background.start();
    return { fake, background };
  }

  it('stores the merged log with its summary and answers how many entries were new', async () => {
    const here = loggedHere();
    const { fake, background } = await started(forgetAccount(here, 'jana-schmidt'));
    const answer = await background.route({ type: 'import-log', text: logToJson(here) }, popupSender);
    expect(answer).toEqual({ ok: true, value: { imported: true, added: 3 } });
    const stored = fake.storage.local.data.get(storageKeys.log) as OptOutLog;
    expect(stored.accounts['jana-schmidt']?.history).toEqual(here.accounts['jana-schmidt']?.history);
    expect(fake.storage.local.data.get(storageKeys.logSummary)).toEqual(summarizeLog(stored));
  });

  it.each([
    ['not JSON', '{"version":3,', 'not-json'],
    ['damaged', logToJson(loggedHere()).replace('"recheck"', '"sometimes"'), 'damaged'],
    ['newer', JSON.stringify({ ...emptyLog(), version: 99 }), 'newer-version'],
  ])('a file that is %s changes nothing in storage', async (_what, text, refusal) => {
    const { fake, background } = await started(loggedHere());
    const before = fake.storage.local.snapshot();
    const answer = await background.route({ type: 'import-log', text }, popupSender);
    expect(answer).toMatchObject({ ok: true, value: { imported: false, refusal } });
    expect(fake.storage.local.snapshot()).toBe(before);
  });

  it('takes an import only from the extension\'s own pages', async () => {
    const { fake, background } = await started(emptyLog());
    const before = fake.storage.local.snapshot();
    const fromLinkedIn = { id: popupSender.id, url: 'https://www.linkedin.com/feed/', frameId: 0, tab: { id: 3 } };
    expect(await background.route({ type: 'import-log', text: logToJson(loggedHere()) }, fromLinkedIn)).toMatchObject({ ok: false });
    expect(fake.storage.local.snapshot()).toBe(before);
  });
});
