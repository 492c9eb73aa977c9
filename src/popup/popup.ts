import { browser } from '../shared/browser/extension-page-browser';
import type { PopupMessageKey } from './i18n';
import { startPopup } from './popup-app';
import { localKeysToRead, popupStorageKeys, type RawStorage } from './popup-state';
import { browserFamily } from './problem-report';

/**
 * The popup's only contact with the browser: binds storage, messaging, permissions, clipboard and
 * downloads to the ports that popup-app.ts expects. Kept small because unit tests cannot load it.
 */

/** Marks the popup opened in a tab for an import. */
const importQuery = 'import';

/** The manifest's host permissions: LinkedIn's pages, and linkedin.com, where its session cookie lives. */
const linkedInOrigins = ['https://www.linkedin.com/*', 'https://linkedin.com/*'];

// The log too: it is what history rows show, and what the popup reads when there is no summary.
const watchedKeys = new Set<string>([...localKeysToRead(true), ...popupStorageKeys.session]);

function translate(key: PopupMessageKey, substitutions?: readonly string[]): string {
  // An empty answer means a missing key: show the key rather than a blank, so it gets noticed.
  return browser.i18n.getMessage(key, substitutions ? [...substitutions] : undefined) || key;
}

async function readSession(): Promise<Record<string, unknown>> {
  try {
    return await browser.storage.session.get([...popupStorageKeys.session]);
  } catch {
    // No session storage (or no access to it): the popup still shows the log, just no progress.
    return {};
  }
}

/** The organisation's policy: Firefox throws without one, Chrome answers {} (docs/organisations.md). */
async function readManagedNow(): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    return undefined;
  }
}

/** As long as the background waits for the policy before it acts without one (src/background/store.ts). */
const managedGraceMs = 300;
/**
 * Chromium answers the first policy read only once its policy service has started, about 3 s after the browser
 * (docs/organisations.md): until then the popup draws without a policy, as the background acts, and draws again
 * when the answer comes.
 */
const firstManagedRead = readManagedNow();
let managedAnswered = false;
let drawnWithoutPolicy = false;
void firstManagedRead.then(() => void (managedAnswered = true));

function readManaged(): Promise<unknown> {
  if (managedAnswered) return readManagedNow();
  const grace = new Promise<undefined>((resolve) =>
    setTimeout(() => {
      drawnWithoutPolicy ||= !managedAnswered;
      resolve(undefined);
    }, managedGraceMs),
  );
  return Promise.race([firstManagedRead, grace]);
}

async function readStorage(localKeys: readonly string[]): Promise<RawStorage> {
  const [local, session, managed] = await Promise.all([browser.storage.local.get([...localKeys]), readSession(), readManaged()]);
  return { local, session, managed };
}

function download(fileName: string, mimeType: string, content: string): void {
  // A byte-order mark lets spreadsheet programs read the CSV's umlauts as UTF-8.
  const parts = mimeType.startsWith('text/csv') ? ['\uFEFF', content] : [content];
  const url = URL.createObjectURL(new Blob(parts, { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in Firefox; the popup's document goes away soon anyway.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const root = document.getElementById('popup');
if (root) {
  startPopup(root, {
    t: translate,
    uiLanguage: browser.i18n.getUILanguage(),
    now: () => Date.now(),
    readStorage,
    onStorageChange(listener) {
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'managed' || ((area === 'local' || area === 'session') && Object.keys(changes).some((key) => watchedKeys.has(key)))) listener();
      });
      // A policy that answered after a drawing without it is drawn too.
      void firstManagedRead.then(() => drawnWithoutPolicy && listener());
    },
    send: (message) => browser.runtime.sendMessage(message),
    requestNotifications: () => browser.permissions.request({ permissions: ['notifications'] }),
    hasNotifications: () => browser.permissions.contains({ permissions: ['notifications'] }),
    requestLinkedInAccess: () => browser.permissions.request({ origins: linkedInOrigins }),
    hasLinkedInAccess: () => browser.permissions.contains({ origins: linkedInOrigins }),
    releaseNotifications: async () => {
      await browser.permissions.remove({ permissions: ['notifications'] });
    },
    copyText: (text) => navigator.clipboard.writeText(text),
    download,
    environment: {
      extensionVersion: browser.runtime.getManifest().version,
      browser: browserFamily(navigator.userAgent),
    },
    homepageUrl: browser.runtime.getManifest().homepage_url ?? null,
    // In a tab (an import, or the popup opened as a page) getCurrent names it; in the toolbar popup it is undefined.
    inToolbarPopup: async () => (await browser.tabs.getCurrent()) === undefined,
    openImportTab: async () => {
      await browser.tabs.create({ url: browser.runtime.getURL(`popup/popup.html?${importQuery}`) });
      window.close();
    },
    openedForImport: new URLSearchParams(location.search).has(importQuery),
  })
    .then(() => performance.mark('popup-rendered')) // the first render with stored state is done (tests/bench)
    .catch((error: unknown) => console.error('popup failed to start', error));
}
