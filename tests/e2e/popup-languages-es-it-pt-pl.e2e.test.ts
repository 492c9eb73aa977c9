import { describePopupLanguages, popupLanguageShares } from './popup-languages';

// The popup in Spanish, Italian, Brazilian Portuguese and Polish browsers, and in two browsers whose language has no
// locale of its own; the other languages: popup-languages-en-de-fr-nl.e2e.test.ts.
describePopupLanguages(popupLanguageShares.second.locales, popupLanguageShares.second.fallbacks);
