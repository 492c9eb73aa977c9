// Pages without a signed-in member: login, guest home, security checkpoint, help, not found.

import type { SimAccountState } from '../types';
import { documentHtml, esc } from './layout';

const CARD_CSS = `.card-page{max-width:420px;margin:64px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 2px 8px rgba(0,0,0,.1)}
.card-page button{width:100%;margin:6px 0;padding:10px;border-radius:24px;border:1px solid #0a66c2;background:#fff;color:#0a66c2;font-weight:600}
.card-page button.primary{background:#0a66c2;color:#fff}
.captcha{display:grid;grid-template-columns:repeat(3,60px);gap:4px;margin:12px 0}.captcha span{height:60px;background:#d0d7de;border-radius:4px}`;

/** The simulator has no passwords: each account is one button, as if its password had been typed. */
export function loginPage(accounts: readonly SimAccountState[], sessionRedirect: string | null): string {
  const redirectField = sessionRedirect ? `<input type="hidden" name="session_redirect" value="${esc(sessionRedirect)}">` : '';
  const buttons = accounts
    .map(
      (a) => `<form method="post" action="/uas/login-submit">
  <input type="hidden" name="account" value="${esc(a.id)}">${redirectField}
  <button type="submit" class="primary">Sign in as ${esc(a.name)}</button>
</form>`,
    )
    .join('\n');
  const body = `<main class="card-page">
  <h1>Sign in</h1>
  <p>Stay updated on your professional world.</p>
  ${buttons || '<p>No accounts exist in this simulator.</p>'}
</main>`;
  return documentHtml({ lang: 'en', title: 'LinkedIn Login, Sign in | LinkedIn', body, css: CARD_CSS });
}

export function guestHomePage(): string {
  const body = `<main class="card-page"><h1>Welcome to your professional community</h1><p><a href="/login">Sign in</a></p></main>`;
  return documentHtml({ lang: 'en', title: 'LinkedIn: Log In or Sign Up', body, css: CARD_CSS });
}

export function checkpointPage(account: SimAccountState, sessionRedirect: string): string {
  const body = `<main class="card-page">
  <h1>Let’s do a quick security check</h1>
  <p>${esc(account.name)}, we noticed unusual activity. Select all squares with traffic lights.</p>
  <div class="captcha" role="group" aria-label="Security puzzle">${'<span></span>'.repeat(9)}</div>
  <form method="post" action="/checkpoint/challenge/verify">
    <input type="hidden" name="session_redirect" value="${esc(sessionRedirect)}">
    <button type="submit" class="primary">Verify</button>
  </form>
</main>`;
  return documentHtml({ lang: 'en', title: 'Security Verification | LinkedIn', body, css: CARD_CSS });
}

export function helpPage(path: string): string {
  const body = `<main class="card-page"><h1>LinkedIn Help</h1><p>${esc(path)}</p><p><a href="/feed/">LinkedIn.com</a></p></main>`;
  return documentHtml({ lang: 'en', title: 'LinkedIn Help', body, css: CARD_CSS });
}

export function notFoundPage(): string {
  const body = `<main class="card-page"><h1>Page not found</h1><p><a href="/feed/">Go to your feed</a></p></main>`;
  return documentHtml({ lang: 'en', title: 'Page Not Found | LinkedIn', body, css: CARD_CSS });
}
