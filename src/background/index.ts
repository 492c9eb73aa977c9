import { browser, type Runtime } from '../shared/browser/polyfilled-browser';
import { createBackground } from './background';
import type { BackgroundApi } from './extension-api';

// Listeners are registered synchronously at the top level so a stopped worker is woken by them.
const background = createBackground(browser satisfies BackgroundApi);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => background.route(message, sender));
browser.alarms.onAlarm.addListener((alarm) => void background.onAlarm(alarm.name));
browser.tabs.onRemoved.addListener((tabId) => void background.onTabRemoved(tabId));
// Wakes a stopped worker (Chrome) or event page (Firefox) on every cookie change; only LinkedIn's session counts.
browser.cookies.onChanged.addListener((event) => void background.onCookieChanged(event));
browser.runtime.onStartup.addListener(() => void background.start());
browser.runtime.onInstalled.addListener(() => void background.start());

void background.start();
