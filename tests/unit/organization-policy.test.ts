import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../src/background/background';
import { renderPopup } from '../../src/popup/popup-render';
import { readStoredState } from '../../src/popup/popup-state';
import { buildPopupView, initialUiState } from '../../src/popup/popup-view';
import { readManagedPolicy } from '../../src/shared/preferences/managed-policy';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import type { Operation } from '../../src/shared/storage/operation-state';
import { otherRuleIds } from '../../src/shared/rules/setting-rules';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { FakeBrowser, linkedInSender, popupSender } from './fake-browser';
import { input, now as popupNow, translatorFor } from './popup-fixtures';

const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
const max = { key: 'max-muster', name: 'Max Muster' };
const hour = 3_600_000;
const [research] = otherRuleIds;
const firstVisitPolicy = { optOutOnFirstVisit: true, chosenSettings: [research], organizationName: 'ACME' };

let now = Date.UTC(2026, 11, 1, 9, 0, 0);
let ids = 0;

function boot(fake: FakeBrowser) {
  return createBackground(fake, { now: () => now, newId: () => `op-policy-${++ids}` });
}

/** Each operation opens one helper tab at the AI setting's address (a second one, for a longer plan, elsewhere). */
const operationsStarted = (fake: FakeBrowser) => fake.createdTabs.filter((tab) => tab.url.endsWith('/settings/data-for-ai-improvement')).length;
const running = (fake: FakeBrowser) => fake.storage.session.data.get(storageKeys.operation) as Operation | undefined;
const offReport = (clicked: boolean): EngineReport => ({
  kind: 'state', state: 'off', clicked, hook: 'label-key', ariaInSync: true, account: jana, lang: 'en', way: 'direct', toggleFoundMs: 500, elapsedMs: 800,
});

/** The helper tab reports "off" on every page load until the operation is over. */
async function finishWithOff(background: ReturnType<typeof boot>, fake: FakeBrowser): Promise<void> {
  for (let load = 0; load < 8 && running(fake); load += 1) {
    const tabId = running(fake)!.tabId!;
    const answer = await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(tabId, '/mypreferences/d/settings/x'));
    const instruction = (answer as { value: { do: string; opId: string } }).value;
    await background.route({ type: 'engine-report', opId: instruction.opId, report: offReport(false) }, linkedInSender(tabId));
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  now = Date.UTC(2026, 11, 1, 9, 0, 0);
});
afterEach(() => vi.useRealTimers());

