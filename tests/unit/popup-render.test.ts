import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPopup, type PopupController, type PopupMessage, type PopupPorts } from '../../src/popup/popup-app';
import { renderPopup } from '../../src/popup/popup-render';
import type { RawStorage } from '../../src/popup/popup-state';
import { buildPopupView } from '../../src/popup/popup-view';
import { logVersion } from '../../src/shared/log/log-schema';
import { type LogSummary, summarizeLog, summaryVersion } from '../../src/shared/log/log-summary';
import { defaultPreferences } from '../../src/shared/preferences/preferences';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { account, day, hour, input, lastResult, logWith, now, observation, operation, outcome, translatorFor } from './popup-fixtures';

const en = translatorFor('en');

const ada = account('ada-off', 'Ada Off', {
  state: 'off',
  lastCheckedAt: now - hour,
  offSince: now - day,
  optedOutAt: now - day,
  history: [observation({ at: now - day, outcome: 'turned-off' })],
});
const bert = account('bert-on', 'Bert On', { state: 'on', lastCheckedAt: now - hour });
const carla = account('carla', 'Carla', { state: 'off', problem: 'challenge', lastCheckedAt: now - day });

function render(root: HTMLElement, overrides: Parameters<typeof input>[0]): void {
  renderPopup(root, buildPopupView(input(overrides), now, 'en-GB', en));
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('main');
  document.body.replaceChildren(root);
});

