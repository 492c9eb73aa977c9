import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../src/background/background';
import { maxPageLoads, offOnlyWhenVerified, operationTimeoutMs, pageLoadWaitMs } from '../../src/background/operations';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { FakeBrowser, linkedInSender, popupSender } from './fake-browser';

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
const max = { key: 'max-muster', name: 'Max Muster' };
const hour = 3_600_000;

let now = Date.UTC(2026, 10, 29, 9, 0, 0);
let ids = 0;

function boot(fake: FakeBrowser) {
  return createBackground(fake, { now: () => now, newId: () => `op-test-${++ids}` });
}

type StateReport = Extract<EngineReport, { kind: 'state' }>;

function stateReport(state: 'on' | 'off', clicked: boolean, account: typeof jana | null = jana, overrides: Partial<StateReport> = {}): StateReport {
  return { kind: 'state', state, clicked, hook: 'label-key', ariaInSync: true, account, lang: 'de', way: 'direct', toggleFoundMs: 900, elapsedMs: 1000, ...overrides };
}

function failedReport(failure: 'signed-out' | 'timeout' | 'not-found' | 'unreadable', account: typeof jana | null = null): EngineReport {
  return { kind: 'failed', failure, diagnostic: `test ${failure}`, account, lang: 'en', way: 'direct', toggleFoundMs: null, elapsedMs: 1000 };
}

async function storedLog(fake: FakeBrowser): Promise<OptOutLog> {
  return (await fake.storage.local.get(storageKeys.log))[storageKeys.log] as OptOutLog;
}

/** The helper tab's page loads: each asks for its instruction, and the engine reports back. */
async function pageLoad(background: ReturnType<typeof boot>, tabId: number, report: EngineReport) {
  const instruction = await background.route({ type: 'page-opened', account: report.account, lang: 'de' }, linkedInSender(tabId, '/mypreferences/d/settings/data-for-ai-improvement'));
  expect(instruction.ok).toBe(true);
  const value = (instruction as { value: { do: string; opId?: string } }).value;
  if (value.do === 'idle') return value;
  const answer = await background.route({ type: 'engine-report', opId: value.opId, report }, linkedInSender(tabId));
  expect(answer).toMatchObject({ ok: true });
  return value;
}

