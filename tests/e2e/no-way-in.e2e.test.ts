import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page, Request } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../harness/browser';
import { AI_SETTING_PATH, type RequestRecord, SAVE_API_PREFIX, type Simulator, startSimulator } from '../simulator';
import { recordReliability, type ReliabilityFigures } from '../tools/reliability-table';
import { account } from './support';

/**
 * Issue "reliability", part 3 "no way in": in real Chromium, pages on other sites cannot message or probe
 * the extension, malformed messages from its own pages change nothing, extension pages run no eval or
 * remote code, and a full opt-out sends nothing anywhere but www.linkedin.com.
 */

const member = account('jana-schmidt-4711');
const otherSite = 'other-site.example';
const figures: ReliabilityFigures = { outsiders: { attempts: [] } };

let simulator: Simulator;
let otherServer: Server;
let browser: LaunchedBrowser;
let extensionPage: Page;
let extensionId: string;

type Snapshot = { local: unknown; session: unknown; badge: string; title: string; pages: number };

async function snapshot(): Promise<Snapshot> {
  const state = await extensionPage.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
    badge: await chrome.action.getBadgeText({}),
    title: await chrome.action.getTitle({}),
  }));
  return { ...state, pages: browser.context.pages().length };
}

function outsider(name: string, blocked: boolean): void {
  figures.outsiders!.attempts.push({ name, blocked });
}

/** What a page's own scripts can do to reach or fingerprint the extension, from inside that page. */
function probeFromPage(page: Page, id: string) {
  return page.evaluate(async (id) => {
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } } }).chrome?.runtime;
    const result = { runtime: typeof runtime?.sendMessage, send: '', connect: '', fetch: '' };
    try {
      const answer = await (runtime as { sendMessage(id: string, message: unknown): Promise<unknown> }).sendMessage(id, { type: 'opt-out' });
      result.send = `delivered: ${JSON.stringify(answer)}`;
    } catch (error) {
      result.send = `failed: ${String(error)}`;
    }
    try {
      (runtime as { connect(id: string): unknown }).connect(id);
      result.connect = 'connected';
    } catch (error) {
      result.connect = `failed: ${String(error)}`;
    }
    try {
      // LinkedIn probes for installed extensions exactly like this (docs/linkedin.md, "Risks").
      const response = await fetch(`chrome-extension://${id}/manifest.json`);
      result.fetch = `read ${response.status}`;
    } catch (error) {
      result.fetch = `failed: ${String(error)}`;
    }
    return result;
  }, id);
}

function expectUnreachable(probe: Awaited<ReturnType<typeof probeFromPage>>): void {
  expect(probe.runtime).toBe('undefined');
  expect(probe.send).toMatch(/^failed: /);
  expect(probe.connect).toMatch(/^failed: /);
  expect(probe.fetch).toMatch(/^failed: /);
}

beforeAll(async () => {
  simulator = await startSimulator({ accounts: [member] });
  otherServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html><head><title>Another site</title></head><body><p>Not LinkedIn.</p></body></html>');
  });
  await new Promise<void>((resolve) => otherServer.listen(0, '127.0.0.1', resolve));
  const otherPort = (otherServer.address() as AddressInfo).port;
  browser = await launchBrowser({
    simulator,
    // Repeats the harness's rule (the last switch wins) with one more host: a second origin to attack from.
    args: [`--host-resolver-rules=MAP www.linkedin.com 127.0.0.1:${simulator.port}, MAP ${otherSite} 127.0.0.1:${otherPort}, MAP * ~NOTFOUND`],
  });
  extensionId = browser.extensionId!;
  extensionPage = await browser.openPopup();
  await browser.context.addCookies(simulator.signInCookies(member.id));
});

afterAll(async () => {
  recordReliability(figures);
  await browser?.close().catch(() => undefined);
  await simulator?.close().catch(() => undefined);
  await new Promise((resolve) => otherServer?.close(resolve));
});

