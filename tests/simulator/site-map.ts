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
export const SAVE_API_PREFIX = '/mysettings-api/settingsApiSettings';
/** Every key the simulated PUT endpoint accepts, with its default value. */
export const SAVABLE_KEYS: Readonly<Record<string, boolean>> = { [AI_SETTING_KEY]: true, [SECOND_SWITCH_KEY]: true };

export type CategorySlug = keyof PageLabels['categories'];
export const CATEGORY_SLUGS: readonly CategorySlug[] = ['account', 'sign-in-security', 'visibility', 'privacy', 'ads', 'notifications'];

export interface RowSpec {
  label: keyof PageLabels['rows'] | 'aiSettingRow';
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
  markup: readonly MarkupVariant[];
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
      rows.push({ label: 'demographic', href: setting('demographic-info') });
      return [{ title: 'howLinkedInUsesYourData', rows }];
    }
    case 'ads':
      return [
        {
          title: 'ads',
          rows: [
            { label: 'adsProfileData', href: setting('profile-data-for-ads'), value: 'on' },
            { label: 'shareWithPartners', href: setting('share-data-with-select-partners'), value: 'on' },
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
  | { kind: 'redirect'; to: string }
  | { kind: 'missing' };

/** What a settings-app path shows; the server answers a redirect with 302, the app with history.replaceState. */
export function resolveSettingsRoute(pathname: string, site: SiteContext): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/mypreferences/d' || path === '/mypreferences/d/categories') {
    return { kind: 'redirect', to: `${CATEGORY_PREFIX}account` };
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
