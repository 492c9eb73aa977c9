import { type Fields, flag, list, oneOf, wholeNumber } from '../validation/checks';
import type { Preferences } from './preferences';
import { otherRuleIds } from '../rules/setting-rules';

/** The member's preferences, read without zod (`validation/checks.ts`); held to their schema in `preferences.ts`. */

export const preferenceFields: Fields<Preferences> = {
  recheckIntervalHours: wholeNumber(1, 24 * 30),
  notifyOnFlipBack: flag,
  keepItOff: flag,
  chosenSettings: list(oneOf(otherRuleIds)),
};
