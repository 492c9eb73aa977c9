import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActiveInstruction, runInstruction } from '../../src/content/engine/engine';
import type { EngineReport } from '../../src/shared/messages/background-messages';
import { offOnlyWhenVerified } from '../../src/background/operation-lifecycle';
import { generatePageSpec, isCleanPage, pageClasses, type PageSpec, type StartPage } from './adversarial/generate-page';
import type { ElementRole } from './adversarial/mount-page';
import { settingPath } from './adversarial/page-texts';
import { type PageLoad, startPageLoad } from './adversarial/walk-pages';
import { runOnVirtualClock, VirtualClock } from './adversarial/virtual-clock';
import { negationWords } from '../../src/shared/rules/label-match';
import { aiTrainingRule } from '../../src/shared/rules/setting-rules';
import { accountFromPage } from '../../src/content/data-islands';

/**
 * The promises of README "What it never does", held on thousands of generated LinkedIn-like setting pages
 * through the engine, with both instructions, and checked on every one:
 *   (a) no click unless the switch is identified with certainty, settled, and LinkedIn has it on;
 *   (b) no "off" unless LinkedIn really has it off (after a click: the page shows it off), no "on" unless on;
 *   (c) no account in the report but the one the member's own navigation proves;
 *   (d) the page report (outside the settings app) names no member but the one the page proves signed in:
 *       never a profile's owner from their data island, never an alias or an internal id.
 * Seeded: a violation names the seed that reproduces it (ADVERSARIAL_SEED=<n> tries another sequence).
 */

const baseSeed = Number(process.env.ADVERSARIAL_SEED ?? 20261129);
const pageCount = Number(process.env.ADVERSARIAL_PAGES ?? 5000);
const chunkSize = 1000;
/** Every class must occur at least this often, or the generator has silently degenerated. */
const minimumPerClass = 40;
const instructions = ['turn-off', 'read'] as const;
type InstructionKind = (typeof instructions)[number];

type Click = { role: ElementRole; allowed: boolean; why: string };
type RunResult = { outcome: string; violations: string[]; report: EngineReport | null; busyLoop: boolean };
type StateReport = Extract<EngineReport, { kind: 'state' }>;

const clock = new VirtualClock();
let current: { page: PageLoad; instruction: InstructionKind; clicks: Click[]; realClicked: boolean } | null = null;

/** Judged before the click acts, from the page's ground truth: the one switch click the promise allows, and the walk's own links. */
function judgeClick(element: Element): void {
  if (!current) return;
  const { page, instruction } = current;
  const role = page.roleOf(element);
  const what = {
    page: `a <${element.tagName.toLowerCase()}> of the page`,
    content: "a member's post, comment or message",
    decoy: "another setting's switch",
    twin: 'a twin of the switch',
    'dialog-control': 'a button of a dialog it has not identified',
  };
  const onSwitch = role === 'real' || role === 'twin' || role === 'decoy';
  const reasons = [
    role !== 'real' && role !== 'walk-link' && `it is ${what[role]}, not the setting's switch or a link of the settings app`,
    onSwitch && instruction === 'read' && 'the instruction was only to read',
    role === 'real' && !page.truth.certain && 'the switch cannot be identified with certainty',
    role === 'real' && !page.realSwitchSettled() && 'the switch was not settled',
    role === 'real' && !page.trainingOn() && 'LinkedIn had it off: the click turns training on',
    role === 'real' && current.realClicked && 'a second click',
  ].filter((reason): reason is string => typeof reason === 'string');
  if (role === 'real') current.realClicked = true;
  current.clicks.push({ role, allowed: reasons.length === 0, why: reasons.join('; ') });
}

let restoreClickSpies: (() => void) | null = null;
let clickInProgress = false;

