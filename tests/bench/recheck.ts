import type { Simulator } from '../simulator';
import { member, type NetworkCondition, runsPerCondition, seededLog } from './fixtures';
import { clearProbe, launchPair, type ProbeEvent, waitForResult, writeLog } from './extension-probe';
import { difference, openMeasuredPage, readMetrics, sleep } from './page-metrics';
import { type Summary, summarize } from './stats';

/**
 * Re-check cost (issue item 3): a LinkedIn page opens while the last check is older than the re-check
 * interval; measured from the start of that page's navigation to the re-check's result in storage, and
 * the main-thread time of the user's own tab over that span, against the same page over the same span
 * in a browser without the extension. The check itself runs in an inactive helper tab.
 */

const hour = 3_600_000;

export type RecheckResult = {
  condition: NetworkCondition;
  toResult: Summary;
  userTabScript: { withExtension: Summary; without: Summary; extraMs: number };
  userTabTask: { withExtension: Summary; without: Summary; extraMs: number };
};

export async function benchRecheck(simulator: Simulator, conditions: readonly NetworkCondition[], extensionDir: string): Promise<RecheckResult[]> {
  const { extension, bare, popup, close } = await launchPair(simulator, extensionDir);
  try {
    simulator.setAiTraining(member.id, false);
    const results: RecheckResult[] = [];
    for (const condition of conditions) {
      simulator.configure(condition.knobs);
      const durations: number[] = [];
      const withScript: number[] = [];
      const withTask: number[] = [];
      const withoutScript: number[] = [];
      const withoutTask: number[] = [];
      // Run 0 is unmeasured (worker start, caches).
      for (let index = 0; index <= runsPerCondition; index += 1) {
        await writeLog(popup, seededLog(Date.now(), { accounts: 1, entries: 20, checkedAgoMs: 25 * hour }));
        await clearProbe(popup);
        const user = await openMeasuredPage(extension);
        const before = await readMetrics(user.cdp);
        const startedAt = Date.now();
        await user.page.goto(`${simulator.origin}/feed/`, { waitUntil: 'commit' });
        const events = await waitForResult(popup, 'recheck');
        const span = Date.now() - startedAt;
        const used = difference(await readMetrics(user.cdp), before);
        await user.page.close();
        const result = events.find((event): event is Extract<ProbeEvent, { what: 'result' }> => event.what === 'result');
        if (result?.outcome !== 'off' || result.kind !== 'check') throw new Error(`re-check ended ${JSON.stringify(result)}`);

        const plain = await openMeasuredPage(bare);
        const plainBefore = await readMetrics(plain.cdp);
        const plainStartedAt = Date.now();
        await plain.page.goto(`${simulator.origin}/feed/`, { waitUntil: 'commit' });
        await sleep(plainStartedAt + span - Date.now());
        const plainUsed = difference(await readMetrics(plain.cdp), plainBefore);
        await plain.page.close();
        if (index === 0) continue;
        durations.push(span);
        withScript.push(used.scriptMs);
        withTask.push(used.taskMs);
        withoutScript.push(plainUsed.scriptMs);
        withoutTask.push(plainUsed.taskMs);
        process.stdout.write(`  re-check ${condition.id} ${String(span).padStart(6)} ms, user tab script ${used.scriptMs.toFixed(1)} ms (without: ${plainUsed.scriptMs.toFixed(1)} ms)\n`);
      }
      const pair = (a: number[], b: number[]) => {
        const withExtension = summarize(a);
        const without = summarize(b);
        return { withExtension, without, extraMs: withExtension.median - without.median };
      };
      results.push({ condition, toResult: summarize(durations), userTabScript: pair(withScript, withoutScript), userTabTask: pair(withTask, withoutTask) });
    }
    return results;
  } finally {
    await close();
  }
}
