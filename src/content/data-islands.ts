import { memberKeyFrom } from '../shared/rules/account-key';
import { isRecord } from '../shared/validation/is-record';
import type { AccountIdentity } from '../shared/log/outcome';
import { topBarIdentity } from './engine/identify-account';

/**
 * Older LinkedIn pages (profiles) embed JSON islands; one of them is the page's own record of the member
 * signed in, typed `com.linkedin.voyager.common.Me` and pointing at that member's mini profile
 * (docs/linkedin.md §4). Only that record names the viewer: the other islands are about whom the page
 * shows (a profile's owner, a post's author) and never identify anyone signed in.
 */
const dataIslandSelector = 'code[id^="bpr-guid-"]';
/** The exact type of the page's record of the member signed in: a positive match, never a guess from what is absent. */
const viewerRecordType = 'com.linkedin.voyager.common.Me';

/** The member an island's own viewer record points at, looked up in the island's included entities. */
function viewerOf(island: unknown): AccountIdentity | null {
  if (!isRecord(island) || !isRecord(island.data) || island.data.$type !== viewerRecordType) return null;
  const urn = island.data['*miniProfile'];
  if (typeof urn !== 'string' || !Array.isArray(island.included)) return null;
  const profile = island.included.find((entity): entity is Record<string, unknown> => isRecord(entity) && entity.entityUrn === urn);
  const key = typeof profile?.publicIdentifier === 'string' ? memberKeyFrom(profile.publicIdentifier) : null;
  if (!profile || !key) return null;
  const name = [profile.firstName, profile.lastName]
    .map((part) => (typeof part === 'string' ? part.trim() : ''))
    .filter(Boolean)
    .join(' ');
  return { key, name: name.slice(0, 200) || key };
}

/** The viewer the page's own records name, when they all name the same one. */
function identityFromDataIslands(doc: Document): AccountIdentity | null {
  const viewers = new Map<string, AccountIdentity>();
  for (const island of doc.querySelectorAll(dataIslandSelector)) {
    try {
      const viewer = viewerOf(JSON.parse(island.textContent ?? ''));
      if (viewer) viewers.set(viewer.key, viewer);
    } catch {
      // Islands that are not JSON are not ours to read.
    }
  }
  const [only, ...more] = viewers.values();
  return more.length === 0 ? (only ?? null) : null;
}

/** The member a page outside the settings app shows: its own navigation, or else its own record of the viewer; never a guess. */
export function accountFromPage(doc: Document): AccountIdentity | null {
  const fromTopBar = topBarIdentity(doc);
  if (fromTopBar === 'ambiguous') return null;
  return fromTopBar ?? identityFromDataIslands(doc);
}
