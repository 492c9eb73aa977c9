import { describePopupLanguages, popupLanguageShares } from './popup-languages';

// The popup in English, German, French and Dutch browsers, and in two browsers whose language has no locale of its own;
// the other languages: popup-languages-es-it-pt-pl.e2e.test.ts.
describePopupLanguages(popupLanguageShares.first.locales, popupLanguageShares.first.fallbacks);
