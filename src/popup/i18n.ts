/**
 * The popup's words. Every key lives in public/_locales/{en,de}/messages.json; the list below is the
 * contract a unit test checks against both files, and the type stops a typo from compiling.
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
] as const;
export type PopupMessageKey = (typeof popupMessageKeys)[number];

/** `browser.i18n.getMessage` in the extension, a fake in tests: the view layer never touches the browser. */
export type Translate = (key: PopupMessageKey, substitutions?: readonly string[]) => string;

/**
 * The locale for dates: the browser's UI language when the popup speaks it (keeps en-GB vs en-US),
 * otherwise the language the messages fell back to, so dates never mix languages with the text.
 */
export function dateLocale(uiLanguage: string, messagesLanguage: string): string {
  const ui = uiLanguage.replace('_', '-');
  const sameLanguage = ui.toLowerCase().split('-')[0] === messagesLanguage.toLowerCase();
  const candidate = sameLanguage ? ui : messagesLanguage;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([candidate])[0] ?? messagesLanguage;
  } catch {
    // A malformed tag from the browser: the messages' own language is always valid.
    return messagesLanguage;
  }
}
