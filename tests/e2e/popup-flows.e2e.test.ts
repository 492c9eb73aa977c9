import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browsersUnderTest, type Tab } from '../harness/driver';
import { AI_SETTING_KEY, AI_SETTING_PATH } from '../simulator';
import { type BrowserRig, startAfresh, startBrowserRig } from './browser-rig';
import { account, savesOf } from './support';

/**
 * The member's main paths through the popup's own buttons, in Chromium and Firefox (README, Browsers):
 * one click, already off, signed out then continue, and LinkedIn switching it back on.
 * What the test reads is the popup's contract: `[data-account]`, `[data-state]`, `[data-status]`.
 */

const alex = account('alex-morgan-2024');
const settingUrl = `https://www.linkedin.com${AI_SETTING_PATH}`;

const popupSelectors = {
  optOut: '[data-action="opt-out"]',
  check: '[data-action="check"]',
  signIn: '[data-action="sign-in"]',
  status: '[data-status]',
} as const;

const statusOf = (outcome: string) => `[data-status="${outcome}"]`;
const rowOf = (id: string, state: string) => `[data-account="${id}"][data-state="${state}"]`;

/** One line of an account's row, found by its label: its text and its <time>. */
function accountLine(popup: Tab, id: string, label: string) {
  return popup.evaluate(
    ([id, label]) => {
      const line = [...document.querySelectorAll(`[data-account="${id}"] .account-line`)].find((element) => element.textContent?.includes(label));
      const time = line?.querySelector('time');
      return {
        text: (line as HTMLElement | undefined)?.innerText ?? null,
        tone: line?.getAttribute('data-tone') ?? null,
        time: time ? { text: time.innerText, datetime: time.getAttribute('datetime'), visible: time.getBoundingClientRect().width > 0 } : null,
      };
    },
    [id, label] as const,
  );
}

describe.each(browsersUnderTest())('%s: the popup, driven like a member would', (browserName) => {
  let rig: BrowserRig;
  let popup: Tab;

  beforeAll(async () => {
    rig = await startBrowserRig(browserName, [alex]);
    popup = rig.extensionPage;
  });

  afterAll(async () => {
    await rig?.close();
  });

  beforeEach(async () => {
    await startAfresh(rig);
    await rig.signIn(alex.id);
  });

  /** Clicks "Turn off AI training" and waits for the status region to show `outcome`. */
  async function optOutByClick(outcome: string): Promise<string> {
    await popup.click(popupSelectors.optOut);
    await popup.waitFor(statusOf(outcome));
    return popup.text(statusOf(outcome));
  }

  it('fresh install → one click → the row says off, with a visible verified time, and the status says done', async () => {
    expect(await popup.attribute(popupSelectors.status, 'data-status')).toBe('idle');
    expect(await popup.count('[data-account]')).toBe(0);
    await popup.waitFor('[data-part="intro"]');

    expect(await optOutByClick('turned-off')).toContain('Done: AI training is off for Alex Morgan (verified).');
    await popup.waitFor(`${statusOf('turned-off')} .status-when time`);

    await popup.waitFor(rowOf(alex.id, 'off'));
    expect(await popup.text(`${rowOf(alex.id, 'off')} .account-state`)).toBe('AI training is off');
    const verified = await accountLine(popup, alex.id, 'Last verified');
    expect(verified.time).toMatchObject({ text: 'just now', visible: true });
    expect(Math.abs(Date.now() - Date.parse(verified.time?.datetime ?? ''))).toBeLessThan(60_000);

    expect(rig.simulator.account(alex.id).aiTraining).toBe(false);
    expect(savesOf(rig.simulator, AI_SETTING_KEY)).toEqual([expect.objectContaining({ value: false, result: 'stored', account: alex.id })]);
    expect((await rig.lastResult())?.kind).toBe('opt-out');
  });

  it('already off → nothing is clicked on LinkedIn, and the row says off', async () => {
    rig.simulator.setAiTraining(alex.id, false);
    expect(await optOutByClick('off')).toContain('It was already off for Alex Morgan');
    await popup.waitFor(rowOf(alex.id, 'off'));
    expect(rig.simulator.saves).toEqual([]);
  });

  it('signed out → "Sign in" opens LinkedIn\'s login; signing in there finishes the opt-out by itself', async () => {
    await rig.signOut();
    await optOutByClick('signed-out');
    const signIn = `${statusOf('signed-out')} ${popupSelectors.signIn}`;
    await popup.waitFor(signIn);

    const loginTab = await rig.driver.tabOpenedBy(() => popup.click(signIn));
    await expect.poll(() => loginTab.url(), { timeout: 20_000 }).toBe(`https://www.linkedin.com/uas/login?session_redirect=${encodeURIComponent(settingUrl)}`);
    await expect.poll(() => popup.text(popupSelectors.status), { timeout: 20_000 }).toContain('Waiting for you to sign in');
    expect(rig.simulator.saves).toEqual([]);

    await loginTab.click(`form:has(input[value="${alex.id}"]) button`);
    await popup.waitFor(statusOf('turned-off'));
    await popup.waitFor(rowOf(alex.id, 'off'));
    expect(rig.simulator.account(alex.id).aiTraining).toBe(false);
    expect(await popup.count('.status-note')).toBe(0);
  });

  it('flip back: LinkedIn turns it on again, "Check now" shows the row on with a warning and the badge "!"', async () => {
    await optOutByClick('turned-off');
    await popup.waitFor(rowOf(alex.id, 'off'));
    await expect.poll(async () => (await rig.badge()).text).toBe('✓');

    rig.simulator.setAiTraining(alex.id, true);
    await popup.click(popupSelectors.check);
    await popup.waitFor(statusOf('on'));
    expect(await popup.text(statusOf('on'))).toContain('AI training is ON for Alex Morgan');

    const on = rowOf(alex.id, 'on');
    await popup.waitFor(on);
    expect(await popup.attribute(on, 'data-tone')).toBe('warning');
    expect(await popup.text(`${on} .account-state`)).toBe('AI training is ON');
    const warning = await accountLine(popup, alex.id, 'Switched back on');
    expect(warning).toMatchObject({ tone: 'warning', time: { visible: true } });
    expect(warning.text).toMatch(/^Switched back on by LinkedIn on /);
    await expect.poll(async () => (await rig.badge()).text).toBe('!');
    // A check reads only: nothing was switched back off behind the member's back.
    expect(rig.simulator.account(alex.id).aiTraining).toBe(true);
    expect((await rig.lastResult())?.kind).toBe('check');
  });
});
