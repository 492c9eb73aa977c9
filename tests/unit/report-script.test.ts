import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { negationWords } from '../../src/shared/rules/label-match';
import { aiTrainingRule } from '../../src/shared/rules/setting-rules';
import { globalNav, mountPage } from './fixtures/linkedin-pages';

/**
 * content.js, the script of every LinkedIn page outside the settings app (README, Performance: LinkedIn pages): nothing while the page
 * loads, one report naming the member once it is idle, and a wait for a late header only when the
 * background asks for it.
 */

type Sent = { type: string } & Record<string, unknown>;

let idleCallbacks: Array<() => void> = [];
let sent: Sent[] = [];

/** The extension's runtime as the script finds it, answering each message with `answer`. */
function installRuntime(answer: (message: Sent) => unknown): void {
  sent = [];
  const sendMessage = (message: Sent) => {
    sent.push(message);
    return Promise.resolve({ ok: true, value: answer(message) });
  };
  vi.stubGlobal('chrome', { runtime: { sendMessage } });
}

async function startScript(): Promise<void> {
  await import('../../src/content');
}

/** The browser's next idle moment, once the script has asked for one (it first lets LinkedIn's start-up pass, on the faked timers). */
async function pageGoesIdle(): Promise<void> {
  await vi.waitFor(
    async () => {
      await vi.advanceTimersToNextTimerAsync();
      expect(idleCallbacks.length).toBeGreaterThan(0);
    },
    { timeout: 3000 },
  );
  const due = idleCallbacks;
  idleCallbacks = [];
  for (const callback of due) callback();
}

beforeEach(() => {
  // The script's second of LinkedIn's start-up passes on faked timers: seven of them waited a real second each.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.resetModules();
  idleCallbacks = [];
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => idleCallbacks.push(callback));
  mountPage('/feed/', `${globalNav()}<main><h1>Feed</h1></main>`, 'en', 'Feed | LinkedIn');
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('content.js on an ordinary LinkedIn page', () => {
  const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };

  it('sends nothing while the page loads and starts up; after that and an idle moment, one report naming the member', async () => {
    installRuntime(() => ({ do: 'idle' }));
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('interactive');
    await startScript();
    expect(idleCallbacks).toHaveLength(0);
    window.dispatchEvent(new Event('load'));
    await vi.advanceTimersByTimeAsync(200);
    expect(idleCallbacks).toHaveLength(0);
    expect(sent).toEqual([]);
    await pageGoesIdle();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ type: 'page-opened', account: jana, lang: 'en' });
  });

  it('a header not rendered yet: when nothing is due, it is not waited for', async () => {
    mountPage('/feed/', '<main><h1>Feed</h1></main>', 'en', 'Feed | LinkedIn');
    installRuntime(() => ({ do: 'idle' }));
    await startScript();
    await pageGoesIdle();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    document.body.insertAdjacentHTML('afterbegin', globalNav());
    await vi.advanceTimersByTimeAsync(50);
    expect(sent).toEqual([{ type: 'page-opened', account: null, lang: 'en' }]);
  });

  it('a header not rendered yet: asked to identify, it waits for the header and reports the member', async () => {
    mountPage('/feed/', '<main><h1>Feed</h1></main>', 'en', 'Feed | LinkedIn');
    installRuntime((message) => (message.type === 'page-opened' ? { do: 'identify' } : null));
    await startScript();
    await pageGoesIdle();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    document.body.insertAdjacentHTML('afterbegin', globalNav());
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toEqual({ type: 'account-seen', account: jana });
  });

  it('asked to identify on a sign-in page, reports nobody', async () => {
    mountPage('/login', '<main><h1>Sign in</h1></main>', 'en', 'LinkedIn Login');
    installRuntime((message) => (message.type === 'page-opened' ? { do: 'identify' } : null));
    await startScript();
    await pageGoesIdle();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(20);
    expect(sent).toEqual([{ type: 'page-opened', account: null, lang: 'en' }]);
  });
});

describe('content.js in a helper tab that LinkedIn sent away from the settings app', () => {
  const instruction = { do: 'read', opId: 'op-report-1', rule: aiTrainingRule, walk: false, negationWords, deadlineMs: 30_000 };

  it.each([
    ['/uas/login', 'LinkedIn Login', 'signed-out', 'direct'],
    ['/checkpoint/challenge/x', 'Security Verification | LinkedIn', 'challenge', 'direct'],
    ['/feed/', 'Feed | LinkedIn', 'not-found', 'walk'],
  ])('on %s reports "%s" for its operation, clicking nothing', async (path, title, failure, way) => {
    mountPage(path, `${path === '/feed/' ? globalNav() : ''}<main><button type="button">Anything</button></main>`, 'en', title);
    const clicks = vi.fn();
    document.addEventListener('click', clicks, true);
    installRuntime((message) => (message.type === 'page-opened' ? instruction : null));
    await startScript();
    await pageGoesIdle();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ type: 'engine-report', opId: 'op-report-1', report: { kind: 'failed', failure, way, toggleFoundMs: null } });
    expect(clicks).not.toHaveBeenCalled();
  });
});
