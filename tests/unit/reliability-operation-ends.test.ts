import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../src/background/background';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import type { LastResult } from '../../src/shared/storage/operation-state';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { type ReliabilityFigures, recordReliability } from '../tools/reliability-table';
import { FakeBrowser, linkedInSender, popupSender } from './fake-browser';

/**
 * An operation always ends (README, Reliability). A badge or notification that fails never aborts it, a
 * final write that storage refuses leaves the previous log as it was and says so, and in every path the
 * operation is cleared, so the next request starts afresh instead of joining a dead one.
 */

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
const hour = 3_600_000;
const figures: ReliabilityFigures = { operationEnds: [] };
let now = Date.UTC(2026, 10, 29, 9, 0, 0);
let ids = 0;

function boot(fake: FakeBrowser) {
  return createBackground(fake, { now: () => now, newId: () => `op-ends-${++ids}` });
}

function stateReport(state: 'on' | 'off', clicked: boolean): EngineReport {
  return { kind: 'state', state, clicked, hook: 'label-key', ariaInSync: true, account: jana, lang: 'de', way: 'direct', toggleFoundMs: 900, elapsedMs: 1000 };
}

async function pageLoad(background: ReturnType<typeof boot>, tabId: number, report: EngineReport): Promise<void> {
  const instruction = await background.route({ type: 'page-opened', account: report.account, lang: 'de' }, linkedInSender(tabId));
  const value = (instruction as { value: { do: string; opId?: string } }).value;
  if (value.do !== 'idle') await background.route({ type: 'engine-report', opId: value.opId, report }, linkedInSender(tabId));
}

/** An opt-out from the popup: turned off on the first load, verified on the fresh one. */
async function optOut(fake: FakeBrowser, background: ReturnType<typeof boot>): Promise<void> {
  expect(await background.route({ type: 'opt-out' }, popupSender)).toMatchObject({ ok: true, value: { joined: false } });
  const tabId = fake.createdTabs.at(-1)!.id;
  await pageLoad(background, tabId, stateReport('off', true));
  await pageLoad(background, tabId, stateReport('off', false));
}

const storedLog = (fake: FakeBrowser) => fake.storage.local.data.get(storageKeys.log) as OptOutLog | undefined;
const lastResult = (fake: FakeBrowser) => fake.storage.session.data.get(storageKeys.lastResult) as LastResult | undefined;
const operationInFlight = (fake: FakeBrowser) => fake.storage.session.data.get(storageKeys.operation);

function seen(name: string, outcome: string): void {
  figures.operationEnds!.push({ name, outcome });
}

beforeEach(() => {
  vi.useFakeTimers();
  now = Date.UTC(2026, 10, 29, 9, 0, 0);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

afterAll(() => {
  recordReliability(figures);
});

describe('an operation always ends', () => {
  it('opens its tab, finishes and logs when every badge call rejects', async () => {
    const fake = new FakeBrowser();
    fake.action.setBadgeText = () => Promise.reject(new Error('No tab with id'));
    fake.action.setTitle = () => Promise.reject(new Error('No tab with id'));
    const background = boot(fake);
    await background.start();
    await optOut(fake, background);
    expect(fake.createdTabs).toHaveLength(1);
    expect(storedLog(fake)?.accounts[jana.key]?.history.map((entry) => entry.outcome)).toEqual(['turned-off']);
    expect(operationInFlight(fake)).toBeUndefined();
    expect(lastResult(fake)).toMatchObject({ saved: true, outcome: { kind: 'turned-off' } });
    seen('every badge call rejects', `${lastResult(fake)!.outcome.kind}, logged, operation cleared`);
  });

  it('finishes, logs and clears the operation when the flip-back notification fails', async () => {
    const fake = new FakeBrowser();
    fake.notificationsGranted = true;
    fake.notifications.create = () => Promise.reject(new Error('notifications disabled by the system'));
    const background = boot(fake);
    await background.route({ type: 'update-preferences', preferences: { notifyOnFlipBack: true } }, popupSender);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false));
    now += 25 * hour;
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    await pageLoad(background, fake.createdTabs[1]!.id, stateReport('on', false));
    expect(storedLog(fake)?.accounts[jana.key]).toMatchObject({ state: 'on', flippedBackAt: now });
    expect(operationInFlight(fake)).toBeUndefined();
    expect(fake.badge.text).toBe('!');
    seen('the flip-back notification fails', `${lastResult(fake)!.outcome.kind}, logged, badge !, operation cleared`);
  });

  it('keeps the previous log intact when storage refuses the final write, says so, and starts afresh next time', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await optOut(fake, background);
    const before = structuredClone(storedLog(fake));
    fake.storage.local.refuseWrite = (items) => storageKeys.log in items;
    now += hour;
    await optOut(fake, background);
    expect(storedLog(fake)).toEqual(before);
    expect(operationInFlight(fake)).toBeUndefined();
    expect(lastResult(fake)).toMatchObject({ saved: false, outcome: { kind: 'turned-off' }, accountKey: jana.key });
    expect(fake.openTabs.size).toBe(0);

    // Storage has room again: the next request is a new operation, and its result is saved.
    fake.storage.local.refuseWrite = null;
    now += hour;
    await optOut(fake, background);
    expect(fake.createdTabs).toHaveLength(3);
    expect(lastResult(fake)).toMatchObject({ saved: true });
    expect(storedLog(fake)?.accounts[jana.key]?.history).toHaveLength(1);
    expect(storedLog(fake)?.accounts[jana.key]?.history[0]).toMatchObject({ outcome: 'turned-off', count: 2 });
    seen('storage refuses the final log write (quota)', 'previous log intact, result marked not saved, operation cleared, next request starts afresh');
  });

  it('clears the operation when closing its tab and clearing its alarm both fail', async () => {
    const fake = new FakeBrowser();
    fake.tabs.remove = () => Promise.reject(new Error('No tab with id'));
    fake.alarms.clear = () => Promise.reject(new Error('alarms unavailable'));
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender).catch(() => undefined);
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false)).catch(() => undefined);
    expect(storedLog(fake)?.accounts[jana.key]?.state).toBe('off');
    expect(operationInFlight(fake)).toBeUndefined();
    expect(await background.route({ type: 'check' }, popupSender)).toMatchObject({ ok: true, value: { joined: false } });
    seen('closing the helper tab and clearing the deadline alarm both fail', 'off, logged, operation cleared, next request starts afresh');
  });

  it('ends with a clear result when the helper tab cannot be opened, with a rejecting badge', async () => {
    const fake = new FakeBrowser();
    fake.tabs.create = () => Promise.reject(new Error('tabs unavailable'));
    fake.action.setBadgeText = () => Promise.reject(new Error('No tab with id'));
    const background = boot(fake);
    expect(await background.route({ type: 'opt-out' }, popupSender)).toMatchObject({ ok: true });
    expect(operationInFlight(fake)).toBeUndefined();
    expect(lastResult(fake)).toMatchObject({ outcome: { kind: 'timeout' } });
    seen('the helper tab cannot be opened, and the badge rejects', `${lastResult(fake)!.outcome.kind}, operation cleared`);
  });
});
