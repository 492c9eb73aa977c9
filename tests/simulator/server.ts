// The simulator's HTTPS server: routing, sign-in gates, the settings API and the request/save logs.

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AccountStore,
  clearingSetCookieHeaders,
  csrfMatches,
  parseCookieHeader,
  type Session,
  sessionSetCookieHeaders,
} from './accounts';
import { clientBundles } from './client-bundle';
import { controlPage } from './pages/control';
import { feedPage } from './pages/feed';
import { profilePage } from './pages/profile';
import { type SettingsApiResponse, settingsShellPage } from './pages/settings-shell';
import { checkpointPage, guestHomePage, helpPage, loginPage, notFoundPage } from './pages/signed-out';
import { AI_SETTING_KEY, LATE_REQUEST_PATH, POLL_PATH, resolveSettingsRoute, SAVABLE_KEYS, SAVE_API_PREFIX, TRACKING_PATH } from './site-map';
import { MARKUP_VARIANTS, type MarkupVariant, type RequestRecord, type SaveRecord, type SimAccountState, type SimKnobs } from './types';

export const ORIGIN = 'https://www.linkedin.com';

/** LinkedIn forbids framing (X-Frame-Options and CSP frame-ancestors); the rest keeps pages off the network. */
const SECURITY_HEADERS = {
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

export interface ServerState {
  accounts: AccountStore;
  knobs: SimKnobs;
  saves: SaveRecord[];
  requests: RequestRecord[];
  buildSalt: string;
  /** Counts `reset()`s: a slow save that began before one must not land in the state after it. */
  generation: number;
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  session: Session | null;
  account: SimAccountState | null;
}

export function createRequestHandler(state: ServerState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', ORIGIN);
    const session = state.accounts.sessionFromCookies(parseCookieHeader(req.headers.cookie));
    const account = session ? state.accounts.get(session.accountId) : null;
    state.requests.push({ method: req.method ?? 'GET', path: url.pathname, url: url.pathname + url.search, account: account?.id ?? null, at: Date.now() });
    const exchange: Exchange = { req, res, url, session, account };
    void (async () => {
      if (state.knobs.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.knobs.latencyMs));
      await route(state, exchange);
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `simulator error: ${String(error)}`);
      else res.destroy();
    });
  };
}

async function route(state: ServerState, ex: Exchange): Promise<void> {
  const { req, url } = ex;
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (path.startsWith('/sim-static/')) return serveStatic(ex, path.slice('/sim-static/'.length));
  if (path === '/favicon.ico') return send(ex.res, 204, 'image/x-icon', '');
  if (path === '/__sim' || path.startsWith('/__sim/')) return control(state, ex, method);

  if (path === '/uas/login' || path === '/login') {
    const target = safeRedirect(url.searchParams.get('session_redirect'));
    if (ex.account) return redirect(ex.res, 302, target ?? '/feed/');
    return html(ex.res, loginPage(state.accounts.list(), target));
  }
  if (path === '/uas/login-submit' && method === 'POST') {
    const form = await readForm(req);
    const account = state.accounts.find(form.get('account') ?? '');
    if (!account) return redirect(ex.res, 303, '/uas/login');
    const session = state.accounts.startSession(account.id);
    return redirect(ex.res, 303, safeRedirect(form.get('session_redirect')) ?? '/feed/', sessionSetCookieHeaders(session, account));
  }
  if (path === '/m/logout/' || path === '/m/logout') {
    if (ex.session) state.accounts.endSession(ex.session.liAt);
    return redirect(ex.res, 302, '/uas/login', clearingSetCookieHeaders());
  }
  if (path.startsWith('/checkpoint/challenge/')) return checkpoint(state, ex, method);
  if (path.startsWith('/help/')) return html(ex.res, helpPage(path));
  if (path === '/') return ex.account ? redirect(ex.res, 302, '/feed/') : html(ex.res, guestHomePage());

  if (path.startsWith(SAVE_API_PREFIX)) return settingsApi(state, ex, method);
  if (path === TRACKING_PATH && method === 'POST') return (await readBody(req), send(ex.res, 204, 'text/plain', ''));
  if (path === POLL_PATH || path === LATE_REQUEST_PATH) return json(ex.res, 200, { elements: [] });

  // Everything below is auth-gated: signed out goes to the login page, a pending challenge to the checkpoint.
  const isGated = path === '/feed' || path.startsWith('/feed/') || path.startsWith('/in/') || path.startsWith('/mypreferences/') || path.startsWith('/psettings/') || path === '/mypreferences';
  if (!isGated) return send(ex.res, 404, 'text/html; charset=utf-8', notFoundPage());
  const member = gate(ex);
  if (!member) return;

  if (path === '/feed') return redirect(ex.res, 301, '/feed/');
  if (path === '/feed/') return html(ex.res, feedPage(member, state.knobs));
  if (path.startsWith('/in/')) {
    const id = decodeURIComponent(path.slice('/in/'.length).replace(/\/$/, ''));
    if (!path.endsWith('/')) return redirect(ex.res, 301, `/in/${encodeURIComponent(id)}/`);
    if (!/^[\w-]{3,100}$/.test(id)) return send(ex.res, 404, 'text/html; charset=utf-8', notFoundPage());
    return html(ex.res, profilePage(member, id, state.accounts.list(), state.knobs.markup));
  }
  // The legacy settings app hands over to the new one (❓ docs/linkedin.md §1).
  if (path.startsWith('/psettings/')) return redirect(ex.res, 302, '/mypreferences/d/');
  if (path.startsWith('/mypreferences/d')) {
    const settingsRoute = resolveSettingsRoute(path, { offered: member.offered, absentSettings: member.absentSettings, markup: state.knobs.markup });
    if (settingsRoute.kind === 'redirect') return redirect(ex.res, 302, settingsRoute.to);
    return html(ex.res, settingsShellPage(member, state.knobs, state.buildSalt));
  }
  return send(ex.res, 404, 'text/html; charset=utf-8', notFoundPage());
}

