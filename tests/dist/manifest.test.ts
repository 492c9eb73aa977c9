import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The extension asks for exactly what it needs and nothing more (README, "Permissions, and why"). Any new
 * permission, host, exposed resource or weaker CSP must fail here and be argued for in review.
 */

type Manifest = Record<string, unknown> & {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; js: string[]; all_frames?: boolean }[];
  content_security_policy?: { extension_pages?: string };
  background?: Record<string, unknown>;
  browser_specific_settings?: { gecko?: Record<string, unknown>; gecko_android?: Record<string, unknown> };
};

function manifest(browser: 'chrome' | 'firefox'): Manifest {
  return JSON.parse(readFileSync(`dist/${browser}/manifest.json`, 'utf8')) as Manifest;
}

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; homepage: string };
const packageVersion = packageJson.version;

describe.each(['chrome', 'firefox'] as const)('%s manifest', (browser) => {
  const built = manifest(browser);

  it('is MV3 with the package version and a default locale', () => {
    expect(built.manifest_version).toBe(3);
    expect(built.version).toBe(packageVersion);
    expect(built.default_locale).toBe('en');
  });

  it('holds exactly storage, alarms and cookies, with notifications only optional', () => {
    // "cookies" lets the background hear LinkedIn's session cookie change (sign-out, sign-in, account switch) and,
    // in Firefox, open the helper tab in a container (tabs.create's cookieStoreId). No cookie is read or written.
    expect(built.permissions).toEqual(['storage', 'alarms', 'cookies']);
    expect(built.optional_permissions).toEqual(['notifications']);
  });

  it('uses "cookies" only to listen: no built script reads, writes or lists a cookie, and only the background listens', () => {
    for (const script of ['background.js', 'content.js', 'settings.js']) {
      const code = readFileSync(`dist/${browser}/${script}`, 'utf8');
      expect(code, script).not.toMatch(/\bcookies\s*\.\s*(get|getAll|set|remove|getAllCookieStores|getPartitionKey)\b/);
      expect(code.match(/\bcookies\s*\.\s*onChanged\b/g) ?? [], script).toHaveLength(script === 'background.js' ? 1 : 0);
    }
  });

  it('reaches linkedin.com and nothing else: pages on www only, the bare host only for its session cookie\'s change events', () => {
    // Chrome reports a cookie's changes only with access to the cookie's domain; li_at may be set on .linkedin.com.
    expect(built.host_permissions).toEqual(['https://www.linkedin.com/*', 'https://linkedin.com/*']);
    expect(built.optional_host_permissions).toBeUndefined();
    // The engine only in the settings app, a small report script everywhere else: each page gets exactly one.
    const settingsApp = ['https://www.linkedin.com/mypreferences*', 'https://www.linkedin.com/psettings*'];
    expect(built.content_scripts).toEqual([
      { matches: ['https://www.linkedin.com/*'], exclude_matches: settingsApp, js: ['content.js'], run_at: 'document_idle', all_frames: false },
      { matches: settingsApp, js: ['settings.js'], run_at: 'document_idle', all_frames: false },
    ]);
  });

  it('exposes nothing to pages and accepts no outside connections', () => {
    expect(built).not.toHaveProperty('web_accessible_resources');
    expect(built).not.toHaveProperty('externally_connectable');
    expect(built).not.toHaveProperty('content_security_policy.sandbox');
  });

  it('keeps a strict CSP for extension pages', () => {
    expect(built.content_security_policy?.extension_pages).toBe("script-src 'self'; object-src 'self'");
  });

  it('opens the popup from the toolbar', () => {
    expect(built.action).toMatchObject({ default_popup: 'popup/popup.html' });
  });

  it('opens the popup from the keyboard too, with a shortcut browsers leave free (Alt+Shift+O)', () => {
    expect(built.commands).toEqual({ _execute_action: { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_commandOpenPopup__' } });
  });

  it('names the project\'s page, the one package.json names, where the popup\'s links point', () => {
    expect(built.homepage_url).toBe(packageJson.homepage);
    expect(built.homepage_url).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
  });
});

describe('browser-specific parts', () => {
  it('Chrome runs the background as a service worker', () => {
    expect(manifest('chrome').background).toEqual({ service_worker: 'background.js' });
    expect(manifest('chrome')).not.toHaveProperty('browser_specific_settings');
  });

  it('Firefox runs it as a background script and declares that it collects no data', () => {
    const firefox = manifest('firefox');
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings?.gecko).toMatchObject({
      id: expect.stringMatching(/@/),
      data_collection_permissions: { required: ['none'] },
    });
    expect(Number.parseFloat(String(firefox.browser_specific_settings?.gecko?.strict_min_version))).toBeGreaterThanOrEqual(140);
    // Never run on Firefox for Android: nothing claims it (the README's Browsers table says so).
    expect(firefox.browser_specific_settings).not.toHaveProperty('gecko_android');
  });
});

/**
 * The first Chrome release with each feature the bundles use (MDN browser-compat-data), found in the
 * built code itself. A feature reached only through `?.` (a missing one is tolerated) does not count.
 */
const chromeFeatures = [
  { feature: 'logical assignment (||=, &&=, ??=)', since: 85, pattern: /\|\|=|&&=|\?\?=/ },
  { feature: 'String.prototype.replaceAll', since: 85, pattern: /\.replaceAll\(/ },
  { feature: 'Array.prototype.at', since: 92, pattern: /\.at\(-?\d/ },
  { feature: 'crypto.randomUUID', since: 92, pattern: /\.randomUUID\(/ },
  { feature: 'Object.hasOwn', since: 93, pattern: /Object\.hasOwn\(/ },
  { feature: 'storage.session', since: 102, pattern: /storage\.session/ },
  { feature: 'Element.checkVisibility, unguarded', since: 105, pattern: /\.checkVisibility\(/ },
  { feature: 'Array.prototype.findLast', since: 97, pattern: /\.findLast(Index)?\(/ },
  { feature: 'structuredClone', since: 98, pattern: /\bstructuredClone\(/ },
  { feature: 'Array.prototype.toSorted / toReversed / with', since: 110, pattern: /\.(toSorted|toReversed|toSpliced)\(/ },
  { feature: 'Object.groupBy', since: 117, pattern: /Object\.groupBy\(/ },
  { feature: 'Promise.withResolvers', since: 119, pattern: /Promise\.withResolvers\(/ },
  { feature: 'Set methods (union, intersection, …)', since: 122, pattern: /\.(union|intersection|symmetricDifference|isSubsetOf)\(/ },
] as const;

describe('minimum_chrome_version', () => {
  const bundles = ['background.js', 'content.js', 'settings.js', ...readdirSync('dist/chrome/assets').filter((file) => file.endsWith('.js')).map((file) => `assets/${file}`)];
  const code = bundles.map((file) => readFileSync(`dist/chrome/${file}`, 'utf8')).join('\n');

  it('is the newest Chrome release among the features the built code uses', () => {
    const used = chromeFeatures.filter(({ pattern }) => pattern.test(code));
    const newest = Math.max(...used.map(({ since }) => since));
    expect(used.map(({ feature }) => feature)).toContain('storage.session');
    expect(manifest('chrome').minimum_chrome_version).toBe(String(newest));
  });

  it('counts a guarded feature only where it is guarded: checkVisibility is optional', () => {
    expect(code).toContain('checkVisibility?.(');
    expect(code).not.toMatch(/\.checkVisibility\(/);
  });

  it('is left out of the Firefox manifest, which has its own minimum', () => {
    expect(manifest('firefox')).not.toHaveProperty('minimum_chrome_version');
  });
});
