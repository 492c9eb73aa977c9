import { noPolicy } from '../../src/shared/preferences/managed-policy';
import type { PopupMessageKey, Translate } from '../../src/popup/i18n';
import { readMessages, type UiLocale } from '../harness/locales';
import { initialUiState, type PopupInput } from '../../src/popup/popup-view';
import { type AccountRecord, emptyLog, headlineRuleId, newAccountRecord, type Observation, type OptOutLog } from '../../src/shared/log/log-schema';
import { summarizeLog } from '../../src/shared/log/log-summary';
import type { LastResult, Operation } from '../../src/shared/storage/operation-state';
import type { OptOutOutcome } from '../../src/shared/log/outcome';
import { nextStepsFor } from '../../src/shared/log/outcome';
import { defaultPreferences } from '../../src/shared/preferences/preferences';

/** Shared fixtures for the popup tests (not a test file itself). */

/** `chrome.i18n.getMessage` semantics: named placeholders → their `$n` content → the substitutions. */
export function translatorFor(lang: UiLocale): Translate & { used: Set<string> } {
  const messages = readMessages(lang);
  const used = new Set<string>();
  const t = ((key: PopupMessageKey, substitutions: readonly string[] = []) => {
    used.add(key);
    const entry = messages[key];
    if (!entry) throw new Error(`missing message ${key} in ${lang}`);
    const withPlaceholders = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const placeholder = Object.entries(entry.placeholders ?? {}).find(([own]) => own.toLowerCase() === name.toLowerCase());
      if (!placeholder) throw new Error(`${key} in ${lang} uses $${name}$ without a placeholder`);
      return placeholder[1].content;
    });
    return withPlaceholders.replace(/\$(\d)/g, (_whole, digit: string) => substitutions[Number(digit) - 1] ?? '');
  }) as Translate & { used: Set<string> };
  t.used = used;
  return t;
}

export const now = Date.UTC(2026, 10, 29, 12, 0, 0);
export const hour = 3_600_000;
export const day = 24 * hour;

export function observation(overrides: Partial<Observation> = {}): Observation {
  const at = overrides.at ?? now - day;
  return {
    ruleId: headlineRuleId,
    at,
    lastAt: at,
    count: 1,
    outcome: 'off',
    trigger: 'user',
    lang: 'en',
    way: 'direct',
    extensionVersion: '1.0.0',
    totalMs: 4200,
    diagnostic: null,
    ...overrides,
  };
}

export function account(key: string, name: string, overrides: Partial<AccountRecord> = {}): AccountRecord {
  return { ...newAccountRecord({ key, name }, now - 10 * day), ...overrides };
}

export function logWith(accounts: AccountRecord[], currentAccountKey: string | null = null): OptOutLog {
  return { ...emptyLog(), accounts: Object.fromEntries(accounts.map((record) => [record.key, record])), currentAccountKey };
}

/** The view's input; the summary is derived from `log` unless given (a `log` of null: only the summary was read). */
export function input(overrides: Partial<PopupInput> = {}): PopupInput {
  const log = overrides.log === undefined ? emptyLog() : overrides.log;
  return {
    preferences: { ...defaultPreferences },
    policy: noPolicy,
    operation: null,
    lastResult: null,
    pendingSignIn: null,
    ui: initialUiState(),
    ...overrides,
    log,
    summary: overrides.summary ?? summarizeLog(log ?? emptyLog()),
  };
}

export function operation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'op-test-1',
    kind: 'opt-out',
    trigger: 'user',
    phase: 'reading',
    expectedAccount: null,
    cookieStore: null,
    tabId: 7,
    walk: false,
    startedAt: now - 2000,
    deadlineAt: now + 60_000,
    pageLoads: 1,
    clicked: false,
    clickedHook: null,
    clickedAccount: null,
    toggleFoundMs: null,
    plan: ['allowDataForGenerativeAI'],
    step: 0,
    done: [],
    nextStep: null,
    second: null,
    ...overrides,
  };
}

const timings = { startedAt: now - 5000, totalMs: 5000, toggleFoundMs: 1200 };

export function outcome(kind: OptOutOutcome['kind'], extra: { account?: { key: string; name: string } | null; diagnostic?: string } = {}): OptOutOutcome {
  const base = { account: extra.account ?? null, lang: 'de', way: 'direct' as const, timings };
  if (kind === 'off' || kind === 'turned-off' || kind === 'on') return { kind, ...base };
  return { kind, ...base, nextSteps: [...nextStepsFor[kind]], diagnostic: extra.diagnostic ?? `${kind} at step 2` };
}

export function lastResult(result: OptOutOutcome, overrides: Partial<LastResult> = {}): LastResult {
  return {
    operationId: 'op-test-1',
    kind: 'opt-out',
    trigger: 'user',
    finishedAt: now - 60_000,
    saved: true,
    accountKey: result.account?.key ?? null,
    outcome: result,
    settings: [{ ruleId: 'allowDataForGenerativeAI', outcome: result }],
    ...overrides,
  };
}
