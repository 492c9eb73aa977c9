import * as z from 'zod/mini';
import { checked } from '../validation/checked';
import { labelLanguages } from './languages';
import { settingRules } from './setting-rules';

// Also named here beside their schema; the popup takes them from setting-rules.ts so it never carries the schema.
export { aiTrainingRule, settingUrl } from './setting-rules';

/**
 * The schema of the rule table in `setting-rules.ts`. The table itself stays free of zod so the content
 * script does not carry a validator; tests and the background validate it with this schema.
 */

const Path = checked(z.string(), z.regex(/^\/[\w\-/]*$/, 'a path on www.linkedin.com'));
const Label = checked(z.string(), z.trim(), z.minLength(2));

/** Visible texts in one UI language; every field is optional because several are unconfirmed. */
export const SettingLabels = z.object({
  /** The settings category in the left menu ("Data privacy"). */
  category: z.optional(z.array(Label)),
  /** The section heading on the category page ("How LinkedIn uses your data"). */
  section: z.optional(z.array(Label)),
  /** The row on the category page that links to the setting. */
  row: z.optional(z.array(Label)),
  /** The toggle's own label on the setting page. */
  toggle: z.optional(z.array(Label)),
  /** How the page writes the two states, for diagnostics only: state is always read from the control. */
  on: z.optional(Label),
  off: z.optional(Label),
});
export type SettingLabels = z.infer<typeof SettingLabels>;

export const SettingRule = z.object({
  /** Our own name for the setting: LinkedIn's key as first recorded, kept even if LinkedIn renames it. */
  id: checked(z.string(), z.regex(/^[a-z][A-Za-z0-9]*$/)),
  /** The setting's own page, the direct way in. */
  settingPath: Path,
  /** `aria-labelledby` of the toggle: an internal key, the same in every UI language (the best hook). */
  labelKey: checked(z.string(), z.minLength(1)),
  /** The only state the extension ever sets. */
  desiredState: z.literal('off'),
  walk: z.object({
    /** Settings home; LinkedIn forwards it to the first category. */
    homePath: Path,
    /** The category page that lists the setting as a row. */
    categoryPath: Path,
    /** A path segment that the row's link target contains while the setting keeps its address. */
    rowLinkSegment: checked(z.string(), z.minLength(3)),
  }),
  labels: z.partialRecord(z.enum(labelLanguages), SettingLabels),
});
export type SettingRule = z.infer<typeof SettingRule>;

/** Every rule, validated; throws with the failing path when the table is wrong. */
export function validatedRules(): Record<string, SettingRule> {
  return z.record(z.string(), SettingRule).parse(settingRules);
}
