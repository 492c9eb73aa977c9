import { accountRecord } from '../shared/log/log-schema';
import { displayState, type DisplayState } from '../shared/log/log-display';
import type { AccountSummary } from '../shared/log/log-summary';
import type { Operation } from '../shared/storage/operation-state';
import { otherSettingRules, type RuleId } from '../shared/rules/setting-rules';
import { notCheckedRecently } from '../shared/log/staleness';
import { type PopupMessageKey, settingNameKey, type Translate } from './i18n';
import { buildHistory, type HistoryView } from './history-view';
import type { StateIcon, Tone } from './outcome-look';
import type { PopupInput } from './popup-input';
import { type TextPart, type TimeTexts, withTime } from './time-text';

/** The account list: one row per member, most in need of attention first, with its chosen settings. */

/** One other chosen setting of an account: the `[data-setting][data-setting-state]` contract, same state words. */
export type SettingStateView = { ruleId: RuleId; name: string; dataState: DisplayState; stateText: string; tone: Tone; icon: StateIcon };

export type AccountView = {
  key: string;
  name: string;
  /** The `data-state` contract: `displayState(record, operationIsRunningForThisAccount)`. */
  dataState: DisplayState;
  /** "Off", but not confirmed for twice the re-check interval (the `data-checked="stale"` contract). */
  notCheckedRecently: boolean;
  tone: Tone;
  icon: StateIcon;
  stateText: string;
  /** The other settings the member chose, in the rules table's order. */
  settings: SettingStateView[];
  /** "signed in now" for the current account. */
  currentLabel: string | null;
  lines: Array<{ parts: TextPart[]; tone: Tone | null }>;
  history: HistoryView;
  forget: { label: string; confirming: { question: string; exportHint: string; exportJson: string; confirm: string; cancel: string } | null };
};

/** Everything but "off" and "checking" is a warning: colour, icon and words together, never colour alone. */
const stateLook = {
  on: { text: 'popupStateOn', tone: 'warning', icon: 'warning' },
  off: { text: 'popupStateOff', tone: 'ok', icon: 'ok' },
  unknown: { text: 'popupStateUnknown', tone: 'warning', icon: 'unknown' },
  checking: { text: 'popupStateChecking', tone: 'busy', icon: 'busy' },
  'signed-out': { text: 'popupStateSignedOut', tone: 'warning', icon: 'warning' },
  challenge: { text: 'popupStateChallenge', tone: 'warning', icon: 'warning' },
  'not-offered': { text: 'popupStateNotOffered', tone: 'warning', icon: 'warning' },
  'not-found': { text: 'popupStateNotFound', tone: 'warning', icon: 'warning' },
  error: { text: 'popupStateError', tone: 'warning', icon: 'warning' },
} as const satisfies Record<DisplayState, { text: PopupMessageKey; tone: Tone; icon: StateIcon }>;

/** The other settings' own words where the account row's name AI training ("AI training is off"). */
const otherSettingText = {
  on: 'popupSettingOn',
  off: 'popupSettingOff',
  'not-offered': 'popupSettingNotOfferedHere',
} as const satisfies Partial<Record<DisplayState, PopupMessageKey>>;

/** An "off" nobody has confirmed for too long: still off as far as is known, but a warning. */
const staleLook = { text: 'popupStateNotCheckedRecently', tone: 'warning', icon: 'unknown' } as const satisfies { text: PopupMessageKey; tone: Tone; icon: StateIcon };

/** Whether the running operation is about this account (the `data-state="checking"` contract). */
function operationIsFor(operation: Operation | null, key: string, currentAccountKey: string | null): boolean {
  if (!operation) return false;
  return operation.expectedAccount ? operation.expectedAccount.key === key : key === currentAccountKey;
}

export function accountName(record: Pick<AccountSummary, 'key' | 'name'>): string {
  return record.name.trim() || record.key;
}

/** On first, then problems and unknown, then off; the signed-in account first within each group. */
function attentionRank(state: DisplayState): number {
  if (state === 'on') return 0;
  return state === 'off' ? 2 : 1;
}

