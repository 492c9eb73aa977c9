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
      ['ada-lovelace', tricky.name, new Date(now - 2 * day).toISOString(), 'turned-off', 'user', 'en', 'direct', '1.0.0', ''],
      ['ada-lovelace', tricky.name, new Date(now - day).toISOString(), 'not-found', 'recheck', '', 'walk', '1.0.0', 'no switch, 2 candidates; "label" text\r\nmismatch'],
      ['bert', 'Bert', new Date(now - 3 * day).toISOString(), 'off', 'auto-fix', 'de', 'direct', '1.0.0', ''],
    ]);
  });

  it('quotes only what needs quoting and ends lines with CRLF', () => {
    const csv = logToCsv(log);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"Lovelace, Ada ""Countess""\nof Lovelace"');
    expect(csv).toContain('\r\nbert,Bert,');
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
