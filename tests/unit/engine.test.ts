import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ActiveInstruction, type EngineEnvironment, runInstruction, saveDeadlineMs, settledQuietMs } from '../../src/content/engine/engine';
import { switchQuietMs, switchSettleDeadlineMs } from '../../src/content/engine/settled-read';
import type { Clock } from '../../src/content/engine/watch';
import type { EngineReport, OperationPhase } from '../../src/shared/messages/background-messages';
import { negationWords } from '../../src/shared/rules/label-match';
import { aiTrainingRule } from '../../src/shared/rules/setting-rules';
import {
  categoryPageBody,
  categoryPath,
  globalNav,
  header,
  labelKey,
  mountPage,
  settingPageBody,
  settingPath,
  toggle,
  toggleLabels,
  type ToggleMarkup,
  unrelatedSwitch,
} from './fixtures/linkedin-pages';

// Fixtures are written from docs/linkedin.md (see ./fixtures/linkedin-pages.ts), never from the rule table.
const englishLabel = toggleLabels.en;

const fakeClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function instruction(overrides: Partial<ActiveInstruction> = {}): ActiveInstruction {
  return { do: 'turn-off', opId: 'op-test-1', rule: aiTrainingRule, walk: false, negationWords, deadlineMs: 30_000, ...overrides };
}

type Run = { report: EngineReport; progress: OperationPhase[] };

/** When the fixture page's data request completed, on the fake clock; null: the page shows none. */
let valueArrivedAt: number | null = 0;

/** `saveMs: null` is a page whose save request the engine never sees finish. */
/** Unless a test says otherwise, the background knows no member of this session: only the page's own proof lets it click. */
const pageProofOnly: EngineEnvironment['confirmClick'] = async (account) => account !== null;

async function run(given: ActiveInstruction, advanceMs = 0, saveMs: number | null = 50, clock: Clock = fakeClock, confirmClick = pageProofOnly): Promise<Run> {
  const progress: OperationPhase[] = [];
  const pending = runInstruction(given, {
    doc: document,
    clock,
    signal: new AbortController().signal,
    sendProgress: (phase) => progress.push(phase),
    // Like the content script's watcher: the save's own request, or else the deadline it is given.
    watchForSave: () => (saveDeadline) => new Promise((resolve) => setTimeout(resolve, saveMs ?? Math.max(0, saveDeadline - clock.now()))),
    confirmClick,
    // The page's data request completed before the engine started, unless a test moves it.
    valueArrivedAt: () => valueArrivedAt,
  });
  await vi.advanceTimersByTimeAsync(advanceMs);
  for (let step = 0; step < 100; step += 1) await vi.advanceTimersByTimeAsync(500);
  return { report: await pending, progress };
}

function theToggle(): HTMLElement {
  return document.querySelector('[role="switch"]:not(#other), input[type="checkbox"]:not(#other)') as HTMLElement;
}

function isOn(element: Element): boolean {
  return element instanceof HTMLInputElement ? element.checked : element.getAttribute('aria-checked') === 'true';
}