describe('nothing leaves the browser but LinkedIn pages', () => {
  it('a full opt-out requests only https://www.linkedin.com/… and the extension itself', async () => {
    // Two views of the same run: Playwright's request events (pages and the service worker) and Chromium's
    // own net log, which also sees what Playwright can miss (the first load of a tab the extension opens).
    // Chromium itself calls Google (account list, updater) with or without any extension: a browser without
    // the extension runs alongside, for as long, and only what it also requested may appear besides LinkedIn.
    const folder = await mkdtemp(join(tmpdir(), 'linkedin-optout-netlog-'));
    const netLog = join(folder, 'net.json');
    const controlLog = join(folder, 'control.json');
    const control = await launchBrowser({ simulator, extensionDir: null, args: [`--log-net-log=${controlLog}`] });
    const watched = await launchBrowser({ simulator, args: [`--log-net-log=${netLog}`] });
    const seen: { url: string; fromServiceWorker: boolean }[] = [];
    let served: RequestRecord[] = [];
    try {
      watched.context.on('request', (request: Request) => void seen.push({ url: request.url(), fromServiceWorker: request.serviceWorker() !== null }));
      await watched.context.addCookies(simulator.signInCookies(member.id));
      const popup = await watched.openPopup();
      simulator.reset();
      expect(await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'opt-out' }))).toMatchObject({ ok: true });
      await expect
        .poll(() => popup.evaluate(async () => (await chrome.storage.session.get('lastResult')).lastResult as { outcome: { kind: string } } | undefined), { timeout: 60_000 })
        .toMatchObject({ outcome: { kind: 'turned-off' } });
      served = [...simulator.requests];
    } finally {
      await watched.close();
      await control.close();
    }
    const urlsIn = async (file: string) => [...(await readFile(file, 'utf8')).matchAll(/"url":"([^"]+)"/g)].map((match) => match[1]!);
    const withoutQuery = (url: string) => url.replace(/[?#].*$/, '');
    const logged = await urlsIn(netLog);
    const browserOwn = new Set((await urlsIn(controlLog)).map(withoutQuery));
    await rm(folder, { recursive: true, force: true });
    const allowed = /^(https:\/\/www\.linkedin\.com\/|chrome-extension:\/\/[a-p]{32}\/)/;
    const everything = [...seen.map((request) => request.url), ...logged];
    // What pages and the service worker asked for (Playwright's view) may go nowhere else at all.
    const outsideFromExtension = seen.filter((request) => !allowed.test(request.url)).map((request) => request.url);
    const outside = [...new Set(everything.filter((url) => !allowed.test(url) && !browserOwn.has(withoutQuery(url))))];
    // What the opt-out itself asked LinkedIn for, as LinkedIn's server counted it. The page's own scripts,
    // images and telemetry vary with timing, and Playwright can miss a tab's first load: neither is counted.
    const servedCount = (method: string, path: string) => served.filter((request) => request.method === method && request.path === path).length;
    figures.requests = {
      pageLoads: servedCount('GET', AI_SETTING_PATH),
      valueReads: servedCount('GET', SAVE_API_PREFIX),
      saves: served.filter((request) => request.method === 'PUT' && request.path.startsWith(`${SAVE_API_PREFIX}/`)).length,
      fromServiceWorker: seen.filter((request) => request.fromServiceWorker).length,
      outsideLinkedIn: outside.length + outsideFromExtension.length,
      hosts: [...new Set(everything.filter((url) => !browserOwn.has(withoutQuery(url))).map((url) => new URL(url).host))].sort(),
      browserOwn: [...new Set([...browserOwn].map((url) => new URL(url).host))].sort(),
    };
    // The run really went through the network watched: the net log saw both loads of the setting and the save.
    expect(logged.filter((url) => url === `https://www.linkedin.com${AI_SETTING_PATH}`).length).toBeGreaterThanOrEqual(2);
    expect(simulator.saves).toHaveLength(1);
    expect(seen.length).toBeGreaterThan(0);
    expect(outsideFromExtension).toEqual([]);
    expect(outside).toEqual([]);
  });
});

