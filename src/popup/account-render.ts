import type { AccountView } from './account-view';
import type { HistoryRowView, HistoryView } from './history-view';
import { element, icon, textParts } from './popup-dom';

/** The account list's rows: state, chosen settings, the history (built when opened) and "forget". */

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

export function accountRow(doc: Document, account: AccountView): HTMLLIElement {
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
