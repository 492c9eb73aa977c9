import { describePopupLanguages, popupLanguageShares } from './popup-languages';

// The popup in Spanish (in an es-419 browser), Italian, Brazilian Portuguese and Polish; the other languages:
// popup-languages-en-de-fr-nl.e2e.test.ts.
describePopupLanguages(popupLanguageShares.second);
