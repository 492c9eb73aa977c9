import type { ObjectionView } from './objection-view';
import { element, part, rebuild, setText } from './popup-dom';
import type { RecordView } from './record-view';

/** The member's record (export, import) and the objection form with its ready text. */

export function renderRecord(root: HTMLElement, record: RecordView): void {
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

/** Opens the file chooser of the import (inside the click that asked for it: browsers require that). */
export function chooseImportFile(root: HTMLElement): void {
  const input = root.querySelector<HTMLInputElement>('[data-part="import-file"]');
  if (!input) return;
  // The same file chosen twice in a row must fire "change" again.
  input.value = '';
  input.click();
}

export function renderObjection(section: HTMLElement, objection: ObjectionView | null): void {
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