describe('pages on other sites cannot reach the extension', () => {
  it(`a page on http://${otherSite} can neither message nor fetch nor frame the extension`, async () => {
    const before = await snapshot();
    const page = await browser.context.newPage();
    await page.goto(`http://${otherSite}/`);
    // The second origin really is another site, served and rendered.
    expect(await page.title()).toBe('Another site');
    const probe = await probeFromPage(page, extensionId);
    expectUnreachable(probe);
    outsider(`Page on another origin: chrome.runtime.sendMessage / connect to the extension`, probe.send.startsWith('failed') && probe.connect.startsWith('failed'));
    outsider(`Page on another origin: fetch chrome-extension://<id>/manifest.json (extension probing)`, probe.fetch.startsWith('failed'));

    // Framing the popup: blocked, since nothing is web-accessible.
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
      return new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    }, browser.extensionUrl('popup/popup.html'));
    const child = page.frames().find((frame) => frame !== page.mainFrame());
    expect(child).toBeDefined();
    const framed = await child!.evaluate(() => ({ url: location.href, runtime: typeof (globalThis as { chrome?: { runtime?: unknown } }).chrome?.runtime, actions: document.querySelectorAll('[data-action]').length })).catch((error: unknown) => ({ url: child!.url(), runtime: 'unreachable', actions: 0, error: String(error) }));
    expect(framed.url.startsWith('chrome-extension://')).toBe(false);
    expect(framed.actions).toBe(0);
    outsider('Page on another origin: the popup in an iframe', framed.actions === 0);
    await page.close();
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['a data: page', 'data:text/html,<title>data page</title><p>data</p>'],
    ['about:blank', 'about:blank'],
  ])('%s can neither message nor fetch the extension', async (name, url) => {
    const before = await snapshot();
    const page = await browser.context.newPage();
    await page.goto(url);
    const probe = await probeFromPage(page, extensionId);
    expectUnreachable(probe);
    outsider(`${name[0]!.toUpperCase()}${name.slice(1)}: message or fetch the extension`, probe.send.startsWith('failed') && probe.fetch.startsWith('failed'));
    await page.close();
    expect(await snapshot()).toEqual(before);
  });

  it("LinkedIn's own page scripts can neither message nor probe the extension", async () => {
    await browser.context.clearCookies();
    const before = await snapshot();
    const page = await browser.context.newPage();
    // Signed out: the content script reports no account and goes idle, so nothing should start.
    await page.goto('https://www.linkedin.com/uas/login');
    const probe = await probeFromPage(page, extensionId);
    expectUnreachable(probe);
    const contentScript = await page.evaluate(async (url) => fetch(url).then((response) => `read ${response.status}`, (error: unknown) => `failed: ${String(error)}`), browser.extensionUrl('content.js'));
    expect(contentScript).toMatch(/^failed: /);
    outsider("LinkedIn page's own scripts: message the extension or fetch its files", probe.send.startsWith('failed') && contentScript.startsWith('failed'));
    await page.close();
    expect(await snapshot()).toEqual(before);
    await browser.context.addCookies(simulator.signInCookies(member.id));
  });
});