beforeEach(() => {
  vi.useFakeTimers();
  now = Date.UTC(2026, 10, 29, 9, 0, 0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('one-click opt-out', () => {
  it('turns it off in an inactive helper tab, verifies on a fresh load, logs it and closes the tab', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.start();
    expect(await background.route({ type: 'opt-out' }, popupSender)).toMatchObject({ ok: true, value: { joined: false } });

    const [tab] = fake.createdTabs;
    expect(tab).toMatchObject({ url: 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement', active: false });
    expect(fake.badge.text).toBe('…');

    const first = await pageLoad(background, tab!.id, stateReport('off', true));
    expect(first.do).toBe('turn-off');
    expect(fake.reloads).toEqual([tab!.id]);
    const verify = await pageLoad(background, tab!.id, stateReport('off', false));
    expect(verify.do).toBe('read');

    const log = await storedLog(fake);
    expect(log.accounts[jana.key]).toMatchObject({ state: 'off', optedOutAt: now, offSince: now, problem: null });
    expect(log.accounts[jana.key]!.history).toEqual([
      expect.objectContaining({ outcome: 'turned-off', trigger: 'user', lang: 'de', extensionVersion: '1.2.3' }),
    ]);
    expect(fake.openTabs.size).toBe(0);
    expect(fake.badge).toMatchObject({ text: '✓', title: `badgeTitleAllOff:${jana.name}` });
    expect(fake.storage.session.data.get(storageKeys.operation)).toBeUndefined();
  });

  it('reports save-failed, not turned-off, when a fresh load shows it on again', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    const tabId = fake.createdTabs[0]!.id;
    await pageLoad(background, tabId, stateReport('off', true));
    await pageLoad(background, tabId, stateReport('on', false));
    const record = (await storedLog(fake)).accounts[jana.key]!;
    expect(record.history.at(-1)?.outcome).toBe('save-failed');
    expect(record.optedOutAt).toBeNull();
    expect(fake.storage.session.data.get(storageKeys.lastResult)).toMatchObject({ outcome: { kind: 'save-failed', nextSteps: ['retry', 'open-setting'] } });
  });

  it('records "already off" without a reload when nothing had to be clicked', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false));
    expect(fake.reloads).toEqual([]);
    expect((await storedLog(fake)).accounts[jana.key]!.history.at(-1)?.outcome).toBe('off');
  });

  it('runs one operation at a time: a second request joins the first', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    const answers = await Promise.all([
      background.route({ type: 'opt-out' }, popupSender),
      background.route({ type: 'opt-out' }, popupSender),
      background.route({ type: 'check' }, popupSender),
    ]);
    expect(fake.createdTabs).toHaveLength(1);
    expect(answers.map((answer) => (answer as { value: { joined: boolean } }).value.joined)).toEqual([false, true, true]);
  });

  it('upgrades a running check to an opt-out when the user asks, and acts on the next load', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'check' }, popupSender);
    await background.route({ type: 'opt-out' }, popupSender);
    const tabId = fake.createdTabs[0]!.id;
    const instruction = await pageLoad(background, tabId, stateReport('off', true));
    expect(instruction.do).toBe('turn-off');
  });

  it('files the outcome under the account the page showed when it differs from the expected one', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'de' }, linkedInSender(1));
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false, jana));
    now += 2 * hour;
    await background.route({ type: 'opt-out' }, popupSender);
    const tabId = fake.createdTabs[1]!.id;
    await pageLoad(background, tabId, stateReport('off', true, max));
    await pageLoad(background, tabId, stateReport('off', false, max));
    const log = await storedLog(fake);
    expect(log.accounts[max.key]?.history.at(-1)?.outcome).toBe('turned-off');
    expect(log.accounts[jana.key]?.history).toHaveLength(1);
  });

  it('ends an operation whose tab keeps loading pages, instead of following it forever', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    const tabId = fake.createdTabs[0]!.id;
    const answers = [];
    for (let load = 0; load < maxPageLoads + 3; load += 1) {
      answers.push(await background.route({ type: 'page-opened', account: null, lang: 'en' }, linkedInSender(tabId, '/mypreferences/d/')));
    }
    const active = answers.filter((answer) => 'opId' in (answer as { value: object }).value);
    expect(active).toHaveLength(maxPageLoads);
    expect(fake.storage.session.data.get(storageKeys.lastResult)).toMatchObject({ outcome: { kind: 'not-found' } });
  });

  it('gives up after 20 s when LinkedIn never loads in the helper tab, not after the full 90 s', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    now += pageLoadWaitMs - 1;
    await background.onAlarm('operation-deadline');
    expect(fake.storage.session.data.get(storageKeys.operation)).toBeDefined();
    now += 2;
    await background.onAlarm('operation-deadline');
    expect(fake.storage.session.data.get(storageKeys.lastResult)).toMatchObject({
      outcome: { kind: 'timeout', diagnostic: expect.stringMatching(/load/) },
    });
    expect(fake.openTabs.size).toBe(0);
  });

  it('slides the watchdog with each page, within the operation\'s hard limit', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    const tabId = fake.createdTabs[0]!.id;
    now += 10_000;
    await background.route({ type: 'page-opened', account: jana, lang: 'de' }, linkedInSender(tabId));
    now += pageLoadWaitMs + 1;
    await background.onAlarm('operation-deadline');
    // Still running: the engine on the page has its own 30 s to report.
    expect(fake.storage.session.data.get(storageKeys.operation)).toMatchObject({ phase: 'reading' });
    now += operationTimeoutMs;
    await background.onAlarm('operation-deadline');
    expect(fake.storage.session.data.get(storageKeys.operation)).toBeUndefined();
  });

  it('ends the operation at once when the helper tab is closed', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    await background.onTabRemoved(fake.createdTabs[0]!.id);
    expect(fake.storage.session.data.get(storageKeys.operation)).toBeUndefined();
    expect(fake.storage.session.data.get(storageKeys.lastResult)).toMatchObject({ outcome: { kind: 'timeout', diagnostic: 'the LinkedIn tab was closed' } });
  });
});

