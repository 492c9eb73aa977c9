import type { BrowserContext, ConsoleMessage, Page } from 'playwright';
import { aiTrainingRule, settingUrl } from '../../src/shared/rules/setting-rules';
import { launchBrowser, type LaunchedBrowser } from '../harness/browser';
import { AI_SETTING_KEY, SAVE_API_PREFIX, type Simulator } from '../simulator';
import { member, type NetworkCondition, runsPerCondition } from './fixtures';
import { clearProbe, installProbe, type ProbeEvent, waitForResult } from './extension-probe';
import { type Summary, summarize } from './stats';

/**
 * Opt-out latency, side by side with the shortest possible path (issue: benchmarks, items 1 and 2).
 *
 * - Extension: from the click on the popup's opt-out button to `storage.session.lastResult` saying
 *   `turned-off` (the popup redraws from that same change).
 * - Shortest path: a bare Playwright script in a browser without the extension: open a tab at the
 *   setting's address, wait for the toggle, click it, wait for the page's own PUT to complete (any
 *   correct script must, or the reload may cancel the save), reload, and read the toggle off.
 *
 * Both are timed on this process's wall clock, so both include similar Playwright round trips. Runs
 * alternate A B A B so that drift (other load on the machine) hits both paths equally.
 */

export type TimelineMark = { at: number; what: string };
export type OptOutRun = {
  path: 'extension' | 'shortest';
  totalMs: number;
  reactionMs: number | null;
  /** What LinkedIn itself took in this run (two page loads with their renders, one save); null when a landmark is missing. */
  linkedInMs?: number | null;
  marks: TimelineMark[];
};
export type OptOutConditionResult = {
  condition: NetworkCondition;
  runs: OptOutRun[];
  extension: Summary;
  shortest: Summary;
  /** Median extension / median shortest path. */
  ratio: number;
  reaction: { extension: Summary; shortest: Summary };
  /** Median duration of each step of the extension's path, in order. */
  breakdown: Array<{ step: string; extension: number | null; shortest: number | null }>;
  /** LinkedIn's own time per run (`linkedInTimeOf`), and each run's total minus it: what the path itself adds. */
  linkedIn?: { extension: Summary; shortest: Summary };
  overhead?: { extension: Summary; shortest: Summary };
};

const toggleSelector = `[aria-labelledby~="${AI_SETTING_KEY}"]`;

/** The settings app logs `sim-timing <name> <epoch ms>` when the toggle is inserted and when it changes. */
function collectSimTimings(context: BrowserContext, into: TimelineMark[]): (message: ConsoleMessage) => void {
  const listener = (message: ConsoleMessage): void => {
    const match = /^sim-timing (\S+) ([\d.]+)$/.exec(message.text());
    if (match) into.push({ what: match[1] as string, at: Number(match[2]) });
  };
  context.on('console', listener);
  return listener;
}

function requestMarks(simulator: Simulator, since: number): TimelineMark[] {
  const settingPath = new URL(settingUrl(aiTrainingRule)).pathname;
  return simulator.requests
    .filter((request) => request.at >= since)
    .flatMap((request): TimelineMark[] => {
      if (request.method === 'GET' && request.path === settingPath) return [{ at: request.at, what: 'request: setting page' }];
      if (request.method === 'GET' && request.path === SAVE_API_PREFIX) return [{ at: request.at, what: 'request: settings read' }];
      if (request.method === 'PUT' && request.path.startsWith(SAVE_API_PREFIX)) return [{ at: request.at, what: 'request: save' }];
      return [];
    });
}

/** Toggle inserted → changed on the load where the click happened. */
function reactionOf(marks: TimelineMark[]): number | null {
  const changed = marks.find((mark) => mark.what === 'toggle-changed');
  if (!changed) return null;
  const inserted = marks.filter((mark) => mark.what === 'toggle-inserted' && mark.at <= changed.at).at(-1);
  return inserted ? changed.at - inserted.at : null;
}

/**
 * The time LinkedIn itself needs in one run, from the simulator's own landmarks: the setting page requested →
 * its switch inserted (page load and render), twice, plus the switch changed → the page's save answered.
 * No path can be faster than this; what a path takes beyond it is its overhead.
 */
