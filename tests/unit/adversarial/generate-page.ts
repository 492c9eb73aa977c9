import { pick, type Random, seededRandom } from '../seeded-random';
import { type Language, languages, pageTexts, renamedKeys } from './page-texts';

/**
 * LinkedIn-like settings pages that vary everything docs/linkedin.md calls uncertain (◐/❓),
 * each with its ground truth (which element is the AI-training switch, what LinkedIn really has, whether
 * the switch can be identified with certainty, who is signed in). The truth is known by construction,
 * never by asking the product's own code.
 */

/** `label-missing`: the switch keeps the key, but no element has it as id; a `<label for>` shows only the On/Off word. */
export type KeyVariant = 'present' | 'renamed' | 'missing' | 'label-missing';
/**
 * `typographic`: the known label in other case, spacing, NBSP, quotes or punctuation (equal once normalised).
 * `negated` inverts the meaning with a plain "not"; `inverted` with everyday words ("Opt out of …") no word list holds.
 */
export type LabelVariant = 'exact' | 'typographic' | 'reworded' | 'negated' | 'inverted' | 'truncated';
export type SwitchKind = 'checkbox-switch' | 'plain-checkbox' | 'button' | 'aria-only';
export type TwinVariant = 'none' | 'hidden' | 'visible';
/**
 * `placeholder` shows the wrong state disabled and busy until the app renders, `late` shows nothing
 * until then. The others never settle: disabled (itself, by a disabled `<fieldset>`, by an aria-disabled
 * group), busy, flapping, `checked` and `aria-checked` disagreeing, or indeterminate.
 */
export const switchStates = [
  'ready',
  'late',
  'placeholder',
  'disabled',
  'fieldset-disabled',
  'busy',
  'aria-disabled',
  'group-aria-disabled',
  'flapping',
  'disagree',
  'indeterminate',
] as const;
export type SwitchState = (typeof switchStates)[number];
/**
 * When the member's value arrives, and what the page shows before (docs/linkedin.md §2): `first`, before the app draws
 * the switch; `late`, after a default position (off, enabled, not busy: nothing marks it) was drawn; `late-redrawn`, the
 * default drawn twice (a new element the second time) before it; `twice`, a second request brings it again and the
 * switch is drawn anew; `unseen`, drawn at once but by no request the page's timing shows.
 */
export const arrivals = ['first', 'late', 'late-redrawn', 'twice', 'unseen'] as const;
export type Arrival = (typeof arrivals)[number];
/**
 * What happens to the switch after the app drew the member's value, with no request of its own (docs/linkedin.md §2):
 * `steady`, nothing; `aria-lag`, `checked` and `aria-checked` disagree for a moment after each drawing (either one
 * late); `redrawn`, the app draws the switch anew with the same value; `flip-back`, a script flips the shown position
 * once after the quiet period (LinkedIn's value stays what was drawn), unless the switch was clicked before.
 */
export const valueTimings = ['steady', 'aria-lag', 'redrawn', 'flip-back'] as const;
export type ValueTiming = (typeof valueTimings)[number];
export const identityVariants = [
  'me-menu',
  'header-link',
  'own-data-island',
  'me-menu-and-others',
  /** The "Me" menu renders its profile link only when opened: the name shows, the key does not. */
  'me-menu-closed',
  'missing',
  'others-only',
  /** A messaging overlay's own top-level header, with the conversation partner's profile link. */
  'overlay-others',
  'island-two-members',
] as const;
/**
 * Identity classes added later (who is signed in, docs/linkedin.md §4), drawn after every other field so that each earlier seed
 * keeps its page: a member-looking source that is no proof of the member signed in.
 */
export const laterIdentityVariants = [
  /** Someone else's profile: a header with no profile link, and the island of the profile's owner (no record of the viewer). */
  'stranger-island',
  /** The own header's photo links to LinkedIn's alias `/in/me/`, which names whoever views it. */
  'alias-link',
  /** The own header links to the profile by LinkedIn's internal id (`/in/ACoAA…/`), not the public id. */
  'internal-id-link',
] as const;
export type IdentityVariant = (typeof identityVariants)[number] | (typeof laterIdentityVariants)[number];
/** Where the page load begins: the setting itself, or a page the walk has to start from. */
export const startPages = ['setting', 'settings-home', 'privacy-category', 'feed'] as const;
export type StartPage = (typeof startPages)[number];
/** How the page answers a click on the real switch. */
export type ClickResponse = 'saves' | 'saves-aria-stale' | 'saves-silently' | 're-renders' | 'reverts' | 'ignores';