describe('a stopped service worker', () => {
  it('continues an operation in flight when the page reports to a fresh worker', async () => {
    const fake = new FakeBrowser();
    await boot(fake).route({ type: 'opt-out' }, popupSender);
    const tabId = fake.createdTabs[0]!.id;
    const restarted = boot(fake);
    await restarted.start();
    await pageLoad(restarted, tabId, stateReport('off', true));
    await pageLoad(boot(fake), tabId, stateReport('off', false));
    expect((await storedLog(fake)).accounts[jana.key]?.history.at(-1)?.outcome).toBe('turned-off');
  });

  it('never leaves an operation stuck in checking: an overdue one ends as timeout on the next start', async () => {
    const fake = new FakeBrowser();
    await boot(fake).route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    const startedAt = now;
    now += operationTimeoutMs + 1;
    await boot(fake).start();
    expect(fake.storage.session.data.get(storageKeys.operation)).toBeUndefined();
    expect(fake.storage.session.data.get(storageKeys.lastResult)).toMatchObject({ accountKey: null, outcome: { kind: 'timeout' } });
    // No page showed whose check it was: nothing is filed under the account seen earlier, but it stays throttled.
    const record = (await storedLog(fake)).accounts[jana.key]!;
    expect(record).toMatchObject({ problem: null, history: [], lastAutoCheckAt: startedAt });
    expect(fake.openTabs.size).toBe(0);
  });
});

describe('automatic re-check when LinkedIn opens', () => {
  it('checks a newly seen account read-only, then not again within the interval', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    expect(fake.createdTabs).toHaveLength(1);
    const instruction = await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false));
    expect(instruction.do).toBe('read');

    now += 2 * hour;
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    expect(fake.createdTabs).toHaveLength(1);
    now += 23 * hour;
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(2));
    expect(fake.createdTabs).toHaveLength(2);
  });

  it('starts one check, not two, when two LinkedIn tabs open at once', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await Promise.all([
      background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1)),
      background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(2)),
    ]);
    expect(fake.createdTabs).toHaveLength(1);
  });

  it('backs off after failures instead of retrying on every page load', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    let checks = 0;
    // Two days of a page load every 5 minutes, with LinkedIn failing every check.
    for (let minute = 0; minute < 2 * 24 * 60; minute += 5) {
      now += 5 * 60_000;
      const before = fake.createdTabs.length;
      await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
      if (fake.createdTabs.length > before) {
        checks += 1;
        await pageLoad(background, fake.createdTabs.at(-1)!.id, failedReport('timeout', jana));
      }
    }
    // 30 min, 1 h, 2 h, … up to the daily interval: a handful, not hundreds.
    expect(checks).toBeGreaterThan(2);
    expect(checks).toBeLessThanOrEqual(9);
  });

  it('warns on the badge when the setting flipped back on, and notifies when asked to', async () => {
    const fake = new FakeBrowser();
    fake.notificationsGranted = true;
    const background = boot(fake);
    await background.route({ type: 'update-preferences', preferences: { notifyOnFlipBack: true } }, popupSender);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false));
    now += 25 * hour;
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    await pageLoad(background, fake.createdTabs[1]!.id, stateReport('on', false));
    expect(fake.badge).toMatchObject({ text: '!', title: `badgeTitleFlippedBack:${jana.name}` });
    expect(fake.notificationsShown).toEqual([expect.objectContaining({ message: `notificationFlipBackBody:${jana.name}` })]);
    expect((await storedLog(fake)).accounts[jana.key]).toMatchObject({ state: 'on', flippedBackAt: now });
  });

  it('keeps it off automatically when asked, at most three times a day', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'update-preferences', preferences: { keepItOff: true, recheckIntervalHours: 1 } }, popupSender);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false));
    let fixes = 0;
    // LinkedIn flips it back on before every hourly check, for a day.
    for (let round = 0; round < 24; round += 1) {
      now += hour + 1;
      await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
      await pageLoad(background, fake.createdTabs.at(-1)!.id, stateReport('on', false));
      await vi.advanceTimersByTimeAsync(0);
      const operation = fake.storage.session.data.get(storageKeys.operation) as { trigger: string } | undefined;
      if (operation?.trigger === 'auto-fix') {
        fixes += 1;
        const tabId = fake.createdTabs.at(-1)!.id;
        await pageLoad(background, tabId, stateReport('off', true));
        await pageLoad(background, tabId, stateReport('off', false));
      }
    }
    expect(fixes).toBe(3);
    const history = (await storedLog(fake)).accounts[jana.key]!.history;
    expect(history.filter((entry) => entry.trigger === 'auto-fix' && entry.outcome === 'turned-off')).toHaveLength(3);
  });
});

