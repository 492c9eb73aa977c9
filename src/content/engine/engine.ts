import { pageLanguage } from '../../shared/rules/languages';
import type { EngineFailure, EngineInstruction, EngineReport, OperationPhase, SwitchHook } from '../../shared/messages/background-messages';
import type { AccountIdentity, Way } from '../../shared/log/outcome';
import { clickOnlyWhenCertain, type SwitchControl, type ToggleSearch } from './find-toggle';
import { accountFromOwnNavigation } from './identify-account';
import { classifyPage } from '../../shared/rules/page-kind';
import { failureOutsideSettings, safePath } from './off-settings';
import { describePageShape } from './page-shape';
import { readOnlyWhenSettled, type SettledReader, shownPosition, showsOffUnhindered } from './settled-read';
import { findCategoryLink, findSettingRowLink, isSamePath, isSettingsAppPath, settingsRowsShown } from './walk';
import { type Clock, type ProbeResult, watchDom } from './watch';

/**
 * The opt-out engine: on one page load, reach the setting (directly or by the walk), read it, and turn
 * it off when told to and it is on. Pure: it gets the document, clock, abort signal and a `send`
 * function, and never touches the extension API, so unit tests drive it on fake timers.
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
  /**
   * Puts the click on record before it happens, with the member this page proves (null: the background's member
   * of this session), so a page that unloads on the click cannot lose it; false means do not click.
   */
  confirmClick: (account: AccountIdentity | null, hook: SwitchHook) => Promise<boolean>;
  /**
   * When (on `clock`) the setting's data request last completed, or null while none has: the evidence that the member's
   * value has arrived, without which neither reading that counts is taken (docs/linkedin.md §2).
   */
  valueArrivedAt: () => number | null;
};

/** A rendered settings page that stays unchanged this long without showing the setting does not have it. */
export const settledQuietMs = 2500;
/**
 * The setting's own save may take this long after a click. Only that request ends the wait, never a quiet
 * page or another request: a read before a slow save lands would make the fresh load report a failure.
 */
export const saveDeadlineMs = 4000;
/** After the save, a switch not showing off at once has this long to settle before the fresh load has to decide alone. */
export const postClickSettleMs = 1500;
/** Pages of one setting, as opposed to categories: `/mypreferences/d/settings/<key>`. */
const settingPagePath = /^\/mypreferences\/[^/]+\/settings\/[^/]+/;
/** A walk click that has not changed the address by then did not navigate. */
const navigationWaitMs = 10_000;
/** A walk longer than this is going in circles. */
const maxWalkSteps = 4;

/** A switch as a full look identified it, with what identifying it depended on: the address and the DOM. */
type Identified = { control: SwitchControl; hook: SwitchHook; path: string; domChanges: number };

type PageFinding =
  | { kind: 'toggle'; control: SwitchControl; hook: SwitchHook; state: 'on' | 'off' }
  | { kind: 'failure'; failure: EngineFailure; diagnostic: string }
  | { kind: 'link'; link: HTMLElement; step: 'category' | 'row' };

function pageRendered(doc: Document, search: Extract<ToggleSearch, { kind: 'absent' }>): boolean {
  if (doc.querySelector('[aria-busy="true"]')) return false;
  return search.switchesOnPage > 0 || doc.querySelector('h1, h2') !== null;
}

