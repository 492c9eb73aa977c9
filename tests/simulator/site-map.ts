// The settings app's addresses, categories and rows: shared by the server (redirects, shell) and the client (rendering).

import type { PageLabels } from './labels';
import type { MarkupVariant } from './types';

export const SETTINGS_HOME = '/mypreferences/d/';
export const CATEGORY_PREFIX = '/mypreferences/d/categories/';
export const SETTING_PREFIX = '/mypreferences/d/settings/';

/** The address linked from LinkedIn's EU privacy notice (docs/linkedin.md §1). */
export const AI_SETTING_PATH = `${SETTING_PREFIX}data-for-ai-improvement`;
/** Where the 'moved' variant puts the setting instead. */
export const AI_SETTING_MOVED_PATH = `${SETTING_PREFIX}generative-ai-data`;
/** Internal key: the API key and, in the standard markup, the aria-labelledby key (docs/linkedin.md §2). */
export const AI_SETTING_KEY = 'allowDataForGenerativeAI';
/** The aria-labelledby key in the 'relabelled' variant; the API key does not change. */
export const RELABELLED_KEY = 'gai-consent-x7';
/** The unrelated switch of the 'second-switch' variant. */
export const SECOND_SWITCH_KEY = 'showProfileActivityToOthers';
/** The aria-labelledby key of the 'negated' variant's inverted switch; it still saves to the AI key. */
export const NEGATED_KEY = 'disallowDataForGenerativeAI';
/** The 'decoys' variant's neighbours, each with a label close to the AI switch's. */
export const DECOY_KEYS = ['allowDataForLearningAI', 'blockDataForGenerativeAIPartners'] as const;
/** The switch inside the 'dialog' variant's modal. */
export const DIALOG_SWITCH_KEY = 'allowMarketingMessages';
export const SAVE_API_PREFIX = '/mysettings-api/settingsApiSettings';

/**
 * The other data-use settings (docs/linkedin.md §8), one page each, written from that table and not from the
 * extension's rules, so a wrong entry there meets LinkedIn as documented (tests/unit/data-use-settings.test.ts
 * holds both to the table): its address, its key and its English name (the only label known), On by default.
 */
export interface DataUseSetting {
  key: string;
  path: string;
  category: 'privacy' | 'ads';
  englishLabel: string;
}
export const DATA_USE_SETTINGS: readonly DataUseSetting[] = (
  [
    { englishLabel: 'Social, economic and workplace research', path: 'settings/policy-and-academic-research', key: 'allowAnonymizedDataResearch', category: 'privacy' },
    { englishLabel: 'Data sharing with affiliates and partners', path: 'settings/share-data-with-select-partners', key: 'shareDataWithTrustedPartners', category: 'ads' },
    { englishLabel: 'Ads beyond LinkedIn', path: 'settings/ads-beyond-linkedin', key: 'allowLinkedInAudienceNetwork', category: 'ads' },
    { englishLabel: 'Advertiser data for ads', path: 'settings/ads-interactions-with-business', key: 'allowUseOfThirdPartyData', category: 'ads' },
    { englishLabel: 'Measure ad success', path: 'settings/ads-related-actions', key: 'allowConversionTrackings', category: 'ads' },
    { englishLabel: 'Ads by inferred age', path: 'settings/ads-by-age', key: 'allowAdsByAge', category: 'ads' },
    { englishLabel: 'Ads by inferred gender', path: 'settings/ads-by-gender', key: 'allowAdsByGender', category: 'ads' },
    { englishLabel: 'Ads by inferred city location', path: 'settings/ads-inferred-location', key: 'allowIpToPersonalizeAds', category: 'ads' },
    { englishLabel: 'Ads by inferred interests and traits', path: 'interest-categories', key: 'adsPrivacyAllowInterestsAndBehaviors', category: 'ads' },
    { englishLabel: 'LinkedIn promotions', path: 'settings/linkedin-promotions', key: 'allowProfileAndActivityDataForMarketingAds', category: 'ads' },
  ] satisfies DataUseSetting[]
).map((setting) => ({ ...setting, path: `/mypreferences/d/${setting.path}` }));

/** Every key the simulated PUT endpoint accepts, with its default value. */
export const SAVABLE_KEYS: Readonly<Record<string, boolean>> = Object.fromEntries(
  [AI_SETTING_KEY, SECOND_SWITCH_KEY, ...DECOY_KEYS, DIALOG_SWITCH_KEY, ...DATA_USE_SETTINGS.map((setting) => setting.key)].map((key) => [key, true]),
);
/** Marks the links inside the 'feed-guide' posts, so a request shows that one was followed. */
export const GUIDE_LINK_MARK = 'trk=opt-out-guide-post';
/** Background traffic (knob `backgroundTraffic`): LinkedIn-style paths, answered by the simulator itself. */
export const TRACKING_PATH = '/li/track';
export const POLL_PATH = '/realtime/connect';
export const LATE_REQUEST_PATH = '/voyager/api/voyagerNotificationsDashBadgeCount';
export const POLL_INTERVAL_MS = 2000;
export const LATE_REQUEST_DELAY_MS = 1200;
/** A tracking beacon follows every click this soon: before any save that takes longer has finished. */
export const CLICK_BEACON_DELAY_MS = 50;
/** Where the 'feed-guide' variant sends every settings address. */
export const FEED_PATH = '/feed/';

export type CategorySlug = keyof PageLabels['categories'];
export const CATEGORY_SLUGS: readonly CategorySlug[] = ['account', 'sign-in-security', 'visibility', 'privacy', 'ads', 'notifications'];

