import * as z from 'zod/mini';
import { checked } from '../validation/checked';
import { Trigger } from '../log/log-schema';
import { OperationPhase, operationIdPattern, SwitchHook } from '../messages/background-messages';
import { AccountIdentity, OptOutOutcome } from '../log/outcome';
import { aiTrainingRule, ruleIds } from '../rules/setting-rules';

const RuleId = z.enum(ruleIds);
/** One setting's result within an operation. */
export const SettingResult = z.object({ ruleId: RuleId, outcome: OptOutOutcome });
export type SettingResult = z.infer<typeof SettingResult>;

/**
 * Where the LinkedIn tab that asked keeps its cookies (README, Install: containers and private windows): two members side by side in two
 * Firefox containers, or one in a private window, are each checked as themselves. null: the default store.
 */
export const CookieStore = z.object({
  /** Firefox's tab.cookieStoreId, e.g. "firefox-container-2"; null in Chrome. */
  cookieStoreId: z.nullable(checked(z.string(), z.maxLength(200))),
  /** A private (incognito) window of that store: a new tab joins the store by opening there. */
  windowId: z.nullable(z.int()),
});
export type CookieStore = z.infer<typeof CookieStore>;

/** What an operation was asked for: a check only reads; an opt-out turns the setting off when it reads on. */
const OperationKind = z.enum(['check', 'opt-out']);

/**
 * A second helper tab working through the same plan beside the operation's own (the checkup in one pass): the
 * setting it is on and the state of its page, the same fields the operation keeps for its own tab.
 */
export const HelperLane = z.object({
  tabId: z.nullable(z.int()),
  step: checked(z.int(), z.nonnegative()),
  phase: OperationPhase,
  deadlineAt: checked(z.int(), z.nonnegative()),
  clicked: z.boolean(),
  clickedAccount: z.nullable(AccountIdentity),
  clickedHook: z.nullable(SwitchHook),
  toggleFoundMs: z.nullable(checked(z.number(), z.nonnegative())),
});
export type HelperLane = z.infer<typeof HelperLane>;

/**
 * The one operation in flight, kept in `storage.session` so that a stopped service worker picks it up
 * again and the popup can show its progress. One at a time: a browser has one LinkedIn session.
 */
export const Operation = z.object({
  id: checked(z.string(), z.regex(operationIdPattern)),
  /** A check only reads; an opt-out turns the setting off when it reads on. A check can be upgraded. */
  kind: OperationKind,
  trigger: Trigger,
  phase: OperationPhase,
  /** The account last seen when the operation started: for the popup's progress only, never to file a result. */
  expectedAccount: z.nullable(AccountIdentity),
  /** The cookie store the helper tab opens in; absent in records written before it was kept. */
  cookieStore: z._default(z.nullable(CookieStore), null),
  /** The inactive helper tab the operation opened, closed when it ends. */
  tabId: z.nullable(z.int()),
  /** Whether this operation takes the walk instead of the setting's own address. */
  walk: z.boolean(),
  startedAt: checked(z.int(), z.nonnegative()),
  /** After this the operation ends as `timeout`, whatever the page is doing. */
  deadlineAt: checked(z.int(), z.nonnegative()),
  /** Page loads seen in the helper tab: bounded, so a redirect loop ends the operation. */
  pageLoads: checked(z.int(), z.nonnegative()),
  /** The toggle was clicked off: the next page load is the verifying fresh load. */
  clicked: z.boolean(),
  /** Whose switch was clicked: a fresh load that shows someone else proves nothing about it. */
  clickedAccount: z.nullable(AccountIdentity),
  /** How the clicked switch was identified: the fresh load must identify it the same way. */
  clickedHook: z._default(z.nullable(SwitchHook), null),
  toggleFoundMs: z.nullable(checked(z.number(), z.nonnegative())),
  /** The settings this operation reads, in order: the headline first, then those the member chose. */
  plan: z._default(checked(z.array(RuleId), z.minLength(1)), () => [aiTrainingRule.id]),
  /** Which entry of the plan the helper tab is on; the fields above from `phase` on are about this one. */
  step: z._default(checked(z.int(), z.nonnegative()), 0),
  /** The settings already done, each with its own outcome (already recorded in the log). */
  done: z._default(z.array(SettingResult), () => []),
  /** The entry of the plan the next free helper tab takes; null: the one after `step` (one tab, as before). */
  nextStep: z._default(z.nullable(checked(z.int(), z.nonnegative())), null),
  /** The second helper tab, while one works beside this operation's own. */
  second: z._default(z.nullable(HelperLane), null),
});
export type Operation = z.infer<typeof Operation>;

/** The last finished operation, shown by the popup even when no account could be named (signed out). */
export const LastResult = z.object({
  operationId: z.string(),
  /** What was asked for: a check only reads, so retrying it must not turn anything off. */
  kind: OperationKind,
  trigger: Trigger,
  finishedAt: checked(z.int(), z.nonnegative()),
  accountKey: z.nullable(z.string()),
  /** False when the log could not be written (storage full): the popup must say the evidence is missing. */
  saved: z.boolean(),
  /** The headline setting's outcome, or the first setting's when the headline was not reached. */
  outcome: OptOutOutcome,
  /** Every setting's outcome in this operation, in order (the headline's included). */
  settings: z._default(z.array(SettingResult), () => []),
});
export type LastResult = z.infer<typeof LastResult>;

/**
 * Set by the popup's "sign in" button: once an account shows up signed in in that cookie store, the opt-out
 * continues there; a member signed in in another store does not take it. Absent in records written before.
 */
export const PendingSignIn = z.object({ requestedAt: z.int(), expiresAt: z.int(), cookieStore: z._default(z.nullable(CookieStore), null) });
export type PendingSignIn = z.infer<typeof PendingSignIn>;

/**
 * A start asked for in one cookie store while the operation of another runs (one operation at a time):
 * it waits in line and starts, with this id, once that one has ended. Never dropped, never merged across stores.
 */
export const WaitingStart = z.object({
  id: checked(z.string(), z.regex(operationIdPattern)),
  kind: OperationKind,
  trigger: Trigger,
  walk: z.boolean(),
  cookieStore: z.nullable(CookieStore),
});
export type WaitingStart = z.infer<typeof WaitingStart>;
/** One per cookie store at most, so the line stays short whatever pages report. */
export const WaitingStarts = checked(z.array(WaitingStart), z.maxLength(50));
export type WaitingStarts = z.infer<typeof WaitingStarts>;

/**
 * The member last identified on a LinkedIn page in each cookie store, keyed by `storeKeyOf`: while it is
 * recent and nothing is due for them, a page there whose header shows nobody yet is not asked to wait for it (it would cost every page load).
 */
export const IdentifiedStores = z.record(checked(z.string(), z.maxLength(250)), z.object({ account: AccountIdentity, at: z.int() }));
export type IdentifiedStores = z.infer<typeof IdentifiedStores>;
