import { isRecord } from './is-record';

/**
 * Checks that read a value from storage or a reply without zod: the popup's size budget has no room for
 * a validator library. Each check built from these returns exactly what its zod schema returns (unknown
 * keys dropped, defaults filled in, names trimmed) or `unreadable`; tests/unit/stored-checks.test.ts holds
 * every such check to its schema on generated values.
 */

export const unreadable = Symbol('unreadable');
export type Check<T> = { read(value: unknown): T | typeof unreadable; expects: string };

export const check = <T>(expects: string, read: (value: unknown) => T | typeof unreadable): Check<T> => ({ expects, read });

export const text = (max = Infinity): Check<string> =>
  check(max < Infinity ? `text of at most ${max} characters` : 'text', (value) => (typeof value === 'string' && value.length <= max ? value : unreadable));

export const matching = (pattern: RegExp, expects: string): Check<string> =>
  check(expects, (value) => (typeof value === 'string' && pattern.test(value) ? value : unreadable));

export const wholeNumber = (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check<number> =>
  check(`a whole number${min > Number.MIN_SAFE_INTEGER ? ` from ${min}` : ''}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`, (value) => (Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : unreadable));

export const duration: Check<number> = check('a finite number from 0', (value) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : unreadable));
export const flag: Check<boolean> = check('true or false', (value) => (typeof value === 'boolean' ? value : unreadable));
export const epochMs = wholeNumber(0);

export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  const known = new Set<unknown>(values);
  return check(`one of ${values.join(', ')}`.slice(0, 200), (value) => (known.has(value) ? (value as T) : unreadable));
}

export const nullable = <T>(inner: Check<T>): Check<T | null> => check(`null or ${inner.expects}`, (value) => (value === null ? null : inner.read(value)));

/** Missing means the default; a value that is present is read as usual. */
export const withDefault = <T>(inner: Check<T>, fallback: () => T): Check<T> => check(inner.expects, (value) => (value === undefined ? fallback() : inner.read(value)));

export const list = <T>(item: Check<T>, min = 0, max = Infinity): Check<T[]> =>
  check(`a list${min > 0 ? ` of at least ${min}` : ''}${max < Infinity ? ` of at most ${max}` : ''} of ${item.expects}`, (value) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) return unreadable;
    const read: T[] = [];
    for (const entry of value) {
      const one = item.read(entry);
      if (one === unreadable) return unreadable;
      read.push(one);
    }
    return read;
  });

export type Fields<T> = { [Key in keyof T]-?: Check<T[Key]> };

/** An object of these fields in this order; unknown keys are dropped, or make it unreadable when `strict`. */
export function object<T>(fields: Fields<T>, strict = false): Check<T> {
  const entries = Object.entries(fields) as [string, Check<unknown>][];
  return check('an object', (value) => {
    if (!isRecord(value) || (strict && Object.keys(value).some((key) => !Object.hasOwn(fields, key)))) return unreadable;
    const read: Record<string, unknown> = {};
    for (const [key, field] of entries) {
      const one = field.read(value[key]);
      if (one === unreadable) return unreadable;
      read[key] = one;
    }
    return read as T;
  });
}
