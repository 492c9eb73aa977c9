import { describePopupLanguages, popupLanguageShares } from './popup-languages';

// The popup in English (in a pt-PT browser), German, French and Dutch; the other languages:
// popup-languages-es-it-pt-pl.e2e.test.ts.
describePopupLanguages(popupLanguageShares.first);
