import { accountKeyFrom } from '../shared/account-key';
import type { AccountIdentity } from '../shared/outcome';
import { topBarIdentity } from './engine/identify-account';

/**
 * Older LinkedIn pages (profiles) embed JSON islands with the viewer's mini profile (docs/linkedin.md §4).
 * They name the member for the page report outside the settings app only, where no click follows; the
 * engine files a click only under the member its own header shows.
 */
const dataIslandSelector = 'code[id^="bpr-guid-"]';

type MiniProfile = { publicIdentifier: string; firstName?: unknown; lastName?: unknown; entityUrn?: unknown };

function miniProfiles(value: unknown, found: MiniProfile[] = [], depth = 0): MiniProfile[] {
  if (depth > 6 || typeof value !== 'object' || value === null) return found;
  const candidate = value as Partial<MiniProfile>;
  if (typeof candidate.publicIdentifier === 'string' && String(candidate.entityUrn).includes('miniProfile')) {
    found.push(candidate as MiniProfile);
  }
  for (const child of Object.values(value)) miniProfiles(child, found, depth + 1);
  return found;
}

/** Only islands that together name exactly one member can be trusted to be the viewer, not a viewed profile. */
function identityFromDataIslands(doc: Document): AccountIdentity | null {
  /** By account key; null for identifiers that are not one, which makes the islands name nobody. */
  const profiles = new Map<string | null, MiniProfile>();
  for (const island of doc.querySelectorAll(dataIslandSelector)) {
    try {
      for (const profile of miniProfiles(JSON.parse(island.textContent ?? ''))) profiles.set(accountKeyFrom(profile.publicIdentifier), profile);
    } catch {
      // Islands that are not JSON are not ours to read.
    }
  }
  if (profiles.size !== 1) return null;
  const [[key, profile]] = [...profiles] as [[string | null, MiniProfile]];
  if (!key) return null;
  const name = [profile.firstName, profile.lastName]
    .map((part) => (typeof part === 'string' ? part.trim() : ''))
    .filter(Boolean)
    .join(' ');
  return { key, name: name.slice(0, 200) || key };
}

/** The member a page outside the settings app shows: its own navigation, or else islands naming exactly one member; never a guess. */
export function accountFromPage(doc: Document): AccountIdentity | null {
  const fromTopBar = topBarIdentity(doc);
  if (fromTopBar === 'ambiguous') return null;
  return fromTopBar ?? identityFromDataIslands(doc);
}
