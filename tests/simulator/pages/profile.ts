// /in/<id>/: a profile page with the older <code id="bpr-guid-…"> JSON islands (docs/linkedin.md §4).

import type { MarkupVariant, SimAccountState } from '../types';
import { documentHtml, esc, globalNavHtml, jsonForHtml, photoUrl } from './layout';
import { fakeUrn, OTHER_PEOPLE } from './people';

interface MiniProfile {
  id: string;
  name: string;
  urn: string;
  headline: string;
}

function miniProfileJson(person: MiniProfile): Record<string, unknown> {
  const [firstName, ...rest] = person.name.split(' ');
  return {
    $type: 'com.linkedin.voyager.identity.shared.MiniProfile',
    publicIdentifier: person.id,
    entityUrn: person.urn,
    firstName: firstName ?? '',
    lastName: rest.join(' '),
    occupation: person.headline,
    trackingId: 'a1B2c3D4e5F6g7H8i9J0kA==',
  };
}

function island(guid: number, payload: unknown): string {
  return `<code id="bpr-guid-${String(guid)}" style="display:none">${esc(jsonForHtml(payload))}</code>`;
}

/** `owner` is whose profile it is; `others` are simulator accounts, so one member can view another's page. */
export function profilePage(viewer: SimAccountState, ownerId: string, others: readonly SimAccountState[], markup: readonly MarkupVariant[] = []): string {
  const ownerAccount = others.find((a) => a.id === ownerId);
  const stranger = OTHER_PEOPLE.find((p) => p.id === ownerId);
  const owner: MiniProfile = ownerAccount
    ? { id: ownerAccount.id, name: ownerAccount.name, urn: ownerAccount.urn, headline: 'Member' }
    : stranger
      ? { ...stranger, urn: fakeUrn(stranger.id) }
      : { id: ownerId, name: ownerId.split('-').filter((w) => !/^\d+$/.test(w)).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') || 'LinkedIn Member', urn: fakeUrn(ownerId), headline: '' };
  const viewerProfile: MiniProfile = { id: viewer.id, name: viewer.name, urn: viewer.urn, headline: 'Member' };
  const isOwn = owner.id === viewer.id;
  // On someone else's profile the first island is theirs; only the "me" island names the viewer.
  const islands = [
    ...(isOwn ? [] : [island(1187, { data: { '*elements': [owner.urn] }, included: [miniProfileJson(owner)] })]),
    // 'no-viewer-record': a page whose only island is the owner's (a redesign, a logged-out render of it).
    ...(markup.includes('no-viewer-record')
      ? []
      : [
          island(1234, {
            data: { $type: 'com.linkedin.voyager.common.Me', '*miniProfile': viewer.urn, plainId: 100000 + viewer.id.length * 7 },
            included: [miniProfileJson(viewerProfile)],
          }),
        ]),
  ].join('\n');
  const body = `${globalNavHtml(viewer, markup)}
<main class="profile" style="max-width:800px;margin:24px auto;background:#fff;border-radius:8px;padding:24px">
  <img src="${photoUrl(owner.id)}" alt="${esc(owner.name)}" width="120" height="120" style="border-radius:50%">
  <h1>${esc(owner.name)}</h1>
  <p>${esc(owner.headline)}</p>
  ${isOwn ? '<p><button type="button">Open to</button> <button type="button">Add profile section</button></p>' : '<p><button type="button">Connect</button> <button type="button">Message</button></p>'}
</main>
${islands}`;
  return documentHtml({ lang: viewer.lang, title: `${owner.name} | LinkedIn`, body, scripts: ['/sim-static/global-nav.js'] });
}
