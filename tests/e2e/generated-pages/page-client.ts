import { mountPage, type PageNetwork } from '../../unit/adversarial/mount-page';
import { clickReportPath, type LandedClick, type ServedPage, settingsApiPath, storedSilentlyPath } from './served-page';

/**
 * A generated settings page in a real browser: the unit run's page model, mounted on the browser's own clock, whose data
 * request and save are real requests to the page's server (so the extension's resource-timing watchers see them, or do
 * not), and every click on it told to the server with what the page knew when it landed.
 */

const served = JSON.parse(document.getElementById('generated-page')?.textContent ?? '') as ServedPage;

/** A frame's requests belong in the frame's own timing, as LinkedIn's would. */
function requester(): Window {
  const frame = document.getElementById('settings-region-frame') as HTMLIFrameElement | null;
  return frame?.contentWindow ?? window;
}

/** The body is read, as an app reads its answer: Chromium lists a request in the resource timing only once its body is in. */
function request(path: string, method: 'GET' | 'POST' | 'PUT', body: unknown, from: Window = window): void {
  const init = method === 'GET' ? {} : { method, body: JSON.stringify(body), keepalive: true };
  void from.fetch(`${location.origin}${path}`, init).then((response) => response.text()).catch(() => undefined);
}

const network: PageNetwork = {
  loadValue: () => request(settingsApiPath, 'GET', undefined, requester()),
  store: (on, seen) => (seen ? request(`${settingsApiPath}/allowDataForGenerativeAI`, 'PUT', { value: on }, requester()) : request(storedSilentlyPath, 'POST', { value: on })),
};

const page = mountPage(served.spec, document, { now: () => performance.now(), setTimeout: (callback, ms) => window.setTimeout(callback, ms), clearTimeout: (handle) => window.clearTimeout(handle as number) }, network);

function reportClick(event: Event): void {
  const target = event.composedPath()[0] as Element;
  if (!target || typeof target.getAttribute !== 'function') return;
  const click: LandedClick = { load: served.load, role: page.roleOf(target), settled: page.realSwitchSettled(), trainingOn: page.trainingOn() };
  request(clickReportPath, 'POST', click);
}

// Capturing, so each click is judged before the page acts on it; a frame's clicks never reach this document.
for (const root of [document, (document.getElementById('settings-region-frame') as HTMLIFrameElement | null)?.contentDocument]) root?.addEventListener('click', reportClick, true);