/** Every programmatic click on any element, and every click event that did not come from one. */
function spyOnEveryClick(): () => void {
  const prototypes = [HTMLElement.prototype, HTMLInputElement.prototype, HTMLButtonElement.prototype, HTMLAnchorElement.prototype].filter((prototype) =>
    Object.prototype.hasOwnProperty.call(prototype, 'click'),
  );
  const originals = prototypes.map((prototype) => prototype.click);
  prototypes.forEach((prototype, index) => {
    const original = originals[index] as () => void;
    prototype.click = function spiedClick(this: HTMLElement) {
      judgeClick(this);
      clickInProgress = true;
      try {
        original.call(this);
      } finally {
        clickInProgress = false;
      }
    };
  });
  const onDispatchedClick = (event: Event) => {
    if (!clickInProgress && event.target instanceof Element) judgeClick(event.target);
  };
  document.addEventListener('click', onDispatchedClick, true);
  return () => {
    prototypes.forEach((prototype, index) => (prototype.click = originals[index] as () => void));
    document.removeEventListener('click', onDispatchedClick, true);
  };
}

function describePage(spec: PageSpec): string {
  const { seed, start, lang, htmlLang, key, label, labelText, kind, twin, decoyCount, state, arrival, identity, dialog, initiallyOn, clickResponse, settingShown, concealment, container, confirmation } = spec;
  return JSON.stringify({ seed, start, lang, htmlLang, settingShown, key, label, labelText, kind, twin, concealment, decoyCount, state, arrival, identity, dialog, initiallyOn, clickResponse, container, confirmation });
}

function invariantViolations(page: PageLoad, report: EngineReport, clicks: Click[]): string[] {
  const { spec, truth } = page;
  const violations = clicks.filter((click) => !click.allowed).map((click) => `(a) clicked: ${click.why}`);
  const actual = page.trainingOn() ? 'on' : 'off';
  if (report.kind === 'state') {
    if (!spec.settingShown || !page.arrived()) violations.push(`(b) reported "${report.state}" on a page without the setting`);
    else if (truth.neverSettles) violations.push(`(b) reported "${report.state}" from a switch that never settles (${spec.state})`);
    // A clicked report is no claim: only the fresh load's reading can make it "off" (judged in verifyOnFreshLoad).
    if (!report.clicked && report.state !== actual) violations.push(`(b) reported "${report.state}" while LinkedIn has it ${actual}`);
    if (report.state === 'off' && !truth.certain) violations.push('(b) reported "off" from a switch not identified with certainty');
    if (report.clicked && report.state === 'off' && page.realSwitchShowsOn() !== false) violations.push('(b) reported "off" after the click, but the page does not show it off');
  }
  const reportedKey = report.account?.key ?? null;
  if (reportedKey !== null && reportedKey.toLowerCase() !== truth.member) {
    violations.push(`(c) reported account "${reportedKey}" where the page proves ${truth.member === null ? 'no account' : `"${truth.member}"`}`);
  } else if (reportedKey !== null && reportedKey !== truth.member) {
    violations.push(`(c) reported account "${reportedKey}" not in lower case: one member would split into two records`);
  }
  return violations;
}

/** One run, and after a click what the background does next: a fresh load, read, judged by `offOnlyWhenVerified`. */
async function runPage(spec: PageSpec, instruction: InstructionKind): Promise<RunResult> {
  const run = await runLoad(spec, instruction);
  return run.report?.kind === 'state' && run.report.clicked ? verifyOnFreshLoad(spec, run, run.report) : run;
}

/** The page as LinkedIn serves it again after the click: the same page, with what its server now stores. */
async function verifyOnFreshLoad(spec: PageSpec, clickedRun: LoadResult, clicked: StateReport): Promise<RunResult> {
  const fresh = await runLoad({ ...spec, start: 'setting', initiallyOn: clickedRun.trainingOnAfter }, 'read');
  const verdict =
    fresh.report?.kind === 'state' && clicked.account ? offOnlyWhenVerified({ account: clicked.account, hook: clicked.hook }, fresh.report).kind : `fresh-${fresh.outcome}`;
  const violations = [...clickedRun.violations, ...fresh.violations.map((violation) => `on the fresh load: ${violation}`)];
  if (verdict === 'turned-off' && fresh.trainingOnAfter) violations.push('(b) "turned off, verified" on a fresh load while LinkedIn has it on');
  return { outcome: `${clickedRun.outcome}→${verdict}`, violations, report: clicked, busyLoop: clickedRun.busyLoop || fresh.busyLoop };
}

type LoadResult = RunResult & { trainingOnAfter: boolean };

