import type { Preferences } from '../shared/preferences/preferences';
import type { AccountView, HistoryRowView, NextStepView, ObjectionView, OrganizationView, PopupView, SettingsView, StateIcon, StatusView, TextPart } from './popup-view';

/**
 * The DOM half of the popup: draws a `PopupView` into a root element and nothing else.
 * The skeleton is built once and kept, so live regions stay in place (screen readers announce changes
 * only in regions that already exist), focus stays where it is, and open <details> stay open.
 * Parts that are rebuilt restore focus and open <details> by a stable key.
 */

export const popupActions = [
  'opt-out',
  'check',
  'sign-in',
  'open-setting',
  'retry',
  'copy-report',
  'export-json',
  'export-csv',
  'forget',
  'confirm-forget',
  'cancel-forget',
  'copy-objection',
  'import-json',
  'allow-notifications',
] as const;
export type PopupAction = (typeof popupActions)[number];

export type PopupHandlers = {
  /** A `data-action` element was activated; `accountKey` is the row's `data-account`, if any. */
  action(action: PopupAction, accountKey: string | null): void;
  /** A settings control changed. Runs synchronously inside the input event (permission requests need it). */
  preference(change: Partial<Preferences>, control: HTMLInputElement | HTMLSelectElement): void;
  /** An account's history was opened before the log was read: its rows need the log. */
  historyOpened(): void;
  /** A file was chosen for import. */
  importFile(file: File): void;
};

// ---------------------------------------------------------------------------------------------
// Small DOM builders

