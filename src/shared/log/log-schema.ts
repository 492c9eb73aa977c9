import * as z from 'zod/mini';
import { checked } from '../validation/checked';
import { AccountKey, AccountName, type AccountIdentity, failureKinds, outcomeKinds, Way } from './outcome';
import { aiTrainingRule } from '../rules/setting-rules';

/**
 * The per-account opt-out log: the member's evidence of when they objected. This file holds its schema;
 * reading stored values (migration and repair) is in `log-migration.ts`, recording in `log-recording.ts`,
 * and what the popup and badge show in `log-display.ts`.
 */

export const logVersion = 3;
export const maxRepairNotes = 50;
/** Results no page proved the account of, kept apart: the newest this many. */
export const maxUnconfirmed = 50;
export const maxAutoFixTimes = 10;

/** `policy`: the opt-out an organisation's policy starts on the first visit of a session (docs/organisations.md). */
export const triggers = ['user', 'recheck', 'auto-fix', 'policy'] as const;
export const Trigger = z.enum(triggers);
export type Trigger = z.infer<typeof Trigger>;

const EpochMs = checked(z.int(), z.nonnegative());
const FailureKindSchema = z.enum(failureKinds);

/**
 * Which setting an entry is about: a rule id from the rules table. Any well-formed id is kept, so a log
 * written by a later version with more settings is read without losing entries.
 */
export const ruleIdPattern = /^[a-z][A-Za-z0-9]{0,63}$/;
export const RuleIdText = checked(z.string(), z.regex(ruleIdPattern));
/** The headline setting's id, which every entry written before version 3 is about. */
export const headlineRuleId: string = aiTrainingRule.id;

export const Observation = z.object({
  /** The setting this check read (version 3; earlier entries were all about the headline setting). */
  ruleId: RuleIdText,
  /** When this was first seen; identical checks that follow are merged into this entry. */
  at: EpochMs,
  /** When it was last seen: equal to `at` unless `count` > 1. */
  lastAt: EpochMs,
  /** How many identical consecutive checks this entry stands for. */
  count: checked(z.int(), z.positive()),
  outcome: z.enum(outcomeKinds),
  trigger: Trigger,
  lang: z.nullable(checked(z.string(), z.maxLength(16))),
  way: Way,
  extensionVersion: checked(z.string(), z.maxLength(32)),
  totalMs: z.nullable(checked(z.number(), z.nonnegative())),
  diagnostic: z.nullable(checked(z.string(), z.maxLength(500))),
});
export type Observation = z.infer<typeof Observation>;

/** The toggle's last known position; problems are kept apart so a failed re-check never hides "off". */
export const toggleStates = ['on', 'off', 'unknown'] as const;
export const ToggleState = z.enum(toggleStates);
export type ToggleState = z.infer<typeof ToggleState>;

/** One setting's last known state and its history: the member's evidence for that setting. */
const settingShape = {
  /** Last time the toggle was actually read. */
  lastCheckedAt: z.nullable(EpochMs),
  state: ToggleState,
  /** The last attempt's failure, cleared by the next successful read. */
  problem: z.nullable(FailureKindSchema),
  /** When this extension turned it off and verified it. */
  optedOutAt: z.nullable(EpochMs),
  /** Since when it has been off without interruption. */
  offSince: z.nullable(EpochMs),
  /** When a read found it on after it had been off. Cleared once it is off again. */
  flippedBackAt: z.nullable(EpochMs),
  history: z.array(Observation),
};
export const SettingRecord = z.object(settingShape);
export type SettingRecord = z.infer<typeof SettingRecord>;

/** An account: the headline setting's record at the top (as in every version), the other settings by rule id. */
// Joined with z.extend, not a spread of shapes, so bundlers can drop it where nothing runs it (see outcome.ts).
export const AccountRecord = z.extend(z.extend(z.object({ key: AccountKey, name: AccountName, firstSeenAt: EpochMs, lastSeenAt: EpochMs }), settingShape), {
  /** Throttle for automatic re-checks, failures included. */
  lastAutoCheckAt: z.nullable(EpochMs),
  autoFailures: checked(z.int(), z.nonnegative()),
  /** Recent automatic fixes, to cap them per day. */
  autoFixTimes: checked(z.array(EpochMs), z.maxLength(maxAutoFixTimes)),
  /** The other settings the member chose, by rule id (version 3). */
  settings: z.record(RuleIdText, SettingRecord),
});
export type AccountRecord = z.infer<typeof AccountRecord>;

export const RepairNote = z.object({ at: EpochMs, where: checked(z.string(), z.maxLength(200)), problem: checked(z.string(), z.maxLength(300)) });
export type RepairNote = z.infer<typeof RepairNote>;

export const OptOutLog = z.object({
  version: z.literal(logVersion),
  accounts: z.record(AccountKey, AccountRecord),
  /** The account last seen signed in on any LinkedIn page. */
  currentAccountKey: z.nullable(AccountKey),
  repairs: checked(z.array(RepairNote), z.maxLength(maxRepairNotes)),
  /** Results whose page did not show which account was signed in: filed under no account, never as "off". */
  unconfirmed: z.optional(checked(z.array(Observation), z.maxLength(maxUnconfirmed))),
});
export type OptOutLog = z.infer<typeof OptOutLog>;
/** The log's fields, without reaching into the schema (the popup carries none). */
export const logFields = ['version', 'accounts', 'currentAccountKey', 'repairs', 'unconfirmed'] as const satisfies readonly (keyof OptOutLog)[];

/**
 * Account keys are chosen by members, and "constructor" or "__proto__" are valid LinkedIn identifiers:
 * a record is read only if it is the map's own, never through the object prototype.
 */
export function accountRecord(log: OptOutLog, key: string | null): AccountRecord | undefined {
  return key !== null && Object.hasOwn(log.accounts, key) ? log.accounts[key] : undefined;
}

export function emptyLog(): OptOutLog {
  return { version: logVersion, accounts: {}, currentAccountKey: null, repairs: [] };
}

export function newAccountRecord(identity: AccountIdentity, now: number): AccountRecord {
  return {
    key: identity.key,
    name: identity.name,
    firstSeenAt: now,
    lastSeenAt: now,
    lastCheckedAt: null,
    state: 'unknown',
    problem: null,
    optedOutAt: null,
    offSince: null,
    flippedBackAt: null,
    lastAutoCheckAt: null,
    autoFailures: 0,
    autoFixTimes: [],
    history: [],
    settings: {},
  };
}

export function newSettingRecord(): SettingRecord {
  return { lastCheckedAt: null, state: 'unknown', problem: null, optedOutAt: null, offSince: null, flippedBackAt: null, history: [] };
}

/** One setting's record of an account: the headline at the top, the others from `settings` (own keys only). */
export function settingRecordOf(record: AccountRecord, ruleId: string): SettingRecord | undefined {
  if (ruleId === headlineRuleId) return record;
  return Object.hasOwn(record.settings, ruleId) ? record.settings[ruleId] : undefined;
}
