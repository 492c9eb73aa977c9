import { describe, expect, it } from 'vitest';
import { buildPopupView, historyRowsShown, initialUiState, type PopupView, type TextPart } from '../../src/popup/popup-view';
import { aiTrainingRule, settingUrl } from '../../src/shared/rules/rule-schema';
import { account, day, hour, input, lastResult, logWith, now, observation, operation, outcome, translatorFor } from './popup-fixtures';

const en = translatorFor('en');
const de = translatorFor('de');

function text(parts: readonly TextPart[] | null): string {
  return (parts ?? []).map((part) => (typeof part === 'string' ? part : part.time.text)).join('');
}

function view(overrides: Parameters<typeof input>[0] = {}, t = en, locale = 'en-GB'): PopupView {
  return buildPopupView(input(overrides), now, locale, t);
}

const offAccount = account('ada-off', 'Ada Off', { state: 'off', lastCheckedAt: now - 2 * hour, offSince: now - 5 * day, optedOutAt: now - 5 * day });
const onAccount = account('bert-on', 'Bert On', { state: 'on', lastCheckedAt: now - hour });
const unknownAccount = account('carla-unknown', 'Carla Unknown');
const signedOutAccount = account('dora-signed-out', 'Dora Signed-Out', { state: 'off', problem: 'signed-out', offSince: now - day });

describe('buildPopupView: first run', () => {
  it('explains the setting and offers the button before any account is known', () => {
    const result = view();
    expect(result.intro).toBe(en('popupIntro'));
    expect(result.intro).toContain('One click turns it off');
    expect(result.accounts).toEqual([]);
    expect(result.actions.optOut).toEqual({ label: 'Turn off AI training', disabled: false, busy: false });
    expect(result.actions.check.label).toBe('Check now');
    expect(result.status.dataStatus).toBe('idle');
    // Nothing to export yet; an import is always offered (a member moving to this browser).
    expect(result.record.export).toBeNull();
    expect(result.record.import.label).toBe('Import a JSON export');
  });
});

describe('buildPopupView: accounts at a glance', () => {
  it('puts on first, then unknown and problems, then off', () => {
    const result = view({ log: logWith([offAccount, signedOutAccount, unknownAccount, onAccount]) });
    expect(result.accounts.map((row) => row.key)).toEqual(['bert-on', 'carla-unknown', 'dora-signed-out', 'ada-off']);
    expect(result.accounts.map((row) => row.dataState)).toEqual(['on', 'unknown', 'signed-out', 'off']);
  });

  it('lists the signed-in account first within its group and marks it', () => {
    const other = account('aaron-off', 'Aaron Off', { state: 'off', lastCheckedAt: now - hour, offSince: now - day });
    const result = view({ log: logWith([other, offAccount], 'ada-off') });
    expect(result.accounts.map((row) => row.key)).toEqual(['ada-off', 'aaron-off']);
    expect(result.accounts[0]?.currentLabel).toBe('signed in now');
    expect(result.accounts[1]?.currentLabel).toBeNull();
  });

  it('makes every state but off stand out with tone, icon and words', () => {
    const result = view({ log: logWith([offAccount, onAccount, unknownAccount, signedOutAccount]) });
    for (const row of result.accounts) {
      if (row.dataState === 'off') {
        expect(row).toMatchObject({ tone: 'ok', icon: 'ok', stateText: 'AI training is off' });
      } else {
        expect(row.tone).toBe('warning');
        expect(row.icon).not.toBe('ok');
        expect(row.stateText).not.toBe('');
      }
    }
    expect(result.accounts.find((row) => row.key === 'bert-on')?.stateText).toBe('AI training is ON');
  });

  it('shows when it was last verified, since when it is off and that this extension turned it off', () => {
    const row = view({ log: logWith([offAccount]) }).accounts[0]!;
    const lines = row.lines.map((line) => text(line.parts));
    expect(lines).toContain('Last verified 2 hours ago');
    expect(lines.some((line) => line.startsWith('Turned off by this extension on ') && line.includes('2026'))).toBe(true);
    const verified = row.lines[0]!.parts.find((part) => typeof part !== 'string');
    expect(verified).toMatchObject({ time: { iso: new Date(now - 2 * hour).toISOString() } });
    expect(typeof verified === 'object' && verified.time.title).toContain('2026');
  });

  it('shows "off since" when it differs from the opt-out', () => {
    const record = account('eva', 'Eva', { state: 'off', lastCheckedAt: now - hour, offSince: now - 3 * day, optedOutAt: null });
    const lines = view({ log: logWith([record]) }).accounts[0]!.lines.map((line) => text(line.parts));
    expect(lines.some((line) => line.startsWith('Off since '))).toBe(true);
  });

  it('warns when LinkedIn switched it back on', () => {
    const flipped = account('fritz', 'Fritz', { state: 'on', lastCheckedAt: now - hour, flippedBackAt: now - hour, optedOutAt: now - 9 * day });
    const row = view({ log: logWith([flipped]) }).accounts[0]!;
    expect(row.lines[0]?.tone).toBe('warning');
    expect(text(row.lines[0]!.parts)).toMatch(/^Switched back on by LinkedIn on /);
  });

  it('says "not verified yet" for an account never read', () => {
    const row = view({ log: logWith([unknownAccount]) }).accounts[0]!;
    expect(row.lines.map((line) => text(line.parts))).toContain('Not verified yet');
  });

  it('falls back to the key when the page gave no name', () => {
    expect(view({ log: logWith([account('no-name', '  ')]) }).accounts[0]?.name).toBe('no-name');
  });
});

