import { describe, expect, it } from 'vitest';
import {
  advance,
  limitsFor,
  maxPageLoads,
  newOperation,
  operationTimeoutMs,
  pageLoadWaitMs,
  type LifecycleEffect,
  type Step,
} from '../../src/background/operation-lifecycle';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import type { Operation } from '../../src/shared/storage/operation-state';

/** The operation's lifecycle, transition by transition, without a browser: the pure `advance`. */

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
const max = { key: 'max-muster', name: 'Max Muster' };
const t0 = Date.UTC(2026, 10, 29, 9, 0, 0);

type StateReport = Extract<EngineReport, { kind: 'state' }>;

function stateReport(state: 'on' | 'off', clicked: boolean, overrides: Partial<StateReport> = {}): StateReport {
  return { kind: 'state', state, clicked, hook: 'label-key', ariaInSync: true, account: jana, lang: 'en', way: 'direct', toggleFoundMs: 800, elapsedMs: 900, ...overrides };
}

function started(kind: Operation['kind'] = 'opt-out'): Operation {
  const operation = newOperation({ id: 'op-test-1', kind, trigger: 'user', walk: false, expectedAccount: jana, cookieStore: null, plan: ['allowDataForGenerativeAI'] }, t0);
  return advance(operation, { type: 'tab-opened', tabId: 7 }, t0 + 10).operation;
}

const kinds = (step: Step) => step.effects.map((effect) => effect.do);
const finished = (step: Step) => step.effects.find((effect): effect is Extract<LifecycleEffect, { do: 'finish' }> => effect.do === 'finish')?.outcome;

/** Opt-out on a page that reads on and clicks: the state right before the verifying fresh load. */
function clickedOff(): Operation {
  const opened = advance(started(), { type: 'page-opened' }, t0 + 100).operation;
  return advance(opened, { type: 'report', report: stateReport('off', true) }, t0 + 2000).operation;
}