describe('renderPopup: the contract end-to-end tests read', () => {
  it('marks each account row with data-account and data-state', () => {
    render(root, { log: logWith([ada, bert, carla], 'ada-off'), operation: operation({ expectedAccount: null }) });
    const rows = [...root.querySelectorAll('[data-account]')].map((row) => [row.getAttribute('data-account'), row.getAttribute('data-state')]);
    expect(rows).toEqual([
      ['bert-on', 'on'],
      ['carla', 'challenge'],
      ['ada-off', 'checking'],
    ]);
  });

  it('gives every action its data-action', () => {
    render(root, { log: logWith([ada]), lastResult: lastResult(outcome('save-failed')) });
    for (const action of ['opt-out', 'check', 'open-setting', 'copy-report', 'export-json', 'export-csv', 'forget', 'retry']) {
      expect(root.querySelectorAll(`[data-action="${action}"]`), action).toHaveLength(1);
    }
    render(root, { log: logWith([ada]), lastResult: lastResult(outcome('signed-out')) });
    expect(root.querySelectorAll('[data-action="sign-in"]')).toHaveLength(1);
    render(root, { log: logWith([ada]), lastResult: lastResult(outcome('challenge')), ui: { ...input().ui, confirmingForget: 'ada-off' } });
    expect(root.querySelectorAll('[data-action="confirm-forget"]')).toHaveLength(1);
    expect(root.querySelector('[data-action="open-setting"]')?.getAttribute('data-step')).toBe('open-challenge');
  });

  it('uses <button> for every action but the setting link and the checkboxes that choose settings', () => {
    render(root, { log: logWith([ada]), lastResult: lastResult(outcome('not-found')) });
    for (const node of root.querySelectorAll('[data-action]')) {
      const choice = node.tagName === 'INPUT' && node.getAttribute('type') === 'checkbox' && node.getAttribute('data-action') === 'choose-setting';
      expect(node.tagName === 'BUTTON' || choice || (node.tagName === 'A' && node.getAttribute('href')?.startsWith('https://www.linkedin.com/'))).toBe(true);
    }
  });

  it('keeps one status region whose data-status follows phase, outcome or idle', () => {
    render(root, {});
    const status = root.querySelector('[data-status]');
    expect(status?.getAttribute('data-status')).toBe('idle');
    render(root, { operation: operation({ phase: 'verifying' }) });
    expect(root.querySelector('[data-status]')).toBe(status);
    expect(status?.getAttribute('data-status')).toBe('verifying');
    expect(status?.querySelector('progress')).not.toBeNull();
    expect(status?.querySelector('[aria-live="polite"]')?.textContent).toContain('Verifying after a fresh load…');
    render(root, { lastResult: lastResult(outcome('turned-off', { account: { key: 'ada-off', name: 'Ada Off' } })) });
    expect(status?.getAttribute('data-status')).toBe('turned-off');
    expect(status?.textContent).toContain('Done: AI training is off for Ada Off (verified).');
    expect(root.querySelectorAll('[data-status]')).toHaveLength(1);
  });

  it('marks the buttons disabled and the opt-out busy while an operation runs, keeping them focusable', () => {
    render(root, { operation: operation() });
    const optOut = root.querySelector<HTMLButtonElement>('[data-action="opt-out"]')!;
    const check = root.querySelector<HTMLButtonElement>('[data-action="check"]')!;
    // aria-disabled, not disabled: a disabled button loses keyboard focus in Chromium.
    expect(optOut.disabled).toBe(false);
    expect(optOut.getAttribute('aria-disabled')).toBe('true');
    expect(optOut.getAttribute('aria-busy')).toBe('true');
    expect(check.getAttribute('aria-disabled')).toBe('true');
    render(root, {});
    expect(optOut.getAttribute('aria-disabled')).toBe('false');
    expect(optOut.getAttribute('aria-busy')).toBe('false');
    expect(check.getAttribute('aria-disabled')).toBe('false');
  });

  it('shows the first-run explanation only before any account is known', () => {
    render(root, {});
    expect(root.querySelector<HTMLElement>('[data-part="intro"]')?.hidden).toBe(false);
    render(root, { log: logWith([ada]) });
    expect(root.querySelector<HTMLElement>('[data-part="intro"]')?.hidden).toBe(true);
  });

  it('wraps times in <time> with the exact time as the title', () => {
    render(root, { log: logWith([ada]) });
    const time = root.querySelector('[data-account="ada-off"] .account-line time');
    expect(time?.getAttribute('datetime')).toBe(new Date(now - hour).toISOString());
    expect(time?.getAttribute('title')).toContain('2026');
  });

  it('keeps open <details> and focus when the rows are redrawn', () => {
    render(root, { log: logWith([ada, bert]) });
    const details = root.querySelector<HTMLDetailsElement>('[data-account="ada-off"] details')!;
    details.open = true;
    root.querySelector<HTMLButtonElement>('[data-account="ada-off"] [data-action="forget"]')!.focus();
    render(root, { log: logWith([ada, { ...bert, lastCheckedAt: now - 2 * hour }]) });
    expect(root.querySelector<HTMLDetailsElement>('[data-account="ada-off"] details')?.open).toBe(true);
    expect(document.activeElement?.getAttribute('data-action')).toBe('forget');
    expect(document.activeElement?.closest('[data-account]')?.getAttribute('data-account')).toBe('ada-off');
  });

  it('builds the history table of an account only once its section is opened', () => {
    render(root, { log: logWith([ada, bert]) });
    const details = root.querySelector<HTMLDetailsElement>('[data-account="ada-off"] details')!;
    expect(root.querySelectorAll('table.history')).toHaveLength(0);
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    const rows = details.querySelectorAll('table.history tbody tr');
    expect(rows.length).toBeGreaterThan(0);
    expect(root.querySelectorAll('table.history')).toHaveLength(1);
  });

  it('redraws an open history when a new entry arrives, even at the size limit', () => {
    const full = { ...ada, history: Array.from({ length: 1000 }, (_, index) => observation({ at: now - 2000 + index })) };
    render(root, { log: logWith([full]) });
    const details = root.querySelector<HTMLDetailsElement>('[data-account="ada-off"] details')!;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    const newest = { ...full, history: [...full.history.slice(1), observation({ at: now, outcome: 'on' })] };
    render(root, { log: logWith([newest]) });
    const reopened = root.querySelector<HTMLDetailsElement>('[data-account="ada-off"] details')!;
    reopened.dispatchEvent(new Event('toggle'));
    expect(reopened.querySelector('tbody tr time')?.getAttribute('datetime')).toBe(new Date(now).toISOString());
  });

  it('sets the document language and title', () => {
    renderPopup(root, buildPopupView(input(), now, 'de-DE', translatorFor('de')));
    expect(document.documentElement.lang).toBe('de');
    expect(root.querySelector('h1')?.textContent).toBe('LinkedIn-KI-Training');
  });
});

// ---------------------------------------------------------------------------------------------

type FakePorts = PopupPorts & {
  sent: PopupMessage[];
  storage: RawStorage;
  /** How many reads asked for the log itself (the first screen should not). */
  logReads: number;
  changed(): void;
  permission: { granted: boolean; requests: number };
  /** What the browser answers when the popup asks for www.linkedin.com access; an Error rejects. */
  linkedInAccess: boolean | Error;
  /** Whether the access is granted before anything is asked (members can withdraw it). */
  linkedInAccessHeld: boolean;
  copied: string[];
  downloads: Array<{ fileName: string; mimeType: string; content: string }>;
  /** How the background answers an import; the popup opened as a toolbar popup or in a tab. */
  importReply: unknown;
  toolbarPopup: boolean;
  importTabsOpened: number;
};

