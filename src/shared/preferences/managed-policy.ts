import * as z from 'zod/mini';
import { checked } from '../validation/checked';
import { isRecord } from '../validation/is-record';
import { Preferences } from './preferences';
import { aiTrainingRule, ruleIds } from '../rules/setting-rules';
import { type Check, flag, oneOf, unreadable, wholeNumber } from '../validation/checks';

/**
 * An organisation's policy, handed to the extension by the browser's enterprise policies through
 * `storage.managed` (docs/organisations.md). Every value is checked on its own: a bad one is ignored with
 * a line saying why, the rest still applies, and no policy at all means the member's own choices.
 */

/** The organisation's help page: only an https address, opened only by the member's click. */
const maxHelpUrlLength = 500;
const maxOrganizationNameLength = 80;

function isHttpsUrl(value: string): boolean {
  try {
    return value.length <= maxHelpUrlLength && new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The contract, as the schema a test holds the checks below to; `public/managed_schema.json` names the same keys. */
export const ManagedPolicy = z.extend(Preferences, {
  /** The AI setting is always kept private: naming it too is no mistake. */
  chosenSettings: z.array(z.enum(ruleIds)),
  /** Turn the chosen settings off by itself the first time LinkedIn is opened in each member's session. */
  optOutOnFirstVisit: z.boolean(),
  organizationName: checked(z.string(), z.trim(), z.minLength(1), z.maxLength(maxOrganizationNameLength)),
  helpUrl: checked(z.string(), z.refine(isHttpsUrl)),
});
export type ManagedPolicy = z.infer<typeof ManagedPolicy>;

/** A policy as read: what applies, and a line for each value that was ignored. */
export type ReadPolicy = {
  /** The preferences it sets: these win over the member's own and show as locked. */
  preferences: Partial<Preferences>;
  optOutOnFirstVisit: boolean;
  organizationName: string | null;
  helpUrl: string | null;
  /** `key: why`, one per ignored value, in English like the policy keys themselves (for the admin). */
  ignored: string[];
};

export const noPolicy: ReadPolicy = { preferences: {}, optOutOnFirstVisit: false, organizationName: null, helpUrl: null, ignored: [] };

const organizationName: Check<string> = {
  expects: `text of 1 to ${maxOrganizationNameLength} characters`,
  read: (value) => {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    return trimmed.length >= 1 && trimmed.length <= maxOrganizationNameLength ? trimmed : unreadable;
  },
};
const helpUrl: Check<string> = {
  expects: `an https:// address of at most ${maxHelpUrlLength} characters`,
  read: (value) => (typeof value === 'string' && isHttpsUrl(value) ? value : unreadable),
};

/** Every single value a policy may hold, read without zod (the popup reads policies too, and its size budget has no room for zod). */
export const policyFields = {
  recheckIntervalHours: wholeNumber(1, 24 * 30),
  notifyOnFlipBack: flag,
  keepItOff: flag,
  optOutOnFirstVisit: flag,
  organizationName,
  helpUrl,
} satisfies { [Key in Exclude<keyof ManagedPolicy, 'chosenSettings'>]: Check<ManagedPolicy[Key]> };

/** One entry of `chosenSettings`. */
export const policyRuleId = oneOf(ruleIds);

/** The chosen settings, entry by entry: an unknown rule id (from a newer policy) drops only itself. */
function readChosenSettings(raw: unknown, ignored: string[]): Preferences['chosenSettings'] | null {
  if (!Array.isArray(raw)) {
    ignored.push('chosenSettings: expected a list of rule ids; ignored');
    return null;
  }
  const chosen: string[] = [];
  raw.forEach((entry, index) => {
    const ruleId = policyRuleId.read(entry);
    if (ruleId === unreadable) ignored.push(`chosenSettings[${index}]: ${JSON.stringify(entry)?.slice(0, 80)} is not a rule id this version knows; ignored`);
    else if (ruleId !== aiTrainingRule.id && !chosen.includes(ruleId)) chosen.push(ruleId);
  });
  return chosen;
}

/** Reads what `storage.managed.get()` returned; never throws. */
export function readManagedPolicy(raw: unknown): ReadPolicy {
  if (!isRecord(raw)) return noPolicy;
  const ignored: string[] = [];
  const read: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'chosenSettings') {
      const chosen = readChosenSettings(value, ignored);
      if (chosen) read[key] = chosen;
      continue;
    }
    const check = Object.hasOwn(policyFields, key) ? policyFields[key as keyof typeof policyFields] : null;
    const one = check ? check.read(value) : unreadable;
    if (one !== unreadable) read[key] = one;
    else ignored.push(check ? `${key}: expected ${check.expects}; ignored` : `${key.slice(0, 80)}: not a policy of this extension; ignored`);
  }
  const { optOutOnFirstVisit, organizationName: name, helpUrl: link, ...preferences } = read as Partial<ManagedPolicy>;
  return { preferences, optOutOnFirstVisit: optOutOnFirstVisit ?? false, organizationName: name ?? null, helpUrl: link ?? null, ignored };
}

/** The member's own preferences with the organisation's values over them. */
export function withPolicy(preferences: Preferences, policy: ReadPolicy): Preferences {
  return { ...preferences, ...policy.preferences };
}

/** Whether an organisation's policy applies at all (anything set, or anything it got wrong). */
export function hasPolicy(policy: ReadPolicy): boolean {
  return (
    Object.keys(policy.preferences).length > 0 ||
    policy.optOutOnFirstVisit ||
    policy.organizationName !== null ||
    policy.helpUrl !== null ||
    policy.ignored.length > 0
  );
}