type Attributes = Record<string, string | boolean | null | undefined>;

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, '');
    else if (typeof value === 'string') node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function textParts(doc: Document, parts: readonly TextPart[]): Array<Node | string> {
  return parts.map((part) =>
    typeof part === 'string' ? part : element(doc, 'time', { datetime: part.time.iso, title: part.time.title }, [part.time.text]),
  );
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** Stroke paths on a 24×24 grid; the icon repeats what the words say and is hidden from screen readers. */
const iconPaths: Record<StateIcon, string[]> = {
  ok: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M7.5 12.5l3 3 6-6.5'],
  warning: ['M10.3 4.2 2.6 17.5A2 2 0 0 0 4.3 20.5h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0z', 'M12 9.5v4', 'M12 17h.01'],
  unknown: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M9.6 9.3a2.5 2.5 0 1 1 3.4 2.3c-.6.3-1 .8-1 1.5v.4', 'M12 17h.01'],
  busy: ['M12 3a9 9 0 1 0 9 9'],
};

function icon(doc: Document, name: StateIcon): SVGSVGElement {
  const svg = doc.createElementNS(svgNamespace, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  for (const d of iconPaths[name]) {
    const path = doc.createElementNS(svgNamespace, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

function part<T extends Element = HTMLElement>(root: ParentNode, name: string): T {
  const found = root.querySelector<T & Element>(`[data-part="${name}"]`);
  if (!found) throw new Error(`popup skeleton is missing ${name}`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Rebuilding a part without losing focus or open <details>

const renderedKeys = new WeakMap<Element, string>();

function focusKey(node: Element): string {
  const account = node.closest('[data-account]')?.getAttribute('data-account') ?? '';
  const details = node.closest('details')?.getAttribute('data-details') ?? '';
  const own = node.getAttribute('data-action') ?? (node.id || node.tagName.toLowerCase());
  return `${account}|${details}|${own}`;
}

function detailsKey(node: Element): string {
  return `${node.closest('[data-account]')?.getAttribute('data-account') ?? ''}|${node.getAttribute('data-details') ?? ''}`;
}

const focusable = 'button, a[href], summary, select, input, textarea';

/** Replaces a part's children only when what it shows changed. */
function rebuild(container: Element, key: string, build: () => Array<Node | string>): void {
  if (renderedKeys.get(container) === key) return;
  renderedKeys.set(container, key);
  const doc = container.ownerDocument;
  const active = doc.activeElement;
  const activeKey = active && container.contains(active) ? focusKey(active) : null;
  const openDetails = new Set([...container.querySelectorAll('details[open]')].map(detailsKey));

  container.replaceChildren(...build());

  for (const details of container.querySelectorAll('details')) {
    if (openDetails.has(detailsKey(details))) details.open = true;
  }
  if (activeKey !== null) {
    const match = [...container.querySelectorAll<HTMLElement>(focusable)].find((node) => focusKey(node) === activeKey);
    match?.focus();
  }
}

// ---------------------------------------------------------------------------------------------
// Skeleton

function buildSkeleton(doc: Document): HTMLElement {
  const settingsBody = element(doc, 'div', { class: 'settings-body' }, [
    // What a locked control's description points to: disabled controls are skipped by Tab, not by screen readers.
    element(doc, 'p', { class: 'note', id: lockNoteId, 'data-part': 'policy-lock-note', hidden: true }),
    element(doc, 'div', { class: 'field' }, [
      element(doc, 'label', { for: 'recheck-interval', 'data-part': 'recheck-label' }),
      element(doc, 'select', { id: 'recheck-interval', 'data-setting': 'recheckIntervalHours', 'aria-describedby': 'recheck-hint' }),
      element(doc, 'p', { class: 'hint', id: 'recheck-hint', 'data-part': 'recheck-hint' }),
    ]),
    element(doc, 'div', { class: 'check' }, [
      element(doc, 'input', { type: 'checkbox', id: 'notify-flip-back', 'data-setting': 'notifyOnFlipBack', 'aria-describedby': 'notify-note' }),
      element(doc, 'label', { for: 'notify-flip-back', 'data-part': 'notify-label' }),
    ]),
    element(doc, 'p', { class: 'note', id: 'notify-note', role: 'status', 'aria-live': 'polite', 'data-part': 'notify-note' }),
    // Only when the organisation turned notifications on: the browser grants them to the member alone.
    element(doc, 'button', { type: 'button', class: 'button secondary small', 'data-action': 'allow-notifications', hidden: true }),
    element(doc, 'div', { class: 'check' }, [
      element(doc, 'input', { type: 'checkbox', id: 'keep-it-off', 'data-setting': 'keepItOff' }),
      element(doc, 'label', { for: 'keep-it-off', 'data-part': 'keep-off-label' }),
    ]),
    element(doc, 'fieldset', { class: 'other-settings', 'data-part': 'other-settings' }),
  ]);

  return element(doc, 'div', { class: 'popup', 'data-part': 'popup' }, [
    element(doc, 'header', { class: 'header' }, [element(doc, 'h1', { 'data-part': 'title' })]),
    element(doc, 'p', { class: 'intro', 'data-part': 'intro', hidden: true }),
    element(doc, 'div', { class: 'actions', 'data-part': 'actions' }, [
      element(doc, 'button', { type: 'button', class: 'button primary', 'data-action': 'opt-out' }, [
        element(doc, 'span', { class: 'button-spinner', 'aria-hidden': 'true' }),
        element(doc, 'span', { 'data-part': 'opt-out-label' }),
      ]),
      element(doc, 'button', { type: 'button', class: 'button secondary', 'data-action': 'check' }),
    ]),
    element(doc, 'section', { class: 'status', 'data-part': 'status', 'data-status': 'idle', 'data-tone': 'idle' }, [
      element(doc, 'div', { class: 'status-live', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-part': 'status-live' }),
      element(doc, 'div', { class: 'status-more', 'data-part': 'status-more' }),
      element(doc, 'div', { class: 'notice', role: 'status', 'aria-live': 'polite', 'data-part': 'notice' }),
    ]),
    // Next to the result it follows: the step for data already used, or for a switch not offered.
    element(doc, 'section', { class: 'objection', 'data-part': 'objection', 'aria-labelledby': 'objection-heading', hidden: true }),
    element(doc, 'section', { class: 'accounts', 'data-part': 'accounts', 'aria-labelledby': 'accounts-heading', hidden: true }, [
      element(doc, 'h2', { id: 'accounts-heading', tabindex: '-1', 'data-part': 'accounts-heading' }),
      element(doc, 'ul', { class: 'account-list', role: 'list', 'data-part': 'account-list' }),
    ]),
    element(doc, 'section', { class: 'record', 'data-part': 'record', 'aria-labelledby': 'record-heading' }, [
      element(doc, 'h2', { id: 'record-heading', 'data-part': 'record-heading' }),
      element(doc, 'div', { 'data-part': 'record-export', hidden: true }, [
        element(doc, 'p', { class: 'hint', 'data-part': 'record-hint' }),
        element(doc, 'div', { class: 'record-actions' }, [
          element(doc, 'button', { type: 'button', class: 'button secondary small', 'data-action': 'export-json' }),
          element(doc, 'button', { type: 'button', class: 'button secondary small', 'data-action': 'export-csv' }),
        ]),
        element(doc, 'p', { class: 'hint', 'data-part': 'uninstall-note' }),
      ]),
      element(doc, 'div', { class: 'record-import' }, [
        element(doc, 'button', { type: 'button', class: 'button secondary small', 'data-action': 'import-json', 'aria-describedby': 'import-hint' }),
        // Opened by its button (a file input cannot be styled or labelled as well); out of the tab order.
        element(doc, 'input', { type: 'file', accept: '.json,application/json', 'data-part': 'import-file', hidden: true, tabindex: '-1' }),
        element(doc, 'p', { class: 'hint', id: 'import-hint', 'data-part': 'import-hint' }),
        element(doc, 'p', { class: 'notice', role: 'status', 'aria-live': 'polite', 'data-part': 'import-notice' }),
      ]),
    ]),
    element(doc, 'section', { class: 'organization', 'data-part': 'organization', 'aria-labelledby': 'organization-text', hidden: true }),
    element(doc, 'details', { class: 'settings', 'data-part': 'settings', 'data-details': 'settings' }, [
      element(doc, 'summary', { 'data-part': 'settings-summary' }),
      settingsBody,
    ]),
    element(doc, 'footer', { class: 'footer' }, [
      element(doc, 'p', { 'data-part': 'privacy' }),
      element(doc, 'p', { class: 'footer-links', 'data-part': 'footer-links', hidden: true }, [
        element(doc, 'a', { 'data-part': 'privacy-link', target: '_blank', rel: 'noopener noreferrer' }),
        element(doc, 'a', { 'data-part': 'report-link', target: '_blank', rel: 'noopener noreferrer' }),
      ]),
    ]),
  ]);
}

function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

// ---------------------------------------------------------------------------------------------
// Parts

function nextStep(doc: Document, step: NextStepView): Node {
  switch (step.action) {
    case 'sign-in':
      return element(doc, 'div', { class: 'step' }, [
        element(doc, 'button', { type: 'button', class: 'button primary small', 'data-action': 'sign-in' }, [step.label]),
        element(doc, 'p', { class: 'hint' }, [step.hint]),
      ]);
    case 'open-setting':
      if (step.step === 'open-challenge') {
        return element(doc, 'div', { class: 'step' }, [
          element(doc, 'button', { type: 'button', class: 'button primary small', 'data-action': 'open-setting', 'data-step': 'open-challenge' }, [step.label]),
        ]);
      }
      // A real link shows the address and still works with a middle click; a plain click goes through the background.
      return element(doc, 'div', { class: 'step' }, [
        element(doc, 'p', { class: 'lead' }, [step.lead]),
        element(doc, 'a', { class: 'setting-link', href: step.url, 'data-action': 'open-setting', 'data-step': 'open-setting', 'aria-label': step.label, rel: 'noreferrer' }, [step.url]),
      ]);
    case 'retry':
      return element(doc, 'div', { class: 'step' }, [
        element(doc, 'button', { type: 'button', class: 'button secondary small', 'data-action': 'retry' }, [step.label]),
      ]);
    case 'copy-report':
      return element(doc, 'div', { class: 'step' }, [
        element(doc, 'button', { type: 'button', class: 'button secondary small', 'data-action': 'copy-report' }, [step.label]),
        element(doc, 'p', { class: 'hint' }, [step.hint]),
      ]);
  }
}

function renderStatus(root: ParentNode, status: StatusView): void {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const section = part(root, 'status');
  section.setAttribute('data-status', status.dataStatus);
  section.setAttribute('data-tone', status.tone);
  section.setAttribute('aria-busy', String(status.progress !== null));

  // Only the message and the note are live: the relative "finished" time changes every minute.
  rebuild(part(root, 'status-live'), JSON.stringify([status.tone, status.message, status.note]), () => [
    ...(status.message ? [element(doc, 'p', { class: 'status-message' }, [
      ...(status.tone !== 'idle' ? [icon(doc, status.tone === 'ok' ? 'ok' : status.tone === 'busy' ? 'busy' : status.tone === 'info' ? 'unknown' : 'warning')] : []),
      element(doc, 'span', {}, textParts(doc, status.message)),
    ])] : []),
    ...(status.note ? [element(doc, 'p', { class: 'status-note' }, [status.note])] : []),
  ]);
  rebuild(part(root, 'status-more'), JSON.stringify([status.progress, status.when, status.nextSteps]), () => [
    ...(status.progress
      ? [element(doc, 'progress', { value: String(status.progress.value), max: String(status.progress.max), 'aria-label': status.progress.label })]
      : []),
    ...(status.when ? [element(doc, 'p', { class: 'status-when' }, textParts(doc, status.when))] : []),
    ...(status.nextSteps.length ? [element(doc, 'div', { class: 'steps' }, status.nextSteps.map((step) => nextStep(doc, step)))] : []),
    ...(status.settingResults.length
      ? [element(doc, 'ul', { class: 'setting-results', role: 'list' }, status.settingResults.map((result) =>
          element(doc, 'li', { 'data-setting': result.ruleId, 'data-setting-status': result.dataStatus, 'data-tone': result.tone }, [
            element(doc, 'span', { class: 'setting-name' }, [result.name]),
            element(doc, 'span', { class: 'setting-state' }, [result.text]),
          ]),
        ))]
      : []),
  ]);
  rebuild(part(root, 'notice'), JSON.stringify(status.notice), () =>
    status.notice
      ? [
          element(doc, 'p', { 'data-tone': status.notice.tone }, [status.notice.text]),
          ...(status.notice.report
            ? [element(doc, 'textarea', { class: 'report', readonly: true, rows: '6', 'aria-label': status.notice.report.label }, [status.notice.report.text])]
            : []),
        ]
      : [],
  );
}

/** Up to 50 rows per account: built only once its section is opened, so 20 accounts open as fast as one. */
function historyTable(doc: Document, history: AccountView['history'], rows: () => HistoryRowView[]): HTMLTableElement {
  return element(doc, 'table', { class: 'history' }, [
    element(doc, 'caption', { class: 'visually-hidden' }, [history.caption]),
    element(doc, 'thead', {}, [
      element(doc, 'tr', {}, [
        element(doc, 'th', { scope: 'col' }, [history.columns.time]),
        element(doc, 'th', { scope: 'col' }, [history.columns.outcome]),
        element(doc, 'th', { scope: 'col' }, [history.columns.trigger]),
      ]),
    ]),
    element(doc, 'tbody', {}, rows().map((row) =>
      element(doc, 'tr', { 'data-tone': row.tone }, [
        element(doc, 'td', {}, [
          element(doc, 'time', { datetime: row.time.iso }, [row.time.text]),
          ...(row.repeats ? [element(doc, 'span', { class: 'repeats' }, textParts(doc, row.repeats))] : []),
        ]),
        element(doc, 'td', {}, [row.outcome]),
        element(doc, 'td', {}, [row.trigger]),
      ]),
    )),
  ]);
}

function accountRow(doc: Document, account: AccountView): HTMLLIElement {
  const { history, forget } = account;
  const forgetPart = forget.confirming
    ? element(doc, 'div', { class: 'confirm', role: 'group', 'aria-labelledby': `forget-question-${account.key}` }, [
        element(doc, 'p', { id: `forget-question-${account.key}` }, [forget.confirming.question]),
        element(doc, 'p', { class: 'hint' }, [forget.confirming.exportHint]),
        element(doc, 'button', { type: 'button', class: 'button secondary small', 'data-action': 'export-json' }, [forget.confirming.exportJson]),
        element(doc, 'div', { class: 'confirm-actions' }, [
          element(doc, 'button', { type: 'button', class: 'button danger small', 'data-action': 'confirm-forget' }, [forget.confirming.confirm]),
          element(doc, 'button', { type: 'button', class: 'button secondary small', 'data-action': 'cancel-forget' }, [forget.confirming.cancel]),
        ]),
      ])
    : element(doc, 'button', { type: 'button', class: 'button link small', 'data-action': 'forget' }, [forget.label]);

  return element(doc, 'li', { class: 'account', 'data-account': account.key, 'data-state': account.dataState, 'data-checked': account.notCheckedRecently ? 'stale' : 'recent', 'data-tone': account.tone }, [
    element(doc, 'div', { class: 'account-head' }, [
      icon(doc, account.icon),
      element(doc, 'span', { class: 'account-name' }, [account.name]),
      ...(account.currentLabel ? [element(doc, 'span', { class: 'current' }, [account.currentLabel])] : []),
    ]),
    element(doc, 'p', { class: 'account-state' }, [account.stateText]),
    ...(account.settings.length
      ? [element(doc, 'ul', { class: 'setting-states', role: 'list' }, account.settings.map((setting) =>
          element(doc, 'li', { 'data-account': account.key, 'data-setting': setting.ruleId, 'data-setting-state': setting.dataState, 'data-tone': setting.tone }, [
            icon(doc, setting.icon),
            element(doc, 'span', { class: 'setting-name' }, [setting.name]),
            element(doc, 'span', { class: 'setting-state' }, [setting.stateText]),
          ]),
        ))]
      : []),
    ...account.lines.map((line) => element(doc, 'p', { class: 'account-line', 'data-tone': line.tone }, textParts(doc, line.parts))),
    historyDetails(doc, history, forget.confirming !== null, forgetPart),
  ]);
}

function historyDetails(doc: Document, history: AccountView['history'], open: boolean, forgetPart: HTMLElement): HTMLDetailsElement {
  const waiting = history.rows === null && history.empty === null;
  const slot = element(doc, 'div', { class: 'history-slot', 'aria-busy': waiting ? 'true' : null });
  // Marks a history whose rows wait for the log: opening it asks for the log (bindPopupEvents).
  const details = element(doc, 'details', { class: 'account-more', 'data-details': 'history', 'data-history': waiting ? 'waiting' : null, open }, [
    element(doc, 'summary', {}, [history.summary]),
    slot,
    ...(history.truncated ? [element(doc, 'p', { class: 'hint' }, [history.truncated])] : []),
    forgetPart,
  ]);
  const fill = (): void => {
    if (slot.hasChildNodes()) return;
    if (history.empty) slot.append(element(doc, 'p', { class: 'hint' }, [history.empty]));
    else if (history.rows) slot.append(historyTable(doc, history, history.rows));
  };
  if (open) fill();
  details.addEventListener('toggle', () => details.open && fill());
  return details;
}

const lockNoteId = 'policy-lock-note';

/** A control the organisation set: disabled, and described by the note that says who set it. */
function lockControl(control: HTMLInputElement | HTMLSelectElement | null, locked: boolean, describedBy: string | null): void {
  if (!control) return;
  if (control.disabled !== locked) control.disabled = locked;
  const ids = [describedBy, locked ? lockNoteId : null].filter((id) => id !== null).join(' ');
  if (ids) control.setAttribute('aria-describedby', ids);
  else control.removeAttribute('aria-describedby');
}

function renderOrganization(section: HTMLElement, organization: OrganizationView | null): void {
  const doc = section.ownerDocument;
  section.hidden = organization === null;
  rebuild(section, JSON.stringify(organization), () =>
    organization
      ? [
          element(doc, 'p', { id: 'organization-text', 'data-part': 'organization-text' }, [organization.text]),
          ...(organization.firstVisit ? [element(doc, 'p', { class: 'hint', 'data-part': 'organization-first-visit' }, [organization.firstVisit])] : []),
          // Opened only by the member's click, in a new tab; the extension never visits it itself.
          ...(organization.help
            ? [element(doc, 'p', {}, [element(doc, 'a', { class: 'setting-link', href: organization.help.url, target: '_blank', rel: 'noreferrer', 'data-part': 'organization-help' }, [organization.help.label])])]
            : []),
          ...(organization.ignored
            ? [
                element(doc, 'p', { class: 'note', 'data-tone': 'warning' }, [organization.ignored.lead]),
                element(doc, 'ul', { class: 'policy-ignored', 'data-part': 'policy-ignored' }, organization.ignored.lines.map((line) => element(doc, 'li', {}, [line]))),
              ]
            : []),
        ]
      : [],
  );
}

function renderSettings(root: ParentNode, view: PopupView): void {
  const { settings } = view;
  setText(part(root, 'settings-summary'), settings.summary);
  const lockNote = part(root, 'policy-lock-note');
  setText(lockNote, settings.lockNote ?? '');
  lockNote.hidden = settings.lockNote === null;
  setText(part(root, 'recheck-label'), settings.recheck.label);
  setText(part(root, 'recheck-hint'), settings.recheck.hint);
  const select = (root as ParentNode).querySelector<HTMLSelectElement>('#recheck-interval');
  if (select) {
    rebuild(select, JSON.stringify(settings.recheck.options), () =>
      settings.recheck.options.map((option) => element(select.ownerDocument, 'option', { value: String(option.value) }, [option.label])),
    );
    if (select.value !== String(settings.recheck.value)) select.value = String(settings.recheck.value);
  }
  lockControl(select, settings.recheck.locked, 'recheck-hint');
  setText(part(root, 'notify-label'), settings.notify.label);
  setText(part(root, 'notify-note'), settings.notify.note ?? '');
  const allow = root.querySelector<HTMLButtonElement>('[data-action="allow-notifications"]');
  if (allow) {
    setText(allow, settings.notify.allowLabel ?? '');
    allow.hidden = settings.notify.allowLabel === null;
  }
  setText(part(root, 'keep-off-label'), settings.keepOff.label);
  const notify = root.querySelector<HTMLInputElement>('#notify-flip-back');
  if (notify && notify.checked !== settings.notify.checked) notify.checked = settings.notify.checked;
  const keepOff = root.querySelector<HTMLInputElement>('#keep-it-off');
  if (keepOff && keepOff.checked !== settings.keepOff.checked) keepOff.checked = settings.keepOff.checked;
  lockControl(notify, settings.notify.locked, 'notify-note');
  lockControl(keepOff, settings.keepOff.locked, null);
  renderOtherSettings(part(root, 'other-settings'), settings.others);
}

/** "Also keep these private": built once per language, then only the checkboxes follow the stored choice. */
function renderOtherSettings(fieldset: HTMLElement, others: SettingsView['others']): void {
  const doc = fieldset.ownerDocument;
  rebuild(fieldset, JSON.stringify([others.heading, others.hint, others.choices.map((choice) => [choice.ruleId, choice.label, choice.about])]), () => [
    element(doc, 'legend', {}, [others.heading]),
    element(doc, 'p', { class: 'hint' }, [others.hint]),
    ...others.choices.map((choice) =>
      element(doc, 'div', { class: 'check' }, [
        element(doc, 'input', { type: 'checkbox', id: `choose-${choice.ruleId}`, 'data-action': 'choose-setting', 'data-setting': choice.ruleId, 'aria-describedby': `about-${choice.ruleId}` }),
        element(doc, 'div', {}, [
          element(doc, 'label', { for: `choose-${choice.ruleId}` }, [choice.label]),
          element(doc, 'p', { class: 'hint', id: `about-${choice.ruleId}` }, [choice.about]),
        ]),
      ]),
    ),
  ]);
  for (const choice of others.choices) {
    const box = fieldset.querySelector<HTMLInputElement>(`#choose-${choice.ruleId}`);
    if (box && box.checked !== choice.checked) box.checked = choice.checked;
    lockControl(box, others.locked, `about-${choice.ruleId}`);
  }
}

function renderObjection(section: HTMLElement, objection: ObjectionView | null): void {
  const doc = section.ownerDocument;
  section.hidden = objection === null;
  rebuild(section, JSON.stringify(objection), () =>
    objection
      ? [
          element(doc, 'h2', { id: 'objection-heading' }, [objection.heading]),
          element(doc, 'p', {}, [objection.lead]),
          element(doc, 'p', {}, [element(doc, 'a', { class: 'setting-link', href: objection.url, target: '_blank', rel: 'noreferrer', 'data-part': 'objection-link' }, [objection.linkLabel])]),
          element(doc, 'textarea', { class: 'report', readonly: true, rows: '5', 'aria-label': objection.textLabel, 'data-part': 'objection-text' }, [objection.text]),
          element(doc, 'button', { type: 'button', class: 'button secondary small', 'data-action': 'copy-objection' }, [objection.copyLabel]),
        ]
      : [],
  );
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Draws the view into `root`, building the skeleton on first use. Safe to call on every change. */
export function renderPopup(root: HTMLElement, view: PopupView): void {
  const doc = root.ownerDocument;
  if (!root.querySelector('[data-part="popup"]')) root.replaceChildren(buildSkeleton(doc));
  if (doc.documentElement.lang !== view.lang) doc.documentElement.lang = view.lang;
  if (doc.title !== view.title) doc.title = view.title;

  setText(part(root, 'title'), view.title);
  const intro = part(root, 'intro');
  setText(intro, view.intro ?? '');
  intro.hidden = view.intro === null;

  // aria-disabled, not `disabled`: Chromium drops focus to <body> when the focused button gets disabled,
  // so a keyboard user who pressed Enter would lose their place (found by tests/e2e/popup.e2e.test.ts).
  const optOut = part(root, 'actions').querySelector<HTMLButtonElement>('[data-action="opt-out"]');
  if (optOut) {
    setText(part(optOut, 'opt-out-label'), view.actions.optOut.label);
    optOut.setAttribute('aria-disabled', String(view.actions.optOut.disabled));
    optOut.setAttribute('aria-busy', String(view.actions.optOut.busy));
  }
  const check = root.querySelector<HTMLButtonElement>('[data-part="actions"] [data-action="check"]');
  if (check) {
    setText(check, view.actions.check.label);
    check.setAttribute('aria-disabled', String(view.actions.check.disabled));
  }

  renderStatus(root, view.status);

  const accounts = part(root, 'accounts');
  accounts.hidden = view.accounts.length === 0;
  setText(part(root, 'accounts-heading'), view.accountsHeading ?? '');
  rebuild(part(root, 'account-list'), JSON.stringify(view.accounts), () => view.accounts.map((account) => accountRow(doc, account)));

  renderRecord(root, view.record);
  renderObjection(part(root, 'objection'), view.objection);
  renderOrganization(part(root, 'organization'), view.organization);
  renderSettings(root, view);
  setText(part(root, 'privacy'), view.privacyNote);
  renderFooterLinks(root, view.footerLinks);
}

function renderRecord(root: HTMLElement, record: PopupView['record']): void {
  setText(part(root, 'record-heading'), record.heading);
  const exports = part(root, 'record-export');
  exports.hidden = record.export === null;
  if (record.export) {
    setText(part(root, 'record-hint'), record.export.hint);
    setText(part(root, 'uninstall-note'), record.export.uninstallNote);
    const [json, csv] = [exports.querySelector('[data-action="export-json"]'), exports.querySelector('[data-action="export-csv"]')];
    if (json) setText(json, record.export.json);
    if (csv) setText(csv, record.export.csv);
  }
  const importButton = root.querySelector('[data-part="record"] [data-action="import-json"]');
  if (importButton) setText(importButton, record.import.label);
  setText(part(root, 'import-hint'), record.import.hint);
  const notice = part(root, 'import-notice');
  setText(notice, record.import.notice?.text ?? '');
  notice.setAttribute('data-tone', record.import.notice?.tone ?? 'idle');
}

function renderFooterLinks(root: HTMLElement, links: PopupView['footerLinks']): void {
  const holder = part(root, 'footer-links');
  holder.hidden = links === null;
  if (!links) return;
  for (const [name, link] of [['privacy-link', links.privacy], ['report-link', links.report]] as const) {
    const anchor = part(root, name);
    setText(anchor, link.label);
    if (anchor.getAttribute('href') !== link.url) anchor.setAttribute('href', link.url);
  }
}

/** Opens the file chooser of the import (inside the click that asked for it: browsers require that). */
export function chooseImportFile(root: HTMLElement): void {
  const input = root.querySelector<HTMLInputElement>('[data-part="import-file"]');
  if (!input) return;
  // The same file chosen twice in a row must fire "change" again.
  input.value = '';
  input.click();
}

function isPopupAction(value: string | null): value is PopupAction {
  return value !== null && (popupActions as readonly string[]).includes(value);
}

/** One listener per event type on the root, so re-rendered parts need no re-binding. */
export function bindPopupEvents(root: HTMLElement, handlers: PopupHandlers, signal?: AbortSignal): void {
  root.addEventListener(
    'click',
    (event) => {
      const target = (event.target as Element | null)?.closest?.('[data-action]');
      if (!target || !root.contains(target)) return;
      // A busy button stays focusable (see renderPopup) but does nothing.
      if (target.getAttribute('aria-disabled') === 'true') return;
      const action = target.getAttribute('data-action');
      if (!isPopupAction(action)) return;
      if (target.tagName === 'A') event.preventDefault();
      handlers.action(action, target.closest('[data-account]')?.getAttribute('data-account') ?? null);
    },
    { signal },
  );
  root.addEventListener(
    'keydown',
    (event) => {
      // Escape leaves a pending "forget" confirmation, like closing a dialog.
      if (event.key !== 'Escape') return;
      const confirm = (event.target as Element | null)?.closest?.('.confirm');
      if (!confirm) return;
      event.preventDefault();
      handlers.action('cancel-forget', confirm.closest('[data-account]')?.getAttribute('data-account') ?? null);
    },
    { signal },
  );
  // "toggle" does not bubble: heard on the way down instead.
  root.addEventListener(
    'toggle',
    (event) => {
      const details = event.target as HTMLDetailsElement | null;
      if (details?.open && details.getAttribute?.('data-history') === 'waiting') handlers.historyOpened();
    },
    { capture: true, signal },
  );
  root.addEventListener(
    'change',
    (event) => {
      const control = event.target as HTMLInputElement | HTMLSelectElement | null;
      if (control?.getAttribute?.('data-part') === 'import-file') {
        const file = (control as HTMLInputElement).files?.[0];
        if (file) handlers.importFile(file);
        return;
      }
      const setting = control?.getAttribute?.('data-setting');
      if (!control || !setting) return;
      if (control.getAttribute('data-action') === 'choose-setting') {
        const chosen = [...root.querySelectorAll<HTMLInputElement>('input[data-action="choose-setting"]')].filter((box) => box.checked);
        handlers.preference({ chosenSettings: chosen.map((box) => box.getAttribute('data-setting') ?? '') }, control);
      } else if (setting === 'recheckIntervalHours') {
        const hours = Number(control.value);
        if (Number.isInteger(hours) && hours > 0) handlers.preference({ recheckIntervalHours: hours }, control);
      } else if ((setting === 'notifyOnFlipBack' || setting === 'keepItOff') && control.tagName === 'INPUT') {
        handlers.preference({ [setting]: (control as HTMLInputElement).checked }, control);
      }
    },
    { signal },
  );
}

/** Moves focus to an action's element (after a rebuild), e.g. to "Cancel" when a confirmation opens. */
export function focusAction(root: HTMLElement, action: PopupAction | 'accounts-heading', accountKey: string | null = null): void {
  if (action === 'accounts-heading') {
    root.querySelector<HTMLElement>('#accounts-heading')?.focus();
    return;
  }
  const scope = accountKey === null ? root : [...root.querySelectorAll<HTMLElement>('[data-account]')].find((row) => row.getAttribute('data-account') === accountKey);
  scope?.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus();
}
