import type { AccountRecord } from '../shared/log/log-schema';
import type { LastResult } from '../shared/storage/operation-state';

/**
 * The text behind "Copy report": enough to fix the extension, nothing about the member.
 * No names, no account keys, no addresses with ids, no exact times (durations only).
 * Always in English: it is read by the people who fix the extension, not by the member.
 */

export type ReportEnvironment = { extensionVersion: string; browser: string };

/** "Chrome 131", "Edge 131", "Firefox 140": the family and major version only. */
export function browserFamily(userAgent: string): string {
  const families: Array<[string, RegExp]> = [
    ['Edge', /\bEdg\/(\d+)/],
    ['Opera', /\bOPR\/(\d+)/],
    ['Firefox', /\bFirefox\/(\d+)/],
    ['Chrome', /\bChrome\/(\d+)/],
    ['Safari', /\bVersion\/(\d+).*Safari\//],
  ];
  for (const [family, pattern] of families) {
    const match = pattern.exec(userAgent);
    if (match) return `${family} ${match[1]}`;
  }
  return 'other';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The diagnostic is promised to hold no personal data; this is the second line of defence:
 * the accounts' names and keys, profile paths, URNs, e-mail addresses and query strings are masked.
 */
export function redactPersonalData(text: string, accounts: readonly Pick<AccountRecord, 'key' | 'name'>[]): string {
  const known = accounts
    .flatMap((account) => [account.name.trim(), account.key])
    .filter((value) => value.length >= 2)
    // Longest first, so "Ada Lovelace" is masked whole before "Ada".
    .sort((a, b) => b.length - a.length);
  let redacted = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]')
    .replace(/urn:li:[\w]+:[^\s,;)"']+/gi, 'urn:li:[id]')
    .replace(/\/in\/[^\s/?#"']+/gi, '/in/[id]')
    // Query strings and fragments carry tracking ids: keep the path, drop the rest.
    .replace(/([\w\-/.:]+)[?#][^\s"',]+/g, '$1');
  for (const value of known) {
    redacted = redacted.replace(new RegExp(escapeRegExp(value), 'giu'), '[account]');
  }
  return redacted;
}

function seconds(ms: number | null): string {
  return ms === null ? '-' : `${(ms / 1000).toFixed(1)} s`;
}

/** `policyIgnored`: the organisation's policy values the extension ignored, each with its reason (docs/organisations.md). */
export function buildProblemReport(
  result: LastResult,
  accounts: readonly Pick<AccountRecord, 'key' | 'name'>[],
  environment: ReportEnvironment,
  policyIgnored: readonly string[] = [],
): string {
  const { outcome } = result;
  // Where the engine could not be certain it appends the page's shape (docs/linkedin.md, "Page-shape reports"): one line each.
  const [diagnostic = '-', shape] = ('diagnostic' in outcome ? redactPersonalData(outcome.diagnostic, accounts) : '-').split(' | shape ');
  // The schema allows any short string here; only a language tag passes through.
  const lang = outcome.lang && /^[a-z]{2,3}([-_][a-z0-9]{2,8})?$/i.test(outcome.lang) ? outcome.lang : '-';
  return [
    'LinkedIn AI training opt-out: problem report',
    `outcome: ${outcome.kind}`,
    `started by: ${result.trigger}`,
    `way: ${outcome.way}`,
    `page language: ${lang}`,
    `total time: ${seconds(outcome.timings.totalMs)}`,
    `toggle found after: ${seconds(outcome.timings.toggleFoundMs)}`,
    `diagnostic: ${diagnostic}`,
    ...(shape ? ['page shape:', ...shape.split('; ').map((part) => `  ${part}`)] : []),
    `extension version: ${environment.extensionVersion}`,
    `browser: ${environment.browser}`,
    ...policyIgnored.map((line) => `policy value ignored: ${redactPersonalData(line, accounts)}`),
  ].join('\n');
}
