import { element, icon, part, rebuild, textParts } from './popup-dom';
import type { NextStepView, StatusView } from './status-view';

/** The status card: progress, the last result with its next steps, and the popup's notices, each live region in place. */

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

export function renderStatus(root: ParentNode, status: StatusView): void {
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
