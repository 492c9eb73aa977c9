import type { CDPSession, Page } from 'playwright';
import type { LaunchedBrowser } from '../harness/browser';

/**
 * Main-thread time of one tab through CDP `Performance.getMetrics`.
 *
 * Why this method: the issue asks what the user's LinkedIn tab pays, and the honest answer is the A/B
 * difference of the same page with and without the extension. It counts everything the extension makes
 * that tab do: injecting and compiling content.js, running it in its isolated world, its promise
 * continuations, MutationObserver callbacks and the renderer's side of runtime messaging. A trace
 * filtered to content.js's URL would look cleaner but misses the last three (microtasks and IPC carry no
 * script URL), so it would under-count. `threadTicks` measures thread CPU time rather than wall time, so
 * other processes on a busy machine descheduling the renderer do not inflate the numbers.
 */

export type MainThreadSample = { scriptMs: number; taskMs: number };

export async function openMeasuredPage(browser: LaunchedBrowser): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { page, cdp };
}

export async function readMetrics(cdp: CDPSession): Promise<MainThreadSample> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string): number => metrics.find((metric) => metric.name === name)?.value ?? 0;
  // Durations are reported in seconds.
  return { scriptMs: value('ScriptDuration') * 1000, taskMs: value('TaskDuration') * 1000 };
}

export function difference(later: MainThreadSample, earlier: MainThreadSample): MainThreadSample {
  return { scriptMs: later.scriptMs - earlier.scriptMs, taskMs: later.taskMs - earlier.taskMs };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
