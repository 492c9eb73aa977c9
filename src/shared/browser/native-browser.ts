/**
 * The browser's own MV3 promise API: `browser` in Firefox, `chrome` in Chrome and Edge. In Chrome a page
 * element with id="browser" can show up as a global of that name (docs/linkedin.md §9), so `browser`
 * counts only when it really is the extension API.
 */
export function nativeBrowser<Api>(): Api {
  const candidate = (globalThis as { browser?: { runtime?: { sendMessage?: unknown } } }).browser;
  return (typeof candidate?.runtime?.sendMessage === 'function' ? candidate : chrome) as Api;
}
