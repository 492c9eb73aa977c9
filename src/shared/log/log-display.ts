import * as z from 'zod/mini';
import type { SettingRecord } from './log-schema';
import type { FailureKind } from './outcome';

/** What the popup and the badge show from the log. */


/** One word per account row, the contract that end-to-end tests read from `data-state`. */
export const DisplayState = z.enum([
  'on',
  'off',
  'unknown',
  'checking',
  'signed-out',
  'challenge',
  'not-offered',
  'not-found',
  'error',
]);
export type DisplayState = z.infer<typeof DisplayState>;

/** How an account's pending problem shows; also how a result filed under no account shows on the badge. */
export const problemDisplay = {
  'signed-out': 'signed-out',
  challenge: 'challenge',
  'not-offered': 'not-offered',
  'not-found': 'not-found',
  'save-failed': 'error',
  timeout: 'error',
  unreadable: 'error',
  // A click that no fresh load confirmed: neither off nor on, something to check again.
  'clicked-unverified': 'error',
  // Never an account's problem (such results are filed under no account); listed for completeness.
  'account-unconfirmed': 'unknown',
} as const satisfies Record<FailureKind, DisplayState>;

/** Running shows as checking; "on" outranks everything; a pending problem outranks "off" and "unknown". */
export function displayState(record: Pick<SettingRecord, 'state' | 'problem'>, checking: boolean): DisplayState {
  if (checking) return 'checking';
  if (record.state === 'on') return 'on';
  return record.problem ? problemDisplay[record.problem] : record.state;
}
