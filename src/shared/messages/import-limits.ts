/**
 * The import's contract, without a validator: the popup reads these too and ships no zod (its size
 * budget); the reply's schema is in `background-messages.ts`.
 */

/** The largest export the popup sends for import: far above a log at its cap (20 accounts, 1,000 entries each). */
export const maxImportChars = 32 * 1024 * 1024;

/** Why an imported file was refused as a whole (nothing is changed then). */
export const importRefusals = ['too-large', 'not-json', 'not-a-log', 'newer-version', 'damaged'] as const;
export type ImportRefusal = (typeof importRefusals)[number];
