import { labelMatches } from '../../shared/label-match';
import type { SettingLabels, SettingRule } from '../../shared/rules';

/**
 * The walk the design card names: settings home → Data privacy → the setting's row.
 * Each link is found by its target first (language-free), by its text in the page's language second.
 */

/** Rows on a category page link to individual settings pages. */
const settingsRowLinkSelector = 'a[href*="/mypreferences/"][href*="/settings/"]';

function pathOf(link: HTMLAnchorElement): string {
  try {
    return new URL(link.getAttribute('href') ?? '', link.ownerDocument.location?.href ?? 'https://www.linkedin.com/')
      .pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

function labelsFor(rule: SettingRule, lang: string | null, field: 'category' | 'row'): string[] {
  const own = lang ? rule.labels[lang as keyof SettingRule['labels']]?.[field] : undefined;
  if (own && own.length > 0) return own;
  return Object.values(rule.labels).flatMap((labels: SettingLabels | undefined) => labels?.[field] ?? []);
}

/** By text, a row may also be a button or an ARIA link that the app routes in script. */
const textLinkSelector = 'a[href], [role="link"], button';

function linkByTargetOrText(doc: Document, matchesTarget: (path: string) => boolean, labels: string[]): HTMLElement | null {
  const byTarget = [...doc.querySelectorAll<HTMLAnchorElement>('a[href]')].find((link) => matchesTarget(pathOf(link)));
  return byTarget ?? [...doc.querySelectorAll<HTMLElement>(textLinkSelector)].find((link) => labelMatches(link.textContent ?? '', labels)) ?? null;
}

export function findCategoryLink(doc: Document, rule: SettingRule, lang: string | null): HTMLElement | null {
  const target = rule.walk.categoryPath.replace(/\/+$/, '');
  return linkByTargetOrText(doc, (path) => path === target, labelsFor(rule, lang, 'category'));
}

export function findSettingRowLink(doc: Document, rule: SettingRule, lang: string | null): HTMLElement | null {
  return linkByTargetOrText(
    doc,
    (path) => path.includes(`/${rule.walk.rowLinkSegment}`),
    labelsFor(rule, lang, 'row'),
  );
}

/** A category page has rendered once it lists rows that link to settings pages. */
export function settingsRowsShown(doc: Document): number {
  return doc.querySelectorAll(settingsRowLinkSelector).length;
}

export function isSamePath(path: string, wanted: string): boolean {
  return path.replace(/\/+$/, '') === wanted.replace(/\/+$/, '');
}
