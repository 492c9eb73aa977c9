/** Time source and timers, injected so unit tests run on fake timers and the engine stays pure. */
export type Clock = {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A probe either finds what it watches for, or names the time it wants to look again without a DOM change. */
export type ProbeResult<T> = { found: T } | { recheckAt?: number };

export type WatchOptions = { clock: Clock; signal: AbortSignal; deadline: number };

/**
 * Evaluates `probe` now, on every DOM change below `root`, and at the times it asks for, until it finds
 * something, the deadline passes (`'timeout'`) or the signal aborts (`'aborted'`). No polling interval:
 * a MutationObserver callback runs within the same frame as the change, which keeps reaction time low.
 */
export function watchDom<T>(
  root: Node,
  probe: (now: number) => ProbeResult<T>,
  { clock, signal, deadline }: WatchOptions,
): Promise<T | 'timeout' | 'aborted'> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve('aborted');
    let settled = false;
    let recheckTimer: unknown = null;
    const observer = new MutationObserver(() => evaluate());
    const deadlineTimer = clock.setTimeout(() => finish('timeout'), Math.max(0, deadline - clock.now()));
    const onAbort = () => finish('aborted');

    function finish(result: T | 'timeout' | 'aborted'): void {
      if (settled) return;
      settled = true;
      observer.disconnect();
      clock.clearTimeout(deadlineTimer);
      if (recheckTimer !== null) clock.clearTimeout(recheckTimer);
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    }

    function evaluate(): void {
      if (settled) return;
      const now = clock.now();
      if (now >= deadline) return finish('timeout');
      const result = probe(now);
      if ('found' in result) return finish(result.found);
      if (recheckTimer !== null) clock.clearTimeout(recheckTimer);
      recheckTimer = result.recheckAt === undefined
        ? null
        : clock.setTimeout(evaluate, Math.max(0, Math.min(result.recheckAt, deadline) - now));
    }

    signal.addEventListener('abort', onAbort);
    observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    evaluate();
  });
}

/** Resolves after `ms`, or early when the signal aborts. */
export function pause(ms: number, { clock, signal }: Omit<WatchOptions, 'deadline'>): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(done, ms);
    function done(): void {
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
