import { accountKeyPattern } from '../rules/account-key';
import type { AccountRecord, OptOutLog, SettingRecord, ToggleState } from './log-schema';
import { logVersion, toggleStates } from './log-schema';
import { type FailureKind, failureKinds } from './outcome';
import { type Check, epochMs, list, matching, nullable, object, oneOf, text, unreadable, wholeNumber } from '../validation/checks';

/**
 * What the popup's first screen shows of the log, kept beside it so the popup need not read and check
 * the whole log (4 MB at the cap) before it paints. A cache, never evidence: derived from the log by
 * `summarizeLog` alone, written only in the same storage write as the log it was derived from
 * (`src/background/store.ts`), and whenever it is missing, unreadable or from another log version the
 * popup reads the log itself. Read with the popup's zod-free checks: the popup's bundle budget has no room for zod.
 */

/** The summary's own format; a stored summary of another format is not read. */
export const summaryVersion = 1;

/** Another chosen setting of an account: only what decides the word its row shows. */
export type SettingSummary = { ruleId: string; state: ToggleState; problem: FailureKind | null };

/** One account as its row shows it, history aside: how many entries and when the newest was last seen. */
export type AccountSummary = {
  key: string;
  name: string;
  firstSeenAt: number;
  lastCheckedAt: number | null;
  state: ToggleState;
  problem: FailureKind | null;
  optedOutAt: number | null;
  offSince: number | null;
  flippedBackAt: number | null;
  historyCount: number;
  newestAt: number | null;
  settings: SettingSummary[];
};

export type LogSummary = {
  version: typeof summaryVersion;
  /** The version of the log it was derived from: one from another log version is not read. */
  logVersion: typeof logVersion;
  currentAccountKey: string | null;
  /** A list, not a map: account keys such as "__proto__" are valid LinkedIn identifiers. */
  accounts: AccountSummary[];
};

const exactly = <const T>(wanted: T): Check<T> => ({ expects: String(wanted), read: (value) => (value === wanted ? wanted : unreadable) });
const problem = nullable(oneOf(failureKinds));
const state = oneOf(toggleStates);

const settingSummaryCheck = object<SettingSummary>({ ruleId: text(64), state, problem }, true);

const accountSummaryCheck = object<AccountSummary>(
  {
    key: matching(accountKeyPattern, 'a LinkedIn public identifier'),
    name: text(200),
    firstSeenAt: epochMs,
    lastCheckedAt: nullable(epochMs),
    state,
    problem,
    optedOutAt: nullable(epochMs),
    offSince: nullable(epochMs),
    flippedBackAt: nullable(epochMs),
    historyCount: wholeNumber(0),
    newestAt: nullable(epochMs),
    settings: list(settingSummaryCheck),
  },
  true,
);

const logSummaryCheck = object<LogSummary>(
  {
    version: exactly(summaryVersion),
    logVersion: exactly(logVersion),
    currentAccountKey: nullable(text()),
    accounts: list(accountSummaryCheck),
  },
  true,
);

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
  const summary = logSummaryCheck.read(raw);
  if (summary === unreadable) return null;
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
