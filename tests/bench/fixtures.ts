import { type AccountRecord, emptyLog, headlineRuleId, newAccountRecord, type Observation, type OptOutLog } from '../../src/shared/log/log-schema';
import type { SimAccount, SimKnobs } from '../simulator';

/** The one simulated member every benchmark signs in as, and the simulator conditions it runs under. */

export const member: SimAccount = { id: 'bench-member-1', name: 'Bea Bench', urn: 'urn:li:fs_miniProfile:ACoAABench1', lang: 'en' };

export type NetworkCondition = { id: 'zero' | 'realistic'; label: string; knobs: Pick<SimKnobs, 'latencyMs' | 'renderDelayMs'> };

/** "Zero" is the simulator with nothing added; "realistic" is a slow connection and a settings app that renders late. */
export const networkConditions: readonly NetworkCondition[] = [
  { id: 'zero', label: '0 ms latency, toggle at once', knobs: { latencyMs: 0, renderDelayMs: 0 } },
  { id: 'realistic', label: '150 ms/request, toggle after 1 s', knobs: { latencyMs: 150, renderDelayMs: 1000 } },
];

/** Runs per condition and path; BENCH_RUNS lowers it while developing (the issue asks for at least 7). */
export const runsPerCondition = Math.max(1, Number(process.env.BENCH_RUNS ?? 7) || 7);

const hour = 3_600_000;

function observation(at: number, index: number): Observation {
  return {
    ruleId: headlineRuleId,
    at,
    lastAt: at,
    count: 1,
    outcome: index % 5 === 0 ? 'turned-off' : 'off',
    trigger: index % 5 === 0 ? 'user' : 'recheck',
    lang: 'en',
    way: 'direct',
    extensionVersion: '1.0.0',
    totalMs: 2500 + (index % 17) * 40,
    diagnostic: null,
  };
}

/** A member whose setting is off and was last read `checkedAgoMs` ago; `history` observations, newest last. */
export function accountRecord(key: string, name: string, now: number, checkedAgoMs: number, history = 1): AccountRecord {
  const checkedAt = now - checkedAgoMs;
  return {
    ...newAccountRecord({ key, name }, now - 400 * 24 * hour),
    lastSeenAt: now,
    lastCheckedAt: checkedAt,
    state: 'off',
    optedOutAt: now - 300 * 24 * hour,
    offSince: now - 300 * 24 * hour,
    lastAutoCheckAt: checkedAt,
    history: Array.from({ length: history }, (_, index) => observation(checkedAt - (history - 1 - index) * 6 * hour, index)),
  };
}

/** The stored log with `accounts` members sharing `entries` history entries between them; `member` is the current one. */
export function seededLog(now: number, options: { accounts: number; entries: number; checkedAgoMs: number }): OptOutLog {
  const records: AccountRecord[] = [];
  for (let index = 0; index < options.accounts; index += 1) {
    const key = index === 0 ? member.id : `bench-other-${String(index)}`;
    const name = index === 0 ? member.name : `Other Member ${String(index)}`;
    const share = Math.floor(options.entries / options.accounts) + (index < options.entries % options.accounts ? 1 : 0);
    records.push(accountRecord(key, name, now, options.checkedAgoMs, Math.max(1, share)));
  }
  return { ...emptyLog(), accounts: Object.fromEntries(records.map((record) => [record.key, record])), currentAccountKey: records.length > 0 ? member.id : null };
}