describe('an account the page shows late', () => {
  it('is reported separately and then checked like any other', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: null, lang: 'en' }, linkedInSender(1));
    expect(fake.createdTabs).toHaveLength(0);
    expect(await background.route({ type: 'account-seen', account: jana }, linkedInSender(1))).toEqual({ ok: true, value: null });
    expect(fake.createdTabs).toHaveLength(1);
    expect((await storedLog(fake)).currentAccountKey).toBe(jana.key);
  });

  it('from the helper tab, neither counts as a page load nor starts anything', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    const tabId = fake.createdTabs[0]!.id;
    await background.route({ type: 'account-seen', account: jana }, linkedInSender(tabId));
    expect(fake.storage.session.data.get(storageKeys.operation)).toMatchObject({ pageLoads: 0 });
    expect(fake.createdTabs).toHaveLength(1);
  });
});

describe('sign-in and continuation', () => {
  it('opens the login page with a return address and continues the opt-out once signed in', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'sign-in' }, popupSender);
    expect(fake.createdTabs[0]).toMatchObject({
      url: `https://www.linkedin.com/uas/login?session_redirect=${encodeURIComponent('https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement')}`,
      active: true,
    });
    await background.route({ type: 'page-opened', account: null, lang: 'en' }, linkedInSender(fake.createdTabs[0]!.id, '/uas/login'));
    expect(fake.createdTabs).toHaveLength(1);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(fake.createdTabs[0]!.id));
    expect(fake.createdTabs).toHaveLength(2);
    expect(fake.storage.session.data.get(storageKeys.operation)).toMatchObject({ kind: 'opt-out', trigger: 'user' });
  });
});

describe('the message boundary', () => {
  it('rejects malformed messages and foreign senders with a clear error, changing nothing', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.start();
    const before = fake.storage.local.snapshot() + fake.storage.session.snapshot();
    const cases: [unknown, object][] = [
      [null, popupSender],
      [{ type: 'opt-out', extra: 1, __proto__: { admin: true } }, { id: 'another-extension', url: 'chrome-extension://x/' }],
      [{ type: 'forget-account', key: '../../etc' }, popupSender],
      [{ type: 'opt-out' }, linkedInSender(3)],
      [{ type: 'page-opened', account: jana, lang: 'en' }, popupSender],
      [{ type: 'page-opened', account: jana, lang: 'en' }, { ...linkedInSender(3), frameId: 2 }],
      [{ type: 'page-opened', account: jana, lang: 'en' }, { id: fake.runtime.id, url: 'https://evil.example/', frameId: 0, tab: { id: 3 } }],
      [{ type: 'engine-report', opId: 'op-none', report: stateReport('off', true) }, linkedInSender(3)],
      [{ type: 'update-preferences', preferences: { recheckIntervalHours: -1 } }, popupSender],
    ];
    for (const [message, sender] of cases) {
      const answer = await background.route(message, sender);
      expect(answer.ok, JSON.stringify(message)).toBe(false);
      expect((answer as { error: string }).error).toMatch(/\w{6,}/);
    }
    expect(fake.storage.local.snapshot() + fake.storage.session.snapshot()).toBe(before);
    expect(fake.createdTabs).toHaveLength(0);
  });
});

