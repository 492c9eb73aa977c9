import { describe, expect, it } from 'vitest';
import { browserFamily, buildProblemReport, redactPersonalData } from '../../src/popup/problem-report';
import { account, lastResult, logWith, outcome } from './popup-fixtures';

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
const log = logWith([account(jana.key, jana.name), account('max-muster', 'Max Muster')], jana.key);
const environment = { extensionVersion: '1.2.3', browser: 'Chrome 131' };

describe('problem report', () => {
  it('says what went wrong, where and with what', () => {
    const report = buildProblemReport(lastResult(outcome('not-found', { account: jana, diagnostic: 'no switch among 3 checkboxes' })), Object.values(log.accounts), environment);
    expect(report).toContain('outcome: not-found');
    expect(report).toContain('way: direct');
    expect(report).toContain('page language: de');
    expect(report).toContain('total time: 5.0 s');
    expect(report).toContain('toggle found after: 1.2 s');
    expect(report).toContain('diagnostic: no switch among 3 checkboxes');
    expect(report).toContain('extension version: 1.2.3');
    expect(report).toContain('browser: Chrome 131');
  });

  it('names the new safe failures by their kind', () => {
    for (const kind of ['unreadable', 'account-unconfirmed'] as const) {
      const report = buildProblemReport(lastResult(outcome(kind, { diagnostic: 'the switch never settled: it is disabled' })), Object.values(log.accounts), environment);
      expect(report).toContain(`outcome: ${kind}`);
      expect(report).toContain('diagnostic: the switch never settled: it is disabled');
    }
  });

  it('holds no names, account keys, profile addresses or exact times, even if the diagnostic slipped', () => {
    const diagnostic =
      'Jana Schmidt at https://www.linkedin.com/in/jana-schmidt-4711/?trk=nav, urn:li:fs_miniProfile:ACoAAB123, ' +
      'JANA SCHMIDT, max-muster, mail jana@example.com, /mypreferences/d/settings/data-for-ai-improvement?x=1';
    const result = lastResult(outcome('save-failed', { account: jana, diagnostic }), { accountKey: jana.key });
    const report = buildProblemReport(result, Object.values(log.accounts), environment);
    for (const personal of ['Jana', 'Schmidt', 'jana-schmidt-4711', 'Max Muster', 'max-muster', 'ACoAAB123', 'example.com', 'trk=', '?x=1']) {
      expect(report.toLowerCase()).not.toContain(personal.toLowerCase());
    }
    expect(report).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(report).toContain('/mypreferences/d/settings/data-for-ai-improvement');
  });

  it('masks the longer of overlapping names first', () => {
    const overlapping = logWith([account('ada', 'Ada'), account('ada-lovelace', 'Ada Lovelace')]);
    expect(redactPersonalData('Ada Lovelace and ada', Object.values(overlapping.accounts))).toBe('[account] and [account]');
  });

  it('passes only a language tag as the language', () => {
    const strange = { ...outcome('timeout'), lang: 'Jana!' } as ReturnType<typeof outcome>;
    expect(buildProblemReport(lastResult(strange), Object.values(log.accounts), environment)).toContain('page language: -');
  });
});

describe('browserFamily', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome 131'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70', 'Edge 131'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', 'Firefox 140'],
    ['curl/8', 'other'],
  ])('%s → %s', (userAgent, family) => {
    expect(browserFamily(userAgent)).toBe(family);
  });
});

describe('problem report under an organisation\'s policy', () => {
  it('lists each policy value the extension ignored, for whoever fixes the policy', () => {
    const ignored = ['recheckIntervalHours: expected a whole number from 1 to 720; ignored', 'keepItOn: not a policy of this extension; ignored'];
    const report = buildProblemReport(lastResult(outcome('not-found', { diagnostic: 'no switch' })), Object.values(log.accounts), environment, ignored);
    expect(report.split('\n').slice(-2)).toEqual(ignored.map((line) => `policy value ignored: ${line}`));
    expect(buildProblemReport(lastResult(outcome('not-found', { diagnostic: 'no switch' })), Object.values(log.accounts), environment)).not.toContain('policy');
  });
});
