import * as z from 'zod/mini';
import { accountKeyPattern } from './account-key';

/** Who is signed in, as the page shows it. The key is the public identifier: stable and readable. */
export const AccountIdentity = z.strictObject({
  key: z.string().check(z.regex(accountKeyPattern, 'a LinkedIn public identifier')),
  name: z.string().check(z.trim(), z.maxLength(200)),
});
export type AccountIdentity = z.infer<typeof AccountIdentity>;

export const ways = ['direct', 'walk'] as const;
export const Way = z.enum(ways);
export type Way = z.infer<typeof Way>;

export const Timings = z.object({
  /** Epoch ms when the operation started. */
  startedAt: z.int().check(z.nonnegative()),
  /** From start to the recorded result. */
  totalMs: z.number().check(z.nonnegative()),
  /** From page start to the toggle being found, when it was. */
  toggleFoundMs: z.nullable(z.number().check(z.nonnegative())),
});
export type Timings = z.infer<typeof Timings>;

/** What the user can do next when something did not work. */
export const nextSteps = ['sign-in', 'open-challenge', 'open-setting', 'retry'] as const;
export const NextStep = z.enum(nextSteps);
export type NextStep = z.infer<typeof NextStep>;

const outcomeBase = {
  account: z.nullable(AccountIdentity),
  lang: z.nullable(z.string().check(z.maxLength(16))),
  way: Way,
  timings: Timings,
};

/** Failures say what to do next and carry a diagnostic that holds no personal data. */
const failureBase = {
  ...outcomeBase,
  nextSteps: z.array(NextStep).check(z.minLength(1)),
  diagnostic: z.string().check(z.maxLength(500)),
};

export const OptOutOutcome = z.discriminatedUnion('kind', [
  /** It was already off: nothing was clicked. */
  z.object({ kind: z.literal('off'), ...outcomeBase }),
  /** It was on, was clicked, and read off again after a fresh load. */
  z.object({ kind: z.literal('turned-off'), ...outcomeBase }),
  /** A read-only check found it on. */
  z.object({ kind: z.literal('on'), ...outcomeBase }),
  z.object({ kind: z.literal('signed-out'), ...failureBase }),
  z.object({ kind: z.literal('challenge'), ...failureBase }),
  /** The settings page loaded but this account has no such setting (region, age). */
  z.object({ kind: z.literal('not-offered'), ...failureBase }),
  /** LinkedIn's page changed: no control could be identified as this setting. */
  z.object({ kind: z.literal('not-found'), ...failureBase }),
  /** The click did not stick: the control or a fresh load still reads on. */
  z.object({ kind: z.literal('save-failed'), ...failureBase }),
  z.object({ kind: z.literal('timeout'), ...failureBase }),
  /** The switch was identified but could not be read safely: neither on nor off. */
  z.object({ kind: z.literal('unreadable'), ...failureBase }),
  /** The page did not prove whose setting it showed: filed under no account, never as "off". */
  z.object({ kind: z.literal('account-unconfirmed'), ...failureBase }),
]);
export type OptOutOutcome = z.infer<typeof OptOutOutcome>;
export type OutcomeKind = OptOutOutcome['kind'];

export type FailureKind = Extract<OptOutOutcome, { nextSteps: NextStep[] }>['kind'];

/** The next steps offered for each failure, in the order the popup shows them. */
export const nextStepsFor = {
  'signed-out': ['sign-in'],
  challenge: ['open-challenge'],
  'not-offered': ['open-setting'],
  'not-found': ['open-setting'],
  'save-failed': ['retry', 'open-setting'],
  timeout: ['retry', 'open-setting'],
  unreadable: ['retry', 'open-setting'],
  'account-unconfirmed': ['sign-in', 'retry', 'open-setting'],
} as const satisfies Record<FailureKind, readonly NextStep[]>;

/** Every failure, in the order of the union above. */
export const failureKinds = Object.keys(nextStepsFor) as FailureKind[];
/** Every outcome, in the order of the union above (a test holds the two equal). */
export const outcomeKinds: OutcomeKind[] = ['off', 'turned-off', 'on', ...failureKinds];

export function isFailureKind(kind: OutcomeKind): kind is FailureKind {
  return kind in nextStepsFor;
}
