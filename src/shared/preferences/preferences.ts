import * as z from 'zod/mini';
import { checked } from '../validation/checked';
import { otherRuleIds } from '../rules/setting-rules';

/** Re-check intervals the popup offers, in hours. */
export const recheckIntervalChoices = [6, 24, 72, 168] as const;

export const preferencesShape = {
  /** How old the last check may be before opening LinkedIn triggers a new one. */
  recheckIntervalHours: checked(z.int(), z.minimum(1), z.maximum(24 * 30)),
  /** A system notification when the setting flips back on (needs the optional permission). */
  notifyOnFlipBack: z.boolean(),
  /** Turn it off again automatically when it flips back on. */
  keepItOff: z.boolean(),
  /** The other settings the member chose to keep private too, by rule id: none until the member chooses. */
  chosenSettings: z.array(z.enum(otherRuleIds as [string, ...string[]])),
};
export const Preferences = z.object(preferencesShape);
export type Preferences = z.infer<typeof Preferences>;

export const defaultPreferences: Preferences = {
  recheckIntervalHours: 24,
  notifyOnFlipBack: false,
  keepItOff: false,
  chosenSettings: [],
};
