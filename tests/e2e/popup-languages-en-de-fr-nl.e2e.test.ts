import { describePopupLanguages, popupLanguageShares } from './popup-languages';

// The popup in English, German, French and Dutch browsers; the other languages: popup-languages-es-it-pt-pl.e2e.test.ts.
describePopupLanguages(popupLanguageShares.first.locales, popupLanguageShares.first.fallbacks);
