import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

/**
 * The built background hears LinkedIn's session cookie change and never reads its value: the bundle is run
 * in a sandbox whose `chrome` answers every call, its `cookies.onChanged` listener is handed events whose
 * cookie records every property read, and the value is never among them.
 */

type Listener = (event: unknown) => void;

/** A stand-in for the whole extension API: every call answers at once, every event listener is kept by its path. */
function extensionApi(path: string, listeners: Map<string, Listener>): unknown {
  return new Proxy(function api() {}, {
    get(_target, property) {
      if (property === 'then') return undefined;
      if (property === 'id' && path === 'chrome.runtime') return 'abcdefghijklmnopabcdefghijklmnop';
      if (property === 'lastError') return undefined;
      if (property === 'addListener') return (listener: Listener) => listeners.set(path, listener);
      return extensionApi(`${path}.${String(property)}`, listeners);
    },
    has: () => true,
    apply(_target, _this, args: unknown[]) {
      const callback = args.at(-1);
      if (typeof callback === 'function') return void callback({});
      return Promise.resolve({});
    },
  });
}

/** A cookie that records which of its properties were read. */
function watchedCookie(fields: Record<string, unknown>, read: string[]): unknown {
  return new Proxy(fields, {
    get(target, property, receiver) {
      read.push(String(property));
      return Reflect.get(target, property, receiver);
    },
    has(target, property) {
      read.push(`in ${String(property)}`);
      return property in target;
    },
    ownKeys(target) {
      read.push('keys');
      return Reflect.ownKeys(target);
    },
  });
}

async function runBackground(browser: 'chrome' | 'firefox'): Promise<Listener> {
  const listeners = new Map<string, Listener>();
  const sandbox: Record<string, unknown> = { chrome: extensionApi('chrome', listeners), console: { ...console, warn() {}, error() {}, debug() {} }, setTimeout, clearTimeout, crypto, URL };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(`dist/${browser}/background.js`, 'utf8'), sandbox);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const listener = listeners.get('chrome.cookies.onChanged');
  if (!listener) throw new Error('the built background registers no cookies.onChanged listener');
  return listener;
}

describe.each(['chrome', 'firefox'] as const)('%s background and LinkedIn\'s session cookie', (browser) => {
  it('registers its cookie listener at the top level, where a stopped worker is woken by it', async () => {
    await expect(runBackground(browser)).resolves.toBeTypeOf('function');
  });

  it('reads a changed cookie\'s name, domain and store, and never its value', async () => {
    const listener = await runBackground(browser);
    const read: string[] = [];
    const events = [
      { removed: false, cause: 'explicit', cookie: watchedCookie({ name: 'li_at', value: 'AQEDAT-secret', domain: '.www.linkedin.com', storeId: '0', httpOnly: true, secure: true, path: '/' }, read) },
      { removed: true, cause: 'overwrite', cookie: watchedCookie({ name: 'li_at', value: 'AQEDAT-secret', domain: '.linkedin.com', storeId: 'firefox-container-1', httpOnly: true, secure: true, path: '/' }, read) },
      { removed: false, cause: 'explicit', cookie: watchedCookie({ name: 'JSESSIONID', value: '"ajax:123"', domain: '.www.linkedin.com', storeId: '0', httpOnly: false, secure: true, path: '/' }, read) },
    ];
    for (const event of events) listener(event);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toEqual(expect.arrayContaining(['name', 'domain', 'storeId']));
    expect(read).not.toContain('value');
    expect(read).not.toContain('keys');
  });
});
