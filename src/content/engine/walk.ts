import { isKnownLabel } from '../../shared/rules/label-match';
import type { SettingRule } from '../../shared/rules/rule-schema';
import { labelsFor } from './find-toggle';
import { linkedInOrigin, linkedInPath } from './linkedin-path';

/**
 * The walk through LinkedIn's settings app: settings home → Data privacy → the setting's row.
 * Each link is found by its target first (language-free), by its exact label in the page's language second.
 */

/** The paths of LinkedIn's settings app, current and legacy (docs/linkedin.md, "Addresses"). */
export const settingsAppPaths = ['/mypreferences/', '/psettings/'] as const;
/** Members' own content on any page: posts, comments, messages, editors, overlays. Never walked through. */
const pageContentSelector = 'article, [role="article"], [role="feed"], [role="comment"], [role="log"], [contenteditable]:not([contenteditable="false"]), dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"]';
/** Rows on a category page link to individual settings pages. */
const settingsRowLinkSelector = 'a[href*="/mypreferences/"][href*="/settings/"]';
/** By text, a row may also be a button or an ARIA link that the app routes in script. */
const textLinkSelector = 'a[href], [role="link"], button';

export function isSettingsAppPath(path: string): boolean {
  return settingsAppPaths.some((prefix) => path.startsWith(prefix));
}


export type WalkChoices = {
  /** Anchors whose target is in the settings app, with that target's path. */
  links: Array<{ link: HTMLAnchorElement; path: string }>;
  /** Links and buttons that may be chosen by their exact label. */
  labelled: HTMLElement[];
};

/**
 * Promise: the walk clicks only links and buttons of LinkedIn's settings app: only on a page of the
 * settings app, never inside page content (posts, comments, messages, dialogs), and by target only
 * anchors that stay on www.linkedin.com under the settings paths. On any other page there is nothing
 * to click (null).
 */
export function walkOnlyThroughSettings(doc: Document): WalkChoices | null {
  if (!isSettingsAppPath(doc.location?.pathname ?? '')) return null;
  const outsideContent = (element: Element) => element.closest(pageContentSelector) === null;
  const links = [...doc.querySelectorAll<HTMLAnchorElement>('a[href]')].filter(outsideContent).flatMap((link) => {
    const path = linkedInPath(link.getAttribute('href') ?? '', doc.location?.href ?? `${linkedInOrigin}/`);
    return path !== null && isSettingsAppPath(path) ? [{ link, path: path.replace(/\/+$/, '') }] : [];
  });
  const inSettings = new Set<Element>(links.map(({ link }) => link));
  const labelled = [...doc.querySelectorAll<HTMLElement>(textLinkSelector)]
    .filter(outsideContent)
    // An anchor counts by text only when its target is in the settings app too.
    .filter((element) => element.tagName !== 'A' || inSettings.has(element));
  return { links, labelled };
}

/** The element's own text, without its child elements' (a row's label beside its value). */
function ownText(element: Element): string {
  return [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join(' ');
}

/**
 * A row shows its label and its value ("… On ›"): the control's whole text, its own text, or the text of
 * one element inside it must be exactly the label.
 */
function carriesLabel(element: HTMLElement, labels: string[]): boolean {
  const parts = [element, ...element.querySelectorAll('*')];
  return parts.some((part) => isKnownLabel(part.textContent ?? '', labels) || isKnownLabel(ownText(part), labels));
}

function linkByTargetOrText(choices: WalkChoices | null, matchesTarget: (path: string) => boolean, labels: string[]): HTMLElement | null {
  if (!choices) return null;
  const byTarget = choices.links.find(({ path }) => matchesTarget(path))?.link;
  return byTarget ?? choices.labelled.find((element) => carriesLabel(element, labels)) ?? null;
}

export function findCategoryLink(doc: Document, rule: SettingRule, lang: string | null): HTMLElement | null {
  const target = rule.walk.categoryPath.replace(/\/+$/, '');
  return linkByTargetOrText(walkOnlyThroughSettings(doc), (path) => path === target, labelsFor(rule, lang, 'category'));
}

export function findSettingRowLink(doc: Document, rule: SettingRule, lang: string | null): HTMLElement | null {
  return linkByTargetOrText(
    walkOnlyThroughSettings(doc),
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
