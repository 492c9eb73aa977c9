import type { BackgroundReply, BackgroundResponse, ContentMessage, EngineInstruction } from './background-messages';
import type { SettingRule } from '../rules/rule-schema';
import { isRecord } from '../validation/is-record';

/**
 * The background's replies to a content script, checked by hand: the content script runs on every
 * LinkedIn page and carries no zod (tests/unit/conventions.test.ts). A test holds these checks to the
 * zod schemas in `background-messages.ts`.
 */

type ContentType = ContentMessage['type'];

const isText = (value: unknown): value is string => typeof value === 'string';
const isOptional = (value: unknown, check: (value: unknown) => boolean): boolean => value === undefined || check(value);
const isTexts = (value: unknown): boolean => Array.isArray(value) && value.every(isText);

/** One language's labels: lists of exact labels, and the two state words. */
function isSettingLabels(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return [value.category, value.section, value.row, value.toggle].every((list) => isOptional(list, isTexts)) && isOptional(value.on, isText) && isOptional(value.off, isText);
}

/** The rule's shape; its contents come from the background's own validated table. */
function isSettingRule(value: unknown): value is SettingRule {
  if (!isRecord(value) || !isRecord(value.walk) || !isRecord(value.labels)) return false;
  const { walk } = value;
  return (
    [value.id, value.settingPath, value.labelKey, walk.homePath, walk.categoryPath, walk.rowLinkSegment].every(isText) &&
    value.desiredState === 'off' &&
    Object.values(value.labels).every(isSettingLabels)
  );
}

export function isEngineInstruction(value: unknown): value is EngineInstruction {
  if (!isRecord(value)) return false;
  if (value.do === 'idle' || value.do === 'identify') return true;
  return (
    (value.do === 'read' || value.do === 'turn-off') &&
    typeof value.opId === 'string' &&
    /^op-[a-z0-9-]{4,64}$/.test(value.opId) &&
    isSettingRule(value.rule) &&
    typeof value.walk === 'boolean' &&
    isTexts(value.negationWords) &&
    (value.negationWords as string[]).length > 0 &&
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
  'engine-clicking': (value: unknown): value is boolean => typeof value === 'boolean',
  'engine-report': isNull,
};

export function parseContentReply<Type extends ContentType>(type: Type, raw: unknown): BackgroundResponse<BackgroundReply<Type>> {
  if (!isRecord(raw)) return { ok: false, error: 'no answer from the background' };
  if (raw.ok === false) return { ok: false, error: typeof raw.error === 'string' ? raw.error : 'refused' };
  const guard = guards[type] as (value: unknown) => value is BackgroundReply<Type>;
  return raw.ok === true && guard(raw.value) ? { ok: true, value: raw.value } : { ok: false, error: `malformed '${type}' reply from the background` };
}
