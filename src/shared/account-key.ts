/** A LinkedIn public identifier (the `<id>` in `/in/<id>/`), decoded: letters in any script, digits, `-_.`. */
export const accountKeyPattern = /^[\p{L}\p{N}_.-]{1,200}$/u;

export function isAccountKey(value: string): boolean {
  return accountKeyPattern.test(value);
}
