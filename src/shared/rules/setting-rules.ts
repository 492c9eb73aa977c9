import type { SettingRule } from './rule-schema';

/**
 * What the engine looks for on LinkedIn, as data (facts and sources in docs/linkedin.md): the table is checked
 * against the schema in `rule-schema.ts` by a test. A new LinkedIn setting is one more entry (and its two popup
 * sentences in the locale files); no module names a rule id but this table.
 */

/** The headline setting: the default, and the one every account row shows. */
export const aiTrainingRule = {
  id: 'allowDataForGenerativeAI' as const,
  settingPath: '/mypreferences/d/settings/data-for-ai-improvement',
  labelKey: 'allowDataForGenerativeAI',
  desiredState: 'off',
  walk: {
    homePath: '/mypreferences/d/',
    categoryPath: '/mypreferences/d/categories/privacy',
    rowLinkSegment: 'data-for-ai-improvement',
  },
  labels: {
    en: {
      category: ['Data privacy'],
      section: ['How LinkedIn uses your data'],
      row: ['Data for Generative AI Improvement'],
      toggle: ['Use my data for training content creation AI models'],
      on: 'On',
      off: 'Off',
    },
    de: {
      category: ['Datenschutz'],
      section: ['So verwendet LinkedIn Ihre Daten'],
      row: ['Daten zur Verbesserung generativer KI'],
      toggle: ['Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen'],
      on: 'Ein',
      off: 'Aus',
    },
    fr: {
      category: ['Confidentialité des données'],
      section: ['Comment LinkedIn utilise vos données'],
      row: ["Données pour l'amélioration de l'IA générative"],
      toggle: ["Utiliser mes données pour entraîner des modèles d'IA de création de contenu"],
      on: 'Oui',
      off: 'Non',
    },
    nl: {
      category: ['Gegevensprivacy'],
      row: ['Gegevens voor verbetering van generatieve AI'],
      toggle: ['Mijn gegevens gebruiken voor training van AI-modellen waarmee content wordt gemaakt'],
      on: 'Aan',
      off: 'Uit',
    },
    pt: {
      category: ['Privacidade dos dados'],
      section: ['Como o LinkedIn utiliza seus dados'],
      row: ['Dados para aprimoramento da IA generativa'],
      toggle: ['Usar meus dados para treinar modelos de IA para criar conteúdos'],
      on: 'Ativada',
      off: 'Desativada',
    },
    pl: {
      category: ['Prywatność danych'],
      section: ['Jak LinkedIn wykorzystuje Twoje dane'],
      row: ['Dane na potrzeby ulepszania generatywnej sztucznej inteligencji'],
      toggle: ['Użyj moich danych do trenowania modeli AI służących do tworzenia treści'],
    },
    it: {
      category: ['Privacy dei dati'],
      section: ['Come LinkedIn utilizza i tuoi dati'],
      row: ["Dati per migliorare l'IA generativa"],
      // Only the start of the toggle label is known (docs/linkedin.md §3): no label, so only the key identifies it.
      on: 'Sì',
      off: 'No',
    },
    es: {
      category: ['Privacidad de datos'],
      section: ['Cómo utiliza LinkedIn tus datos'],
      row: ['Datos para mejorar la IA generativa', 'Datos para la mejora de la IA generativa'],
    },
  },
} satisfies SettingRule;

/** Where a setting sits in the walk: its category page, and that category's name in English. */
const privacyCategory = { path: '/mypreferences/d/categories/privacy', englishName: 'Data privacy' };
const adsCategory = { path: '/mypreferences/d/categories/ads', englishName: 'Advertising data' };

/**
 * One of the other data-use settings (docs/linkedin.md §8): only the English name is known, so only English
 * pages can identify it by text; in every other language only its key does, which is the safe side.
 */
function otherSetting<Id extends string>(
  id: Id,
  slug: string,
  category: typeof privacyCategory,
  englishName: string,
  settingPath = `/mypreferences/d/settings/${slug}`,
): SettingRule & { id: Id } {
  return {
    id,
    settingPath,
    labelKey: id,
    desiredState: 'off',
    walk: { homePath: '/mypreferences/d/', categoryPath: category.path, rowLinkSegment: slug },
    labels: { en: { category: [category.englishName], row: [englishName], toggle: [englishName] } },
  };
}

/** The settings a member may choose besides the headline, in the order the popup lists and an operation runs them. */
export const otherSettingRules = [
  otherSetting('allowAnonymizedDataResearch', 'policy-and-academic-research', privacyCategory, 'Social, economic and workplace research'),
  otherSetting('shareDataWithTrustedPartners', 'share-data-with-select-partners', adsCategory, 'Data sharing with affiliates and partners'),
  otherSetting('allowLinkedInAudienceNetwork', 'ads-beyond-linkedin', adsCategory, 'Ads beyond LinkedIn'),
  otherSetting('allowUseOfThirdPartyData', 'ads-interactions-with-business', adsCategory, 'Advertiser data for ads'),
  otherSetting('allowConversionTrackings', 'ads-related-actions', adsCategory, 'Measure ad success'),
  otherSetting('allowAdsByAge', 'ads-by-age', adsCategory, 'Ads by inferred age'),
  otherSetting('allowAdsByGender', 'ads-by-gender', adsCategory, 'Ads by inferred gender'),
  otherSetting('allowIpToPersonalizeAds', 'ads-inferred-location', adsCategory, 'Ads by inferred city location'),
  otherSetting('adsPrivacyAllowInterestsAndBehaviors', 'interest-categories', adsCategory, 'Ads by inferred interests and traits', '/mypreferences/d/interest-categories'),
  otherSetting('allowProfileAndActivityDataForMarketingAds', 'linkedin-promotions', adsCategory, 'LinkedIn promotions'),
] as const;

/** Every rule the engine knows, by id. */
export const settingRules = Object.fromEntries([aiTrainingRule, ...otherSettingRules].map((rule) => [rule.id, rule])) as {
  [Rule in typeof aiTrainingRule | (typeof otherSettingRules)[number] as Rule['id']]: Rule;
};
export type RuleId = keyof typeof settingRules;
export const ruleIds = Object.keys(settingRules) as [RuleId, ...RuleId[]];
export type OtherRuleId = (typeof otherSettingRules)[number]['id'];
export const otherRuleIds = otherSettingRules.map((rule) => rule.id);

/** A rule by its id, for ids that come from storage or a message (already parsed against `ruleIds`). */
export function ruleById(id: RuleId): SettingRule {
  return settingRules[id];
}

/** The setting's address, for links the user can open by hand. */
export function settingUrl(rule: SettingRule): string {
  return `https://www.linkedin.com${rule.settingPath}`;
}
