import { accountRecord, type Observation, type Trigger } from '../shared/log/log-schema';
import { displayState, type DisplayState } from '../shared/log/log-display';
import { type AccountSummary, accountSummary, type LogSummary } from '../shared/log/log-summary';
import { type ImportRefusal, maxImportChars } from '../shared/messages/import-limits';
import type { OperationPhase } from '../shared/messages/background-messages';
import type { LastResult, Operation } from '../shared/storage/operation-state';
import type { OutcomeKind } from '../shared/log/outcome';
import { hasPolicy } from '../shared/preferences/managed-policy';
import { type Preferences, recheckIntervalChoices } from '../shared/preferences/preferences';
import { aiTrainingRule, otherSettingRules, type RuleId, settingUrl } from '../shared/rules/setting-rules';
import { notCheckedRecently } from '../shared/log/staleness';
import { type PopupMessageKey, settingAboutKey, settingNameKey, type Translate } from './i18n';
import type { StoredPopupState } from './popup-state';
import { createTimeTexts, type TimeText, type TimeTexts } from './time-text';

/**
 * The pure half of the popup: stored state in, everything the popup shows out, as plain data.
 * No DOM and no browser API here, so every word and every state is unit-testable.
 */

// ---------------------------------------------------------------------------------------------
// Inputs

/** Transient things that happen only inside this popup window, never stored. */
export type PopupNotice =
  | { kind: 'report-copied' }
  | { kind: 'objection-copied' }
  | { kind: 'report-copy-failed'; report: string }
  | { kind: 'notify-refused' }
  | { kind: 'access-refused' }
  | { kind: 'send-failed'; error: string };

/** What became of an import, shown next to its button. */
export type ImportNotice = { kind: 'in-tab' } | { kind: 'imported'; added: number } | { kind: 'refused'; refusal: ImportRefusal; detail: string };

export type PopupUiState = {
  /** The account whose "forget" is waiting for confirmation. */
  confirmingForget: string | null;
  /** An opt-out or check was sent and the background has not answered yet. */
  starting: boolean;
  notice: PopupNotice | null;
  /** Preference changes sent but not yet back from storage, shown meanwhile so controls do not flicker. */
  pendingPreferences: Partial<Preferences>;
  /** Whether the optional notifications permission is granted; null until known. */
  notificationsAllowed: boolean | null;
  importNotice: ImportNotice | null;
};

/** `homepageUrl`: the manifest's, where the privacy policy and the issue form live; no links without it. */
export type PopupInput = StoredPopupState & { ui: PopupUiState; homepageUrl?: string | null };

export function initialUiState(): PopupUiState {
  return { confirmingForget: null, starting: false, notice: null, pendingPreferences: {}, notificationsAllowed: null, importNotice: null };
}

// ---------------------------------------------------------------------------------------------
// Outputs

export type Tone = 'ok' | 'warning' | 'info' | 'busy';
export type StateIcon = 'ok' | 'warning' | 'unknown' | 'busy';

/** Text with at most a few embedded times, so the renderer can wrap each in `<time>`. */
export type TextPart = string | { time: TimeText };

export type NextStepView =
  | { action: 'sign-in'; label: string; hint: string }
  | { action: 'open-setting'; step: 'open-challenge'; label: string }
  | { action: 'open-setting'; step: 'open-setting'; lead: string; url: string; label: string }
  | { action: 'retry'; label: string }
  | { action: 'copy-report'; label: string; hint: string };

export type StatusView = {
  /** The `data-status` contract: the operation phase, else the last outcome kind, else "idle". */
  dataStatus: OperationPhase | OutcomeKind | 'idle';
  tone: Tone | 'idle';
  progress: { value: number; max: number; label: string } | null;
  message: TextPart[] | null;
  when: TextPart[] | null;
  note: string | null;
  nextSteps: NextStepView[];
  notice: { tone: Tone; text: string; report: { label: string; text: string } | null } | null;
  /** The other settings' results of the last operation, each on its own (the headline is the message above). */
  settingResults: Array<{ ruleId: RuleId; name: string; dataStatus: OutcomeKind; text: string; tone: Tone }>;
};

