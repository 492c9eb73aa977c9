// `npm start`: the built extension in Chromium (or Firefox, `--firefox`), against the LinkedIn simulator (default) or real LinkedIn (`--live`).
// Without a display (or with --headless) it acts the product out on the simulator and writes screenshots instead.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { LastResult } from '../../src/shared/storage/operation-state';
import { storageKeys } from '../../src/shared/storage/storage-items';
import { chromiumPath, DEFAULT_EXTENSION_DIR, launchBrowser } from '../harness/browser';
import { chromiumDriver } from '../harness/chromium-driver';
import { type BrowserDriver, launchDriver, type Tab } from '../harness/driver';
import { DEFAULT_FIREFOX_EXTENSION_DIR, firefoxPath } from '../harness/firefox';
import { DEMO_ACCOUNTS, LABELS, type Simulator, startSimulator } from '../simulator';

const USAGE = `Usage: npm start [-- options]

  (no option)      Chromium with the extension, against the built-in LinkedIn simulator, signed in as ${DEMO_ACCOUNTS[0]?.name ?? 'the first demo member'}
  --firefox        Firefox ESR instead of Chromium (the same demo; a fresh profile each run)
  --live           real https://www.linkedin.com in a persistent profile: sign in yourself (Chromium)
  --headless       no window: turn the setting off on the simulator and write screenshots (the default without a display)
  --fresh          start from an empty browser profile
  --profile DIR    browser profile folder (default: printed at start)
  --out DIR        where --headless writes its screenshots (default: artifacts/start)
  --help`;

const SIMULATOR_PROFILE = join(tmpdir(), 'linkedin-ai-optout-demo', 'profile');
const LIVE_PROFILE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'linkedin-ai-optout', 'profile');
const DEFAULT_OUT_DIR = join('artifacts', 'start');
const LINKEDIN = 'https://www.linkedin.com';
/** The opt-out loads the setting twice (act, then verify); 45 s is far beyond the simulator's few seconds. */
const RESULT_TIMEOUT_MS = 45_000;
const POPUP_VIEWPORT = { width: 420, height: 640 };

interface StartOptions {
  firefox: boolean;
  live: boolean;
  headless: boolean;
  fresh: boolean;
  profile: string;
  outDir: string;
}

class StartError extends Error {}

function readOptions(argv: string[]): StartOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      firefox: { type: 'boolean', default: false },
      live: { type: 'boolean', default: false },
      headless: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      profile: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const headless = values.headless || !hasDisplay;
  if (values.live && headless) {
    throw new StartError(
      `--live opens real LinkedIn for you to sign in, which needs a window${hasDisplay ? '' : ' (no DISPLAY or WAYLAND_DISPLAY is set)'}. ` +
        'Run it from a desktop session, or drop --live to act the demo out headless on the simulator.',
    );
  }
  if (values.live && values.firefox) {
    throw new StartError('--live runs Chromium; for real LinkedIn in Firefox, load dist/firefox/manifest.json from about:debugging (see the README).');
  }
  return {
    firefox: values.firefox,
    live: values.live,
    headless,
    fresh: values.fresh,
    profile: resolve(values.profile ?? (values.live ? LIVE_PROFILE : SIMULATOR_PROFILE)),
    outDir: resolve(values.out ?? DEFAULT_OUT_DIR),
  };
}

function builtExtensionDir(firefox: boolean): string {
  const dir = resolve(firefox ? DEFAULT_FIREFOX_EXTENSION_DIR : DEFAULT_EXTENSION_DIR);
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new StartError(`No built extension in ${dir}. Run \`npm start\` (it builds first) or \`npm run build\`.`);
  }
  return dir;
}

/** Chromium's id for an unpacked extension without a "key": SHA-256 of its absolute, symlink-free path, hex digits mapped to a–p. */
export function unpackedExtensionId(extensionDir: string): string {
  const hex = createHash('sha256').update(realpathSync(extensionDir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(digit, 16))).join('');
}

async function prepareProfile(options: StartOptions): Promise<void> {
  if (options.firefox) return void console.log('Browser profile: a fresh temporary Firefox profile (deleted at the end)');
  if (options.fresh) await rm(options.profile, { recursive: true, force: true });
  await mkdir(options.profile, { recursive: true });
  console.log(`Browser profile: ${options.profile}${options.fresh ? ' (fresh)' : ' (kept between runs; --fresh empties it)'}`);
}

/** Resolves on the first of: the browser closing, Ctrl+C, SIGTERM. */
function untilClosedOrInterrupted(onClose: (listener: () => void) => void): Promise<string> {
  return new Promise((resolveReason) => {
    onClose(() => resolveReason('the browser was closed'));
    process.once('SIGINT', () => resolveReason('Ctrl+C'));
    process.once('SIGTERM', () => resolveReason('SIGTERM'));
  });
}

// ---------------------------------------------------------------------------------------------
// Simulator, with a window

