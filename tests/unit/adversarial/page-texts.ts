/**
 * What LinkedIn's AI-training setting page says, per UI language, written out here on purpose instead of
 * imported from src/: a wrong label in the product's rule table must not be mirrored by its own test.
 * Known labels are the ones the team's facts give for the switch; everything else is a plausible redesign.
 */

/** The popup's eight, and two LinkedIn interface languages no rule knows a label for. */
export const languages = ['en', 'de', 'fr', 'nl', 'pt', 'pl', 'it', 'es', 'sv', 'da'] as const;
export type Language = (typeof languages)[number];

export const settingPath = '/mypreferences/d/settings/data-for-ai-improvement';
export const labelKey = 'allowDataForGenerativeAI';

export type PageTexts = {
  /** The switch label as the facts give it; null where it is unknown (es). */
  known: string | null;
  /** Other wordings LinkedIn could ship with the same meaning: not a known label, no negation. */
  reworded: string[];
  /** Wordings that invert the switch: on means "do not use my data". */
  negated: string[];
  /** Inversions in everyday words, none of them a plain "not": "Opt out of …", „Widerspruch gegen …". */
  inverted: string[];
  /** The On and Off words an artdeco `<label for>` shows beside the switch. */
  onOff: [string, string];
  /** The setting's name, the page heading. */
  heading: string;
  /** Help text under the switch; it mentions what is excluded, so it may contain a negation itself. */
  help: string;
  /** Labels of other switches a settings page may show, some deliberately close to the AI label. */
  decoys: string[];
};

const englishDecoys = [
  'Use my data for training job recommendation AI models',
  'Use my data for personalised ads',
  'Use my data for training content creation AI models in Sales Navigator',
  'Social, economic and workplace research',
  'Data sharing with affiliates and partners',
  'Ads beyond LinkedIn',
];

