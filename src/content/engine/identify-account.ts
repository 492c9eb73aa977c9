import { accountKeyFrom } from '../../shared/account-key';
import type { AccountIdentity } from '../../shared/outcome';

/**
 * Who is signed in, from what the page shows (docs/linkedin.md, "Which account is signed in").
 * Cookies are never read: `li_at` is HttpOnly and `JSESSIONID` is a CSRF token.
 */

/** The page's top bar: a top-level `<header>` (the banner landmark) or an explicit banner. */
const topBarSelector = 'header, [role="banner"]';
/**
 * Where a `<header>` is a post's, a card's or a dialog's, not the page's: HTML gives such headers no
 * banner role, and other members' profile links live there (post authors, "people also viewed").
 */
const notTopBarSelector = 'article, aside, main, nav, section, [role="article"], [role="complementary"], [role="main"], [role="region"], [role="feed"], [role="dialog"], dialog';
/** Posts and cards that a top bar could still hold (a promoted post, a notification preview). */
const contentSelector = 'article, [role="article"], [role="feed"], [role="comment"]';
/** Inside the top bar, the member's own profile link: in the "Me" menu or around the member's photo. */
const profileLinkSelector = 'a[href*="/in/"]';
/** The nav photo's alt text is the member's full name. */
const photoSelector = 'img[alt]';
/** Older pages embed JSON islands with the viewer's mini profile. */
const dataIslandSelector = 'code[id^="bpr-guid-"]';

function publicIdFromHref(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    const [first, raw] = url.pathname.split('/').slice(1);
    if (url.origin !== 'https://www.linkedin.com' || first !== 'in' || !raw) return null;
    return accountKeyFrom(decodeURIComponent(raw));
  } catch {
    return null;
  }
}

/** The page's own top bars: headers that are not part of a post, card, aside or dialog. */
function topBars(doc: Document): Element[] {
  return [...doc.querySelectorAll(topBarSelector)].filter((bar) => !bar.parentElement?.closest(notTopBarSelector));
}

function photoName(bars: Element[]): string {
  for (const bar of bars) {
    for (const image of bar.querySelectorAll<HTMLImageElement>(photoSelector)) {
      const alt = image.alt.trim();
      if (alt && alt.length <= 120 && !/linkedin/i.test(alt)) return alt;
    }
  }
  return '';
}

/** Own profile links in the top bar; links inside a post or card that sits in the bar do not count. */
function topBarIdentity(doc: Document): AccountIdentity | null | 'ambiguous' {
  const base = doc.location?.href ?? 'https://www.linkedin.com/';
  const bars = topBars(doc);
  const keys = new Set<string>();
  for (const bar of bars) {
    for (const link of bar.querySelectorAll<HTMLAnchorElement>(profileLinkSelector)) {
      if (bar.contains(link.closest(contentSelector))) continue;
      const key = publicIdFromHref(link.getAttribute('href') ?? '', base);
      if (key) keys.add(key);
    }
  }
  if (keys.size > 1) return 'ambiguous';
  const [key] = keys;
  return key ? { key, name: photoName(bars) || key } : null;
}

type MiniProfile = { publicIdentifier?: unknown; firstName?: unknown; lastName?: unknown; entityUrn?: unknown };

function miniProfiles(value: unknown, found: MiniProfile[] = [], depth = 0): MiniProfile[] {
  if (depth > 6 || typeof value !== 'object' || value === null) return found;
  const candidate = value as MiniProfile;
  if (typeof candidate.publicIdentifier === 'string' && String(candidate.entityUrn).includes('miniProfile')) {
    found.push(candidate);
  }
  for (const child of Object.values(value)) miniProfiles(child, found, depth + 1);
  return found;
}

/** Only islands that together name exactly one member can be trusted to be the viewer, not a viewed profile. */
function identityFromDataIslands(doc: Document): AccountIdentity | null {
  const profiles = new Map<string, MiniProfile>();
  for (const island of doc.querySelectorAll(dataIslandSelector)) {
    try {
      for (const profile of miniProfiles(JSON.parse(island.textContent ?? ''))) {
        const key = typeof profile.publicIdentifier === 'string' ? accountKeyFrom(profile.publicIdentifier) : null;
        profiles.set(key ?? `unreadable:${String(profile.publicIdentifier)}`, profile);
      }
    } catch {
      // Islands that are not JSON are not ours to read.
    }
  }
  if (profiles.size !== 1) return null;
  const [[key, profile]] = [...profiles.entries()] as [[string, MiniProfile]];
  if (key.startsWith('unreadable:')) return null;
  const name = [profile.firstName, profile.lastName].filter((part) => typeof part === 'string').join(' ');
  return { key, name: name.slice(0, 200) || key };
}

/**
 * Promise: the account comes only from the signed-in member's own navigation: profile links in the
 * page's top bar (the global nav and its "Me" menu, or the settings app's header), all naming the same
 * member, or else data islands naming exactly one member. Never from the first profile link on a page,
 * never from a post, card, aside or dialog. Keys are lowercase (LinkedIn's public ids ignore case).
 */
export function accountFromOwnNavigation(doc: Document): AccountIdentity | null {
  const fromTopBar = topBarIdentity(doc);
  if (fromTopBar === 'ambiguous') return null;
  return fromTopBar ?? identityFromDataIslands(doc);
}
