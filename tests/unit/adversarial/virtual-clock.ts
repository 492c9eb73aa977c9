import type { Clock } from '../../../src/content/engine/watch';

/**
 * A clock that only moves when told to: the engine and the generated page share it, so a page that
 * renders its switch after nine seconds costs no real waiting, and every run is the same on a busy machine.
 */
export class VirtualClock implements Clock {
  private current = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Runs the earliest pending timer, moving time to it; false when nothing is pending. */
  runNext(): boolean {
    let earliest: [number, { at: number; callback: () => void }] | null = null;
    for (const entry of this.timers) {
      if (!earliest || entry[1].at < earliest[1].at || (entry[1].at === earliest[1].at && entry[0] < earliest[0])) earliest = entry;
    }
    if (!earliest) return false;
    this.timers.delete(earliest[0]);
    this.current = Math.max(this.current, earliest[1].at);
    earliest[1].callback();
    return true;
  }

  /** Moves time to the earliest timer that is not due yet, leaving due ones pending. */
  skipToNextLaterTimer(): void {
    const later = [...this.timers.values()].map((timer) => timer.at).filter((at) => at > this.current);
    if (later.length > 0) this.current = Math.min(...later);
  }

  /** Forgets every pending timer, so a page's own timers never leak into the next page. */
  reset(): void {
    this.timers.clear();
    this.current = 0;
  }
}

/** Lets every queued microtask and MutationObserver delivery run before time moves on. */
function settleMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Drives `pending` to its end on the virtual clock: microtasks first, then the earliest timer, again
 * and again. A promise that waits on nothing the clock knows about is a hang, reported as an error.
 * Zero-delay timers re-armed again and again without time passing are a busy loop: a browser would run
 * them back to back (CPU burnt on a LinkedIn tab) until the next real event, so time jumps there, and
 * `onBusyLoop` hears of it.
 */
export async function runOnVirtualClock<T>(pending: Promise<T>, clock: VirtualClock, onBusyLoop: () => void, maxSteps = 5000): Promise<T> {
  let outcome: { value: T } | { error: unknown } | null = null;
  pending.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  let stepsAtSameTime = 0;
  for (let step = 0; step < maxSteps; step += 1) {
    await settleMicrotasks();
    const finished = outcome as { value: T } | { error: unknown } | null;
    if (finished) {
      if ('error' in finished) throw finished.error;
      return finished.value;
    }
    const before = clock.now();
    if (!clock.runNext()) throw new Error(`the engine waits on nothing at ${clock.now()} ms (a hang)`);
    stepsAtSameTime = clock.now() === before ? stepsAtSameTime + 1 : 0;
    if (stepsAtSameTime >= spinLimit) {
      onBusyLoop();
      clock.skipToNextLaterTimer();
      stepsAtSameTime = 0;
    }
  }
  throw new Error(`the engine looked ${maxSteps} times and had not finished at ${clock.now()} ms: it looks too often or never stops looking`);
}

/** Zero-delay timers re-armed this often without time passing are a busy loop, not waiting. */
const spinLimit = 100;
