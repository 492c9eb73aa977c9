import type { SettingRule } from './rules';

/**
 * What the engine looks for on LinkedIn, as data (facts and sources in docs/linkedin.md): the table is checked
 * against the schema in `rules.ts` by a test. A second LinkedIn setting later is one more row.
 */

export const aiTrainingRule = {
  id: 'ai-training' as const,
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
      // Only the start of this label is known (docs/linkedin.md). Labels match exactly, never by prefix, so
      // the full Italian label does not identify the switch by text: on Italian pages only the key does.
      toggle: ['Usa i miei dati per addestrare i modelli di IA'],
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

/** Every rule the engine knows, by id. */
export const settingRules = { [aiTrainingRule.id]: aiTrainingRule } satisfies Record<string, SettingRule>;
export type RuleId = keyof typeof settingRules;
export const ruleIds = Object.keys(settingRules) as [RuleId, ...RuleId[]];

/** The setting's address, for links the user can open by hand. */
export function settingUrl(rule: SettingRule): string {
  return `https://www.linkedin.com${rule.settingPath}`;
}
