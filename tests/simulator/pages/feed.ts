// The signed-in feed: global nav, ~50 posts by other people, and DOM churn from feed-churn.js.

import { LABELS } from '../labels';
import { AI_SETTING_PATH, CATEGORY_PREFIX, GUIDE_LINK_MARK } from '../site-map';
import type { SimAccountState, SimKnobs } from '../types';
import { documentHtml, esc, globalNavHtml, pageScripts, photoUrl } from './layout';
import { otherPerson } from './people';

const POST_COUNT = 50;

const POST_TEXTS = [
  'Thrilled to share that our team shipped the new onboarding flow today. Months of research, dozens of interviews, one small button.',
  'Hiring! We are looking for a senior backend engineer who enjoys boring, reliable systems. DM me.',
  'Three things I learned from running 100 customer interviews: listen more, pitch less, write everything down.',
  'Neue Studie zu hybriden Arbeitsmodellen: Teams mit festen Präsenztagen berichten von mehr Zusammenhalt.',
  'Après dix ans dans la finance, je me lance dans une nouvelle aventure. Merci à toutes les personnes qui m’ont accompagnée.',
  'Proud of my students who presented their capstone projects this week. The future is in good hands.',
  'Hot take: most meetings could be a well-written document. Most documents could be a table.',
];

function postHtml(index: number, lang: SimAccountState['lang']): string {
  const labels = LABELS[lang];
  const author = otherPerson(index * 3 + 1);
  const text = POST_TEXTS[index % POST_TEXTS.length] ?? '';
  const reactions = 12 + ((index * 97) % 900);
  return `<article class="feed-post" data-activity="urn:li:activity:${String(7200000000000000000n + BigInt(index * 7919))}">
  <div class="feed-post__actor">
    <a href="/in/${esc(author.id)}/"><img src="${photoUrl(author.id)}" alt="${esc(author.name)}" width="48" height="48"></a>
    <div>
      <a class="feed-post__name" href="/in/${esc(author.id)}/">${esc(author.name)}</a>
      <div class="feed-post__headline">${esc(author.headline)}</div>
      <time class="feed-post__time" data-minutes="${String(5 + index * 11)}">${String(5 + index * 11)}m</time>
    </div>
  </div>
  <p class="feed-post__text">${esc(text)}</p>
  <div class="feed-post__counts">${String(reactions)} · ${String(reactions % 40)} comments</div>
  <div class="feed-post__actions">
    <button type="button" aria-pressed="false">${esc(labels.like)}</button>
    <button type="button">${esc(labels.comment)}</button>
    <button type="button">${esc(labels.repost)}</button>
    <button type="button">${esc(labels.send)}</button>
  </div>
</article>`;
}

/**
 * Members' "how to opt out" posts (variant 'feed-guide'): the product's own words, in the member's language, and
 * links into the settings app. Page content, never a way in: each link carries GUIDE_LINK_MARK so a test sees it followed.
 */
function guidePostsHtml(lang: SimAccountState['lang']): string {
  const labels = LABELS[lang];
  const privacy = `${CATEGORY_PREFIX}privacy?${GUIDE_LINK_MARK}`;
  const setting = `${AI_SETTING_PATH}?${GUIDE_LINK_MARK}`;
  const guides = [
    `⚠️ ${labels.settingsMenu} → <a href="${esc(privacy)}">${esc(labels.dataPrivacy)}</a> → <a href="${esc(setting)}">${esc(labels.aiSettingRow)}</a> → “${esc(labels.aiToggleLabel)}”: ${esc(labels.off)}!`,
    `${esc(labels.aiToggleLabel)}? <a href="${esc(setting)}">${esc(labels.aiToggleLabel)}</a> · <a href="${esc(privacy)}">${esc(labels.howLinkedInUsesYourData)}</a>`,
  ];
  return guides
    .map((text, index) => {
      const author = otherPerson(index * 5 + 2);
      return `<article class="feed-post" data-activity="urn:li:activity:${String(7300000000000000000n + BigInt(index))}">
  <div class="feed-post__actor">
    <a href="/in/${esc(author.id)}/"><img src="${photoUrl(author.id)}" alt="${esc(author.name)}" width="48" height="48"></a>
    <div><a class="feed-post__name" href="/in/${esc(author.id)}/">${esc(author.name)}</a><div class="feed-post__headline">${esc(author.headline)}</div></div>
  </div>
  <p class="feed-post__text">${text}</p>
  <div class="feed-post__actions"><button type="button">${esc(labels.dataPrivacy)}</button><button type="button">${esc(labels.aiSettingRow)}</button></div>
</article>`;
    })
    .join('\n');
}