async function runLoad(spec: PageSpec, instruction: InstructionKind): Promise<LoadResult> {
  clock.reset();
  const page = startPageLoad(spec, document, clock, (path) => history.pushState({}, '', path));
  current = { page, instruction, clicks: [], realClicked: false };
  const given: ActiveInstruction = { do: instruction, opId: 'op-adversarial', rule: aiTrainingRule, walk: spec.start !== 'setting', negationWords, deadlineMs: 30_000 };
  let busyLoop = false;
  try {
    const report = await runOnVirtualClock(
      runInstruction(given, { doc: document, clock, signal: new AbortController().signal, sendProgress: () => {}, watchForSave: page.watchForSave, confirmClick: async (account) => account !== null, valueArrivedAt: page.valueArrivedAt }),
      clock,
      () => (busyLoop = true),
    );
    const outcome = report.kind === 'state' ? (report.clicked ? `clicked-${report.state}` : report.state) : report.failure;
    const named = accountFromPage(document)?.key ?? null;
    const pageReport = named !== null && named !== page.truth.member ? [`(d) the page report names "${named}" where the page proves ${page.truth.member ?? 'no account'}`] : [];
    return { outcome, violations: [...invariantViolations(page, report, current.clicks), ...pageReport], report, busyLoop, trainingOnAfter: page.trainingOn() };
  } catch (error) {
    return { outcome: 'threw', violations: [`the engine threw: ${String(error)}`], report: null, busyLoop, trainingOnAfter: page.trainingOn() };
  } finally {
    current = null;
    page.unmount();
  }
}

type Tally = Map<string, Map<string, number>>;
const perClass: Tally = new Map();
const pagesPerClass = new Map<string, number>();
let pagesRun = 0;
const found: string[] = [];
/** Runs whose zero-delay timers re-armed without time passing: a page that would spin the member's CPU. */
const busyLoops: string[] = [];
/** Each kind of violation (or busy loop), with how often it happened and the first seeds that show it. */
const violationKinds = new Map<string, { runs: number; seeds: string[] }>();
const clean = { turnOff: 0, turnedOff: 0, read: 0, readRight: 0, withAccount: 0 };
const textIdentified = { pages: 0, turnedOff: 0 };
/** Clean pages where the engine did not do its job: safe, but useless. */
const uselessOnClean: string[] = [];

function count(tally: Tally, row: string, column: string): void {
  const columns = tally.get(row) ?? new Map<string, number>();
  columns.set(column, (columns.get(column) ?? 0) + 1);
  tally.set(row, columns);
}

function record(spec: PageSpec, instruction: InstructionKind, result: RunResult): void {
  for (const name of pageClasses(spec)) {
    count(perClass, name, `${instruction === 'read' ? 'read' : 'off'}→${result.outcome}`);
    if (result.violations.length > 0) count(perClass, name, 'VIOLATING');
  }
  if (result.violations.length > 0) found.push(`${instruction} ${describePage(spec)}\n    ${result.violations.join('\n    ')}`);
  if (result.busyLoop) busyLoops.push(`${spec.seed}/${instruction} ${describePage(spec)}`);
  const violations = [...result.violations, ...(result.busyLoop ? ['(perf) a busy loop: zero-delay timers re-armed without time passing'] : [])];
  const kinds = new Set(violations.map((violation) => violation.replace(/account "[^"]*"/, 'account "…"').replace(/proves "[^"]*"/, 'proves "…"')));
  for (const kind of kinds) {
    const entry = violationKinds.get(kind) ?? { runs: 0, seeds: [] };
    entry.runs += 1;
    if (entry.seeds.length < 4) entry.seeds.push(`${spec.seed}/${instruction}`);
    violationKinds.set(kind, entry);
  }
  const accountRight = result.report?.account?.key.toLowerCase() === spec.member.toLowerCase();
  if (isCleanPage(spec)) {
    if (instruction === 'turn-off' && spec.initiallyOn) {
      clean.turnOff += 1;
      if (result.outcome === 'clicked-off→turned-off' && accountRight) clean.turnedOff += 1;
      else uselessOnClean.push(`${spec.seed}/${instruction}: ${result.outcome}`);
    }
    if (instruction === 'read') {
      clean.read += 1;
      if (result.outcome === (spec.initiallyOn ? 'on' : 'off')) clean.readRight += 1;
      else uselessOnClean.push(`${spec.seed}/${instruction}: ${result.outcome}`);
      if (accountRight) clean.withAccount += 1;
    }
  }
  const byExactLabel = (spec.key === 'renamed' || spec.key === 'missing') && spec.label === 'exact' && spec.htmlLang === spec.lang;
  if (byExactLabel && isCleanPage({ ...spec, key: 'present' }) && instruction === 'turn-off' && spec.initiallyOn) {
    textIdentified.pages += 1;
    if (result.outcome === 'clicked-off→turned-off') textIdentified.turnedOff += 1;
    else uselessOnClean.push(`${spec.seed}/${instruction} (exact label, no key): ${result.outcome}`);
  }
}