/**
 * How a hidden twin is kept from sight. `inline`: an inline `display`/`visibility` or the `hidden` attribute. By a class
 * of the page's stylesheet: `class-display`, `class-visibility` (a browser does not render it: the visible copy counts).
 * `opacity` 0 and `off-screen` position: a browser renders both, so two copies qualify (the visible one counts, or the
 * state is uncertain).
 */
export const concealments = ['inline', 'class-display', 'class-visibility', 'opacity', 'off-screen'] as const;
export type Concealment = (typeof concealments)[number];
/** Where the setting's region lives: the page itself, a same-origin iframe, or an open shadow root of a custom element. */
export const containers = ['document', 'iframe', 'shadow-root'] as const;
export type Container = (typeof containers)[number];
/**
 * A dialog after the click that asks "are you sure?" and saves only once confirmed: the switch meanwhile shows on
 * again (`keeps-on`) or shows off with nothing saved (`shows-off`). Only the member may confirm it.
 */
export const confirmations = ['none', 'keeps-on', 'shows-off'] as const;
export type Confirmation = (typeof confirmations)[number];

export type PageSpec = {
  seed: number;
  lang: Language;
  /** What `<html lang>` says: the plain code, a region tag, or nothing. */
  htmlLang: string | null;
  /** False: the setting is not offered (the row is simply absent), only other switches are shown. */
  settingShown: boolean;
  key: KeyVariant;
  renamedKey: string;
  label: LabelVariant;
  labelText: string;
  kind: SwitchKind;
  twin: TwinVariant;
  decoyCount: number;
  /** One decoy (another setting's switch) carries the AI switch's known label word for word. */
  decoyWithKnownLabel: boolean;
  state: SwitchState;
  /** When a late or placeholder switch gets its real state, and a late value arrives. */
  renderAtMs: number;
  arrival: Arrival;
  identity: IdentityVariant;
  member: string;
  dialog: boolean;
  /** LinkedIn's (the server's) state when the page loads. */
  initiallyOn: boolean;
  clickResponse: ClickResponse;
  start: StartPage;
  valueTiming: ValueTiming;
  concealment: Concealment;
  container: Container;
  confirmation: Confirmation;
};

export type GroundTruth = {
  /** The switch can be identified under the rules of README "What it never does": by the key with no negation, or an exact known label, one candidate. */
  certain: boolean;
  /** The switch never becomes readable (or the page never shows that its value arrived): no state may be reported from it. */
  neverSettles: boolean;
  /** Public identifier of the signed-in member as the member's own navigation shows it, lower-case; null when the page does not prove it. */
  member: string | null;
};

const members = ['jana-schmidt-4711', 'Max-Mustermann', 'pierre-dupont-fr', 'ana-souza-22'];
const settlesSomeday: readonly SwitchState[] = ['ready', 'late', 'placeholder'];
export const neverSettling = switchStates.filter((state) => !settlesSomeday.includes(state));