function buildAccount(
  record: AccountSummary,
  input: PopupInput,
  operation: Operation | null,
  now: number,
  t: Translate,
  times: TimeTexts,
): AccountView {
  const { summary, ui } = input;
  const dataState = displayState(record, operationIsFor(operation, record.key, summary.currentAccountKey));
  const stale = dataState === 'off' && notCheckedRecently(record, input.preferences, now);
  const look = stale ? staleLook : stateLook[dataState];
  const name = accountName(record);

  const lines: AccountView['lines'] = [];
  if (record.flippedBackAt !== null) {
    lines.push({ parts: withTime(t, 'popupFlippedBack', times.dateTime(record.flippedBackAt)), tone: 'warning' });
  }
  const lastRead = record.lastCheckedAt === null ? null : times.relative(record.lastCheckedAt, now);
  if (stale) lines.push({ parts: lastRead ? withTime(t, 'popupNotCheckedRecently', lastRead) : [t('popupNeverVerified')], tone: 'warning' });
  else lines.push(lastRead ? { parts: withTime(t, 'popupLastVerified', lastRead), tone: null } : { parts: [t('popupNeverVerified')], tone: null });
  if (record.state === 'off' && record.offSince !== null && record.offSince !== record.optedOutAt) {
    lines.push({ parts: withTime(t, 'popupOffSince', times.date(record.offSince)), tone: null });
  }
  if (record.optedOutAt !== null) {
    lines.push({ parts: withTime(t, 'popupOptedOutAt', times.dateTime(record.optedOutAt)), tone: null });
  }

  const history = input.log ? (accountRecord(input.log, record.key)?.history ?? []) : null;
  return {
    key: record.key,
    name,
    dataState,
    notCheckedRecently: stale,
    tone: look.tone,
    icon: look.icon,
    stateText: t(look.text),
    settings: chosenSettingStates(record, input, operation, t),
    currentLabel: record.key === summary.currentAccountKey ? t('popupAccountCurrent') : null,
    lines,
    history: buildHistory(record, name, history, t, times),
    forget: {
      label: t('popupForget'),
      confirming:
        ui.confirmingForget === record.key
          ? {
              question: t('popupForgetQuestion', [name]),
              exportHint: t('popupForgetExportHint'),
              exportJson: t('popupExportJson'),
              confirm: t('popupForgetConfirm'),
              cancel: t('popupForgetCancel'),
            }
          : null,
    },
  };
}

/** A chosen setting no check has read yet for this account. */
const unreadSetting = { state: 'unknown', problem: null } as const;

/** The account's other chosen settings; one the running operation has still to read shows as checking. */
function chosenSettingStates(record: AccountSummary, input: PopupInput, operation: Operation | null, t: Translate): SettingStateView[] {
  const chosen = new Set<string>(input.preferences.chosenSettings);
  const running = operationIsFor(operation, record.key, input.summary.currentAccountKey) ? operation : null;
  return otherSettingRules
    .filter((rule) => chosen.has(rule.id))
    .map((rule) => {
      const checking = running !== null && running.plan.includes(rule.id) && !running.done.some((result) => result.ruleId === rule.id);
      const dataState = displayState(record.settings.find((setting) => setting.ruleId === rule.id) ?? unreadSetting, checking);
      const look = stateLook[dataState];
      const stateText = t(otherSettingText[dataState as keyof typeof otherSettingText] ?? look.text);
      // Not offered in the region is normal for these settings, not a warning.
      const tone = dataState === 'not-offered' ? 'info' : look.tone;
      return { ruleId: rule.id, name: t(settingNameKey(rule.id)), dataState, stateText, tone, icon: dataState === 'not-offered' ? 'unknown' : look.icon };
    });
}

/** Every account's row: "on" first, then problems and unknown, then off; the signed-in account first within each group. */
export function buildAccounts(input: PopupInput, operation: Operation | null, now: number, locale: string, t: Translate, times: TimeTexts): AccountView[] {
  return input.summary.accounts
    .map((record) => ({
      view: buildAccount(record, input, operation, now, t, times),
      // Rank by the stored state, not "checking": rows must not jump around while a check runs.
      rank: attentionRank(displayState(record, false)),
      current: record.key === input.summary.currentAccountKey ? 0 : 1,
    }))
    .sort((a, b) => a.rank - b.rank || a.current - b.current || a.view.name.localeCompare(b.view.name, locale))
    .map(({ view }) => view);
}