describe('buildPopupView: data-state while an operation runs', () => {
  it('marks the expected account as checking, and only that one', () => {
    const log = logWith([offAccount, onAccount], 'ada-off');
    const result = view({ log, operation: operation({ expectedAccount: { key: 'bert-on', name: 'Bert On' } }) });
    expect(Object.fromEntries(result.accounts.map((row) => [row.key, row.dataState]))).toEqual({ 'bert-on': 'checking', 'ada-off': 'off' });
  });

  it('marks the current account when the operation names none', () => {
    const log = logWith([offAccount, onAccount], 'ada-off');
    const result = view({ log, operation: operation({ expectedAccount: null }) });
    expect(Object.fromEntries(result.accounts.map((row) => [row.key, row.dataState]))).toEqual({ 'bert-on': 'on', 'ada-off': 'checking' });
  });

  it('keeps the order while checking, so rows do not jump', () => {
    const log = logWith([offAccount, onAccount], 'ada-off');
    const idle = view({ log }).accounts.map((row) => row.key);
    const running = view({ log, operation: operation() }).accounts.map((row) => row.key);
    expect(running).toEqual(idle);
  });

  it('ignores an operation long past its deadline (a stopped worker left it behind)', () => {
    const log = logWith([offAccount], 'ada-off');
    const result = view({ log, operation: operation({ deadlineAt: now - 10 * 60_000 }) });
    expect(result.accounts[0]?.dataState).toBe('off');
    expect(result.status.dataStatus).toBe('idle');
    expect(result.actions.optOut.disabled).toBe(false);
  });
});