describe('advance', () => {
  it('a new operation waits for its first page, then keeps the tab it opened', () => {
    const operation = newOperation({ id: 'op-test-1', kind: 'check', trigger: 'recheck', walk: false, expectedAccount: null, cookieStore: null, plan: ['allowDataForGenerativeAI'] }, t0);
    expect(operation).toMatchObject({ phase: 'opening', tabId: null, pageLoads: 0, clicked: false, deadlineAt: t0 + pageLoadWaitMs });
    const step = advance(operation, { type: 'tab-opened', tabId: 7 }, t0 + 5);
    expect(step.operation.tabId).toBe(7);
    expect(kinds(step)).toEqual(['save']);
  });

  it('a tab that cannot be opened ends the operation as timeout', () => {
    const operation = newOperation({ id: 'op-test-1', kind: 'opt-out', trigger: 'user', walk: false, expectedAccount: null, cookieStore: null, plan: ['allowDataForGenerativeAI'] }, t0);
    const outcome = finished(advance(operation, { type: 'tab-open-failed', error: 'no tabs' }, t0 + 5));
    expect(outcome).toMatchObject({ kind: 'timeout', account: null, nextSteps: ['retry', 'open-setting'] });
  });

  it('a page in the helper tab gets "turn-off" for an opt-out and "read" for a check, and the watchdog slides', () => {
    const optOut = advance(started('opt-out'), { type: 'page-opened' }, t0 + 100);
    expect(optOut.effects).toContainEqual({ do: 'instruct', instruction: expect.objectContaining({ do: 'turn-off', opId: 'op-test-1' }) });
    expect(kinds(optOut)).toEqual(['save', 'arm-deadline', 'instruct']);
    expect(optOut.operation).toMatchObject({ pageLoads: 1, phase: 'reading' });
    expect(optOut.operation.deadlineAt).toBeGreaterThan(started().deadlineAt);
    const check = advance(started('check'), { type: 'page-opened' }, t0 + 100);
    expect(check.effects).toContainEqual({ do: 'instruct', instruction: expect.objectContaining({ do: 'read' }) });
  });

  it(`more than ${maxPageLoads} page loads end the operation, and the page is told to stay idle`, () => {
    let operation = started();
    for (let load = 1; load <= maxPageLoads; load += 1) operation = advance(operation, { type: 'page-opened' }, t0 + load).operation;
    const step = advance(operation, { type: 'page-opened' }, t0 + 100);
    expect(finished(step)).toMatchObject({ kind: 'not-found' });
    expect(step.effects).toContainEqual({ do: 'instruct', instruction: { do: 'idle' } });
  });

  // The engine passes a switch showing off on at once after the save, unsettled: only the fresh load counts either way.
  it.each([true, false])('a click is followed by a fresh load, never by a result (post-click reading settled: %s)', (settled) => {
    const opened = advance(started(), { type: 'page-opened' }, t0 + 100).operation;
    const step = advance(opened, { type: 'report', report: stateReport('off', true, { ariaInSync: settled }) }, t0 + 2000);
    expect(kinds(step)).toEqual(['save', 'arm-deadline', 'reload-tab']);
    expect(step.operation).toMatchObject({ clicked: true, clickedAccount: jana, clickedHook: 'label-key', phase: 'verifying' });
    expect(finished(step)).toBeUndefined();
  });

  it('the fresh load reading off, same account, same hook: turned off (offOnlyWhenVerified)', () => {
    const fresh = advance(clickedOff(), { type: 'page-opened' }, t0 + 3000).operation;
    expect(fresh.phase).toBe('verifying');
    const outcome = finished(advance(fresh, { type: 'report', report: stateReport('off', false) }, t0 + 4000));
    expect(outcome).toMatchObject({ kind: 'turned-off', account: jana, timings: { startedAt: t0, totalMs: 4000, toggleFoundMs: 800 } });
  });

  it.each([
    ['on again', stateReport('on', false), 'save-failed', jana],
    ['another member', stateReport('off', false, { account: max }), 'clicked-unverified', jana],
    ['no account shown', stateReport('off', false, { account: null }), 'clicked-unverified', jana],
    ['another hook', stateReport('off', false, { hook: 'label-text' }), 'clicked-unverified', jana],
    ['not settled', stateReport('off', false, { ariaInSync: false }), 'clicked-unverified', jana],
  ] as const)('the fresh load with %s is never "turned off"', (_name, report, kind, account) => {
    const outcome = finished(advance(clickedOff(), { type: 'report', report }, t0 + 4000));
    expect(outcome).toMatchObject({ kind, account });
  });

  it('a failure after a click stays with the clicked account as "clicked, not verified", with what went wrong', () => {
    const report: EngineReport = { kind: 'failed', failure: 'signed-out', diagnostic: 'login page', account: null, lang: 'en', way: 'direct', toggleFoundMs: null, elapsedMs: 10 };
    expect(finished(advance(clickedOff(), { type: 'report', report }, t0 + 4000))).toMatchObject({
      kind: 'clicked-unverified',
      account: jana,
      // Signed out: signing in comes before the click can be verified.
      nextSteps: ['sign-in'],
      diagnostic: 'clicked off, then: login page',
    });
  });

  it('only a switch read on again after the click is "save failed"', () => {
    const report: EngineReport = { kind: 'failed', failure: 'save-failed', diagnostic: 'switch back on after the click', account: null, lang: 'en', way: 'direct', toggleFoundMs: 5, elapsedMs: 10 };
    expect(finished(advance(clickedOff(), { type: 'report', report }, t0 + 4000))).toMatchObject({ kind: 'save-failed', account: jana });
  });

  it.each([
    ['the helper tab closed', { type: 'tab-closed' }, 'the LinkedIn tab was closed'],
    ['the deadline passed', { type: 'deadline' }, 'timed out verifying'],
    ['the reload failed', { type: 'reload-failed', error: 'gone', report: stateReport('off', true) }, 'could not be reloaded'],
  ] as const)('after the click, %s: "clicked, not verified" for the clicked member, never a result filed under nobody', (_name, event, why) => {
    const outcome = finished(advance(clickedOff(), event, t0 + operationTimeoutMs));
    expect(outcome).toMatchObject({ kind: 'clicked-unverified', account: jana });
    expect(outcome && 'diagnostic' in outcome ? outcome.diagnostic : '').toContain(why);
  });

  it('after the click, too many page loads end it as "clicked, not verified" for the clicked member', () => {
    let operation = clickedOff();
    let step: Step = { operation, effects: [] };
    for (let load = 0; load < maxPageLoads; load += 1) {
      step = advance(operation, { type: 'page-opened' }, t0 + 3000 + load);
      operation = step.operation;
    }
    expect(finished(step)).toMatchObject({ kind: 'clicked-unverified', account: jana, diagnostic: expect.stringContaining('pages without settling') });
  });

  it('the click is on record before the page can unload it; a page that reloads itself gets "read", never a second click', () => {
    const opened = advance(started(), { type: 'page-opened' }, t0 + 100).operation;
    const onRecord = advance(opened, { type: 'clicking', account: jana, hook: 'label-key' }, t0 + 1000);
    expect(kinds(onRecord)).toEqual(['save']);
    expect(onRecord.operation).toMatchObject({ clicked: true, clickedAccount: jana, clickedHook: 'label-key', phase: 'turning-off' });
    // A second click of the same setting is refused, whoever asks.
    expect(advance(onRecord.operation, { type: 'clicking', account: max, hook: 'label-key' }, t0 + 1100).operation).toBe(onRecord.operation);
    // LinkedIn reloads the page on the click: no report came from the clicking page; the next load only reads, and verifies.
    const reloaded = advance(onRecord.operation, { type: 'page-opened' }, t0 + 1500);
    expect(reloaded.effects).toContainEqual({ do: 'instruct', instruction: expect.objectContaining({ do: 'read' }) });
    expect(reloaded.operation.phase).toBe('verifying');
    expect(finished(advance(reloaded.operation, { type: 'report', report: stateReport('off', false) }, t0 + 2500))).toMatchObject({ kind: 'turned-off', account: jana });
  });

  it("the clicking page's own report still reloads to verify, keeping the member put on record", () => {
    const opened = advance(started(), { type: 'page-opened' }, t0 + 100).operation;
    const onRecord = advance(opened, { type: 'clicking', account: jana, hook: 'label-key' }, t0 + 1000).operation;
    const step = advance(onRecord, { type: 'report', report: stateReport('off', true, { account: null }) }, t0 + 2000);
    expect(kinds(step)).toEqual(['save', 'arm-deadline', 'reload-tab']);
    expect(step.operation).toMatchObject({ clicked: true, clickedAccount: jana, phase: 'verifying' });
  });

  it('a check never puts a click on record', () => {
    const opened = advance(started('check'), { type: 'page-opened' }, t0 + 100).operation;
    expect(advance(opened, { type: 'clicking', account: jana, hook: 'label-key' }, t0 + 1000).operation.clicked).toBe(false);
  });

  it('a reading without the account is nobody\'s result', () => {
    const outcome = finished(advance(started('check'), { type: 'report', report: stateReport('off', false, { account: null }) }, t0 + 1000));
    expect(outcome).toMatchObject({ kind: 'account-unconfirmed', account: null });
  });

  it('a check that reads on finishes as on; an opt-out that reads on without a click reloads to act', () => {
    expect(finished(advance(started('check'), { type: 'report', report: stateReport('on', false) }, t0 + 1000))).toMatchObject({ kind: 'on' });
    const step = advance(started('opt-out'), { type: 'report', report: stateReport('on', false) }, t0 + 1000);
    expect(kinds(step)).toEqual(['save', 'arm-deadline', 'reload-tab']);
    expect(step.operation.clicked).toBe(false);
  });

  it('upgrades a running check to an opt-out, once, keeping an automatic trigger unless the user asked', () => {
    const step = advance(started('check'), { type: 'upgrade', trigger: 'user' }, t0 + 10);
    expect(step.operation.kind).toBe('opt-out');
    expect(kinds(advance(step.operation, { type: 'upgrade', trigger: 'user' }, t0 + 20))).toEqual([]);
  });

  it('the deadline ends only an overdue operation (an early wake-up arms it again), and never later than the hard limit', () => {
    const operation = started();
    expect(kinds(advance(operation, { type: 'deadline' }, operation.deadlineAt - 1))).toEqual(['arm-deadline']);
    expect(finished(advance(operation, { type: 'deadline' }, operation.deadlineAt))).toMatchObject({ kind: 'timeout' });
    let late = operation;
    for (let load = 1; load <= maxPageLoads; load += 1) late = advance(late, { type: 'page-opened' }, t0 + operationTimeoutMs).operation;
    expect(late.deadlineAt).toBeLessThanOrEqual(t0 + operationTimeoutMs);
  });

  it('a closed tab ends the operation at once, with no tab left to close', () => {
    const step = advance(started(), { type: 'tab-closed' }, t0 + 500);
    expect(step.operation.tabId).toBeNull();
    expect(finished(step)).toMatchObject({ kind: 'timeout', diagnostic: 'the LinkedIn tab was closed' });
  });

  it('a reload that fails before any click ends as timeout', () => {
    const report = stateReport('on', false);
    expect(finished(advance(started(), { type: 'reload-failed', error: 'gone', report }, t0 + 2100))).toMatchObject({ kind: 'timeout', account: jana });
  });

  it('a clock set back stores no negative duration', () => {
    expect(finished(advance(started(), { type: 'tab-closed' }, t0 - 60_000))?.timings.totalMs).toBe(0);
  });
});