function fakePorts(storage: RawStorage): FakePorts {
  let listener: () => void = () => {};
  const ports: FakePorts = {
    t: en,
    uiLanguage: 'en-GB',
    now: () => now,
    storage,
    sent: [],
    copied: [],
    downloads: [],
    permission: { granted: false, requests: 0 },
    linkedInAccess: true,
    linkedInAccessHeld: true,
    logReads: 0,
    readStorage: async (localKeys) => {
      if (localKeys.includes(storageKeys.log)) ports.logReads += 1;
      const local = Object.fromEntries(localKeys.filter((key) => key in ports.storage.local).map((key) => [key, ports.storage.local[key]]));
      return structuredClone({ local, session: ports.storage.session });
    },
    onStorageChange: (callback) => {
      listener = callback;
    },
    changed: () => listener(),
    send: async (message) => {
      ports.sent.push(message);
      return { ok: true, value: replyTo(message, ports.importReply) };
    },
    requestNotifications: async () => {
      ports.permission.requests += 1;
      return ports.permission.granted;
    },
    hasNotifications: async () => ports.permission.granted,
    requestLinkedInAccess: async () => {
      if (ports.linkedInAccess instanceof Error) throw ports.linkedInAccess;
      return ports.linkedInAccess;
    },
    hasLinkedInAccess: async () => ports.linkedInAccessHeld,
    releaseNotifications: async () => {},
    copyText: async (text) => {
      ports.copied.push(text);
    },
    download: (fileName, mimeType, content) => {
      ports.downloads.push({ fileName, mimeType, content });
    },
    environment: { extensionVersion: '1.0.0', browser: 'Chrome 131' },
    homepageUrl: 'https://github.com/example/optout',
    importReply: { imported: true, added: 3 },
    toolbarPopup: false,
    importTabsOpened: 0,
    inToolbarPopup: async () => ports.toolbarPopup,
    openImportTab: async () => {
      ports.importTabsOpened += 1;
    },
    openedForImport: false,
  };
  return ports;
}

/** What the background answers each message type with (the typed replies of background-messages.ts). */
function replyTo(message: PopupMessage, importReply: unknown = null): unknown {
  switch (message.type) {
    case 'opt-out':
    case 'check':
      return { operationId: 'op-test-1', joined: false };
    case 'update-preferences':
      return { ...defaultPreferences, ...message.preferences };
    case 'import-log':
      return importReply;
    default:
      return null;
  }
}

async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

function click(selector: string): void {
  const target = root.querySelector<HTMLElement>(selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.click();
}

describe('renderPopup: the first screen costs the same whatever the log holds', () => {
  const many = Array.from({ length: 9 }, (_, index) => account(`member-${String(index)}`, `Member ${String(index)}`, { state: 'off', lastCheckedAt: now - hour }));
  const rowKeys = (): Array<string | null> => [...root.querySelectorAll('li.account')].map((row) => row.getAttribute('data-account'));
  const afterPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));

  it('draws the rows the first screen shows at once and the others right after the first paint, in the same order', async () => {
    render(root, { log: logWith(many, 'member-5') });
    const first = rowKeys();
    expect(first).toHaveLength(4);
    expect(first[0]).toBe('member-5');
    await afterPaint();
    const all = rowKeys();
    expect(all).toHaveLength(9);
    expect(all.slice(0, 4)).toEqual(first);
    expect(new Set(all).size).toBe(9);
    expect(all).toEqual(['member-5', ...many.map((record) => record.key).filter((key) => key !== 'member-5')]);
  });

  it('a view drawn before that paint is drawn whole, and the late rows of the older one are not added', async () => {
    render(root, { log: logWith(many, 'member-5') });
    render(root, { log: logWith(many.slice(0, 7), 'member-5') });
    expect(rowKeys()).toHaveLength(7);
    await afterPaint();
    expect(rowKeys()).toHaveLength(7);
  });

  it('every later draw is whole at once, so focus inside a lower row is kept', async () => {
    render(root, { log: logWith(many, 'member-5') });
    await afterPaint();
    root.querySelector<HTMLElement>('[data-account="member-8"] [data-action="forget"]')?.focus();
    render(root, { log: logWith(many.map((record) => ({ ...record, lastCheckedAt: now - 2 * hour })), 'member-5') });
    expect(rowKeys()).toHaveLength(9);
    expect(document.activeElement?.closest('[data-account]')?.getAttribute('data-account')).toBe('member-8');
  });
});