beforeEach(() => {
  vi.useFakeTimers();
  valueArrivedAt = 0;
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('turning the setting off', () => {
  it('clicks a checked toggle once and reports it off, clicked', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const click = vi.spyOn(theToggle(), 'click');
    const { report, progress } = await run(instruction());
    expect(click).toHaveBeenCalledTimes(1);
    expect(isOn(theToggle())).toBe(false);
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true, hook: 'label-key', way: 'direct' });
    expect(report.account).toEqual({ key: 'jana-schmidt-4711', name: 'Jana Schmidt' });
    expect(report.lang).toBe('en');
    expect(progress).toContain('turning-off');
  });

  it('leaves an unchecked toggle alone and never calls click', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', false, englishLabel)));
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: false });
  });

  it('only reads when told to read, even when the toggle is on', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction({ do: 'read' }));
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'state', state: 'on', clicked: false });
  });

  it('finds a toggle that mounts seconds after the page and reacts to it', async () => {
    mountPage(settingPath, `<main aria-busy="true"></main>`);
    setTimeout(() => {
      document.body.innerHTML = settingPageBody(toggle('standard', true, englishLabel));
    }, 8000);
    const { report } = await run(instruction());
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true });
    expect(report.toggleFoundMs).toBeGreaterThanOrEqual(8000);
    expect(report.toggleFoundMs).toBeLessThan(8100);
  });

  it.each<ToggleMarkup>(['standard', 'artdeco', 'relabelled', 'button-switch'])('works with %s markup', async (markup) => {
    mountPage(settingPath, settingPageBody(toggle(markup, true, englishLabel)));
    // An ARIA switch changes only through the page's own handler, as on LinkedIn.
    const control = theToggle();
    if (markup === 'button-switch') {
      control.addEventListener('click', () => control.setAttribute('aria-checked', String(!isOn(control))));
    }
    const { report } = await run(instruction());
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true });
    expect(report.kind === 'state' && report.hook).toBe(markup === 'relabelled' ? 'label-text' : 'label-key');
    expect(isOn(theToggle())).toBe(false);
  });

  it('refuses a control that is not a checkbox or switch, without clicking it', async () => {
    mountPage(settingPath, settingPageBody(toggle('not-a-switch', true, englishLabel)));
    const link = document.querySelector('a[aria-labelledby]') as HTMLElement;
    const click = vi.spyOn(link, 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
    expect(report.kind === 'failed' && report.diagnostic).toMatch(/not a switch/);
  });

  it('never touches a second, unrelated switch on the page', async () => {
    mountPage(settingPath, settingPageBody(unrelatedSwitch(true) + toggle('standard', true, englishLabel)));
    const other = document.getElementById('other') as HTMLInputElement;
    const otherClick = vi.spyOn(other, 'click');
    const { report } = await run(instruction());
    expect(otherClick).not.toHaveBeenCalled();
    expect(other.checked).toBe(true);
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true });
  });

  it('does not pick the unrelated switch by text when the label key is gone', async () => {
    mountPage(settingPath, settingPageBody(unrelatedSwitch(true)));
    const other = document.getElementById('other') as HTMLInputElement;
    const otherClick = vi.spyOn(other, 'click');
    const { report } = await run(instruction());
    expect(otherClick).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
  });

  it("waits for the save deadline, not a quiet page, when the setting’s own save is never seen", async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const control = theToggle() as HTMLInputElement;
    control.addEventListener('change', () => control.setAttribute('aria-checked', 'false'));
    const { report } = await run(instruction(), 0, null);
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true });
    // On the fake clock: the switch's quiet period before the click, then the whole save deadline: a quiet
    // page proves nothing about a save still in flight. The switch showing off is then passed on at once.
    expect(report.elapsedMs).toBe(switchQuietMs + saveDeadlineMs);
  });

  it('reports save-failed when an ARIA switch does not react to the click', async () => {
    mountPage(settingPath, settingPageBody(toggle('button-switch', true, englishLabel)));
    const { report } = await run(instruction());
    expect(report).toMatchObject({ kind: 'failed', failure: 'save-failed' });
  });

  it('reports save-failed when the page puts the switch back on after the click', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const control = theToggle() as HTMLInputElement;
    control.addEventListener('change', () => setTimeout(() => (control.checked = true), 20));
    const { report } = await run(instruction());
    expect(report).toMatchObject({ kind: 'failed', failure: 'save-failed' });
  });

  it('passes a click on when aria-checked never follows: unsettled, for the fresh load to decide', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const { report } = await run(instruction());
    // aria-checked stays "true" in the fixture: checked shows off, the reading is flagged as not settled.
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true, ariaInSync: false });
  });

  it('passes a switch showing off on as soon as the save has finished: unsettled, the fresh load decides', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const control = theToggle() as HTMLInputElement;
    control.addEventListener('change', () => control.setAttribute('aria-checked', String(control.checked)));
    const saveMs = 50;
    const { report } = await run(instruction(), 0, saveMs);
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true, ariaInSync: false });
    // The quiet period before the click, the save; no second quiet period before the fresh load.
    expect(report.elapsedMs).toBe(switchQuietMs + saveMs);
  });

  it('waits for aria-checked after the save while it disagrees, and passes the switch on once it follows', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const control = theToggle() as HTMLInputElement;
    const followsAfterMs = 300;
    control.addEventListener('change', () => setTimeout(() => control.setAttribute('aria-checked', String(control.checked)), followsAfterMs));
    const { report } = await run(instruction(), 0, 50);
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true, ariaInSync: false });
    // Looked at again a quiet period after the first look found them disagreeing, not before aria-checked followed.
    expect(report.elapsedMs).toBeGreaterThanOrEqual(switchQuietMs + followsAfterMs);
  });

  it('a switch the page shows on again after the save is read by the settled rule: a failed save after its quiet period', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const control = theToggle() as HTMLInputElement;
    const saveMs = 50;
    control.addEventListener('change', () => {
      control.setAttribute('aria-checked', 'false');
      setTimeout(() => {
        control.checked = true;
        control.setAttribute('aria-checked', 'true');
      }, saveMs - 10);
    });
    const { report } = await run(instruction(), 0, saveMs);
    expect(report).toMatchObject({ kind: 'failed', failure: 'save-failed', diagnostic: 'switch back on after the click' });
    expect(report.elapsedMs).toBe(switchQuietMs + saveMs + switchQuietMs);
  });
});

