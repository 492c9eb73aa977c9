import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ActiveInstruction, runInstruction, saveDeadlineMs, settledQuietMs } from '../../src/content/engine/engine';
import type { Clock } from '../../src/content/engine/watch';
import type { EngineReport, OperationPhase } from '../../src/shared/messages';
import { aiTrainingRule } from '../../src/shared/setting-rules';
import {
  categoryPageBody,
  categoryPath,
  mountPage,
  settingPageBody,
  settingPath,
  toggle,
  type ToggleMarkup,
  unrelatedSwitch,
} from './fixtures/linkedin-pages';

const englishLabel = aiTrainingRule.labels.en.toggle[0] as string;

const fakeClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function instruction(overrides: Partial<ActiveInstruction> = {}): ActiveInstruction {
  return { do: 'turn-off', opId: 'op-test-1', ruleId: 'ai-training', walk: false, deadlineMs: 30_000, ...overrides };
}

type Run = { report: EngineReport; progress: OperationPhase[] };

/** `saveMs: null` is a page whose save request the engine never sees finish. */
async function run(given: ActiveInstruction, advanceMs = 0, saveMs: number | null = 50): Promise<Run> {
  const progress: OperationPhase[] = [];
  const pending = runInstruction(given, {
    doc: document,
    clock: fakeClock,
    signal: new AbortController().signal,
    sendProgress: (phase) => progress.push(phase),
    // Like the content script's watcher: the save's end, or the deadline it is given.
    watchForSave: () => (deadline) => new Promise((resolve) => setTimeout(resolve, Math.min(saveMs ?? Infinity, deadline - Date.now()))),
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

  it('goes on at the save deadline, not earlier, when the page never shows its own save finishing', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const control = theToggle() as HTMLInputElement;
    control.addEventListener('change', () => control.setAttribute('aria-checked', 'false'));
    const { report } = await run(instruction(), 0, null);
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true });
    // On the fake clock: a quiet page does not end the wait, so a slow save is never overtaken by the fresh load.
    expect(report.elapsedMs).toBe(saveDeadlineMs);
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

  it('reads the state from checked when aria-checked is not kept in sync', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const { report } = await run(instruction());
    // aria-checked stays "true" in the fixture: the state is still off, and the mismatch is reported.
    expect(report).toMatchObject({ kind: 'state', state: 'off', clicked: true, ariaInSync: false });
  });

  it('waits for aria-checked when the page does keep it in sync', async () => {
    mountPage(settingPath, settingPageBody(toggle('standard', true, englishLabel)));
    const control = theToggle() as HTMLInputElement;
    control.addEventListener('change', () => control.setAttribute('aria-checked', String(control.checked)));
    const { report } = await run(instruction());
    expect(report).toMatchObject({ kind: 'state', state: 'off', ariaInSync: true });
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
      setTimeout(() => (document.body.innerHTML = pages[path] as string), 300);
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

  it('takes the walk by itself when the direct address was redirected', async () => {
    mountPage(categoryPath, categoryPageBody([{ href: settingPath, label: 'Daten zur Verbesserung generativer KI' }]), 'de');
    installSpaNavigation({ [settingPath]: settingPageBody(toggle('standard', true, 'Ihre Daten zum Schulen …')) });
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
