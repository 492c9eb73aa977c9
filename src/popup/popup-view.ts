import { type AccountView, buildAccounts } from './account-view';
import type { Translate } from './i18n';
import { buildObjection, type ObjectionView } from './objection-view';
import type { PopupInput } from './popup-input';
import { buildRecord, type RecordView } from './record-view';
import { buildOrganization, buildSettings, type OrganizationView, type SettingsView } from './settings-view';
import { buildStatus, runningOperation, type StatusView } from './status-view';
import { createTimeTexts } from './time-text';

/**
 * The pure half of the popup: stored state in, everything the popup shows out, as plain data.
 * No DOM and no browser API here, so every word and every state is unit-testable.
 */

export { initialUiState, type PopupInput, type PopupUiState } from './popup-input';
export { historyRowsShown } from './history-view';
export type { TextPart } from './time-text';

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

/** Everything the popup shows, from stored state, the time, the date locale and the words. */
export function buildPopupView(input: PopupInput, now: number, locale: string, t: Translate): PopupView {
  const times = createTimeTexts(locale, t);
  const operation = runningOperation(input.operation, now);
  const busy = operation !== null || input.ui.starting;

  const accounts = buildAccounts(input, operation, now, locale, t, times);

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
    record: buildRecord(accounts.length > 0, input.ui.importNotice, t),
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
