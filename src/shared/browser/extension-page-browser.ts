import type { Browser } from './polyfilled-browser';
import { nativeBrowser } from './native-browser';

/**
 * The WebExtension API for extension pages (the popup), without the polyfill that `polyfilled-browser.ts` wraps for
 * the background: every call the popup makes returns a promise natively in Firefox and in Chrome and Edge
 * from 102 on (the manifest's minimum), and the polyfill would be an eighth of the popup's budget (README,
 * Performance). The background keeps the polyfill: Chrome's own onMessage cannot answer with a returned promise.
 */
export const browser: Browser = nativeBrowser<Browser>();