/** One other chosen setting of an account: the `[data-setting][data-setting-state]` contract, same state words. */
export type SettingStateView = { ruleId: RuleId; name: string; dataState: DisplayState; stateText: string; tone: Tone; icon: StateIcon };

/** LinkedIn's objection form and a ready text to paste into it: nothing is sent by the extension. */
export type ObjectionView = { heading: string; lead: string; url: string; linkLabel: string; copyLabel: string; textLabel: string; text: string };

export type HistoryRowView = {
  time: TimeText;
  /** For merged identical checks: how many, and when the last was. */
  repeats: TextPart[] | null;
  outcome: string;
  trigger: string;
  tone: Tone;
};

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
  history: {
    summary: string;
    caption: string;
    columns: { time: string; outcome: string; trigger: string };
    /**
     * Built when the section is opened: formatting 50 dates per account is most of a big log's cost.
     * Null until the log itself is read (opening the section asks for it); as null it also changes the
     * account list's redraw key, so the rows appear once the log is in.
     */
    rows: (() => HistoryRowView[]) | null;
    /** Stands in for the rows when deciding whether to redraw: it changes with every new entry. */
    newestAt: number | null;
    empty: string | null;
    truncated: string | null;
  };
  forget: { label: string; confirming: { question: string; exportHint: string; exportJson: string; confirm: string; cancel: string } | null };
};

/** The member's evidence: export (once there is something to export) and import, with what each means. */
export type RecordView = {
  heading: string;
  export: { hint: string; json: string; csv: string; uninstallNote: string } | null;
  import: { label: string; hint: string; notice: { tone: Tone; text: string } | null };
};

export type SettingsView = {
  summary: string;
  /** Each control the organisation set is `locked`: shown disabled, described by `lockNote`. */
  lockNote: string | null;
  recheck: { label: string; hint: string; value: number; options: Array<{ value: number; label: string }>; locked: boolean };
  /** `allowLabel`: a button asking for the permission that notifications the organisation turned on still need. */
  notify: { label: string; checked: boolean; note: string | null; locked: boolean; allowLabel: string | null };
  keepOff: { label: string; checked: boolean; locked: boolean };
  /** "Also keep these private": one checkbox per other setting, none chosen until the member chooses. */
  others: { heading: string; hint: string; choices: Array<{ ruleId: RuleId; label: string; about: string; checked: boolean }>; locked: boolean };
};

/** What an organisation's policy sets, said once above the settings; null without a policy. */
export type OrganizationView = {
  text: string;
  firstVisit: string | null;
  help: { url: string; label: string } | null;
  ignored: { lead: string; lines: string[] } | null;
};

export type PopupView = {
  lang: string;
  title: string;
  intro: string | null;
  actions: {
    optOut: { label: string; disabled: boolean; busy: boolean };
    check: { label: string; disabled: boolean };
  };
  status: StatusView;
  accountsHeading: string | null;
  accounts: AccountView[];
  record: RecordView;
  settings: SettingsView;
  organization: OrganizationView | null;
  objection: ObjectionView | null;
  privacyNote: string;
  /** The privacy policy and the issue form (where a copied report is pasted); null without a homepage. */
  footerLinks: { privacy: { label: string; url: string }; report: { label: string; url: string } } | null;
};

/** LinkedIn's Data Processing Objection Request Form (docs/linkedin.md §1). */
export const objectionFormUrl = 'https://www.linkedin.com/help/linkedin/ask/TS-DPRO';

// ---------------------------------------------------------------------------------------------
// Tables

/** How long past its deadline an operation may linger before the popup stops showing it as running. */
export const staleOperationGraceMs = 15_000;
/** History rows shown per account; the export holds all of them. */
export const historyRowsShown = 50;