export function linkedInTimeOf(marks: TimelineMark[]): number | null {
  const first = (what: string, after = -Infinity) => marks.find((mark) => mark.what === what && mark.at >= after)?.at ?? null;
  const firstPage = first('request: setting page');
  const firstToggle = firstPage === null ? null : first('toggle-inserted', firstPage);
  const changed = first('toggle-changed');
  const answered = changed === null ? null : first('save-answered', changed);
  const secondPage = answered === null ? null : first('request: setting page', answered);
  const secondToggle = secondPage === null ? null : first('toggle-inserted', secondPage);
  if (firstPage === null || firstToggle === null || changed === null || answered === null || secondPage === null || secondToggle === null) return null;
  return firstToggle - firstPage + (answered - changed) + (secondToggle - secondPage);
}

async function extensionRun(extension: LaunchedBrowser, popup: Page, simulator: Simulator, pageMarks: TimelineMark[]): Promise<OptOutRun> {
  await clearProbe(popup);
  pageMarks.length = 0;
  const tabOpened = new Promise<number>((resolve) => extension.context.once('page', () => resolve(Date.now())));
  const startedAt = Date.now();
  await popup.locator('[data-action="opt-out"]').click();
  const events = await waitForResult(popup, 'user');
  const endedAt = Date.now();
  const result = events.find((event): event is Extract<ProbeEvent, { what: 'result' }> => event.what === 'result');
  if (result?.outcome !== 'turned-off') throw new Error(`extension run ended ${result?.outcome ?? 'without a result'}`);
  if (simulator.account(member.id).aiTraining) throw new Error('extension run reported turned-off but the simulator still has it on');
  const marks: TimelineMark[] = [
    { at: startedAt, what: 'start' },
    ...events.map((event) => ({ at: event.at, what: event.what === 'phase' ? `phase: ${event.phase ?? 'ended'}` : event.what })),
    { at: await tabOpened, what: 'helper tab opened' },
    ...requestMarks(simulator, startedAt),
    ...pageMarks,
    { at: endedAt, what: 'end' },
  ].sort((a, b) => a.at - b.at);
  return { path: 'extension', totalMs: endedAt - startedAt, reactionMs: reactionOf(pageMarks), linkedInMs: linkedInTimeOf(marks), marks };
}

async function shortestRun(bare: LaunchedBrowser, simulator: Simulator, pageMarks: TimelineMark[]): Promise<OptOutRun> {
  pageMarks.length = 0;
  const startedAt = Date.now();
  const page = await bare.context.newPage();
  // 'commit': the script goes on as soon as the page starts; waiting for the toggle is all it needs.
  await page.goto(settingUrl(aiTrainingRule), { waitUntil: 'commit' });
  const toggle = page.locator(toggleSelector);
  await toggle.waitFor();
  const saved = page.waitForResponse((response) => response.request().method() === 'PUT' && new URL(response.url()).pathname.startsWith(SAVE_API_PREFIX));
  await toggle.click();
  const response = await saved;
  if (!response.ok()) throw new Error(`the page's save answered ${String(response.status())}`);
  await response.finished();
  await page.reload({ waitUntil: 'commit' });
  await toggle.waitFor();
  const stillOn = await toggle.isChecked();
  const endedAt = Date.now();
  await page.close();
  if (stillOn || simulator.account(member.id).aiTraining) throw new Error('shortest path: the setting is still on after the reload');
  const marks = [
    { at: startedAt, what: 'start' },
    ...requestMarks(simulator, startedAt),
    ...pageMarks,
    { at: endedAt, what: 'end' },
  ].sort((a, b) => a.at - b.at);
  return { path: 'shortest', totalMs: endedAt - startedAt, reactionMs: reactionOf(pageMarks), linkedInMs: linkedInTimeOf(marks), marks };
}

/**
 * Splits a run into steps between landmarks both paths share (where a landmark is missing the step is
 * null). Requests are stamped when they reach the simulator, before its added latency.
 */
function steps(run: OptOutRun): Record<string, number | null> {
  const first = (what: string, after = -Infinity) => run.marks.find((mark) => mark.what === what && mark.at >= after)?.at ?? null;
  const start = first('start') as number;
  const firstPage = first('request: setting page');
  const firstToggle = first('toggle-inserted');
  const changed = first('toggle-changed');
  const save = first('request: save');
  const answered = changed === null ? null : first('save-answered', changed);
  const secondPage = changed === null ? null : first('request: setting page', changed);
  const secondToggle = secondPage === null ? null : first('toggle-inserted', secondPage);
  const end = first('end') as number;
  const between = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  const reading = first('phase: reading');
  const verifying = first('phase: verifying');
  return {
    'click/start → setting page requested': between(start, firstPage),
    'setting page requested → toggle inserted': between(firstPage, firstToggle),
    'toggle inserted → toggle changed (reaction)': between(firstToggle, changed),
    'toggle changed → save reaches server': between(changed, save),
    'save reaches server → save answered in the page': between(save, answered),
    'save answered in the page → reload requested': between(answered, secondPage),
    'reload requested → toggle inserted again': between(secondPage, secondToggle),
    'toggle inserted again → result': between(secondToggle, end),
    // Extension only: when the background learnt of the page (content script at document_idle + messaging).
    'setting page requested → content script reported (ext.)': between(firstPage, reading),
    'save reaches server → background told to verify (ext.)': between(save, verifying),
  };
}