describe('advance, several settings in one helper tab', () => {
  const plan = ['allowDataForGenerativeAI', 'allowAnonymizedDataResearch', 'allowAdsByAge'] as const;
  const failed = (failure: 'not-offered' | 'signed-out'): EngineReport => ({ kind: 'failed', failure, diagnostic: failure, account: failure === 'signed-out' ? null : jana, lang: 'en', way: 'walk', toggleFoundMs: null, elapsedMs: 10 });

  function startedPlan(kind: Operation['kind'] = 'opt-out'): Operation {
    const operation = newOperation({ id: 'op-test-2', kind, trigger: 'user', walk: false, expectedAccount: jana, cookieStore: null, plan: [...plan] }, t0);
    return advance(operation, { type: 'tab-opened', tabId: 7 }, t0 + 10).operation;
  }

  it('records each setting on its own and sends the same tab to the next one, starting clean', () => {
    let operation = clickedOff();
    operation = { ...operation, plan: [...plan] };
    const step = advance(operation, { type: 'report', report: stateReport('off', false) }, t0 + 5000);
    expect(kinds(step)).toEqual(['record', 'save', 'arm-deadline', 'navigate']);
    expect(step.effects[0]).toMatchObject({ do: 'record', ruleId: 'allowDataForGenerativeAI', outcome: { kind: 'turned-off' } });
    expect(step.effects[3]).toEqual({ do: 'navigate', url: 'https://www.linkedin.com/mypreferences/d/settings/policy-and-academic-research' });
    expect(step.operation).toMatchObject({ step: 1, clicked: false, clickedAccount: null, clickedHook: null, toggleFoundMs: null, phase: 'opening' });
    expect(step.operation.done.map((result) => result.ruleId)).toEqual(['allowDataForGenerativeAI']);
    const next = advance(step.operation, { type: 'page-opened' }, t0 + 6000);
    expect(next.effects).toContainEqual({ do: 'instruct', instruction: expect.objectContaining({ do: 'turn-off', rule: expect.objectContaining({ id: 'allowAnonymizedDataResearch' }) }) });
  });

  it('each setting gets the same rules: a click on the second is verified on a fresh load before it counts', () => {
    let operation = advance(startedPlan(), { type: 'report', report: stateReport('off', false) }, t0 + 1000).operation;
    operation = advance(operation, { type: 'page-opened' }, t0 + 2000).operation;
    const clicked = advance(operation, { type: 'report', report: stateReport('off', true) }, t0 + 3000);
    expect(kinds(clicked)).toEqual(['save', 'arm-deadline', 'reload-tab']);
    const unverified = advance(clicked.operation, { type: 'report', report: stateReport('on', false) }, t0 + 4000);
    expect(unverified.effects[0]).toMatchObject({ do: 'record', ruleId: 'allowAnonymizedDataResearch', outcome: { kind: 'save-failed' } });
  });

  it('a setting not offered in the region is its own result, and the operation goes on', () => {
    const operation = advance(startedPlan(), { type: 'report', report: stateReport('off', false) }, t0 + 1000).operation;
    const step = advance(operation, { type: 'report', report: failed('not-offered') }, t0 + 2000);
    expect(step.effects[0]).toMatchObject({ do: 'record', ruleId: 'allowAnonymizedDataResearch', outcome: { kind: 'not-offered' } });
    expect(step.operation.step).toBe(2);
    const last = advance(step.operation, { type: 'report', report: stateReport('off', false) }, t0 + 3000);
    expect(last.effects).toEqual([{ do: 'finish', ruleId: 'allowAdsByAge', outcome: expect.objectContaining({ kind: 'off' }) }]);
  });

  it('signed out ends the whole operation: the other settings are not tried on a login page', () => {
    const step = advance(startedPlan(), { type: 'report', report: failed('signed-out') }, t0 + 1000);
    expect(step.effects).toEqual([{ do: 'finish', ruleId: 'allowDataForGenerativeAI', outcome: expect.objectContaining({ kind: 'signed-out' }) }]);
  });

  it('a longer plan has more time and page loads, and still ends', () => {
    const one = startedPlan();
    expect(limitsFor(one).pageLoads).toBeGreaterThan(maxPageLoads);
    expect(limitsFor(one).timeoutMs).toBeGreaterThan(operationTimeoutMs);
    let operation = one;
    let loads = 0;
    for (;;) {
      const step = advance(operation, { type: 'page-opened' }, t0 + loads);
      loads += 1;
      if (step.effects.some((effect) => effect.do === 'finish')) break;
      operation = step.operation;
    }
    expect(loads).toBe(limitsFor(one).pageLoads + 1);
    expect(finished(advance(one, { type: 'deadline' }, t0 + limitsFor(one).timeoutMs))).toMatchObject({ kind: 'timeout' });
  });
});
