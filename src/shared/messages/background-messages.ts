import * as z from 'zod/mini';
import { checked } from '../validation/checked';
import { AccountIdentity, AccountKey, Way } from '../log/outcome';
import { Preferences, preferencesShape } from '../preferences/preferences';
import { importRefusals, maxImportChars } from './import-limits';
import { SettingRule } from '../rules/rule-schema';

/**
 * Every message the background receives, one discriminated union, each type checked on arrival.
 * Content scripts and extension pages may each send only their own types (see `senderKindFor`).
 * Objects are strict: a key the contract does not define makes the whole message refused.
 */

export const operationIdPattern = /^op-[a-z0-9-]{4,64}$/;
const OperationId = checked(z.string(), z.regex(operationIdPattern));

/** What a content script found on one page load. Paths are reported only for LinkedIn's settings areas. */
const pageFacts = {
  account: z.nullable(AccountIdentity),
  lang: z.nullable(checked(z.string(), z.maxLength(16))),
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
export const switchHooks = ['label-key', 'label-text'] as const;
export const SwitchHook = z.enum(switchHooks);
export type SwitchHook = z.infer<typeof SwitchHook>;

/** Besides the page facts (joined with z.extend: a spread would keep the popup's bundler from dropping these schemas). */
const engineCommon = {
  way: Way,
  /** From the instruction to the toggle being found, when it was. */
  toggleFoundMs: z.nullable(checked(z.number(), z.nonnegative())),
  /** From the instruction to this report. */
  elapsedMs: checked(z.number(), z.nonnegative()),
};

/** The engine's result on one page load, sent to the background. */
export const EngineReport = z.discriminatedUnion('kind', [
  z.extend(
    z.extend(
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
      }),
      pageFacts,
    ),
    engineCommon,
  ),
  z.extend(z.extend(z.strictObject({ kind: z.literal('failed'), failure: EngineFailure, diagnostic: checked(z.string(), z.maxLength(500)) }), pageFacts), engineCommon),
]);
export type EngineReport = z.infer<typeof EngineReport>;

/** Progress the popup shows while an operation runs. */
export const operationPhases = ['opening', 'walking', 'reading', 'turning-off', 'verifying'] as const;
export const OperationPhase = z.enum(operationPhases);
export type OperationPhase = z.infer<typeof OperationPhase>;

/** The background's answer to a content script: what to do on this page. */
export const EngineInstruction = z.discriminatedUnion('do', [
  z.object({ do: z.literal('idle') }),
  /** The page named nobody and something may be due in its cookie store: wait for the header, then send `account-seen`. */
  z.object({ do: z.literal('identify') }),
  z.object({
    do: z.enum(['read', 'turn-off']),
    opId: OperationId,
    /** The setting to reach, with its labels: the content script carries no rule table (a smaller engine). */
    rule: SettingRule,
    /** Take the walk from wherever the page is, instead of expecting the setting's own address. */
    walk: z.boolean(),
    /** Words that make a label mean the opposite (`negationWords`): the content script carries no word lists. */
    negationWords: z.readonly(checked(z.array(z.string()), z.minLength(1))),
    /** How long this page may take before the engine gives up with `timeout`. */
    deadlineMs: checked(z.int(), z.positive(), z.maximum(120_000)),
  }),
]);
export type EngineInstruction = z.infer<typeof EngineInstruction>;

/** What an import answers: how many entries were new here, or why the file was refused. */
export const ImportResult = z.discriminatedUnion('imported', [
  z.strictObject({ imported: z.literal(true), added: checked(z.int(), z.nonnegative()) }),
  z.strictObject({ imported: z.literal(false), refusal: z.enum(importRefusals), detail: checked(z.string(), z.maxLength(300)) }),
]);
export type ImportResult = z.infer<typeof ImportResult>;

