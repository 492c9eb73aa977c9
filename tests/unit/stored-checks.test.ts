import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { AccountRecord, logFields, Observation, OptOutLog, RepairNote, RuleIdText, SettingRecord } from '../../src/shared/log/log-schema';
import { backgroundReplies, senderKindFor } from '../../src/shared/messages/background-messages';
import { IdentifiedStores, LastResult, Operation, PendingSignIn } from '../../src/shared/storage/operation-state';
import { AccountIdentity, OptOutOutcome, outcomeKinds } from '../../src/shared/log/outcome';
import { Preferences } from '../../src/shared/preferences/preferences';
import { type Check, object, unreadable } from '../../src/shared/validation/checks';
import { accountFields, accountKey, observationCheck, repairNoteCheck, ruleIdText, settingRecordFields } from '../../src/shared/log/log-checks';
import { identifiedStoresCheck, lastResultCheck, operationCheck, pendingSignInCheck } from '../../src/shared/storage/operation-checks';
import { popupReplyChecks } from '../../src/shared/messages/popup-replies';
import { preferenceFields } from '../../src/shared/preferences/preference-checks';
import { lastResult, now, observation, operation, outcome } from './popup-fixtures';
import { pick, type Random, seededRandom } from './seeded-random';

/**
 * The popup reads storage and replies with hand-written checks; the zod schemas stay the contract. On
 * well-formed values and on thousands of seeded near-misses, every check must return exactly what its
 * schema returns (unknown keys dropped, defaults filled in, names trimmed), or refuse exactly when it does.
 */

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };

/** Values that sit on the edges of the schemas: wrong types, bounds, untrimmed text, known words in the wrong place. */
const edgeValues: unknown[] = [
  undefined, null, true, false, 0, -0, -1, 1, 1.5, 720, 721, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY,
  '', ' ', '  Jana  ', 'x'.repeat(16), 'x'.repeat(17), 'x'.repeat(32), 'x'.repeat(33), 'x'.repeat(200), 'x'.repeat(201), `  ${'x'.repeat(200)}  `, 'x'.repeat(501),
  'on', 'off', 'unknown', 'user', 'recheck', 'walk', 'direct', 'op-abcd', 'op-x', 'allowDataForGenerativeAI', 'allowAdsByAge', 'Bad-Rule',
  'label-key', 'reading', 'check', 'signed-out', 'turned-off', 'retry', 'jana-schmidt-4711', 'jana schmidt', 'Jörg-Müller',
  [], [1], ['retry'], ['allowAdsByAge'], {}, { kind: 'off' }, jana, { ...jana, extra: 1 }, { cookieStoreId: null, windowId: 3 },
];

function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return [prefix, ...keys.flatMap((key) => pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key]))];
}

/** One to three changes somewhere in a copy: a value replaced, a key removed or a key added. */
function nearMiss(random: Random, valid: unknown): unknown {
  let value = structuredClone(valid);
  for (let change = Math.floor(random() * 3); change >= 0; change -= 1) {
    const path = pick(random, pathsOf(value));
    const replacement = random() < 0.8 ? pick(random, edgeValues) : pick(random, pathsOf(valid)).reduce((at: unknown, key) => (at as Record<string | number, unknown>)[key], valid);
    if (path.length === 0) {
      value = structuredClone(replacement);
      continue;
    }
    const parent = path.slice(0, -1).reduce((at: unknown, key) => (at as Record<string | number, unknown>)[key], value) as Record<string | number, unknown>;
    const key = path.at(-1) as string | number;
    const action = random();
    if (action < 0.15 && !Array.isArray(parent)) delete parent[key];
    else if (action < 0.25 && !Array.isArray(parent)) parent[pick(random, ['extra', 'kind', 'settings', '__proto__x'])] = pick(random, edgeValues);
    else parent[key] = structuredClone(replacement);
  }
  return value;
}

function zodResult(schema: z.ZodMiniType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : unreadable;
}

const failure = outcome('timeout', { account: jana });
/** Well-formed replies of the types that answer more than null. */
const validReplies: Partial<Record<keyof typeof popupReplyChecks, unknown[]>> = {
  'update-preferences': [{ recheckIntervalHours: 6, notifyOnFlipBack: false, keepItOff: true, chosenSettings: [] }],
  'opt-out': [{ operationId: 'op-test-1', joined: true }],
  check: [{ operationId: 'op-test-1', joined: true }],
  'import-log': [{ imported: true, added: 12 }, { imported: true, added: 0 }, { imported: false, refusal: 'damaged', detail: 'accounts["jana"].history[3]: unreadable' }],
};