describe('the background under an organisation\'s policy', () => {
  it('without a policy (Firefox throws, Chrome answers {}), the member\'s own preferences apply as before', async () => {
    for (const policy of ['throws', {}] as const) {
      const fake = new FakeBrowser();
      fake.policy = policy;
      const background = boot(fake);
      const reply = await background.route({ type: 'update-preferences', preferences: { keepItOff: true } }, popupSender);
      expect(reply).toMatchObject({ ok: true, value: { keepItOff: true, recheckIntervalHours: 24 } });
    }
  });

  it('the policy\'s values win, the member\'s own changes to them are kept apart, and return when the policy goes', async () => {
    const fake = new FakeBrowser();
    fake.policy = { keepItOff: true, recheckIntervalHours: 6, chosenSettings: [research], helpUrl: 'ftp://bad' };
    const background = boot(fake);
    const reply = await background.route({ type: 'update-preferences', preferences: { keepItOff: false, notifyOnFlipBack: true } }, popupSender);
    expect(reply).toMatchObject({ ok: true, value: { keepItOff: true, recheckIntervalHours: 6, chosenSettings: [research], notifyOnFlipBack: true } });
    expect(fake.storage.local.data.get(storageKeys.preferences)).toMatchObject({ keepItOff: false, recheckIntervalHours: 24, chosenSettings: [], notifyOnFlipBack: true });
    expect(await background.store.readPreferences()).toMatchObject({ keepItOff: true, recheckIntervalHours: 6 });

    fake.setPolicy('throws');
    expect(await background.store.readPreferences()).toMatchObject({ keepItOff: false, recheckIntervalHours: 24, chosenSettings: [] });
  });

  it('opts out of the chosen settings by itself on a member\'s first visit of the session, once, and logs it as the policy\'s', async () => {
    const fake = new FakeBrowser();
    fake.policy = firstVisitPolicy;
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    expect(running(fake)).toMatchObject({ kind: 'opt-out', trigger: 'policy', plan: ['allowDataForGenerativeAI', research] });
    expect(operationsStarted(fake)).toBe(1);
    expect(fake.createdTabs.every((tab) => !tab.active)).toBe(true);
    await finishWithOff(background, fake);
    expect(running(fake)).toBeUndefined();
    expect(fake.badge.text).toBe('✓');
    const log = fake.storage.local.data.get(storageKeys.log) as { accounts: Record<string, { history: Array<{ trigger: string }> }> };
    expect(log.accounts[jana.key]!.history.map((entry) => entry.trigger)).toEqual(['policy']);

    // Every later page of the session: nothing more, whatever LinkedIn shows.
    for (let visit = 0; visit < 20; visit += 1) {
      now += 5 * 60_000;
      await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    }
    expect(operationsStarted(fake)).toBe(1);

    // Another member signing in, in the same session, gets theirs.
    await background.route({ type: 'page-opened', account: max, lang: 'en' }, linkedInSender(1));
    expect(running(fake)).toMatchObject({ trigger: 'policy', expectedAccount: max });
  });

  it('tries once per session even when it fails, then leaves it to the throttled re-checks', async () => {
    const fake = new FakeBrowser();
    fake.policy = firstVisitPolicy;
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    const tabId = running(fake)!.tabId!;
    await background.onTabRemoved(tabId);
    expect(running(fake)).toBeUndefined();
    for (let visit = 0; visit < 12; visit += 1) {
      now += 5 * 60_000;
      await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    }
    // 60 minutes of visits after a failure: one retry at most (the re-check's 30-minute back-off), never a policy opt-out again.
    const triggers = operationsStarted(fake);
    expect(triggers).toBeLessThanOrEqual(2);
    expect((fake.storage.session.data.get('firstVisitOptOuts') as string[])).toEqual([jana.key]);
  });

  it('a new browser session (session storage cleared) opts out again on the first visit', async () => {
    const fake = new FakeBrowser();
    fake.policy = firstVisitPolicy;
    let background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    await finishWithOff(background, fake);
    fake.storage.session.data.clear();
    now += hour;
    background = boot(fake);
    await background.start();
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(2));
    expect(running(fake)).toMatchObject({ trigger: 'policy' });
    expect(operationsStarted(fake)).toBe(2);
  });

  it('asks a page that shows nobody yet to identify while a first-visit opt-out may be due', async () => {
    const fake = new FakeBrowser();
    const background = boot(fake);
    await background.route({ type: 'page-opened', account: jana, lang: 'en' }, linkedInSender(1));
    await finishWithOff(background, fake);
    const nobody = { type: 'page-opened', account: null, lang: 'en' } as const;
    expect(await background.route(nobody, linkedInSender(1))).toEqual({ ok: true, value: { do: 'idle' } });
    fake.setPolicy(firstVisitPolicy);
    expect(await background.route(nobody, linkedInSender(1))).toEqual({ ok: true, value: { do: 'identify' } });
  });
});

