import type { AccountView } from './account-view';
import type { HistoryRowView, HistoryView } from './history-view';
import { element, icon, isDrawnWith, rebuild, textParts } from './popup-dom';

/** The account list's rows: state, chosen settings, the history (built when opened) and "forget". */

/** Rows the popup's first screen has room for below the status (each row is about 90 px of a 600 px popup). */
const firstScreenRows = 4;

/** Runs `task` once the browser has painted what is drawn now: a frame, then the next task. */
function afterNextPaint(doc: Document, task: () => void): void {
  const view = doc.defaultView;
  if (view) view.requestAnimationFrame(() => view.setTimeout(task, 0));
  else task();
}

/**
 * The account list. Its first draw holds only the rows the first screen shows and adds the others right
 * after the first paint, so the popup opens as fast with 20 accounts as with one. Every later draw is
 * whole at once: focus and open histories are restored by key, which needs every row there.
 */
export function renderAccountList(list: HTMLElement, accounts: readonly AccountView[]): void {
  const doc = list.ownerDocument;
  const key = JSON.stringify(accounts);
  const shownNow = list.hasChildNodes() ? accounts : accounts.slice(0, firstScreenRows);
  const drawn = rebuild(list, key, () => shownNow.map((account) => accountRow(doc, account)));
  if (!drawn || shownNow.length === accounts.length) return;
  afterNextPaint(doc, () => {
    // A newer view drawn meanwhile already holds every row.
    if (isDrawnWith(list, key)) list.append(...accounts.slice(shownNow.length).map((account) => accountRow(doc, account)));
  });
}

/** Up to 50 rows per account: built only once its section is opened, so 20 accounts open as fast as one. */
function historyTable(doc: Document, history: HistoryView, rows: () => HistoryRowView[]): HTMLTableElement {
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

function historyDetails(doc: Document, history: HistoryView, open: boolean, forgetPart: HTMLElement): HTMLDetailsElement {
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
