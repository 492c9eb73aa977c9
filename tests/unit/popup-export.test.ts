import { describe, expect, it } from 'vitest';
import { csvColumns, exportFileName, logToCsv, logToJson } from '../../src/popup/log-export';
import { account, day, logWith, now, observation } from './popup-fixtures';

/** A strict RFC 4180 reader, so the test does not trust the writer's own idea of quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${index}`);
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else if (char === '\n' || char === '\r') {
      throw new Error(`bare line break outside quotes at ${index}`);
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

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
