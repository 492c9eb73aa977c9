import { hasPolicy } from '../shared/preferences/managed-policy';
import { recheckIntervalChoices } from '../shared/preferences/preferences';
import { otherSettingRules, type RuleId } from '../shared/rules/setting-rules';
import { settingAboutKey, settingNameKey, type Translate } from './i18n';
import type { PopupInput } from './popup-input';

/** The settings panel (re-check interval, notifications, "keep it off", the other settings) and who set what. */

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

function recheckIntervalLabel(hours: number, t: Translate): string {
  if (hours === 24) return t('popupRecheckDaily');
  if (hours === 168) return t('popupRecheckWeekly');
  if (hours % 24 === 0) return t('popupRecheckEveryDays', [String(hours / 24)]);
  return t('popupRecheckEveryHours', [String(hours)]);
}

export function buildSettings(input: PopupInput, t: Translate): SettingsView {
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
export function buildOrganization(input: PopupInput, t: Translate): OrganizationView | null {
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
