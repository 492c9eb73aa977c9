import type { BackgroundReply, BackgroundResponse, PopupMessage } from './messages';
import { popupReplyChecks, unreadable } from './stored-checks';
import { isRecord } from './is-record';

/**
 * The background's replies to the popup, checked without zod (the popup's size budget has no room for zod): the envelope
 * strictly, then the value its request type declares (`backgroundReplies` in `messages.ts`, held equal by
 * tests/unit/stored-checks.test.ts). Anything else becomes an error reply, never a cast.
 */

type PopupType = PopupMessage['type'];

const onlyKeys = (value: Record<string, unknown>, keys: readonly string[]) => Object.keys(value).every((key) => keys.includes(key));

export function parseReply<Type extends PopupType>(type: Type, raw: unknown): BackgroundResponse<BackgroundReply<Type>> {
  if (isRecord(raw) && raw.ok === false && typeof raw.error === 'string' && onlyKeys(raw, ['ok', 'error'])) return { ok: false, error: raw.error };
  if (!isRecord(raw) || raw.ok !== true || !onlyKeys(raw, ['ok', 'value'])) return { ok: false, error: 'no answer from the background' };
  const value = popupReplyChecks[type].read(raw.value);
  return value === unreadable ? { ok: false, error: `malformed '${type}' reply from the background` } : { ok: true, value: value as BackgroundReply<Type> };
}
