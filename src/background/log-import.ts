import { isRecord } from '../shared/validation/is-record';
import { type AccountRecord, accountRecord, logVersion, maxUnconfirmed, type Observation, type OptOutLog } from '../shared/log/log-schema';
import { loadLog } from '../shared/log/log-migration';
import { entryIdentity, mergeAccountRecords, uniqueEntries } from '../shared/log/log-merge';
import { type ImportRefusal, maxImportChars } from '../shared/messages/import-limits';

/**
 * Evidence that survives a move: a log exported as JSON (by this browser or another, by this release or an
 * earlier one) read with the log's own migrations and checks, then merged into the log here. A file that
 * is not entirely readable is refused as a whole, so an import never stores a guess.
 */

export type ReadImport = { log: OptOutLog } | { refusal: ImportRefusal; detail: string };

export function readImportedLog(text: string, now: number): ReadImport {
  if (text.length > maxImportChars) return { refusal: 'too-large', detail: `${String(text.length)} characters` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { refusal: 'not-json', detail: (error instanceof Error ? error.message : String(error)).slice(0, 300) };
  }
  if (!isRecord(raw) || !isRecord(raw.accounts) || !Number.isInteger(raw.version) || (raw.version as number) < 1) {
    return { refusal: 'not-a-log', detail: 'no version and accounts' };
  }
  if ((raw.version as number) > logVersion) return { refusal: 'newer-version', detail: `log version ${String(raw.version)}, this release reads up to ${String(logVersion)}` };
  const loaded = loadLog(raw, now);
  const [first] = loaded.repairs;
  if (first) return { refusal: 'damaged', detail: `${first.where}: ${first.problem}`.slice(0, 300) };
  return { log: loaded.log };
}

function entriesOf(record: AccountRecord): Observation[][] {
  return [record.history, ...Object.values(record.settings).map((setting) => setting.history)];
}

/**
 * The imported log joined to the one here, account by account (`mergeAccountRecords`): every entry once,
 * the state of whichever read it last. What only this browser knows stays as it is: the signed-in account,
 * the repair notes, and the automatic-check throttle (another browser's checks must not delay this one's).
 * `added` counts the entries that are new here or went on longer in the file; when there are none (and no
 * new account) the same log object comes back, so nothing is written.
 */
export function mergeImportedLog(current: OptOutLog, imported: OptOutLog): { log: OptOutLog; added: number } {
  // An entry and how far it went: a longer repeat of an entry here counts as news too.
  const seen = (entry: Observation) => `${entryIdentity(entry)}|${String(entry.lastAt)}|${String(entry.count)}`;
  const known = new Set([...Object.values(current.accounts).flatMap((record) => entriesOf(record).flat()), ...(current.unconfirmed ?? [])].map(seen));

  let newAccounts = 0;
  const joined = Object.entries(imported.accounts).map(([key, record]): [string, AccountRecord] => {
    const here = accountRecord(current, key);
    if (here) return [key, { ...mergeAccountRecords([here, record], key), lastAutoCheckAt: here.lastAutoCheckAt, autoFailures: here.autoFailures, autoFixTimes: here.autoFixTimes }];
    newAccounts += 1;
    return [key, { ...record, lastAutoCheckAt: null, autoFailures: 0, autoFixTimes: [] }];
  });
  // fromEntries defines own properties: an account named "__proto__" stays an account.
  const accounts: Record<string, AccountRecord> = Object.fromEntries([...Object.entries(current.accounts), ...joined]);
  const unconfirmed = uniqueEntries([current.unconfirmed ?? [], imported.unconfirmed ?? []]).slice(-maxUnconfirmed);

  const merged: OptOutLog = { ...current, accounts, ...(unconfirmed.length > 0 ? { unconfirmed } : {}) };
  const added = [...Object.values(accounts).flatMap((record) => entriesOf(record).flat()), ...unconfirmed].filter((entry) => !known.has(seen(entry))).length;
  return added === 0 && newAccounts === 0 ? { log: current, added: 0 } : { log: merged, added };
}
