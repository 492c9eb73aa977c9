// Accounts, their server-side state, and the sessions that browser cookies map to (docs/linkedin.md §4).

import { randomBytes, randomInt } from 'node:crypto';
import { LABELS } from './labels';
import { SAVABLE_KEYS, AI_SETTING_KEY } from './site-map';
import type { SimAccount, SimAccountState, SimCookie } from './types';

export interface Session {
  /** HttpOnly, opaque, mapped to the account here only. */
  liAt: string;
  /** JSESSIONID without quotes; it is the CSRF token. */
  csrf: string;
  accountId: string;
}

const ONE_YEAR_S = 365 * 24 * 3600;

export class AccountStore {
  private readonly added = new Map<string, SimAccount>();
  private readonly states = new Map<string, SimAccountState>();
  private readonly sessions = new Map<string, Session>();

  add(account: SimAccount): void {
    if (!/^[a-z0-9-]{3,100}$/.test(account.id)) throw new Error(`Not a public identifier: ${account.id}`);
    if (!account.urn.startsWith('urn:li:fs_miniProfile:')) throw new Error(`Not a miniProfile URN: ${account.urn}`);
    this.added.set(account.id, { ...account });
    this.states.set(account.id, initialState(account));
  }

  get(id: string): SimAccountState {
    const state = this.states.get(id);
    if (!state) throw new Error(`The simulator has no account '${id}' (known: ${[...this.states.keys()].join(', ') || 'none'})`);
    return state;
  }

  find(id: string): SimAccountState | undefined {
    return this.states.get(id);
  }

  list(): SimAccountState[] {
    return [...this.states.values()];
  }

  /** Back to how each account was added; sessions stay valid. */
  reset(): void {
    for (const [id, account] of this.added) Object.assign(this.get(id), initialState(account));
  }

  startSession(accountId: string): Session {
    this.get(accountId);
    const session: Session = {
      liAt: `AQED${randomBytes(30).toString('base64url')}`,
      csrf: `ajax:${String(randomInt(1e9, 1e10 - 1))}${String(randomInt(1e9, 1e10 - 1))}`.slice(0, 24),
      accountId,
    };
    this.sessions.set(session.liAt, session);
    return session;
  }

  endSession(liAt: string): void {
    this.sessions.delete(liAt);
  }

  /** The session the request's cookies name, if any; an unknown or ended li_at is "signed out". */
  sessionFromCookies(cookies: ReadonlyMap<string, string>): Session | null {
    const liAt = cookies.get('li_at');
    const session = liAt === undefined ? undefined : this.sessions.get(liAt);
    return session && this.states.has(session.accountId) ? session : null;
  }
}

function initialState(account: SimAccount): SimAccountState {
  const otherSettings: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(SAVABLE_KEYS)) if (key !== AI_SETTING_KEY) otherSettings[key] = value;
  return {
    id: account.id,
    name: account.name,
    urn: account.urn,
    lang: account.lang,
    aiTraining: account.aiTraining ?? true,
    offered: account.offered ?? true,
    challenge: account.challenge ?? false,
    otherSettings,
  };
}

export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}

interface CookieSpec {
  name: string;
  value: string;
  domain: string;
  httpOnly: boolean;
}

/** LinkedIn's four sign-in cookies: li_at (HttpOnly), JSESSIONID (CSRF, JS-readable), liap, lang. */
function sessionCookieSpecs(session: Session, account: SimAccountState): CookieSpec[] {
  return [
    { name: 'li_at', value: session.liAt, domain: '.linkedin.com', httpOnly: true },
    { name: 'JSESSIONID', value: `"${session.csrf}"`, domain: '.www.linkedin.com', httpOnly: false },
    { name: 'liap', value: 'true', domain: '.linkedin.com', httpOnly: false },
    { name: 'lang', value: `v=2&lang=${LABELS[account.lang].locale}`, domain: '.linkedin.com', httpOnly: false },
  ];
}

export function sessionSetCookieHeaders(session: Session, account: SimAccountState): string[] {
  const expires = new Date(Date.now() + ONE_YEAR_S * 1000).toUTCString();
  return sessionCookieSpecs(session, account).map(
    (c) => `${c.name}=${c.value}; Domain=${c.domain}; Path=/; Expires=${expires}; Secure; SameSite=None${c.httpOnly ? '; HttpOnly' : ''}`,
  );
}

export function clearingSetCookieHeaders(): string[] {
  const past = new Date(0).toUTCString();
  return [
    ['li_at', '.linkedin.com'],
    ['JSESSIONID', '.www.linkedin.com'],
    ['liap', '.linkedin.com'],
  ].map(([name, domain]) => `${name}=; Domain=${domain}; Path=/; Expires=${past}; Secure; SameSite=None`);
}

export function sessionPlaywrightCookies(session: Session, account: SimAccountState): SimCookie[] {
  const expires = Math.floor(Date.now() / 1000) + ONE_YEAR_S;
  return sessionCookieSpecs(session, account).map((c) => ({
    name: c.name,
    value: c.value,
    domain: c.domain,
    path: '/',
    expires,
    httpOnly: c.httpOnly,
    secure: true,
    sameSite: 'None' as const,
  }));
}

/** The CSRF header may or may not carry JSESSIONID's quotes; LinkedIn's own client strips them. */
export function csrfMatches(session: Session, header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && value.replace(/^"|"$/g, '') === session.csrf;
}
