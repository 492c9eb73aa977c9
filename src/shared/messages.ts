import { z } from 'zod';
import { AccountIdentity, Way } from './outcome';
import { Preferences } from './preferences';
import { SettingRule } from './rules';

/**
 * Every message the background receives, one discriminated union, each type checked on arrival.
 * Content scripts and extension pages may each send only their own types (see `senderKindFor`).
 * Objects are strict: a key the contract does not define makes the whole message refused.
 */

const OperationId = z.string().regex(/^op-[a-z0-9-]{4,64}$/);

/** What a content script found on one page load. Paths are reported only for LinkedIn's settings areas. */
const pageFacts = {
  account: AccountIdentity.nullable(),
  lang: z.string().max(16).nullable(),
};

export const EngineFailure = z.enum([
  'signed-out',
  'challenge',
  'not-offered',
  'not-found',
  'save-failed',
  'timeout',
  /** The switch was identified but never settled (busy, disabled, checked and aria-checked disagreeing). */
  'unreadable',
  /** The page did not show which account is signed in: nothing was clicked. */
  'account-unconfirmed',
]);
export type EngineFailure = z.infer<typeof EngineFailure>;

/** How the switch was identified: by the language-free key, or by its exact label. */
export const SwitchHook = z.enum(['label-key', 'label-text']);
export type SwitchHook = z.infer<typeof SwitchHook>;

const engineCommon = {
  ...pageFacts,
  way: Way,
  /** From the instruction to the toggle being found, when it was. */
  toggleFoundMs: z.number().nonnegative().nullable(),
  /** From the instruction to this report. */
  elapsedMs: z.number().nonnegative(),
};

/** The engine's result on one page load, sent to the background. */
export const EngineReport = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('state'),
    state: z.enum(['on', 'off']),
    /** Whether this page load clicked the toggle (only ever from on to off). */
    clicked: z.boolean(),
    /** How the switch was identified; a fresh load must identify it the same way to verify a click. */
    hook: SwitchHook,
    /**
     * False only on a post-click report whose switch shows off by `checked` while `aria-checked` never
     * followed: nothing is recorded from it, the fresh load decides. Every other reading is settled.
     */
    ariaInSync: z.boolean(),
    ...engineCommon,
  }),
  z.strictObject({
    kind: z.literal('failed'),
    failure: EngineFailure,
    diagnostic: z.string().max(500),
    ...engineCommon,
  }),
]);
export type EngineReport = z.infer<typeof EngineReport>;

/** Progress the popup shows while an operation runs. */
export const OperationPhase = z.enum(['opening', 'walking', 'reading', 'turning-off', 'verifying']);
export type OperationPhase = z.infer<typeof OperationPhase>;

/** The background's answer to a content script: what to do on this page. */
export const EngineInstruction = z.discriminatedUnion('do', [
  z.object({ do: z.literal('idle') }),
  /** The page named nobody and something may be due in its cookie store: wait for the header, then send `account-seen`. */
  z.object({ do: z.literal('identify') }),
  z.object({
    do: z.enum(['read', 'turn-off']),
    opId: OperationId,
    /** The setting to reach, with its labels: the content script carries no rule table (issue #14). */
    rule: SettingRule,
    /** Take the walk from wherever the page is, instead of expecting the setting's own address. */
    walk: z.boolean(),
    /** How long this page may take before the engine gives up with `timeout`. */
    deadlineMs: z.number().int().positive().max(120_000),
  }),
]);
export type EngineInstruction = z.infer<typeof EngineInstruction>;

export const BackgroundMessage = z.discriminatedUnion('type', [
  // From content scripts in LinkedIn tabs.
  z.strictObject({ type: z.literal('page-opened'), ...pageFacts }),
  // The account, when the page showed it only after `page-opened` was sent.
  z.strictObject({ type: z.literal('account-seen'), account: AccountIdentity }),
  z.strictObject({ type: z.literal('engine-progress'), opId: OperationId, phase: OperationPhase }),
  z.strictObject({ type: z.literal('engine-report'), opId: OperationId, report: EngineReport }),
  // From the popup (or the popup opened as a tab).
  // `walk` forces the walk through the settings menus instead of the setting's own address (for tests).
  z.strictObject({ type: z.literal('opt-out'), walk: z.boolean().optional() }),
  z.strictObject({ type: z.literal('check'), walk: z.boolean().optional() }),
  z.strictObject({ type: z.literal('sign-in') }),
  z.strictObject({ type: z.literal('open-setting') }),
  z.strictObject({ type: z.literal('forget-account'), key: AccountIdentity.shape.key }),
  z.strictObject({ type: z.literal('update-preferences'), preferences: z.strictObject(Preferences.partial().shape) }),
]);
export type BackgroundMessage = z.infer<typeof BackgroundMessage>;
export type BackgroundMessageType = BackgroundMessage['type'];

export type SenderKind = 'content-script' | 'extension-page';

/** Which kind of sender may send each message type. */
export const senderKindFor = {
  'page-opened': 'content-script',
  'account-seen': 'content-script',
  'engine-progress': 'content-script',
  'engine-report': 'content-script',
  'opt-out': 'extension-page',
  check: 'extension-page',
  'sign-in': 'extension-page',
  'open-setting': 'extension-page',
  'forget-account': 'extension-page',
  'update-preferences': 'extension-page',
} as const satisfies Record<BackgroundMessageType, SenderKind>;

/** What starting an operation answers: its id, and whether it joined one already running. */
export const StartResult = z.strictObject({ operationId: OperationId, joined: z.boolean() });
export type StartResult = z.infer<typeof StartResult>;

/** Each message type's reply, next to its request: the handlers are typed to return it, senders parse it. */
export const backgroundReplies = {
  'page-opened': EngineInstruction,
  'account-seen': z.null(),
  'engine-progress': z.null(),
  'engine-report': z.null(),
  'opt-out': StartResult,
  check: StartResult,
  'sign-in': z.null(),
  'open-setting': z.null(),
  'forget-account': z.null(),
  'update-preferences': Preferences,
} as const satisfies Record<BackgroundMessageType, z.ZodType>;
export type BackgroundReply<Type extends BackgroundMessageType> = z.infer<(typeof backgroundReplies)[Type]>;

export type ContentMessage = Extract<BackgroundMessage, { type: KindOf<'content-script'> }>;
export type PopupMessage = Extract<BackgroundMessage, { type: KindOf<'extension-page'> }>;
type KindOf<Kind extends SenderKind> = { [Type in BackgroundMessageType]: (typeof senderKindFor)[Type] extends Kind ? Type : never }[BackgroundMessageType];

/** Every answer: either ok with a payload, or a clear error that changed nothing. */
export type BackgroundResponse<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A reply that crossed from the background, parsed like any other input: the envelope and the value its
 * request type declares. Anything else becomes an error reply, never a cast.
 */
export function parseReply<Type extends BackgroundMessageType>(type: Type, raw: unknown): BackgroundResponse<BackgroundReply<Type>> {
  const envelope = z
    .union([z.strictObject({ ok: z.literal(true), value: z.unknown() }), z.strictObject({ ok: z.literal(false), error: z.string() })])
    .safeParse(raw);
  if (!envelope.success) return { ok: false, error: 'no answer from the background' };
  if (!envelope.data.ok) return envelope.data;
  const value = (backgroundReplies[type] as z.ZodType).safeParse(envelope.data.value);
  return value.success ? { ok: true, value: value.data as BackgroundReply<Type> } : { ok: false, error: `malformed '${type}' reply from the background` };
}