describe('buildPopupView: progress and results', () => {
  const phases = {
    opening: 'Opening LinkedIn settings…',
    walking: 'Finding the setting…',
    reading: 'Reading the setting…',
    'turning-off': 'Turning it off…',
    verifying: 'Verifying after a fresh load…',
  } as const;

  it.each(Object.entries(phases))('shows the %s phase with progress and a busy, disabled button', (phase, message) => {
    const result = view({ operation: operation({ phase: phase as keyof typeof phases }) });
    expect(result.status.dataStatus).toBe(phase);
    expect(text(result.status.message)).toBe(message);
    expect(result.status.progress).toMatchObject({ max: 5, label: 'Progress' });
    expect(result.actions.optOut).toMatchObject({ disabled: true, busy: true });
    expect(result.actions.check.disabled).toBe(true);
  });

  it('reports a verified opt-out by name', () => {
    const ada = { key: 'ada-off', name: 'Ada Off' };
    const result = view({ log: logWith([offAccount]), lastResult: lastResult(outcome('turned-off', { account: ada })) });
    expect(result.status.dataStatus).toBe('turned-off');
    expect(result.status.tone).toBe('ok');
    expect(text(result.status.message)).toBe('Done: AI training is off for Ada Off (verified).');
    expect(text(result.status.when)).toBe('Finished 1 minute ago');
    expect(result.status.nextSteps).toEqual([]);
  });

  it('says nothing changed when it was already off', () => {
    const result = view({ lastResult: lastResult(outcome('off', { account: { key: 'x-y', name: 'Xavier' } })) });
    expect(text(result.status.message)).toBe('It was already off for Xavier — nothing changed.');
  });

  it('warns when a check found it on', () => {
    const result = view({ lastResult: lastResult(outcome('on', { account: { key: 'x-y', name: 'Xavier' } })) });
    expect(result.status.tone).toBe('warning');
    expect(text(result.status.message)).toContain('AI training is ON for Xavier');
  });

  it('names the account from the log when the outcome could not, else says "your account"', () => {
    const fromLog = view({ log: logWith([offAccount]), lastResult: lastResult(outcome('off'), { accountKey: 'ada-off' }) });
    expect(text(fromLog.status.message)).toContain('Ada Off');
    const unnamed = view({ lastResult: lastResult(outcome('off')) });
    expect(text(unnamed.status.message)).toContain('your account');
  });

  it('shows "Starting…" as idle until the background answers', () => {
    const ui = { ...initialUiState(), starting: true };
    const result = view({ ui, lastResult: lastResult(outcome('off')) });
    expect(result.status.dataStatus).toBe('idle');
    expect(text(result.status.message)).toBe('Starting…');
    expect(result.actions.optOut.disabled).toBe(true);
  });
});

describe('buildPopupView: every failure has a next step', () => {
  it('signed out: sign in, and we finish automatically', () => {
    const result = view({ lastResult: lastResult(outcome('signed-out')) });
    expect(result.status.dataStatus).toBe('signed-out');
    expect(text(result.status.message)).toBe("You're signed out of LinkedIn.");
    expect(result.status.nextSteps).toEqual([
      { action: 'sign-in', label: 'Sign in to LinkedIn', hint: "After you sign in, we'll finish automatically." },
    ]);
  });

  it('shows that it waits for the sign-in', () => {
    const result = view({ lastResult: lastResult(outcome('signed-out')), pendingSignIn: { requestedAt: now - 1000, expiresAt: now + 60_000, cookieStore: null } });
    expect(result.status.note).toContain('Waiting for you to sign in');
  });

  it('challenge: open the security check through open-setting', () => {
    const result = view({ lastResult: lastResult(outcome('challenge')) });
    expect(text(result.status.message)).toBe('LinkedIn is asking for a security check.');
    expect(result.status.nextSteps).toEqual([{ action: 'open-setting', step: 'open-challenge', label: "Open LinkedIn's security check" }]);
  });

  it('not found: nothing changed, the address to do it by hand, and a report', () => {
    const result = view({ lastResult: lastResult(outcome('not-found')) });
    expect(text(result.status.message)).toContain("LinkedIn's page has changed and we couldn't safely identify the switch. Nothing was changed.");
    expect(result.status.nextSteps.map((step) => step.action)).toEqual(['open-setting', 'copy-report']);
    expect(result.status.nextSteps[0]).toMatchObject({ url: settingUrl(aiTrainingRule), lead: 'You can turn it off yourself at:' });
  });

  it('not offered: says so plainly', () => {
    const result = view({ lastResult: lastResult(outcome('not-offered')) });
    expect(text(result.status.message)).toBe(
      "LinkedIn doesn't offer this setting for your account (region or age). Nothing to turn off.",
    );
    expect(result.status.tone).toBe('info');
  });

  it.each([
    ['save-failed', "LinkedIn didn't keep the change. Nothing else was changed."],
    ['timeout', 'LinkedIn took too long to answer.'],
  ] as const)('%s: try again, or by hand', (kind, message) => {
    const result = view({ lastResult: lastResult(outcome(kind)) });
    expect(text(result.status.message)).toBe(message);
    expect(result.status.nextSteps.map((step) => step.action)).toEqual(['retry', 'open-setting', 'copy-report']);
  });
});