describe('the stored log stays the truth', () => {
  it('sees a change written to storage by anyone else on its next read', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false));
    const log = await storedLog(fake);
    log.accounts[jana.key]!.lastCheckedAt = now - 2 * 24 * hour;
    log.accounts[jana.key]!.lastAutoCheckAt = now - 2 * 24 * hour;
    await fake.storage.local.set({ [storageKeys.log]: log });
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    expect(fake.createdTabs).toHaveLength(2);
  });
});

describe('forgetting an account', () => {
  it('removes that account only', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false));
    await background.route({ type: 'page-opened', account: max, lang: 'en' }, linkedInSender(1));
    await pageLoad(background, fake.createdTabs[1]!.id, stateReport('on', false, max));
    expect(fake.badge.text).toBe('!');
    await background.route({ type: 'forget-account', key: max.key }, popupSender);
    const log = await storedLog(fake);
    expect(Object.keys(log.accounts)).toEqual([jana.key]);
    expect(fake.badge.text).toBe('✓');
  });
});

describe('offOnlyWhenVerified: "turned off" needs the same switch, the same account, a settled off', () => {
  const clicked = { account: jana, hook: 'label-key' as const };

  it('verifies only a settled off from the same hook on a page showing the same account', () => {
    expect(offOnlyWhenVerified(clicked, stateReport('off', false))).toEqual({ kind: 'turned-off' });
    expect(offOnlyWhenVerified(clicked, stateReport('on', false))).toMatchObject({ kind: 'save-failed' });
    expect(offOnlyWhenVerified(clicked, stateReport('off', false, jana, { hook: 'label-text' }))).toMatchObject({ kind: 'clicked-unverified' });
    expect(offOnlyWhenVerified(clicked, stateReport('off', false, jana, { ariaInSync: false }))).toMatchObject({ kind: 'clicked-unverified' });
    expect(offOnlyWhenVerified(clicked, stateReport('off', true))).toMatchObject({ kind: 'clicked-unverified' });
    expect(offOnlyWhenVerified(clicked, stateReport('off', false, max))).toMatchObject({ kind: 'clicked-unverified' });
    expect(offOnlyWhenVerified(clicked, stateReport('off', false, null))).toMatchObject({ kind: 'clicked-unverified' });
  });

  async function clickedThenFreshLoad(fresh: StateReport) {
    const fake = new FakeBrowser();
    const background = boot(fake);
    // Jana was seen on some page earlier: the remembered account.
    await background.route({ type: 'page-opened', account: jana, lang: 'de' }, linkedInSender(99, '/feed/'));
    await background.route({ type: 'opt-out' }, popupSender);
    const tabId = fake.createdTabs.at(-1)!.id;
    await pageLoad(background, tabId, stateReport('off', true));
    await pageLoad(background, tabId, fresh);
    return { fake, log: await storedLog(fake), last: fake.storage.session.data.get(storageKeys.lastResult) as { outcome: { kind: string } } };
  }

  it('a fresh load without the account is "clicked, not verified" for the clicked member, never off', async () => {
    const { log, last } = await clickedThenFreshLoad(stateReport('off', false, null));
    expect(last.outcome).toMatchObject({ kind: 'clicked-unverified', account: jana, nextSteps: ['retry', 'open-setting'] });
    expect(log.accounts[jana.key]).toMatchObject({ optedOutAt: null, problem: 'clicked-unverified' });
    expect(log.accounts[jana.key]!.history.map((entry) => entry.outcome)).toEqual(['clicked-unverified']);
    expect(log.unconfirmed ?? []).toEqual([]);
  });

  it('a fresh load that finds the switch another way proves nothing', async () => {
    const { log, last } = await clickedThenFreshLoad(stateReport('off', false, jana, { hook: 'label-text' }));
    expect(last.outcome).toMatchObject({ kind: 'clicked-unverified', nextSteps: ['retry', 'open-setting'] });
    expect(log.accounts[jana.key]).toMatchObject({ optedOutAt: null, problem: 'clicked-unverified' });
  });

  it('a read-only check whose page shows no account files nothing under the remembered account', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'de' }, linkedInSender(99, '/feed/'));
    // The re-check that page started runs in its own helper tab.
    const tabId = fake.createdTabs.at(-1)!.id;
    await pageLoad(background, tabId, stateReport('off', false, null));
    const log = await storedLog(fake);
    expect(log.accounts[jana.key]).toMatchObject({ state: 'unknown', lastCheckedAt: null, offSince: null });
    expect(log.unconfirmed).toHaveLength(1);
    expect(fake.storage.session.data.get(storageKeys.lastResult)).toMatchObject({ accountKey: null, outcome: { kind: 'account-unconfirmed' } });
    // The badge still asks for attention, naming no account.
    expect(fake.badge.text).toBe('?');
    expect(fake.badge.title).toContain('badgeSignedInAccount');
  });

  it('an opt-out whose first page shows no account ends there, with no reload and no click', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('on', false, null));
    expect(fake.reloads).toEqual([]);
    expect(fake.storage.session.data.get(storageKeys.lastResult)).toMatchObject({ outcome: { kind: 'account-unconfirmed' } });
  });

  it('lowercases account keys arriving from a page, so one member never becomes two records', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: { key: 'Jana-Schmidt-4711', name: jana.name }, lang: 'de' }, linkedInSender(99, '/feed/'));
    await background.route({ type: 'page-opened', account: jana, lang: 'de' }, linkedInSender(98, '/feed/'));
    expect(Object.keys((await storedLog(fake)).accounts)).toEqual([jana.key]);
  });
});

