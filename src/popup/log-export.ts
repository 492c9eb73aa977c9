import type { OptOutLog } from '../shared/log/log-schema';

/** The whole log, as stored: the member's evidence, readable by any tool. */
export function logToJson(log: OptOutLog): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

export const csvColumns = [
  'account_key',
  'account_name',
  'setting',
  'time',
  'last_time',
  'count',
  'outcome',
  'trigger',
  'language',
  'way',
  'extension_version',
  'diagnostic',
] as const;

/** Leading characters that make a spreadsheet run the cell as a formula (OWASP "CSV injection"). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. A cell a
 * spreadsheet would execute gets a leading apostrophe: names and diagnostics come from LinkedIn's pages.
 * The JSON export keeps every value exactly as stored.
 */
export function csvField(value: string): string {
  const inert = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

/**
 * One row per setting per check (repeats merged: first and last time, count), accounts in key order; in
 * each account the headline setting's rows, then each other setting's, every history in its stored
 * order (the order things happened, even when the clock was set back); CRLF line ends.
 */
export function logToCsv(log: OptOutLog): string {
  const rows: string[][] = [[...csvColumns]];
  const accounts = Object.values(log.accounts).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const account of accounts) {
    const entries = [account.history, ...Object.values(account.settings).map((setting) => setting.history)].flat();
    for (const observation of entries) {
      rows.push([
        account.key,
        account.name,
        observation.ruleId,
        new Date(observation.at).toISOString(),
        new Date(observation.lastAt).toISOString(),
        String(observation.count),
        observation.outcome,
        observation.trigger,
        observation.lang ?? '',
        observation.way,
        observation.extensionVersion,
        observation.diagnostic ?? '',
      ]);
    }
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** `linkedin-ai-optout-log-2026-11-29.json`, dated in the member's own time zone. */
export function exportFileName(now: number, extension: 'json' | 'csv'): string {
  const date = new Date(now);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `linkedin-ai-optout-log-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.${extension}`;
}
