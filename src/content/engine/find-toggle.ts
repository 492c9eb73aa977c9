import { collapsed, isKnownLabel, negationIn } from '../../shared/rules/label-match';
import type { SwitchHook } from '../../shared/messages/background-messages';
import type { SettingRule } from '../../shared/rules/rule-schema';

/**
 * Identifying the setting's switch, ranked by stability (docs/linkedin.md, "The switch"): the
 * language-free `aria-labelledby` key first, then an exact known label in the page's language.
 * LinkedIn's class names are never used: they are hashed per build.
 */

/** Any control a settings switch can be: a checkbox (with or without role=switch) or an ARIA switch. */
const switchLikeSelector = 'input[type="checkbox"], [role="switch"]';

export type SwitchControl = HTMLInputElement | HTMLElement;

export type ToggleSearch =
  | { kind: 'found'; control: SwitchControl; hook: SwitchHook }
  /** Something claims to be the setting but is not safe to click: never retried by text. */
  | { kind: 'refused'; diagnostic: string }
  /** Nothing qualifies (yet); `hidden` counts qualifying switches that are not rendered. */
  | { kind: 'absent'; switchesOnPage: number; hidden: number };

export function isCheckbox(element: Element): element is HTMLInputElement {
  return element.tagName === 'INPUT' && (element as HTMLInputElement).type === 'checkbox';
}

/** A checkbox, or an element with role=switch that states its position in aria-checked. */
export function isSwitchControl(element: Element): boolean {
  if (isCheckbox(element)) return true;
  const ariaChecked = element.getAttribute('aria-checked');
  return element.getAttribute('role') === 'switch' && (ariaChecked === 'true' || ariaChecked === 'false');
}

/** Whether the browser renders the element; where it cannot tell, it counts as rendered. */
export function isRendered(element: Element): boolean {
  return element.checkVisibility?.({ visibilityProperty: true }) ?? true;
}

/** Tag, role and type: what a switch is told by, nothing the member wrote. */
function describe(element: Element): string {
  return `${element.tagName} role=${element.getAttribute('role')} type=${element.getAttribute('type')}`;
}

function textOf(element: Element | null): string {
  return collapsed(element?.textContent ?? '');
}

/**
 * The control's accessible name, in the ARIA precedence: `aria-labelledby`, else `aria-label`, else its
 * `<label>`s. Precedence matters: an artdeco `<label for>` holds the On/Off word ("No" in Italian), which
 * is not part of the name when `aria-labelledby` gives one.
 */
export function accessibleName(control: Element): string {
  const doc = control.ownerDocument;
  const labelledBy = (control.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => textOf(doc.getElementById(id)))
    .filter(Boolean);
  if (labelledBy.length > 0) return labelledBy.join(' ');
  const ariaLabel = (control.getAttribute('aria-label') ?? '').trim();
  if (ariaLabel) return ariaLabel;
  const labels = control.id ? [...doc.querySelectorAll(`label[for="${CSS.escape(control.id)}"]`)] : [];
  const wrapping = control.closest('label');
  if (wrapping && !labels.includes(wrapping)) labels.push(wrapping);
  return labels.map(textOf).filter(Boolean).join(' ');
}

/** One kind of label in the page's language; an unknown language gets every known one (LinkedIn may leave some untranslated). */
export function labelsFor(rule: SettingRule, lang: string | null, field: 'category' | 'row' | 'toggle'): string[] {
  const own = lang ? rule.labels[lang as keyof SettingRule['labels']]?.[field] : undefined;
  if (own && own.length > 0) return own;
  return Object.values(rule.labels).flatMap((labels) => labels?.[field] ?? []);
}

/**
 * The toggle labels that make a keyed switch certain on a page in `lang`: its own language's, every known one where
 * the page names no language, none where no label is known for it (then the key alone identifies, docs/linkedin.md §3).
 */
function labelsProvingKey(rule: SettingRule, lang: string | null): string[] {
  return lang ? rule.labels[lang as keyof SettingRule['labels']]?.toggle ?? [] : labelsFor(rule, null, 'toggle');
}

/**
 * Why the key does not make this switch certain, or null when it does: the element the key names must exist and hold a
 * label (an On/Off word in a `<label for>` is no name of the setting), and where a label is known for the page's
 * language it must be exactly that one; where none is known, a listed negation still refuses it.
 */
function keyDoubt(doc: Document, rule: SettingRule, lang: string | null, negationWords: readonly string[]): string | null {
  const label = textOf(doc.getElementById(rule.labelKey));
  if (!label) return 'its key names no label';
  const known = labelsProvingKey(rule, lang);
  if (known.length > 0) return isKnownLabel(label, known) ? null : 'its label is not the known one';
  const negation = negationIn(label, negationWords);
  return negation && `its label has the negation "${negation}"`;
}

export type FindOptions = {
  /** Text matching is allowed only on the setting's own page, where no other switch should carry its label. */
  allowLabelText: boolean;
  /** The instruction's `negationWords`: a label carrying one is never clicked. */
  negationWords: readonly string[];
};

/**
 * Promise: a switch is identified only by the language-free key together with the exact known label of the page's
 * language (by the key alone, without a listed negation, where no label is known for it), or by an exact known
 * label; never when more than one rendered switch qualifies.
 *
 * A hidden responsive twin (same key, not rendered) is left out, so it can never be the one returned;
 * where the browser cannot tell what is rendered, twins count and make the page ambiguous. Labels known
 * only in part (the Italian one, see docs/linkedin.md) therefore never identify a switch by text.
 */
export function clickOnlyWhenCertain(doc: Document, rule: SettingRule, lang: string | null, { allowLabelText, negationWords }: FindOptions): ToggleSearch {
  const byKey = [...doc.querySelectorAll(`[aria-labelledby~="${CSS.escape(rule.labelKey)}"]`)];
  const keySwitches = byKey.filter(isSwitchControl);
  if (byKey.length > 0 && keySwitches.length === 0) {
    return { kind: 'refused', diagnostic: `label key on ${describe(byKey[0] as Element)}, not a switch` };
  }
  const switches = [...doc.querySelectorAll(switchLikeSelector)].filter(isSwitchControl);
  const wanted = allowLabelText ? labelsFor(rule, lang, 'toggle') : [];
  const byText = switches.filter((control) => !keySwitches.includes(control) && isKnownLabel(accessibleName(control), wanted));
  const qualified: Array<{ control: Element; hook: SwitchHook }> = [
    ...keySwitches.map((control) => ({ control, hook: 'label-key' as const })),
    ...byText.map((control) => ({ control, hook: 'label-text' as const })),
  ];
  const rendered = qualified.filter(({ control }) => isRendered(control));
  if (rendered.length > 1) {
    return { kind: 'refused', diagnostic: `${rendered.length} switches qualify` };
  }
  const [only] = rendered;
  if (!only) return { kind: 'absent', switchesOnPage: switches.length, hidden: qualified.length };
  const doubt = only.hook === 'label-key' && keyDoubt(doc, rule, lang, negationWords);
  if (doubt) return { kind: 'refused', diagnostic: doubt };
  return { kind: 'found', control: only.control as SwitchControl, hook: only.hook };
}
