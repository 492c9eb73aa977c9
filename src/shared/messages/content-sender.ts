import { parseContentReply } from './content-replies';
import { nativeBrowser } from '../browser/native-browser';
import type { BackgroundReply, BackgroundResponse, ContentMessage } from './background-messages';

/**
 * The content script's only contact with the extension: runtime messaging, through the browser's own
 * MV3 promise API (`browser` in Firefox, `chrome` in Chrome and Edge). Not the polyfill that
 * `polyfilled-browser.ts` wraps for the background: this script runs on every LinkedIn page, and the
 * polyfill would more than half again its size (tests/unit/conventions.test.ts keeps it out).
 */

type RuntimeMessaging = { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** Sends after the first one that found no background: enough to outlast an event page being unloaded and woken again. */
export const undeliveredRetries = 4;
/** The wait before each retry grows by this much (250, 500, 750, 1000 ms). */
export const undeliveredBackoffMs = 250;

/**
 * The browser's own words for "no listener received it" (Firefox and Chromium alike). A message sent while
 * Firefox unloads the idle event page, or Chrome stops the service worker, is refused this way without
 * reaching the background, so sending it again cannot deliver it twice.
 */
function wasUndelivered(error: unknown): boolean {
  return /Could not establish connection|Receiving end does not exist/i.test(error instanceof Error ? error.message : String(error));
}

/**
 * The background answers every message with an object, a refusal included: a reply of nothing means no background
 * heard it. Firefox gives one when the event page unloads meanwhile and another extension page listens too
 * (docs/linkedin.md §9).
 */
function wasUnanswered(reply: unknown): boolean {
  return reply === undefined || reply === null;
}

export type SendOptions = { send: (message: unknown) => Promise<unknown>; wait: (ms: number) => Promise<void> };

/**
 * Sends, and sends again a bounded number of times only while the message did not reach the background;
 * after the last retry the browser's error, or the empty reply, is what the caller gets.
 */
export async function sendUntilDelivered(message: unknown, { send, wait }: SendOptions): Promise<unknown> {
  for (let retry = 1; ; retry += 1) {
    try {
      const reply = await send(message);
      if (retry > undeliveredRetries || !wasUnanswered(reply)) return reply;
    } catch (error) {
      if (retry > undeliveredRetries || !wasUndelivered(error)) throw error;
    }
    await wait(undeliveredBackoffMs * retry);
  }
}

/** The content script's one typed send: the reply is checked against what its request type declares. */
export async function sendToBackground<Message extends ContentMessage>(
  message: Message,
): Promise<BackgroundResponse<BackgroundReply<Message['type']>>> {
  const reply = await sendUntilDelivered(message, {
    send: (outgoing) => nativeBrowser<RuntimeMessaging>().runtime.sendMessage(outgoing),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  return parseContentReply<Message['type']>(message.type, reply);
}
