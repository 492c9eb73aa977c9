import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../src/background/background';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import type { LastResult } from '../../src/shared/storage/operation-state';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { FakeBrowser, linkedInSender, popupSender } from './fake-browser';

/** The data-use checkup in the background: one click does every chosen setting, in two helper tabs at most. */

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
const hour = 3_600_000;
let now = Date.UTC(2026, 10, 29, 9, 0, 0);
let ids = 0;

type Account = typeof jana | null;

function state(state: 'on' | 'off', clicked: boolean, account: Account = jana): EngineReport {
  return { kind: 'state', state, clicked, hook: 'label-key', ariaInSync: true, account, lang: 'en', way: 'direct', toggleFoundMs: 400, elapsedMs: 500 };
}

function failed(failure: 'not-offered' | 'signed-out', account: Account = jana): EngineReport {
  return { kind: 'failed', failure, diagnostic: `test ${failure}`, account, lang: 'en', way: 'walk', toggleFoundMs: null, elapsedMs: 500 };
}

async function boot(fake: FakeBrowser, chosenSettings: string[]) {
  const background = createBackground(fake, { now: () => now, newId: () => `op-test-${++ids}` });
  await background.start();
  expect(await background.route({ type: 'update-preferences', preferences: { chosenSettings } }, popupSender)).toMatchObject({ ok: true });
  return background;
}

/** One page load in the helper tab: its instruction, then the engine's report. Returns the instruction. */
async function pageLoad(background: Awaited<ReturnType<typeof boot>>, tabId: number, report: EngineReport) {
  const answer = await background.route({ type: 'page-opened', account: report.account, lang: 'en' }, linkedInSender(tabId, '/mypreferences/d/'));
  const instruction = (answer as { value: { do: string; opId?: string; rule?: { id: string } } }).value;
  if (instruction.do !== 'idle') await background.route({ type: 'engine-report', opId: instruction.opId, report }, linkedInSender(tabId));
  return instruction;
}

const storedLog = (fake: FakeBrowser) => fake.storage.local.data.get(storageKeys.log) as OptOutLog;
const lastResult = (fake: FakeBrowser) => fake.storage.session.data.get(storageKeys.lastResult) as LastResult;

