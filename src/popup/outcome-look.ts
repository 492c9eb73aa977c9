import type { OutcomeKind } from '../shared/log/outcome';
import type { PopupMessageKey } from './i18n';

/** How each outcome and state looks in the popup: its words and its tone, never colour alone. */

export type Tone = 'ok' | 'warning' | 'info' | 'busy';
export type StateIcon = 'ok' | 'warning' | 'unknown' | 'busy';

/** How each outcome reads: the sentence after an operation, the word in the history, and its tone. */
export const outcomeLook = {
  'turned-off': { result: 'popupResultTurnedOff', short: 'popupOutcomeTurnedOff', tone: 'ok' },
  off: { result: 'popupResultOff', short: 'popupOutcomeOff', tone: 'ok' },
  on: { result: 'popupResultOn', short: 'popupOutcomeOn', tone: 'warning' },
  'signed-out': { result: 'popupResultSignedOut', short: 'popupOutcomeSignedOut', tone: 'warning' },
  challenge: { result: 'popupResultChallenge', short: 'popupOutcomeChallenge', tone: 'warning' },
  'not-offered': { result: 'popupResultNotOffered', short: 'popupOutcomeNotOffered', tone: 'info' },
  'not-found': { result: 'popupResultNotFound', short: 'popupOutcomeNotFound', tone: 'warning' },
  'save-failed': { result: 'popupResultSaveFailed', short: 'popupOutcomeSaveFailed', tone: 'warning' },
  timeout: { result: 'popupResultTimeout', short: 'popupOutcomeTimeout', tone: 'warning' },
  unreadable: { result: 'popupResultUnreadable', short: 'popupOutcomeUnreadable', tone: 'warning' },
  'account-unconfirmed': { result: 'popupResultAccountUnconfirmed', short: 'popupOutcomeAccountUnconfirmed', tone: 'warning' },
  'clicked-unverified': { result: 'popupResultClickedUnverified', short: 'popupOutcomeClickedUnverified', tone: 'warning' },
} as const satisfies Record<OutcomeKind, { result: PopupMessageKey; short: PopupMessageKey; tone: Tone }>;
