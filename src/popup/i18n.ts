import { type OtherRuleId, otherRuleIds } from '../shared/rules/setting-rules';

/**
 * The popup's words. Every key lives in each public/_locales/<language>/messages.json, picked by the
 * browser's UI language (English otherwise); the list below is the contract a unit test checks against
 * every file, and the type stops a typo from compiling.
 */
export const popupMessageKeys = [
  'popupMessagesLanguage',
  'popupTitle',
  'popupIntro',
  'popupPrivacyNote',
  'popupOptOut',
  'popupCheck',
  'popupStarting',
  'popupIdleHint',
  'popupProgressLabel',
  'popupPhaseOpening',
  'popupPhaseWalking',
  'popupPhaseReading',
  'popupPhaseTurningOff',
  'popupPhaseVerifying',
  'popupResultTurnedOff',
  'popupResultOff',
  'popupResultOn',
  'popupResultSignedOut',
  'popupResultChallenge',
  'popupResultNotOffered',
  'popupResultNotFound',
  'popupResultSaveFailed',
  'popupResultTimeout',
  'popupResultUnreadable',
  'popupResultAccountUnconfirmed',
  'popupResultWhen',
  'popupAccountFallback',
  'popupSignIn',
  'popupSignInHint',
  'popupSignInWaiting',
  'popupOpenChallenge',
  'popupOpenSettingLead',
  'popupOpenSettingLabel',
  'popupRetry',
  'popupCopyReport',
  'popupCopyReportHint',
  'popupReportCopied',
  'popupReportCopyFailed',
  'popupReportLabel',
  'popupSendFailed',
  'popupAccessRefused',
  'popupNotifyRefused',
  'popupNotifyBlocked',
  'popupAccountsHeading',
  'popupAccountCurrent',
  'popupStateOn',
  'popupStateOff',
  'popupStateUnknown',
  'popupStateChecking',
  'popupStateSignedOut',
  'popupStateChallenge',
  'popupStateNotOffered',
  'popupStateNotFound',
  'popupStateError',
  'popupLastVerified',
  'popupNeverVerified',
  'popupNotCheckedRecently',
  'popupStateNotCheckedRecently',
  'popupResultNotSaved',
  'popupOffSince',
  'popupOptedOutAt',
  'popupFlippedBack',
  'popupJustNow',
  'popupHistorySummary',
  'popupHistorySummaryOne',
  'popupHistoryCaption',
  'popupHistoryEmpty',
  'popupHistoryTruncated',
  'popupHistoryTime',
  'popupHistoryRepeats',
  'popupHistoryOutcome',
  'popupHistoryTrigger',
  'popupOutcomeOff',
  'popupOutcomeTurnedOff',
  'popupOutcomeOn',
  'popupOutcomeSignedOut',
  'popupOutcomeChallenge',
  'popupOutcomeNotOffered',
  'popupOutcomeNotFound',
  'popupOutcomeSaveFailed',
  'popupOutcomeTimeout',
  'popupOutcomeUnreadable',
  'popupOutcomeAccountUnconfirmed',
  'popupTriggerUser',
  'popupTriggerRecheck',
  'popupTriggerAutoFix',
  'popupForget',
  'popupForgetQuestion',
  'popupForgetConfirm',
  'popupForgetCancel',
  'popupRecordHeading',
  'popupRecordHint',
  'popupExportJson',
  'popupExportCsv',
  'popupSettings',
  'popupRecheckLabel',
  'popupRecheckHint',
  'popupRecheckEveryHours',
  'popupRecheckDaily',
  'popupRecheckEveryDays',
  'popupRecheckWeekly',
  'popupNotify',
  'popupKeepOff',
  'popupOtherSettingsHeading',
  'popupOtherSettingsHint',
  'popupSettingNotOfferedHere',
  'popupSettingOn',
  'popupSettingOff',
  'popupObjectionHeading',
  'popupObjectionLeadNotOffered',
  'popupObjectionLeadAfterOptOut',
  'popupObjectionLink',
  'popupObjectionCopy',
  'popupObjectionCopied',
  'popupObjectionTextLabel',
  'popupObjectionText',
  'popupPrivacyLink',
  'popupReportProblem',
  'popupImportJson',
  'popupImportHint',
  'popupImportInTab',
  'popupImportDone',
  'popupImportNothingNew',
  'popupImportRefused',
  'popupImportWhyNotJson',
  'popupImportWhyNotLog',
  'popupImportWhyDamaged',
  'popupImportWhyNewer',
  'popupImportWhyTooLarge',
  'popupUninstallNote',
  'popupForgetExportHint',
  'popupTriggerPolicy',
  'popupPolicyBy',
  'popupPolicyByUnnamed',
  'popupPolicyLocked',
  'popupPolicyLockedUnnamed',
  'popupPolicyFirstVisit',
  'popupPolicyHelp',
  'popupPolicyHelpUnnamed',
  'popupPolicyIgnored',
  'popupPolicyNotifyNeedsPermission',
  'popupPolicyNotifyAllow',
  'popupResultClickedUnverified',
  'popupOutcomeClickedUnverified',
  // Each other setting's name and one plain sentence, by rule id: a new rule needs these two in every language.
  ...otherRuleIds.flatMap((ruleId) => [settingNameKey(ruleId), settingAboutKey(ruleId)]),
] as const;
export type PopupMessageKey = (typeof popupMessageKeys)[number];

export function settingNameKey<Id extends OtherRuleId>(ruleId: Id): `settingName_${Id}` {
  return `settingName_${ruleId}`;
}

export function settingAboutKey<Id extends OtherRuleId>(ruleId: Id): `settingAbout_${Id}` {
  return `settingAbout_${ruleId}`;
}

/** `browser.i18n.getMessage` in the extension, a fake in tests: the view layer never touches the browser. */
export type Translate = (key: PopupMessageKey, substitutions?: readonly string[]) => string;

/**
 * The locale for dates: the browser's UI language when the popup speaks it (keeps en-GB vs en-US),
 * otherwise the language the messages fell back to, so dates never mix languages with the text.
 */
export function dateLocale(uiLanguage: string, messagesLanguage: string): string {
  const ui = uiLanguage.replace('_', '-');
  // Messages may name a region (pt-BR): the language is what must match.
  const sameLanguage = ui.toLowerCase().split('-')[0] === messagesLanguage.toLowerCase().split('-')[0];
  const candidate = sameLanguage ? ui : messagesLanguage;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([candidate])[0] ?? messagesLanguage;
  } catch {
    // A malformed tag from the browser: the messages' own language is always valid.
    return messagesLanguage;
  }
}
