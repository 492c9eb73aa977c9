import type { BackgroundReply, BackgroundResponse, ContentMessage, EngineInstruction } from './messages';
import { ruleIds } from './setting-rules';

/**
 * The background's replies to a content script, checked by hand: the content script runs on every
 * LinkedIn page and carries no zod (tests/unit/conventions.test.ts). A test holds these checks to the
 * zod schemas in `messages.ts`.
 */

type ContentType = ContentMessage['type'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const knownRuleIds = new Set<unknown>(ruleIds);

export function isEngineInstruction(value: unknown): value is EngineInstruction {
  if (!isRecord(value)) return false;
  if (value.do === 'idle' || value.do === 'identify') return true;
  return (
    (value.do === 'read' || value.do === 'turn-off') &&
    typeof value.opId === 'string' &&
    /^op-[a-z0-9-]{4,64}$/.test(value.opId) &&
    knownRuleIds.has(value.ruleId) &&
    typeof value.walk === 'boolean' &&
    Number.isSafeInteger(value.deadlineMs) &&
    (value.deadlineMs as number) > 0 &&
    (value.deadlineMs as number) <= 120_000
  );
}

const isNull = (value: unknown): value is null => value === null;

const guards: { [Type in ContentType]: (value: unknown) => value is BackgroundReply<Type> } = {
  'page-opened': isEngineInstruction,
  'account-seen': isNull,
  'engine-progress': isNull,
  'engine-report': isNull,
};

export function parseContentReply<Type extends ContentType>(type: Type, raw: unknown): BackgroundResponse<BackgroundReply<Type>> {
  if (!isRecord(raw)) return { ok: false, error: 'no answer from the background' };
  if (raw.ok === false) return { ok: false, error: typeof raw.error === 'string' ? raw.error : 'refused' };
  const guard = guards[type] as (value: unknown) => value is BackgroundReply<Type>;
  return raw.ok === true && guard(raw.value) ? { ok: true, value: raw.value } : { ok: false, error: `malformed '${type}' reply from the background` };
}