const FEED_CSS = `
.promo-strip{background:#fff3cd;padding:6px 24px;font-size:13px}
.skip-link{position:absolute;left:-9999px}.skip-link:focus{left:8px}
.feed-layout{display:grid;grid-template-columns:220px 560px 300px;gap:24px;justify-content:center;padding:24px}
.card{background:#fff;border-radius:8px;border:1px solid #e0dfdc;padding:12px}
.feed-post{background:#fff;border-radius:8px;border:1px solid #e0dfdc;padding:12px;margin-bottom:8px}
.feed-post__actor{display:flex;gap:8px}.feed-post__actor img{border-radius:50%}
.feed-post__name{font-weight:600;color:#1d1d1d}
.feed-post__headline,.feed-post__time,.feed-post__counts{color:#666;font-size:12px}
.feed-post__actions{display:flex;gap:8px;border-top:1px solid #eee;padding-top:6px}
.feed-post__actions button{border:0;background:none;color:#666;padding:8px}
.new-posts-pill{display:block;margin:0 auto 8px;border:0;border-radius:16px;background:#0a66c2;color:#fff;padding:6px 16px}
`;

export function feedPage(account: SimAccountState, knobs: Pick<SimKnobs, 'markup' | 'backgroundTraffic'>): string {
  const labels = LABELS[account.lang];
  const advertiser = otherPerson(0);
  const suggestions = [2, 5, 8].map((i) => otherPerson(i));
  const posts = Array.from({ length: POST_COUNT }, (_unused, i) => postHtml(i, account.lang)).join('\n');
  // The promo comes BEFORE the header: the first /in/ link on a LinkedIn page can be someone else's (docs/linkedin.md §4).
  const body = `<a class="skip-link" href="#main-feed">Skip to main content</a>
<div class="promo-strip" role="complementary">Promoted · <a href="/in/${esc(advertiser.id)}/">${esc(advertiser.name)}</a> is hiring: ${esc(advertiser.headline)}</div>
${globalNavHtml(account, knobs.markup)}
<div class="feed-layout">
  <aside class="card" aria-label="Profile">
    <img src="${photoUrl(account.id)}" alt="" width="64" height="64">
    <div class="me-menu__name">${esc(account.name)}</div>
  </aside>
  <main id="main-feed" aria-label="Feed">
    <div class="feed-new-posts-slot"></div>
    ${knobs.markup.includes('feed-guide') ? guidePostsHtml(account.lang) : ''}
    ${posts}
  </main>
  <aside class="card" aria-label="Add to your feed">
    <h2>Add to your feed</h2>
    ${suggestions.map((p) => `<div><a href="/in/${esc(p.id)}/">${esc(p.name)}</a><div class="feed-post__headline">${esc(p.headline)}</div></div>`).join('\n')}
  </aside>
</div>
<template id="new-posts-pill-text">${esc(labels.newPosts)}</template>`;
  return documentHtml({
    lang: account.lang,
    title: 'Feed | LinkedIn',
    body,
    css: FEED_CSS,
    scripts: pageScripts(knobs, ['/sim-static/global-nav.js', '/sim-static/feed-churn.js']),
  });
}
