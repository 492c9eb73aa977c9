// Launches Debian's Chromium with (or without) the built extension, pointed at the LinkedIn simulator.
// Extensions load only in persistent contexts; host-resolver-rules (not context.route) also covers tabs the extension opens.

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright';
import type { Simulator } from '../simulator';
import { noteBrowserOpened } from './browser-use';

/** EXTENSION_DIR lets a run test another unpacked build without editing tests. */
export const DEFAULT_EXTENSION_DIR = process.env.EXTENSION_DIR ?? 'dist/chrome';
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const SERVICE_WORKER_TIMEOUT_MS = 15_000;

export interface LaunchOptions {
  /** The simulator whose port www.linkedin.com is mapped to. */
  simulator: Pick<Simulator, 'port' | 'certificateSpki'>;
  /** Unpacked extension folder (default DEFAULT_EXTENSION_DIR); null launches a plain browser (benchmarks compare both). */
  extensionDir?: string | null;
  /** Persistent profile folder; a fresh temporary one (deleted on close) when omitted. */
  userDataDir?: string;
  headless?: boolean;
  /** Extra Chromium switches, e.g. a window size for screenshots. */
  args?: string[];
  /**
   * A test's browser, which draws less: every web page in one renderer process instead of one per site and tab, and
   * pages asked for reduced motion, so the popup's spinners stand still instead of drawing 60 frames a second through
   * each operation (CONTRIBUTING.md, "Test it"). The bench leaves it off, so it measures the browser a member has.
   */
  leanRendering?: boolean;
  /**
   * The browser's UI language, e.g. "fr" or "pt-BR" (default: the environment's). On Linux Chromium takes it
   * from LANGUAGE and needs Debian's chromium-l10n to have it; --lang sets it on the other platforms.
   */
  language?: string;
  /** false for a browser kept between files (tests/harness/kept-browsers.ts): only a file's lease of it is a use. */
  countsAsUse?: boolean;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** null when launched without an extension. */
  extensionId: string | null;
  /** The extension's running service worker (waits for it to start). */
  serviceWorker(): Promise<Worker>;
  /** Opens the extension's popup page in a normal tab. */
  openPopup(): Promise<Page>;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's Chromium with \`sudo apt-get install -y chromium\`, ` +
        'or set CHROMIUM_PATH to a Chromium (not branded Chrome, which ignores --load-extension) executable.',
    );
  }
  return path;
}

export function chromiumArgs(simulator: LaunchOptions['simulator'], extensionDir: string | null): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--no-sandbox',
    // Every host but www.linkedin.com fails to resolve: nothing in a test can reach the internet.
    `--host-resolver-rules=MAP www.linkedin.com 127.0.0.1:${String(simulator.port)}, MAP * ~NOTFOUND`,
    // Trusts exactly the simulator's self-signed key, also in the service worker and in tabs the extension opens.
    `--ignore-certificate-errors-spki-list=${simulator.certificateSpki}`,
  ];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  else args.push('--disable-extensions');
  return args;
}