const phaseMessage = {
  opening: 'popupPhaseOpening',
  walking: 'popupPhaseWalking',
  reading: 'popupPhaseReading',
  'turning-off': 'popupPhaseTurningOff',
  verifying: 'popupPhaseVerifying',
} as const satisfies Record<OperationPhase, PopupMessageKey>;
const phaseOrder = Object.keys(phaseMessage) as OperationPhase[];

/** How each outcome reads: the sentence after an operation, the word in the history, and its tone. */
const outcomeLook = {
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

const triggerText = {
  user: 'popupTriggerUser',
  recheck: 'popupTriggerRecheck',
  'auto-fix': 'popupTriggerAutoFix',
  policy: 'popupTriggerPolicy',
} as const satisfies Record<Trigger, PopupMessageKey>;

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

// ---------------------------------------------------------------------------------------------
// Helpers

const timeMarker = '\u0000';

/** Translates with a time in the `$WHEN$` slot (the first substitution), keeping the time apart for `<time>`. */
function withTime(t: Translate, key: PopupMessageKey, time: TimeText, more: string[] = []): TextPart[] {
  const pieces = t(key, [timeMarker, ...more]).split(timeMarker);
  const parts: TextPart[] = [];
  pieces.forEach((piece, index) => {
    if (index > 0) parts.push({ time });
    if (piece) parts.push(piece);
  });
  if (pieces.length === 1) parts.push(' ', { time });
  return parts;
}

/** Whether the running operation is about this account (the `data-state="checking"` contract). */
export function operationIsFor(operation: Operation | null, key: string, currentAccountKey: string | null): boolean {
  if (!operation) return false;
  return operation.expectedAccount ? operation.expectedAccount.key === key : key === currentAccountKey;
}

/** The operation still running, or null when none is or it outlived its deadline (a stopped worker). */
export function runningOperation(operation: Operation | null, now: number): Operation | null {
  return operation && now <= operation.deadlineAt + staleOperationGraceMs ? operation : null;
}

function accountName(record: Pick<AccountSummary, 'key' | 'name'>): string {
  return record.name.trim() || record.key;
}

/** On first, then problems and unknown, then off; the signed-in account first within each group. */
function attentionRank(state: DisplayState): number {
  if (state === 'on') return 0;
  return state === 'off' ? 2 : 1;
}

export function recheckIntervalLabel(hours: number, t: Translate): string {
  if (hours === 24) return t('popupRecheckDaily');
  if (hours === 168) return t('popupRecheckWeekly');
  if (hours % 24 === 0) return t('popupRecheckEveryDays', [String(hours / 24)]);
  return t('popupRecheckEveryHours', [String(hours)]);
}

// ---------------------------------------------------------------------------------------------
// Builders

function buildStatus(input: PopupInput, operation: Operation | null, now: number, t: Translate, times: TimeTexts): StatusView {
  const { lastResult, summary, ui } = input;
  const notice = buildNotice(ui.notice, t);
  const waitingNote = input.pendingSignIn && !operation ? t('popupSignInWaiting') : null;
  if (operation) {
    return {
      dataStatus: operation.phase,
      tone: 'busy',
      progress: { value: phaseOrder.indexOf(operation.phase) + 1, max: phaseOrder.length, label: t('popupProgressLabel') },
      message: [t(phaseMessage[operation.phase])],
      when: null,
      note: null,
      nextSteps: [],
      notice,
      settingResults: [],
    };
  }
  // "Starting…" reads as idle: the click's own result is not in yet, and the old one no longer applies.
  if (!lastResult || ui.starting) {
    return {
      dataStatus: 'idle',
      tone: ui.starting ? 'busy' : 'idle',
      progress: null,
      message: [t(ui.starting ? 'popupStarting' : 'popupIdleHint')],
      when: null,
      note: waitingNote,
      nextSteps: [],
      notice,
      settingResults: [],
    };
  }
  const { outcome } = lastResult;
  const name = resultAccountName(lastResult, summary, t);
  return {
    dataStatus: outcome.kind,
    tone: outcomeLook[outcome.kind].tone,
    progress: null,
    message: [t(outcomeLook[outcome.kind].result, [name])],
    when: withTime(t, 'popupResultWhen', times.relative(lastResult.finishedAt, now)),
    // The evidence is missing: that outranks waiting for a sign-in.
    note: lastResult.saved ? waitingNote : t('popupResultNotSaved'),
    nextSteps: 'nextSteps' in outcome ? buildNextSteps(outcome.nextSteps, t) : [],
    notice,
    settingResults: lastResult.settings.flatMap(({ ruleId, outcome: result }) => {
      const rule = otherSettingRules.find((other) => other.id === ruleId);
      if (!rule) return [];
      const text = result.kind === 'not-offered' ? t('popupSettingNotOfferedHere') : t(outcomeLook[result.kind].short);
      return [{ ruleId: rule.id, name: t(settingNameKey(rule.id)), dataStatus: result.kind, text, tone: outcomeLook[result.kind].tone }];
    }),
  };
}

function resultAccountName(result: LastResult, summary: LogSummary, t: Translate): string {
  const identity = result.outcome.account ?? accountSummary(summary, result.accountKey);
  return identity ? accountName(identity) : (result.accountKey ?? t('popupAccountFallback'));
}

function buildNextSteps(steps: readonly string[], t: Translate): NextStepView[] {
  const views: NextStepView[] = [];
  for (const step of new Set(steps)) {
    switch (step) {
      case 'sign-in':
        views.push({ action: 'sign-in', label: t('popupSignIn'), hint: t('popupSignInHint') });
        break;
      case 'open-challenge':
        views.push({ action: 'open-setting', step: 'open-challenge', label: t('popupOpenChallenge') });
        break;
      case 'open-setting': {
        const url = settingUrl(aiTrainingRule);
        views.push({ action: 'open-setting', step: 'open-setting', lead: t('popupOpenSettingLead'), url, label: t('popupOpenSettingLabel', [url]) });
        break;
      }
      case 'retry':
        views.push({ action: 'retry', label: t('popupRetry') });
        break;
    }
  }
  // Whenever the member has to go by hand, a report (without personal data) lets us fix the cause.
  if (views.some((view) => view.action === 'open-setting' && view.step === 'open-setting')) {
    views.push({ action: 'copy-report', label: t('popupCopyReport'), hint: t('popupCopyReportHint') });
  }
  return views;
}

function buildNotice(notice: PopupNotice | null, t: Translate): StatusView['notice'] {
  switch (notice?.kind) {
    case 'report-copied':
      return { tone: 'ok', text: t('popupReportCopied'), report: null };
    case 'objection-copied':
      return { tone: 'ok', text: t('popupObjectionCopied'), report: null };
    case 'report-copy-failed':
      return { tone: 'info', text: t('popupReportCopyFailed'), report: { label: t('popupReportLabel'), text: notice.report } };
    case 'send-failed':
      return { tone: 'warning', text: t('popupSendFailed'), report: null };
    case 'access-refused':
      return { tone: 'warning', text: t('popupAccessRefused'), report: null };
    default:
      // notify-refused is shown next to its checkbox, where the member is looking.
      return null;
  }
}

function buildHistoryRow(observation: Observation, t: Translate, times: TimeTexts): HistoryRowView {
  return {
    time: times.dateTime(observation.at),
    repeats: observation.count > 1 ? withTime(t, 'popupHistoryRepeats', times.dateTime(observation.lastAt), [String(observation.count)]) : null,
    outcome: t(outcomeLook[observation.outcome].short),
    trigger: t(triggerText[observation.trigger]),
    tone: outcomeLook[observation.outcome].tone,
  };
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
    history: {
      // chrome.i18n has no plural rules: one entry gets its own message ("1 entry", "1 Eintrag").
      summary: record.historyCount === 1 ? t('popupHistorySummaryOne') : t('popupHistorySummary', [String(record.historyCount)]),
      caption: t('popupHistoryCaption', [name]),
      columns: { time: t('popupHistoryTime'), outcome: t('popupHistoryOutcome'), trigger: t('popupHistoryTrigger') },
      rows: history && (() => history.slice(-historyRowsShown).reverse().map((observation) => buildHistoryRow(observation, t, times))),
      newestAt: record.newestAt,
      empty: record.historyCount === 0 ? t('popupHistoryEmpty') : null,
      truncated:
        record.historyCount > historyRowsShown
          ? t('popupHistoryTruncated', [String(historyRowsShown), String(record.historyCount)])
          : null,
    },
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

function buildSettings(input: PopupInput, t: Translate): SettingsView {
  const locked = input.policy.preferences;
  // A control the organisation set never shows a pending change of the member's.
  const preferences = { ...input.preferences, ...input.ui.pendingPreferences, ...locked };
  const organization = input.policy.organizationName;
  const hours = preferences.recheckIntervalHours;
  // A value set elsewhere (an older version, by hand) still shows as itself instead of a wrong choice.
  const choices = [...new Set<number>([...recheckIntervalChoices, hours])].sort((a, b) => a - b);
  const blocked = preferences.notifyOnFlipBack && input.ui.notificationsAllowed === false;
  return {
    summary: t('popupSettings'),
    lockNote: Object.keys(locked).length === 0 ? null : organization ? t('popupPolicyLocked', [organization]) : t('popupPolicyLockedUnnamed'),
    recheck: {
      label: t('popupRecheckLabel'),
      hint: t('popupRecheckHint'),
      value: hours,
      options: choices.map((value) => ({ value, label: recheckIntervalLabel(value, t) })),
      locked: 'recheckIntervalHours' in locked,
    },
    notify: {
      label: t('popupNotify'),
      checked: preferences.notifyOnFlipBack && !blocked,
      note:
        input.ui.notice?.kind === 'notify-refused'
          ? t('popupNotifyRefused')
          : blocked
            ? t(locked.notifyOnFlipBack ? 'popupPolicyNotifyNeedsPermission' : 'popupNotifyBlocked')
            : null,
      locked: 'notifyOnFlipBack' in locked,
      allowLabel: blocked && locked.notifyOnFlipBack ? t('popupPolicyNotifyAllow') : null,
    },
    keepOff: { label: t('popupKeepOff'), checked: preferences.keepItOff, locked: 'keepItOff' in locked },
    others: {
      locked: 'chosenSettings' in locked,
      heading: t('popupOtherSettingsHeading'),
      hint: t('popupOtherSettingsHint'),
      choices: otherSettingRules.map((rule) => ({
        ruleId: rule.id,
        label: t(settingNameKey(rule.id)),
        about: t(settingAboutKey(rule.id)),
        checked: preferences.chosenSettings.includes(rule.id),
      })),
    },
  };
}

/** Who sets what: the organisation's name, its automatic opt-out, its help page, and any value it got wrong. */
function buildOrganization(input: PopupInput, t: Translate): OrganizationView | null {
  const { policy } = input;
  if (!hasPolicy(policy)) return null;
  const name = policy.organizationName;
  return {
    text: name ? t('popupPolicyBy', [name]) : t('popupPolicyByUnnamed'),
    firstVisit: policy.optOutOnFirstVisit ? t('popupPolicyFirstVisit') : null,
    help: policy.helpUrl ? { url: policy.helpUrl, label: name ? t('popupPolicyHelp', [name]) : t('popupPolicyHelpUnnamed') } : null,
    ignored: policy.ignored.length > 0 ? { lead: t('popupPolicyIgnored'), lines: policy.ignored } : null,
  };
}

/**
 * The objection form: where the AI switch is not offered, and after it is off, as the step for data
 * already used (the switch works only from now on). Only when no operation is running.
 */
function buildObjection(input: PopupInput, operation: Operation | null, t: Translate): ObjectionView | null {
  const result = operation || input.ui.starting ? null : input.lastResult;
  const kind = result?.outcome.kind;
  // After an opt-out the member asked for, whether it had to be clicked or was already off.
  const optedOut = kind === 'turned-off' || (kind === 'off' && result?.kind === 'opt-out');
  const lead = kind === 'not-offered' ? t('popupObjectionLeadNotOffered') : optedOut ? t('popupObjectionLeadAfterOptOut') : null;
  if (lead === null) return null;
  return {
    heading: t('popupObjectionHeading'),
    lead,
    url: objectionFormUrl,
    linkLabel: t('popupObjectionLink'),
    copyLabel: t('popupObjectionCopy'),
    textLabel: t('popupObjectionTextLabel'),
    text: t('popupObjectionText'),
  };
}

/** Everything the popup shows, from stored state, the time, the date locale and the words. */
export function buildPopupView(input: PopupInput, now: number, locale: string, t: Translate): PopupView {
  const times = createTimeTexts(locale, t);
  const operation = runningOperation(input.operation, now);
  const busy = operation !== null || input.ui.starting;

  const accounts = input.summary.accounts
    .map((record) => ({
      view: buildAccount(record, input, operation, now, t, times),
      // Rank by the stored state, not "checking": rows must not jump around while a check runs.
      rank: attentionRank(displayState(record, false)),
      current: record.key === input.summary.currentAccountKey ? 0 : 1,
    }))
    .sort((a, b) => a.rank - b.rank || a.current - b.current || a.view.name.localeCompare(b.view.name, locale))
    .map(({ view }) => view);

  return {
    lang: t('popupMessagesLanguage'),
    title: t('popupTitle'),
    intro: accounts.length === 0 ? t('popupIntro') : null,
    actions: {
      optOut: { label: t('popupOptOut'), disabled: busy, busy },
      check: { label: t('popupCheck'), disabled: busy },
    },
    status: buildStatus(input, operation, now, t, times),
    accountsHeading: accounts.length > 0 ? t('popupAccountsHeading') : null,
    accounts,
    record: {
      heading: t('popupRecordHeading'),
      export:
        accounts.length > 0
          ? { hint: t('popupRecordHint'), json: t('popupExportJson'), csv: t('popupExportCsv'), uninstallNote: t('popupUninstallNote') }
          : null,
      import: { label: t('popupImportJson'), hint: t('popupImportHint'), notice: buildImportNotice(input.ui.importNotice, t) },
    },
    settings: buildSettings(input, t),
    organization: buildOrganization(input, t),
    objection: buildObjection(input, operation, t),
    privacyNote: t('popupPrivacyNote'),
    footerLinks: input.homepageUrl
      ? {
          privacy: { label: t('popupPrivacyLink'), url: `${input.homepageUrl}/blob/main/PRIVACY.md` },
          report: { label: t('popupReportProblem'), url: `${input.homepageUrl}/issues/new/choose` },
        }
      : null,
  };
}

/** The largest file the popup reads for an import, in MB as the member sees it. */
const maxImportMegabytes = String(Math.floor(maxImportChars / (1024 * 1024)));

const refusalReason: Record<ImportRefusal, PopupMessageKey> = {
  'too-large': 'popupImportWhyTooLarge',
  'not-json': 'popupImportWhyNotJson',
  'not-a-log': 'popupImportWhyNotLog',
  'newer-version': 'popupImportWhyNewer',
  damaged: 'popupImportWhyDamaged',
};

function buildImportNotice(notice: ImportNotice | null, t: Translate): RecordView['import']['notice'] {
  switch (notice?.kind) {
    case undefined:
      return null;
    case 'in-tab':
      return { tone: 'info', text: t('popupImportInTab') };
    case 'imported':
      return notice.added > 0 ? { tone: 'ok', text: t('popupImportDone', [String(notice.added)]) } : { tone: 'info', text: t('popupImportNothingNew') };
    case 'refused': {
      const key = refusalReason[notice.refusal];
      const substitution = notice.refusal === 'too-large' ? maxImportMegabytes : notice.detail;
      return { tone: 'warning', text: t('popupImportRefused', [t(key, [substitution])]) };
    }
  }
}
