// One Chromium and one Firefox with the built extension per end-to-end worker, kept from file to file (the e2e
// project runs its files with isolate: false, so this module lives as long as its worker): launching a browser is
// most of a small file's set-up. The extension loads only in a persistent context, so a file does not get a new
// profile: it leases the kept browser and hands it back as the next file expects to find it (no tab but the first,
// no container, no cookie, empty storage, no badge); a browser that cannot be handed back so is closed instead.

import { readdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCertificate } from '../simulator/certificate';
import { type Simulator, type SimulatorOptions, startSimulator } from '../simulator';
import { launchBrowser, type LaunchedBrowser } from './browser';
import { noteBrowserOpened } from './browser-use';
import { chromiumDriver } from './chromium-driver';
import { type BrowserDriver, type BrowserName, launchDriver } from './driver';

interface KeptBrowser {
  /** The port www.linkedin.com is mapped to at launch: each leasing file's simulator listens on it. */
  port: number;
  driver: BrowserDriver;
  /** Chromium's Playwright handle, for the files that drive Playwright directly (tests/e2e/support.ts). */
  chromium: LaunchedBrowser | null;
  profileDir: string;
  leased: boolean;
}

export interface BrowserLease {
  driver: BrowserDriver;
  chromium: LaunchedBrowser | null;
  /** A fresh simulator for this file, on the kept browser's port. */
  simulator: Simulator;
  /**
   * Ends the file's use: `handBack` leaves the browser as a new one would be (storage, badge; tabs, containers and
   * cookies are cleared here), and the simulator closes. A browser whose hand-back fails is closed, not kept.
   */
  release(handBack: () => Promise<void>): Promise<void>;
}

const keptBrowsers = new Map<BrowserName, KeptBrowser>();

const PROFILE_PREFIX = 'linkedin-optout-kept-';

/**
 * Vitest kills a worker half a second after asking it to end, too soon to close a browser: its browsers end with it
 * (Playwright's pipe, puppeteer's exit hook) and their profiles, named after the worker, are removed by a later launch.
 */
function removeProfilesOfEndedWorkers(): void {
  for (const entry of readdirSync(tmpdir())) {
    const pid = Number(entry.startsWith(PROFILE_PREFIX) ? entry.slice(PROFILE_PREFIX.length).split('-')[0] : NaN);
    if (Number.isInteger(pid) && !processRuns(pid)) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A port free now, for a simulator not started yet: the browser's address mapping must name it at launch. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('No free port for the simulator');
  return address.port;
}

async function launchKept(name: BrowserName): Promise<KeptBrowser> {
  const simulator = { port: await freePort(), certificateSpki: (await loadCertificate()).spki };
  removeProfilesOfEndedWorkers();
  const profileDir = await mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${String(process.pid)}-${name}-`));
  if (name === 'chromium') {
    const chromium = await launchBrowser({ simulator, userDataDir: profileDir, countsAsUse: false, leanRendering: true });
    return { port: simulator.port, driver: chromiumDriver(chromium), chromium, profileDir, leased: false };
  }
  const driver = await launchDriver('firefox', { simulator, profileDir, countsAsUse: false, leanRendering: true });
  return { port: simulator.port, driver, chromium: null, profileDir, leased: false };
}

async function closeKept(name: BrowserName, kept: KeptBrowser): Promise<void> {
  if (keptBrowsers.get(name) === kept) keptBrowsers.delete(name);
  await kept.driver.close().catch(() => undefined);
  rmSync(kept.profileDir, { recursive: true, force: true });
}

/** A kept browser is leased by one rig at a time: a second rig open at once in the same file gets a browser of its own. */
export function keptBrowserFree(name: BrowserName): boolean {
  return !keptBrowsers.get(name)?.leased;
}

/** The worker's kept `name` browser (launched on first use) and a fresh simulator for it. */
export async function leaseKeptBrowser(name: BrowserName, simulatorOptions: Omit<SimulatorOptions, 'port'>): Promise<BrowserLease> {
  for (let attempt = 1; ; attempt += 1) {
    let kept = keptBrowsers.get(name);
    if (kept?.leased) throw new Error(`The kept ${name} is leased already: ask keptBrowserFree() first`);
    if (!kept) {
      const launched = await launchKept(name);
      keptBrowsers.set(name, launched);
      // A browser that crashed or was closed by a test is not handed to the next file.
      void launched.driver.closed.then(() => keptBrowsers.get(name) === launched && keptBrowsers.delete(name));
      kept = launched;
    }
    let simulator: Simulator;
    try {
      simulator = await startSimulator({ ...simulatorOptions, port: kept.port });
    } catch (error) {
      // Another process took the port between two files: a browser mapped to a new one.
      await closeKept(name, kept);
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 3) continue;
      throw error;
    }
    const lease = kept;
    lease.leased = true;
    const endUse = noteBrowserOpened(name);
    return {
      driver: lease.driver,
      chromium: lease.chromium,
      simulator,
      async release(handBack) {
        endUse();
        try {
          await handBack();
          await lease.driver.clearCookies();
          await lease.driver.closeAllButFirstTab();
          lease.leased = false;
        } catch (error) {
          console.warn(`[the kept ${name} could not be handed back clean: closed]`, error);
          await closeKept(name, lease);
        } finally {
          await simulator.close();
        }
      },
    };
  }
}