describe('a failure after the click', () => {
  it('is filed under the account whose switch was clicked, never as off, even when the fresh load shows no account', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    const tabId = fake.createdTabs[0]!.id;
    await pageLoad(background, tabId, stateReport('off', true));
    await pageLoad(background, tabId, failedReport('signed-out', null));
    expect(fake.storage.session.data.get(storageKeys.lastResult)).toMatchObject({ accountKey: jana.key, outcome: { kind: 'clicked-unverified', account: jana } });
    expect((await storedLog(fake)).accounts[jana.key]).toMatchObject({ problem: 'clicked-unverified', optedOutAt: null });
  });

  it('before any click, a page without an account files the failure under no account, and the badge still asks for attention', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'de' }, linkedInSender(99, '/feed/'));
    await background.route({ type: 'opt-out' }, popupSender);
    await pageLoad(background, fake.createdTabs.at(-1)!.id, failedReport('signed-out', null));
    expect(fake.storage.session.data.get(storageKeys.lastResult)).toMatchObject({ accountKey: null, outcome: { kind: 'signed-out' } });
    expect((await storedLog(fake)).accounts[jana.key]!.problem).toBeNull();
    expect(fake.badge.text).toBe('?');
    expect(fake.badge.title).toContain('attentionSignedOut:badgeSignedInAccount');
  });
});

describe('an unreadable switch in the badge and the log', () => {
  it('is a problem that needs attention, never on and never off', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'opt-out' }, popupSender);
    await pageLoad(background, fake.createdTabs[0]!.id, failedReport('unreadable', jana));
    expect((await storedLog(fake)).accounts[jana.key]).toMatchObject({ state: 'unknown', problem: 'unreadable' });
    expect(fake.badge.text).toBe('?');
    expect(fake.storage.session.data.get(storageKeys.lastResult)).toMatchObject({ outcome: { kind: 'unreadable', nextSteps: ['retry', 'open-setting'] } });
  });
});

