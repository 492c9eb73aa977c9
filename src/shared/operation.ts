import { z } from 'zod';
import { Trigger } from './log';
import { OperationPhase, SwitchHook } from './messages';
import { AccountIdentity, OptOutOutcome } from './outcome';

/**
 * The one operation in flight, kept in `storage.session` so that a stopped service worker picks it up
 * again and the popup can show its progress. One at a time: a browser has one LinkedIn session.
 */
export const Operation = z.object({
  id: z.string().regex(/^op-[a-z0-9-]{4,64}$/),
  /** A check only reads; an opt-out turns the setting off when it reads on. A check can be upgraded. */
  kind: z.enum(['check', 'opt-out']),
  trigger: Trigger,
  phase: OperationPhase,
  /** The account last seen when the operation started: for the popup's progress only, never to file a result. */
  expectedAccount: AccountIdentity.nullable(),
  /** The inactive helper tab the operation opened, closed when it ends. */
  tabId: z.number().int().nullable(),
  /** Whether this operation takes the walk instead of the setting's own address. */
  walk: z.boolean(),
  startedAt: z.number().int().nonnegative(),
  /** After this the operation ends as `timeout`, whatever the page is doing. */
  deadlineAt: z.number().int().nonnegative(),
  /** Page loads seen in the helper tab: bounded, so a redirect loop ends the operation. */
  pageLoads: z.number().int().nonnegative(),
  /** The toggle was clicked off: the next page load is the verifying fresh load. */
  clicked: z.boolean(),
  /** Whose switch was clicked: a fresh load that shows someone else proves nothing about it. */
  clickedAccount: AccountIdentity.nullable(),
  /** How the clicked switch was identified: the fresh load must identify it the same way. */
  clickedHook: SwitchHook.nullable().default(null),
  toggleFoundMs: z.number().nonnegative().nullable(),
});
export type Operation = z.infer<typeof Operation>;

/** The last finished operation, shown by the popup even when no account could be named (signed out). */
export const LastResult = z.object({
  operationId: z.string(),
  /** What was asked for: a check only reads, so retrying it must not turn anything off. */
  kind: Operation.shape.kind,
  trigger: Trigger,
  finishedAt: z.number().int().nonnegative(),
  accountKey: z.string().nullable(),
  outcome: OptOutOutcome,
});
export type LastResult = z.infer<typeof LastResult>;

/** Set by the popup's "sign in" button: once an account shows up signed in, the opt-out continues. */
export const PendingSignIn = z.object({ requestedAt: z.number().int(), expiresAt: z.number().int() });
export type PendingSignIn = z.infer<typeof PendingSignIn>;

/** Storage keys, in one place so popup and background agree. */
export const storageKeys = {
  log: 'optOutLog',
  logBackup: 'optOutLogBackup',
  preferences: 'preferences',
  operation: 'operation',
  lastResult: 'lastResult',
  pendingSignIn: 'pendingSignIn',
} as const;