export interface RowSpec {
  /** A row of the page's own labels, or a data-use setting's row (its English name, its value). */
  label: keyof PageLabels['rows'] | 'aiSettingRow' | { dataUseKey: string };
  /** Absolute path the row links to. */
  href: string;
  /** 'ai' shows the member's current AI value; 'on'/'off' a fixed value; none shows no value. */
  value?: 'ai' | 'on' | 'off';
}

export interface SectionSpec {
  title: keyof PageLabels['sections'] | 'howLinkedInUsesYourData';
  rows: RowSpec[];
}

export interface SiteContext {
  /** false = the AI setting is not offered in the member's region. */
  offered: boolean;
  /** Data-use settings not offered in the member's region: no row, and their address goes to the category. */
  absentSettings: readonly string[];
  markup: readonly MarkupVariant[];
}

/** The data-use settings a category lists for this member. */
function dataUseRows(category: DataUseSetting['category'], site: SiteContext): RowSpec[] {
  return DATA_USE_SETTINGS.filter((setting) => setting.category === category && !site.absentSettings.includes(setting.key)).map((setting) => ({
    label: { dataUseKey: setting.key },
    href: setting.path,
  }));
}

const setting = (slug: string): string => `${SETTING_PREFIX}${slug}`;

export function aiSettingPath(markup: readonly MarkupVariant[]): string {
  return markup.includes('moved') ? AI_SETTING_MOVED_PATH : AI_SETTING_PATH;
}

export function categorySections(slug: CategorySlug, site: SiteContext): SectionSpec[] {
  switch (slug) {
    case 'account':
      return [
        { title: 'profile', rows: [{ label: 'profileInformation', href: setting('name-location-industry') }] },
        {
          title: 'general',
          rows: [
            { label: 'display', href: setting('dark-mode'), value: 'off' },
            { label: 'generalPreferences', href: setting('language') },
          ],
        },
      ];
    case 'sign-in-security':
      return [{ title: 'security', rows: [{ label: 'signIn', href: setting('email-addresses') }] }];
    case 'visibility':
      return [{ title: 'visibility', rows: [{ label: 'profileViewing', href: setting('profile-viewing-options') }] }];
    case 'privacy': {
      // The AI row sits between other rows, one of which also shows "On", so neither position nor value identifies it.
      const rows: RowSpec[] = [
        { label: 'manageYourData', href: setting('manage-data-and-activity') },
        { label: 'getACopy', href: setting('get-a-copy-of-your-data') },
        { label: 'searchHistory', href: setting('search-history') },
        { label: 'research', href: setting('social-economic-workplace-research'), value: 'on' },
      ];
      if (site.offered) rows.push({ label: 'aiSettingRow', href: aiSettingPath(site.markup), value: 'ai' });
      rows.push({ label: 'demographic', href: setting('demographic-info') }, ...dataUseRows('privacy', site));
      return [{ title: 'howLinkedInUsesYourData', rows }];
    }
    case 'ads':
      return [
        {
          title: 'ads',
          rows: [
            { label: 'adsProfileData', href: setting('profile-data-for-ads'), value: 'on' },
            // Sharing with partners is one of the data-use settings, listed with them.
            ...dataUseRows('ads', site),
          ],
        },
      ];
    case 'notifications':
      return [{ title: 'notifications', rows: [] }];
  }
}

export type Route =
  | { kind: 'category'; slug: CategorySlug }
  | { kind: 'ai-setting' }
  | { kind: 'other-setting'; slug: string }
  | { kind: 'data-use-setting'; setting: DataUseSetting }
  | { kind: 'redirect'; to: string }
  | { kind: 'missing' };

/** What a settings-app path shows; the server answers a redirect with 302, the app with history.replaceState. */
export function resolveSettingsRoute(pathname: string, site: SiteContext): Route {
  if (site.markup.includes('feed-guide')) return { kind: 'redirect', to: FEED_PATH };
  const path = pathname.replace(/\/+$/, '');
  if (path === '/mypreferences/d' || path === '/mypreferences/d/categories') {
    return { kind: 'redirect', to: `${CATEGORY_PREFIX}account` };
  }
  const dataUse = DATA_USE_SETTINGS.find((setting) => setting.path === path);
  if (dataUse) {
    return site.absentSettings.includes(dataUse.key) ? { kind: 'redirect', to: `${CATEGORY_PREFIX}${dataUse.category}` } : { kind: 'data-use-setting', setting: dataUse };
  }
  if (path.startsWith(CATEGORY_PREFIX)) {
    const slug = path.slice(CATEGORY_PREFIX.length);
    return (CATEGORY_SLUGS as readonly string[]).includes(slug) ? { kind: 'category', slug: slug as CategorySlug } : { kind: 'missing' };
  }
  if (path.startsWith(SETTING_PREFIX)) {
    const slug = path.slice(SETTING_PREFIX.length);
    if (!/^[a-z0-9-]+$/.test(slug)) return { kind: 'missing' };
    const isAiPath = path === AI_SETTING_PATH || path === AI_SETTING_MOVED_PATH;
    if (isAiPath && !site.offered) return { kind: 'redirect', to: `${CATEGORY_PREFIX}privacy` };
    if (site.markup.includes('moved')) {
      if (path === AI_SETTING_PATH) return { kind: 'redirect', to: `${CATEGORY_PREFIX}account` };
      if (path === AI_SETTING_MOVED_PATH) return { kind: 'ai-setting' };
    } else if (path === AI_SETTING_PATH) {
      return { kind: 'ai-setting' };
    }
    // Without 'moved', the new address is just an unknown setting, like any other guess.
    return { kind: 'other-setting', slug };
  }
  return { kind: 'missing' };
}
