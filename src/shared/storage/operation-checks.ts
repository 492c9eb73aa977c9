import { type Check, check, duration, epochMs, flag, list, matching, nullable, object, oneOf, text, unreadable, wholeNumber, withDefault } from '../validation/checks';
import { isRecord } from '../validation/is-record';
import { accountIdentity, optOutOutcome, trigger } from '../log/log-checks';
import { operationIdPattern, operationPhases, switchHooks } from '../messages/background-messages';
import type { IdentifiedStores, LastResult, Operation, PendingSignIn, WaitingStart } from './operation-state';
import { aiTrainingRule, ruleIds } from '../rules/setting-rules';

/** The operation in flight and what it leaves behind, read without zod (`validation/checks.ts`); each is held to its schema in `operation-state.ts`. */

const ruleId = oneOf(ruleIds);

const settingResults = list(object({ ruleId, outcome: optOutOutcome }));

const cookieStore = object({ cookieStoreId: nullable(text(200)), windowId: nullable(wholeNumber()) });

const helperLane = object({
  tabId: nullable(wholeNumber()),
  step: epochMs,
  phase: oneOf(operationPhases),
  deadlineAt: epochMs,
  clicked: flag,
  clickedAccount: nullable(accountIdentity),
  clickedHook: nullable(oneOf(switchHooks)),
  toggleFoundMs: nullable(duration),
});

export const operationCheck = object<Operation>({
  id: matching(operationIdPattern, 'an operation id'),
  kind: oneOf(['check', 'opt-out']),
  trigger,
  phase: oneOf(operationPhases),
  expectedAccount: nullable(accountIdentity),
  cookieStore: withDefault(nullable(cookieStore), () => null),
  tabId: nullable(wholeNumber()),
  walk: flag,
  startedAt: epochMs,
  deadlineAt: epochMs,
  pageLoads: epochMs,
  clicked: flag,
  clickedAccount: nullable(accountIdentity),
  clickedHook: withDefault(nullable(oneOf(switchHooks)), () => null),
  toggleFoundMs: nullable(duration),
  plan: withDefault(list(ruleId, 1), () => [aiTrainingRule.id]),
  step: withDefault(epochMs, () => 0),
  done: withDefault(settingResults, () => []),
  nextStep: withDefault(nullable(epochMs), () => null),
  second: withDefault(nullable(helperLane), () => null),
});

export const lastResultCheck = object<LastResult>({
  operationId: text(),
  kind: oneOf(['check', 'opt-out']),
  trigger,
  finishedAt: epochMs,
  accountKey: nullable(text()),
  saved: flag,
  outcome: optOutOutcome,
  settings: withDefault(settingResults, () => []),
});

export const pendingSignInCheck = object<PendingSignIn>({
  requestedAt: wholeNumber(),
  expiresAt: wholeNumber(),
  cookieStore: withDefault(nullable(cookieStore), () => null),
});

export const waitingStartsCheck: Check<WaitingStart[]> = list(
  object<WaitingStart>({
    id: matching(operationIdPattern, 'an operation id'),
    kind: oneOf(['check', 'opt-out']),
    trigger,
    walk: flag,
    cookieStore: nullable(cookieStore),
  }),
  0,
  50,
);

const identifiedStore = object({ account: accountIdentity, at: wholeNumber() });
export const identifiedStoresCheck: Check<IdentifiedStores> = check('members by cookie store', (value) => {
  if (!isRecord(value)) return unreadable;
  const read: [string, IdentifiedStores[string]][] = [];
  for (const [storeKey, entry] of Object.entries(value)) {
    const one = identifiedStore.read(entry);
    if (storeKey.length > 250 || one === unreadable) return unreadable;
    read.push([storeKey, one]);
  }
  return Object.fromEntries(read);
});