function table(): string {
  const columns = [...new Set([...perClass.values()].flatMap((row) => [...row.keys()]))].sort();
  const rows = [...perClass.keys()].sort();
  const width = Math.max(...rows.map((row) => row.length));
  const header = `${'class'.padEnd(width)} ${'pages'.padStart(5)} ${columns.map((column) => column.padStart(Math.max(6, column.length))).join(' ')}`;
  const lines = rows.map((row) => {
    const cells = columns.map((column) => String(perClass.get(row)?.get(column) ?? 0).padStart(Math.max(6, column.length)));
    return `${row.padEnd(width)} ${String(pagesPerClass.get(row) ?? 0).padStart(5)} ${cells.join(' ')}`;
  });
  return [header, ...lines].join('\n');
}

/**
 * What a browser's `checkVisibility` answers, for the ways generated pages hide things: an inline `display` or
 * `visibility`, the `hidden` attribute, and a class of the page's stylesheet (`display`, `visibility`; `opacity` only
 * when asked for, as in a browser; an element moved off the screen is rendered). happy-dom runs the whole style cascade
 * per ancestor for a stylesheet, so only a root that has one pays for it; happy-dom also ignores the user-agent rule
 * that `[hidden]` is not displayed. The Chromium share of these pages (tests/e2e/generated-pages.e2e.test.ts) holds
 * this model to the browser's own check.
 */
function shownInBrowser(start: Element, options?: CheckVisibilityOptions): boolean {
  if (!start.isConnected) return false;
  const styled = (start.getRootNode() as ParentNode).querySelector('style') !== null;
  for (let element: Element | null = start; element; element = element.parentElement ?? ((element.parentNode as ShadowRoot | null)?.host ?? null)) {
    const style = (element as HTMLElement).style as CSSStyleDeclaration | undefined;
    if (element.hasAttribute('hidden') || style?.display === 'none') return false;
    if (options?.visibilityProperty && style?.visibility === 'hidden') return false;
    if (!styled) continue;
    const computed = getComputedStyle(element);
    if (computed.display === 'none') return false;
    if (options?.visibilityProperty && computed.visibility === 'hidden') return false;
    if ((options?.opacityProperty || options?.checkOpacity) && computed.opacity === '0') return false;
  }
  return true;
}

function browserLikeVisibility(): () => void {
  const original = Element.prototype.checkVisibility;
  Element.prototype.checkVisibility = function checkVisibility(this: Element, options?: CheckVisibilityOptions) {
    return shownInBrowser(this, options);
  };
  return () => {
    Element.prototype.checkVisibility = original;
  };
}

let restoreVisibility: (() => void) | null = null;

beforeAll(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://www.linkedin.com${settingPath}`);
  restoreClickSpies = spyOnEveryClick();
  restoreVisibility = browserLikeVisibility();
});

afterAll(() => {
  restoreClickSpies?.();
  restoreVisibility?.();
  console.log(
    `adversarial pages: ${pagesRun} pages × ${instructions.length} instructions, seeds from ${baseSeed}, ` +
      `${found.length} run(s) with violations; clean pages turned off ${clean.turnedOff}/${clean.turnOff}, read right ${clean.readRight}/${clean.read}, ` +
      `exact-label pages without the key turned off ${textIdentified.turnedOff}/${textIdentified.pages}\n${table()}\n` +
      [...violationKinds].map(([kind, { runs, seeds }]) => `${String(runs).padStart(5)} × ${kind}  (seeds ${seeds.join(', ')})`).join('\n'),
  );
});

