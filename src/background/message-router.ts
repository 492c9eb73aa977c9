import { BackgroundMessage, type BackgroundMessageType, type BackgroundReply, type BackgroundResponse, senderKindFor, type SenderKind } from '../shared/messages/background-messages';
import type * as z from 'zod/mini';
import { issueText } from './issue-text';
import type { CookieStore } from '../shared/storage/operation-state';
import { cookieStoreOf } from './cookie-store';

/**
 * The background's trust boundary: every message is parsed with zod and its sender checked before any
 * handler runs. Malformed or foreign messages get a clear error and change nothing.
 */

export const linkedInOrigin = 'https://www.linkedin.com';

/** What the runtime tells about a sender; only these fields are trusted, and only from the runtime itself. */
export type MessageSender = {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; cookieStoreId?: string; incognito?: boolean; windowId?: number };
};

export type VerifiedSender =
  | { kind: 'content-script'; tabId: number; cookieStore: CookieStore | null; path: string }
  | { kind: 'extension-page' };

export type Handlers = {
  [Type in BackgroundMessageType]: (
    message: Extract<BackgroundMessage, { type: Type }>,
    sender: Extract<VerifiedSender, { kind: (typeof senderKindFor)[Type] }>,
  ) => Promise<BackgroundReply<Type>>;
};

function parsedUrl(url: string | undefined): URL | null {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}

/**
 * Content scripts only from the top frame of a www.linkedin.com tab; pages only from this extension,
 * recognised by its own base URL: `data:`, `about:blank`, `file:` and foreign extensions all have the
 * origin "null", which therefore never counts.
 */
export function verifySender(sender: MessageSender, extensionId: string, extensionBaseUrl: string): VerifiedSender | string {
  if (sender.id !== extensionId) return 'message from another extension or a web page';
  if (sender.url?.startsWith(extensionBaseUrl)) return { kind: 'extension-page' };
  const url = parsedUrl(sender.url);
  const origin = url?.origin ?? sender.origin ?? null;
  if (origin === linkedInOrigin) {
    if (sender.frameId !== 0) return 'message from a frame inside LinkedIn, not the page itself';
    if (typeof sender.tab?.id !== 'number') return 'message from LinkedIn outside a tab';
    return { kind: 'content-script', tabId: sender.tab.id, cookieStore: cookieStoreOf(sender.tab), path: url?.pathname ?? '/' };
  }
  return `message from an unexpected origin (${origin ?? 'none'})`;
}

function describeIssues(error: { issues: z.core.$ZodIssue[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'message'}: ${issueText(issue)}`)
    .join('; ');
}

export function createMessageRouter(handlers: Handlers, extensionId: string, extensionBaseUrl: string) {
  return async function route(raw: unknown, sender: MessageSender): Promise<BackgroundResponse> {
    const verified = verifySender(sender, extensionId, extensionBaseUrl);
    if (typeof verified === 'string') return { ok: false, error: `rejected: ${verified}` };
    const parsed = BackgroundMessage.safeParse(raw);
    if (!parsed.success) return { ok: false, error: `rejected: malformed message (${describeIssues(parsed.error)})` };
    const message = parsed.data;
    const expected: SenderKind = senderKindFor[message.type];
    if (verified.kind !== expected) {
      return { ok: false, error: `rejected: '${message.type}' is not accepted from a ${verified.kind}` };
    }
    try {
      const handler = handlers[message.type] as (message: BackgroundMessage, sender: VerifiedSender) => Promise<unknown>;
      return { ok: true, value: await handler(message, verified) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
