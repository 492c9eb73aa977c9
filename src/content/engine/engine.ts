import { pageLanguage } from '../../shared/languages';
import type { EngineFailure, EngineInstruction, EngineReport, OperationPhase } from '../../shared/messages';
import type { Way } from '../../shared/outcome';
import { settingRules } from '../../shared/setting-rules';
import { findSettingToggle, readSwitch, type SwitchControl, type ToggleSearch } from './find-toggle';
import { identifyAccount } from './identify-account';
import { classifyPage } from './page-kind';
import { findCategoryLink, findSettingRowLink, isSamePath, settingsRowsShown } from './walk';
import { type Clock, type ProbeResult, watchDom } from './watch';

/**
 * The opt-out engine: on one page load, reach the setting (directly or by the walk), read it, and turn
 * it off when told to and it is on. Pure: it gets the document, clock, abort signal and a `send`
 * function, and never touches the extension API (style.md §3).
 */

export type ActiveInstruction = Extract<EngineInstruction, { opId: string }>;

export type EngineEnvironment = {
  doc: Document;
  clock: Clock;
  signal: AbortSignal;
  /** Progress for the popup; failures to deliver it never stop the engine. */
  sendProgress: (phase: OperationPhase) => void;
  /**
   * Starts watching for the page's own save request; the returned function resolves once it has
   * finished, or by the deadline. Called before the click, because the page starts saving inside it.
   */
  watchForSave: () => (deadline: number) => Promise<void>;
};

/** A rendered settings page that stays unchanged this long without showing the setting does not have it. */
export const settledQuietMs = 2500;
/** The page's save, then `aria-checked` catching up, may each take this long after a click. */
export const saveDeadlineMs = 4000;
export const ariaSyncDeadlineMs = 1000;
/** Pages of one setting, as opposed to categories: `/mypreferences/d/settings/<key>`. */
const settingPagePath = /^\/mypreferences\/[^/]+\/settings\/[^/]+/;
/** A walk click that has not changed the address by then did not navigate. */
const navigationWaitMs = 10_000;
/** A walk longer than this is going in circles. */
const maxWalkSteps = 4;

type PageFinding =
  | { kind: 'toggle'; control: SwitchControl; hook: 'label-key' | 'label-text' }
  | { kind: 'failure'; failure: EngineFailure; diagnostic: string }
  | { kind: 'link'; link: HTMLElement; step: 'category' | 'row' };

/** Paths of LinkedIn's settings areas are not personal; any other path is left out of diagnostics. */
function safePath(path: string): string {
  return /^\/(mypreferences|psettings|uas|checkpoint|login|authwall)\b/.test(path) ? path.slice(0, 120) : '(other page)';
}

function isRendered(doc: Document, search: Extract<ToggleSearch, { kind: 'absent' }>): boolean {
  if (doc.querySelector('[aria-busy="true"]')) return false;
  return search.switchesOnPage > 0 || doc.querySelector('h1, h2') !== null;
}

