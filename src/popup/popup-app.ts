import { accountSummary } from '../shared/log/log-summary';
import type { BackgroundReply, BackgroundResponse, PopupMessage } from '../shared/messages/background-messages';
import { parseReply } from '../shared/messages/popup-replies';
import type { Preferences } from '../shared/preferences/preferences';
import { dateLocale, type Translate } from './i18n';
import { exportFileName, logToCsv, logToJson } from './log-export';
import { maxImportChars } from '../shared/messages/import-limits';
import { bindPopupEvents, focusAction, type PopupAction } from './popup-events';
import { renderPopup } from './popup-render';
import { chooseImportFile } from './record-render';
import { localKeysToRead, type RawStorage, readStoredState, type StoredPopupState } from './popup-state';
import { buildPopupView, initialUiState, type PopupUiState, type PopupView } from './popup-view';
import { buildProblemReport, type ReportEnvironment } from './problem-report';

/**
 * The popup's behaviour, given its ports: what to read, what to send, what to show after each click.
 * The browser API arrives through `PopupPorts` (bound in popup.ts), so tests drive this with fakes.
 */

export type { PopupMessage } from '../shared/messages/background-messages';

export type PopupPorts = {
  t: Translate;
  /** The browser's UI language, e.g. "de-DE". */
  uiLanguage: string;
  now(): number;
  /** Reads these local keys and the popup's session keys. */
  readStorage(localKeys: readonly string[]): Promise<RawStorage>;
  /** Calls `listener` whenever one of the keys the popup reads changes. */
  onStorageChange(listener: () => void): void;
  /** The raw transport; `startPopup` parses every reply (`parseReply`). */
  send(message: PopupMessage): Promise<unknown>;
  /** Called synchronously inside the input event: browsers grant permission requests only there. */
  requestNotifications(): Promise<boolean>;
  /**
   * Access to www.linkedin.com, which members can withdraw (Firefox's and Chrome's site-access menus).
   * Resolves true at once, without a prompt, while it is granted. Also called inside the input event.
   */
  requestLinkedInAccess(): Promise<boolean>;
  /** Whether access to www.linkedin.com is granted now; asks nothing. */
  hasLinkedInAccess(): Promise<boolean>;
  hasNotifications(): Promise<boolean>;
  releaseNotifications(): Promise<void>;
  copyText(text: string): Promise<void>;
  download(fileName: string, mimeType: string, content: string): void;
  environment: ReportEnvironment;
  /** The manifest's homepage_url: the privacy policy and the issue form live there. */
  homepageUrl: string | null;
  /** Whether this page is the toolbar popup, which closes as soon as a file dialog takes the focus. */
  inToolbarPopup(): Promise<boolean>;
  /** Opens this page in a tab, ready for an import, and closes the toolbar popup. */
  openImportTab(): Promise<void>;
  /** This page was opened by `openImportTab`. */
  openedForImport: boolean;
};

export type PopupController = {
  /** Re-reads storage and redraws. */
  refresh(): Promise<void>;
  /** The view last drawn (for tests and debugging). */
  view(): PopupView | null;
  /** Stops the clock that keeps relative times fresh. */
  stop(): void;
};

/** Relative times ("2 minutes ago") are redrawn this often while the popup is open. */
const clockTickMs = 30_000;

