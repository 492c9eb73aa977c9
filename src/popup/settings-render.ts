import { element, part, rebuild, setText } from './popup-dom';
import { lockNoteId } from './popup-skeleton';
import type { OrganizationView, SettingsView } from './settings-view';

/** The settings panel, and what the organisation's policy set. */

/** A control the organisation set: disabled, and described by the note that says who set it. */
function lockControl(control: HTMLInputElement | HTMLSelectElement | null, locked: boolean, describedBy: string | null): void {
  if (!control) return;
  if (control.disabled !== locked) control.disabled = locked;
  const ids = [describedBy, locked ? lockNoteId : null].filter((id) => id !== null).join(' ');
  if (ids) control.setAttribute('aria-describedby', ids);
  else control.removeAttribute('aria-describedby');
}

export function renderOrganization(section: HTMLElement, organization: OrganizationView | null): void {
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

export function renderSettings(root: ParentNode, settings: SettingsView): void {
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
