import { isAccountKey } from '../../shared/account-key';
import type { AccountIdentity } from '../../shared/outcome';

/**
 * Who is signed in, from what the page shows (linkedin-facts.md §4). Cookies are never read:
 * `li_at` is HttpOnly and `JSESSIONID` is a CSRF token.
 */

/** The member's own profile link lives in the page header (global nav "Me" menu, settings header). */
const ownProfileLinkSelector = 'header a[href*="/in/"]';
/** The nav photo's alt text is the member's full name. */
const headerPhotoSelector = 'header img[alt]';
/** Older pages embed JSON islands with the viewer's mini profile. */
const dataIslandSelector = 'code[id^="bpr-guid-"]';

function publicIdFromHref(href: string, base: string): string | null {
  try {
    const [first, raw] = new URL(href, base).pathname.split('/').slice(1);
    if (first !== 'in' || !raw) return null;
    const key = decodeURIComponent(raw);
    return isAccountKey(key) ? key : null;
  } catch {
    return null;
  }
}

function headerName(doc: Document): string {
  for (const image of doc.querySelectorAll<HTMLImageElement>(headerPhotoSelector)) {
    const alt = image.alt.trim();
    if (alt && alt.length <= 120 && !/linkedin/i.test(alt)) return alt;
  }
  return '';
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

/** Only an island that names exactly one member can be trusted to be the viewer, not a viewed profile. */
function identityFromDataIslands(doc: Document): AccountIdentity | null {
  const profiles = new Map<string, MiniProfile>();
  for (const island of doc.querySelectorAll(dataIslandSelector)) {
    try {
      for (const profile of miniProfiles(JSON.parse(island.textContent ?? ''))) {
        profiles.set(String(profile.publicIdentifier), profile);
      }
    } catch {
      // Islands that are not JSON are not ours to read.
    }
  }
  if (profiles.size !== 1) return null;
  const [profile] = profiles.values();
  const key = profile?.publicIdentifier;
  const name = [profile?.firstName, profile?.lastName].filter((part) => typeof part === 'string').join(' ');
  return typeof key === 'string' && isAccountKey(key) ? { key, name: name.slice(0, 200) || key } : null;
}

export function identifyAccount(doc: Document): AccountIdentity | null {
  const base = doc.location?.href ?? 'https://www.linkedin.com/';
  for (const link of doc.querySelectorAll<HTMLAnchorElement>(ownProfileLinkSelector)) {
    const key = publicIdFromHref(link.getAttribute('href') ?? '', base);
    if (key) return { key, name: headerName(doc) || key };
  }
  return identityFromDataIslands(doc);
}
