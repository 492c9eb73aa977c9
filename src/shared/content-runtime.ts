import { parseContentReply } from './content-replies';
import type { BackgroundReply, BackgroundResponse, ContentMessage } from './messages';

/**
 * The content script's only contact with the extension: runtime messaging, through the browser's own
 * MV3 promise API (`browser` in Firefox, `chrome` in Chrome and Edge). Not the polyfill that
 * `browser.ts` wraps for the other contexts: this script runs on every LinkedIn page, and the
 * polyfill would more than half again its size (tests/unit/conventions.test.ts keeps it out).
 */

type RuntimeMessaging = { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const extension = ((globalThis as { browser?: RuntimeMessaging }).browser ?? chrome) as RuntimeMessaging;

/** The content script's one typed send: the reply is checked against what its request type declares. */
export async function sendToBackground<Message extends ContentMessage>(
  message: Message,
): Promise<BackgroundResponse<BackgroundReply<Message['type']>>> {
  return parseContentReply<Message['type']>(message.type, await extension.runtime.sendMessage(message));
}