describe('buildPopupView: results that could not be proven', () => {
  it('unreadable: neither on nor off, try again or by hand', () => {
    const result = view({ lastResult: lastResult(outcome('unreadable', { account: { key: 'ada', name: 'Ada' } })) });
    expect(result.status.dataStatus).toBe('unreadable');
    expect(text(result.status.message)).toMatch(/could not be read safely\. Nothing was recorded as on or off\./);
    expect(result.status.nextSteps.map((step) => step.action)).toEqual(['retry', 'open-setting', 'copy-report']);
  });

  it('account not confirmed: plain words in English and German, sign in or try again', () => {
    const unconfirmed = lastResult(outcome('account-unconfirmed', { account: null }));
    const english = view({ lastResult: unconfirmed });
    expect(english.status.dataStatus).toBe('account-unconfirmed');
    expect(text(english.status.message)).toMatch(/didn't show which account is signed in/);
    expect(english.status.nextSteps.map((step) => step.action)).toEqual(['sign-in', 'retry', 'open-setting', 'copy-report']);
    const german = view({ lastResult: unconfirmed }, de, 'de-DE');
    expect(text(german.status.message)).toMatch(/nicht gezeigt, welches Konto angemeldet ist/);
  });
});

describe('buildPopupView: a click no fresh load confirmed', () => {
  it('clicked, not verified: said plainly in English and German, never as off, with a check to confirm it', () => {
    const unverified = lastResult(outcome('clicked-unverified', { account: { key: 'ada', name: 'Ada' } }));
    const english = view({ lastResult: unverified });
    expect(english.status.dataStatus).toBe('clicked-unverified');
    expect(text(english.status.message)).toMatch(/clicked off, but .* not counted as off yet/);
    expect(english.status.nextSteps.map((step) => step.action)).toEqual(['retry', 'open-setting', 'copy-report']);
    const german = view({ lastResult: unverified }, de, 'de-DE');
    expect(text(german.status.message)).toMatch(/gilt deshalb noch nicht als „aus“/);
  });
});

describe('buildPopupView: history, forgetting and settings', () => {
  it('lists history newest first with outcome and trigger in words', () => {
    const record = account('ada', 'Ada', {
      state: 'off',
      history: [
        observation({ at: now - 3 * day, outcome: 'turned-off', trigger: 'user' }),
        observation({ at: now - 2 * day, outcome: 'off', trigger: 'recheck' }),
        observation({ at: now - day, outcome: 'turned-off', trigger: 'auto-fix' }),
      ],
    });
    const { history } = view({ log: logWith([record]) }).accounts[0]!;
    expect(history.summary).toBe('History and options (3 entries)');
    expect(history.rows!().map((row) => [row.outcome, row.trigger])).toEqual([
      ['Turned off (verified)', 'Automatic fix'],
      ['Already off', 'Re-check'],
      ['Turned off (verified)', 'You'],
    ]);
    expect(history.truncated).toBeNull();
  });

  it('says "1 entry", not "1 entries", in both languages', () => {
    const record = account('ada', 'Ada', { state: 'off', history: [observation({ at: now - day })] });
    expect(view({ log: logWith([record]) }).accounts[0]!.history.summary).toBe('History and options (1 entry)');
    expect(view({ log: logWith([record]) }, de, 'de-DE').accounts[0]!.history.summary).toBe('Verlauf und Optionen (1 Eintrag)');
  });

  it('shows only the latest rows of a long history and says so', () => {
    const many = Array.from({ length: historyRowsShown + 5 }, (_, index) => observation({ at: now - (index + 1) * hour }));
    const { history } = view({ log: logWith([account('ada', 'Ada', { history: many })]) }).accounts[0]!;
    expect(history.rows!()).toHaveLength(historyRowsShown);
    expect(history.truncated).toBe(`Showing the latest ${historyRowsShown} of ${historyRowsShown + 5}. The export holds all of them.`);
  });

  it('asks inside the popup before forgetting', () => {
    const ui = { ...initialUiState(), confirmingForget: 'ada-off' };
    const [row] = view({ log: logWith([offAccount]), ui }).accounts;
    expect(row?.forget.confirming?.question).toMatch(/^Forget Ada Off\?/);
  });

  it('offers the re-check intervals in words, keeping an unusual stored value', () => {
    const result = view({ preferences: { recheckIntervalHours: 12, notifyOnFlipBack: false, keepItOff: true, chosenSettings: [] } });
    expect(result.settings.recheck.options).toEqual([
      { value: 6, label: 'Every 6 hours' },
      { value: 12, label: 'Every 12 hours' },
      { value: 24, label: 'Daily' },
      { value: 72, label: 'Every 3 days' },
      { value: 168, label: 'Weekly' },
    ]);
    expect(result.settings.recheck.value).toBe(12);
    expect(result.settings.keepOff.checked).toBe(true);
  });

  it('says so when notifications were refused, and shows the box unchecked while blocked', () => {
    const refused = view({ ui: { ...initialUiState(), notice: { kind: 'notify-refused' } } });
    expect(refused.settings.notify.note).toBe("Notifications weren't allowed, so this stays off.");
    const blocked = view({
      preferences: { recheckIntervalHours: 24, notifyOnFlipBack: true, keepItOff: false, chosenSettings: [] },
      ui: { ...initialUiState(), notificationsAllowed: false },
    });
    expect(blocked.settings.notify.checked).toBe(false);
    expect(blocked.settings.notify.note).toContain('not allowed');
  });

  it('shows a pending preference change until storage has it', () => {
    const ui = { ...initialUiState(), pendingPreferences: { keepItOff: true } };
    expect(view({ ui }).settings.keepOff.checked).toBe(true);
  });
});

describe('buildPopupView: German', () => {
  it('speaks German with German dates', () => {
    const record = account('jana', 'Jana', { state: 'off', lastCheckedAt: now - 3 * hour, optedOutAt: Date.UTC(2026, 10, 12, 13, 3), offSince: Date.UTC(2026, 10, 12, 13, 3) });
    const result = view({ log: logWith([record], 'jana'), lastResult: lastResult(outcome('turned-off', { account: { key: 'jana', name: 'Jana' } })) }, de, 'de-DE');
    expect(result.lang).toBe('de');
    expect(result.actions.optOut.label).toBe('KI-Training ausschalten');
    expect(text(result.status.message)).toBe('Fertig: KI-Training ist aus für Jana (überprüft).');
    const lines = result.accounts[0]!.lines.map((line) => text(line.parts));
    expect(lines).toContain('Zuletzt überprüft vor 3 Stunden');
    expect(lines.some((line) => line.includes('12.11.2026'))).toBe(true);
    expect(result.accounts[0]?.currentLabel).toBe('jetzt angemeldet');
  });
});

describe('buildPopupView: evidence and staleness', () => {
  it('says a result could not be saved, in English and German, and keeps showing the result itself', () => {
    const unsaved = lastResult(outcome('turned-off', { account: { key: 'ada-off', name: 'Ada Off' } }), { saved: false });
    const english = view({ log: logWith([offAccount]), lastResult: unsaved });
    expect(english.status.dataStatus).toBe('turned-off');
    expect(english.status.note).toContain('could not be saved to your log');
    const german = view({ log: logWith([offAccount]), lastResult: unsaved }, de, 'de-DE');
    expect(german.status.note).toContain('konnte nicht in deinem Protokoll gespeichert werden');
    expect(view({ log: logWith([offAccount]), lastResult: { ...unsaved, saved: true } }).status.note).toBeNull();
  });

  it('shows an "off" not confirmed for twice the re-check interval as not checked recently, with the reason and the next step', () => {
    const interval = 24 * hour;
    const fresh = account('fresh-off', 'Fresh Off', { state: 'off', lastCheckedAt: now - 2 * interval, offSince: now - 9 * day });
    const stale = account('stale-off', 'Stale Off', { state: 'off', lastCheckedAt: now - 2 * interval - 1, offSince: now - 9 * day });
    const result = view({ log: logWith([fresh, stale]) });
    const row = (key: string) => result.accounts.find((account) => account.key === key)!;
    expect(row('fresh-off')).toMatchObject({ dataState: 'off', notCheckedRecently: false, tone: 'ok', stateText: 'AI training is off' });
    expect(row('stale-off')).toMatchObject({ dataState: 'off', notCheckedRecently: true, tone: 'warning', icon: 'unknown' });
    expect(row('stale-off').stateText).toBe('Off when last checked — not checked recently');
    const line = text(row('stale-off').lines[0]!.parts);
    expect(line).toContain('2 days ago');
    expect(line).toContain('site access');
    expect(line).toContain('Press “Check now”');
    expect(result.actions.check).toMatchObject({ label: 'Check now', disabled: false });

    const german = view({ log: logWith([stale]) }, de, 'de-DE');
    expect(german.accounts[0]?.stateText).toBe('Bei der letzten Prüfung aus – länger nicht geprüft');
    expect(text(german.accounts[0]!.lines[0]!.parts)).toContain('„Jetzt prüfen“');
  });

  it('measures staleness against the member\'s own re-check interval', () => {
    const record = account('weekly', 'Weekly', { state: 'off', lastCheckedAt: now - 3 * day, offSince: now - 9 * day });
    expect(view({ log: logWith([record]) }).accounts[0]?.notCheckedRecently).toBe(true);
    expect(view({ log: logWith([record]), preferences: { recheckIntervalHours: 168, notifyOnFlipBack: false, keepItOff: false, chosenSettings: [] } }).accounts[0]?.notCheckedRecently).toBe(false);
  });
});

describe('buildPopupView: merged checks in the history', () => {
  it('shows how many identical checks an entry stands for and when the last was, in English and German', () => {
    const merged = observation({ at: now - 9 * day, lastAt: now - day, count: 9, trigger: 'recheck' });
    const record = account('ada-off', 'Ada Off', { state: 'off', lastCheckedAt: now - day, history: [observation({ at: now - 10 * day, outcome: 'turned-off' }), merged] });
    const [newest, first] = view({ log: logWith([record]) }).accounts[0]!.history.rows!();
    expect(text(newest!.repeats)).toMatch(/^9 identical checks, the last /);
    const lastTime = newest!.repeats!.find((part) => typeof part !== 'string');
    expect(lastTime && typeof lastTime !== 'string' ? lastTime.time.iso : null).toBe(new Date(now - day).toISOString());
    expect(first!.repeats).toBeNull();
    const [german] = view({ log: logWith([record]) }, de, 'de-DE').accounts[0]!.history.rows!();
    expect(text(german!.repeats)).toMatch(/^9 gleiche Prüfungen, die letzte /);
  });
});