/** The signed-in member, or null after answering with the redirect LinkedIn would send. */
function gate(ex: Exchange): SimAccountState | null {
  const original = `${ORIGIN}${ex.url.pathname}${ex.url.search}`;
  if (!ex.account) {
    redirect(ex.res, 302, `/uas/login?session_redirect=${encodeURIComponent(original)}`);
    return null;
  }
  if (ex.account.challenge) {
    redirect(ex.res, 302, `/checkpoint/challenge/AgFxsOhN3V9kZQAAAZ${ex.account.id.length}t?session_redirect=${encodeURIComponent(original)}`);
    return null;
  }
  return ex.account;
}

async function checkpoint(state: ServerState, ex: Exchange, method: string): Promise<void> {
  if (!ex.account) return redirect(ex.res, 302, '/uas/login');
  if (ex.url.pathname === '/checkpoint/challenge/verify' && method === 'POST') {
    const form = await readForm(ex.req);
    ex.account.challenge = false;
    return redirect(ex.res, 303, safeRedirect(form.get('session_redirect')) ?? '/feed/');
  }
  const target = safeRedirect(ex.url.searchParams.get('session_redirect')) ?? '/feed/';
  if (!ex.account.challenge) return redirect(ex.res, 302, target);
  return html(ex.res, checkpointPage(ex.account, target));
}

async function settingsApi(state: ServerState, ex: Exchange, method: string): Promise<void> {
  const key = ex.url.pathname.slice(SAVE_API_PREFIX.length).replace(/^\//, '');
  if (method === 'PUT') {
    const body = await readBody(ex.req);
    const generation = state.generation;
    if (state.knobs.saveLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.knobs.saveLatencyMs));
    if (generation !== state.generation) return json(ex.res, 503, { status: 503 });
    let value: unknown;
    try {
      value = (JSON.parse(body) as { value?: unknown }).value;
    } catch {
      value = undefined;
    }
    const record = (result: SaveRecord['result']): void => {
      state.saves.push({ account: ex.account?.id ?? null, key, value, at: Date.now(), result });
    };
    if (!ex.session || !ex.account) return (record('rejected'), json(ex.res, 401, { status: 401 }));
    if (!csrfMatches(ex.session, ex.req.headers['csrf-token'])) return (record('rejected'), json(ex.res, 403, { status: 403, message: 'CSRF check failed' }));
    if (!(key in SAVABLE_KEYS) || typeof value !== 'boolean') return (record('rejected'), json(ex.res, 400, { status: 400 }));
    if (key === AI_SETTING_KEY && !ex.account.offered) return (record('rejected'), json(ex.res, 404, { status: 404 }));
    if (ex.account.absentSettings.includes(key)) return (record('rejected'), json(ex.res, 404, { status: 404 }));
    if (state.knobs.save === 'fail') return (record('failed'), json(ex.res, 500, { status: 500 }));
    if (state.knobs.save === 'revert') return (record('not-stored'), json(ex.res, 200, { value }));
    if (key === AI_SETTING_KEY) ex.account.aiTraining = value;
    else ex.account.otherSettings[key] = value;
    record('stored');
    return json(ex.res, 200, { value });
  }
  if (method === 'GET' && key === '') {
    if (!ex.session || !ex.account) return json(ex.res, 401, { status: 401 });
    if (!csrfMatches(ex.session, ex.req.headers['csrf-token'])) return json(ex.res, 403, { status: 403 });
    const values: Record<string, boolean> = Object.fromEntries(Object.entries(ex.account.otherSettings).filter(([key]) => !ex.account?.absentSettings.includes(key)));
    if (ex.account.offered) values[AI_SETTING_KEY] = ex.account.aiTraining;
    const { renderDelayMs, neverRender, markup } = state.knobs;
    const response: SettingsApiResponse = { values, simKnobs: { renderDelayMs, neverRender, markup: [...markup] } };
    return json(ex.res, 200, response);
  }
  return json(ex.res, 405, { status: 405 });
}