export async function launchBrowser(options: LaunchOptions): Promise<LaunchedBrowser> {
  const extensionDir = options.extensionDir === undefined ? resolve(DEFAULT_EXTENSION_DIR) : options.extensionDir && resolve(options.extensionDir);
  if (extensionDir && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  if (extensionDir) assertManifestFilesExist(extensionDir);
  const browserLog: string[] = [];
  const temporaryProfile = options.userDataDir ? null : await mkdtemp(join(tmpdir(), 'linkedin-optout-profile-'));
  const context = await chromium.launchPersistentContext(options.userDataDir ?? temporaryProfile ?? '', {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    ignoreHTTPSErrors: true,
    ...(options.leanRendering ? { reducedMotion: 'reduce' as const } : {}),
    // Playwright's own --disable-extensions would stop the extension from loading.
    ignoreDefaultArgs: extensionDir ? ['--disable-extensions'] : [],
    args: [
      ...chromiumArgs(options.simulator, extensionDir),
      ...(options.leanRendering ? ['--renderer-process-limit=1'] : []),
      ...(options.language ? [`--lang=${options.language}`] : []),
      ...(options.args ?? []),
    ],
    env: options.language ? { ...process.env, LANGUAGE: options.language.replace('-', '_') } : process.env,
    // Chromium reports a rejected extension only on stderr; kept so a timeout can say why.
    logger: { isEnabled: (name) => name === 'browser', log: (_name, _severity, message) => void browserLog.push(String(message)) },
  });

  const noteBrowserClosed = options.countsAsUse === false ? () => undefined : noteBrowserOpened('chromium');
  let extensionId: string | null = null;
  if (extensionDir) {
    try {
      extensionId = extensionIdFromUrl((await waitForServiceWorker(context)).url());
    } catch (error) {
      noteBrowserClosed();
      await context.close();
      if (temporaryProfile) await rm(temporaryProfile, { recursive: true, force: true });
      const hints = browserLog.filter((line) => /extension|manifest/i.test(line)).slice(-10);
      throw new Error(`The extension in ${extensionDir} did not start a service worker: ${String(error)}${hints.length > 0 ? `\nChromium said:\n${hints.join('\n')}` : ''}`);
    }
  }
  const popupPath = extensionDir ? popupPathFromManifest(extensionDir) : null;

  const requireExtension = (): string => {
    if (!extensionId) throw new Error('This browser was launched without an extension');
    return extensionId;
  };
  const extensionUrl = (path: string): string => `chrome-extension://${requireExtension()}/${path.replace(/^\//, '')}`;

  return {
    context,
    extensionId,
    serviceWorker: async () => {
      requireExtension();
      return waitForServiceWorker(context);
    },
    openPopup: async () => {
      const page = await context.newPage();
      await page.goto(extensionUrl(popupPath ?? 'popup/popup.html'));
      return page;
    },
    extensionUrl,
    close: async () => {
      noteBrowserClosed();
      await context.close();
      if (temporaryProfile) await rm(temporaryProfile, { recursive: true, force: true });
    },
  };
}

/** The extension's service worker, started or restarted; MV3 may stop it at any time. */
export async function waitForServiceWorker(context: BrowserContext, timeoutMs = SERVICE_WORKER_TIMEOUT_MS): Promise<Worker> {
  const running = context.serviceWorkers().find((worker) => worker.url().startsWith('chrome-extension://'));
  if (running) return running;
  return context.waitForEvent('serviceworker', {
    predicate: (worker) => worker.url().startsWith('chrome-extension://'),
    timeout: timeoutMs,
  });
}

/** chrome-extension://<32 letters a-p>/background.js → the id. */
export function extensionIdFromUrl(url: string): string {
  const match = /^chrome-extension:\/\/([a-p]{32})\//.exec(url);
  if (!match?.[1]) throw new Error(`Not an extension URL: ${url}`);
  return match[1];
}

interface ManifestFiles {
  icons?: Record<string, string>;
  action?: { default_popup?: string; default_icon?: Record<string, string> | string };
  background?: { service_worker?: string };
  content_scripts?: Array<{ js?: string[]; css?: string[] }>;
}

/** Chromium refuses an extension whose manifest names a missing file, and says so only on stderr. */
function assertManifestFilesExist(extensionDir: string): void {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as ManifestFiles;
  const defaultIcon = manifest.action?.default_icon;
  const files = [
    ...Object.values(manifest.icons ?? {}),
    ...(typeof defaultIcon === 'string' ? [defaultIcon] : Object.values(defaultIcon ?? {})),
    manifest.action?.default_popup,
    manifest.background?.service_worker,
    ...(manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
  ].filter((file): file is string => typeof file === 'string');
  const missing = [...new Set(files)].filter((file) => !existsSync(join(extensionDir, file)));
  if (missing.length > 0) {
    throw new Error(`${extensionDir}/manifest.json names files that do not exist: ${missing.join(', ')}. Run \`npm run build\`.`);
  }
}

function popupPathFromManifest(extensionDir: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { action?: { default_popup?: string } };
    return manifest.action?.default_popup ?? null;
  } catch {
    return null;
  }
}
