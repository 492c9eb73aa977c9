import { memberKeyFrom } from '../../shared/rules/account-key';
import { collapsed } from '../../shared/rules/label-match';
import type { AccountIdentity } from '../../shared/log/outcome';
import { linkedInOrigin, linkedInPath } from './linkedin-path';

/**
 * Who is signed in, from what the page shows (docs/linkedin.md, "Which account is signed in").
 * Cookies are never read: `li_at` is HttpOnly and `JSESSIONID` is a CSRF token.
 */

/** Candidates for the page's top bar: a top-level `<header>` (the banner landmark) or an explicit banner. */
const topBarSelector = 'header, [role="banner"]';
/**
 * Where a `<header>` is a post's, a card's, an overlay's or a dialog's, not the page's: HTML gives such
 * headers no banner role, and other members' profile links live there (post authors, "people also viewed").
 */
const notTopBarSelector =
  'article, aside, main, nav, section, footer, [role="article"], [role="complementary"], [role="main"], [role="region"], [role="feed"], [role="contentinfo"], [role="dialog"], [role="alertdialog"], [aria-modal="true"], dialog';
/** Posts and cards that a top bar could still hold (a promoted post, a notification preview). */
const contentSelector = 'article, [role="article"], [role="feed"], [role="comment"]';
/** Inside the top bar, the member's own profile link: in the "Me" menu or around the member's photo. */
const profileLinkSelector = 'a[href*="/in/"]';
/** The nav photo's alt text is the member's full name. */
const photoSelector = 'img[alt]';
/** What the "Me" control can be: the global nav's button that opens the member's own menu. */
const controlSelector = 'button, a, [role="button"]';
/** The page's main content, which the settings app's own header comes before. */
const mainContentSelector = 'main, [role="main"]';
/** LinkedIn's home, where the logo of every own navigation bar links to. */
const homePaths = new Set(['/', '/feed/', '/feed']);

function publicIdFromHref(href: string, base: string): string | null {
  const [first, raw] = linkedInPath(href, base)?.split('/').slice(1) ?? [];
  if (first !== 'in' || !raw) return null;
  try {
    return memberKeyFrom(decodeURIComponent(raw));
  } catch {
    return null;
  }
}

/** Headers that are not part of a post, card, aside, overlay or dialog: only candidates, not yet proof. */
function topBars(doc: Document): Element[] {
  return [...doc.querySelectorAll(topBarSelector)].filter((bar) => !bar.parentElement?.closest(notTopBarSelector));
}

/** An element's name as assistive technology reads it: `aria-label`, else its text with images' alt, minus hidden parts. */
function readName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label && label.trim()) return collapsed(label);
  const parts: string[] = [];
  const collect = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return;
    if (node.tagName === 'IMG') parts.push(` ${node.getAttribute('alt') ?? ''} `);
    else node.childNodes.forEach(collect);
  };
  element.childNodes.forEach(collect);
  return collapsed(parts.join(''));
}

/**
 * The global nav's "Me" control: a menu trigger holding the member's photo, whose name is the photo's alt
 * (the member's name) followed by one word, the interface language's "Me" ("Jana Schmidt Me", "Jana
 * Schmidt Sie"). Language-free.
 */
function isMeControl(control: Element): boolean {
  if (!['aria-expanded', 'aria-haspopup', 'aria-controls'].some((opensMenu) => control.hasAttribute(opensMenu))) return false;
  const name = readName(control);
  for (const photo of control.querySelectorAll<HTMLImageElement>(photoSelector)) {
    const memberName = collapsed(photo.alt);
    if (!memberName || !name.startsWith(`${memberName} `)) continue;
    const rest = name.slice(memberName.length).replace(/[^\p{L}\p{M}\s]/gu, '').trim();
    if (/^[\p{L}\p{M}]{1,20}$/u.test(rest)) return true;
  }
  return false;
}

/** LinkedIn's logo: a link to LinkedIn's home, not inside a post or card the bar holds. */
function linksHome(bar: Element, base: string): boolean {
  return [...bar.querySelectorAll('a[href]')].some(
    (link) => !inContentOf(bar, link) && homePaths.has(linkedInPath(link.getAttribute('href') ?? '', base) ?? ''),
  );
}

function inContentOf(bar: Element, element: Element): boolean {
  return bar.contains(element.closest(contentSelector));
}

/**
 * Proof that a top bar is the signed-in member's own navigation (the global nav, or the settings app's own
 * header), not a header that merely sits at the top level (a messaging overlay, a redesigned card): it is
 * the page's first top bar, ahead of the page's main content, and it holds the "Me" control or LinkedIn's
 * logo linking home. Anything else proves nobody: "account not confirmed" is safe, a wrong member is not.
 */
function provesOwnNavigation(bar: Element, doc: Document, base: string): boolean {
  const main = doc.querySelector(mainContentSelector);
  if (main && !(bar.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
  return linksHome(bar, base) || [...bar.querySelectorAll(controlSelector)].some((control) => !inContentOf(bar, control) && isMeControl(control));
}

/** The page's first top bar, when it proves that it is the member's own navigation; a later header never does. */
function ownNavigationBar(doc: Document, base: string): Element | null {
  const [firstBar] = topBars(doc);
  return firstBar && provesOwnNavigation(firstBar, doc, base) ? firstBar : null;
}

function photoName(bar: Element): string {
  for (const image of bar.querySelectorAll<HTMLImageElement>(photoSelector)) {
    const alt = image.alt.trim();
    if (alt && alt.length <= 120 && !/linkedin/i.test(alt) && !inContentOf(bar, image)) return alt;
  }
  return '';
}

/** Profile links in the member's own navigation; links inside a post or card that sits in it do not count. */
export function topBarIdentity(doc: Document): AccountIdentity | null | 'ambiguous' {
  const base = doc.location?.href ?? `${linkedInOrigin}/`;
  const bar = ownNavigationBar(doc, base);
  if (!bar) return null;
  const keys = new Set<string>();
  for (const link of bar.querySelectorAll<HTMLAnchorElement>(profileLinkSelector)) {
    if (inContentOf(bar, link)) continue;
    const key = publicIdFromHref(link.getAttribute('href') ?? '', base);
    if (key) keys.add(key);
  }
  if (keys.size > 1) return 'ambiguous';
  const [key] = keys;
  return key ? { key, name: photoName(bar) || key } : null;
}

/**
 * Promise: the account comes only from the signed-in member's own navigation: profile links in the page's
 * top bar once it proves it is the member's own (`provesOwnNavigation`: first, ahead of the main content,
 * holding the "Me" control or LinkedIn's logo), all naming the same member. Never from the first profile
 * link on a page, never from a post, card, aside, overlay or dialog, never from a header that is merely at
 * the top level. Keys are lowercase (LinkedIn's public ids ignore case). The engine knows no other source:
 * a click is filed only under the member the settings app's own header shows.
 */
export function accountFromOwnNavigation(doc: Document): AccountIdentity | null {
  const fromTopBar = topBarIdentity(doc);
  return fromTopBar === 'ambiguous' ? null : fromTopBar;
}