describe('failures are clear states', () => {
  it('signed out: the login page', async () => {
    mountPage('/uas/login', '<main><form></form></main>', 'en', 'LinkedIn Login');
    expect((await run(instruction())).report).toMatchObject({ kind: 'failed', failure: 'signed-out', account: null });
  });

  it('security checkpoint', async () => {
    mountPage('/checkpoint/challenge/AgFabc', '<main></main>', 'en', 'Security Verification | LinkedIn');
    expect((await run(instruction())).report).toMatchObject({ kind: 'failed', failure: 'challenge' });
  });

  it('timeout when the settings app never renders', async () => {
    mountPage(settingPath, `${'<header></header>'}<main aria-busy="true"></main>`);
    const { report } = await run(instruction({ deadlineMs: 20_000 }));
    expect(report).toMatchObject({ kind: 'failed', failure: 'timeout' });
  });

  it.each([
    ['the setting page, its app aria-busy', settingPath, `${globalNav()}<main aria-busy="true"><h1>Settings</h1></main>`],
    ['the privacy category, its rows never shown', categoryPath, `${globalNav()}<main aria-busy="true"><h1>Data privacy</h1></main>`],
    ['the settings home, with no way on', '/mypreferences/d/', `${globalNav()}<main aria-busy="true"><h1>Settings</h1></main>`],
  ])('no busy loop while %s for the whole 30 s: a timer at most every quiet period', async (_page, path, body) => {
    mountPage(path, body);
    let timersArmed = 0;
    const counting: Clock = { ...fakeClock, setTimeout: (callback, ms) => ((timersArmed += 1), fakeClock.setTimeout(callback, ms)) };
    const { report } = await run(instruction({ walk: path !== settingPath }), 0, 50, counting);
    expect(report).toMatchObject({ kind: 'failed', failure: 'timeout' });
    // One look per quiet period, plus the deadline: a zero-delay timer re-armed back to back would count in thousands.
    expect(timersArmed).toBeLessThanOrEqual(30_000 / settledQuietMs + 2);
  });

  it('not-found when the page rendered but has no recognisable control', async () => {
    mountPage(settingPath, settingPageBody('<div class="_x8f2">Use my data for AI</div>'));
    const { report } = await run(instruction());
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
    expect(report.elapsedMs).toBeGreaterThanOrEqual(settledQuietMs);
    expect(report.kind === 'failed' && report.diagnostic).not.toMatch(/jana/i);
  });

  it('not-offered when the privacy category lists other settings but not this one', async () => {
    mountPage(categoryPath, categoryPageBody([{ href: '/mypreferences/d/settings/profile-visibility', label: 'Profile visibility' }]));
    const { report } = await run(instruction({ walk: true }));
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-offered', way: 'walk' });
  });
});