describe('generated adversarial setting pages', () => {
  for (let start = 0; start < pageCount; start += chunkSize) {
    it(`pages ${start}–${start + chunkSize - 1}: no unsafe click, no false state, no unproven account`, async () => {
      const before = found.length;
      const busyBefore = busyLoops.length;
      for (let index = start; index < start + chunkSize; index += 1) {
        const spec = generatePageSpec(baseSeed + index);
        pagesRun += 1;
        for (const name of pageClasses(spec)) pagesPerClass.set(name, (pagesPerClass.get(name) ?? 0) + 1);
        for (const instruction of instructions) record(spec, instruction, await runPage(spec, instruction));
      }
      expect(found.slice(before, before + 10).join('\n')).toBe('');
      expect(busyLoops.slice(busyBefore, busyBefore + 10), 'busy loops: zero-delay timers re-armed without time passing').toEqual([]);
    }, 600_000);
  }

  it('covered every class often enough, and certainty did not make the engine useless', () => {
    const classes = [...pagesPerClass.keys()];
    // 10 languages, 3 html-lang forms, 2 setting, 4 key, 6 label, 4 switch, 3 twin, 3 decoys, 11 states, 5 arrivals, 12 identities, 2 dialog, 2 initially, 6 responses, 4 starts, 2 certain;
    // 4 value timings. Classes only a browser shows for what they are: 5 concealments of a hidden twin, 3 containers, 3 confirmations.
    expect(classes).toHaveLength(83 + 11);
    expect(classes.filter((name) => (pagesPerClass.get(name) ?? 0) < minimumPerClass)).toEqual([]);
    expect(uselessOnClean.slice(0, 10)).toEqual([]);
    expect(clean.turnOff).toBeGreaterThan(100);
    expect(clean.turnedOff).toBe(clean.turnOff);
    expect(clean.readRight).toBe(clean.read);
    expect(clean.withAccount).toBe(clean.read);
    expect(textIdentified.pages).toBeGreaterThan(10);
    expect(textIdentified.turnedOff).toBe(textIdentified.pages);
  });
});

/**
 * Pages the generator found breaking the engine, kept by seed so each stays fixed. The classes named with
 * each seed are checked first: a change to the generator that gives the seed another page fails loudly
 * here instead of silently testing something else.
 */
describe('pages that broke the engine, by seed', () => {
  /** `start`: where the page load begins; the seeds found before walks were generated began on the setting. */
  /** `pin`: fields a later generator draws differently for the seed, set back to the page that broke the engine. */
  const brokeBefore: Array<{ seed: number; instruction: InstructionKind; classes: string[]; what: string; start?: StartPage; pin?: Partial<PageSpec> }> = [
    // The first release's engine broke on these pages (similarity matching, placeholders read, remembered accounts): kept as they were met.
    {
      seed: 20261152, instruction: 'turn-off', classes: ['lang:it', 'key:renamed', 'label:negated'], what: 'a negated Italian label accepted by similarity: clicked, training turned on, "off" reported',
      pin: { lang: 'it', htmlLang: 'it', label: 'negated', labelText: 'Non usare i miei dati per addestrare i modelli di IA', arrival: 'first' },
    },
    { seed: 20261654, instruction: 'turn-off', classes: ['lang:de', 'key:present', 'label:negated', 'initially:off'], what: 'the key on a negated German label ("Ihre Daten nicht …"): clicked while off, training turned on' },
    { seed: 20261136, instruction: 'read', classes: ['state:placeholder', 'initially:on'], what: 'a disabled, busy placeholder read at once: "off" while LinkedIn has it on' },
    { seed: 20261129, instruction: 'read', classes: ['identity:me-menu-closed'], what: "a post author's profile link taken for the member's account" },
    { seed: 20261185, instruction: 'turn-off', classes: ['start:feed'], start: 'feed', what: 'on a feed, the walk clicked the links of a member\'s "how to opt out" post' },
    // Found on the safety-engine branch (see the report of branch safety-gen).
    { seed: 20261197, instruction: 'read', classes: ['identity:overlay-others'], what: "a messaging overlay's top-level <header> taken for the member's top bar" },
    { seed: 20263441, instruction: 'turn-off', classes: ['switch:plain-checkbox', 'state:flapping'], what: 'a checkbox whose checked property flaps without any attribute change, read as settled and clicked' },
    { seed: 20261770, instruction: 'read', classes: ['switch:plain-checkbox', 'state:flapping'], what: 'the same kind of flapping checkbox, read as "off"' },
    { seed: 20261181, instruction: 'read', classes: ['state:fieldset-disabled', 'initially:on'], what: 'a switch disabled by its <fieldset disabled>, showing off while on: read as "off"' },
    { seed: 20261169, instruction: 'read', classes: ['state:group-aria-disabled', 'initially:on'], what: 'a switch in an aria-disabled group, showing off while on: read as "off"' },
    { seed: 20261135, instruction: 'read', classes: ['state:indeterminate', 'initially:on'], what: 'an indeterminate checkbox, showing off while on: read as "off"' },
  ];

  it.each(brokeBefore)('seed $seed ($instruction): $what', async ({ seed, instruction, classes, start, pin }) => {
    const spec: PageSpec = { ...generatePageSpec(seed), start: start ?? 'setting', ...pin };
    expect(pageClasses(spec)).toEqual(expect.arrayContaining(classes));
    const result = await runPage(spec, instruction);
    expect(result.violations).toEqual([]);
  });
});

