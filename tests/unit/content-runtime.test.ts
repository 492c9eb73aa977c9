import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendToBackground, sendUntilDelivered, undeliveredBackoffMs, undeliveredRetries } from '../../src/shared/messages/content-sender';

/** A message sent while Firefox unloads the idle event page is refused unread; sending it again wakes the page. */
const undelivered = () => new Error('Could not establish connection. Receiving end does not exist.');

/** A reply of nothing: only another extension page's listener heard the message (docs/linkedin.md §9). */
const unanswered = undefined;

/** Answers each send with the next of `first` (an Error is a refusal by the browser), then always with `answer`. */
function scriptedSend(first: unknown[], answer: unknown) {
  const sent: unknown[] = [];
  const waits: number[] = [];
  return {
    sent,
    waits,
    options: {
      send: (message: unknown) => {
        sent.push(message);
        const reply = first.length > 0 ? first.shift() : answer;
        return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
      },
      wait: (ms: number) => {
        waits.push(ms);
        return Promise.resolve();
      },
    },
  };
}

describe('content script messages lost while the background is away', () => {
  const report = { type: 'engine-report', opId: 'op-1' };

  it('sends again after a message that reached no background, with a growing pause, and returns the answer', async () => {
    const channel = scriptedSend([undelivered(), undelivered()], { ok: true, value: null });
    await expect(sendUntilDelivered(report, channel.options)).resolves.toEqual({ ok: true, value: null });
    expect(channel.sent).toEqual([report, report, report]);
    expect(channel.waits).toEqual([undeliveredBackoffMs, 2 * undeliveredBackoffMs]);
  });

  it('gives up after a bounded number of retries with the browser\'s error', async () => {
    const channel = scriptedSend(Array.from({ length: 20 }, undelivered), { ok: true, value: null });
    await expect(sendUntilDelivered(report, channel.options)).rejects.toThrow(/Receiving end does not exist/);
    expect(channel.sent).toHaveLength(1 + undeliveredRetries);
  });

  it('sends again after a reply of nothing, which no background gives, and returns the answer', async () => {
    const channel = scriptedSend([unanswered, undelivered(), unanswered], { ok: true, value: null });
    await expect(sendUntilDelivered(report, channel.options)).resolves.toEqual({ ok: true, value: null });
    expect(channel.sent).toEqual([report, report, report, report]);
    expect(channel.waits).toEqual([undeliveredBackoffMs, 2 * undeliveredBackoffMs, 3 * undeliveredBackoffMs]);
  });

  it('after the last retry, a reply of nothing is what the caller gets', async () => {
    const channel = scriptedSend([], unanswered);
    await expect(sendUntilDelivered(report, channel.options)).resolves.toBeUndefined();
    expect(channel.sent).toHaveLength(1 + undeliveredRetries);
  });

  it('tells the engine "no answer from the background" when no background answered any of the sends', async () => {
    vi.useFakeTimers();
    const sendMessage = vi.fn(async () => unanswered);
    vi.stubGlobal('chrome', { runtime: { sendMessage } });
    try {
      const answer = sendToBackground({ type: 'engine-progress', opId: 'op-1234', phase: 'reading' });
      await vi.runAllTimersAsync();
      await expect(answer).resolves.toEqual({ ok: false, error: 'no answer from the background' });
      expect(sendMessage).toHaveBeenCalledTimes(1 + undeliveredRetries);
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });

  it('never sends again after an error that may have reached the background', async () => {
    const channel = scriptedSend([new Error('Message manager disconnected')], { ok: true, value: null });
    await expect(sendUntilDelivered(report, channel.options)).rejects.toThrow('Message manager disconnected');
    expect(channel.sent).toEqual([report]);
    expect(channel.waits).toEqual([]);
  });

  it('takes the background\'s refusal as an answer: a report for an operation that ended is not sent again', async () => {
    const refusal = { ok: false, error: 'this operation has already ended' };
    const channel = scriptedSend([], refusal);
    await expect(sendUntilDelivered(report, channel.options)).resolves.toEqual(refusal);
    expect(channel.sent).toEqual([report]);
  });
});

describe('which API the content script sends through', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('uses chrome when a page element with id="browser" shows up as a global named browser', async () => {
    const element = document.createElement('div');
    element.id = 'browser';
    const sendMessage = vi.fn(async () => ({ ok: false, error: 'refused' }));
    vi.stubGlobal('browser', element);
    vi.stubGlobal('chrome', { runtime: { sendMessage } });
    const answer = await sendToBackground({ type: 'engine-progress', opId: 'op-1234', phase: 'reading' });
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(answer).toEqual({ ok: false, error: 'refused' });
  });

  it("uses Firefox's browser when it really is the extension API", async () => {
    const firefoxSend = vi.fn(async () => ({ ok: false, error: 'refused' }));
    const chromeSend = vi.fn();
    vi.stubGlobal('browser', { runtime: { sendMessage: firefoxSend } });
    vi.stubGlobal('chrome', { runtime: { sendMessage: chromeSend } });
    await sendToBackground({ type: 'engine-progress', opId: 'op-1234', phase: 'reading' });
    expect(firefoxSend).toHaveBeenCalledTimes(1);
    expect(chromeSend).not.toHaveBeenCalled();
  });
});
