import { describe, expect, it } from 'vitest';
import { advanceInLane, laneOfTab, openSecondLane, viewOf } from '../../src/background/operation-lanes';
import { limitsFor, newOperation, type Step } from '../../src/background/operation-lifecycle';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import type { Operation } from '../../src/shared/storage/operation-state';

/** Two helper tabs through one plan, without a browser: the pure `advanceInLane` and `openSecondLane`. */

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
const t0 = Date.UTC(2026, 11, 4, 9, 0, 0);
const plan = ['allowDataForGenerativeAI', 'allowAnonymizedDataResearch', 'allowAdsByAge'] as const;
const kinds = (step: Step) => step.effects.map((effect) => effect.do);

function stateReport(state: 'on' | 'off', clicked: boolean): EngineReport {
  return { kind: 'state', state, clicked, hook: 'label-key', ariaInSync: true, account: jana, lang: 'en', way: 'direct', toggleFoundMs: 300, elapsedMs: 400 };
}

/** Both helper tabs open: the operation's own (7) on the AI setting, the second (8) on research. */
function twoTabs(kind: Operation['kind'] = 'opt-out', settings: readonly string[] = plan): Operation {
  const created = newOperation({ id: 'op-lanes-1', kind, trigger: 'user', walk: false, expectedAccount: jana, cookieStore: null, plan: [...settings] as Operation['plan'] }, t0);
  const first = advanceInLane(created, { type: 'tab-opened', tabId: 7 }, t0 + 5).operation;
  const opening = openSecondLane(first, t0 + 6);
  if (!opening) throw new Error('no second tab for a longer plan');
  return advanceInLane(opening.operation, { type: 'tab-opened', tabId: 8 }, t0 + 7, 'second').operation;
}

describe('openSecondLane', () => {
  it('opens no second tab for the AI setting alone', () => {
    const alone = advanceInLane(newOperation({ id: 'op-lanes-1', kind: 'opt-out', trigger: 'user', walk: false, expectedAccount: jana, cookieStore: null, plan: ['allowDataForGenerativeAI'] }, t0), { type: 'tab-opened', tabId: 7 }, t0 + 5);
    expect(openSecondLane(alone.operation, t0 + 6)).toBeNull();
  });

  it('gives the second tab the next setting of the plan, with its own wait for its first page', () => {
    const operation = twoTabs();
    expect(operation).toMatchObject({ tabId: 7, step: 0, nextStep: 2, second: { tabId: 8, step: 1, phase: 'opening', clicked: false } });
    expect(laneOfTab(operation, 8)).toBe('second');
    expect(laneOfTab(operation, 9)).toBeNull();
    expect(openSecondLane(operation, t0 + 10)).toBeNull();
  });
});

describe('advanceInLane', () => {
  it('a click in the second tab is verified by reloading that tab, and the first tab does not count as clicked', () => {
    let operation = advanceInLane(twoTabs(), { type: 'page-opened' }, t0 + 100, 'second').operation;
    operation = advanceInLane(operation, { type: 'clicking', account: jana, hook: 'label-key' }, t0 + 200, 'second').operation;
    const step = advanceInLane(operation, { type: 'report', report: stateReport('off', true) }, t0 + 300, 'second');
    expect(step.effects).toContainEqual(expect.objectContaining({ do: 'reload-tab', tabId: 8 }));
    expect(viewOf(step.operation, 'second')).toMatchObject({ clicked: true, phase: 'verifying' });
    expect(step.operation.clicked).toBe(false);
  });

  it('the tab whose plan share is done is recorded and closed; the next free setting goes to the tab that asks', () => {
    const readOff = advanceInLane(twoTabs(), { type: 'report', report: stateReport('off', false) }, t0 + 500, 'first');
    expect(kinds(readOff)).toEqual(['record', 'save', 'arm-deadline', 'navigate']);
    expect(readOff.operation).toMatchObject({ step: 2, nextStep: 3 });
    const secondDone = advanceInLane(readOff.operation, { type: 'report', report: stateReport('off', false) }, t0 + 600, 'second');
    expect(kinds(secondDone)).toEqual(['record', 'close-tab', 'save', 'arm-deadline']);
    expect(secondDone.effects[1]).toEqual({ do: 'close-tab', tabId: 8 });
    expect(secondDone.operation.second).toBeNull();
    expect(secondDone.operation.done.map((result) => result.ruleId)).toEqual(['allowDataForGenerativeAI', 'allowAnonymizedDataResearch']);
  });

  it('page loads of both tabs count against the one limit of the operation', () => {
    let operation = twoTabs();
    let loads = 0;
    for (;;) {
      const step = advanceInLane(operation, { type: 'page-opened' }, t0 + loads, loads % 2 === 0 ? 'first' : 'second');
      loads += 1;
      if (step.effects.some((effect) => effect.do === 'finish')) break;
      operation = step.operation;
    }
    expect(loads).toBe(limitsFor(operation).pageLoads + 1);
  });

  it("a user's opt-out upgrades a check in both tabs at once", () => {
    const upgraded = advanceInLane(twoTabs('check'), { type: 'upgrade', trigger: 'user' }, t0 + 50, 'second').operation;
    expect(upgraded.kind).toBe('opt-out');
    const instruction = advanceInLane(upgraded, { type: 'page-opened' }, t0 + 60, 'second').effects.find((effect) => effect.do === 'instruct');
    expect(instruction).toMatchObject({ instruction: { do: 'turn-off', rule: { id: 'allowAnonymizedDataResearch' } } });
  });
});
