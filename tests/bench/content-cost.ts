import type { LaunchedBrowser } from '../harness/browser';
import type { Simulator } from '../simulator';
import { runsPerCondition, seededLog } from './fixtures';
import { clearProbe, launchPair, writeLog } from './extension-probe';
import { difference, type MainThreadSample, openMeasuredPage, readMetrics, sleep } from './page-metrics';
import { type Summary, summarize } from './stats';

/**
 * What every LinkedIn page pays for the content script (issue item 4): main-thread time on the
 * simulated feed (50 posts, DOM churn every 3 s), with the extension and in a browser without it.
 *
 * Two windows per page load:
 * - "load": from navigation to 3.5 s after the load event, which covers injection at document_idle,
 *   the account lookup (and its wait of up to 3 s when the header is missing) and the message to the
 *   background;
 * - "steady": the 6 s after that, two rounds of the feed's churn: what a long-open tab keeps paying.
 * The account's last check is recent, so no re-check starts: this is the cost on an ordinary page.
 */

const afterLoadMs = 3500;
const steadyMs = 6000;

export type WindowResult = { withExtension: Summary; without: Summary; extraMs: number };
export type ContentCostResult = { load: { script: WindowResult; task: WindowResult }; steady: { script: WindowResult; task: WindowResult } };

async function feedRun(browser: LaunchedBrowser, simulator: Simulator): Promise<{ load: MainThreadSample; steady: MainThreadSample }> {
  const { page, cdp } = await openMeasuredPage(browser);
  const before = await readMetrics(cdp);
  await page.goto(`${simulator.origin}/feed/`, { waitUntil: 'load' });
  const loadedAt = Date.now();
  await sleep(loadedAt + afterLoadMs - Date.now());
  const afterLoad = await readMetrics(cdp);
  await sleep(steadyMs);
  const end = await readMetrics(cdp);
  await page.close();
  return { load: difference(afterLoad, before), steady: difference(end, afterLoad) };
}

function compare(withExtension: number[], without: number[]): WindowResult {
  const a = summarize(withExtension);
  const b = summarize(without);
  return { withExtension: a, without: b, extraMs: a.median - b.median };
}

export async function benchContentCost(simulator: Simulator, extensionDir: string): Promise<ContentCostResult> {
  simulator.configure({ latencyMs: 0, renderDelayMs: 300 });
  const { extension, bare, popup, close } = await launchPair(simulator, extensionDir);
  try {
    await writeLog(popup, seededLog(Date.now(), { accounts: 1, entries: 1, checkedAgoMs: 0 }));
    await clearProbe(popup);
    // Unmeasured first loads: the HTTP cache of the page's scripts and the spare renderer are warm in real use.
    await feedRun(extension, simulator);
    await feedRun(bare, simulator);

    type FeedSample = { load: MainThreadSample; steady: MainThreadSample };
    const samples: { extension: FeedSample[]; bare: FeedSample[] } = { extension: [], bare: [] };
    for (let index = 0; index < runsPerCondition * 2; index += 1) {
      const withExtension = index % 2 === 0;
      const sample = await feedRun(withExtension ? extension : bare, simulator);
      (withExtension ? samples.extension : samples.bare).push(sample);
      process.stdout.write(`  feed ${withExtension ? 'extension' : 'without  '} load ${sample.load.scriptMs.toFixed(1)} ms script, steady ${sample.steady.scriptMs.toFixed(1)} ms\n`);
    }
    const events = await popup.evaluate(() => (globalThis as { __benchEvents?: unknown[] }).__benchEvents?.length ?? 0);
    if (events > 0) throw new Error('an operation ran during the feed benchmark: it would not measure an ordinary page');

    const pick = (list: FeedSample[], window: 'load' | 'steady', metric: keyof MainThreadSample) => list.map((sample) => sample[window][metric]);
    const windowResult = (window: 'load' | 'steady', metric: keyof MainThreadSample) =>
      compare(pick(samples.extension, window, metric), pick(samples.bare, window, metric));
    return {
      load: { script: windowResult('load', 'scriptMs'), task: windowResult('load', 'taskMs') },
      steady: { script: windowResult('steady', 'scriptMs'), task: windowResult('steady', 'taskMs') },
    };
  } finally {
    await close();
  }
}
