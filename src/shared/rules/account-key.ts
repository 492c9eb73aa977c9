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

/** LinkedIn's alias for "the member signed in": it names whoever views the page, never one member (docs/linkedin.md §4). */
const aliasKeys: ReadonlySet<string> = new Set(['me']);
/** LinkedIn's internal member ids (`ACoAA…`), which profile addresses can carry instead of the public id. */
const internalIdPattern = /^acoa[a-z0-9_-]{6,}$/;

/**
 * The account key of a member a page names, or null when the identifier is an alias or an internal id:
 * those are no member's public identifier, so two members would share one record under them.
 */
export function memberKeyFrom(raw: string): string | null {
  const key = accountKeyFrom(raw);
  return key && !aliasKeys.has(key) && !internalIdPattern.test(key) ? key : null;
}