/** The judge is only as good as the truth it judges by: the generator's pages say what it claims. */
describe("the generator's ground truth", () => {
  const cleanOverrides: Partial<PageSpec> = {
    start: 'setting', settingShown: true, key: 'present', kind: 'checkbox-switch', twin: 'none', decoyCount: 0, state: 'ready',
    identity: 'me-menu', dialog: false, clickResponse: 'saves', lang: 'en', htmlLang: 'en', label: 'exact', labelText: 'Use my data for training content creation AI models',
    arrival: 'first',
  };
  const cleanSpec = (overrides: Partial<PageSpec>): PageSpec => ({ ...generatePageSpec(baseSeed), ...cleanOverrides, ...overrides });

  function mounted(spec: PageSpec): { page: PageLoad; control: HTMLInputElement } {
    clock.reset();
    const page = startPageLoad(spec, document, clock, (path) => history.pushState({}, '', path));
    return { page, control: document.querySelector<HTMLInputElement>('input[aria-labelledby="allowDataForGenerativeAI"]') as HTMLInputElement };
  }

  it('a negated label inverts the switch: unchecked means LinkedIn uses the data', () => {
    const { page, control } = mounted(cleanSpec({ label: 'negated', labelText: "Don't use my data for training content creation AI models", initiallyOn: true }));
    expect([control.checked, page.trainingOn(), page.realSwitchShowsOn(), page.truth.certain]).toEqual([false, true, true, false]);
    page.unmount();
  });

  it('an inversion in everyday words under LinkedIn\'s own key: the switch reads off while LinkedIn uses the data, and is not certain', () => {
    const { page, control } = mounted(cleanSpec({ label: 'inverted', labelText: 'Opt out of using my data for training content creation AI models', initiallyOn: true }));
    expect([control.checked, page.trainingOn(), page.truth.certain]).toEqual([false, true, false]);
    page.unmount();
  });

  it('a key whose label element is missing: the <label for> holds only the On/Off word, and the switch is not certain', () => {
    const { page, control } = mounted(cleanSpec({ key: 'label-missing', lang: 'fr', htmlLang: 'fr', initiallyOn: true }));
    expect([document.getElementById('allowDataForGenerativeAI'), document.querySelector(`label[for="${control.id}"]`)?.textContent, page.truth.certain]).toEqual([null, 'Oui', false]);
    page.unmount();
  });

  it('a late value: a default drawn off, enabled and not busy, with no evidence, until the value arrives and is drawn at once', () => {
    const { page, control } = mounted(cleanSpec({ arrival: 'late', initiallyOn: true }));
    expect([control.checked, control.disabled, control.hasAttribute('aria-busy'), page.valueArrivedAt(), page.realSwitchSettled()]).toEqual([false, false, false, null, false]);
    while (page.valueArrivedAt() === null && clock.runNext());
    const drawn = document.querySelector<HTMLInputElement>('input[aria-labelledby="allowDataForGenerativeAI"]') as HTMLInputElement;
    expect([drawn.checked, page.valueArrivedAt() === clock.now(), page.realSwitchSettled()]).toEqual([true, true, true]);
    page.unmount();
  });

  it('a value never seen arriving: drawn at once, but no state may be reported from it', () => {
    const { page, control } = mounted(cleanSpec({ arrival: 'unseen', initiallyOn: true }));
    expect([control.checked, page.valueArrivedAt(), page.truth.neverSettles]).toEqual([true, null, true]);
    page.unmount();
  });

  it('a placeholder shows the opposite, disabled and busy, until the app renders the real state', () => {
    const { page, control } = mounted(cleanSpec({ state: 'placeholder', renderAtMs: 1000, initiallyOn: true }));
    expect([control.checked, control.disabled, control.getAttribute('aria-busy'), page.realSwitchSettled()]).toEqual([false, true, 'true', false]);
    while (clock.now() < 1000 && clock.runNext());
    const rendered = document.querySelector<HTMLInputElement>('input[aria-labelledby="allowDataForGenerativeAI"]') as HTMLInputElement;
    expect([rendered.checked, rendered.disabled, rendered.hasAttribute('aria-busy'), page.realSwitchSettled()]).toEqual([true, false, false, true]);
    page.unmount();
  });

  it('a transient disagreement after the drawing: unsettled until checked and aria-checked agree on the value', () => {
    const { page, control } = mounted(cleanSpec({ valueTiming: 'aria-lag', initiallyOn: true }));
    expect([control.checked === (control.getAttribute('aria-checked') === 'true'), page.realSwitchSettled()]).toEqual([false, false]);
    while (!page.realSwitchSettled() && clock.runNext());
    expect([control.checked, control.getAttribute('aria-checked'), page.trainingOn()]).toEqual([true, 'true', true]);
    page.unmount();
  });

  it('a flip-back after the quiet period: the switch shows the opposite of LinkedIn\'s value, with no request, and is not settled', () => {
    const { page, control } = mounted(cleanSpec({ valueTiming: 'flip-back', initiallyOn: true }));
    expect([page.realSwitchSettled(), page.realSwitchShowsOn()]).toEqual([true, true]);
    while (page.realSwitchSettled() && clock.runNext());
    expect([control.checked, page.trainingOn(), page.valueArrivedAt(), clock.now() > 200]).toEqual([false, true, 0, true]);
    page.unmount();
  });

  it('a click on the settled switch turns LinkedIn off; a page that proves no member has no own profile link in a top bar', () => {
    const { page, control } = mounted(cleanSpec({ identity: 'others-only', initiallyOn: true }));
    control.click();
    expect([page.trainingOn(), page.realSwitchShowsOn(), page.truth.member]).toEqual([false, false, null]);
    expect(document.querySelector(`body > header a[href*="/in/${page.spec.member}"]`)).toBeNull();
    page.unmount();
  });

  it('the own "Me" menu proves the member, in lower case', () => {
    const { page } = mounted(cleanSpec({ identity: 'me-menu', member: 'Max-Mustermann' }));
    expect(page.truth.member).toBe('max-mustermann');
    expect(document.querySelector('header [role="menu"] a[href="/in/Max-Mustermann/"]')).not.toBeNull();
    page.unmount();
  });
});

/** The run's alarms fail what they must: a page that would spin the member's CPU, an engine that never stops looking. */
describe("the run's alarms", () => {
  it('a zero-delay timer re-armed without time passing is heard as a busy loop', async () => {
    clock.reset();
    let busy = 0;
    const spin = () => void clock.setTimeout(spin, 0);
    spin();
    const finished = new Promise<string>((resolve) => clock.setTimeout(() => resolve('done'), 50));
    await expect(runOnVirtualClock(finished, clock, () => (busy += 1))).resolves.toBe('done');
    expect(busy).toBeGreaterThan(0);
  });

  it('an engine that looks every millisecond and never finishes fails with a clear message', async () => {
    clock.reset();
    const look = () => void clock.setTimeout(look, 1);
    look();
    await expect(runOnVirtualClock(new Promise<never>(() => undefined), clock, () => undefined)).rejects.toThrow(/looks too often or never stops looking/);
  });
});