export async function runInstruction(instruction: ActiveInstruction, env: EngineEnvironment): Promise<EngineReport> {
  const { doc, clock, signal } = env;
  const rule = settingRules[instruction.ruleId];
  const startedAt = clock.now();
  const deadline = startedAt + instruction.deadlineMs;
  let way: Way = instruction.walk ? 'walk' : 'direct';
  let toggleFoundMs: number | null = null;
  let arrivedViaRow = false;
  let walkSteps = 0;
  let lastChangeAt = startedAt;
  /** After a walk click, the page it was clicked on: nothing more happens there until the address changes. */
  let leaving: { path: string; until: number } | null = null;
  const changes = new MutationObserver(() => {
    lastChangeAt = clock.now();
  });
  changes.observe(doc, { childList: true, subtree: true, attributes: true, characterData: true });

  const common = () => ({
    account: identifyAccount(doc),
    lang: pageLanguage(doc),
    way,
    toggleFoundMs,
    elapsedMs: clock.now() - startedAt,
  });
  const failed = (failure: EngineFailure, diagnostic: string): EngineReport => ({
    kind: 'failed',
    failure,
    diagnostic,
    ...common(),
  });

  function probe(now: number): { found: PageFinding } | { recheckAt?: number } {
    const path = doc.location.pathname;
    if (leaving && leaving.path === path && now < leaving.until) return { recheckAt: leaving.until };
    leaving = null;
    const pageKind = classifyPage(path, doc.title);
    if (pageKind !== 'linkedin') {
      return { found: { kind: 'failure', failure: pageKind, diagnostic: `LinkedIn showed ${safePath(path)}` } };
    }
    // Any single-setting page is where the toggle renders: wait there, never walk away from it.
    const onSettingPage = isSamePath(path, rule.settingPath) || arrivedViaRow || settingPagePath.test(path);
    const lang = pageLanguage(doc);
    const search = findSettingToggle(doc, rule, lang, { allowLabelText: onSettingPage });
    if (search.kind === 'found') return { found: { kind: 'toggle', control: search.control, hook: search.hook } };
    if (search.kind === 'refused') {
      return { found: { kind: 'failure', failure: 'not-found', diagnostic: `refused: ${search.diagnostic}` } };
    }
    const settledAt = lastChangeAt + settledQuietMs;
    const settled = now >= settledAt;

    if (onSettingPage) {
      if (isRendered(doc, search) && settled) {
        const diagnostic = `${safePath(path)} rendered ${search.switchesOnPage} switch(es), none identifiable as this setting`;
        return { found: { kind: 'failure', failure: 'not-found', diagnostic } };
      }
      return { recheckAt: settledAt };
    }
    // Not at the setting: either the direct address was redirected, or this is the walk.
    way = 'walk';
    if (isSamePath(path, rule.walk.categoryPath)) {
      const row = findSettingRowLink(doc, rule, lang);
      if (row) return { found: { kind: 'link', link: row, step: 'row' } };
      if (settingsRowsShown(doc) > 0 && settled) {
        const diagnostic = `${safePath(path)} lists ${settingsRowsShown(doc)} settings, not this one`;
        return { found: { kind: 'failure', failure: 'not-offered', diagnostic } };
      }
      return { recheckAt: settledAt };
    }
    const category = findCategoryLink(doc, rule, lang);
    if (category) return { found: { kind: 'link', link: category, step: 'category' } };
    if (!path.startsWith('/mypreferences/') && settled) {
      return { found: { kind: 'failure', failure: 'not-found', diagnostic: `LinkedIn sent the settings to ${safePath(path)}` } };
    }
    return { recheckAt: settledAt };
  }

  try {
    for (;;) {
      const finding = await watchDom(doc, probe, { clock, signal, deadline });
      if (finding === 'aborted') return failed('timeout', 'the page was closed or left before the setting was read');
      if (finding === 'timeout') {
        const path = safePath(doc.location.pathname);
        return failed('timeout', `no result after ${Math.round((clock.now() - startedAt) / 1000)} s on ${path}`);
      }
      if (finding.kind === 'failure') return failed(finding.failure, finding.diagnostic);
      if (finding.kind === 'toggle') {
        toggleFoundMs = clock.now() - startedAt;
        return await actOnToggle(finding.control, finding.hook);
      }
      walkSteps += 1;
      if (walkSteps > maxWalkSteps) return failed('not-found', `the walk took ${maxWalkSteps} steps without reaching the setting`);
      way = 'walk';
      arrivedViaRow = finding.step === 'row';
      env.sendProgress('walking');
      lastChangeAt = clock.now();
      // A full page load ends this script; an in-app navigation changes the address at once.
      leaving = { path: doc.location.pathname, until: lastChangeAt + navigationWaitMs };
      finding.link.click();
    }
  } finally {
    changes.disconnect();
  }

  async function actOnToggle(control: SwitchControl, hook: 'label-key' | 'label-text'): Promise<EngineReport> {
    const before = readSwitch(control);
    if (!before.on || instruction.do === 'read') {
      return { kind: 'state', state: before.on ? 'on' : 'off', clicked: false, hook, ariaInSync: before.ariaInSync, ...common() };
    }
    // The only click this engine ever makes: on the identified switch, while it reads on.
    env.sendProgress('turning-off');
    const saved = env.watchForSave();
    control.click();
    // Only the setting's own save says it finished: a quiet page or another request may come before a slow save,
    // and a fresh load that overtakes the save would read "on". Without it, the deadline; the fresh load decides.
    await saved(clock.now() + saveDeadlineMs);
    const current = currentControl(control);
    if (!current || readSwitch(current).on) {
      return failed('save-failed', current ? 'the switch went back on after the click' : 'the switch disappeared after the click');
    }
    const synced = await watchDom<true>(
      doc,
      (): ProbeResult<true> => (readSwitch(current).ariaInSync ? { found: true } : {}),
      { clock, signal, deadline: Math.min(deadline, clock.now() + ariaSyncDeadlineMs) },
    );
    return { kind: 'state', state: 'off', clicked: true, hook, ariaInSync: synced === true, ...common() };
  }

  /** The SPA may re-render the switch after a save: find it again rather than trust a detached node. */
  function currentControl(clicked: SwitchControl): SwitchControl | null {
    if (clicked.isConnected) return clicked;
    const again = findSettingToggle(doc, rule, pageLanguage(doc), { allowLabelText: true });
    return again.kind === 'found' ? again.control : null;
  }
}
