// The settings-web shell: header and a busy <main>; /sim-static/settings-app.js renders the rest later (docs/linkedin.md §2).

import { hashClassesInHtml } from '../hashed-names';
import { LABELS, type PageLabels } from '../labels';
import type { SimAccountState, SimKnobs } from '../types';
import { documentHtml, esc, jsonForHtml, pageScripts, photoUrl } from './layout';
import { otherPerson } from './people';

export type AppKnobs = Pick<SimKnobs, 'renderDelayMs' | 'neverRender' | 'markup'>;

/** What the shell hands to the app in a JSON <script>, like LinkedIn's server-rendered bootstrap data. */
export interface SettingsBootstrap {
  labels: PageLabels;
  offered: boolean;
  absentSettings: readonly string[];
  buildSalt: string;
  knobs: AppKnobs;
}

/** GET /mysettings-api/settingsApiSettings: the app's own read of the member's values. */
export interface SettingsApiResponse {
  values: Record<string, boolean>;
  /** Simulator-only: live knobs, so in-app navigations follow `configure` without a reload. */
  simKnobs: AppKnobs;
}

const SETTINGS_CSS = `
body{background:#f4f2ee}
.settings-header{display:flex;align-items:center;gap:16px;padding:8px 24px;background:#fff;border-bottom:1px solid #e0dfdc}
.settings-header__logo{font-weight:700;font-size:22px;color:#fff;background:#0a66c2;border-radius:4px;padding:0 6px}
.settings-header__title{font-size:18px;font-weight:600}
.settings-header__back{margin-left:auto}
.settings-header__photo{width:32px;height:32px;border-radius:50%;display:block}
.settings-main{display:flex;gap:24px;max-width:1000px;margin:24px auto;min-height:300px}
.settings-spinner{margin:80px auto;width:32px;height:32px;border:4px solid #d0d7de;border-top-color:#0a66c2;border-radius:50%;animation:settings-spin 1s linear infinite}
@keyframes settings-spin{to{transform:rotate(360deg)}}
.settings-nav{width:240px;background:#fff;border-radius:8px;padding:8px 0;align-self:flex-start}
.settings-nav__link{display:block;padding:10px 16px;color:#1d1d1d}
.settings-nav__link[aria-current="page"]{border-left:3px solid #01754f;font-weight:600}
.settings-content{flex:1;background:#fff;border-radius:8px;padding:16px 24px}
.settings-section__title{font-size:20px}
.settings-row{display:flex;justify-content:space-between;padding:14px 0;border-top:1px solid #eee;color:#1d1d1d}
.settings-row__value{color:#666}
.setting-detail__back{display:inline-block;margin-bottom:8px}
.setting-detail__question{font-weight:600}
.setting-toggle{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:12px 0;border-top:1px solid #eee}
.setting-toggle__control{display:flex;align-items:center;gap:8px}
.setting-toggle__state{color:#666}
.setting-toggle__button{border:1px solid #666;border-radius:12px;padding:2px 12px;background:#fff}
.setting-toggle__button[aria-checked="true"]{background:#01754f;color:#fff;border-color:#01754f}
.setting-detail__help{color:#666;font-size:13px}
.setting-detail__error{color:#b24020;font-weight:600}
.artdeco-toggle{position:relative;display:inline-flex;align-items:center}
.artdeco-toggle__button{position:absolute;inset:0;opacity:0;margin:0;cursor:pointer}
.artdeco-toggle__label{display:inline-block;min-width:48px;padding:2px 10px;border-radius:12px;background:#666;color:#fff;text-align:center}
.artdeco-toggle__button:checked+.artdeco-toggle__label{background:#01754f}
.pymk{max-width:1000px;margin:8px auto 0;background:#fff;border-radius:8px;padding:8px 16px}
.pymk__header{display:flex;align-items:center;gap:16px}
.pymk__person img{border-radius:50%;vertical-align:middle}
.settings-modal{position:fixed;inset:0;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.6);z-index:10}
.settings-modal__dialog{background:#fff;border-radius:8px;padding:24px;max-width:520px}
`;

export function settingsShellPage(account: SimAccountState, knobs: Readonly<SimKnobs>, buildSalt: string): string {
  const labels = LABELS[account.lang];
  const bootstrap: SettingsBootstrap = {
    labels,
    offered: account.offered,
    absentSettings: account.absentSettings,
    buildSalt,
    knobs: { renderDelayMs: knobs.renderDelayMs, neverRender: knobs.neverRender, markup: [...knobs.markup] },
  };
  // 'no-identity' and 'other-member-header': the page does not show who is signed in (docs/linkedin.md §4: fragile signals).
  const showsMember = !knobs.markup.some((variant) => variant === 'no-identity' || variant === 'other-member-header');
  const me = showsMember
    ? `<a class="settings-header__me" href="${knobs.markup.includes('alias-links') ? '/in/me/' : `/in/${esc(account.id)}/`}"><img class="settings-header__photo" src="${photoUrl(account.id)}" alt="${esc(account.name)}" width="32" height="32"></a>`
    : '';
  const body = `<header class="settings-header">
  <a class="settings-header__logo" href="/feed/" aria-label="LinkedIn">in</a>
  <span class="settings-header__title">${esc(labels.settingsMenu)}</span>
  <a class="settings-header__back" href="/feed/">${esc(labels.backToLinkedIn)}</a>
  ${me}
</header>
${knobs.markup.includes('other-member-header') ? peopleYouMayKnow() : ''}
<main class="settings-main" aria-busy="true">
  <div class="settings-spinner" role="progressbar" aria-label="${esc(labels.loading)}"></div>
</main>
<script type="application/json" id="settings-web-bootstrap">${jsonForHtml(bootstrap)}</script>`;
  const html = documentHtml({
    lang: account.lang,
    title: `${labels.settingsMenu} | LinkedIn`,
    body,
    css: SETTINGS_CSS,
    scripts: pageScripts(knobs, ['/sim-static/settings-app.js']),
  });
  return knobs.markup.includes('hashed') ? hashClassesInHtml(html, buildSalt) : html;
}

/** Other members' profile links and photos inside a <header>: none of them is the viewer (variant 'other-member-header'). */
function peopleYouMayKnow(): string {
  const people = [3, 7, 11].map((index) => otherPerson(index));
  const cards = people
    .map((person) => `<a class="pymk__person" href="/in/${esc(person.id)}/"><img src="${photoUrl(person.id)}" alt="${esc(person.name)}" width="32" height="32"> ${esc(person.name)}</a>`)
    .join('\n    ');
  return `<aside class="pymk" aria-label="People you may know">
  <header class="pymk__header">
    <h2>People you may know</h2>
    ${cards}
  </header>
</aside>`;
}