describe('the walk', () => {
  function installSpaNavigation(pages: Record<string, string>): void {
    document.addEventListener('click', (event) => {
      const link = (event.target as Element).closest('a');
      const path = link?.getAttribute('href');
      if (!path || !(path in pages)) return;
      event.preventDefault();
      history.pushState({}, '', path);
      // The app reads the new page's data, then draws it at once.
      setTimeout(() => {
        valueArrivedAt = Date.now();
        document.body.innerHTML = pages[path] as string;
      }, 300);
    });
  }

  it('goes settings home → Data privacy → the setting row by link target, then turns it off', async () => {
    const movedPath = '/mypreferences/d/settings/data-for-ai-improvement-v2';
    mountPage('/mypreferences/d/categories/account', categoryPageBody([]));
    installSpaNavigation({
      [categoryPath]: categoryPageBody([
        { href: '/mypreferences/d/settings/profile-visibility', label: 'Profile visibility' },
        { href: movedPath, label: 'Data for Generative AI Improvement' },
      ]),
      [movedPath]: settingPageBody(toggle('standard', true, englishLabel)),
    });
    const { report, progress } = await run(instruction({ walk: true }));
    expect(location.pathname).toBe(movedPath);
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true, way: 'walk' });
    expect(progress.filter((phase) => phase === 'walking')).toHaveLength(2);
  });

  it('counts the data a row click asked for even when it landed before the click returned (a busy page)', async () => {
    const rowButton = `<button type="button" id="row"><span>Daten zur Verbesserung generativer KI</span><span>Ein ›</span></button>`;
    mountPage(categoryPath, `${header()}<main><h1>Datenschutz</h1>${rowButton}</main>`, 'de');
    document.getElementById('row')!.addEventListener('click', () => {
      history.pushState({}, '', settingPath);
      // The app asks for the setting's data at once, then keeps the page busy in the same task: the answer lands
      // before the click returns, as on a loaded CPU.
      const answeredAt = Date.now() + 5;
      vi.setSystemTime(Date.now() + 40);
      setTimeout(() => {
        valueArrivedAt = answeredAt;
        document.body.innerHTML = settingPageBody(toggle('standard', true, 'Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen'));
      }, 300);
    });
    valueArrivedAt = null;
    const { report } = await run(instruction({ walk: true }));
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true, way: 'walk' });
  });

  it('takes the walk by itself when the direct address was redirected', async () => {
    mountPage(categoryPath, categoryPageBody([{ href: settingPath, label: 'Daten zur Verbesserung generativer KI' }]), 'de');
    installSpaNavigation({ [settingPath]: settingPageBody(toggle('standard', true, 'Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen')) });
    const { report } = await run(instruction({ walk: false }));
    expect(report).toMatchObject({ kind: 'state', state: 'off', way: 'walk', lang: 'de' });
  });

  it('finds the row by its label in the page language when the link target changed', async () => {
    const renamed = '/mypreferences/d/settings/genai-data';
    mountPage(categoryPath, categoryPageBody([
      { href: '/mypreferences/d/settings/profile-visibility', label: 'Sichtbarkeit' },
      { href: renamed, label: 'Daten zur Verbesserung generativer KI' },
    ]), 'de');
    installSpaNavigation({ [renamed]: settingPageBody(toggle('relabelled', true, 'Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen')) });
    const { report } = await run(instruction({ walk: true }));
    expect(location.pathname).toBe(renamed);
    expect(report).toMatchObject({ kind: 'state', state: 'off', hook: 'label-text' });
  });
});

