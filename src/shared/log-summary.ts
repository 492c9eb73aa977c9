import * as z from 'zod/mini';
import { isAccountKey } from './account-key';
import type { AccountRecord, OptOutLog, SettingRecord, ToggleState } from './log';
import { logVersion } from './log';
import type { FailureKind } from './outcome';

/**
 * What the popup's first screen shows of the log, kept beside it so the popup need not read and check
 * the whole log (4 MB at the cap) before it paints. A cache, never evidence: derived from the log by
 * `summarizeLog` alone, written only in the same storage write as the log it was derived from
 * (`src/background/store.ts`), and whenever it is missing, unreadable or from another log version the
 * popup reads the log itself.
 */

/** The summary's own format; a stored summary of another format is not read. */
export const summaryVersion = 1;

const toggleStates = ['on', 'off', 'unknown'] as const satisfies readonly ToggleState[];
const failureKinds = Object.keys({
  'signed-out': true,
  challenge: true,
  'not-offered': true,
  'not-found': true,
  'save-failed': true,
  timeout: true,
  unreadable: true,
  'account-unconfirmed': true,
} satisfies Record<FailureKind, true>) as [FailureKind, ...FailureKind[]];

const EpochMs = z.int().check(z.nonnegative());
const Problem = z.nullable(z.enum(failureKinds));

/** Another chosen setting of an account: only what decides the word its row shows. */
const SettingSummary = z.strictObject({
  ruleId: z.string().check(z.maxLength(64)),
  state: z.enum(toggleStates),
  problem: Problem,
});
export type SettingSummary = z.infer<typeof SettingSummary>;

/** One account as its row shows it, history aside: how many entries and when the newest was last seen. */
export const AccountSummary = z.strictObject({
  key: z.string().check(z.refine(isAccountKey)),
  name: z.string().check(z.maxLength(200)),
  firstSeenAt: EpochMs,
  lastCheckedAt: z.nullable(EpochMs),
  state: z.enum(toggleStates),
  problem: Problem,
  optedOutAt: z.nullable(EpochMs),
  offSince: z.nullable(EpochMs),
  flippedBackAt: z.nullable(EpochMs),
  historyCount: z.int().check(z.nonnegative()),
  newestAt: z.nullable(EpochMs),
  settings: z.array(SettingSummary),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const LogSummary = z.strictObject({
  version: z.literal(summaryVersion),
  /** The version of the log it was derived from: one from another log version is not read. */
  logVersion: z.literal(logVersion),
  currentAccountKey: z.nullable(z.string()),
  /** A list, not a map: account keys such as "__proto__" are valid LinkedIn identifiers. */
  accounts: z.array(AccountSummary),
});
export type LogSummary = z.infer<typeof LogSummary>;

function summarizeSetting(ruleId: string, record: SettingRecord): SettingSummary {
  return { ruleId, state: record.state, problem: record.problem };
}

function summarizeAccount(record: AccountRecord): AccountSummary {
  return {
    key: record.key,
    name: record.name,
    firstSeenAt: record.firstSeenAt,
    lastCheckedAt: record.lastCheckedAt,
    state: record.state,
    problem: record.problem,
    optedOutAt: record.optedOutAt,
    offSince: record.offSince,
    flippedBackAt: record.flippedBackAt,
    historyCount: record.history.length,
    newestAt: record.history.at(-1)?.lastAt ?? null,
    settings: Object.entries(record.settings).map(([ruleId, setting]) => summarizeSetting(ruleId, setting)),
  };
}

/** The summary of a (read and repaired) log: the one way a summary is made. */
export function summarizeLog(log: OptOutLog): LogSummary {
  return {
    version: summaryVersion,
    logVersion,
    currentAccountKey: log.currentAccountKey,
    accounts: Object.values(log.accounts).map(summarizeAccount),
  };
}

/**
 * A stored summary the popup may show, or null: missing, unreadable, of another format or log version,
 * or not whole (two rows for one account, a current account that has no row). Never throws.
 */
export function readLogSummary(raw: unknown): LogSummary | null {
  const parsed = LogSummary.safeParse(raw);
  if (!parsed.success) return null;
  const summary = parsed.data;
  const keys = new Set(summary.accounts.map((account) => account.key));
  if (keys.size !== summary.accounts.length) return null;
  if (summary.currentAccountKey !== null && !keys.has(summary.currentAccountKey)) return null;
  return summary;
}

/** One account's row, by key; none for a key the summary does not hold. */
export function accountSummary(summary: LogSummary, key: string | null): AccountSummary | undefined {
  return key === null ? undefined : summary.accounts.find((account) => account.key === key);
}

/** Whether two summaries say the same (the store rewrites a stored one that does not). */
export function sameSummary(a: LogSummary, b: LogSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
