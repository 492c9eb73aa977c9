/** A LinkedIn public identifier (the `<id>` in `/in/<id>/`), decoded: letters in any script, digits, `-_.`. */
export const accountKeyPattern = /^[\p{L}\p{N}_.-]{1,200}$/u;

/** Most identifiers are ASCII; this pattern compiles in microseconds where the Unicode one takes ~2 ms. */
const asciiAccountKey = /^[A-Za-z0-9_.-]{1,200}$/;

export function isAccountKey(value: string): boolean {
  return asciiAccountKey.test(value) || accountKeyPattern.test(value);
}

/**
 * The one way an account key is made: LinkedIn's public identifiers ignore case (`/in/Jana-Schmidt/` is
 * `/in/jana-schmidt/`), so keys are lowercase and one member never splits into two records.
 * Null when the result is not an identifier.
 */
export function accountKeyFrom(raw: string): string | null {
  const key = raw.normalize('NFC').toLowerCase();
  return isAccountKey(key) ? key : null;
}