async function openDemo(simulator: Simulator, options: StartOptions): Promise<BrowserDriver> {
  const driver = options.firefox
    ? await launchDriver('firefox', { simulator, headless: options.headless })
    : chromiumDriver(await launchBrowser({ simulator, userDataDir: options.profile, headless: options.headless }));
  const member = firstDemoMember();
  // The simulator's sessions live in memory: a cookie kept in the profile from an earlier run names a session that no longer exists.
  await driver.clearCookies();
  await driver.setCookies(simulator.signInCookies(member.id));
  return driver;
}

async function runDemoWithWindow(options: StartOptions): Promise<void> {
  const simulator = await startSimulator({ accounts: [...DEMO_ACCOUNTS] });
  try {
    const browser = await openDemo(simulator, options);
    await browser.openTab(`${LINKEDIN}/feed/`);
    const popup = await browser.openPopup();
    const member = firstDemoMember();
    const routing = options.firefox ? 'a proxy' : '--host-resolver-rules';
    console.log(`Signed in as:    ${member.name} (UI language ${member.lang}, "Data for Generative AI Improvement" On)`);
    console.log(`LinkedIn feed:   ${LINKEDIN}/feed/   (the simulator, port ${String(simulator.port)}, reached through ${routing})`);
    console.log(`Extension popup: ${await popup.url()}`);
    console.log(`Simulator:       ${LINKEDIN}/__sim/   (open it in that browser to switch accounts or turn the setting back on)`);
    console.log('The simulator starts every run with the demo accounts as defined (setting On); the profile keeps the extension\'s log.');
    console.log('Close the browser window or press Ctrl+C to stop.');
    const reason = await untilClosedOrInterrupted((listener) => void browser.closed.then(listener));
    console.log(`Stopping (${reason}).`);
    await browser.close();
  } finally {
    await simulator.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Simulator, headless: act the product out and keep screenshots

async function runDemoHeadless(options: StartOptions): Promise<void> {
  await mkdir(options.outDir, { recursive: true });
  const simulator = await startSimulator({ accounts: [...DEMO_ACCOUNTS] });
  try {
    const browser = await openDemo(simulator, options);
    try {
      await actOut(simulator, browser, options.outDir);
    } finally {
      await browser.close();
    }
  } finally {
    await simulator.close();
  }
}

async function actOut(simulator: Simulator, browser: BrowserDriver, outDir: string): Promise<void> {
  const member = firstDemoMember();
  const shots: string[] = [];
  // The popup whole; the feed only as far as a window shows it (it scrolls on for thousands of pixels).
  const screenshot = async (tab: Tab, name: string, fullPage = true): Promise<void> => {
    const path = join(outDir, name);
    await tab.screenshot(path, { fullPage });
    shots.push(path);
    console.log(`Screenshot: ${displayPath(path)}`);
  };
  console.log(`Headless: acting it out on the simulator in ${browser.name === 'firefox' ? 'Firefox' : 'Chromium'}, signed in as ${member.name}; screenshots go to ${displayPath(outDir)}/`);

  const feed = await browser.openTab(`${LINKEDIN}/feed/`);
  await feed.waitFor(`button[aria-label="${member.name} ${LABELS[member.lang].me}"]`, 15_000);
  await screenshot(feed, '01-linkedin-feed.png', false);

  const popup = await browser.openPopup();
  // tsx compiles with esbuild's keepNames, which wraps functions passed to page.evaluate in a __name() the page lacks (privatenumber/tsx#113).
  await popup.evaluate(() => void ((globalThis as { __name?: unknown }).__name ??= (target: unknown) => target), null);
  console.log(`Extension popup: ${await popup.url()}`);
  await popup.setViewport(POPUP_VIEWPORT);
  await popup.waitFor('[data-action="opt-out"]:enabled', 15_000);
  await screenshot(popup, '02-popup-before.png');

  const turnedOff = await runFromPopup(popup, '[data-action="opt-out"]');
  await popup.waitFor(`[data-part="status"][data-status="${turnedOff.outcome.kind}"]`, 10_000);
  const madeOff = turnedOff.outcome.kind === 'turned-off' || turnedOff.outcome.kind === 'off';
  if (madeOff) await popup.waitFor(`[data-account="${member.id}"][data-state="off"]`, 10_000);
  await screenshot(popup, '03-popup-after.png');
  if (!madeOff) throw new StartError(`Opt-out ended as "${turnedOff.outcome.kind}": ${describeFailure(turnedOff)}. See ${displayPath(shots.at(-1) ?? outDir)}.`);

  const checked = await runFromPopup(popup, '[data-part="actions"] [data-action="check"]');
  await popup.waitFor(`[data-part="status"][data-status="${checked.outcome.kind}"]`, 10_000);
  await screenshot(popup, '04-popup-checked.png');
  if (checked.outcome.kind !== 'off') throw new StartError(`"Check now" read "${checked.outcome.kind}" after the opt-out: ${describeFailure(checked)}.`);
  if (simulator.account(member.id).aiTraining) throw new StartError('The popup says off, but the simulated LinkedIn still stores On.');

  const seconds = (turnedOff.outcome.timings.totalMs / 1000).toFixed(1);
  console.log(
    turnedOff.outcome.kind === 'turned-off'
      ? `Turned off for ${member.name} in ${seconds} s, verified after a fresh load; "check now" reads it off, and the simulator stores Off. ${String(shots.length)} screenshots in ${displayPath(outDir)}/`
      : `Already off for ${member.name}: nothing clicked; "check now" reads it off. ${String(shots.length)} screenshots in ${displayPath(outDir)}/`,
  );
}

/** Clicks a popup action and waits, on storage events, for the operation it starts (or joins) to finish. */
async function runFromPopup(popup: Tab, button: string): Promise<LastResult> {
  const previous = await popup.evaluate(async (key) => ((await chrome.storage.session.get(key))[key] as { operationId?: string } | undefined)?.operationId ?? null, storageKeys.lastResult);
  // A busy button (the feed's automatic check still running) ignores clicks: wait for it to be free.
  await popup.waitFor(`${button}:not([aria-busy="true"])`, RESULT_TIMEOUT_MS);
  await popup.click(button);
  return popup.evaluate(
    ({ keys, previous, timeoutMs }) =>
      new Promise<LastResult>((resolveResult, reject) => {
        const check = async (): Promise<void> => {
          const stored = await chrome.storage.session.get([keys.lastResult, keys.operation]);
          const result = stored[keys.lastResult] as LastResult | undefined;
          // Only what the click asked for: the automatic check LinkedIn's feed started may end in between.
          if (result && !stored[keys.operation] && result.operationId !== previous && result.trigger === 'user') finish(() => resolveResult(result));
        };
        const onChanged = (): void => void check();
        const timer = setTimeout(() => finish(() => reject(new Error(`no result within ${String(timeoutMs)} ms`))), timeoutMs);
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          chrome.storage.session.onChanged.removeListener(onChanged);
          settle();
        };
        chrome.storage.session.onChanged.addListener(onChanged);
        void check();
      }),
    { keys: { lastResult: storageKeys.lastResult, operation: storageKeys.operation }, previous, timeoutMs: RESULT_TIMEOUT_MS },
  );
}

function describeFailure(result: LastResult): string {
  return 'diagnostic' in result.outcome ? result.outcome.diagnostic : 'no diagnostic';
}

// ---------------------------------------------------------------------------------------------
// Real LinkedIn

/**
 * Spawned directly rather than through Playwright: a person signs in to real LinkedIn here, and an
 * automation-controlled browser (navigator.webdriver, the "controlled by automated software" bar)
 * invites LinkedIn's security checkpoint.
 */
async function runLive(options: StartOptions, extensionDir: string): Promise<void> {
  const executable = chromiumPath();
  const popupUrl = `chrome-extension://${unpackedExtensionId(extensionDir)}/popup/popup.html`;
  const args = [
    `--user-data-dir=${options.profile}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    // Chromium refuses to start as root with its sandbox on (containers, CI images).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    `${LINKEDIN}/`,
  ];
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderrTail: string[] = [];
  // Chromium's stderr is chatty: only its last lines are kept, to explain an exit with an error.
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail.push(...chunk.split('\n').filter(Boolean));
    stderrTail.splice(0, Math.max(0, stderrTail.length - 20));
  });
  console.log(`LinkedIn:        ${LINKEDIN}/   (real; sign in there, the profile keeps you signed in)`);
  console.log(`Extension popup: ${popupUrl}   (or the toolbar's extensions menu)`);
  console.log('Close the browser window or press Ctrl+C to stop.');

  const startedAt = Date.now();
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const reason = await untilClosedOrInterrupted((listener) => void exited.then(listener));
  if (reason !== 'the browser was closed') child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0 && code !== null && reason === 'the browser was closed') {
    throw new StartError(`Chromium exited with code ${String(code)}:\n${stderrTail.join('\n')}`);
  }
  if (reason === 'the browser was closed' && Date.now() - startedAt < 3000) {
    console.log('Chromium exited at once: a Chromium already running with this profile probably opened the window instead.');
  }
  console.log(`Stopped (${reason}).`);
}

// ---------------------------------------------------------------------------------------------

function firstDemoMember() {
  const member = DEMO_ACCOUNTS[0];
  if (!member) throw new StartError('DEMO_ACCOUNTS is empty');
  return member;
}

function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere && !fromHere.startsWith('..') ? fromHere : path;
}

async function main(argv: string[]): Promise<number> {
  const options = readOptions(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const extensionDir = builtExtensionDir(options.firefox);
  // Fails early, with the install hint, before any server starts.
  if (options.firefox) firefoxPath();
  else chromiumPath();
  await prepareProfile(options);
  if (options.live) await runLive(options, extensionDir);
  else if (options.headless) await runDemoHeadless(options);
  else await runDemoWithWindow(options);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    // Expected problems (no build, no Chromium, a failed opt-out) are one clear line; anything else keeps its stack.
    const known = error instanceof StartError || (error instanceof Error && /Chromium not found|Firefox not found|No built extension|did not start a service worker|did not open the extension's popup/.test(error.message));
    console.error(`npm start failed: ${known && error instanceof Error ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
}
