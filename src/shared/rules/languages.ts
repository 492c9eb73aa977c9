/** UI languages whose labels the rule table knows; any other language still works through the label key. */
export const labelLanguages = ['en', 'de', 'fr', 'nl', 'pt', 'pl', 'it', 'es'] as const;
export type LabelLanguage = (typeof labelLanguages)[number];

/** `de-DE`, `de_de`, `DE` → `de`; anything unreadable → null. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const match = /^\s*([a-z]{2,3})(?:[-_]|$)/i.exec(tag ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

/**
 * LinkedIn's UI language from `<html lang>`. The `lang` cookie would also tell, but reading
 * `document.cookie` exposes JSESSIONID, which this extension never touches.
 */
export function pageLanguage(doc: Document): string | null {
  return primaryLanguage(doc.documentElement.getAttribute('lang'));
}
