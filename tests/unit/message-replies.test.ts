import { describe, expect, it } from 'vitest';
import { isEngineInstruction, parseContentReply } from '../../src/shared/messages/content-replies';
import { negationWords } from '../../src/shared/rules/label-match';
import { backgroundReplies, EngineInstruction, senderKindFor } from '../../src/shared/messages/background-messages';
import { parseReply } from '../../src/shared/messages/popup-replies';
import { aiTrainingRule, otherSettingRules } from '../../src/shared/rules/setting-rules';

/** Replies cross contexts: each is parsed against what its request type declares. */

const rule = aiTrainingRule;
const instructions: unknown[] = [
  { do: 'idle' },
  { do: 'identify' },
  { do: 'read', opId: 'op-test-1', rule, walk: false, negationWords, deadlineMs: 30_000 },
  { do: 'turn-off', opId: 'op-test-1', rule, walk: true, negationWords, deadlineMs: 1000 },
  { do: 'turn-off', opId: 'op-test-1', rule: otherSettingRules[0], walk: true, negationWords, deadlineMs: 1000 },
  { do: 'turn-off', opId: 'op-test-1', walk: true, negationWords, deadlineMs: 1000 },
  { do: 'turn-off', opId: 'op-test-1', rule: { ...rule, desiredState: 'on' }, walk: true, negationWords, deadlineMs: 1000 },
  { do: 'turn-off', opId: 'op-test-1', rule: { ...rule, labels: { en: { toggle: 'Use my data' } } }, walk: true, negationWords, deadlineMs: 1000 },
  { do: 'turn-off', opId: 'op-test-1', rule: { ...rule, walk: undefined }, walk: true, negationWords, deadlineMs: 1000 },
  { do: 'turn-on', opId: 'op-test-1', rule, walk: false, negationWords, deadlineMs: 1000 },
  { do: 'read', opId: 'x', rule, walk: false, negationWords, deadlineMs: 1000 },
  { do: 'read', opId: 'op-test-1', rule, walk: 'no', negationWords, deadlineMs: 1000 },
  { do: 'read', opId: 'op-test-1', rule, walk: false, negationWords, deadlineMs: 0 },
  { do: 'read', opId: 'op-test-1', rule, walk: false, negationWords, deadlineMs: 200_000 },
  { do: 'read', opId: 'op-test-1', rule, walk: false, negationWords, deadlineMs: 1.5 },
  { do: 'read', opId: 'op-test-1', rule, walk: false, deadlineMs: 30_000 },
  { do: 'read', opId: 'op-test-1', rule, walk: false, negationWords: [], deadlineMs: 30_000 },
  { do: 'read', opId: 'op-test-1', rule, walk: false, negationWords: ['not', 1], deadlineMs: 30_000 },
  null,
  'idle',
  [],
];

describe('typed replies', () => {
  it('every message type declares its reply', () => {
    expect(Object.keys(backgroundReplies).sort()).toEqual(Object.keys(senderKindFor).sort());
  });

  it.each(instructions.map((value) => [JSON.stringify(value), value]))('the content script\'s hand check agrees with the schema on %s', (_name, value) => {
    expect(isEngineInstruction(value)).toBe(EngineInstruction.safeParse(value).success);
  });

  it('a well-formed instruction arrives typed; a malformed one becomes an error, never a cast', () => {
    expect(parseContentReply('page-opened', { ok: true, value: { do: 'idle' } })).toEqual({ ok: true, value: { do: 'idle' } });
    expect(parseContentReply('page-opened', { ok: true, value: { do: 'turn-on' } })).toMatchObject({ ok: false });
    expect(parseContentReply('engine-report', { ok: true, value: null })).toEqual({ ok: true, value: null });
    expect(parseContentReply('engine-report', undefined)).toMatchObject({ ok: false, error: 'no answer from the background' });
    expect(parseContentReply('engine-report', { ok: false, error: 'this operation has already ended' })).toEqual({ ok: false, error: 'this operation has already ended' });
  });

  it('the popup parses each reply against its type', () => {
    expect(parseReply('opt-out', { ok: true, value: { operationId: 'op-test-1', joined: false } })).toEqual({ ok: true, value: { operationId: 'op-test-1', joined: false } });
    expect(parseReply('opt-out', { ok: true, value: { operationId: 'op-test-1' } })).toMatchObject({ ok: false });
    expect(parseReply('update-preferences', { ok: true, value: { recheckIntervalHours: 'often' } })).toMatchObject({ ok: false });
    expect(parseReply('sign-in', { ok: false, error: 'rejected' })).toEqual({ ok: false, error: 'rejected' });
    expect(parseReply('sign-in', 'yes')).toMatchObject({ ok: false });
  });
});
