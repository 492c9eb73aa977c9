import type * as z from 'zod/mini';

/**
 * `schema.check(...checks)` as a call that bundlers may drop when nothing uses its result, as they drop
 * zod's own (marked the same way): the popup imports modules that define schemas it never runs, and its
 * size budget has no room for zod.
 */
export /* #__NO_SIDE_EFFECTS__ */ function checked<Schema extends z.ZodMiniType>(schema: Schema, ...checks: z.core.$ZodCheck<z.output<Schema>>[]): Schema {
  return schema.check(...checks);
}
