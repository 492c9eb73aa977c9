// Public types of the LinkedIn simulator; see docs/linkedin.md for what they model.

export const UI_LANGUAGES = ['en', 'de', 'fr', 'nl', 'pt', 'pl', 'it', 'es'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Safety classes (README, "What it never does"): pages a redesigned LinkedIn could plausibly serve; tests/e2e/safety.e2e.test.ts covers each. */
export const SAFETY_VARIANTS = [
  /** The key renamed and the label negated ("Don't use my data…"): the switch is inverted, on = not training. */
  'negated',
  /** The label reworded without a negation, and no label key: only an inexact text is left. */
  'reworded',
  /** No aria-labelledby key at all: the switch is labelled by a <label for>, so only its text identifies it. */
  'key-missing',
  /** Switches with similar labels beside the real one, each saving to its own key. */
  'decoys',
  /** The switch as a plain checkbox: no role, no aria-checked. */
  'plain-checkbox',
  /** The switch as an ARIA-only <div role=switch>. */
  'div-switch',
  /** Two rendered switches carry the key (a summary card repeats it): ambiguous. */
  'visible-duplicate',
  /** A disabled, busy placeholder reading the opposite value comes first, then the real switch replaces it. */
  'placeholder',
  /** `checked` and `aria-checked` disagree, always. */
  'aria-conflict',
  /** The settings page does not show who is signed in. */
  'no-identity',
  /** No own identity, but another member's /in/ links in a header-like "people you may know" aside. */
  'other-member-header',
  /** A modal dialog over the settings page, with a switch of its own. */
  'dialog',
  /** Every settings address redirects to the feed, where posts explain how to opt out, with the same words and links. */
  'feed-guide',
  /** LinkedIn's own key kept, the label inverted in everyday words no word list holds ("Opt out of …"): on = NOT training. */
  'inverted',
  /** The key kept, but no element holds it as id: only the artdeco `<label for>` names the switch, with the On/Off word. */
  'label-missing',
  /** The switch is drawn off first (enabled, not busy, nothing marks it), the member's value set when its own data request returns seconds later. */
  'late-value',
] as const;

/** Who is signed in, shaped as the live site may differ (docs/linkedin.md §4); tests/e2e/session-certainty-members.e2e.test.ts covers each. */
export const SESSION_VARIANTS = [
  /** The "Me" menu's content renders only when it is opened: no own /in/ link in the page until then. */
  'lazy-me-menu',
  /** The own profile links use LinkedIn's alias /in/me/: the "Me" menu's and the settings header's photo. */
  'alias-links',
  /** Profile pages carry no record of the viewer, only the island of the profile's owner. */
  'no-viewer-record',
  /** The settings app reloads the page right after a switch's save, before anything else can happen on it. */
  'reload-on-click',
] as const;

export const MARKUP_VARIANTS = [
  'artdeco',
  'hashed',
  'aria-stale',
  'second-switch',
  'relabelled',
  'button-switch',
  'not-a-switch',
  'moved',
  'full-reload-links',
  'hidden-duplicate',
  'button-rows',
  ...SAFETY_VARIANTS,
  ...SESSION_VARIANTS,
] as const;
export type MarkupVariant = (typeof MARKUP_VARIANTS)[number];

export type SaveBehaviour = 'ok' | 'fail' | 'revert';

export interface SimKnobs {
  /** The settings app renders its content this long after the shell (or an in-app navigation) starts. */
  renderDelayMs: number;
  /** The shell loads, the settings app never renders. */
  neverRender: boolean;
  /** Added to every HTTP response. */
  latencyMs: number;
  /** 'fail': PUT answers 500 and the UI reverts; 'revert': PUT answers 200 but nothing is stored. */
  save: SaveBehaviour;
  /** Any combination of markup variants; [] is the standard page. */
  markup: MarkupVariant[];
  /** Added to the setting's own save (PUT), after every other latency. */
  saveLatencyMs: number;
  /** Pages make LinkedIn's background requests: tracking beacons, polling, late requests, a beacon right after each click. */
  backgroundTraffic: boolean;
}

export const DEFAULT_KNOBS: Readonly<SimKnobs> = Object.freeze({
  renderDelayMs: 300,
  neverRender: false,
  latencyMs: 0,
  save: 'ok',
  markup: [],
  saveLatencyMs: 0,
  backgroundTraffic: true,
});

export interface SimAccount {
  /** Public identifier, the part after /in/. */
  id: string;
  name: string;
  /** e.g. 'urn:li:fs_miniProfile:ACoAAB…' */
  urn: string;
  lang: UiLanguage;
  /** Server value of "Data for Generative AI Improvement"; LinkedIn's default is On. */
  aiTraining?: boolean;
  /** false = the setting is absent in this member's region. */
  offered?: boolean;
  /** Keys of the other data-use settings absent in this member's region (docs/linkedin.md §8). */
  absentSettings?: readonly string[];
  /** A security checkpoint stands between this member and every signed-in page. */
  challenge?: boolean;
}

export interface SimAccountState {
  readonly id: string;
  readonly name: string;
  readonly urn: string;
  readonly lang: UiLanguage;
  aiTraining: boolean;
  offered: boolean;
  absentSettings: readonly string[];
  challenge: boolean;
  /** Every other setting key the simulated pages can save (e.g. the 'second-switch' one). */
  otherSettings: Record<string, boolean>;
}

/** 'stored' changed the account; 'not-stored' answered 200 without storing ('revert'); 'failed' answered 500; 'rejected' was refused (no session, bad CSRF token, bad body). */
export type SaveResult = 'stored' | 'not-stored' | 'failed' | 'rejected';

export interface SaveRecord {
  account: string | null;
  key: string;
  value: unknown;
  at: number;
  result: SaveResult;
}

export interface RequestRecord {
  method: string;
  /** Path without the query string, for counting. */
  path: string;
  /** Path with the query string. */
  url: string;
  account: string | null;
  at: number;
}

/** Same shape as Playwright's `BrowserContext.addCookies` input, without importing Playwright here. */
export interface SimCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
}

export interface SimulatorOptions {
  accounts?: SimAccount[];
  knobs?: Partial<SimKnobs>;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface Simulator {
  readonly port: number;
  readonly origin: 'https://www.linkedin.com';
  /** base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  readonly certificateSpki: string;
  close(): Promise<void>;
  addAccount(account: SimAccount): void;
  /** Live state: the returned object changes as the simulated server changes it. */
  account(id: string): SimAccountState;
  /** "LinkedIn turns it back on." */
  setAiTraining(id: string, on: boolean): void;
  /** Applies to every request from now on (already rendered pages pick it up on their next in-app navigation). */
  configure(knobs: Partial<SimKnobs>): void;
  readonly knobs: Readonly<SimKnobs>;
  /** Every PUT received, in order. */
  readonly saves: SaveRecord[];
  /** Every request received, in order. */
  readonly requests: RequestRecord[];
  /** Cookies of a fresh session for this account, for `context.addCookies`. */
  signInCookies(id: string): SimCookie[];
  /** Knobs back to defaults, accounts back to how they were added, logs emptied, slow saves still in flight dropped; sessions stay signed in. */
  reset(): void;
}
