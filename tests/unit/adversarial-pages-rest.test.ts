import { describe, expect, it } from 'vitest';
import { generatePageSpec, pageClasses, type PageSpec, type StartPage } from './adversarial/generate-page';
import { baseSeed, clock, generatedPagesTests, type InstructionKind, judgeGeneratedPages, minimumPerClass, pageCount, pageCoverage, runPage, secondFilePagesFrom } from './adversarial/judge-pages';
import { runOnVirtualClock } from './adversarial/virtual-clock';
import { type PageLoad, startPageLoad } from './adversarial/walk-pages';

/**
 * The generated pages from the second share on (tests/unit/adversarial-pages.test.ts states their promises and runs
 * the first share on the other worker), the class coverage of all of them, the pages that once broke the engine, the
 * generator's ground truth and the run's alarms.
 */

judgeGeneratedPages();

describe('generated adversarial setting pages', () => {
  generatedPagesTests(secondFilePagesFrom, pageCount);

  it('covered every class often enough, and certainty did not make the engine useless', () => {
    const { classes: pagesPerClass, cleanToTurnOff, exactLabelWithoutKey } = pageCoverage();
    const classes = [...pagesPerClass.keys()];
    // 10 languages, 3 html-lang forms, 2 setting, 4 key, 6 label, 4 switch, 3 twin, 3 decoys, 11 states, 5 arrivals, 12 identities, 2 dialog, 2 initially, 6 responses, 4 starts, 2 certain;
    // 4 value timings. Classes only a browser shows for what they are: 5 concealments of a hidden twin, 3 containers, 3 confirmations.
    expect(classes).toHaveLength(83 + 11);
    expect(classes.filter((name) => (pagesPerClass.get(name) ?? 0) < minimumPerClass)).toEqual([]);
    // Each page test holds the engine to its job on every one of these pages (turned off, read right, the member named).
    expect(cleanToTurnOff).toBeGreaterThan(100);
    expect(exactLabelWithoutKey).toBeGreaterThan(10);
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