describe('clickOnlyWhenCertain: identification, end to end through the engine', () => {
  it.each([
    ['en', "Don't use my data for training content creation AI models"],
    ['en', 'Do not use my data for training content creation AI models'],
    ['de', 'Ihre Daten nicht zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen'],
    ['fr', "Ne pas utiliser mes données pour entraîner des modèles d'IA de création de contenu"],
    ['pl', 'Nie używaj moich danych do trenowania modeli AI służących do tworzenia treści'],
  ])('a negated, reworded label with a renamed key (%s) is never clicked', async (lang, label) => {
    // The switch reads on: clicking it would turn training on under an inverted label.
    mountPage(settingPath, settingPageBody(toggle('relabelled', true, label)), lang);
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
  });

  it.each([
    ['en', "Don't use my data for training content creation AI models"],
    ['en', 'Opt out of using my data for training content creation AI models'],
    ['en', 'Use my data for training content creation AI models by LinkedIn and its affiliates'],
    ['de', 'Widerspruch gegen die Nutzung Ihrer Daten zum Schulen von KI-Modellen'],
    ['fr', "Exclure mes données de l'entraînement des modèles d'IA"],
  ])('refuses the key-identified switch on a %s page whose label is not the known one: "%s"', async (lang, label) => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, label)), lang);
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
    expect(report.kind === 'failed' && report.diagnostic).toMatch(/not the known one/);
  });

  it('where no label is known (Spanish), the key alone identifies, and a listed negation still refuses', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, 'Usar mis datos para entrenar modelos de IA de creación de contenido')), 'es');
    expect((await run(instruction())).report).toMatchObject({ kind: 'state', state: 'off', clicked: true, hook: 'label-key' });
    mountPage(settingPath, settingPageBody(toggle('standard', true, 'No usar mis datos para entrenar modelos de IA de creación de contenido')), 'es');
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report.kind === 'failed' && report.diagnostic).toMatch(/negation "no"/);
  });

  it.each([
    ['fr', 'Oui'],
    ['it', 'Sì'],
    ['en', 'On'],
  ])('a key whose label element is missing, with only the On/Off word in <label for> (%s "%s"): never clicked, never read', async (lang, onWord) => {
    const markup = toggle('artdeco', true, 'ignored').replace(/<p id="[^"]*">ignored<\/p>/, '').replace('>On<', `>${onWord}<`);
    for (const given of [instruction(), instruction({ do: 'read' })]) {
      mountPage(settingPath, settingPageBody(markup), lang);
      const click = vi.spyOn(theToggle(), 'click');
      const { report } = await run(given);
      expect(click).not.toHaveBeenCalled();
      expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
      expect(report.kind === 'failed' && report.diagnostic).toMatch(/names no label/);
    }
  });

  it('never reads a switch whose value the page never shows arriving: unreadable, nothing clicked', async () => {
    valueArrivedAt = null;
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'unreadable' });
    expect(report.kind === 'failed' && report.diagnostic).toMatch(/no sign its value arrived/);
  });

  it('a default drawn off before the value arrives is not read: the switch, on once the value came, is clicked', async () => {
    valueArrivedAt = null;
    mountPage(settingPath, settingPageBody(toggle('standard', false, englishLabel)));
    setTimeout(() => {
      valueArrivedAt = Date.now();
      const control = theToggle() as HTMLInputElement;
      control.checked = true;
      control.setAttribute('aria-checked', 'true');
    }, 2000);
    const { report } = await run(instruction());
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true });
    expect(report.elapsedMs).toBeGreaterThanOrEqual(2000 + switchQuietMs);
  });

  it("does not mistake the Italian Off word in the switch's <label> for a negation of its name", async () => {
    const italian = 'Usa i miei dati per addestrare i modelli di IA per la creazione di contenuti';
    mountPage(settingPath, settingPageBody(toggle('artdeco', true, italian).replace('>On<', '>No<')), 'it');
    const { report } = await run(instruction());
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true, hook: 'label-key' });
  });

  it('never identifies by a similar label: a reworded one with a renamed key is not clicked', async () => {
    mountPage(settingPath, settingPageBody(toggle('relabelled', true, 'Use my data to train content creation AI models')));
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
  });

  it('refuses when a decoy with the exact label sits beside the key-identified switch', async () => {
    const decoy = `<input type="checkbox" role="switch" id="decoy" aria-labelledby="decoyKey" checked><span id="decoyKey">${englishLabel}</span>`;
    mountPage(settingPath, settingPageBody(decoy + toggle('standard', true, englishLabel)));
    const clicks = [...document.querySelectorAll('input')].map((input) => vi.spyOn(input, 'click'));
    const { report } = await run(instruction());
    for (const click of clicks) expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
    expect(report.kind === 'failed' && report.diagnostic).toMatch(/2 switches qualify/);
  });

  it('clicks the rendered switch of a hidden responsive twin pair, never the hidden one', async () => {
    const hiddenTwin = `<div style="display:none"><input type="checkbox" role="switch" id="twin" aria-labelledby="${labelKey}" aria-checked="true" checked></div>`;
    mountPage(settingPath, settingPageBody(hiddenTwin + toggle('standard', true, englishLabel)));
    const twin = document.getElementById('twin') as HTMLInputElement;
    const shown = document.getElementById('t1') as HTMLInputElement;
    const twinClick = vi.spyOn(twin, 'click');
    const shownClick = vi.spyOn(shown, 'click');
    const { report } = await run(instruction());
    expect(twinClick).not.toHaveBeenCalled();
    expect(shownClick).toHaveBeenCalledTimes(1);
    expect(twin.checked).toBe(true);
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true });
  });

  it('never clicks a switch that is only there hidden', async () => {
    mountPage(settingPath, settingPageBody(`<div style="display:none">${toggle('standard', true, englishLabel)}</div>`));
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
  });

  it('refuses two rendered switches with the key', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel) + toggle('standard', true, englishLabel).replace('id="t1"', 'id="t2"')));
    const clicks = [...document.querySelectorAll('input')].map((input) => vi.spyOn(input, 'click'));
    const { report } = await run(instruction());
    for (const click of clicks) expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found' });
  });
});

