// The one import of the WebExtension API: everything else takes it from here, so tests can swap it.
import browser from 'webextension-polyfill';

export { browser };
export type { Browser, Runtime, Storage, Tabs } from 'webextension-polyfill';
