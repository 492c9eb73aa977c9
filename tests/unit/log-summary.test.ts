import { describe, expect, it } from 'vitest';
import { emptyLog, headlineRuleId, logVersion, newSettingRecord } from '../../src/shared/log/log-schema';
import { recordOutcome } from '../../src/shared/log/log-recording';
import { accountSummary, type LogSummary, readLogSummary, sameSummary, summarizeLog, summaryVersion } from '../../src/shared/log/log-summary';
import { otherRuleIds } from '../../src/shared/rules/setting-rules';
import { account, day, logWith, now, observation, outcome } from './popup-fixtures';

const research = otherRuleIds[0]!;

const ada = account('ada', 'Ada Lovelace', {
  state: 'off',
  lastCheckedAt: now - day,
  optedOutAt: now - 3 * day,
  offSince: now - 3 * day,
  history: [observation({ at: now - 3 * day, outcome: 'turned-off' }), observation({ at: now - 2 * day, lastAt: now - day, count: 2 })],
  settings: { [research]: { ...newSettingRecord(), state: 'on', flippedBackAt: now - day, history: [observation({ ruleId: research, outcome: 'on' })] } },
});
const bert = account('bert', 'Bert', { state: 'unknown', problem: 'signed-out' });

describe('summarizeLog: what the first screen shows, derived from the log alone', () => {
  it('keeps each account’s state, times and counts, and each other setting’s state, without the histories', () => {
    const summary = summarizeLog(logWith([ada, bert], 'ada'));
    expect(summary).toEqual({
      version: summaryVersion,
      logVersion,
      currentAccountKey: 'ada',
      accounts: [
        {
          key: 'ada',
          name: 'Ada Lovelace',
          firstSeenAt: ada.firstSeenAt,
          lastCheckedAt: now - day,
          state: 'off',
          problem: null,
          optedOutAt: now - 3 * day,
          offSince: now - 3 * day,
          flippedBackAt: null,
          historyCount: 2,
          newestAt: now - day,
          settings: [{ ruleId: research, state: 'on', problem: null }],
        },
        {
          key: 'bert',
          name: 'Bert',
          firstSeenAt: bert.firstSeenAt,
          lastCheckedAt: null,
          state: 'unknown',
          problem: 'signed-out',
          optedOutAt: null,
          offSince: null,
          flippedBackAt: null,
          historyCount: 0,
          newestAt: null,
          settings: [],
        },
      ],
    });
    expect(JSON.stringify(summary)).not.toContain('history"');
  });

  it('follows every recorded outcome: the summary of the log after a flip-back says on, with the time', () => {
    const recorded = recordOutcome(logWith([ada], 'ada'), outcome('on', { account: { key: 'ada', name: 'Ada Lovelace' } }), {
      ruleId: headlineRuleId,
      trigger: 'recheck',
      now,
      extensionVersion: '1.0.0',
    });
    expect(accountSummary(summarizeLog(recorded.log), 'ada')).toMatchObject({ state: 'on', flippedBackAt: now, lastCheckedAt: now, historyCount: 3, newestAt: now });
  });

  it('keeps an account named "__proto__" as a row of its own', () => {
    const log = logWith([account('__proto__', 'Proto')], '__proto__');
    const summary = summarizeLog(log);
    expect(summary.accounts.map((row) => row.key)).toEqual(['__proto__']);
    expect(readLogSummary(JSON.parse(JSON.stringify(summary)))).toEqual(summary);
    expect(accountSummary(summary, 'constructor')).toBeUndefined();
  });
});

describe('readLogSummary: a stored summary is shown only when it is whole and of this version', () => {
  const good = summarizeLog(logWith([ada, bert], 'ada'));
  const stored = (): LogSummary => JSON.parse(JSON.stringify(good)) as LogSummary;

  it('reads back what was written, equal to it', () => {
    const read = readLogSummary(stored());
    expect(read).toEqual(good);
    expect(read && sameSummary(read, good)).toBe(true);
    expect(sameSummary(good, summarizeLog(logWith([ada], 'ada')))).toBe(false);
  });

  const broken: Array<[string, (summary: Record<string, unknown> & LogSummary) => unknown]> = [
    ['missing', () => undefined],
    ['not an object', () => 'summary'],
    ['another summary format', (summary) => ({ ...summary, version: summaryVersion + 1 })],
    ['derived from an older log version', (summary) => ({ ...summary, logVersion: logVersion - 1 })],
    ['derived from a newer log version', (summary) => ({ ...summary, logVersion: logVersion + 1 })],
    ['a state that is no state', (summary) => ({ ...summary, accounts: [{ ...summary.accounts[0], state: 'of' }, summary.accounts[1]] })],
    ['a negative time', (summary) => ({ ...summary, accounts: [{ ...summary.accounts[0], lastCheckedAt: -5 }, summary.accounts[1]] })],
    ['an account without its state', (summary) => ({ ...summary, accounts: [{ ...summary.accounts[0], state: undefined }, summary.accounts[1]] })],
    ['an unknown field', (summary) => ({ ...summary, accounts: [{ ...summary.accounts[0], history: [] }, summary.accounts[1]] })],
    ['an account key that is no LinkedIn identifier', (summary) => ({ ...summary, accounts: [{ ...summary.accounts[0], key: 'a b' }, summary.accounts[1]] })],
    ['two rows for one account', (summary) => ({ ...summary, accounts: [summary.accounts[0], summary.accounts[0]] })],
    ['a current account without a row', (summary) => ({ ...summary, currentAccountKey: 'carla' })],
    ['accounts not a list', (summary) => ({ ...summary, accounts: { ada: summary.accounts[0] } })],
  ];
  it.each(broken)('is not shown when %s', (_name, breakIt) => {
    expect(readLogSummary(breakIt(stored() as Record<string, unknown> & LogSummary))).toBeNull();
  });

  it('an empty log has a summary with no rows', () => {
    expect(readLogSummary(summarizeLog(emptyLog()))).toEqual({ version: summaryVersion, logVersion, currentAccountKey: null, accounts: [] });
  });
});
