import { storeKeyOfCookieStoreId } from './cookie-store';

/**
 * LinkedIn's session in each cookie store, from the browser's cookie change events for its session cookie
 * (docs/linkedin.md §4): a sign-out removes `li_at`, a sign-in or an account switch replaces it. Only the
 * cookie's name, domain and store are looked at; its value is never read, kept or sent.
 */

/** LinkedIn's session cookie (HttpOnly: pages cannot see it, and neither does this code see its value). */
const sessionCookieName = 'li_at';

/** The part of a `cookies.onChanged` event this code reads; the cookie's value is not in it on purpose. */
export type SessionCookieEvent = { cookie: { name: string; domain: string; storeId: string } };

function isLinkedInDomain(domain: string): boolean {
  const host = domain.startsWith('.') ? domain.slice(1) : domain;
  return host === 'linkedin.com' || host.endsWith('.linkedin.com');
}

/**
 * The store whose LinkedIn session changed, or null when the event is about another cookie. Every change
 * counts, a replacement's two halves included: whatever the new session is, it has to prove its member again.
 */
export function sessionChangeIn(event: SessionCookieEvent): string | null {
  const { name, domain, storeId } = event.cookie;
  return name === sessionCookieName && isLinkedInDomain(domain) ? storeKeyOfCookieStoreId(storeId) : null;
}
