import type { WaitingStart } from '../shared/storage/operation-state';
import { storeKeyOf } from './cookie-store';
import type { Store } from './store';

/**
 * Starts that wait for the operation of another cookie store (the extension runs one operation at a time):
 * two members opening LinkedIn together in two containers are both checked, one after the other. Kept in
 * `storage.session`, so a stopped worker still starts them. Callers run inside the operations' queue.
 */

/** A user's request outranks an automatic one, and an opt-out outranks a check. */
function merged(waiting: WaitingStart, asked: WaitingStart): WaitingStart {
  return {
    ...waiting,
    kind: waiting.kind === 'opt-out' || asked.kind === 'opt-out' ? 'opt-out' : 'check',
    trigger: waiting.trigger === 'user' || asked.trigger === 'user' ? 'user' : waiting.trigger,
    walk: waiting.walk || asked.walk,
  };
}

export function createStartLine(store: Store) {
  return {
    /** Puts a start in line; one already waiting for the same store takes it in instead. Returns the id it will run under. */
    async wait(asked: WaitingStart): Promise<string> {
      const line = await store.readWaitingStarts();
      const index = line.findIndex((waiting) => storeKeyOf(waiting.cookieStore) === storeKeyOf(asked.cookieStore));
      const waiting = line[index];
      if (waiting) {
        await store.writeWaitingStarts(line.map((entry, at) => (at === index ? merged(waiting, asked) : entry)));
        return waiting.id;
      }
      await store.writeWaitingStarts([...line, asked]);
      return asked.id;
    },

    /** Takes the longest-waiting start out of the line. */
    async next(): Promise<WaitingStart | null> {
      const [first, ...rest] = await store.readWaitingStarts();
      if (!first) return null;
      await store.writeWaitingStarts(rest);
      return first;
    },
  };
}
