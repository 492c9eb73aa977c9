// The popup's key states, reached through the product itself: the popup's own buttons, LinkedIn served by
// the simulator, no storage written by hand. Used for the README pictures and the per-language checks.

import type { Page } from 'playwright';
import type { Simulator } from '../simulator';

export const tourStates = ['empty', 'progress', 'turned-off', 'flipped-back', 'not-found'] as const;
export type TourState = (typeof tourStates)[number];

/** An operation is a few page loads of a few hundred ms; the worker's own deadline is 90 s. */
const stateTimeoutMs = 60_000;
/** Long enough to catch the progress bar between the page and the switch. */
const slowRenderMs = 6000;

async function waitForStatus(popup: Page, dataStatus: string): Promise<void> {
  await popup.locator(`[data-status="${dataStatus}"]`).waitFor({ state: 'visible', timeout: stateTimeoutMs });
}

/** Waits until no operation is in flight, so the next click starts a new one. */
async function waitUntilIdle(popup: Page): Promise<void> {
  await popup.waitForFunction(async () => (await chrome.storage.session.get('operation')).operation === undefined, undefined, {
    timeout: stateTimeoutMs,
    polling: 200,
  });
}

/**
 * Takes a fresh popup, with `memberId` signed in and AI training on, through the states in order and calls
 * `at` in each: nothing stored yet; turning it off (only when `states` has "progress": LinkedIn's render is
 * slowed to catch it); turned off and verified; switched back on by LinkedIn and found by "Check now";
 * LinkedIn's page changed so that no switch can be identified, with the next steps.
 */
export async function tourPopup(
  popup: Page,
  simulator: Simulator,
  options: { memberId: string; states: ReadonlySet<TourState>; at: (state: TourState) => Promise<void> },
): Promise<void> {
  const { memberId, states, at } = options;
  const take = async (state: TourState) => {
    if (states.has(state)) await at(state);
  };
  const optOut = popup.locator('[data-action="opt-out"]');
  const check = popup.locator('[data-action="check"]');
  await optOut.waitFor();
  await take('empty');

  const usualRenderDelayMs = simulator.knobs.renderDelayMs;
  if (states.has('progress')) simulator.configure({ renderDelayMs: slowRenderMs });
  await optOut.click();
  if (states.has('progress')) {
    await waitForStatus(popup, 'reading');
    await take('progress');
  }
  await waitForStatus(popup, 'turned-off');
  simulator.configure({ renderDelayMs: usualRenderDelayMs });
  await take('turned-off');

  simulator.setAiTraining(memberId, true);
  await waitUntilIdle(popup);
  await check.click();
  await waitForStatus(popup, 'on');
  await take('flipped-back');

  simulator.configure({ markup: ['not-a-switch'] });
  await waitUntilIdle(popup);
  await optOut.click();
  await waitForStatus(popup, 'not-found');
  await take('not-found');
}

/**
 * Every visible element of the popup whose text does not fit: content wider than its own box (cut off,
 * or spilling out of it), or a box that reaches beyond the popup's width. Visually hidden text is skipped.
 */
export function textThatDoesNotFit(popup: Page, rootSelector = '#popup'): Promise<string[]> {
  // No named functions inside: tsx (npm run screenshots) would wrap them in a helper the page does not have.
  return popup.evaluate((rootSelector) => {
    const root = document.querySelector(rootSelector);
    if (!root) throw new Error(`no ${rootSelector}`);
    const bounds = root.getBoundingClientRect();
    const problems: string[] = [];
    for (const element of [root, ...root.querySelectorAll('*')]) {
      if (!(element instanceof HTMLElement) || element.closest('.visually-hidden')) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
      const what = `${element.tagName.toLowerCase()}${element.className ? `.${element.className.split(' ').join('.')}` : ''} “${(element.textContent ?? '').trim().slice(0, 60)}”`;
      if (box.left < bounds.left - 0.5 || box.right > bounds.right + 0.5) {
        problems.push(`${what} reaches beyond the popup (${Math.round(box.left - bounds.left)}…${Math.round(box.right - bounds.left)} of ${Math.round(bounds.width)} px)`);
      }
      // Inline boxes have no client width; their own line boxes were checked against the popup above.
      if (style.display === 'inline') continue;
      if (element.scrollWidth > element.clientWidth + 1) {
        problems.push(`${what} is ${element.scrollWidth} px wide in a ${element.clientWidth} px box`);
      }
      // A text area scrolls by design; anything else that clips must show all of its text.
      const clips = style.overflowY !== 'visible' && element.tagName !== 'TEXTAREA';
      if (clips && element.scrollHeight > element.clientHeight + 1) {
        problems.push(`${what} is cut off: ${element.scrollHeight} px tall in a ${element.clientHeight} px box`);
      }
    }
    return problems;
  }, rootSelector);
}