/** Case, spacing, NBSP, typographic quotes, punctuation: all of it equal once normalised. */
function typographicVariant(random: Random, label: string): string {
  const variants: ((text: string) => string)[] = [
    (text) => text.toLocaleUpperCase(),
    (text) => text.toLocaleLowerCase(),
    (text) => text.replace(/ /g, '  '),
    (text) => text.replace(/ /g, () => (random() < 0.5 ? '\u00a0' : ' ')),
    (text) => `\n   ${text}\t `,
    (text) => `${text}.`,
    (text) => `“${text}”`,
    (text) => `«\u00a0${text}\u00a0»`,
    (text) => text.replace(/'/g, '’'),
    (text) => text.replace(/-/g, '\u2011'),
  ];
  const chosen = pick(random, variants)(label);
  return chosen === label ? `${label}.` : chosen;
}

/** The label cut at a word boundary, as a narrow layout or a screen-reader summary might show it. */
function truncated(random: Random, label: string): string {
  const words = label.split(' ');
  const keep = Math.max(2, Math.floor(words.length * (0.4 + random() * 0.4)));
  return `${words.slice(0, Math.min(keep, words.length - 1)).join(' ')}${random() < 0.7 ? '…' : ''}`;
}

function labelFor(random: Random, lang: Language, variant: LabelVariant): string {
  const texts = pageTexts[lang];
  const known = texts.known ?? (texts.reworded[0] as string);
  switch (variant) {
    case 'exact':
      return known;
    case 'typographic':
      return typographicVariant(random, known);
    case 'reworded':
      return pick(random, texts.reworded);
    case 'negated':
      return pick(random, texts.negated);
    case 'inverted':
      return pick(random, texts.inverted);
    case 'truncated':
      return truncated(random, known);
  }
}

/**
 * Most pages start from a clean one (key present, known label, a ready checkbox switch, the member's own
 * navigation) and get each dimension perturbed with some probability: every class occurs often, and
 * enough clean pages remain to prove that certainty did not make the engine useless.
 */
export function generatePageSpec(seed: number): PageSpec {
  const random = seededRandom(seed);
  const perturb = random() < 0.85 ? 0.35 : 0;
  const vary = <T>(clean: T, all: readonly T[]): T => (random() < perturb ? pick(random, all) : clean);
  const lang = pick(random, languages);
  let label = vary<LabelVariant>('exact', ['exact', 'typographic', 'reworded', 'negated', 'truncated']);
  // No Spanish label is known: the known-label classes do not exist there.
  if (pageTexts[lang].known === null && (label === 'exact' || label === 'typographic')) label = 'reworded';
  const state = vary<SwitchState>('ready', switchStates);
  // Only a checkbox has `checked` to disagree with `aria-checked`, or an indeterminate state.
  const checkboxOnly = state === 'disagree' || state === 'indeterminate';
  const anyKind = vary<SwitchKind>('checkbox-switch', ['checkbox-switch', 'plain-checkbox', 'button', 'aria-only']);
  // A disabled fieldset disables form controls only, not an ARIA-only element.
  const kind = checkboxOnly ? 'checkbox-switch' : state === 'fieldset-disabled' && anyKind === 'aria-only' ? 'button' : anyKind;
  const settingShown = random() >= perturb * 0.15;
  const spec: PageSpec = {
    seed,
    lang,
    htmlLang: vary<string | null>(lang, [lang, `${lang}-${lang.toUpperCase()}`, `${lang}_${lang}`, null]),
    settingShown,
    key: vary<KeyVariant>('present', ['present', 'renamed', 'missing']),
    renamedKey: pick(random, renamedKeys),
    label,
    labelText: labelFor(random, lang, label),
    kind,
    twin: vary<TwinVariant>('none', ['none', 'hidden', 'visible']),
    decoyCount: settingShown ? vary(0, [0, 1, 2, 3]) : 1 + Math.floor(random() * 3),
    decoyWithKnownLabel: random() < 0.25,
    state,
    renderAtMs: Math.round(100 + random() * 9000),
    identity: vary<IdentityVariant>('me-menu', identityVariants),
    member: pick(random, members),
    dialog: vary(false, [false, true]),
    initiallyOn: random() < 0.7,
    clickResponse: vary<ClickResponse>('saves', ['saves', 'saves-aria-stale', 'saves-silently', 're-renders', 'reverts', 'ignores']),
    // Drawn last, so that every other field of a seed stays what it was before walks were generated.
    start: random() < 0.7 ? 'setting' : pick(random, startPages),
    arrival: 'first',
    valueTiming: 'steady',
    concealment: 'inline',
    container: 'document',
    confirmation: 'none',
  };
  const later = random() < perturb * 0.25 ? pick(random, laterIdentityVariants) : null;
  if (later) spec.identity = later;
  // Drawn after everything that came before them, so that older seeds keep their pages as far as possible.
  spec.arrival = vary<Arrival>('first', arrivals);
  if (random() < perturb * 0.2) {
    const other = pick(random, ['sv', 'da'] as const);
    spec.htmlLang = spec.htmlLang?.replace(new RegExp(spec.lang, 'g'), other).replace(spec.lang.toUpperCase(), other.toUpperCase()) ?? null;
    spec.lang = other;
  }
  if (random() < perturb * 0.2) spec.label = 'inverted';
  if (spec.key === 'present' && random() < perturb * 0.15) spec.key = 'label-missing';
  if (pageTexts[spec.lang].known === null && (spec.label === 'exact' || spec.label === 'typographic')) spec.label = 'reworded';
  // Where no label is known, LinkedIn's key alone identifies the switch: an inversion under it is the risk
  // docs/linkedin.md §3 names, which no page can show; such pages get another key.
  if (pageTexts[spec.lang].known === null && spec.key === 'present' && (spec.label === 'negated' || spec.label === 'inverted')) spec.key = 'renamed';
  spec.labelText = labelFor(random, spec.lang, spec.label);
  // Drawn after everything else, so that every earlier seed keeps its page.
  spec.valueTiming = vary<ValueTiming>('steady', valueTimings);
  drawBrowserClasses(random, perturb, spec);
  return spec;
}

/**
 * The classes only a browser shows for what they are (stylesheets, frames, shadow roots, a dialog after the click),
 * drawn after every other field so that each earlier seed keeps its page.
 */
function drawBrowserClasses(random: Random, perturb: number, spec: PageSpec): void {
  if (spec.twin === 'hidden') spec.concealment = pick(random, concealments);
  if (random() < perturb * 0.2) spec.container = pick(random, ['iframe', 'shadow-root'] as const);
  if (random() < perturb * 0.25) spec.confirmation = pick(random, ['keeps-on', 'shows-off'] as const);
}

/**
 * The real switch qualifies by itself: a known label (exact once typography is normalised), with the key or without;
 * or, where the page states a language with no known label, the key on a label that means the setting. Known by
 * construction, never from the product's word lists.
 */
function qualifies(spec: PageSpec): boolean {
  const knownLabel = spec.label === 'exact' || spec.label === 'typographic';
  // Only a page that states its language can be one whose language has no known label.
  const keyAlone = pageTexts[spec.lang].known === null && spec.htmlLang !== null && spec.key === 'present' && spec.label !== 'negated' && spec.label !== 'inverted';
  return spec.key === 'label-missing' ? false : knownLabel || keyAlone;
}

/**
 * A decoy that carries the known label qualifies too, and two qualifying switches are never certain.
 * Only beside a real switch that qualifies and is there from the start: alone, or before a late switch
 * renders, the rules themselves would (rightly) take the decoy for the setting.
 */
export function hasKnownLabelDecoy(spec: PageSpec): boolean {
  return spec.decoyWithKnownLabel && spec.decoyCount > 0 && pageTexts[spec.lang].known !== null && spec.settingShown && spec.state !== 'late' && qualifies(spec);
}

export function groundTruth(spec: PageSpec): GroundTruth {
  const identified = qualifies(spec);
  // Where only the name shows ('me-menu-closed'), any account reported must still be the member's.
  const provenBy: readonly IdentityVariant[] = ['me-menu', 'header-link', 'own-data-island', 'me-menu-and-others', 'me-menu-closed'];
  return {
    certain: spec.settingShown && identified && spec.twin !== 'visible' && !hasKnownLabelDecoy(spec),
    neverSettles: neverSettling.includes(spec.state) || spec.arrival === 'unseen',
    member: provenBy.includes(spec.identity) ? spec.member.toLowerCase() : null,
  };
}

/** The classes a page belongs to, for the counts table: one `dimension:value` per dimension. */
export function pageClasses(spec: PageSpec): string[] {
  const truth = groundTruth(spec);
  return [
    `lang:${spec.lang}`,
    `html-lang:${spec.htmlLang === null ? 'none' : spec.htmlLang === spec.lang ? 'plain' : 'region'}`,
    `setting:${spec.settingShown ? 'shown' : 'absent'}`,
    `key:${spec.key}`,
    `label:${spec.label}`,
    `switch:${spec.kind}`,
    `twin:${spec.twin}`,
    `decoys:${spec.decoyCount === 0 ? 'none' : hasKnownLabelDecoy(spec) ? 'one-with-known-label' : 'some'}`,
    `state:${spec.state}`,
    `identity:${spec.identity}`,
    `dialog:${spec.dialog ? 'yes' : 'no'}`,
    `initially:${spec.initiallyOn ? 'on' : 'off'}`,
    `click-response:${spec.clickResponse}`,
    `start:${spec.start}`,
    `arrival:${spec.arrival}`,
    `value-timing:${spec.valueTiming}`,
    ...(spec.twin === 'hidden' ? [`concealment:${spec.concealment}`] : []),
    `container:${spec.container}`,
    `confirmation:${spec.confirmation}`,
    `certain:${truth.certain ? 'yes' : 'no'}`,
  ];
}

/** A page with no perturbation: the safe success every release must keep. */
export function isCleanPage(spec: PageSpec): boolean {
  return (
    spec.settingShown &&
    spec.key === 'present' &&
    (spec.label === 'exact' || spec.label === 'typographic' || (spec.label === 'reworded' && pageTexts[spec.lang].known === null && spec.htmlLang !== null)) &&
    spec.arrival !== 'unseen' &&
    spec.kind === 'checkbox-switch' &&
    spec.twin === 'none' &&
    !hasKnownLabelDecoy(spec) &&
    spec.state === 'ready' &&
    spec.identity === 'me-menu' &&
    !spec.dialog &&
    spec.clickResponse === 'saves' &&
    spec.start !== 'feed' &&
    spec.container === 'document' &&
    spec.confirmation === 'none'
  );
}
