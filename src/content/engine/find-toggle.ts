import { labelMatches } from '../../shared/label-match';
import type { SettingRule } from '../../shared/rules';

/**
 * Finding the setting's switch, ranked by stability (style.md §9): the language-free
 * `aria-labelledby` key first, then a switch whose label matches the rule in the page's language.
 * LinkedIn's class names are never used: they are hashed per build.
 */

/** Any control a settings switch can be: a checkbox (with or without role=switch) or an ARIA switch. */
const switchLikeSelector = 'input[type="checkbox"], [role="switch"]';

export type SwitchControl = HTMLInputElement | HTMLElement;

export type ToggleSearch =
  | { kind: 'found'; control: SwitchControl; hook: 'label-key' | 'label-text' }
  /** Something claims to be the setting but is not safe to click: never retried by text. */
  | { kind: 'refused'; diagnostic: string }
  | { kind: 'absent'; switchesOnPage: number };

function isCheckbox(element: Element): element is HTMLInputElement {
  return element.tagName === 'INPUT' && (element as HTMLInputElement).type === 'checkbox';
}

/** A checkbox, or an element with role=switch that states its position in aria-checked. */
export function isSwitchControl(element: Element): boolean {
  if (isCheckbox(element)) return true;
  const ariaChecked = element.getAttribute('aria-checked');
  return element.getAttribute('role') === 'switch' && (ariaChecked === 'true' || ariaChecked === 'false');
}

export type SwitchReading = { on: boolean; ariaInSync: boolean };

/** A checkbox's `checked` is the truth; `aria-checked` is only compared, as LinkedIn may not keep it in sync. */
export function readSwitch(control: SwitchControl): SwitchReading {
  const ariaChecked = control.getAttribute('aria-checked');
  if (isCheckbox(control)) {
    const ariaInSync = ariaChecked === null || ariaChecked === String(control.checked);
    return { on: control.checked, ariaInSync };
  }
  return { on: ariaChecked === 'true', ariaInSync: true };
}

/**
 * Responsive pages may keep a hidden duplicate of a control (say, for narrow screens): when several match,
 * the rendered ones count. Where the browser cannot tell, every candidate counts, and two stay ambiguous.
 */
function shown<T extends Element>(candidates: T[]): T[] {
  if (candidates.length < 2) return candidates;
  const visible = candidates.filter((candidate) => candidate.checkVisibility?.({ visibilityProperty: true }) ?? true);
  return visible.length > 0 ? visible : candidates;
}

function describe(element: Element): string {
  const role = element.getAttribute('role');
  const type = element.getAttribute('type');
  return `<${element.tagName.toLowerCase()}${role ? ` role=${role}` : ''}${type ? ` type=${type}` : ''}>`;
}

/** The text a screen reader would announce as the control's name, from the common labelling mechanisms. */
export function accessibleLabel(control: Element): string {
  const doc = control.ownerDocument;
  const parts: string[] = [];
  for (const id of (control.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    parts.push(doc.getElementById(id)?.textContent ?? '');
  }
  parts.push(control.getAttribute('aria-label') ?? '');
  if (control.id) {
    for (const label of doc.querySelectorAll(`label[for="${CSS.escape(control.id)}"]`)) parts.push(label.textContent ?? '');
  }
  parts.push(control.closest('label')?.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function toggleLabels(rule: SettingRule, lang: string | null): string[] {
  const own = lang ? rule.labels[lang as keyof SettingRule['labels']]?.toggle : undefined;
  if (own && own.length > 0) return own;
  // An unknown UI language still gets a chance if LinkedIn left some labels untranslated.
  return Object.values(rule.labels).flatMap((labels) => labels?.toggle ?? []);
}

export type FindOptions = {
  /** Text matching is allowed only on the setting's own page, where no other switch should carry its label. */
  allowLabelText: boolean;
};

export function findSettingToggle(
  doc: Document,
  rule: SettingRule,
  lang: string | null,
  { allowLabelText }: FindOptions,
): ToggleSearch {
  const byKey = [...doc.querySelectorAll(`[aria-labelledby~="${CSS.escape(rule.labelKey)}"]`)];
  if (byKey.length > 0) {
    const switches = shown(byKey.filter(isSwitchControl));
    if (switches.length === 1) return { kind: 'found', control: switches[0] as SwitchControl, hook: 'label-key' };
    if (switches.length === 0) {
      return { kind: 'refused', diagnostic: `the setting's label key is on ${describe(byKey[0] as Element)}, not a switch` };
    }
    return { kind: 'refused', diagnostic: `${switches.length} switches carry the setting's label key` };
  }

  const candidates = [...doc.querySelectorAll(switchLikeSelector)].filter(isSwitchControl);
  if (!allowLabelText) return { kind: 'absent', switchesOnPage: candidates.length };
  const wanted = toggleLabels(rule, lang);
  const matching = shown(candidates.filter((control) => labelMatches(accessibleLabel(control), wanted)));
  if (matching.length === 1) return { kind: 'found', control: matching[0] as SwitchControl, hook: 'label-text' };
  if (matching.length > 1) {
    return { kind: 'refused', diagnostic: `${matching.length} switches match the setting's label` };
  }
  return { kind: 'absent', switchesOnPage: candidates.length };
}