beforeEach(() => {
  vi.useFakeTimers();
  now = Date.UTC(2026, 10, 29, 9, 0, 0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('one click, every chosen setting', () => {
  it('turns off the AI setting and each chosen one in two helper tabs side by side, each verified on a fresh load of its own page and reported on its own', async () => {
    const fake = new FakeBrowser();
    // Chosen out of order: the plan follows the table's order, the headline first.
    const background = await boot(fake, ['allowAdsByAge', 'allowAnonymizedDataResearch']);
    await background.route({ type: 'opt-out' }, popupSender);
    // Two helper tabs at once, never more: the AI setting and the next setting of the plan.
    expect(fake.createdTabs.map((tab) => [tab.url, tab.active])).toEqual([
      ['https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement', false],
      ['https://www.linkedin.com/mypreferences/d/settings/policy-and-academic-research', false],
    ]);
    const [first, second] = fake.createdTabs.map((tab) => tab.id) as [number, number];

    const seen: string[] = [];
    const load = async (tabId: number, report: EngineReport) => seen.push(`${tabId}:${(await pageLoad(background, tabId, report)).rule?.id}`);
    await load(first, state('off', true)); // AI: clicked
    await load(second, state('off', true)); // research: clicked, while the AI setting's fresh load is due
    expect(fake.reloads).toEqual([first, second]);
    await load(first, state('off', false)); // AI: verified; this tab takes the next setting
    await load(second, state('off', false)); // research: verified; nothing left for this tab, it closes
    expect(fake.openTabs.has(second)).toBe(false);
    await load(first, failed('not-offered')); // ads by age: not in this region
    expect(seen).toEqual([
      `${first}:allowDataForGenerativeAI`,
      `${second}:allowAnonymizedDataResearch`,
      `${first}:allowDataForGenerativeAI`,
      `${second}:allowAnonymizedDataResearch`,
      `${first}:allowAdsByAge`,
    ]);
    expect(fake.navigations).toEqual([{ tabId: first, url: 'https://www.linkedin.com/mypreferences/d/settings/ads-by-age' }]);
    expect(fake.openTabs.size).toBe(0);

    const record = storedLog(fake).accounts[jana.key]!;
    expect(record).toMatchObject({ state: 'off', optedOutAt: now, problem: null });
    expect(record.settings.allowAnonymizedDataResearch).toMatchObject({ state: 'off', optedOutAt: now, problem: null });
    expect(record.settings.allowAdsByAge).toMatchObject({ state: 'unknown', problem: 'not-offered' });
    expect(record.history.map((entry) => [entry.ruleId, entry.outcome])).toEqual([['allowDataForGenerativeAI', 'turned-off']]);
    expect(record.settings.allowAnonymizedDataResearch!.history.map((entry) => [entry.ruleId, entry.outcome])).toEqual([['allowAnonymizedDataResearch', 'turned-off']]);
    expect(lastResult(fake).outcome.kind).toBe('turned-off');
    // In the plan's order, whichever tab finished first.
    expect(lastResult(fake).settings.map((result) => [result.ruleId, result.outcome.kind])).toEqual([
      ['allowDataForGenerativeAI', 'turned-off'],
      ['allowAnonymizedDataResearch', 'turned-off'],
      ['allowAdsByAge', 'not-offered'],
    ]);
    // "Not offered" is no problem the member can fix: the badge stays calm.
    expect(fake.badge.text).toBe('✓');
  });

  it('the tab that runs out of settings first closes, and the other goes on alone as the operation\'s own', async () => {
    const fake = new FakeBrowser();
    const background = await boot(fake, ['allowAnonymizedDataResearch']);
    await background.route({ type: 'opt-out' }, popupSender);
    const [first, second] = fake.createdTabs.map((tab) => tab.id) as [number, number];
    await pageLoad(background, first, state('off', false)); // AI: already off, nothing left for this tab
    expect([...fake.openTabs.keys()]).toEqual([second]);
    const operation = fake.storage.session.data.get(storageKeys.operation) as { tabId: number; second: unknown };
    expect(operation).toMatchObject({ tabId: second, second: null });
    await pageLoad(background, second, state('off', true));
    // A page of the closed tab belongs to no operation any more: it is an ordinary LinkedIn page.
    expect((await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(first, '/mypreferences/d/'))) as unknown).toMatchObject({ value: { do: 'idle' } });
    await pageLoad(background, second, state('off', false));
    expect(lastResult(fake).settings.map((result) => [result.ruleId, result.outcome.kind])).toEqual([
      ['allowDataForGenerativeAI', 'off'],
      ['allowAnonymizedDataResearch', 'turned-off'],
    ]);
    expect(fake.openTabs.size).toBe(0);
  });

  it('a click in the other tab is never lost when the operation ends: it is the clicked member\'s "clicked, not verified"', async () => {
    const fake = new FakeBrowser();
    const background = await boot(fake, ['allowAnonymizedDataResearch']);
    await background.route({ type: 'opt-out' }, popupSender);
    const [first, second] = fake.createdTabs.map((tab) => tab.id) as [number, number];
    await pageLoad(background, second, state('off', true)); // research: clicked
    await pageLoad(background, first, failed('signed-out', null)); // then the AI setting's page shows the login
    expect(fake.openTabs.size).toBe(0);
    expect(lastResult(fake).settings.map((result) => [result.ruleId, result.outcome.kind, result.outcome.account?.key ?? null])).toEqual([
      ['allowDataForGenerativeAI', 'signed-out', null],
      ['allowAnonymizedDataResearch', 'clicked-unverified', jana.key],
    ]);
    const research = storedLog(fake).accounts[jana.key]!.settings.allowAnonymizedDataResearch!;
    expect(research.history.map((entry) => entry.outcome)).toEqual(['clicked-unverified']);
    expect(research.state).not.toBe('off');
  });

  it('the second tab\'s own watchdog: a page that never loads there ends the operation, and both tabs close', async () => {
    const fake = new FakeBrowser();
    const background = await boot(fake, ['allowAnonymizedDataResearch', 'allowAdsByAge']);
    await background.route({ type: 'opt-out' }, popupSender);
    const [first] = fake.createdTabs.map((tab) => tab.id) as [number, number];
    // The first tab's page keeps loading and reporting; the second tab's never does.
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(first, '/mypreferences/d/'));
    now += 21_000;
    await background.operations.expireIfOverdue();
    expect(fake.openTabs.size).toBe(0);
    expect(lastResult(fake).settings).toEqual([
      expect.objectContaining({ ruleId: 'allowAnonymizedDataResearch', outcome: expect.objectContaining({ kind: 'timeout', diagnostic: expect.stringContaining('opening') }) }),
    ]);
  });

  it('with nothing chosen, does only the AI setting, exactly as before', async () => {
    const fake = new FakeBrowser();
    const background = await boot(fake, []);
    await background.route({ type: 'opt-out' }, popupSender);
    await pageLoad(background, fake.createdTabs[0]!.id, state('off', false));
    expect(fake.navigations).toEqual([]);
    expect(lastResult(fake).settings.map((result) => result.ruleId)).toEqual(['allowDataForGenerativeAI']);
    expect(storedLog(fake).accounts[jana.key]!.settings).toEqual({});
  });

  it('signed out stops the run in both tabs: the other settings are not tried and nothing is filed under anyone', async () => {
    const fake = new FakeBrowser();
    const background = await boot(fake, ['allowAnonymizedDataResearch', 'allowAdsByAge']);
    await background.route({ type: 'opt-out' }, popupSender);
    expect(fake.createdTabs).toHaveLength(2);
    await pageLoad(background, fake.createdTabs[0]!.id, failed('signed-out', null));
    expect(fake.navigations).toEqual([]);
    expect(lastResult(fake)).toMatchObject({ accountKey: null, outcome: { kind: 'signed-out' } });
    expect(fake.openTabs.size).toBe(0);
  });

  it('the re-check covers every chosen setting, and the badge names the one that came back on', async () => {
    const fake = new FakeBrowser();
    const background = await boot(fake, ['allowAnonymizedDataResearch']);
    await background.route({ type: 'opt-out' }, popupSender);
    await pageLoad(background, fake.createdTabs[0]!.id, state('off', false));
    await pageLoad(background, fake.createdTabs[1]!.id, state('off', false));
    expect(fake.badge.text).toBe('✓');

    now += 25 * hour;
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    expect(fake.createdTabs).toHaveLength(4);
    expect((await pageLoad(background, fake.createdTabs[2]!.id, state('off', false))).do).toBe('read');
    expect((await pageLoad(background, fake.createdTabs[3]!.id, state('on', false))).do).toBe('read');
    expect(storedLog(fake).accounts[jana.key]!.settings.allowAnonymizedDataResearch).toMatchObject({ state: 'on', flippedBackAt: now });
    expect(fake.badge.text).toBe('!');
    expect(fake.badge.title).toContain('badgeTitleSettingFlippedBack:settingName_allowAnonymizedDataResearch');
    expect(fake.badge.title).toContain(jana.name);
  });
});