export async function startPopup(root: HTMLElement, ports: PopupPorts): Promise<PopupController> {
  const { t } = ports;
  const locale = dateLocale(ports.uiLanguage, t('popupMessagesLanguage'));
  const ui: PopupUiState = initialUiState();
  let stored: StoredPopupState | null = null;
  let lastView: PopupView | null = null;
  let readSequence = 0;
  let newestRefresh: Promise<void> = Promise.resolve();
  // Once a history is opened the log is read with every refresh, so its rows stay current.
  let logWanted = false;

  // Known before any click: the file dialog must open inside the click itself.
  let inToolbarPopup = false;
  void ports.inToolbarPopup().then(
    (popup) => void (inToolbarPopup = popup),
    () => {},
  );
  if (ports.openedForImport) ui.importNotice = { kind: 'in-tab' };

  function render(): void {
    if (!stored) return;
    lastView = buildPopupView({ ...stored, ui, homepageUrl: ports.homepageUrl }, ports.now(), locale, t);
    renderPopup(root, lastView);
  }

  /** Resolves once the newest stored state is drawn: a read that a newer one overtook waits for that one. */
  function refresh(): Promise<void> {
    const sequence = ++readSequence;
    newestRefresh = readAndDraw(sequence);
    return newestRefresh;
  }

  async function readAndDraw(sequence: number): Promise<void> {
    const withLog = logWanted;
    let next = readStoredState(await ports.readStorage(localKeysToRead(withLog)), ports.now(), withLog);
    // Two quick changes can resolve out of order: only the newest read is drawn.
    if (sequence !== readSequence) return newestRefresh;
    if (!next) {
      // No summary to trust (none yet, unreadable, another version): the log itself, as before summaries.
      next = readStoredState(await ports.readStorage(localKeysToRead(true)), ports.now(), true);
      if (sequence !== readSequence) return newestRefresh;
      if (!next) return;
    }
    stored = next;
    if (!accountSummary(stored.summary, ui.confirmingForget)) ui.confirmingForget = null;
    render();
  }

  /** The popup's one typed send: the reply is parsed against its request type's declared reply. */
  async function request<Message extends PopupMessage>(message: Message): Promise<BackgroundResponse<BackgroundReply<Message['type']>>> {
    try {
      return parseReply<Message['type']>(message.type, await ports.send(message));
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Sends one message; a refusal or a silent background becomes a visible notice, never an exception. */
  async function send(message: PopupMessage, startsOperation: boolean): Promise<boolean> {
    if (startsOperation) ui.starting = true;
    ui.notice = null;
    render();
    try {
      const response = await request(message);
      if (response.ok) return true;
      ui.notice = { kind: 'send-failed', error: response.error };
      return false;
    } finally {
      if (startsOperation) ui.starting = false;
      render();
    }
  }

  async function updatePreferences(change: Partial<Preferences>): Promise<void> {
    ui.pendingPreferences = { ...ui.pendingPreferences, ...change };
    const sent = await send({ type: 'update-preferences', preferences: change }, false);
    // Read the stored value before dropping the pending one, so the control does not flicker back.
    if (sent) await refresh().catch(() => {});
    const pending = { ...ui.pendingPreferences };
    for (const key of Object.keys(change) as Array<keyof Preferences>) {
      if (pending[key] === change[key]) delete pending[key];
    }
    ui.pendingPreferences = pending;
    render();
  }

  function onPreference(change: Partial<Preferences>): void {
    if (change.notifyOnFlipBack === true) {
      // First thing in the handler: Firefox refuses permission requests made after an await.
      const request = ports.requestNotifications();
      ui.pendingPreferences = { ...ui.pendingPreferences, notifyOnFlipBack: true };
      void request
        .catch(() => false)
        .then(async (granted) => {
          ui.notificationsAllowed = granted;
          if (granted) return updatePreferences({ notifyOnFlipBack: true });
          const { notifyOnFlipBack: _dropped, ...rest } = ui.pendingPreferences;
          ui.pendingPreferences = rest;
          ui.notice = { kind: 'notify-refused' };
          render();
        });
      return;
    }
    if (ui.notice?.kind === 'notify-refused') ui.notice = null;
    void updatePreferences(change).then(async () => {
      // The permission is only needed while notifications are wanted.
      if (change.notifyOnFlipBack === false && stored?.preferences.notifyOnFlipBack === false) {
        await ports.releaseNotifications().catch(() => {});
        ui.notificationsAllowed = false;
      }
    });
  }

  /** Notifications the organisation turned on: the browser grants them only to the member, inside their click. */
  function allowNotifications(): void {
    void ports
      .requestNotifications()
      .catch(() => false)
      .then((granted) => {
        ui.notificationsAllowed = granted;
        ui.notice = granted ? null : { kind: 'notify-refused' };
        render();
      });
  }

  /** History rows need the whole log: read once, then with every refresh. */
  function onHistoryOpened(): void {
    if (logWanted) return;
    logWanted = true;
    void refresh().catch(() => {});
  }

  /** The export is always of the log as stored now, read at the click. */
  async function exportLog(format: 'json' | 'csv'): Promise<void> {
    const raw = await ports.readStorage(localKeysToRead(true));
    const log = readStoredState(raw, ports.now(), true)?.log;
    if (!log) return;
    const fileName = exportFileName(ports.now(), format);
    if (format === 'json') ports.download(fileName, 'application/json', logToJson(log));
    else ports.download(fileName, 'text/csv;charset=utf-8', logToCsv(log));
  }

  async function copyReport(): Promise<void> {
    if (!stored?.lastResult) return;
    const report = buildProblemReport(stored.lastResult, stored.summary.accounts, ports.environment, stored.policy.ignored);
    try {
      await ports.copyText(report);
      ui.notice = { kind: 'report-copied' };
    } catch {
      ui.notice = { kind: 'report-copy-failed', report };
    }
    render();
  }

  /** Only copied for the member to paste into LinkedIn's form: nothing is sent from here. */
  async function copyObjection(): Promise<void> {
    const text = lastView?.objection?.text;
    if (!text) return;
    try {
      await ports.copyText(text);
      ui.notice = { kind: 'objection-copied' };
    } catch {
      // The text stays selectable in its box.
      ui.notice = null;
    }
    render();
  }

  /** The file's text goes to the background, the log's only writer, which reads, checks and merges it. */
  async function importFile(file: File): Promise<void> {
    if (file.size > maxImportChars) {
      ui.importNotice = { kind: 'refused', refusal: 'too-large', detail: `${String(file.size)} bytes` };
      render();
      return;
    }
    ui.importNotice = null;
    render();
    const response = await request({ type: 'import-log', text: await file.text() });
    if (response.ok) {
      ui.importNotice = response.value.imported ? { kind: 'imported', added: response.value.added } : { kind: 'refused', refusal: response.value.refusal, detail: response.value.detail };
      await refresh().catch(() => {});
    } else {
      ui.notice = { kind: 'send-failed', error: response.error };
    }
    render();
  }

  function startImport(): void {
    if (inToolbarPopup) void ports.openImportTab().catch((error: unknown) => console.error('import tab not opened', error));
    else chooseImportFile(root);
  }

  async function forget(key: string): Promise<void> {
    ui.confirmingForget = null;
    const sent = await send({ type: 'forget-account', key }, false);
    if (sent) await refresh().catch(() => {});
    if (lastView?.accounts.length) focusAction(root, 'accounts-heading');
    else focusAction(root, 'opt-out');
  }

  /** Starts an operation once LinkedIn access is there; only an explicit "no" stops it, with a reason. */
  function startOperation(type: 'opt-out' | 'check'): void {
    const access = ports.requestLinkedInAccess();
    // Feedback at once; the access answer usually comes back within a frame.
    ui.starting = true;
    ui.notice = null;
    render();
    void access
      // A browser that cannot answer the request: go on only if the access is there anyway.
      .catch(() => ports.hasLinkedInAccess().catch(() => true))
      .then((granted) => {
        if (granted) return send({ type }, true);
        ui.starting = false;
        ui.notice = { kind: 'access-refused' };
        render();
        return false;
      });
  }

  function onAction(action: PopupAction, accountKey: string | null): void {
    switch (action) {
      case 'opt-out':
        startOperation('opt-out');
        break;
      case 'check':
        startOperation('check');
        break;
      case 'retry':
        startOperation(stored?.lastResult?.kind === 'check' ? 'check' : 'opt-out');
        // "Try again" vanishes with the old result: keep keyboard focus on the (now busy) main button.
        focusAction(root, 'opt-out');
        break;
      case 'sign-in':
        void send({ type: 'sign-in' }, false);
        break;
      case 'open-setting':
        void send({ type: 'open-setting' }, false);
        break;
      case 'copy-report':
        void copyReport();
        break;
      case 'allow-notifications':
        allowNotifications();
        break;
      case 'copy-objection':
        void copyObjection();
        break;
      case 'export-json':
        void exportLog('json').catch((error: unknown) => console.error('export failed', error));
        break;
      case 'export-csv':
        void exportLog('csv').catch((error: unknown) => console.error('export failed', error));
        break;
      case 'forget':
        if (!accountKey) return;
        ui.confirmingForget = accountKey;
        render();
        focusAction(root, 'cancel-forget', accountKey);
        break;
      case 'cancel-forget':
        ui.confirmingForget = null;
        render();
        if (accountKey) focusAction(root, 'forget', accountKey);
        break;
      case 'confirm-forget':
        if (accountKey) void forget(accountKey);
        break;
      case 'import-json':
        startImport();
        break;
    }
  }

  bindPopupEvents(root, {
    action: onAction,
    preference: onPreference,
    historyOpened: onHistoryOpened,
    importFile: (file) => void importFile(file).catch((error: unknown) => console.error('import failed', error)),
  });
  ports.onStorageChange(() => void refresh().catch(() => {}));
  void ports.hasNotifications().then(
    (allowed) => {
      ui.notificationsAllowed = allowed;
      render();
    },
    () => {},
  );
  // Withdrawn site access stops every check, the automatic ones silently: say so before any click.
  void ports.hasLinkedInAccess().then(
    (granted) => {
      if (granted || ui.notice !== null || ui.starting) return;
      ui.notice = { kind: 'access-refused' };
      render();
    },
    () => {},
  );
  await refresh();
  if (ports.openedForImport) focusAction(root, 'import-json');
  const clock = setInterval(render, clockTickMs);

  return { refresh, view: () => lastView, stop: () => clearInterval(clock) };
}
