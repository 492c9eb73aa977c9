import { type Check, check, epochMs, flag, matching, object, oneOf, text, unreadable } from '../validation/checks';
import { importRefusals } from './import-limits';
import { isRecord } from '../validation/is-record';
import { type BackgroundReply, type BackgroundResponse, type ImportResult, operationIdPattern, type PopupMessage } from './background-messages';
import { preferenceFields } from '../preferences/preference-checks';

/**
 * The background's replies to the popup, checked without zod (the popup's size budget has no room for zod): the envelope
 * strictly, then the value its request type declares (`backgroundReplies` in `background-messages.ts`, held equal by
 * tests/unit/stored-checks.test.ts). Anything else becomes an error reply, never a cast.
 */

type PopupType = PopupMessage['type'];

const nothing: Check<null> = check('null', (value) => (value === null ? null : unreadable));
const startResult = object({ operationId: matching(operationIdPattern, 'an operation id'), joined: flag }, true);

const importDone = object({ imported: flag, added: epochMs }, true);
const importRefused = object({ imported: flag, refusal: oneOf(importRefusals), detail: text(300) }, true);
const importResult: Check<ImportResult> = check('an import result', (value) => {
  if (!isRecord(value)) return unreadable;
  return (value.imported === true ? importDone : value.imported === false ? importRefused : null)?.read(value) ?? unreadable;
}) as Check<ImportResult>;

/** The popup's replies from the background, by request type. */
export const popupReplyChecks: { [Type in PopupMessage['type']]: Check<BackgroundReply<Type>> } = {
  'opt-out': startResult,
  check: startResult,
  'sign-in': nothing,
  'open-setting': nothing,
  'forget-account': nothing,
  'update-preferences': object(preferenceFields),
  'import-log': importResult,
};

const onlyKeys = (value: Record<string, unknown>, keys: readonly string[]) => Object.keys(value).every((key) => keys.includes(key));

export function parseReply<Type extends PopupType>(type: Type, raw: unknown): BackgroundResponse<BackgroundReply<Type>> {
  if (isRecord(raw) && raw.ok === false && typeof raw.error === 'string' && onlyKeys(raw, ['ok', 'error'])) return { ok: false, error: raw.error };
  if (!isRecord(raw) || raw.ok !== true || !onlyKeys(raw, ['ok', 'value'])) return { ok: false, error: 'no answer from the background' };
  const value = popupReplyChecks[type].read(raw.value);
  return value === unreadable ? { ok: false, error: `malformed '${type}' reply from the background` } : { ok: true, value: value as BackgroundReply<Type> };
}