describe('a stale "all off"', () => {
  it('turns the ✓ into "not checked recently" on the hourly badge alarm once checks have stopped', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.start();
    expect(fake.alarmsSet.get('badge-refresh')).toBe(60);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false));
    expect(fake.badge.text).toBe('✓');
    // Site access withdrawn: LinkedIn pages no longer report, so nothing but the alarm runs.
    now += 48 * hour;
    await background.onAlarm('badge-refresh');
    expect(fake.badge.text).toBe('✓');
    now += 1;
    await background.onAlarm('badge-refresh');
    expect(fake.badge).toMatchObject({ text: '?', title: `badgeTitleNotCheckedRecently:${jana.name}` });
    // A longer interval, chosen in the popup, makes it calm again at once.
    await background.route({ type: 'update-preferences', preferences: { recheckIntervalHours: 72 } }, popupSender);
    expect(fake.badge.text).toBe('✓');
  });
});

describe('containers and private windows: the helper tab opens in the cookie store of the tab that asked', () => {
  const inStore = (tabId: number, tab: { cookieStoreId?: string; incognito?: boolean; windowId?: number }) => {
    const sender = linkedInSender(tabId);
    return { ...sender, tab: { ...sender.tab, ...tab } };
  };

  it('a page in a Firefox container: its re-check runs in that container, and the operation keeps the store', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, inStore(1, { cookieStoreId: 'firefox-container-2', windowId: 3 }));
    expect(fake.createdTabs).toEqual([expect.objectContaining({ cookieStoreId: 'firefox-container-2', active: false })]);
    expect(fake.createdTabs[0]).not.toHaveProperty('windowId');
    const operation = (await fake.storage.session.get(storageKeys.operation))[storageKeys.operation];
    expect(operation).toMatchObject({ cookieStore: { cookieStoreId: 'firefox-container-2', windowId: null } });
  });

  it('a page in a private window: the helper tab opens in that window, which is the only way into its store', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, inStore(1, { cookieStoreId: 'firefox-private', incognito: true, windowId: 9 }));
    expect(fake.createdTabs).toEqual([expect.objectContaining({ windowId: 9 })]);
    expect(fake.createdTabs[0]).not.toHaveProperty('cookieStoreId');
  });

  it('the default store, in Firefox or Chrome: nothing extra is named', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, inStore(1, { cookieStoreId: 'firefox-default', windowId: 1 }));
    expect(Object.keys(fake.createdTabs[0]!).sort()).toEqual(['active', 'id', 'url']);
  });

  it('the popup acts in the store of the LinkedIn tab in front of the member, and in the default one otherwise', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    fake.activeTab = { id: 5, url: 'https://www.linkedin.com/feed/', cookieStoreId: 'firefox-container-1', windowId: 1 };
    await background.route({ type: 'opt-out' }, popupSender);
    expect(fake.createdTabs[0]).toMatchObject({ cookieStoreId: 'firefox-container-1' });
    await background.onTabRemoved(fake.createdTabs[0]!.id);

    fake.activeTab = { id: 6, url: 'https://example.org/', cookieStoreId: 'firefox-container-1', windowId: 1 };
    await background.route({ type: 'check' }, popupSender);
    expect(fake.createdTabs[1]).not.toHaveProperty('cookieStoreId');
  });

  it('keeping it off acts again in the store where LinkedIn switched it back on', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'update-preferences', preferences: { keepItOff: true } }, popupSender);
    const container = inStore(1, { cookieStoreId: 'firefox-container-4', windowId: 1 });
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, container);
    await pageLoad(background, fake.createdTabs[0]!.id, stateReport('off', false));
    const log = await storedLog(fake);
    log.accounts[jana.key]!.lastAutoCheckAt = now - 2 * 24 * hour;
    log.accounts[jana.key]!.lastCheckedAt = now - 2 * 24 * hour;
    await fake.storage.local.set({ [storageKeys.log]: log });
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, container);
    await pageLoad(background, fake.createdTabs[1]!.id, stateReport('on', false));
    await vi.runOnlyPendingTimersAsync();
    expect(fake.createdTabs.map((tab) => tab.cookieStoreId)).toEqual(['firefox-container-4', 'firefox-container-4', 'firefox-container-4']);
  });
});
