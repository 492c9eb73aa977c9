import * as z from 'zod/mini';
import { checked } from '../validation/checked';
import { accountKeyPattern } from '../rules/account-key';

/** Who is signed in, as the page shows it. The key is the public identifier: stable and readable. */
export const AccountKey = checked(z.string(), z.regex(accountKeyPattern, 'a LinkedIn public identifier'));
export const AccountName = checked(z.string(), z.trim(), z.maxLength(200));
export const AccountIdentity = z.strictObject({ key: AccountKey, name: AccountName });
export type AccountIdentity = z.infer<typeof AccountIdentity>;

export const ways = ['direct', 'walk'] as const;
export const Way = z.enum(ways);
export type Way = z.infer<typeof Way>;

export const Timings = z.object({
  /** Epoch ms when the operation started. */
  startedAt: checked(z.int(), z.nonnegative()),
  /** From start to the recorded result. */
  totalMs: checked(z.number(), z.nonnegative()),
  /** From page start to the toggle being found, when it was. */
  toggleFoundMs: z.nullable(checked(z.number(), z.nonnegative())),
});
export type Timings = z.infer<typeof Timings>;

/** What the user can do next when something did not work. */
export const nextSteps = ['sign-in', 'open-challenge', 'open-setting', 'retry'] as const;
export const NextStep = z.enum(nextSteps);
export type NextStep = z.infer<typeof NextStep>;

const outcomeBase = {
  account: z.nullable(AccountIdentity),
  lang: z.nullable(checked(z.string(), z.maxLength(16))),
  way: Way,
  timings: Timings,
};

/** Failures say what to do next and carry a diagnostic that holds no personal data. */
const failureFields = {
  nextSteps: checked(z.array(NextStep), z.minLength(1)),
  diagnostic: checked(z.string(), z.maxLength(500)),
};

// Shapes are joined with z.extend, not object spread: a spread reads properties, which keeps bundlers from
// dropping the schemas where nothing runs them (the popup, whose size budget has no room for zod).
/** An outcome of one kind: the kind first, then what every outcome carries. */
/* @__NO_SIDE_EFFECTS__ */
function outcomeOf<const Kind extends string>(kind: Kind) {
  return z.extend(z.object({ kind: z.literal(kind) }), outcomeBase);
}

/* @__NO_SIDE_EFFECTS__ */
function failureOf<const Kind extends string>(kind: Kind) {
  return z.extend(outcomeOf(kind), failureFields);
}

export const OptOutOutcome = z.discriminatedUnion('kind', [
  /** It was already off: nothing was clicked. */
  outcomeOf('off'),
  /** It was on, was clicked, and read off again after a fresh load. */
  outcomeOf('turned-off'),
  /** A read-only check found it on. */
  outcomeOf('on'),
  failureOf('signed-out'),
  failureOf('challenge'),
  /** The settings page loaded but this account has no such setting (region, age). */
  failureOf('not-offered'),
  /** LinkedIn's page changed: no control could be identified as this setting. */
  failureOf('not-found'),
  /** The click did not stick: the control or a fresh load still reads on. */
  failureOf('save-failed'),
  failureOf('timeout'),
  /** The switch was identified but could not be read safely: neither on nor off. */
  failureOf('unreadable'),
  /** The page did not prove whose setting it showed: filed under no account, never as "off". */
  failureOf('account-unconfirmed'),
  /** The switch was clicked off, but no fresh load proved that it stuck: filed under the member whose switch was clicked. */
  failureOf('clicked-unverified'),
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
  'clicked-unverified': ['retry', 'open-setting'],
} as const satisfies Record<FailureKind, readonly NextStep[]>;

/** Every failure, in the order of the union above. */
export const failureKinds = Object.keys(nextStepsFor) as FailureKind[];
/** Every outcome, in the order of the union above (a test holds the two equal). */
export const outcomeKinds: OutcomeKind[] = ['off', 'turned-off', 'on', ...failureKinds];

export function isFailureKind(kind: OutcomeKind): kind is FailureKind {
  return kind in nextStepsFor;
}
