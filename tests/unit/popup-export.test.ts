import { describe, expect, it } from 'vitest';
import { csvColumns, exportFileName, logToCsv, logToJson } from '../../src/popup/log-export';
import { parseCsv } from '../harness/csv';
import { account, day, logWith, now, observation } from './popup-fixtures';

const tricky = account('ada-lovelace', 'Lovelace, Ada "Countess"\nof Lovelace', {
  history: [
    observation({ at: now - 2 * day, outcome: 'turned-off', diagnostic: null }),
    observation({ at: now - day, outcome: 'not-found', trigger: 'recheck', lang: null, way: 'walk', diagnostic: 'no switch, 2 candidates; "label" text\r\nmismatch' }),
  ],
});
const plain = account('bert', 'Bert', { history: [observation({ at: now - 3 * day, outcome: 'off', trigger: 'auto-fix', lang: 'de' })] });
const log = logWith([tricky, plain], 'bert');

describe('log export', () => {
  it('writes the log itself as pretty JSON', () => {
    const json = logToJson(log);
    expect(JSON.parse(json)).toEqual(log);
    expect(json).toContain('\n  "accounts"');
  });

  it('writes one CSV row per observation that parses back to the history', () => {
    const rows = parseCsv(logToCsv(log));
    expect(rows[0]).toEqual([...csvColumns]);
    expect(rows.slice(1)).toEqual([
      ['ada-lovelace', tricky.name, 'allowDataForGenerativeAI', new Date(now - 2 * day).toISOString(), new Date(now - 2 * day).toISOString(), '1', 'turned-off', 'user', 'en', 'direct', '1.0.0', ''],
      ['ada-lovelace', tricky.name, 'allowDataForGenerativeAI', new Date(now - day).toISOString(), new Date(now - day).toISOString(), '1', 'not-found', 'recheck', '', 'walk', '1.0.0', 'no switch, 2 candidates; "label" text\r\nmismatch'],
      ['bert', 'Bert', 'allowDataForGenerativeAI', new Date(now - 3 * day).toISOString(), new Date(now - 3 * day).toISOString(), '1', 'off', 'auto-fix', 'de', 'direct', '1.0.0', ''],
    ]);
  });

  it('quotes only what needs quoting and ends lines with CRLF', () => {
    const csv = logToCsv(log);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"Lovelace, Ada ""Countess""\nof Lovelace"');
    expect(csv).toContain('\r\nbert,Bert,');
  });

  it('neutralises every cell a spreadsheet would execute, and leaves other cells alone', () => {
    const dangerous = ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const history = dangerous.map((diagnostic, index) => observation({ at: now - index, outcome: 'not-found', diagnostic }));
    const rows = parseCsv(logToCsv(logWith([account('carla', '=cmd|calc', { history })])));
    const column = (name: string) => csvColumns.indexOf(name as (typeof csvColumns)[number]);
    for (const [index, row] of rows.slice(1).entries()) {
      expect(row[column('diagnostic')]).toBe(`'${dangerous[index]}`);
      expect(row[column('account_name')]).toBe("'=cmd|calc");
      // Nothing a spreadsheet executes is left at the start of any cell.
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    const [, harmless] = parseCsv(logToCsv(logWith([account('dora', 'Dora O\'Neil', { history: [observation({ diagnostic: 'a-b = c' })] })])));
    expect(harmless![column('account_name')]).toBe("Dora O'Neil");
    expect(harmless![column('diagnostic')]).toBe('a-b = c');
  });

  it('writes merged repeats as one row with the first and last time and the count', () => {
    const merged = observation({ at: now - 3 * day, lastAt: now - day, count: 3 });
    const [, row] = parseCsv(logToCsv(logWith([account('erik', 'Erik', { history: [merged] })])));
    expect(row!.slice(3, 6)).toEqual([new Date(now - 3 * day).toISOString(), new Date(now - day).toISOString(), '3']);
  });

  it('writes just the header for an empty log', () => {
    expect(parseCsv(logToCsv(logWith([])))).toEqual([[...csvColumns]]);
  });

  it('names files by date', () => {
    const local = new Date(2026, 10, 29, 15, 30).getTime();
    expect(exportFileName(local, 'json')).toBe('linkedin-ai-optout-log-2026-11-29.json');
    expect(exportFileName(local, 'csv')).toBe('linkedin-ai-optout-log-2026-11-29.csv');
  });
});

describe('export of the checkup', () => {
  it('keeps one row per setting per check, each naming its setting', () => {
    const setting = (ruleId: string, at: number, outcome: 'turned-off' | 'not-offered') => ({
      lastCheckedAt: at,
      state: 'off' as const,
      problem: null,
      optedOutAt: null,
      offSince: null,
      flippedBackAt: null,
      history: [observation({ ruleId, at, outcome })],
    });
    const checked = account('carla', 'Carla', {
      history: [observation({ at: now - day, outcome: 'turned-off' }), observation({ at: now, outcome: 'off', trigger: 'recheck' })],
      settings: {
        allowAnonymizedDataResearch: setting('allowAnonymizedDataResearch', now - day, 'turned-off'),
        allowAdsByAge: setting('allowAdsByAge', now - day, 'not-offered'),
      },
    });
    const rows = parseCsv(logToCsv(logWith([checked])));
    const column = csvColumns.indexOf('setting');
    expect(rows.slice(1).map((row) => [row[column], row[csvColumns.indexOf('outcome')]])).toEqual([
      ['allowDataForGenerativeAI', 'turned-off'],
      ['allowDataForGenerativeAI', 'off'],
      ['allowAnonymizedDataResearch', 'turned-off'],
      ['allowAdsByAge', 'not-offered'],
    ]);
  });
});