export async function benchOptOut(simulator: Simulator, conditions: readonly NetworkCondition[], extensionDir: string): Promise<OptOutConditionResult[]> {
  const extension = await launchBrowser({ simulator, extensionDir });
  const bare = await launchBrowser({ simulator, extensionDir: null });
  const extensionMarks: TimelineMark[] = [];
  const bareMarks: TimelineMark[] = [];
  collectSimTimings(extension.context, extensionMarks);
  collectSimTimings(bare.context, bareMarks);
  try {
    for (const browser of [extension, bare]) await browser.context.addCookies(simulator.signInCookies(member.id));
    const popup = await extension.openPopup();
    await installProbe(popup);
    const results: OptOutConditionResult[] = [];
    // One unmeasured run of each path first: worker start, connection set-up and caches are not what is compared.
    simulator.configure(conditions[0]?.knobs ?? {});
    simulator.setAiTraining(member.id, true);
    await extensionRun(extension, popup, simulator, extensionMarks);
    simulator.setAiTraining(member.id, true);
    await shortestRun(bare, simulator, bareMarks);

    for (const condition of conditions) {
      simulator.configure(condition.knobs);
      const runs: OptOutRun[] = [];
      for (let index = 0; index < runsPerCondition * 2; index += 1) {
        simulator.setAiTraining(member.id, true);
        // A B A B …, starting with the other path on every second condition.
        const extensionTurn = (index + results.length) % 2 === 0;
        const run = extensionTurn ? await extensionRun(extension, popup, simulator, extensionMarks) : await shortestRun(bare, simulator, bareMarks);
        runs.push(run);
        const linkedIn = typeof run.linkedInMs === 'number' ? `, LinkedIn ${String(Math.round(run.linkedInMs))} ms, overhead ${String(Math.round(run.totalMs - run.linkedInMs))} ms` : '';
        process.stdout.write(`  opt-out ${condition.id} ${run.path.padEnd(9)} ${String(run.totalMs).padStart(6)} ms${linkedIn}\n`);
      }
      const of = (path: OptOutRun['path']) => runs.filter((run) => run.path === path);
      const extensionSummary = summarize(of('extension').map((run) => run.totalMs));
      const shortestSummary = summarize(of('shortest').map((run) => run.totalMs));
      const stepNames = Object.keys(steps(runs[0] as OptOutRun));
      const stepMedian = (path: OptOutRun['path'], step: string): number | null => {
        const values = of(path).map((run) => steps(run)[step]).filter((value): value is number => typeof value === 'number');
        return values.length === 0 ? null : summarize(values).median;
      };
      const reactions = (path: OptOutRun['path']) => summarize(of(path).flatMap((run) => (run.reactionMs === null ? [] : [run.reactionMs])));
      const linkedInTimes = (path: OptOutRun['path']) => summarize(of(path).flatMap((run) => (typeof run.linkedInMs === 'number' ? [run.linkedInMs] : [])));
      const overheads = (path: OptOutRun['path']) =>
        summarize(of(path).flatMap((run) => (typeof run.linkedInMs === 'number' ? [run.totalMs - run.linkedInMs] : [])));
      results.push({
        condition,
        runs,
        extension: extensionSummary,
        shortest: shortestSummary,
        ratio: extensionSummary.median / shortestSummary.median,
        reaction: { extension: reactions('extension'), shortest: reactions('shortest') },
        breakdown: stepNames.map((step) => ({ step, extension: stepMedian('extension', step), shortest: stepMedian('shortest', step) })),
        linkedIn: { extension: linkedInTimes('extension'), shortest: linkedInTimes('shortest') },
        overhead: { extension: overheads('extension'), shortest: overheads('shortest') },
      });
    }
    return results;
  } finally {
    await extension.close();
    await bare.close();
  }
}