export const pageTexts: Record<Language, PageTexts> = {
  en: {
    known: 'Use my data for training content creation AI models',
    reworded: [
      'Use my data for training content creation AI models by LinkedIn and its affiliates',
      'Use my personal data to train generative AI models',
      'Allow my data to be used for training content creation AI models',
    ],
    negated: [
      "Don't use my data for training content creation AI models",
      'Don’t use my data for training content creation AI models',
      'Do not use my data for training content creation AI models',
      'Never use my data for training content creation AI models',
    ],
    inverted: ['Opt out of using my data for training content creation AI models', 'Stop using my data for training content creation AI models', 'Exclude my data from training content creation AI models'],
    onOff: ['On', 'Off'],
    heading: 'Data for Generative AI Improvement',
    help: 'Your private messages are not used. Turning this off does not affect training that has already taken place.',
    decoys: englishDecoys,
  },
  de: {
    known: 'Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen',
    reworded: [
      'Ihre Daten zum Trainieren von KI-Modellen für die Erstellung von Inhalten verwenden',
      'Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen (LinkedIn und verbundene Unternehmen)',
    ],
    negated: [
      'Ihre Daten nicht zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen',
      'Ihre Daten zum Schulen von KI-Modellen nicht verwenden, um Inhalte zu erstellen',
      'Keine Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen',
    ],
    inverted: ['Widerspruch gegen die Nutzung Ihrer Daten zum Schulen von KI-Modellen, um Inhalte zu erstellen', 'Ihre Daten vom Schulen von KI-Modellen ausschließen'],
    onOff: ['Ein', 'Aus'],
    heading: 'Daten zur Verbesserung generativer KI',
    help: 'Private Nachrichten werden nicht verwendet.',
    decoys: [
      'Ihre Daten zum Schulen von KI-Modellen für Stellenempfehlungen verwenden',
      'Ihre Daten für personalisierte Werbung verwenden',
      'Soziale, wirtschaftliche und arbeitsplatzbezogene Forschung',
      ...englishDecoys.slice(4),
    ],
  },
  fr: {
    known: "Utiliser mes données pour entraîner des modèles d'IA de création de contenu",
    reworded: [
      "Utiliser mes données pour entraîner les modèles d'IA générative",
      "Utiliser mes données pour entraîner des modèles d'IA de création de contenu de LinkedIn et de ses sociétés affiliées",
    ],
    negated: [
      "Ne pas utiliser mes données pour entraîner des modèles d'IA de création de contenu",
      "N'utilisez pas mes données pour entraîner des modèles d'IA de création de contenu",
      'N’utilisez jamais mes données pour entraîner des modèles d’IA de création de contenu',
    ],
    inverted: ["Refuser l'utilisation de mes données pour entraîner des modèles d'IA de création de contenu", "Exclure mes données de l'entraînement des modèles d'IA"],
    onOff: ['Oui', 'Non'],
    heading: "Données pour l'amélioration de l'IA générative",
    help: 'Vos messages privés ne sont pas utilisés.',
    decoys: ["Utiliser mes données pour les recommandations d'emploi", 'Utiliser mes données pour la publicité', ...englishDecoys.slice(3)],
  },
  nl: {
    known: 'Mijn gegevens gebruiken voor training van AI-modellen waarmee content wordt gemaakt',
    reworded: ['Mijn gegevens gebruiken om generatieve AI-modellen te trainen'],
    negated: [
      'Mijn gegevens niet gebruiken voor training van AI-modellen waarmee content wordt gemaakt',
      'Gebruik mijn gegevens niet voor training van AI-modellen waarmee content wordt gemaakt',
    ],
    inverted: ['Bezwaar maken tegen het gebruik van mijn gegevens voor training van AI-modellen', 'Mijn gegevens uitsluiten van training van AI-modellen waarmee content wordt gemaakt'],
    onOff: ['Aan', 'Uit'],
    heading: 'Gegevens voor verbetering van generatieve AI',
    help: 'Privéberichten worden niet gebruikt.',
    decoys: ['Mijn gegevens gebruiken voor gepersonaliseerde advertenties', ...englishDecoys.slice(3)],
  },
  pt: {
    known: 'Usar meus dados para treinar modelos de IA para criar conteúdos',
    reworded: ['Usar meus dados para treinar modelos de IA generativa', 'Permitir o uso dos meus dados para treinar modelos de IA para criar conteúdos'],
    negated: ['Não usar meus dados para treinar modelos de IA para criar conteúdos', 'Nunca usar meus dados para treinar modelos de IA para criar conteúdos'],
    inverted: ['Recusar o uso dos meus dados para treinar modelos de IA para criar conteúdos', 'Excluir meus dados do treinamento de modelos de IA'],
    onOff: ['Ativada', 'Desativada'],
    heading: 'Dados para aprimoramento da IA generativa',
    help: 'Suas mensagens privadas não são usadas.',
    decoys: ['Usar meus dados para anúncios personalizados', ...englishDecoys.slice(3)],
  },
  pl: {
    known: 'Użyj moich danych do trenowania modeli AI służących do tworzenia treści',
    reworded: ['Używaj moich danych do trenowania modeli generatywnej AI'],
    negated: ['Nie używaj moich danych do trenowania modeli AI służących do tworzenia treści', 'Nie używać moich danych do trenowania modeli AI służących do tworzenia treści'],
    inverted: ['Sprzeciw wobec używania moich danych do trenowania modeli AI służących do tworzenia treści', 'Wyklucz moje dane z trenowania modeli AI'],
    onOff: ['Wł.', 'Wył.'],
    heading: 'Dane na potrzeby ulepszania generatywnej sztucznej inteligencji',
    help: 'Prywatne wiadomości nie są wykorzystywane.',
    decoys: ['Użyj moich danych do reklam', ...englishDecoys.slice(3)],
  },
  it: {
    // The facts give only the start of the label ("Usa i miei dati per addestrare i modelli di IA…"): no label is known.
    known: null,
    reworded: ['Usa i miei dati per addestrare i modelli di IA per la creazione di contenuti', "Usa i miei dati per addestrare l'IA generativa", 'Usa i miei dati per addestrare i modelli di IA'],
    negated: ['Non usare i miei dati per addestrare i modelli di IA', 'Non usare mai i miei dati per addestrare i modelli di IA per la creazione di contenuti'],
    inverted: ["Escludi i miei dati dall'addestramento dei modelli di IA", "Opposizione all'uso dei miei dati per addestrare i modelli di IA"],
    onOff: ['Sì', 'No'],
    heading: "Dati per migliorare l'IA generativa",
    help: 'I messaggi privati non vengono utilizzati.',
    decoys: ['Usa i miei dati per la pubblicità', ...englishDecoys.slice(3)],
  },
  es: {
    known: null,
    reworded: ['Usar mis datos para entrenar modelos de IA de creación de contenido', 'Utilizar mis datos para entrenar modelos de IA generativa'],
    negated: ['No usar mis datos para entrenar modelos de IA de creación de contenido', 'Nunca usar mis datos para entrenar modelos de IA de creación de contenido'],
    inverted: ['Excluir mis datos del entrenamiento de modelos de IA de creación de contenido', 'Oponerse al uso de mis datos para entrenar modelos de IA'],
    onOff: ['Sí', 'No'],
    heading: 'Datos para mejorar la IA generativa',
    help: 'Tus mensajes privados no se utilizan.',
    decoys: ['Usar mis datos para anuncios personalizados', ...englishDecoys.slice(3)],
  },
  sv: {
    known: null,
    reworded: ['Använd mina data för att träna AI-modeller som skapar innehåll'],
    negated: ['Använd inte mina data för att träna AI-modeller som skapar innehåll', 'Mina data får aldrig användas för att träna AI-modeller'],
    inverted: ['Undanta mina data från träning av AI-modeller', 'Invänd mot att mina data används för att träna AI-modeller'],
    onOff: ['På', 'Av'],
    heading: 'Data för förbättring av generativ AI',
    help: 'Dina privata meddelanden används inte.',
    decoys: ['Använd mina data för personanpassade annonser', ...englishDecoys.slice(3)],
  },
  da: {
    known: null,
    reworded: ['Brug mine data til at træne AI-modeller, der skaber indhold'],
    negated: ['Brug ikke mine data til at træne AI-modeller, der skaber indhold', 'Mine data må aldrig bruges til at træne AI-modeller'],
    inverted: ['Udeluk mine data fra træning af AI-modeller', 'Gør indsigelse mod brug af mine data til træning af AI-modeller'],
    onOff: ['Til', 'Fra'],
    heading: 'Data til forbedring af generativ AI',
    help: 'Dine private beskeder bruges ikke.',
    decoys: ['Brug mine data til personlige annoncer', ...englishDecoys.slice(3)],
  },
};

/** Keys of other LinkedIn settings (the same app, the same markup); never the AI setting's key. */
export const otherSettingKeys = [
  'allowAnonymizedDataResearch',
  'shareDataWithTrustedPartners',
  'allowLinkedInAudienceNetwork',
  'allowUseOfThirdPartyData',
  'allowConversionTrackings',
  'allowAdsByAge',
];

/** Names a redesign could give the AI setting's key: none of them is the known key. */
export const renamedKeys = ['gai-consent-x7', 'allowDataForGenerativeAIImprovement', 'dataForAiImprovementToggle', 'settingsToggle-4f2a'];
