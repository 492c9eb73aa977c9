import { type AccountRecord, type OptOutLog, settingRecordOf } from '../shared/log/log-schema';
import { displayState, type DisplayState, problemDisplay } from '../shared/log/log-display';
import type { LastResult, Operation } from '../shared/storage/operation-state';
import { isFailureKind } from '../shared/log/outcome';
import type { Preferences } from '../shared/preferences/preferences';
import { notCheckedRecently } from '../shared/log/staleness';

/**
 * The toolbar badge: a warning when any account has AI training on (above all when it flipped back on),
 * a neutral mark while something needs the user or an "off" has not been confirmed for too long, a calm
 * mark when every known account is off and recently checked.
 */

export type Translate = (key: string, substitutions?: string | string[]) => string;

export type BadgeLevel = 'warning' | 'attention' | 'checking' | 'stale' | 'all-off' | 'none';

export type Badge = { level: BadgeLevel; text: string; color: string; title: string };

export const badgeStyles = {
  warning: { text: '!', color: '#B3261E' },
  attention: { text: '?', color: '#8A5A00' },
  checking: { text: '…', color: '#3F5F90' },
  stale: { text: '?', color: '#5F6368' },
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

/** Each chosen setting that reads on for some account, named: "LinkedIn turned X back on for Jana". */
function otherSettingsOn(records: AccountRecord[], preferences: Preferences, t: Translate): string[] {
  return preferences.chosenSettings.flatMap((ruleId) => {
    const settings = records.map((record) => ({ record, setting: settingRecordOf(record, ruleId) }));
    const on = settings.filter(({ setting }) => setting?.state === 'on');
    if (on.length === 0) return [];
    const flipped = on.filter(({ setting }) => setting?.flippedBackAt !== null).map(({ record }) => record);
    const settingName = t(`settingName_${ruleId}`);
    return [flipped.length > 0 ? t('badgeTitleSettingFlippedBack', [settingName, names(flipped)]) : t('badgeTitleSettingOn', [settingName, names(on.map(({ record }) => record))])];
  });
}

export function computeBadge(
  log: OptOutLog,
  operation: Operation | null,
  preferences: Preferences,
  now: number,
  t: Translate,
  lastResult: LastResult | null = null,
): Badge {
  const records = Object.values(log.accounts);
  const states = records.map((record) => ({ record, state: displayState(record, false) }));
  const on = states.filter(({ state }) => state === 'on').map(({ record }) => record);
  const otherOn = otherSettingsOn(records, preferences, t);
  if (on.length > 0 || otherOn.length > 0) {
    const flipped = on.filter((record) => record.flippedBackAt !== null);
    const headline = on.length === 0 ? [] : [flipped.length > 0 ? t('badgeTitleFlippedBack', names(flipped)) : t('badgeTitleOn', names(on))];
    return { level: 'warning', ...badgeStyles.warning, title: [...headline, ...otherOn].join(' · ') };
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
  const stale = records.filter((record) => notCheckedRecently(record, preferences, now));
  if (stale.length > 0) return { level: 'stale', ...badgeStyles.stale, title: t('badgeTitleNotCheckedRecently', names(stale)) };
  if (records.length > 0) return { level: 'all-off', ...badgeStyles['all-off'], title: t('badgeTitleAllOff', names(records)) };
  return { level: 'none', ...badgeStyles.none, title: t('actionTitle') };
}