const pairs: { name: string; check: Check<unknown>; schema: z.ZodMiniType; valid: unknown[] }[] = [
  {
    name: 'operation',
    check: operationCheck,
    schema: Operation,
    valid: [
      operation(),
      operation({ expectedAccount: jana, clickedAccount: jana, clicked: true, clickedHook: 'label-key', cookieStore: { cookieStoreId: 'firefox-container-2', windowId: null } }),
      operation({ plan: ['allowDataForGenerativeAI', 'allowAdsByAge'], step: 1, done: [{ ruleId: 'allowDataForGenerativeAI', outcome: outcome('off', { account: jana }) }] }),
      (({ cookieStore: _cookieStore, clickedHook: _clickedHook, plan: _plan, step: _step, done: _done, ...older }) => older)(operation()),
    ],
  },
  {
    name: 'last result',
    check: lastResultCheck,
    schema: LastResult,
    valid: [
      lastResult(outcome('turned-off', { account: jana })),
      lastResult(failure, { settings: [{ ruleId: 'allowAdsByAge', outcome: outcome('not-offered', { account: jana }) }] }),
      (({ settings: _settings, ...older }) => older)(lastResult(outcome('on'))),
    ],
  },
  { name: 'pending sign-in', check: pendingSignInCheck, schema: PendingSignIn, valid: [{ requestedAt: now, expiresAt: now + 60_000 }] },
  { name: 'identified stores', check: identifiedStoresCheck, schema: IdentifiedStores, valid: [{}, { default: { account: jana, at: now } }, { 'firefox-container-2': { account: jana, at: now }, 'default:private': { account: jana, at: 0 } }] },
  {
    name: 'preferences',
    check: object(preferenceFields),
    schema: Preferences,
    valid: [{ recheckIntervalHours: 24, notifyOnFlipBack: true, keepItOff: false, chosenSettings: ['allowAdsByAge'] }],
  },
  {
    name: 'account fields',
    check: object(accountFields),
    schema: z.omit(AccountRecord, { history: true, settings: true }),
    valid: [
      { ...jana, firstSeenAt: now - 1000, lastSeenAt: now, lastCheckedAt: now, state: 'off', problem: null, optedOutAt: now, offSince: now, flippedBackAt: null, lastAutoCheckAt: null, autoFailures: 0, autoFixTimes: [now] },
      { ...jana, firstSeenAt: 0, lastSeenAt: 0, lastCheckedAt: null, state: 'unknown', problem: 'unreadable', optedOutAt: null, offSince: null, flippedBackAt: now, lastAutoCheckAt: now, autoFailures: 3, autoFixTimes: [] },
    ],
  },
  {
    name: 'setting fields',
    check: object(settingRecordFields),
    schema: z.omit(SettingRecord, { history: true }),
    valid: [{ lastCheckedAt: now, state: 'on', problem: 'challenge', optedOutAt: null, offSince: null, flippedBackAt: now }],
  },
  { name: 'observation', check: observationCheck, schema: Observation, valid: [observation(), observation({ outcome: 'unreadable', diagnostic: 'busy', totalMs: null, lang: null })] },
  { name: 'repair note', check: repairNoteCheck, schema: RepairNote, valid: [{ at: now, where: 'log.accounts', problem: 'not an object' }] },
  { name: 'account key', check: accountKey, schema: AccountIdentity.shape.key, valid: ['jana-schmidt-4711', 'jörg.müller_2'] },
  { name: 'rule id', check: ruleIdText, schema: RuleIdText, valid: ['allowDataForGenerativeAI', 'aLaterSetting2'] },
  ...Object.entries(popupReplyChecks).map(([type, check]) => ({
    name: `'${type}' reply`,
    check: check as Check<unknown>,
    schema: backgroundReplies[type as keyof typeof popupReplyChecks] as z.ZodMiniType,
    valid: validReplies[type as keyof typeof popupReplyChecks] ?? [null],
  })),
];

describe('hand-written checks agree with the schemas', () => {
  it.each(pairs)('$name: well-formed values read as the schema reads them', ({ check, schema, valid }) => {
    for (const value of valid) {
      expect(zodResult(schema, value), JSON.stringify(value)).not.toBe(unreadable);
      expect(check.read(structuredClone(value))).toStrictEqual(zodResult(schema, structuredClone(value)));
    }
  });

  it.each(pairs)('$name: 3,000 seeded near-misses read the same, refused or repaired alike (seed 20261129)', ({ check, schema, valid }) => {
    const random = seededRandom(20261129);
    let refused = 0;
    const readByCheck: Array<{ value: unknown; read: unknown }> = [];
    const readBySchema: typeof readByCheck = [];
    for (let run = 0; run < 3000; run += 1) {
      const value = nearMiss(random, pick(random, valid));
      const expected = zodResult(schema, structuredClone(value));
      readByCheck.push({ value, read: check.read(structuredClone(value)) });
      readBySchema.push({ value, read: expected });
      if (expected === unreadable) refused += 1;
    }
    // All 3,000 in one comparison, whose diff shows each value read otherwise: an expect per value cost more than the checks.
    expect(readByCheck).toStrictEqual(readBySchema);
    // Both outcomes must be exercised for the agreement to mean anything.
    expect(refused).toBeGreaterThan(300);
    expect(refused).toBeLessThan(3000);
  });

  it('every reply the popup can get has its check', () => {
    const popupTypes = Object.entries(senderKindFor).filter(([, kind]) => kind === 'extension-page').map(([type]) => type);
    expect(Object.keys(popupReplyChecks).sort()).toEqual(popupTypes.sort());
  });

  it('the lists the checks use are the schemas\' own', () => {
    expect([...logFields].sort()).toEqual(Object.keys(OptOutLog.shape).sort());
    expect(outcomeKinds).toEqual(OptOutOutcome.def.options.map((option) => option.shape.kind.def.values[0]));
  });
});