export async function runInstruction(instruction: ActiveInstruction, env: EngineEnvironment): Promise<EngineReport> {
  const { doc, clock, signal } = env;
  const { rule } = instruction;
  const startedAt = clock.now();
  const deadline = startedAt + instruction.deadlineMs;
  let way: Way = instruction.walk ? 'walk' : 'direct';
  let toggleFoundMs: number | null = null;
  let arrivedViaRow = false;
  let walkSteps = 0;
  let lastChangeAt = startedAt;
  /** After a walk click, the page it was clicked on: nothing more happens there until the address changes. */
  let leaving: { path: string; until: number } | null = null;
  /** Counts DOM changes, so that a switch identified before the last one is known to be identified still. */
  let domChanges = 0;
  /** The address the engine last saw, and since when: data that arrived for an earlier page says nothing about this one. */
  let shownPath = doc.location.pathname;
  let pathSince = -Infinity;
  /** An in-app navigation redraws the page at once: noticed on that change, the address's time precedes its data request. */
  const notePath = (now: number): string => {
    const path = doc.location.pathname;
    if (path !== shownPath) [shownPath, pathSince] = [path, now];
    return path;
  };
  const valueArrivedAt = (): number | null => {
    const arrivedAt = env.valueArrivedAt();
    return arrivedAt !== null && arrivedAt >= pathSince ? arrivedAt : null;
  };
  const reader = readOnlyWhenSettled(valueArrivedAt);
  /** Where the engine could not be certain, the diagnostic carries the page's shape for whoever fixes the rules. */
  const withShape = (diagnostic: string): string => `${diagnostic} | ${describePageShape(doc, rule, pageLanguage(doc), valueArrivedAt() !== null)}`;
  /** The switch the last full look identified, for the quiet period's samples. */
  let identified: Identified | null = null;
  const changes = new MutationObserver(() => {
    lastChangeAt = clock.now();
    notePath(lastChangeAt);
    domChanges += 1;
  });
  changes.observe(doc, { childList: true, subtree: true, attributes: true, characterData: true });

  const common = (account: AccountIdentity | null = accountFromOwnNavigation(doc)) => ({
    account,
    lang: pageLanguage(doc),
    way,
    toggleFoundMs,
    elapsedMs: clock.now() - startedAt,
  });
  const failed = (failure: EngineFailure, diagnostic: string): EngineReport => ({
    kind: 'failed',
    failure,
    diagnostic: diagnostic.slice(0, 500),
    ...common(),
  });

  /**
   * A look at the switch without identifying it again, while nothing it was identified by can have changed
   * (the same address, no DOM change since): the quiet period's frequent samples stay cheap. Only a wait is
   * taken from it; the look that reads the switch always identifies it anew.
   */
  function sample(last: Identified | null, look: SettledReader['look'], now: number): number | null {
    if (!last || last.path !== doc.location.pathname || last.domChanges !== domChanges) return null;
    const reading = look(last.control, last.hook, now);
    return reading.kind === 'wait' ? reading.recheckAt : null;
  }

  function probe(now: number): { found: PageFinding } | { recheckAt?: number } {
    const path = notePath(now);
    if (leaving && leaving.path === path && now < leaving.until) return { recheckAt: leaving.until };
    leaving = null;
    const sampledUntil = sample(identified, reader.look, now);
    if (sampledUntil !== null) return { recheckAt: sampledUntil };
    identified = null;
    if (classifyPage(path, doc.title) !== 'linkedin') return { found: { kind: 'failure', ...failureOutsideSettings(path, doc.title) } };
    // Any single-setting page is where the toggle renders: wait there, never walk away from it.
    const onSettingPage = isSamePath(path, rule.settingPath) || arrivedViaRow || settingPagePath.test(path);
    const lang = pageLanguage(doc);
    const search = clickOnlyWhenCertain(doc, rule, lang, { allowLabelText: onSettingPage, negationWords: instruction.negationWords });
    if (search.kind === 'found') {
      toggleFoundMs ??= now - startedAt;
      const reading = reader.look(search.control, search.hook, now);
      if (reading.kind === 'read') return { found: { kind: 'toggle', control: search.control, hook: search.hook, state: reading.state } };
      if (reading.kind === 'unreadable') return { found: { kind: 'failure', failure: 'unreadable', diagnostic: withShape(reading.diagnostic) } };
      identified = { control: search.control, hook: search.hook, path, domChanges };
      return { recheckAt: reading.recheckAt };
    }
    if (search.kind === 'refused') {
      return { found: { kind: 'failure', failure: 'not-found', diagnostic: withShape(`refused: ${search.diagnostic}`) } };
    }
    const settledAt = lastChangeAt + settledQuietMs;
    const settled = now >= settledAt;
    // Once settled, a page that still shows nothing to act on (an app that stays aria-busy) is looked at again a
    // quiet period later, or at its next change: a recheck time in the past would spin zero-delay timers.
    const nextLook = settled ? now + settledQuietMs : settledAt;

    if (onSettingPage) {
      if (pageRendered(doc, search) && settled) {
        const hidden = search.hidden > 0 ? `, ${search.hidden} hidden would qualify` : '';
        const diagnostic = `${safePath(path)}: none of ${search.switchesOnPage} switches is this setting${hidden}`;
        return { found: { kind: 'failure', failure: 'not-found', diagnostic: withShape(diagnostic) } };
      }
      return { recheckAt: nextLook };
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
      return { recheckAt: nextLook };
    }
    const category = findCategoryLink(doc, rule, lang);
    if (category) return { found: { kind: 'link', link: category, step: 'category' } };
    if (!isSettingsAppPath(path) && settled) return { found: { kind: 'failure', ...failureOutsideSettings(path, doc.title) } };
    return { recheckAt: nextLook };
  }

  try {
    for (;;) {
      const finding = await watchDom(doc, probe, { clock, signal, deadline });
      if (finding === 'aborted') return failed('timeout', 'page left before the read');
      if (finding === 'timeout') {
        const waiting = reader.waiting();
        if (waiting) return failed('unreadable', withShape(`page deadline, switch unsettled: ${waiting}`));
        const path = safePath(doc.location.pathname);
        return failed('timeout', `nothing after ${Math.round((clock.now() - startedAt) / 1000)} s on ${path}`);
      }
      if (finding.kind === 'failure') return failed(finding.failure, finding.diagnostic);
      if (finding.kind === 'toggle') return await actOnToggle(finding.control, finding.hook, finding.state);
      walkSteps += 1;
      if (walkSteps > maxWalkSteps) return failed('not-found', `no setting after ${maxWalkSteps} walk steps`);
      way = 'walk';
      arrivedViaRow = finding.step === 'row';
      env.sendProgress('walking');
      lastChangeAt = clock.now();
      // A full page load ends this script; an in-app navigation changes the address at once.
      leaving = { path: doc.location.pathname, until: lastChangeAt + navigationWaitMs };
      finding.link.click();
      // Dated from before the click: the app asks for the new page's data inside it, and on a busy page the answer
      // can land before the click returns (docs/linkedin.md §2).
      notePath(lastChangeAt);
    }
  } finally {
    changes.disconnect();
  }

  async function actOnToggle(control: SwitchControl, hook: SwitchHook, state: 'on' | 'off'): Promise<EngineReport> {
    if (state === 'off' || instruction.do === 'read') {
      return { kind: 'state', state, clicked: false, hook, ariaInSync: true, ...common() };
    }
    // Whose switch it is must be proven before it is touched, by this page or by the session: the background says.
    const account = accountFromOwnNavigation(doc);
    if (!(await env.confirmClick(account, hook))) return failed('account-unconfirmed', 'no signed-in account proven; nothing clicked');
    // The round trip took a moment: a switch that stopped reading on is left alone (the click is on record, unverified).
    if (!control.isConnected || shownPosition(control) !== 'on') return failed('unreadable', 'the switch changed while the click was put on record; nothing clicked');
    // The only click this engine ever makes: on the identified switch, settled, while it reads on.
    env.sendProgress('turning-off');
    const saved = env.watchForSave();
    control.click();
    await saved(clock.now() + saveDeadlineMs);
    const after = await readAfterClick(hook, clock.now());
    if (after === 'gone') return failed('save-failed', 'switch gone after the click');
    if (after.state === 'on') return failed('save-failed', 'switch back on after the click');
    return { kind: 'state', state: 'off', clicked: true, hook, ariaInSync: after.settled, ...common(account) };
  }

  /**
   * The post-click read, by the same hook, once the save has finished. A switch showing off with nothing in
   * the way is passed on at once, unsettled (`showsOffUnhindered`); any other is read by the settled rule, and
   * one that does not settle (aria-checked never following) is passed on unsettled too. Nothing is recorded
   * from an unsettled reading: only the fresh load's settled read can make it "off".
   */
  async function readAfterClick(hook: SwitchHook, savedAt: number): Promise<{ state: 'on' | 'off'; settled: boolean } | 'gone'> {
    // The save's answer is what the page draws after the click.
    const afterReader = readOnlyWhenSettled(() => savedAt, postClickSettleMs);
    let lastSeen: SwitchControl | null = null;
    let afterIdentified: Identified | null = null;
    const result = await watchDom<'on' | 'off' | 'unsettled'>(
      doc,
      (now): ProbeResult<'on' | 'off' | 'unsettled'> => {
        const sampledUntil = sample(afterIdentified, afterReader.look, now);
        if (sampledUntil !== null) return { recheckAt: sampledUntil };
        afterIdentified = null;
        const search = clickOnlyWhenCertain(doc, rule, pageLanguage(doc), { allowLabelText: true, negationWords: instruction.negationWords });
        if (search.kind !== 'found' || search.hook !== hook) return { recheckAt: now + postClickSettleMs };
        lastSeen = search.control;
        const reading = afterReader.look(search.control, hook, now);
        if (reading.kind === 'read') return { found: reading.state };
        if (reading.kind === 'unreadable' || showsOffUnhindered(search.control)) return { found: 'unsettled' };
        afterIdentified = { control: search.control, hook, path: doc.location.pathname, domChanges };
        return { recheckAt: reading.recheckAt };
      },
      { clock, signal, deadline: Math.min(deadline, clock.now() + postClickSettleMs) },
    );
    if (result === 'on' || result === 'off') return { state: result, settled: true };
    // Assigned inside the probe, which TypeScript's narrowing does not follow.
    const seen = lastSeen as SwitchControl | null;
    return seen?.isConnected ? { state: shownPosition(seen), settled: false } : 'gone';
  }
}
