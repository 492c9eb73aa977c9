/** A LinkedIn public identifier (the `<id>` in `/in/<id>/`), decoded: letters in any script, digits, `-_.`. */
export const accountKeyPattern = /^[\p{L}\p{N}_.-]{1,200}$/u;

/** Most identifiers are ASCII; this pattern compiles in microseconds where the Unicode one takes ~2 ms. */
const asciiAccountKey = /^[A-Za-z0-9_.-]{1,200}$/;

export function isAccountKey(value: string): boolean {
  return asciiAccountKey.test(value) || accountKeyPattern.test(value);
}
