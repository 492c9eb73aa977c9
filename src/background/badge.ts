import { type AccountRecord, displayState, type DisplayState, type OptOutLog, problemDisplay } from '../shared/log';
import type { LastResult, Operation } from '../shared/operation';
import { isFailureKind } from '../shared/outcome';

/**
 * The toolbar badge: a warning when any account has AI training on (above all when it flipped back on),
 * a neutral mark while something needs the user, a calm mark when every known account is off.
 */

export type Translate = (key: string, substitutions?: string | string[]) => string;

export type BadgeLevel = 'warning' | 'attention' | 'checking' | 'all-off' | 'none';

export type Badge = { level: BadgeLevel; text: string; color: string; title: string };

export const badgeStyles = {
  warning: { text: '!', color: '#B3261E' },
  attention: { text: '?', color: '#8A5A00' },
  checking: { text: '…', color: '#3F5F90' },
  'all-off': { text: '✓', color: '#1E7B34' },
  none: { text: '', color: '#3F5F90' },
} as const satisfies Record<BadgeLevel, { text: string; color: string }>;

const attentionMessage = {
  'signed-out': 'attentionSignedOut',
  challenge: 'attentionChallenge',
  'not-found': 'attentionNotFound',
  error: 'attentionError',
  unknown: 'attentionUnknown',
} as const satisfies Partial<Record<DisplayState, string>>;

function names(records: AccountRecord[]): string {
  return records.map((record) => record.name || record.key).join(', ');
}

/** A failure the page could not tie to an account (signed out, a check page, account not shown) still needs the member. */
function unattributedProblem(lastResult: LastResult | null): DisplayState | null {
  const kind = lastResult?.outcome.kind;
  return lastResult && lastResult.accountKey === null && kind && isFailureKind(kind) ? problemDisplay[kind] : null;
}

export function computeBadge(log: OptOutLog, operation: Operation | null, t: Translate, lastResult: LastResult | null = null): Badge {
  const records = Object.values(log.accounts);
  const states = records.map((record) => ({ record, state: displayState(record, false) }));
  const on = states.filter(({ state }) => state === 'on').map(({ record }) => record);
  if (on.length > 0) {
    const flipped = on.filter((record) => record.flippedBackAt !== null);
    const title = flipped.length > 0 ? t('badgeTitleFlippedBack', names(flipped)) : t('badgeTitleOn', names(on));
    return { level: 'warning', ...badgeStyles.warning, title };
  }
  if (operation) return { level: 'checking', ...badgeStyles.checking, title: t('badgeTitleChecking') };
  // "Not offered" is not a problem the user can fix: it counts as calm.
  const needing = states
    .filter(({ state }) => state !== 'off' && state !== 'not-offered')
    .map(({ record, state }) => ({ name: record.name || record.key, state }));
  const unattributed = unattributedProblem(lastResult);
  if (unattributed && unattributed !== 'not-offered') needing.push({ name: t('badgeSignedInAccount'), state: unattributed });
  if (needing.length > 0) {
    const details = needing
      .map(({ name, state }) => t(attentionMessage[state as keyof typeof attentionMessage] ?? 'attentionUnknown', name))
      .join(', ');
    return { level: 'attention', ...badgeStyles.attention, title: t('badgeTitleAttention', details) };
  }
  if (records.length > 0) return { level: 'all-off', ...badgeStyles['all-off'], title: t('badgeTitleAllOff', names(records)) };
  return { level: 'none', ...badgeStyles.none, title: t('actionTitle') };
}