describe('startPopup: clicks become messages, storage becomes the view', () => {
  let controller: PopupController | null = null;
  afterEach(() => controller?.stop());

  function stored(extra: Partial<Record<string, unknown>> = {}, session: Record<string, unknown> = {}): RawStorage {
    return { local: { [storageKeys.log]: logWith([ada, bert], 'ada-off'), ...extra }, session };
  }

  it('opens from stored state and sends opt-out and check', async () => {
    const ports = fakePorts(stored());
    controller = await startPopup(root, ports);
    expect(root.querySelectorAll('[data-account]')).toHaveLength(2);
    click('[data-action="opt-out"]');
    await settle();
    click('[data-action="check"]');
    await settle();
    expect(ports.sent).toEqual([{ type: 'opt-out' }, { type: 'check' }]);
  });

  it('asks for LinkedIn access first, and explains instead of starting when it is refused', async () => {
    const ports = fakePorts(stored());
    ports.linkedInAccess = false;
    controller = await startPopup(root, ports);
    click('[data-action="opt-out"]');
    await settle();
    expect(ports.sent).toEqual([]);
    expect(root.textContent).toContain('needs access to www.linkedin.com');
    expect(root.querySelector('[data-action="opt-out"]')?.getAttribute('aria-busy')).not.toBe('true');
  });

  it('explains withdrawn access as soon as it opens; the click asks again and, granted, starts', async () => {
    const ports = fakePorts(stored());
    ports.linkedInAccessHeld = false;
    controller = await startPopup(root, ports);
    await settle();
    expect(root.textContent).toContain('needs access to www.linkedin.com');
    click('[data-action="opt-out"]');
    await settle();
    expect(ports.sent).toEqual([{ type: 'opt-out' }]);
    expect(root.textContent).not.toContain('needs access to www.linkedin.com');
  });

  it('says nothing about access while it is granted', async () => {
    const ports = fakePorts(stored());
    controller = await startPopup(root, ports);
    await settle();
    expect(root.textContent).not.toContain('needs access to www.linkedin.com');
  });

  it('still starts when the browser cannot answer the access request', async () => {
    const ports = fakePorts(stored());
    ports.linkedInAccess = new Error('permissions API unavailable');
    controller = await startPopup(root, ports);
    click('[data-action="check"]');
    await settle();
    expect(ports.sent).toEqual([{ type: 'check' }]);
  });

  it('does not start, but explains, when the request fails and the access is withdrawn', async () => {
    const ports = fakePorts(stored());
    ports.linkedInAccess = new Error('permissions.request may only be called from a user input handler');
    ports.linkedInAccessHeld = false;
    controller = await startPopup(root, ports);
    click('[data-action="opt-out"]');
    await settle();
    expect(ports.sent).toEqual([]);
    expect(root.textContent).toContain('needs access to www.linkedin.com');
  });

  it('ignores clicks on the busy buttons, which keep focus', async () => {
    const ports = fakePorts(stored({}, { [storageKeys.operation]: operation() }));
    controller = await startPopup(root, ports);
    const optOut = root.querySelector<HTMLButtonElement>('[data-action="opt-out"]')!;
    optOut.focus();
    click('[data-action="opt-out"]');
    click('[data-action="check"]');
    await settle();
    expect(ports.sent).toEqual([]);
    expect(document.activeElement).toBe(optOut);
  });

  it('keeps focus on the main button when "Try again" goes away with the old result', async () => {
    const ports = fakePorts(stored({}, { [storageKeys.lastResult]: lastResult(outcome('timeout'), { kind: 'check' }) }));
    controller = await startPopup(root, ports);
    root.querySelector<HTMLButtonElement>('[data-action="retry"]')!.focus();
    click('[data-action="retry"]');
    expect(root.querySelector('[data-action="retry"]')).toBeNull();
    expect(document.activeElement?.getAttribute('data-action')).toBe('opt-out');
    await settle();
    expect(ports.sent).toEqual([{ type: 'check' }]);
  });

  it('opens once the newest stored state is drawn, also when a storage change overtakes its first read', async () => {
    const ports = fakePorts(stored());
    const answer = ports.readStorage;
    const held: Array<() => void> = [];
    ports.readStorage = (localKeys) => new Promise((resolve) => held.push(() => resolve(answer(localKeys))));
    let opened = false;
    const opening = startPopup(root, ports).then((popup) => {
      opened = true;
      return popup;
    });
    await settle();
    ports.changed();
    await settle();
    expect(held).toHaveLength(2);
    // The first read answers, already overtaken: the popup is not open until the newer read is drawn.
    held.shift()!();
    await settle();
    expect(opened).toBe(false);
    for (let round = 0; round < 10 && !opened; round += 1) {
      held.shift()?.();
      await settle();
    }
    controller = await opening;
    expect(root.querySelectorAll('[data-account]')).toHaveLength(2);
  });

  it('redraws when storage changes: progress, then the result', async () => {
    const ports = fakePorts(stored());
    controller = await startPopup(root, ports);
    ports.storage.session = { [storageKeys.operation]: operation({ phase: 'turning-off' }) };
    ports.changed();
    await settle();
    expect(root.querySelector('[data-status]')?.getAttribute('data-status')).toBe('turning-off');
    ports.storage.session = { [storageKeys.lastResult]: lastResult(outcome('turned-off', { account: { key: 'bert-on', name: 'Bert On' } })) };
    ports.changed();
    await settle();
    expect(root.querySelector('[data-status]')?.getAttribute('data-status')).toBe('turned-off');
  });

  it('ignores what does not parse in storage instead of failing', async () => {
    const ports = fakePorts({ local: { [storageKeys.log]: 'garbage', [storageKeys.preferences]: { recheckIntervalHours: 'x' } }, session: { [storageKeys.operation]: { phase: 'nope' } } });
    controller = await startPopup(root, ports);
    expect(root.querySelector('[data-status]')?.getAttribute('data-status')).toBe('idle');
    expect(root.querySelector<HTMLSelectElement>('#recheck-interval')?.value).toBe('24');
  });

  it('shows a notice when the background refuses', async () => {
    const ports = fakePorts(stored());
    ports.send = async () => ({ ok: false, error: 'busy' });
    controller = await startPopup(root, ports);
    click('[data-action="opt-out"]');
    await settle();
    expect(root.querySelector('[data-part="notice"]')?.textContent).toBe("The extension didn't respond. Please try again.");
  });

  it('asks inside the popup before forgetting an account', async () => {
    const confirmSpy = vi.fn(() => true);
    vi.stubGlobal('confirm', confirmSpy);
    const ports = fakePorts(stored());
    controller = await startPopup(root, ports);
    click('[data-account="ada-off"] [data-action="forget"]');
    expect(ports.sent).toEqual([]);
    expect(document.activeElement?.getAttribute('data-action')).toBe('cancel-forget');
    click('[data-account="ada-off"] [data-action="cancel-forget"]');
    expect(root.querySelector('[data-action="confirm-forget"]')).toBeNull();
    click('[data-account="ada-off"] [data-action="forget"]');
    click('[data-account="ada-off"] [data-action="confirm-forget"]');
    await settle();
    expect(ports.sent).toEqual([{ type: 'forget-account', key: 'ada-off' }]);
    expect(confirmSpy).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('sends open-setting for the setting link instead of following it', async () => {
    const ports = fakePorts(stored({}, { [storageKeys.lastResult]: lastResult(outcome('not-found')) }));
    controller = await startPopup(root, ports);
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    root.querySelector('a[data-action="open-setting"]')!.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await settle();
    expect(ports.sent).toEqual([{ type: 'open-setting' }]);
  });

  it('copies a report without personal data', async () => {
    const result = lastResult(outcome('not-found', { account: { key: 'bert-on', name: 'Bert On' }, diagnostic: 'Bert On: no switch' }));
    const ports = fakePorts(stored({}, { [storageKeys.lastResult]: result }));
    controller = await startPopup(root, ports);
    click('[data-action="copy-report"]');
    await settle();
    expect(ports.copied).toHaveLength(1);
    expect(ports.copied[0]).toContain('outcome: not-found');
    expect(ports.copied[0]).not.toContain('Bert');
    expect(ports.copied[0]).not.toContain('bert-on');
    expect(root.querySelector('[data-part="notice"]')?.textContent).toContain('Report copied');
  });

  it('exports JSON and CSV', async () => {
    const ports = fakePorts(stored());
    controller = await startPopup(root, ports);
    click('[data-action="export-json"]');
    click('[data-action="export-csv"]');
    await vi.waitFor(() => expect(ports.downloads).toHaveLength(2));
    expect(ports.downloads.map((download) => download.fileName)).toEqual([
      'linkedin-ai-optout-log-2026-11-29.json',
      'linkedin-ai-optout-log-2026-11-29.csv',
    ]);
    expect(JSON.parse(ports.downloads[0]!.content)).toEqual(logWith([ada, bert], 'ada-off'));
  });

  it('asks for the notification permission first, and leaves the box off when refused', async () => {
    const ports = fakePorts(stored());
    controller = await startPopup(root, ports);
    const box = root.querySelector<HTMLInputElement>('#notify-flip-back')!;
    box.click();
    expect(ports.permission.requests).toBe(1);
    await settle();
    expect(ports.sent).toEqual([]);
    expect(box.checked).toBe(false);
    expect(root.querySelector('#notify-note')?.textContent).toBe("Notifications weren't allowed, so this stays off.");

    ports.permission.granted = true;
    box.click();
    await settle();
    expect(ports.sent).toEqual([{ type: 'update-preferences', preferences: { notifyOnFlipBack: true } }]);
  });

  it('sends the re-check interval and "keep it off"', async () => {
    const ports = fakePorts(stored());
    controller = await startPopup(root, ports);
    const select = root.querySelector<HTMLSelectElement>('#recheck-interval')!;
    select.value = '168';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    root.querySelector<HTMLInputElement>('#keep-it-off')!.click();
    await settle();
    expect(ports.sent).toEqual([
      { type: 'update-preferences', preferences: { recheckIntervalHours: 168 } },
      { type: 'update-preferences', preferences: { keepItOff: true } },
    ]);
  });
});

describe('the record: export, import, and what forgetting or uninstalling costs', () => {
  let controller: PopupController | null = null;
  afterEach(() => controller?.stop());

  const withAda = (): RawStorage => ({ local: { [storageKeys.log]: logWith([ada], 'ada-off') }, session: {} });

  /** Chooses `file` in the import's file input, as the file dialog would. */
  function choose(file: File): void {
    const input = root.querySelector<HTMLInputElement>('[data-part="import-file"]')!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  const importNotice = () => root.querySelector('[data-part="import-notice"]')?.textContent;

  it('offers the import with no account yet, the export and the uninstall note once there is a record', () => {
    render(root, {});
    expect(root.querySelector<HTMLElement>('[data-part="record"]')?.hidden).toBe(false);
    expect(root.querySelector<HTMLElement>('[data-part="record-export"]')?.hidden).toBe(true);
    expect(root.querySelector('[data-action="import-json"]')?.textContent).toBe('Import a JSON export');
    render(root, { log: logWith([ada]) });
    expect(root.querySelector<HTMLElement>('[data-part="record-export"]')?.hidden).toBe(false);
    expect(root.querySelector('[data-part="uninstall-note"]')?.textContent).toBe('Uninstalling the extension deletes this record. Export it first to keep it.');
  });

  it('links the privacy policy and the issue form from the footer, in a new tab', () => {
    renderPopup(root, buildPopupView({ ...input({}), homepageUrl: 'https://github.com/example/optout' }, now, 'en-GB', en));
    const privacy = root.querySelector<HTMLAnchorElement>('[data-part="privacy-link"]')!;
    const report = root.querySelector<HTMLAnchorElement>('[data-part="report-link"]')!;
    expect([privacy.textContent, privacy.getAttribute('href'), privacy.target]).toEqual(['Privacy', 'https://github.com/example/optout/blob/main/PRIVACY.md', '_blank']);
    expect([report.textContent, report.getAttribute('href')]).toEqual(['Report a problem', 'https://github.com/example/optout/issues/new/choose']);
    render(root, {});
    expect(root.querySelector<HTMLElement>('[data-part="footer-links"]')?.hidden).toBe(true);
  });

  it('says in the forget confirmation that the record goes with it, and exports from there without forgetting', async () => {
    const ports = fakePorts(withAda());
    controller = await startPopup(root, ports);
    click('[data-account="ada-off"] [data-action="forget"]');
    const confirmation = root.querySelector('[data-account="ada-off"] .confirm')!;
    expect(confirmation.textContent).toContain('Its record goes with it. To keep a copy, export it first:');
    confirmation.querySelector<HTMLElement>('[data-action="export-json"]')!.click();
    await settle();
    expect(ports.downloads.map((download) => download.mimeType)).toEqual(['application/json']);
    expect(JSON.parse(ports.downloads[0]!.content)).toEqual(logWith([ada], 'ada-off'));
    expect(ports.sent).toEqual([]);
    expect(root.querySelector('[data-action="confirm-forget"]')).not.toBeNull();
  });

  it('sends the chosen file\'s text to the background and says how many entries were new', async () => {
    const ports = fakePorts(withAda());
    controller = await startPopup(root, ports);
    const text = JSON.stringify(logWith([bert]));
    choose(new File([text], 'linkedin-ai-optout-log-2026-11-29.json', { type: 'application/json' }));
    await settle();
    expect(ports.sent).toEqual([{ type: 'import-log', text }]);
    expect(importNotice()).toBe('Imported: 3 new entries. Nothing already here was changed.');
    expect(root.querySelector('[data-part="import-notice"]')?.getAttribute('role')).toBe('status');
  });

  it('shows a refused file\'s reason, and nothing new as nothing new', async () => {
    const ports = fakePorts(withAda());
    ports.importReply = { imported: false, refusal: 'damaged', detail: 'accounts["ada"].history[2]: unreadable observation' };
    controller = await startPopup(root, ports);
    choose(new File(['{}'], 'edited.json'));
    await settle();
    expect(importNotice()).toBe('Not imported, nothing was changed: part of the file cannot be read (accounts["ada"].history[2]: unreadable observation). Was it edited?');
    ports.importReply = { imported: true, added: 0 };
    choose(new File(['{}'], 'again.json'));
    await settle();
    expect(importNotice()).toBe('Nothing new in this file: every entry is already here.');
  });

  it('refuses a file over the limit without reading or sending it', async () => {
    const ports = fakePorts(withAda());
    controller = await startPopup(root, ports);
    const huge = new File(['x'], 'huge.json');
    Object.defineProperty(huge, 'size', { value: 40 * 1024 * 1024 });
    choose(huge);
    await settle();
    expect(ports.sent).toEqual([]);
    expect(importNotice()).toBe('Not imported, nothing was changed: the file is larger than 32 MB.');
  });

  it('in the toolbar popup opens a tab for the file dialog instead (the popup would close under it)', async () => {
    const ports = fakePorts(withAda());
    ports.toolbarPopup = true;
    controller = await startPopup(root, ports);
    await settle();
    const input = root.querySelector<HTMLInputElement>('[data-part="import-file"]')!;
    const dialog = vi.spyOn(input, 'click');
    click('[data-action="import-json"]');
    await settle();
    expect(ports.importTabsOpened).toBe(1);
    expect(dialog).not.toHaveBeenCalled();
  });

  it('in a tab opens the file dialog inside the click', async () => {
    const ports = fakePorts(withAda());
    controller = await startPopup(root, ports);
    await settle();
    const dialog = vi.spyOn(root.querySelector<HTMLInputElement>('[data-part="import-file"]')!, 'click');
    click('[data-action="import-json"]');
    expect(dialog).toHaveBeenCalledTimes(1);
    expect(ports.importTabsOpened).toBe(0);
  });

  it('opened for an import, says where to press and puts the focus there', async () => {
    const ports = fakePorts(withAda());
    ports.openedForImport = true;
    controller = await startPopup(root, ports);
    expect(importNotice()).toBe('Files are chosen in a tab: press “Import a JSON export” here.');
    expect(document.activeElement?.getAttribute('data-action')).toBe('import-json');
  });
});

describe('the data-use checkup in the popup', () => {
  let controller: PopupController | null = null;
  afterEach(() => controller?.stop());

  it('offers every other setting unchosen, with one plain sentence each, and sends the choice', async () => {
    const ports = fakePorts({ local: { [storageKeys.log]: logWith([ada], 'ada-off') }, session: {} });
    controller = await startPopup(root, ports);
    const boxes = [...root.querySelectorAll<HTMLInputElement>('input[data-action="choose-setting"]')];
    expect(boxes.length).toBe(10);
    expect(boxes.every((box) => !box.checked)).toBe(true);
    const research = root.querySelector<HTMLInputElement>('input[data-action="choose-setting"][data-setting="allowAnonymizedDataResearch"]')!;
    expect(root.querySelector(`#${research.getAttribute('aria-describedby')}`)?.textContent).toBe('LinkedIn may use your data for research with partners.');
    research.click();
    root.querySelector<HTMLInputElement>('input[data-setting="allowAdsByAge"]')!.click();
    await settle();
    expect(ports.sent).toEqual([
      { type: 'update-preferences', preferences: { chosenSettings: ['allowAnonymizedDataResearch'] } },
      { type: 'update-preferences', preferences: { chosenSettings: ['allowAnonymizedDataResearch', 'allowAdsByAge'] } },
    ]);
    expect(root.querySelector('[data-part="notice"]')?.textContent).toBe('');
  });

  it('shows each chosen setting of an account with the same state words, and the AI row exactly as before', () => {
    const record = account('ada-off', 'Ada Off', {
      state: 'off',
      settings: {
        allowAnonymizedDataResearch: { lastCheckedAt: now, state: 'on', problem: null, optedOutAt: null, offSince: null, flippedBackAt: now, history: [] },
        allowAdsByAge: { lastCheckedAt: null, state: 'unknown', problem: 'not-offered', optedOutAt: null, offSince: null, flippedBackAt: null, history: [] },
      },
    });
    const preferences = { ...defaultPreferences, chosenSettings: ['allowAnonymizedDataResearch', 'allowAdsByAge'] };
    render(root, { log: logWith([record]), preferences });
    expect(root.querySelector('li[data-account="ada-off"][data-state]')?.getAttribute('data-state')).toBe('off');
    const research = root.querySelector('[data-account="ada-off"][data-setting="allowAnonymizedDataResearch"]');
    expect(research?.getAttribute('data-setting-state')).toBe('on');
    expect(research?.textContent).toContain('Social, economic and workplace research');
    const age = root.querySelector('[data-account="ada-off"][data-setting="allowAdsByAge"]');
    expect(age?.getAttribute('data-setting-state')).toBe('not-offered');
    expect(age?.textContent).toContain('Not offered here');
    expect(root.querySelectorAll('[data-setting-state]')).toHaveLength(2);
  });

  it('offers the objection form after an opt-out and where the switch is not offered, and copies the text only when asked', async () => {
    const session = { [storageKeys.lastResult]: lastResult(outcome('turned-off', { account: { key: 'ada-off', name: 'Ada' } })) };
    const ports = fakePorts({ local: { [storageKeys.log]: logWith([ada], 'ada-off') }, session });
    controller = await startPopup(root, ports);
    const link = root.querySelector<HTMLAnchorElement>('[data-part="objection"] a');
    expect(link?.getAttribute('href')).toBe('https://www.linkedin.com/help/linkedin/ask/TS-DPRO');
    expect(ports.copied).toEqual([]);
    click('[data-action="copy-objection"]');
    await settle();
    expect(ports.copied).toHaveLength(1);
    expect(ports.copied[0]).toContain('Article 21 GDPR');
    expect(ports.sent).toEqual([]);

    render(root, { log: logWith([ada]), lastResult: lastResult(outcome('not-offered', { account: { key: 'ada-off', name: 'Ada' } })) });
    expect(root.querySelector<HTMLElement>('[data-part="objection"]')?.hidden).toBe(false);
    render(root, { log: logWith([ada]), lastResult: lastResult(outcome('on', { account: { key: 'ada-off', name: 'Ada' } })) });
    expect(root.querySelector<HTMLElement>('[data-part="objection"]')?.hidden).toBe(true);
  });
});

describe('startPopup: the first screen from the stored summary, the log only when needed', () => {
  let controller: PopupController | null = null;
  afterEach(() => controller?.stop());

  const log = logWith([ada, bert], 'ada-off');
  const states = () => [...root.querySelectorAll('li.account')].map((row) => [row.getAttribute('data-account'), row.getAttribute('data-state')]);
  const shownFromLog = [['bert-on', 'on'], ['ada-off', 'off']];
  /** A summary that disagrees with the log: if it were shown, Bert would read "off". */
  const wrongSummary = (): LogSummary => summarizeLog(logWith([ada, { ...bert, state: 'off' }], 'ada-off'));

  it('paints from the summary without reading the log, and reads it when a history is opened', async () => {
    const ports = fakePorts({ local: { [storageKeys.log]: log, [storageKeys.logSummary]: summarizeLog(log) }, session: {} });
    controller = await startPopup(root, ports);
    expect(states()).toEqual(shownFromLog);
    expect(ports.logReads).toBe(0);
    const details = root.querySelector<HTMLDetailsElement>('[data-account="ada-off"] details')!;
    expect(details.getAttribute('data-history')).toBe('waiting');
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await settle();
    expect(ports.logReads).toBe(1);
    const reopened = root.querySelector<HTMLDetailsElement>('[data-account="ada-off"] details')!;
    expect(reopened.open).toBe(true);
    expect(reopened.hasAttribute('data-history')).toBe(false);
    reopened.dispatchEvent(new Event('toggle'));
    expect(reopened.querySelectorAll('table.history tbody tr')).toHaveLength(1);
  });

  it('shows the stored state from the log itself when there is no summary (a log of an earlier release)', async () => {
    const ports = fakePorts({ local: { [storageKeys.log]: log }, session: {} });
    controller = await startPopup(root, ports);
    expect(states()).toEqual(shownFromLog);
    expect(ports.logReads).toBe(1);
  });

  it.each([
    ['unreadable', (): unknown => ({ ...wrongSummary(), accounts: 'garbled' })],
    ['derived from an older log version', (): unknown => ({ ...wrongSummary(), logVersion: logVersion - 1 })],
    ['of another summary format', (): unknown => ({ ...wrongSummary(), version: summaryVersion + 1 })],
  ])('never shows a summary that is %s: the state comes from the log', async (_name, summary) => {
    const ports = fakePorts({ local: { [storageKeys.log]: log, [storageKeys.logSummary]: summary() }, session: {} });
    controller = await startPopup(root, ports);
    expect(states()).toEqual(shownFromLog);
    expect(ports.logReads).toBe(1);
  });

  it('shows nothing stored as nothing stored, with or without a summary', async () => {
    for (const local of [{}, { [storageKeys.logSummary]: summarizeLog(logWith([])) }]) {
      controller?.stop();
      const ports = fakePorts({ local, session: {} });
      controller = await startPopup(root, ports);
      expect(states()).toEqual([]);
      expect(root.querySelector('[data-part="intro"]')?.hasAttribute('hidden')).toBe(false);
    }
  });

  it('follows a new log and summary from the summary alone; once a history is open, from the log', async () => {
    const ports = fakePorts({ local: { [storageKeys.log]: log, [storageKeys.logSummary]: summarizeLog(log) }, session: {} });
    controller = await startPopup(root, ports);
    const flipped = logWith([{ ...ada, state: 'on', flippedBackAt: now }, bert], 'ada-off');
    ports.storage.local = { [storageKeys.log]: flipped, [storageKeys.logSummary]: summarizeLog(flipped) };
    ports.changed();
    await settle();
    expect(states()).toEqual([['ada-off', 'on'], ['bert-on', 'on']]);
    expect(ports.logReads).toBe(0);
    const details = root.querySelector<HTMLDetailsElement>('[data-account="ada-off"] details')!;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await settle();
    // The log is what the rows show: a summary that disagrees with it is no longer looked at.
    ports.storage.local = { [storageKeys.log]: log, [storageKeys.logSummary]: wrongSummary() };
    ports.changed();
    await settle();
    expect(states()).toEqual(shownFromLog);
  });

  it('exports the log as stored, read at the click, not the summary', async () => {
    const ports = fakePorts({ local: { [storageKeys.log]: log, [storageKeys.logSummary]: summarizeLog(log) }, session: {} });
    controller = await startPopup(root, ports);
    click('[data-action="export-csv"]');
    await vi.waitFor(() => expect(ports.downloads).toHaveLength(1));
    expect(ports.downloads[0]!.content).toContain('turned-off');
    expect(ports.logReads).toBe(1);
  });
});