describe("the extension's own pages", () => {
  it('malformed messages through chrome.runtime.sendMessage are all refused, and change nothing', async () => {
    const huge = 'x'.repeat(200_000);
    const messages: unknown[] = [];
    const bad = [null, 0, '', 'x', huge, true, [], {}, { type: huge }, { type: 'Opt-Out' }, { type: '__proto__' }, { type: 'constructor' }];
    const wrongFields: Record<string, unknown>[] = [
      { type: 'opt-out', walk: 'yes' },
      { type: 'check', walk: 1 },
      { type: 'forget-account', key: '../../etc' },
      { type: 'forget-account', key: huge },
      { type: 'forget-account' },
      { type: 'update-preferences', preferences: { recheckIntervalHours: -1 } },
      { type: 'update-preferences', preferences: { keepItOff: 'true' } },
      { type: 'update-preferences', preferences: null },
      { type: 'page-opened', account: null, lang: null },
      { type: 'engine-report', opId: 'op-none-0001', report: { kind: 'failed', failure: 'timeout', diagnostic: '', account: null, lang: null, way: 'direct', toggleFoundMs: null, elapsedMs: 1 } },
      { type: 'engine-progress', opId: '../x', phase: 'reading' },
    ];
    for (let round = 0; round < 20; round += 1) {
      for (const value of bad) messages.push(round % 2 ? value : { payload: value, round });
      for (const message of wrongFields) messages.push(round % 3 ? message : JSON.parse(JSON.stringify({ ...message, ['__proto__']: { polluted: round } })));
    }
    const before = await snapshot();
    const answers = await extensionPage.evaluate(
      (messages) => Promise.all(messages.map((message) => chrome.runtime.sendMessage(message).catch((error: unknown) => ({ ok: false, error: `threw: ${String(error)}` })))),
      messages,
    ) as { ok: boolean; error?: string }[];
    const accepted = answers.filter((answer) => answer?.ok !== false);
    const after = await snapshot();
    figures.fuzzEndToEnd = { messages: messages.length, rejected: answers.length - accepted.length, storageChanged: JSON.stringify(after) === JSON.stringify(before) ? 0 : 1 };
    expect(accepted).toEqual([]);
    for (const answer of answers) expect(answer.error).toMatch(/^(rejected: |this operation has already ended)/);
    expect(after).toEqual(before);
    expect(await extensionPage.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
  });

  it('extension pages run no eval, no Function constructor and no remote script (CSP enforced)', async () => {
    const csp = await extensionPage.evaluate(async (remote) => {
      const attempt = (run: () => unknown) => {
        try {
          run();
          return 'ran';
        } catch (error) {
          return (error as Error).name;
        }
      };
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
      const script = document.createElement('script');
      script.src = remote;
      const loaded = await new Promise<string>((resolve) => {
        script.addEventListener('load', () => resolve('loaded'));
        script.addEventListener('error', () => resolve('blocked'));
        document.head.append(script);
      });
      return {
        // eslint-disable-next-line no-eval -- the point: the CSP must refuse it
        eval: attempt(() => eval('1 + 1')),
        // eslint-disable-next-line no-new-func -- likewise
        newFunction: attempt(() => new Function('return 1')),
        remoteScript: loaded,
        violations,
      };
    }, 'https://www.linkedin.com/sim-static/settings-app.js');
    expect(csp).toMatchObject({ eval: 'EvalError', newFunction: 'EvalError', remoteScript: 'blocked' });
    expect(csp.violations).toEqual(expect.arrayContaining(['script-src-elem']));
  });
});

describe('the built artifact asks for nothing more', () => {
  const manifest = JSON.parse(readFileSync('dist/chrome/manifest.json', 'utf8')) as Record<string, unknown> & {
    permissions: string[];
    optional_permissions: string[];
    host_permissions: string[];
    content_security_policy: { extension_pages: string };
  };

  it('has only the top-level manifest keys reviewed so far (a new key is a new capability to argue for)', () => {
    // tests/dist/manifest.test.ts pins permissions, hosts, WAR, externally_connectable and the CSP; this
    // also catches keys it does not name (sandbox, update_url, oauth2, chrome_url_overrides, declarative_net_request…).
    expect(Object.keys(manifest).sort()).toEqual(
      // commands: the popup's keyboard shortcut; homepage_url: the project's page; storage: the schema of what an
      // organisation's policy may set (docs/organisations.md). None grants access to anything.
      ['action', 'background', 'commands', 'content_scripts', 'content_security_policy', 'default_locale', 'description', 'homepage_url', 'host_permissions', 'icons', 'manifest_version', 'minimum_chrome_version', 'name', 'optional_permissions', 'permissions', 'storage', 'version'].sort(),
    );
    expect(Object.keys(manifest.content_security_policy)).toEqual(['extension_pages']);
    figures.permissions = {
      permissions: manifest.permissions,
      optionalPermissions: manifest.optional_permissions,
      hosts: manifest.host_permissions,
      webAccessibleResources: Array.isArray(manifest.web_accessible_resources) ? manifest.web_accessible_resources.length : 0,
      externallyConnectable: 'externally_connectable' in manifest,
      csp: manifest.content_security_policy.extension_pages,
    };
  });

  function files(directory: string): string[] {
    return readdirSync(directory).flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  }
  const shipped = files('dist/chrome').filter((path) => /\.(js|html|css)$/.test(path));

  it.each(shipped)('%s loads no code at run time (no dynamic import, workers, WebAssembly, protocol-relative or CSS remote URLs)', (path) => {
    const code = readFileSync(path, 'utf8');
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/new\s+(Shared)?Worker\s*\(/);
    expect(code).not.toMatch(/\bWebAssembly\b/);
    expect(code).not.toMatch(/\b(src|href)\s*=\s*["']\/\//i);
    expect(code).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(code).not.toMatch(/setInterval\s*\(\s*["'`]/);
    // (The polyfill's API table names tabs.executeScript; no permission could make it run anyway.)
    expect(code).not.toMatch(/\bchrome\.scripting\./);
  });
});
