// Every visible string of the simulated pages, per UI language (docs/linkedin.md, "Labels").
// Marks as in docs/linkedin.md: ✅ / ◐ come from it; ❓ = invented by the simulator, plausible only.
// Written from docs/linkedin.md, never imported from src/: the product's own table is what these pages test.
// Typography is confirmed nowhere (no source quotes LinkedIn's exact characters), so the toggle labels and the
// ◐/❓ rows differ from that record's spelling in ways an exact match of NORMALISED labels must accept: typographic
// apostrophes, no-break spaces and hyphens, case, a trailing full stop, decomposed Unicode. `negatedToggleLabel`
// and `rewordedToggleLabel` are real wording changes (markup variants 'negated', 'reworded') that must be refused.

import type { UiLanguage } from './types';

export interface PageLabels {
  /** `lang` cookie value, e.g. 'de-de'. */
  locale: string;
  settingsMenu: string;
  dataPrivacy: string;
  howLinkedInUsesYourData: string;
  aiSettingRow: string;
  aiToggleLabel: string;
  /** The toggle label turned around ("Don't use my data…"): on the 'negated' variant's inverted switch. */
  negatedToggleLabel: string;
  /** The meaning turned around in everyday words no word list holds ("Opt out of …"): the 'inverted' variant, under LinkedIn's own key. */
  invertedToggleLabel: string;
  /** The toggle label with one word changed and no negation: on the 'reworded' variant's switch. */
  rewordedToggleLabel: string;
  on: string;
  off: string;
  aiQuestion: string;
  aiHelp: string;
  // Everything below is simulator scenery, ❓ in every language except where marked.
  me: string;
  viewProfile: string;
  signOut: string;
  backToLinkedIn: string;
  home: string;
  myNetwork: string;
  jobs: string;
  messaging: string;
  notifications: string;
  search: string;
  newPosts: string;
  like: string;
  comment: string;
  repost: string;
  send: string;
  loading: string;
  back: string;
  saveFailed: string;
  notFound: string;
  categories: {
    account: string;
    'sign-in-security': string;
    visibility: string;
    privacy: string;
    ads: string;
    notifications: string;
  };
  rows: {
    profileInformation: string;
    display: string;
    generalPreferences: string;
    signIn: string;
    profileViewing: string;
    manageYourData: string;
    getACopy: string;
    searchHistory: string;
    research: string;
    demographic: string;
    adsProfileData: string;
    shareWithPartners: string;
  };
  sections: {
    profile: string;
    general: string;
    security: string;
    visibility: string;
    ads: string;
    notifications: string;
  };
  secondSwitchLabel: string;
  genericSettingText: string;
}

