import type { Observation } from './log-schema';

/**
 * An account's history as evidence: identical consecutive checks are one entry with a count and a first
 * and last time, and the entries that prove something (the first "turned off", every change of state)
 * are never dropped, whatever the cap.
 */

/** Entries kept per account before plain repeats and failures are dropped; evidence is never dropped. */
export const maxHistoryPerAccount = 1000;

const readings = new Set<Observation['outcome']>(['on', 'off', 'turned-off']);
const stateRead = (outcome: Observation['outcome']) => (outcome === 'on' ? 'on' : 'off');

/** Same result, same circumstances: a repeat that adds nothing but a count. */
function sameCheck(a: Observation, b: Observation): boolean {
  return (
    a.ruleId === b.ruleId &&
    a.outcome === b.outcome &&
    a.trigger === b.trigger &&
    a.lang === b.lang &&
    a.way === b.way &&
    a.extensionVersion === b.extensionVersion &&
    a.diagnostic === b.diagnostic
  );
}

/**
 * The entries that are the member's evidence, kept forever: the first "turned off", and every reading
 * that changed the setting's state (the first reading included).
 */
export function evidenceIndexes(history: readonly Observation[]): Set<number> {
  const kept = new Set<number>();
  let lastState: 'on' | 'off' | null = null;
  let firstTurnedOff = true;
  history.forEach((entry, index) => {
    if (entry.outcome === 'turned-off' && firstTurnedOff) {
      kept.add(index);
      firstTurnedOff = false;
    }
    if (!readings.has(entry.outcome)) return;
    const state = stateRead(entry.outcome);
    if (state !== lastState) kept.add(index);
    lastState = state;
  });
  return kept;
}

/** Over the cap, the oldest entries that are not evidence go first; evidence alone may exceed it. */
export function capHistory(history: Observation[]): Observation[] {
  if (history.length <= maxHistoryPerAccount) return history;
  const evidence = evidenceIndexes(history);
  let surplus = history.length - maxHistoryPerAccount;
  return history.filter((_, index) => {
    if (surplus === 0 || evidence.has(index)) return true;
    surplus -= 1;
    return false;
  });
}

/**
 * Adds a check: merged into the last entry when it repeats it, else a new entry. A clock that went back
 * never merges (the entry is stored as read, in the order it happened), so no time is overwritten.
 */
export function appendObservation(history: readonly Observation[], observation: Observation): Observation[] {
  const last = history.at(-1);
  if (last && sameCheck(last, observation) && observation.at >= last.lastAt) {
    const merged: Observation = { ...last, lastAt: observation.at, count: last.count + 1, totalMs: observation.totalMs };
    return [...history.slice(0, -1), merged];
  }
  return capHistory([...history, observation]);
}
