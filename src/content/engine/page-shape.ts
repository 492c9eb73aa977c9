import { normalizeLabel } from '../../shared/rules/label-match';
import type { SettingRule } from '../../shared/rules/rule-schema';
import { accessibleName, isSwitchControl } from './find-toggle';
import { safePath } from './off-settings';

/**
 * What a maintainer needs to fix the rules when the engine cannot be certain (docs/linkedin.md, "Turning a page-shape
 * report into a rule change"), and nothing personal: the settings path, the hooks that matched, the tags, roles and
 * standard attribute names around each candidate switch, and its labels only as fingerprints. It holds no text of
 * the page and no values of attributes but roles and types; it is the same for the same page, so a log merges repeats.
 */

/** Attribute names that say how a control is built; any other name is only counted (a page may name anything). */
const standardAttribute = /^(aria-[a-z]+|role|type|id|for|name|checked|disabled|hidden|tabindex|class|style)$/;
/** Enough candidates and ancestors to see a redesign, short enough for the report's diagnostic. */
const maxCandidates = 2;
const ancestorsShown = 3;

/** FNV-1a of the normalised text: a maintainer compares it with the fingerprint of a wording they suspect. */
export function labelFingerprint(text: string, lang: string | null): string {
  const normalized = normalizeLabel(text);
  if (!normalized) return 'none';
  let hash = 0x811c9dc5;
  for (const char of normalized) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `#${hash.toString(16).padStart(8, '0')}/${normalized.length}${lang ?? '?'}`;
}

/** Tag and role, the only value shown: a role is one of ARIA's own tokens or cut to letters. */
function tagAndRole(element: Element): string {
  const role = element.getAttribute('role')?.replace(/[^a-z]/g, '').slice(0, 12);
  return role ? `${element.tagName}(${role})` : element.tagName;
}

function describeCandidate(control: Element, rule: SettingRule, lang: string | null): string {
  const names = control.getAttributeNames();
  const standard = names.filter((name) => standardAttribute.test(name)).sort();
  const others = names.length - standard.length;
  const ancestors: string[] = [];
  for (let parent = control.parentElement; parent && ancestors.length < ancestorsShown; parent = parent.parentElement) ancestors.push(tagAndRole(parent));
  const type = control.getAttribute('type')?.replace(/[^a-z]/g, '').slice(0, 10);
  const keyed = (control.getAttribute('aria-labelledby') ?? '').split(/\s+/).includes(rule.labelKey);
  return [
    `${tagAndRole(control)}${type ? ` type=${type}` : ''}${keyed ? ' key' : ''}`,
    `[${standard.join(' ')}${others > 0 ? ` +${others}` : ''}]`,
    `in ${ancestors.join('<')}`,
    // Its accessible name: the key's label, else an aria-label, else its <label>s (an On/Off word shows here).
    `name ${labelFingerprint(accessibleName(control), lang)}`,
  ].join(' ');
}

/**
 * The page's shape, for a failure the engine could not be certain about: `arrived` is whether the setting's data
 * request was seen completing on this page. Timings are left to the report's own lines.
 */
export function describePageShape(doc: Document, rule: SettingRule, lang: string | null, arrived: boolean): string {
  const keyed = doc.querySelectorAll(`[aria-labelledby~="${CSS.escape(rule.labelKey)}"]`);
  const keyLabel = labelFingerprint(doc.getElementById(rule.labelKey)?.textContent ?? '', lang);
  const candidates = [...new Set([...keyed, ...doc.querySelectorAll('input[type="checkbox"], [role="switch"]')])].filter(isSwitchControl);
  const shown = candidates.slice(0, maxCandidates).map((control, index) => `${index + 1}: ${describeCandidate(control, rule, lang)}`);
  return [
    `shape ${safePath(doc.location.pathname)} lang=${lang ?? '?'}`,
    `key on ${keyed.length}, key label ${keyLabel}, value arrived ${arrived ? 'yes' : 'no'}, ${candidates.length} switches`,
    ...shown,
  ].join('; ');
}
