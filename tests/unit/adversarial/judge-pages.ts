import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ActiveInstruction, runInstruction } from '../../../src/content/engine/engine';
import type { EngineReport } from '../../../src/shared/messages/background-messages';
import { offOnlyWhenVerified } from '../../../src/background/operation-lifecycle';
import { generatePageSpec, isCleanPage, pageClasses, type PageSpec } from './generate-page';
import type { ElementRole } from './mount-page';
import { settingPath } from './page-texts';
import { type PageLoad, startPageLoad } from './walk-pages';
import { runOnVirtualClock, VirtualClock } from './virtual-clock';
import { negationWords } from '../../../src/shared/rules/label-match';
import { aiTrainingRule } from '../../../src/shared/rules/setting-rules';
import { accountFromPage } from '../../../src/content/data-islands';

/**
 * The judge of the generated pages (tests/unit/adversarial-pages.test.ts states its promises): runs a page through the
 * engine with an instruction, watches every click, and tallies the outcomes per class. The pages are shared by two test
 * files, one per worker; each file installs the judge (`judgeGeneratedPages`) and prints the tally of its own pages.
 */

export const baseSeed = Number(process.env.ADVERSARIAL_SEED ?? 20261129);
export const pageCount = Number(process.env.ADVERSARIAL_PAGES ?? 5000);
/** Pages per test: the first file runs the tests of pages below `secondFilePagesFrom`, the second file the rest. */
const chunkSize = 1000;
export const secondFilePagesFrom = 3000;
/** Every class must occur at least this often, or the generator has silently degenerated. */
export const minimumPerClass = 40;
export const instructions = ['turn-off', 'read'] as const;
export type InstructionKind = (typeof instructions)[number];

type Click = { role: ElementRole; allowed: boolean; why: string };
type RunResult = { outcome: string; violations: string[]; report: EngineReport | null; busyLoop: boolean };
type StateReport = Extract<EngineReport, { kind: 'state' }>;

export const clock = new VirtualClock();
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
export async function runPage(spec: PageSpec, instruction: InstructionKind): Promise<RunResult> {
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
/** The seed of the first page this file ran. */
let firstSeedRun = baseSeed;
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
      else uselessOnClean.push(`${spec.seed}/${instruction}: reported account ${result.report?.account?.key ?? 'none'}`);
    }
  }
  if (isExactLabelWithoutKey(spec) && instruction === 'turn-off' && spec.initiallyOn) {
    textIdentified.pages += 1;
    if (result.outcome === 'clicked-off→turned-off') textIdentified.turnedOff += 1;
    else uselessOnClean.push(`${spec.seed}/${instruction} (exact label, no key): ${result.outcome}`);
  }
}

/** A clean page but for its key, renamed or missing: the exact label in the page's language identifies the switch. */
function isExactLabelWithoutKey(spec: PageSpec): boolean {
  const byExactLabel = (spec.key === 'renamed' || spec.key === 'missing') && spec.label === 'exact' && spec.htmlLang === spec.lang;
  return byExactLabel && isCleanPage({ ...spec, key: 'present' });
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
    // happy-dom parses the style attribute on every read of `style`: only an element that has one hides itself inline.
    const style = element.hasAttribute('style') ? ((element as HTMLElement).style as CSSStyleDeclaration | undefined) : undefined;
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

/** Installs the judge for the calling test file, and prints the tally of its pages when the file ends. */
export function judgeGeneratedPages(): void {
  beforeAll(() => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://www.linkedin.com${settingPath}`);
    restoreClickSpies = spyOnEveryClick();
    restoreVisibility = browserLikeVisibility();
  });

  afterAll(() => {
    restoreClickSpies?.();
    restoreVisibility?.();
    if (pagesRun === 0) return;
    console.log(
      `adversarial pages: ${pagesRun} pages × ${instructions.length} instructions, seeds ${firstSeedRun} to ${firstSeedRun + pagesRun - 1}, ` +
        `${found.length} run(s) with violations; clean pages turned off ${clean.turnedOff}/${clean.turnOff}, read right ${clean.readRight}/${clean.read}, ` +
        `exact-label pages without the key turned off ${textIdentified.turnedOff}/${textIdentified.pages}\n${table()}\n` +
        [...violationKinds].map(([kind, { runs, seeds }]) => `${String(runs).padStart(5)} × ${kind}  (seeds ${seeds.join(', ')})`).join('\n'),
    );
  });
}

/**
 * One test per thousand pages from `first` up to `end` (at most the run's page count): no violation, no busy loop, and
 * on every clean page the engine did its job (turned off, read right, named the member), so certainty never made it
 * useless.
 */
export function generatedPagesTests(first: number, end: number): void {
  for (let start = first; start < Math.min(end, pageCount); start += chunkSize) {
    it(`pages ${start}–${start + chunkSize - 1}: no unsafe click, no false state, no unproven account`, async () => {
      const before = found.length;
      const busyBefore = busyLoops.length;
      const uselessBefore = uselessOnClean.length;
      if (pagesRun === 0) firstSeedRun = baseSeed + start;
      for (let index = start; index < start + chunkSize; index += 1) {
        const spec = generatePageSpec(baseSeed + index);
        pagesRun += 1;
        for (const name of pageClasses(spec)) pagesPerClass.set(name, (pagesPerClass.get(name) ?? 0) + 1);
        for (const instruction of instructions) record(spec, instruction, await runPage(spec, instruction));
      }
      expect(found.slice(before, before + 10).join('\n')).toBe('');
      expect(busyLoops.slice(busyBefore, busyBefore + 10), 'busy loops: zero-delay timers re-armed without time passing').toEqual([]);
      expect(uselessOnClean.slice(uselessBefore, uselessBefore + 10), 'clean pages where the engine did not do its job').toEqual([]);
    }, 600_000);
  }
}

/**
 * Every class often enough in the run's pages, and enough clean pages to show certainty did not make the engine
 * useless: a property of the generator's pages alone, so it counts all of them whichever file runs them.
 */
export function pageCoverage(): { classes: Map<string, number>; cleanToTurnOff: number; exactLabelWithoutKey: number } {
  const classes = new Map<string, number>();
  let cleanToTurnOff = 0;
  let exactLabelWithoutKey = 0;
  for (let index = 0; index < pageCount; index += 1) {
    const spec = generatePageSpec(baseSeed + index);
    for (const name of pageClasses(spec)) classes.set(name, (classes.get(name) ?? 0) + 1);
    if (isCleanPage(spec) && spec.initiallyOn) cleanToTurnOff += 1;
    if (isExactLabelWithoutKey(spec) && spec.initiallyOn) exactLabelWithoutKey += 1;
  }
  return { classes, cleanToTurnOff, exactLabelWithoutKey };
}
