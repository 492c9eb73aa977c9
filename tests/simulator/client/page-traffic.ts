// The background requests a real LinkedIn page makes while the member does nothing (and right after each click):
// a tracking beacon per page view and per click, polling, a late request after load. They exist so that
// "the setting's save finished" can be decided only from the setting's own save, never from whichever
// request happened to finish after the click. Served as /sim-static/page-traffic.js when `backgroundTraffic` is on.

import { CLICK_BEACON_DELAY_MS, LATE_REQUEST_DELAY_MS, LATE_REQUEST_PATH, POLL_INTERVAL_MS, POLL_PATH, TRACKING_PATH } from '../site-map';

function track(event: string): void {
  void fetch(TRACKING_PATH, {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event, path: location.pathname, at: Date.now() }),
  }).catch(() => undefined);
}

/** Polling by XHR, as LinkedIn's realtime fallback does: a second kind of request the page makes. */
function poll(): void {
  const request = new XMLHttpRequest();
  request.open('GET', `${POLL_PATH}?rc=${String(Date.now())}`);
  request.send();
}

track('pageView');
setInterval(poll, POLL_INTERVAL_MS);
setTimeout(() => void fetch(LATE_REQUEST_PATH).catch(() => undefined), LATE_REQUEST_DELAY_MS);
// Capture phase: the beacon goes out for every click, including the one on the setting's switch.
document.addEventListener('click', () => setTimeout(() => track('click'), CLICK_BEACON_DELAY_MS), true);

export {};
