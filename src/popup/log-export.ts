import type { OptOutLog } from '../shared/log';

/** The whole log, as stored: the member's evidence, readable by any tool. */
export function logToJson(log: OptOutLog): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

export const csvColumns = [
  'account_key',
  'account_name',
  'time',
  'outcome',
  'trigger',
  'language',
  'way',
  'extension_version',
  'diagnostic',
] as const;

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * One row per observation, accounts in key order, each account's rows oldest first; CRLF line ends.
 * No formula escaping (a leading ' on "=…"): it would change the evidence, and every value comes from
 * the member's own session.
 */
export function logToCsv(log: OptOutLog): string {
  const rows: string[][] = [[...csvColumns]];
  const accounts = Object.values(log.accounts).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const account of accounts) {
    for (const observation of account.history) {
      rows.push([
        account.key,
        account.name,
        new Date(observation.at).toISOString(),
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