describe('readOnlyWhenSettled: a switch is read only once the app is done with it', () => {
  it('a disabled placeholder reading off is not read as off; the real switch, on, is clicked', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', false, englishLabel).replace('<input', '<input disabled')));
    const control = theToggle() as HTMLInputElement;
    const click = vi.spyOn(control, 'click');
    setTimeout(() => {
      control.checked = true;
      control.setAttribute('aria-checked', 'true');
      control.disabled = false;
    }, 3000);
    const { report } = await run(instruction({ do: 'read' }));
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'state', state: 'on', clicked: false, ariaInSync: true });
    expect(report.elapsedMs).toBeGreaterThanOrEqual(3000 + switchQuietMs);
  });

  it.each([
    ['inside an aria-busy region', (body: string) => `<div aria-busy="true">${body}</div>`],
    ['aria-disabled', (body: string) => body.replace('<input', '<input aria-disabled="true"')],
    ['disabled', (body: string) => body.replace('<input', '<input disabled')],
  ])('a placeholder %s that never settles is unreadable: neither on nor off, nothing clicked', async (_case, wrap) => {
    mountPage(settingPath, settingPageBody(wrap(toggle('standard', false, englishLabel))));
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'unreadable' });
    expect(report.elapsedMs).toBeGreaterThanOrEqual(switchSettleDeadlineMs);
  });

  it('checked and aria-checked disagreeing before any click is unreadable, and nothing is clicked', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel).replace('aria-checked="true"', 'aria-checked="false"')));
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'unreadable' });
    expect(report.kind === 'failed' && report.diagnostic).toMatch(/disagree/);
  });

  it('a switch that changes within the quiet period is read only after it has stayed the same', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', false, englishLabel)));
    const control = theToggle() as HTMLInputElement;
    // The property alone changes (no attribute, no mutation): the app filling in the member's value.
    setTimeout(() => {
      control.checked = true;
      control.setAttribute('aria-checked', 'true');
    }, switchQuietMs - 100);
    const { report } = await run(instruction({ do: 'read' }));
    expect(report).toMatchObject({ kind: 'state', state: 'on' });
  });

  it('a switch that keeps changing never gets read', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const control = theToggle() as HTMLInputElement;
    const flicker = setInterval(() => {
      control.checked = !control.checked;
      control.setAttribute('aria-checked', String(control.checked));
    }, switchQuietMs / 2);
    const click = vi.spyOn(control, 'click');
    const { report } = await run(instruction());
    clearInterval(flicker);
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'unreadable' });
  });

  it('a checkbox whose `checked` a script flips with no DOM change at all is never read, even in step with the quiet period', async () => {
    mountPage(settingPath, settingPageBody(`<input type="checkbox" id="t1" aria-labelledby="${labelKey}" checked><span id="${labelKey}">${englishLabel}</span>`));
    const control = theToggle() as HTMLInputElement;
    // A divisor of the quiet period: looks a whole quiet period apart would always see the same position.
    const flicker = setInterval(() => (control.checked = !control.checked), switchQuietMs / 4);
    const click = vi.spyOn(control, 'click');
    const { report } = await run(instruction());
    clearInterval(flicker);
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'unreadable' });
  });

  it.each([
    ['its fieldset is disabled', (input: string) => `<fieldset disabled>${input}</fieldset>`, () => {}],
    ['a group around it is aria-disabled', (input: string) => `<div role="group" aria-disabled="true">${input}</div>`, () => {}],
    ['it is indeterminate', (input: string) => input, (control: HTMLInputElement) => (control.indeterminate = true)],
  ])('a switch that shows off while %s is never read as off', async (_case, around, prepare) => {
    mountPage(settingPath, settingPageBody(around(toggle('standard', false, englishLabel))));
    prepare(theToggle() as HTMLInputElement);
    const { report } = await run(instruction({ do: 'read' }));
    expect(report).toMatchObject({ kind: 'failed', failure: 'unreadable' });
  });

  it('after the click, a switch that goes busy and comes back on is a failed save, not off', async () => {
    mountPage(settingPath, settingPageBody(`<div id="region">${toggle('standard', true, englishLabel)}</div>`));
    const control = theToggle() as HTMLInputElement;
    control.addEventListener('change', () => {
      control.setAttribute('aria-checked', 'false');
      document.getElementById('region')?.setAttribute('aria-busy', 'true');
      setTimeout(() => {
        control.checked = true;
        control.setAttribute('aria-checked', 'true');
        document.getElementById('region')?.setAttribute('aria-busy', 'false');
      }, 1200);
    });
    const { report } = await run(instruction());
    expect(report).toMatchObject({ kind: 'failed', failure: 'save-failed' });
  });
});

