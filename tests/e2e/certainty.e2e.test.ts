import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browsersUnderTest, type Tab } from '../harness/driver';
import { AI_SETTING_KEY, AI_SETTING_PATH, type MarkupVariant, type SimKnobs } from '../simulator';
import { type BrowserRig, startAfresh, startBrowserRig } from './browser-rig';
import { account, savesOf } from './support';

/**
 * Certainty about what the page shows, in Chromium and Firefox, through the popup's own buttons: LinkedIn's key kept
 * on a switch whose label inverts it in words no list holds, a key whose label element is missing (only the On/Off
 * word names the switch), and a default drawn off before the member's value arrives, on the first load and on the
 * verifying one. Each asserts what the member sees and what the simulated LinkedIn ends up storing.
 */

const alex = account('alex-certain-2026');
const jana = account('jana-gewiss-2026', { lang: 'de' });
const pierre = account('pierre-certain-2026', { lang: 'fr' });
const giulia = account('giulia-certa-2026', { lang: 'it' });
const settingUrl = `https://www.linkedin.com${AI_SETTING_PATH}`;
const resultTimeoutMs = 100_000;

describe.each(browsersUnderTest())('%s: certainty about what the page shows', (browserName) => {
  let rig: BrowserRig;
  let popup: Tab;

  beforeAll(async () => {
    rig = await startBrowserRig(browserName, [alex, jana, pierre, giulia]);
    popup = rig.extensionPage;
  });

  afterAll(async () => {
    await rig?.close();
  });

  beforeEach(() => startAfresh(rig));

  /** Signs `memberId` in, sets the page's markup, presses a popup button and returns the status the member is shown. */
  async function press(memberId: string, action: 'opt-out' | 'check', markup: MarkupVariant[], knobs: Partial<SimKnobs> = {}): Promise<{ status: string; text: string }> {
    await rig.signIn(memberId);
    rig.simulator.configure({ markup, ...knobs });
    const before = (await rig.lastResult())?.operationId;
    await popup.click(`[data-action="${action}"]`);
    await expect.poll(async () => (await rig.lastResult())?.operationId, { timeout: resultTimeoutMs, interval: 250 }).not.toBe(before);
    const status = (await rig.lastResult())!.outcome.kind;
    await popup.waitFor(`[data-status="${status}"]`);
    return { status, text: (await popup.text(`[data-status="${status}"]`)).replace(/\s+/g, ' ') };
  }

  /** "LinkedIn's page changed": no claim, the setting's address to open by hand, a report to copy, nothing saved. */
  async function expectPageChanged(shown: { status: string; text: string }, memberId: string, trainingBefore: boolean): Promise<void> {
    expect(shown.status).toBe('not-found');
    expect(shown.text).toContain("couldn't safely identify the switch");
    expect(await popup.attribute('[data-status="not-found"] a[data-step="open-setting"]', 'href')).toBe(settingUrl);
    expect(await popup.count('[data-status="not-found"] [data-action="copy-report"]')).toBe(1);
    await popup.waitFor(`[data-account="${memberId}"][data-state="not-found"]`);
    expect(rig.simulator.saves).toEqual([]);
    expect(rig.simulator.account(memberId).aiTraining).toBe(trainingBefore);
  }

  /** The report behind "Copy report" carries the page's shape, and no name or public id of the member. */
  async function expectShapeWithoutMember(memberId: string, name: string): Promise<void> {
    const outcome = (await rig.lastResult())!.outcome;
    const diagnostic = 'diagnostic' in outcome ? outcome.diagnostic : '';
    expect(diagnostic).toContain(`| shape ${AI_SETTING_PATH} lang=`);
    expect(diagnostic).not.toContain(memberId);
    for (const part of name.split(' ')) expect(diagnostic).not.toContain(part);
  }

  describe("LinkedIn's key kept, its meaning inverted in words no list holds", () => {
    it('en, "Opt out of using my data…", training on: never clicked, the page changed, the report shows its shape', async () => {
      const shown = await press(alex.id, 'opt-out', ['inverted']);
      await expectPageChanged(shown, alex.id, true);
      await expectShapeWithoutMember(alex.id, alex.name);
    });

    it('de, „Widerspruch gegen …", training already off (the inverted switch reads on): never clicked, training stays off', async () => {
      rig.simulator.setAiTraining(jana.id, false);
      const shown = await press(jana.id, 'opt-out', ['inverted']);
      await expectPageChanged(shown, jana.id, false);
    });

    it('en, a check on the inverted switch: never read as on or off', async () => {
      rig.simulator.setAiTraining(alex.id, false);
      const shown = await press(alex.id, 'check', ['inverted']);
      await expectPageChanged(shown, alex.id, false);
    });
  });

  describe('the key kept, its label element missing: only the On/Off word in <label for>', () => {
    it.each([
      ['fr', '„Oui/Non"', pierre],
      ['it', '„Sì/No"', giulia],
    ] as const)('%s, %s: never clicked, never read', async (_lang, _words, member) => {
      const shown = await press(member.id, 'opt-out', ['label-missing']);
      await expectPageChanged(shown, member.id, true);
      await expectShapeWithoutMember(member.id, member.name);
    });
  });

  describe('a default drawn off (nothing marks it) before the member\'s value arrives', () => {
    it('training on: not taken for "already off"; turned off once the value came, and verified', async () => {
      const shown = await press(alex.id, 'opt-out', ['late-value']);
      expect(shown.status).toBe('turned-off');
      await popup.waitFor(`[data-account="${alex.id}"][data-state="off"]`);
      expect(rig.simulator.account(alex.id).aiTraining).toBe(false);
      expect(savesOf(rig.simulator, AI_SETTING_KEY)).toEqual([expect.objectContaining({ value: false, result: 'stored', account: alex.id })]);
    });

    it('training on, read only: "on", not the default\'s "off"', async () => {
      const shown = await press(alex.id, 'check', ['late-value']);
      expect(shown.status).toBe('on');
      await popup.waitFor(`[data-account="${alex.id}"][data-state="on"]`);
      expect(rig.simulator.saves).toEqual([]);
    });

    it('on the verifying load too: a save LinkedIn did not keep is a failed save, not "turned off, verified"', async () => {
      const shown = await press(alex.id, 'opt-out', ['late-value'], { save: 'revert' });
      expect(shown.status).toBe('save-failed');
      await popup.waitFor(`[data-account="${alex.id}"][data-state="error"]`);
      expect(rig.simulator.account(alex.id).aiTraining).toBe(true);
      expect(savesOf(rig.simulator, AI_SETTING_KEY).map((save) => save.result)).toEqual(['not-stored']);
    });
  });
});
