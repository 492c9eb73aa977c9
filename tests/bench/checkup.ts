import type { Page } from 'playwright';
import { aiTrainingRule, otherRuleIds } from '../../src/shared/rules/setting-rules';
import { launchBrowser } from '../harness/browser';
import type { Simulator } from '../simulator';
import { clearProbe, installProbe, waitForResult } from './extension-probe';
import { member, type NetworkCondition, runsPerCondition } from './fixtures';
import { type Summary, summarize } from './stats';

/**
 * The data-use checkup: one click on the popup's opt-out with the AI setting alone, with three settings
 * and with all eleven chosen (README, Data-use checkup), every one on before the click, from the click to
 * the last result saying each was turned off and verified. Runs alternate between the plan sizes so that
 * drift hits them equally; the ratio is each size against the AI setting alone in the same run. It also
 * counts the helper tabs open at once, which bounds the LinkedIn pages loading at once.
 */

/** How many settings each measured checkup turns off: the AI setting alone, three, all eleven. */
export const checkupSizes = [1, 3, 1 + otherRuleIds.length] as const;

export type CheckupSizeResult = { settings: number; total: Summary; maxHelperTabs: number };
export type CheckupConditionResult = { condition: NetworkCondition; sizes: CheckupSizeResult[] };

type CheckupRun = { settings: number; totalMs: number; maxHelperTabs: number };

async function choose(popup: Page, chosenSettings: readonly string[]): Promise<void> {
  await popup.evaluate(async (chosen) => {
    const stored = ((await chrome.storage.local.get('preferences')).preferences ?? {}) as Record<string, unknown>;
    await chrome.storage.local.set({ preferences: { ...stored, chosenSettings: chosen } });
  }, [...chosenSettings]);
}

function everySettingOn(simulator: Simulator): void {
  const account = simulator.account(member.id);
  account.aiTraining = true;
  for (const ruleId of otherRuleIds) account.otherSettings[ruleId] = true;
}

async function lastResultSettings(popup: Page): Promise<Array<{ ruleId: string; kind: string }>> {
  return popup.evaluate(async () => {
    const result = (await chrome.storage.session.get('lastResult')).lastResult as { settings: Array<{ ruleId: string; outcome: { kind: string } }> } | undefined;
    return (result?.settings ?? []).map((setting) => ({ ruleId: setting.ruleId, kind: setting.outcome.kind }));
  });
}

async function checkupRun(popup: Page, simulator: Simulator, settings: number, helperTabs: { open: number; max: number }): Promise<CheckupRun> {
  const chosen = otherRuleIds.slice(0, settings - 1);
  await choose(popup, chosen);
  everySettingOn(simulator);
  await clearProbe(popup);
  helperTabs.max = helperTabs.open;
  const startedAt = Date.now();
  await popup.locator('[data-action="opt-out"]').click();
  await waitForResult(popup, 'user', 180_000);
  const totalMs = Date.now() - startedAt;
  const results = await lastResultSettings(popup);
  const expected = [aiTrainingRule.id, ...chosen];
  const turnedOff = results.filter((result) => result.kind === 'turned-off').map((result) => result.ruleId);
  if (turnedOff.length !== expected.length || !expected.every((ruleId) => turnedOff.includes(ruleId))) {
    throw new Error(`checkup of ${String(settings)} ended ${JSON.stringify(results)}`);
  }
  const account = simulator.account(member.id);
  const stillOn = [account.aiTraining, ...chosen.map((ruleId) => account.otherSettings[ruleId])].filter(Boolean).length;
  if (stillOn > 0) throw new Error(`checkup of ${String(settings)} reported every setting off, but the simulator has ${String(stillOn)} still on`);
  return { settings, totalMs, maxHelperTabs: helperTabs.max };
}

export async function benchCheckup(simulator: Simulator, conditions: readonly NetworkCondition[], extensionDir: string): Promise<CheckupConditionResult[]> {
  const extension = await launchBrowser({ simulator, extensionDir });
  try {
    await extension.context.addCookies(simulator.signInCookies(member.id));
    const popup = await extension.openPopup();
    await installProbe(popup);
    // Every LinkedIn tab the extension opens is a helper tab: the popup is the only other page.
    const helperTabs = { open: 0, max: 0 };
    extension.context.on('page', (page) => {
      if (!page.url().startsWith('chrome-extension://')) {
        helperTabs.open += 1;
        helperTabs.max = Math.max(helperTabs.max, helperTabs.open);
        page.once('close', () => (helperTabs.open -= 1));
      }
    });
    const results: CheckupConditionResult[] = [];
    // One unmeasured run first: worker start, connection set-up and caches are not what is compared.
    simulator.configure(conditions[0]?.knobs ?? {});
    await checkupRun(popup, simulator, 1, helperTabs);
    for (const condition of conditions) {
      simulator.configure(condition.knobs);
      const runs: CheckupRun[] = [];
      for (let round = 0; round < runsPerCondition; round += 1) {
        // 1, 3, 11, then 11, 3, 1, …: each size meets early and late parts of the run alike.
        const order = round % 2 === 0 ? checkupSizes : [...checkupSizes].reverse();
        for (const settings of order) {
          const run = await checkupRun(popup, simulator, settings, helperTabs);
          runs.push(run);
          process.stdout.write(`  checkup ${condition.id} ${String(settings).padStart(2)} settings ${String(run.totalMs).padStart(6)} ms, ${String(run.maxHelperTabs)} helper tab(s) at once\n`);
        }
      }
      results.push({
        condition,
        sizes: checkupSizes.map((settings) => {
          const of = runs.filter((run) => run.settings === settings);
          return { settings, total: summarize(of.map((run) => run.totalMs)), maxHelperTabs: Math.max(...of.map((run) => run.maxHelperTabs)) };
        }),
      });
    }
    return results;
  } finally {
    await extension.close();
  }
}
