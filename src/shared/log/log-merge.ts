import { type AccountRecord, maxAutoFixTimes, type Observation, type SettingRecord } from './log-schema';
import { capHistory } from './log-history';

/**
 * Joining two records of one member without losing or doubling evidence: records whose keys differ only
 * by case (read from storage), and a log imported from an export into the log already here.
 */

/** One check, wherever it is recorded: the setting, when it began, and everything a repeat must share. */
export function entryIdentity(entry: Observation): string {
  return JSON.stringify([entry.ruleId, entry.at, entry.outcome, entry.trigger, entry.lang, entry.way, entry.extensionVersion, entry.diagnostic]);
}

/**
 * Every check of these lists once, in time order. A check found twice is the same entry seen at two
 * moments (repeats merge into it): the one that went on longer is kept, so nothing newer is overwritten.
 */
export function uniqueEntries(lists: readonly (readonly Observation[])[]): Observation[] {
  const byIdentity = new Map<string, Observation>();
  for (const entry of lists.flat()) {
    const identity = entryIdentity(entry);
    const known = byIdentity.get(identity);
    if (!known || entry.lastAt > known.lastAt || (entry.lastAt === known.lastAt && entry.count > known.count)) byIdentity.set(identity, entry);
  }
  return [...byIdentity.values()].sort((a, b) => a.at - b.at);
}

const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/** Two records of one setting: the state of the one checked last, the first opt-out, every entry once. */
function mergeSettingRecord(known: SettingRecord, other: SettingRecord): SettingRecord {
  const newer = (other.lastCheckedAt ?? 0) > (known.lastCheckedAt ?? 0) ? other : known;
  return { ...newer, optedOutAt: earliest(known.optedOutAt, other.optedOutAt), history: capHistory(uniqueEntries([known.history, other.history])) };
}

/** The other settings of records that are one member, setting by setting. */
function mergeSettingMaps(maps: Record<string, SettingRecord>[]): Record<string, SettingRecord> {
  const merged: Record<string, SettingRecord> = {};
  for (const map of maps) {
    for (const [ruleId, setting] of Object.entries(map)) {
      const known = Object.hasOwn(merged, ruleId) ? merged[ruleId] : undefined;
      merged[ruleId] = known ? mergeSettingRecord(known, setting) : setting;
    }
  }
  return merged;
}

/**
 * Records of one member under `key`: the state and name of the one checked (or seen) last, the earliest
 * first-seen and opt-out, the latest last-seen, every entry of every setting once.
 */
export function mergeAccountRecords(records: readonly AccountRecord[], key: string): AccountRecord {
  const newest = records.reduce((a, b) => ((b.lastCheckedAt ?? b.lastSeenAt) > (a.lastCheckedAt ?? a.lastSeenAt) ? b : a));
  return {
    ...newest,
    key,
    firstSeenAt: Math.min(...records.map((record) => record.firstSeenAt)),
    lastSeenAt: Math.max(...records.map((record) => record.lastSeenAt)),
    optedOutAt: records.map((record) => record.optedOutAt).reduce(earliest, null),
    autoFixTimes: records.flatMap((record) => record.autoFixTimes).sort((a, b) => a - b).slice(-maxAutoFixTimes),
    history: capHistory(uniqueEntries(records.map((record) => record.history))),
    settings: mergeSettingMaps(records.map((record) => record.settings)),
  };
}