describe('the account: proven before any click', () => {
  it('a settings page that does not show who is signed in gets no click', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel), null));
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'account-unconfirmed', account: null });
  });

  it('a read on such a page reports no account (the background files it under none)', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', false, englishLabel), null));
    const { report } = await run(instruction({ do: 'read' }));
    expect(report).toMatchObject({ kind: 'state', state: 'off', account: null });
  });

  it('a header-less settings page is clicked when the background vouches for the member of this session, and only after it put the click on record', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel), null));
    const order: string[] = [];
    const asked: Array<[string | null, string]> = [];
    vi.spyOn(theToggle(), 'click').mockImplementation(() => void order.push('click'));
    const sessionMember: EngineEnvironment['confirmClick'] = async (account, hook) => {
      asked.push([account?.key ?? null, hook]);
      order.push('on record');
      return true;
    };
    await run(instruction(), 0, 50, fakeClock, sessionMember);
    expect(asked).toEqual([[null, 'label-key']]);
    expect(order).toEqual(['on record', 'click']);
  });

  it('the page proves its member to the background, and a refusal (already clicked, nobody proven) means no click', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const click = vi.spyOn(theToggle(), 'click');
    const asked: Array<string | null> = [];
    const { report } = await run(instruction(), 0, 50, fakeClock, async (account) => {
      asked.push(account?.key ?? null);
      return false;
    });
    expect(asked).toEqual(['jana-schmidt-4711']);
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'account-unconfirmed' });
  });

  it('a switch that stops reading on while the click is put on record is not clicked', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const control = theToggle() as HTMLInputElement;
    const click = vi.spyOn(control, 'click');
    const { report } = await run(instruction(), 0, 50, fakeClock, async () => {
      control.checked = false;
      control.setAttribute('aria-checked', 'false');
      return true;
    });
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'unreadable' });
  });

  it('a post author in a header on the setting page is not the account', async () => {
    const post = '<article><header><a href="/in/post-author/">Post Author</a></header></article>';
    mountPage(settingPath, settingPageBody(post + toggle('standard', true, englishLabel), null));
    const click = vi.spyOn(theToggle(), 'click');
    const { report } = await run(instruction());
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'account-unconfirmed' });
  });
});