export const LABELS: Record<UiLanguage, PageLabels> = {
  en: {
    locale: 'en-us',
    settingsMenu: 'Settings & Privacy',
    dataPrivacy: 'Data privacy',
    howLinkedInUsesYourData: 'How LinkedIn uses your data',
    aiSettingRow: 'Data for Generative AI Improvement',
    aiToggleLabel: 'Use my data for training content creation AI\u00a0models', // ✅ wording; a no-break space
    negatedToggleLabel: 'Don’t use my data for training content creation AI models',
    invertedToggleLabel: 'Opt out of using my data for training content creation AI models',
    rewordedToggleLabel: 'Use my data for training content creating AI models',
    on: 'On',
    off: 'Off',
    aiQuestion:
      'Can LinkedIn use your personal data and content you create on LinkedIn to train generative AI models that create content?',
    aiHelp:
      'This setting applies to training generative AI models used to create content. It does not apply to your private messages.',
    me: 'Me',
    viewProfile: 'View profile',
    signOut: 'Sign Out',
    backToLinkedIn: 'Back to LinkedIn.com',
    home: 'Home',
    myNetwork: 'My Network',
    jobs: 'Jobs',
    messaging: 'Messaging',
    notifications: 'Notifications',
    search: 'Search',
    newPosts: 'New posts',
    like: 'Like',
    comment: 'Comment',
    repost: 'Repost',
    send: 'Send',
    loading: 'Loading',
    back: 'Back',
    saveFailed: 'Something went wrong. Your change was not saved. Please try again.',
    notFound: 'This page doesn’t exist',
    categories: {
      account: 'Account preferences',
      'sign-in-security': 'Sign in & security',
      visibility: 'Visibility',
      privacy: 'Data privacy',
      ads: 'Advertising data',
      notifications: 'Notifications',
    },
    rows: {
      profileInformation: 'Name, location, and industry',
      display: 'Dark mode',
      generalPreferences: 'Language',
      signIn: 'Email addresses',
      profileViewing: 'Profile viewing options',
      manageYourData: 'Manage your data and activity',
      getACopy: 'Get a copy of your data',
      searchHistory: 'Search history',
      research: 'Social, economic, and workplace research',
      demographic: 'Personal demographic information',
      adsProfileData: 'Profile data for ad personalization',
      shareWithPartners: 'Data sharing with affiliates and select partners',
    },
    sections: {
      profile: 'Profile information',
      general: 'General preferences',
      security: 'Account access',
      visibility: 'Visibility of your profile & network',
      ads: 'Profile data',
      notifications: 'Notifications you receive',
    },
    secondSwitchLabel: 'Allow others to see your profile activity',
    genericSettingText: 'Manage this setting here.',
  },
  de: {
    locale: 'de-de',
    settingsMenu: 'Einstellungen und Datenschutz', // ❓ facts: "Einstellungen" ✅, full menu wording ❓
    dataPrivacy: 'Datenschutz',
    howLinkedInUsesYourData: 'So verwendet LinkedIn Ihre Daten',
    aiSettingRow: 'Daten zur Verbesserung generativer KI',
    aiToggleLabel: 'Ihre Daten zum Schulen von KI\u2011Modellen verwenden, um Inhalte zu erstellen', // ✅ wording; a no-break hyphen
    negatedToggleLabel: 'Ihre Daten nicht zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen',
    invertedToggleLabel: 'Widerspruch gegen die Nutzung Ihrer Daten zum Schulen von KI-Modellen, um Inhalte zu erstellen',
    rewordedToggleLabel: 'Ihre Daten zum Trainieren von KI-Modellen verwenden, um Inhalte zu erstellen',
    on: 'Ein',
    off: 'Aus',
    aiQuestion:
      'Darf LinkedIn Ihre personenbezogenen Daten und Inhalte, die Sie auf LinkedIn erstellen, verwenden, um generative KI-Modelle zu trainieren, die Inhalte erstellen?', // ❓
    aiHelp:
      'Diese Einstellung gilt für das Trainieren generativer KI-Modelle, die Inhalte erstellen. Sie gilt nicht für Ihre privaten Nachrichten.', // ❓
    me: 'Sie',
    viewProfile: 'Profil anzeigen',
    signOut: 'Abmelden',
    backToLinkedIn: 'Zurück zu LinkedIn.com',
    home: 'Startseite',
    myNetwork: 'Mein Netzwerk',
    jobs: 'Jobs',
    messaging: 'Nachrichten',
    notifications: 'Mitteilungen',
    search: 'Suche',
    newPosts: 'Neue Beiträge',
    like: 'Gefällt mir',
    comment: 'Kommentieren',
    repost: 'Reposten',
    send: 'Senden',
    loading: 'Wird geladen',
    back: 'Zurück',
    saveFailed: 'Ein Fehler ist aufgetreten. Ihre Änderung wurde nicht gespeichert. Bitte versuchen Sie es erneut.',
    notFound: 'Diese Seite existiert nicht',
    categories: {
      account: 'Kontoeinstellungen',
      'sign-in-security': 'Anmeldung und Sicherheit',
      visibility: 'Sichtbarkeit',
      privacy: 'Datenschutz',
      ads: 'Werbedaten',
      notifications: 'Benachrichtigungen',
    },
    rows: {
      profileInformation: 'Name, Standort und Branche',
      display: 'Dunkelmodus',
      generalPreferences: 'Sprache',
      signIn: 'E-Mail-Adressen',
      profileViewing: 'Optionen für das Anzeigen von Profilen',
      manageYourData: 'Ihre Daten und Aktivitäten verwalten',
      getACopy: 'Kopie Ihrer Daten anfordern',
      searchHistory: 'Suchverlauf',
      research: 'Sozial-, Wirtschafts- und Arbeitsplatzforschung',
      demographic: 'Persönliche demografische Angaben',
      adsProfileData: 'Profildaten für personalisierte Werbung',
      shareWithPartners: 'Datenweitergabe an verbundene Unternehmen und ausgewählte Partner',
    },
    sections: {
      profile: 'Profilinformationen',
      general: 'Allgemeine Einstellungen',
      security: 'Kontozugriff',
      visibility: 'Sichtbarkeit Ihres Profils und Netzwerks',
      ads: 'Profildaten',
      notifications: 'Benachrichtigungen, die Sie erhalten',
    },
    secondSwitchLabel: 'Anderen erlauben, Ihre Profilaktivitäten zu sehen',
    genericSettingText: 'Verwalten Sie diese Einstellung hier.',
  },
  fr: {
    locale: 'fr-fr',
    settingsMenu: 'Préférences et confidentialité',
    dataPrivacy: 'Confidentialité des données',
    howLinkedInUsesYourData: 'Comment LinkedIn utilise vos données',
    aiSettingRow: 'Données pour l’amélioration de l’IA générative', // facts spell it with ' — LinkedIn uses typographic quotes ❓
    aiToggleLabel: 'Utiliser mes données pour entraîner des modèles d’IA de création de contenu', // ✅ wording; ’ where the facts have '
    negatedToggleLabel: 'Ne pas utiliser mes données pour entraîner des modèles d’IA de création de contenu',
    invertedToggleLabel: 'Refuser l’utilisation de mes données pour entraîner des modèles d’IA de création de contenu',
    rewordedToggleLabel: 'Utiliser mes données pour entraîner des modèles d’IA de génération de contenu',
    on: 'Oui', // ❓
    off: 'Non', // ❓
    aiQuestion:
      'LinkedIn peut-il utiliser vos données personnelles et le contenu que vous créez sur LinkedIn pour entraîner des modèles d’IA générative qui créent du contenu ?', // ❓
    aiHelp:
      'Ce paramètre s’applique à l’entraînement des modèles d’IA générative servant à créer du contenu. Il ne s’applique pas à vos messages privés.', // ❓
    me: 'Vous',
    viewProfile: 'Voir le profil',
    signOut: 'Déconnexion',
    backToLinkedIn: 'Retour sur LinkedIn.com',
    home: 'Accueil',
    myNetwork: 'Réseau',
    jobs: 'Emplois',
    messaging: 'Messagerie',
    notifications: 'Notifications',
    search: 'Recherche',
    newPosts: 'Nouveaux posts',
    like: 'J’aime',
    comment: 'Commenter',
    repost: 'Republier',
    send: 'Envoyer',
    loading: 'Chargement',
    back: 'Retour',
    saveFailed: 'Une erreur s’est produite. Votre modification n’a pas été enregistrée. Veuillez réessayer.',
    notFound: 'Cette page n’existe pas',
    categories: {
      account: 'Préférences du compte',
      'sign-in-security': 'Connexion et sécurité',
      visibility: 'Visibilité',
      privacy: 'Confidentialité des données',
      ads: 'Données publicitaires',
      notifications: 'Notifications',
    },
    rows: {
      profileInformation: 'Nom, lieu et secteur',
      display: 'Mode sombre',
      generalPreferences: 'Langue',
      signIn: 'Adresses e-mail',
      profileViewing: 'Options de consultation de profil',
      manageYourData: 'Gérer vos données et votre activité',
      getACopy: 'Obtenir une copie de vos données',
      searchHistory: 'Historique des recherches',
      research: 'Recherche sociale, économique et professionnelle',
      demographic: 'Informations démographiques personnelles',
      adsProfileData: 'Données du profil pour la personnalisation des publicités',
      shareWithPartners: 'Partage de données avec des sociétés affiliées et des partenaires sélectionnés',
    },
    sections: {
      profile: 'Informations du profil',
      general: 'Préférences générales',
      security: 'Accès au compte',
      visibility: 'Visibilité de votre profil et de votre réseau',
      ads: 'Données du profil',
      notifications: 'Notifications reçues',
    },
    secondSwitchLabel: 'Autoriser les autres à voir l’activité de votre profil',
    genericSettingText: 'Gérez ce paramètre ici.',
  },
  nl: {
    locale: 'nl-nl',
    settingsMenu: 'Instellingen en privacy', // ◐ facts say "Instellingen"; full menu wording ❓
    dataPrivacy: 'Gegevensprivacy',
    howLinkedInUsesYourData: 'Hoe LinkedIn uw gegevens gebruikt', // ❓
    aiSettingRow: 'Gegevens voor verbetering van generatieve AI',
    aiToggleLabel: 'Mijn gegevens gebruiken voor training van AI-modellen waarmee content wordt gemaakt.', // ✅ wording; a full stop
    negatedToggleLabel: 'Mijn gegevens niet gebruiken voor training van AI-modellen waarmee content wordt gemaakt',
    invertedToggleLabel: 'Bezwaar maken tegen het gebruik van mijn gegevens voor training van AI-modellen',
    rewordedToggleLabel: 'Mijn gegevens gebruiken voor het trainen van AI-modellen waarmee content wordt gemaakt',
    on: 'Aan',
    off: 'Uit',
    aiQuestion:
      'Mag LinkedIn uw persoonsgegevens en de content die u op LinkedIn maakt gebruiken om generatieve AI-modellen te trainen die content maken?', // ❓
    aiHelp:
      'Deze instelling geldt voor het trainen van generatieve AI-modellen die content maken. Ze geldt niet voor uw privéberichten.', // ❓
    me: 'Ik',
    viewProfile: 'Profiel bekijken',
    signOut: 'Afmelden',
    backToLinkedIn: 'Terug naar LinkedIn.com',
    home: 'Startpagina',
    myNetwork: 'Mijn netwerk',
    jobs: 'Vacatures',
    messaging: 'Berichten',
    notifications: 'Meldingen',
    search: 'Zoeken',
    newPosts: 'Nieuwe berichten',
    like: 'Interessant',
    comment: 'Reageren',
    repost: 'Reposten',
    send: 'Verzenden',
    loading: 'Laden',
    back: 'Terug',
    saveFailed: 'Er is iets misgegaan. Uw wijziging is niet opgeslagen. Probeer het opnieuw.',
    notFound: 'Deze pagina bestaat niet',
    categories: {
      account: 'Accountvoorkeuren',
      'sign-in-security': 'Aanmelding en beveiliging',
      visibility: 'Zichtbaarheid',
      privacy: 'Gegevensprivacy',
      ads: 'Advertentiegegevens',
      notifications: 'Meldingen',
    },
    rows: {
      profileInformation: 'Naam, locatie en branche',
      display: 'Donkere modus',
      generalPreferences: 'Taal',
      signIn: 'E-mailadressen',
      profileViewing: 'Opties voor het bekijken van profielen',
      manageYourData: 'Uw gegevens en activiteit beheren',
      getACopy: 'Een kopie van uw gegevens downloaden',
      searchHistory: 'Zoekgeschiedenis',
      research: 'Sociaal, economisch en arbeidsonderzoek',
      demographic: 'Persoonlijke demografische gegevens',
      adsProfileData: 'Profielgegevens voor gepersonaliseerde advertenties',
      shareWithPartners: 'Gegevens delen met gelieerde ondernemingen en geselecteerde partners',
    },
    sections: {
      profile: 'Profielgegevens',
      general: 'Algemene voorkeuren',
      security: 'Toegang tot account',
      visibility: 'Zichtbaarheid van uw profiel en netwerk',
      ads: 'Profielgegevens',
      notifications: 'Meldingen die u ontvangt',
    },
    secondSwitchLabel: 'Anderen toestaan uw profielactiviteit te zien',
    genericSettingText: 'Beheer deze instelling hier.',
  },
  pt: {
    locale: 'pt-br',
    settingsMenu: 'Configurações e privacidade',
    dataPrivacy: 'Privacidade dos dados',
    howLinkedInUsesYourData: 'Como o LinkedIn utiliza seus dados',
    aiSettingRow: 'Dados para aprimoramento da IA generativa',
    aiToggleLabel: 'Usar meus dados para treinar modelos de IA\u00a0para criar conteúdos.', // ◐ wording; a no-break space, a full stop
    negatedToggleLabel: 'Não usar meus dados para treinar modelos de IA para criar conteúdos',
    invertedToggleLabel: 'Recusar o uso dos meus dados para treinar modelos de IA para criar conteúdos',
    rewordedToggleLabel: 'Usar meus dados para treinar modelos de IA que criam conteúdos',
    on: 'Ativada',
    off: 'Desativada',
    aiQuestion:
      'O LinkedIn pode usar seus dados pessoais e o conteúdo que você cria no LinkedIn para treinar modelos de IA generativa que criam conteúdo?', // ❓
    aiHelp:
      'Esta configuração se aplica ao treinamento de modelos de IA generativa usados para criar conteúdo. Ela não se aplica às suas mensagens privadas.', // ❓
    me: 'Eu',
    viewProfile: 'Ver perfil',
    signOut: 'Sair',
    backToLinkedIn: 'Voltar para LinkedIn.com',
    home: 'Início',
    myNetwork: 'Minha rede',
    jobs: 'Vagas',
    messaging: 'Mensagens',
    notifications: 'Notificações',
    search: 'Pesquisar',
    newPosts: 'Novas publicações',
    like: 'Gostei',
    comment: 'Comentar',
    repost: 'Compartilhar',
    send: 'Enviar',
    loading: 'Carregando',
    back: 'Voltar',
    saveFailed: 'Algo deu errado. Sua alteração não foi salva. Tente novamente.',
    notFound: 'Esta página não existe',
    categories: {
      account: 'Preferências da conta',
      'sign-in-security': 'Acesso e segurança',
      visibility: 'Visibilidade',
      privacy: 'Privacidade dos dados',
      ads: 'Dados de publicidade',
      notifications: 'Notificações',
    },
    rows: {
      profileInformation: 'Nome, localidade e setor',
      display: 'Modo escuro',
      generalPreferences: 'Idioma',
      signIn: 'Endereços de e-mail',
      profileViewing: 'Opções de visualização de perfil',
      manageYourData: 'Gerenciar seus dados e atividades',
      getACopy: 'Obter uma cópia dos seus dados',
      searchHistory: 'Histórico de pesquisa',
      research: 'Pesquisa social, econômica e do ambiente de trabalho',
      demographic: 'Informações demográficas pessoais',
      adsProfileData: 'Dados do perfil para personalização de anúncios',
      shareWithPartners: 'Compartilhamento de dados com afiliadas e parceiros selecionados',
    },
    sections: {
      profile: 'Informações do perfil',
      general: 'Preferências gerais',
      security: 'Acesso à conta',
      visibility: 'Visibilidade do seu perfil e rede',
      ads: 'Dados do perfil',
      notifications: 'Notificações que você recebe',
    },
    secondSwitchLabel: 'Permitir que outras pessoas vejam a atividade do seu perfil',
    genericSettingText: 'Gerencie esta configuração aqui.',
  },
  pl: {
    locale: 'pl-pl',
    settingsMenu: 'Ustawienia i prywatność',
    dataPrivacy: 'Prywatność danych',
    howLinkedInUsesYourData: 'Jak LinkedIn wykorzystuje Twoje dane',
    aiSettingRow: 'Dane na potrzeby ulepszania generatywnej sztucznej\u00a0inteligencji', // ◐ wording; a no-break space
    // ◐ wording; decomposed Unicode (z + combining dot), as text copied through some systems arrives.
    aiToggleLabel: 'Użyj moich danych do trenowania modeli AI służących do tworzenia treści'.normalize('NFD'),
    negatedToggleLabel: 'Nie używaj moich danych do trenowania modeli AI służących do tworzenia treści',
    invertedToggleLabel: 'Sprzeciw wobec używania moich danych do trenowania modeli AI służących do tworzenia treści',
    rewordedToggleLabel: 'Użyj moich danych do szkolenia modeli AI służących do tworzenia treści',
    on: 'Włączone', // ❓
    off: 'Wyłączone', // ❓
    aiQuestion:
      'Czy LinkedIn może wykorzystywać Twoje dane osobowe i treści, które tworzysz w serwisie LinkedIn, do trenowania modeli generatywnej AI, które tworzą treści?', // ❓
    aiHelp:
      'To ustawienie dotyczy trenowania modeli generatywnej AI służących do tworzenia treści. Nie dotyczy Twoich prywatnych wiadomości.', // ❓
    me: 'Ja',
    viewProfile: 'Wyświetl profil',
    signOut: 'Wyloguj się',
    backToLinkedIn: 'Wróć do LinkedIn.com',
    home: 'Strona główna',
    myNetwork: 'Moja sieć',
    jobs: 'Praca',
    messaging: 'Wiadomości',
    notifications: 'Powiadomienia',
    search: 'Szukaj',
    newPosts: 'Nowe posty',
    like: 'Lubię to',
    comment: 'Skomentuj',
    repost: 'Udostępnij dalej',
    send: 'Wyślij',
    loading: 'Ładowanie',
    back: 'Wstecz',
    saveFailed: 'Coś poszło nie tak. Twoja zmiana nie została zapisana. Spróbuj ponownie.',
    notFound: 'Ta strona nie istnieje',
    categories: {
      account: 'Preferencje konta',
      'sign-in-security': 'Logowanie i bezpieczeństwo',
      visibility: 'Widoczność',
      privacy: 'Prywatność danych',
      ads: 'Dane reklamowe',
      notifications: 'Powiadomienia',
    },
    rows: {
      profileInformation: 'Imię i nazwisko, lokalizacja i branża',
      display: 'Tryb ciemny',
      generalPreferences: 'Język',
      signIn: 'Adresy e-mail',
      profileViewing: 'Opcje wyświetlania profilu',
      manageYourData: 'Zarządzaj swoimi danymi i aktywnością',
      getACopy: 'Pobierz kopię swoich danych',
      searchHistory: 'Historia wyszukiwania',
      research: 'Badania społeczne, ekonomiczne i dotyczące miejsca pracy',
      demographic: 'Osobiste informacje demograficzne',
      adsProfileData: 'Dane profilu do personalizacji reklam',
      shareWithPartners: 'Udostępnianie danych podmiotom powiązanym i wybranym partnerom',
    },
    sections: {
      profile: 'Informacje o profilu',
      general: 'Preferencje ogólne',
      security: 'Dostęp do konta',
      visibility: 'Widoczność Twojego profilu i sieci',
      ads: 'Dane profilu',
      notifications: 'Otrzymywane powiadomienia',
    },
    secondSwitchLabel: 'Zezwalaj innym na wyświetlanie aktywności Twojego profilu',
    genericSettingText: 'Zarządzaj tym ustawieniem tutaj.',
  },
  it: {
    locale: 'it-it',
    settingsMenu: 'Impostazioni e privacy', // ❓ as in docs/linkedin.md
    dataPrivacy: 'Privacy dei dati',
    howLinkedInUsesYourData: 'Come LinkedIn utilizza i tuoi dati', // ❓ as in docs/linkedin.md
    aiSettingRow: 'Dati per migliorare l’IA generativa',
    aiToggleLabel: 'Usa i miei dati per addestrare i modelli di IA per la creazione di contenuti', // ◐ facts truncate it with "…"; the tail is ❓
    negatedToggleLabel: 'Non usare i miei dati per addestrare i modelli di IA per la creazione di contenuti',
    invertedToggleLabel: 'Escludi i miei dati dall’addestramento dei modelli di IA per la creazione di contenuti',
    rewordedToggleLabel: 'Usa i miei dati per allenare i modelli di IA per la creazione di contenuti',
    on: 'Sì',
    off: 'No',
    aiQuestion:
      'LinkedIn può utilizzare i tuoi dati personali e i contenuti che crei su LinkedIn per addestrare modelli di IA generativa che creano contenuti?', // ❓
    aiHelp:
      'Questa impostazione si applica all’addestramento dei modelli di IA generativa usati per creare contenuti. Non si applica ai tuoi messaggi privati.', // ❓
    me: 'Tu',
    viewProfile: 'Visualizza profilo',
    signOut: 'Esci',
    backToLinkedIn: 'Torna a LinkedIn.com',
    home: 'Home',
    myNetwork: 'Rete',
    jobs: 'Lavoro',
    messaging: 'Messaggistica',
    notifications: 'Notifiche',
    search: 'Cerca',
    newPosts: 'Nuovi post',
    like: 'Consiglia',
    comment: 'Commenta',
    repost: 'Diffondi il post',
    send: 'Invia',
    loading: 'Caricamento',
    back: 'Indietro',
    saveFailed: 'Si è verificato un errore. La modifica non è stata salvata. Riprova.',
    notFound: 'Questa pagina non esiste',
    categories: {
      account: 'Preferenze account',
      'sign-in-security': 'Accesso e sicurezza',
      visibility: 'Visibilità',
      privacy: 'Privacy dei dati',
      ads: 'Dati pubblicitari',
      notifications: 'Notifiche',
    },
    rows: {
      profileInformation: 'Nome, località e settore',
      display: 'Modalità scura',
      generalPreferences: 'Lingua',
      signIn: 'Indirizzi email',
      profileViewing: 'Opzioni di visualizzazione del profilo',
      manageYourData: 'Gestisci i tuoi dati e la tua attività',
      getACopy: 'Ottieni una copia dei tuoi dati',
      searchHistory: 'Cronologia delle ricerche',
      research: 'Ricerca sociale, economica e sul lavoro',
      demographic: 'Informazioni demografiche personali',
      adsProfileData: 'Dati del profilo per la personalizzazione degli annunci',
      shareWithPartners: 'Condivisione dei dati con società affiliate e partner selezionati',
    },
    sections: {
      profile: 'Informazioni del profilo',
      general: 'Preferenze generali',
      security: 'Accesso all’account',
      visibility: 'Visibilità del tuo profilo e della tua rete',
      ads: 'Dati del profilo',
      notifications: 'Notifiche che ricevi',
    },
    secondSwitchLabel: 'Consenti ad altri di vedere l’attività del tuo profilo',
    genericSettingText: 'Gestisci questa impostazione qui.',
  },
  es: {
    locale: 'es-es',
    settingsMenu: 'Configuración y privacidad',
    dataPrivacy: 'Privacidad de datos',
    howLinkedInUsesYourData: 'Cómo utiliza LinkedIn tus datos', // ❓ as in docs/linkedin.md
    aiSettingRow: 'Datos para mejorar la IA Generativa', // ◐ (also "…para la mejora de la IA generativa"); case differs
    aiToggleLabel: 'Usar mis datos para entrenar modelos de IA de creación de contenido', // ❓
    negatedToggleLabel: 'No usar mis datos para entrenar modelos de IA de creación de contenido',
    invertedToggleLabel: 'Excluir mis datos del entrenamiento de modelos de IA de creación de contenido',
    rewordedToggleLabel: 'Usar mis datos para entrenar modelos de IA que crean contenido',
    on: 'Sí', // ❓
    off: 'No', // ❓
    aiQuestion:
      '¿Puede LinkedIn usar tus datos personales y el contenido que creas en LinkedIn para entrenar modelos de IA generativa que crean contenido?', // ❓
    aiHelp:
      'Esta configuración se aplica al entrenamiento de modelos de IA generativa que crean contenido. No se aplica a tus mensajes privados.', // ❓
    me: 'Yo',
    viewProfile: 'Ver perfil',
    signOut: 'Cerrar sesión',
    backToLinkedIn: 'Volver a LinkedIn.com',
    home: 'Inicio',
    myNetwork: 'Mi red',
    jobs: 'Empleos',
    messaging: 'Mensajes',
    notifications: 'Notificaciones',
    search: 'Buscar',
    newPosts: 'Nuevas publicaciones',
    like: 'Recomendar',
    comment: 'Comentar',
    repost: 'Compartir',
    send: 'Enviar',
    loading: 'Cargando',
    back: 'Atrás',
    saveFailed: 'Se ha producido un error. No se ha guardado el cambio. Inténtalo de nuevo.',
    notFound: 'Esta página no existe',
    categories: {
      account: 'Preferencias de la cuenta',
      'sign-in-security': 'Inicio de sesión y seguridad',
      visibility: 'Visibilidad',
      privacy: 'Privacidad de datos',
      ads: 'Datos publicitarios',
      notifications: 'Notificaciones',
    },
    rows: {
      profileInformation: 'Nombre, ubicación y sector',
      display: 'Modo oscuro',
      generalPreferences: 'Idioma',
      signIn: 'Direcciones de email',
      profileViewing: 'Opciones de visualización del perfil',
      manageYourData: 'Gestionar tus datos y actividad',
      getACopy: 'Obtener una copia de tus datos',
      searchHistory: 'Historial de búsqueda',
      research: 'Investigación social, económica y laboral',
      demographic: 'Información demográfica personal',
      adsProfileData: 'Datos del perfil para personalizar anuncios',
      shareWithPartners: 'Compartir datos con filiales y socios seleccionados',
    },
    sections: {
      profile: 'Información del perfil',
      general: 'Preferencias generales',
      security: 'Acceso a la cuenta',
      visibility: 'Visibilidad de tu perfil y red',
      ads: 'Datos del perfil',
      notifications: 'Notificaciones que recibes',
    },
    secondSwitchLabel: 'Permitir que otros vean la actividad de tu perfil',
    genericSettingText: 'Gestiona esta configuración aquí.',
  },
};
