import type { LaunchedBrowser } from '../harness/browser';
import type { Simulator } from '../simulator';
import { runsPerCondition, seededLog } from './fixtures';
import { clearProbe, launchPair, writeLog } from './extension-probe';
import { difference, type MainThreadSample, openMeasuredPage, readMetrics, sleep } from './page-metrics';
import { type Summary, summarize } from './stats';

/**
 * What every LinkedIn page pays for the content script (README, Performance: LinkedIn pages): main-thread time on the
 * simulated feed (50 posts, DOM churn every 3 s), with the extension and in a browser without it.
 *
 * Three windows per page load:
 * - "until load": from navigation to the load event: what the extension adds to the page load itself
 *   (the target is nothing: content.js waits for the load event and an idle moment before it works);
 * - "load": from navigation to 3.5 s after the load event, which covers the deferred account read and report;
 * - "steady": the 6 s after that, two rounds of the feed's churn: what a long-open tab keeps paying.
 * The "until load" window ends when the bench reads the metrics after the load event, one CDP round trip later,
 * so work at the first idle moment after the load event can fall in it.
 * The account's last check is recent, so no re-check starts: this is the cost on an ordinary page. A page where
 * a re-check is due does the same (one read, one message); the re-check itself runs in another tab.
 */

const afterLoadMs = 3500;
const steadyMs = 6000;

export type WindowResult = { withExtension: Summary; without: Summary; extraMs: number };
type Windows = { script: WindowResult; task: WindowResult };
export type ContentCostResult = {
  load: Windows;
  steady: Windows;
  /** Absent in results written before the bench measured the time up to the load event. */
  untilLoad?: Windows;
};

type FeedSample = { untilLoad: MainThreadSample; load: MainThreadSample; steady: MainThreadSample };

async function feedRun(browser: LaunchedBrowser, simulator: Simulator): Promise<FeedSample> {
  const { page, cdp } = await openMeasuredPage(browser);
  const before = await readMetrics(cdp);
  await page.goto(`${simulator.origin}/feed/`, { waitUntil: 'load' });
  const loadedAt = Date.now();
  const atLoad = await readMetrics(cdp);
  await sleep(loadedAt + afterLoadMs - Date.now());
  const afterLoad = await readMetrics(cdp);
  await sleep(steadyMs);
  const end = await readMetrics(cdp);
  await page.close();
  return { untilLoad: difference(atLoad, before), load: difference(afterLoad, before), steady: difference(end, afterLoad) };
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

    const samples: { extension: FeedSample[]; bare: FeedSample[] } = { extension: [], bare: [] };
    for (let index = 0; index < runsPerCondition * 2; index += 1) {
      const withExtension = index % 2 === 0;
      const sample = await feedRun(withExtension ? extension : bare, simulator);
      (withExtension ? samples.extension : samples.bare).push(sample);
      process.stdout.write(
        `  feed ${withExtension ? 'extension' : 'without  '} until load ${sample.untilLoad.scriptMs.toFixed(1)} ms, load ${sample.load.scriptMs.toFixed(1)} ms script, steady ${sample.steady.scriptMs.toFixed(1)} ms\n`,
      );
    }
    const events = await popup.evaluate(() => (globalThis as { __benchEvents?: unknown[] }).__benchEvents?.length ?? 0);
    if (events > 0) throw new Error('an operation ran during the feed benchmark: it would not measure an ordinary page');

    const pick = (list: FeedSample[], window: keyof FeedSample, metric: keyof MainThreadSample) => list.map((sample) => sample[window][metric]);
    const windows = (window: keyof FeedSample): Windows => ({
      script: compare(pick(samples.extension, window, 'scriptMs'), pick(samples.bare, window, 'scriptMs')),
      task: compare(pick(samples.extension, window, 'taskMs'), pick(samples.bare, window, 'taskMs')),
    });
    return { untilLoad: windows('untilLoad'), load: windows('load'), steady: windows('steady') };
  } finally {
    await close();
  }
}