describe('walkOnlyThroughSettings: the walk never clicks page content or leaves the settings app', () => {
  /** A feed post that links to the very pages and uses the very words of the walk. */
  const howToPost = `<article><p>How to opt out: Settings, then
    <a href="${categoryPath}">Data privacy</a>, then <a href="${settingPath}">Data for Generative AI Improvement</a></p>
    <button type="button">Data privacy</button><button type="button">Data for Generative AI Improvement</button></article>`;

  it('on the feed, "how to opt out" posts with the exact words and links get no click', async () => {
    mountPage('/feed/', `${globalNav()}<main><div role="feed">${howToPost}${howToPost}</div></main>`);
    const clicks = [...document.querySelectorAll<HTMLElement>('a, button')].map((element) => vi.spyOn(element, 'click'));
    const { report, progress } = await run(instruction({ walk: true }));
    for (const click of clicks) expect(click).not.toHaveBeenCalled();
    expect(progress).not.toContain('walking');
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-found', way: 'walk' });
    expect(report.kind === 'failed' && report.diagnostic).toMatch(/outside its settings app/);
  });

  it('on a settings page, links inside a post, a message dialog or an editor are never followed', async () => {
    const dialog = `<div role="dialog"><a href="${categoryPath}">Data privacy</a></div>`;
    const editor = `<div contenteditable="true"><a href="${categoryPath}">Data privacy</a><button>Data privacy</button></div>`;
    mountPage('/mypreferences/d/categories/account', `${header()}
      <main><h1>Account preferences</h1>${howToPost}${dialog}${editor}</main>`);
    const clicks = [...document.querySelectorAll<HTMLElement>('a, button')].map((element) => vi.spyOn(element, 'click'));
    const { report } = await run(instruction({ walk: true, deadlineMs: 20_000 }));
    for (const click of clicks) expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'timeout' });
  });

  it('never follows a link that leaves www.linkedin.com, even with the settings path and label', async () => {
    mountPage('/mypreferences/d/categories/account', `${header()}
      <nav><a href="https://evil.example${categoryPath}">Data privacy</a><a href="https://linkedin.com.evil.example${categoryPath}">x</a></nav><main><h1>Account</h1></main>`);
    const clicks = [...document.querySelectorAll<HTMLElement>('a')].map((element) => vi.spyOn(element, 'click'));
    await run(instruction({ walk: true, deadlineMs: 20_000 }));
    for (const click of clicks) expect(click).not.toHaveBeenCalled();
  });

  it('follows a row button by its exact label on a settings page (rows the app routes in script)', async () => {
    mountPage(categoryPath, `${header()}<main><h1>Data privacy</h1>
      <a href="/mypreferences/d/settings/profile-visibility"><span>Profile visibility</span><span>On</span></a>
      <button type="button" id="row"><span>Data for Generative AI Improvement</span><span>On ›</span></button></main>`);
    const row = document.getElementById('row') as HTMLElement;
    const click = vi.spyOn(row, 'click');
    await run(instruction({ walk: true, deadlineMs: 20_000 }));
    expect(click).toHaveBeenCalled();
  });

  it('does not follow a row whose label is only similar', async () => {
    mountPage(categoryPath, `${header()}<main><h1>Data privacy</h1>
      <a href="/mypreferences/d/settings/profile-visibility"><span>Profile visibility</span><span>On</span></a>
      <button type="button" id="row"><span>Data for Generative AI Improvement settings</span><span>On ›</span></button></main>`);
    const click = vi.spyOn(document.getElementById('row') as HTMLElement, 'click');
    const { report } = await run(instruction({ walk: true }));
    expect(click).not.toHaveBeenCalled();
    expect(report).toMatchObject({ kind: 'failed', failure: 'not-offered' });
  });
});