async function serveStatic(ex: Exchange, file: string): Promise<void> {
  const photo = /^photo\/([^/]+)\.svg$/.exec(file);
  if (photo) return send(ex.res, 200, 'image/svg+xml', avatarSvg(decodeURIComponent(photo[1] ?? '')), { 'cache-control': 'max-age=3600' });
  const script = /^([a-z-]+)\.js$/.exec(file);
  const code = script ? (await clientBundles()).get(script[1] ?? '') : undefined;
  if (code === undefined) return send(ex.res, 404, 'text/plain', 'not found');
  return send(ex.res, 200, 'text/javascript; charset=utf-8', code);
}

/** Initials on a coloured disc: no network, different per member. */
function avatarSvg(id: string): string {
  const initials = id.split('-').filter((part) => /^[a-z]/.test(part)).slice(0, 2).map((part) => part.charAt(0).toUpperCase()).join('');
  let hue = 0;
  for (const char of id) hue = (hue * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="hsl(${String(hue)},45%,45%)"/><text x="32" y="40" font-size="24" text-anchor="middle" fill="#fff" font-family="sans-serif">${initials}</text></svg>`;
}

async function control(state: ServerState, ex: Exchange, method: string): Promise<void> {
  const path = ex.url.pathname;
  if (method === 'GET' && (path === '/__sim' || path === '/__sim/')) {
    return html(ex.res, controlPage(state.accounts.list(), state.knobs, ex.account?.id ?? null));
  }
  if (method === 'GET' && path === '/__sim/state.json') {
    return json(ex.res, 200, { knobs: state.knobs, accounts: state.accounts.list(), saves: state.saves, requestCount: state.requests.length });
  }
  if (method !== 'POST') return send(ex.res, 404, 'text/plain', 'not found');
  const form = await readForm(ex.req);
  const account = state.accounts.find(form.get('account') ?? '');
  if (path === '/__sim/sign-in' && account) {
    return redirect(ex.res, 303, '/feed/', sessionSetCookieHeaders(state.accounts.startSession(account.id), account));
  }
  if (path === '/__sim/ai-training' && account) {
    account.aiTraining = form.get('on') === 'true';
    return redirect(ex.res, 303, '/__sim/');
  }
  if (path === '/__sim/knobs') {
    const save = form.get('save');
    state.knobs.renderDelayMs = Math.max(0, Number(form.get('renderDelayMs') ?? state.knobs.renderDelayMs) || 0);
    state.knobs.latencyMs = Math.max(0, Number(form.get('latencyMs') ?? state.knobs.latencyMs) || 0);
    state.knobs.neverRender = form.get('neverRender') === 'true';
    state.knobs.saveLatencyMs = Math.max(0, Number(form.get('saveLatencyMs') ?? state.knobs.saveLatencyMs) || 0);
    state.knobs.backgroundTraffic = form.get('backgroundTraffic') === 'true';
    if (save === 'ok' || save === 'fail' || save === 'revert') state.knobs.save = save;
    state.knobs.markup = form.getAll('markup').filter((v): v is MarkupVariant => (MARKUP_VARIANTS as readonly string[]).includes(v));
    return redirect(ex.res, 303, '/__sim/');
  }
  return send(ex.res, 400, 'text/plain', 'bad request');
}

/** Only same-site targets, as LinkedIn's session_redirect does; anything else falls back to the feed. */
function safeRedirect(target: string | null): string | null {
  if (!target) return null;
  try {
    const url = new URL(target, ORIGIN);
    return url.origin === ORIGIN ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': contentType, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

function html(res: ServerResponse, body: string): void {
  send(res, 200, 'text/html; charset=utf-8', body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function redirect(res: ServerResponse, status: 301 | 302 | 303, location: string, setCookies: string[] = []): void {
  const headers: Record<string, string | string[]> = { location };
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  send(res, status, 'text/html; charset=utf-8', '', headers);
}