export const BackgroundMessage = z.discriminatedUnion('type', [
  // From content scripts in LinkedIn tabs.
  z.extend(z.strictObject({ type: z.literal('page-opened') }), pageFacts),
  // The account, when the page showed it only after `page-opened` was sent.
  z.strictObject({ type: z.literal('account-seen'), account: AccountIdentity }),
  z.strictObject({ type: z.literal('engine-progress'), opId: OperationId, phase: OperationPhase }),
  // Right before the one click: the background puts it on record (or refuses it) before the page can unload.
  // `account`: the member this page proves; null leaves it to the member proven in this LinkedIn session.
  z.strictObject({ type: z.literal('engine-clicking'), opId: OperationId, account: z.nullable(AccountIdentity), hook: SwitchHook }),
  z.strictObject({ type: z.literal('engine-report'), opId: OperationId, report: EngineReport }),
  // From the popup (or the popup opened as a tab).
  // `walk` forces the walk through the settings menus instead of the setting's own address (for tests).
  z.strictObject({ type: z.literal('opt-out'), walk: z.optional(z.boolean()) }),
  z.strictObject({ type: z.literal('check'), walk: z.optional(z.boolean()) }),
  z.strictObject({ type: z.literal('sign-in') }),
  z.strictObject({ type: z.literal('open-setting') }),
  z.strictObject({ type: z.literal('forget-account'), key: AccountKey }),
  z.strictObject({ type: z.literal('update-preferences'), preferences: z.partial(z.strictObject(preferencesShape)) }),
  // A JSON export's text, as read from the file: the background parses it (see `log-import.ts`).
  z.strictObject({ type: z.literal('import-log'), text: checked(z.string(), z.maxLength(maxImportChars)) }),
]);
export type BackgroundMessage = z.infer<typeof BackgroundMessage>;
export type BackgroundMessageType = BackgroundMessage['type'];

export type SenderKind = 'content-script' | 'extension-page';

/** Which kind of sender may send each message type. */
export const senderKindFor = {
  'page-opened': 'content-script',
  'account-seen': 'content-script',
  'engine-progress': 'content-script',
  'engine-clicking': 'content-script',
  'engine-report': 'content-script',
  'opt-out': 'extension-page',
  check: 'extension-page',
  'sign-in': 'extension-page',
  'open-setting': 'extension-page',
  'forget-account': 'extension-page',
  'update-preferences': 'extension-page',
  'import-log': 'extension-page',
} as const satisfies Record<BackgroundMessageType, SenderKind>;

/** What starting an operation answers: its id, and whether it joined one already running. */
export const StartResult = z.strictObject({ operationId: OperationId, joined: z.boolean() });
export type StartResult = z.infer<typeof StartResult>;

/** Each message type's reply, next to its request: the handlers are typed to return it, senders parse it. */
export const backgroundReplies = {
  'page-opened': EngineInstruction,
  'account-seen': z.null(),
  'engine-progress': z.null(),
  /** Whether the click is on record and may happen: false when no member is proven or this setting was clicked already. */
  'engine-clicking': z.boolean(),
  'engine-report': z.null(),
  'opt-out': StartResult,
  check: StartResult,
  'sign-in': z.null(),
  'open-setting': z.null(),
  'forget-account': z.null(),
  'update-preferences': Preferences,
  'import-log': ImportResult,
} as const satisfies Record<BackgroundMessageType, z.ZodMiniType>;
export type BackgroundReply<Type extends BackgroundMessageType> = z.infer<(typeof backgroundReplies)[Type]>;

export type ContentMessage = Extract<BackgroundMessage, { type: KindOf<'content-script'> }>;
export type PopupMessage = Extract<BackgroundMessage, { type: KindOf<'extension-page'> }>;
type KindOf<Kind extends SenderKind> = { [Type in BackgroundMessageType]: (typeof senderKindFor)[Type] extends Kind ? Type : never }[BackgroundMessageType];

/** Every answer: either ok with a payload, or a clear error that changed nothing. */
export type BackgroundResponse<T = unknown> = { ok: true; value: T } | { ok: false; error: string };