describe('the popup under an organisation\'s policy', () => {
  const en = translatorFor('en');
  const de = translatorFor('de');
  let root: HTMLElement;
  beforeEach(() => {
    root = document.createElement('main');
    document.body.replaceChildren(root);
  });

  function draw(policyRaw: unknown, t = en, notificationsAllowed: boolean | null = null): void {
    const policy = readManagedPolicy(policyRaw);
    const stored = readStoredState({ local: {}, session: {}, managed: policyRaw }, popupNow, true)!;
    const ui = { ...initialUiState(), notificationsAllowed };
    renderPopup(root, buildPopupView(input({ preferences: stored.preferences, policy, ui }), popupNow, 'en-GB', t));
  }

  it('shows nothing of it without a policy, every control enabled', () => {
    draw(undefined);
    expect(root.querySelector<HTMLElement>('[data-part="organization"]')!.hidden).toBe(true);
    expect([...root.querySelectorAll<HTMLInputElement>('.settings-body input, .settings-body select')].every((control) => !control.disabled)).toBe(true);
    expect(root.querySelector<HTMLElement>('#policy-lock-note')!.hidden).toBe(true);
  });

  it('locks what the organisation set, with its name in a description screen readers read, and leaves the rest', () => {
    draw({ keepItOff: true, chosenSettings: [research], organizationName: 'ACME', helpUrl: 'https://intranet.example/ai' });
    const keepOff = root.querySelector<HTMLInputElement>('#keep-it-off')!;
    expect(keepOff.disabled).toBe(true);
    expect(keepOff.checked).toBe(true);
    expect(keepOff.getAttribute('aria-describedby')).toBe('policy-lock-note');
    expect(root.querySelector('#policy-lock-note')!.textContent).toBe('Set by ACME: it cannot be changed here.');
    const box = root.querySelector<HTMLInputElement>(`#choose-${research}`)!;
    expect([box.disabled, box.checked, box.getAttribute('aria-describedby')]).toEqual([true, true, `about-${research} policy-lock-note`]);
    const others = [...root.querySelectorAll<HTMLInputElement>('input[data-action="choose-setting"]')].filter((other) => other !== box);
    expect(others.every((other) => other.disabled && !other.checked)).toBe(true);
    // Not set by the policy: still the member's.
    expect(root.querySelector<HTMLSelectElement>('#recheck-interval')!.disabled).toBe(false);
    expect(root.querySelector<HTMLInputElement>('#notify-flip-back')!.disabled).toBe(false);

    const section = root.querySelector<HTMLElement>('[data-part="organization"]')!;
    expect(section.hidden).toBe(false);
    expect(section.getAttribute('aria-labelledby')).toBe('organization-text');
    expect(root.querySelector('#organization-text')!.textContent).toBe('ACME sets some of these settings for you.');
    const help = root.querySelector<HTMLAnchorElement>('[data-part="organization-help"]')!;
    expect([help.getAttribute('href'), help.target, help.rel, help.textContent]).toEqual(['https://intranet.example/ai', '_blank', 'noreferrer', 'Help from ACME']);
  });

  it('lists each ignored value on its own line, in the member\'s language around the admin\'s keys', () => {
    draw({ recheckIntervalHours: 'daily', keepItOff: true, helpUrl: 'http://intranet.example' }, de);
    expect(root.querySelector('[data-part="organization"] .note')!.textContent).toContain('Die Richtlinie Ihrer Organisation');
    expect([...root.querySelectorAll('[data-part="policy-ignored"] li')].map((line) => line.textContent)).toEqual([
      'recheckIntervalHours: expected a whole number from 1 to 720; ignored',
      'helpUrl: expected an https:// address of at most 500 characters; ignored',
    ]);
    expect(root.querySelector('#organization-text')!.textContent).toBe('Ihre Organisation legt einige dieser Einstellungen für Sie fest.');
    expect(root.querySelector<HTMLInputElement>('#keep-it-off')!.disabled).toBe(true);
    expect(root.querySelector<HTMLSelectElement>('#recheck-interval')!.disabled).toBe(false);
  });

  it('says when it opts out by itself, and that nothing is reported to the organisation', () => {
    draw({ optOutOnFirstVisit: true });
    expect(root.querySelector('[data-part="organization-first-visit"]')!.textContent).toMatch(/nothing is reported to your organisation/);
  });

  it('offers the permission that notifications the organisation turned on still need, since the locked box cannot', () => {
    const allow = () => root.querySelector<HTMLButtonElement>('[data-action="allow-notifications"]')!;
    draw({ notifyOnFlipBack: true }, en, false);
    expect(root.querySelector<HTMLInputElement>('#notify-flip-back')!.disabled).toBe(true);
    expect(allow().hidden).toBe(false);
    expect(allow().textContent).toBe('Allow notifications');
    expect(root.querySelector('#notify-note')!.textContent).toBe('Your organisation turns these notifications on. Your browser shows them only once you allow it.');
    draw({ notifyOnFlipBack: true }, en, true);
    expect([allow().hidden, root.querySelector<HTMLInputElement>('#notify-flip-back')!.checked]).toEqual([true, true]);
    // The member's own choice keeps its own way back: the box itself.
    draw(undefined, en, false);
    expect(allow().hidden).toBe(true);
  });
});
