/**
 * Comparing visible labels with the known ones (docs/linkedin.md, "Labels" and "Negation words").
 * Only typography is forgiven: case, Unicode compatibility forms, whitespace, punctuation, typographic
 * quotes, apostrophes and dashes. A reworded label is not the same label: LinkedIn's rewordings can
 * invert the meaning ("Don't use my data…"), so similarity is never a reason to act.
 */

/** Whitespace runs as one space, none at either end. */
export function collapsed(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lowercase, Unicode NFKC, punctuation (quotes, apostrophes, dashes included) and symbols dropped, whitespace folded. */
export function normalizeLabel(text: string): string {
  return collapsed(text.normalize('NFKC').toLocaleLowerCase('und').replace(/[\p{P}\p{S}]+/gu, ' '));
}

/** Whether `text` is exactly one of `known` once typography is normalised: never by similarity or prefix. */
export function isKnownLabel(text: string, known: readonly string[]): boolean {
  const normalized = normalizeLabel(text);
  return normalized !== '' && known.some((label) => normalizeLabel(label) === normalized);
}

/**
 * Words that negate a label, in the eight languages of the rule table, matched as whole words in any
 * language (a label may be untranslated). Several are also ordinary words elsewhere, which makes a
 * label that carries them refused, never clicked: the safe side. Noted in docs/linkedin.md:
 * "no" (en/es/it) is the Italian and Spanish Off word and Portuguese "in the"; "non" is the French Off
 * word; "nie" is Polish "not" and German "never"; "pas" is also French "step"; "mai" only Italian.
 */
export const negationWords: readonly string[] = [
  // en ("don't", "doesn't", "won't" … are caught by their "n't" ending below)
  'no', 'not', 'never', 'cannot',
  // de
  'nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'keines', 'nie', 'niemals',
  // fr (the elided "n'" is caught below)
  'ne', 'pas', 'jamais', 'aucun', 'aucune',
  // nl
  'niet', 'geen', 'nooit',
  // es
  'nunca', 'ningún', 'ninguno', 'ninguna', 'jamás',
  // it
  'non', 'mai', 'nessun', 'nessuno', 'nessuna',
  // pt
  'não', 'nenhum', 'nenhuma',
  // pl
  'nigdy', 'żaden', 'żadna', 'żadne', 'żadnych',
];

/** Typographic apostrophes and the modifier letter, folded to ' so that "don’t" and "n’utilisez" are seen. */
const apostrophes = /[\u2018\u2019\u02BC\u0060\u00B4\u2032]/g;
/** A word: letters and digits, keeping an inner or trailing apostrophe ("don't", "n'"). */
const wordPattern = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]*)*/gu;

/**
 * The first negation the label carries, as written in `words`, or null. The engine gets `negationWords` with its
 * instruction, so the content script does not carry the list.
 */
export function negationIn(text: string, words: readonly string[]): string | null {
  const negationSet = new Set(words);
  const folded = text.normalize('NFKC').toLocaleLowerCase('und').replace(apostrophes, "'");
  for (const word of folded.match(wordPattern) ?? []) {
    if (negationSet.has(word)) return word;
    if (word.endsWith("n't")) return word;
    // French elision: "n'utilisez", "n'autorisez" (the "ne" before a vowel).
    if (word.startsWith("n'")) return "n'";
    const bare = word.replace(/'+$/, '');
    if (negationSet.has(bare)) return bare;
  }
  return null;
}
