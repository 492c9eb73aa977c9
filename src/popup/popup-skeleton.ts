import { element } from './popup-dom';

/**
 * The popup's parts, built once and kept: live regions must exist before what they announce
 * (screen readers announce changes only in regions that already exist).
 */

/** The id of the note that says who locked a control. */
export const lockNoteId = 'policy-lock-note';

export function buildSkeleton(doc: Document): HTMLElement {
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
