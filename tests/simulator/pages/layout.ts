// Shared HTML pieces: escaping, the document frame, LinkedIn's global nav with the "Me" menu.

import { LABELS } from '../labels';
import type { MarkupVariant, SimAccountState, SimKnobs, UiLanguage } from '../types';

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a <script> or <code> element: '<' escaped so no text can close the element. */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function photoUrl(id: string): string {
  return `/sim-static/photo/${encodeURIComponent(id)}.svg`;
}

/** A page's own scripts, plus LinkedIn's background requests when the knob asks for them. */
export function pageScripts(knobs: Pick<SimKnobs, 'backgroundTraffic'>, own: string[]): string[] {
  return knobs.backgroundTraffic ? [...own, '/sim-static/page-traffic.js'] : own;
}

export interface DocumentParts {
  lang: UiLanguage | 'en';
  title: string;
  body: string;
  css?: string;
  scripts?: string[];
}

export function documentHtml(parts: DocumentParts): string {
  const scripts = (parts.scripts ?? []).map((src) => `<script src="${esc(src)}"></script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${parts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(parts.title)}</title>
<style>${BASE_CSS}${parts.css ?? ''}</style>
</head>
<body>
${parts.body}
${scripts}
</body>
</html>`;
}

const BASE_CSS = `
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f2ee;color:#1d1d1d}
a{color:#0a66c2;text-decoration:none}a:hover{text-decoration:underline}
button{font:inherit;cursor:pointer}
.global-nav{position:sticky;top:0;z-index:5;display:flex;align-items:center;gap:16px;padding:4px 24px;background:#fff;border-bottom:1px solid #e0dfdc}
.global-nav__logo{font-weight:700;font-size:22px;color:#fff;background:#0a66c2;border-radius:4px;padding:0 6px}
.global-nav__search{padding:6px 10px;border:0;border-radius:4px;background:#edf3f8;width:240px}
.global-nav__items{display:flex;gap:18px;margin:0 0 0 auto;padding:0;list-style:none}
.global-nav__items a{color:#666;font-size:12px}
.global-nav__me{position:relative}
.global-nav__me-button{display:flex;flex-direction:column;align-items:center;border:0;background:none;color:#666;font-size:12px}
.global-nav__me-photo{width:24px;height:24px;border-radius:50%}
.me-menu{position:absolute;right:0;top:48px;width:260px;background:#fff;border-radius:8px;box-shadow:0 4px 12px rgba(0,0,0,.2);padding:12px}
.me-menu[hidden]{display:none}
.me-menu a{display:block;padding:6px 0}
.me-menu__name{font-weight:600}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;

export function globalNavHtml(account: SimAccountState, markup: readonly MarkupVariant[] = []): string {
  const labels = LABELS[account.lang];
  const profileHref = markup.includes('alias-links') ? '/in/me/' : `/in/${account.id}/`;
  // 'lazy-me-menu': the menu's content is rendered by the client when it is first opened (global-nav.ts).
  const menuContent = markup.includes('lazy-me-menu')
    ? ''
    : `
      <div class="me-menu__name">${esc(account.name)}</div>
      <a href="${esc(profileHref)}">${esc(labels.viewProfile)}</a>
      <hr>
      <a href="/mypreferences/d/">${esc(labels.settingsMenu)}</a>
      <a href="/help/linkedin">Help</a>
      <hr>
      <a href="/m/logout/">${esc(labels.signOut)}</a>
    `;
  // aria-label "<Name> Me" uses the UI language's word for "Me" (❓ facts only show the English form).
  return `<header class="global-nav" role="banner">
  <a class="global-nav__logo" href="/feed/" aria-label="LinkedIn">in</a>
  <input class="global-nav__search" type="search" placeholder="${esc(labels.search)}" aria-label="${esc(labels.search)}">
  <nav aria-label="Primary">
    <ul class="global-nav__items">
      <li><a href="/feed/">${esc(labels.home)}</a></li>
      <li><a href="/mynetwork/">${esc(labels.myNetwork)}</a></li>
      <li><a href="/jobs/">${esc(labels.jobs)}</a></li>
      <li><a href="/messaging/">${esc(labels.messaging)}</a></li>
      <li><a href="/notifications/">${esc(labels.notifications)}</a></li>
    </ul>
  </nav>
  <div class="global-nav__me">
    <button class="global-nav__me-button" type="button" aria-label="${esc(`${account.name} ${labels.me}`)}" aria-expanded="false" aria-controls="global-nav-me-menu">
      <img class="global-nav__me-photo" src="${photoUrl(account.id)}" alt="${esc(account.name)}" width="24" height="24">
      <span aria-hidden="true">${esc(labels.me)} ▾</span>
    </button>
    <div class="me-menu" id="global-nav-me-menu" data-profile="${esc(profileHref)}" data-name="${esc(account.name)}" hidden>${menuContent}</div>
  </div>
</header>`;
}
