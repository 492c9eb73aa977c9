import type { Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AI_SETTING_KEY,
  AI_SETTING_PATH,
  DECOY_KEYS,
  DIALOG_SWITCH_KEY,
  GUIDE_LINK_MARK,
  type MarkupVariant,
  OTHER_PEOPLE,
  SAVE_API_PREFIX,
  type SimKnobs,
  TRACKING_PATH,
  type UiLanguage,
  UI_LANGUAGES,
} from '../simulator';
import { account, type Rig, savesOf, startRig } from './support';

/**
 * Safety on a LinkedIn that changed (README, "What it never does"), end to end and through the popup: for each class of page a
 * redesign could plausibly serve, what the member sees (`[data-status]`, `[data-account][data-state]`, the
 * setting's address as the next step) and what LinkedIn's server ends up with (the stored value, every save).
 * Where certainty is impossible the expected outcome is the SAFE one: nothing clicked, nothing claimed.
 */

const members = Object.fromEntries(UI_LANGUAGES.map((lang) => [lang, account(`safety-member-${lang}-7`, { lang })])) as Record<
  UiLanguage,
  ReturnType<typeof account>
>;
const alex = members.en;
const settingUrl = `https://www.linkedin.com${AI_SETTING_PATH}`;
const resultTimeoutMs = 100_000;
/** What the popup may show only when the setting was really read: never after a refusal. */
const claims = ['on', 'off', 'turned-off'];
const phases = ['opening', 'walking', 'reading', 'turning-off', 'verifying'];

let rig: Rig;
let popup: Page;

beforeAll(async () => {
  rig = await startRig(Object.values(members));
  popup = rig.extensionPage;
});

afterAll(async () => {
  await rig?.close();
});

beforeEach(async () => {
  // A test that failed half-way may leave an operation running: let it end before wiping its state.
  await expect.poll(() => rig.operation(), { timeout: resultTimeoutMs, interval: 250 }).toBeUndefined();
  for (const tab of rig.linkedInTabs()) await tab.close();
  rig.simulator.reset();
  await popup.evaluate(async () => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
    await chrome.action.setBadgeText({ text: '' });
  });
  await popup.reload();
  await popup.locator('[data-action="opt-out"]').waitFor();
  await rig.signIn(alex.id);
});

// ---------------------------------------------------------------------------------------------
// Driving the popup and reading what it shows

type Shown = { status: string; text: string; settingLink: string | null };

/** Presses a popup button, waits for the operation to end, and reads the status region the member sees. */
async function press(action: 'opt-out' | 'check'): Promise<Shown> {
  const before = (await rig.lastResult())?.operationId;
  await popup.click(`[data-action="${action}"]`);
  const result = await rig.waitForResult(before, resultTimeoutMs);
  const region = popup.locator(`[data-status="${result.outcome.kind}"]`);
  await region.waitFor({ state: 'visible', timeout: 10_000 });
  const link = region.locator('a[data-step="open-setting"]');
  return {
    status: result.outcome.kind,
    text: (await region.innerText()).replace(/\s+/g, ' '),
    settingLink: (await link.count()) > 0 && (await link.isVisible()) ? await link.getAttribute('href') : null,
  };
}

function optOutWith(markup: MarkupVariant[], knobs: Partial<SimKnobs> = {}): Promise<Shown> {
  rig.simulator.configure({ markup, ...knobs });
  return press('opt-out');
}

async function rowState(id: string): Promise<string | null> {
  const row = popup.locator(`[data-account="${id}"]`);
  if ((await row.count()) === 0) return null;
  return row.getAttribute('data-state');
}

/** The popup's row for this member reaches `state` (it re-renders from storage). */
async function expectRow(id: string, state: string): Promise<void> {
  await popup.locator(`[data-account="${id}"][data-state="${state}"]`).waitFor({ state: 'visible', timeout: 10_000 });
}

/** Nothing was clicked: not one save of any setting reached LinkedIn, and the member's value is what it was. */
function expectNothingSaved(memberId: string, aiTrainingBefore: boolean): void {
  expect(rig.simulator.saves).toEqual([]);
  expect(rig.simulator.account(memberId).aiTraining).toBe(aiTrainingBefore);
}

/** A clear failure: no claim about the setting, and its address offered to open by hand. */
function expectClearFailure(shown: Shown): void {
  expect(claims).not.toContain(shown.status);
  expect(phases).not.toContain(shown.status);
  expect(shown.settingLink).toBe(settingUrl);
}

/** Turned off and verified: the popup says so, the server stores off, and exactly one save of the setting was made. */
async function expectTurnedOff(shown: Shown, memberId: string): Promise<void> {
  expect(shown.status).toBe('turned-off');
  await expectRow(memberId, 'off');
  expect(rig.simulator.account(memberId).aiTraining).toBe(false);
  expect(savesOf(rig.simulator, AI_SETTING_KEY)).toEqual([expect.objectContaining({ value: false, result: 'stored', account: memberId })]);
}

/** "Could not identify it safely": the refusal, recorded for the proven member, with nothing clicked. */
async function expectRefused(shown: Shown, memberId: string, aiTrainingBefore: boolean): Promise<void> {
  expectClearFailure(shown);
  expect(shown.status).toBe('not-found');
  expect(shown.text).toContain("couldn't safely identify the switch");
  await expectRow(memberId, 'not-found');
  expectNothingSaved(memberId, aiTrainingBefore);
}

// ---------------------------------------------------------------------------------------------

describe('a negated label on an inverted switch (on = NOT training) is never clicked', () => {
  it.each([...UI_LANGUAGES])('%s: key renamed, training on: refused, not reported off', async (lang) => {
    await rig.signIn(members[lang].id);
    const shown = await optOutWith(['negated']);
    await expectRefused(shown, members[lang].id, true);
  });

  it('en: key renamed, training already off (the switch reads on): refused, training never turned on', async () => {
    rig.simulator.setAiTraining(alex.id, false);
    const shown = await optOutWith(['negated']);
    await expectRefused(shown, alex.id, false);
  });

  it('de: key missing altogether, label „… nicht … verwenden": refused', async () => {
    await rig.signIn(members.de.id);
    const shown = await optOutWith(['negated', 'key-missing']);
    await expectRefused(shown, members.de.id, true);
  });
});

describe('a reworded label without the key is not an exact match: refused', () => {
  it.each([...UI_LANGUAGES])('%s', async (lang) => {
    await rig.signIn(members[lang].id);
    const shown = await optOutWith(['reworded']);
    await expectRefused(shown, members[lang].id, true);
  });
});

describe('decoy switches with similar labels', () => {
  it('next to the keyed switch: the key decides, the decoys stay untouched', async () => {
    const shown = await optOutWith(['decoys']);
    await expectTurnedOff(shown, alex.id);
    for (const key of DECOY_KEYS) expect(savesOf(rig.simulator, key)).toEqual([]);
  });

  it('without the key: the one switch whose normalised label is exact is the setting; the decoys stay untouched', async () => {
    const shown = await optOutWith(['decoys', 'key-missing']);
    await expectTurnedOff(shown, alex.id);
    for (const key of DECOY_KEYS) expect(savesOf(rig.simulator, key)).toEqual([]);
  });

  it('without the key and with the real label reworded: only near matches are left, nothing is clicked', async () => {
    const shown = await optOutWith(['decoys', 'reworded', 'key-missing']);
    await expectRefused(shown, alex.id, true);
  });
});

describe('what the switch is made of', () => {
  it.each([['plain-checkbox'], ['button-switch'], ['div-switch']] as const)('%s: turned off and verified', async (variant) => {
    const shown = await optOutWith([variant]);
    await expectTurnedOff(shown, alex.id);
  });
});

describe('twins', () => {
  it('a hidden twin for another layout: the rendered switch is the one', async () => {
    const shown = await optOutWith(['hidden-duplicate']);
    await expectTurnedOff(shown, alex.id);
  });

  it('two rendered switches with the key: ambiguous, nothing clicked', async () => {
    const shown = await optOutWith(['visible-duplicate']);
    await expectRefused(shown, alex.id, true);
  });
});

describe('a switch read only when settled', () => {
  it('placeholder (disabled, busy, reading off) then the real switch (on): turned off and verified', async () => {
    const shown = await optOutWith(['placeholder']);
    await expectTurnedOff(shown, alex.id);
  });

  it('placeholder (disabled, busy, reading on) then the real switch (off): off, nothing clicked', async () => {
    rig.simulator.setAiTraining(alex.id, false);
    const shown = await optOutWith(['placeholder']);
    expect(shown.status).toBe('off');
    await expectRow(alex.id, 'off');
    expectNothingSaved(alex.id, false);
  });

  it.each([true, false])('checked and aria-checked disagree for good (training %s): could not read it safely, nothing clicked', async (on) => {
    rig.simulator.setAiTraining(alex.id, on);
    const shown = await optOutWith(['aria-conflict']);
    expectClearFailure(shown);
    // Not "the page has changed": the switch was identified, its state was not readable.
    expect(shown.status).toBe('unreadable');
    expect(shown.text).toContain('could not be read safely');
    await expectRow(alex.id, 'error');
    expectNothingSaved(alex.id, on);
  });
});

describe('the account must be proven by the page', () => {
  /** The member is known from an earlier check on the standard page: the remembered account the old code fell back to. */
  async function knownFromAnEarlierCheck(): Promise<void> {
    const shown = await press('check');
    expect(shown.status).toBe('on');
    await expectRow(alex.id, 'on');
  }

  async function historyOutcomes(id: string): Promise<string[]> {
    return ((await rig.log())?.accounts[id]?.history ?? []).map((entry) => entry.outcome);
  }

  /** Account not confirmed: said plainly, and the remembered member's row still shows the last proven reading. */
  async function expectAccountUnconfirmed(shown: Shown): Promise<void> {
    expectClearFailure(shown);
    expect(shown.status).toBe('account-unconfirmed');
    expect(shown.text).toContain("didn't show which account is signed in");
    expectNothingSaved(alex.id, true);
    expect(await rowState(alex.id)).toBe('on');
    expect(await historyOutcomes(alex.id)).toEqual(['on']);
  }

  it('the settings page shows no identity: nothing clicked, nothing filed under the remembered member', async () => {
    await knownFromAnEarlierCheck();
    await expectAccountUnconfirmed(await optOutWith(['no-identity']));
  });

  it("only another member's /in/ links (people you may know, in a <header>): nothing clicked, no record for anyone else", async () => {
    await knownFromAnEarlierCheck();
    await expectAccountUnconfirmed(await optOutWith(['other-member-header']));
    expect(Object.keys((await rig.log())?.accounts ?? {})).toEqual([alex.id]);
    const strangers = OTHER_PEOPLE.map((person) => person.id);
    const rows = await popup.locator('[data-account]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-account')));
    expect(rows.filter((id) => strangers.includes(id ?? ''))).toEqual([]);
  });
});

describe('a modal dialog over the settings page', () => {
  // The dialog is LinkedIn's own and left alone; the setting's switch beneath it is still the one identified by its key.
  it.each([
    { markup: ['dialog'], way: 'on the setting’s own page' },
    { markup: ['dialog', 'moved'], way: 'on every page of the walk' },
  ] satisfies Array<{ markup: MarkupVariant[]; way: string }>)("$way: never touches the dialog's own switch, and the setting ends verified off", async ({ markup }) => {
    const shown = await optOutWith(markup);
    expect(savesOf(rig.simulator, DIALOG_SWITCH_KEY)).toEqual([]);
    expect(rig.simulator.account(alex.id).otherSettings[DIALOG_SWITCH_KEY]).toBe(true);
    await expectTurnedOff(shown, alex.id);
  });
});

describe('the settings redirect to a feed with "how to opt out" posts', () => {
  it('follows no link of a post, clicks nothing, and offers the address', async () => {
    const shown = await optOutWith(['feed-guide']);
    expectClearFailure(shown);
    expect(shown.status).toBe('not-found');
    expectNothingSaved(alex.id, true);
    const followed = rig.simulator.requests.filter((request) => request.url.includes(GUIDE_LINK_MARK));
    expect(followed.map((request) => request.url)).toEqual([]);
  });
});

describe('"the save finished" is the setting\'s own save, not any request after the click', () => {
  it('a slow save (1.5 s) with a tracking beacon right after the click: turned off, verified, one save', async () => {
    const shown = await optOutWith([], { saveLatencyMs: 1500 });
    await expectTurnedOff(shown, alex.id);
    // The beacon really finished while the save was still on its way: the old watcher would have taken it.
    const put = rig.simulator.requests.find((request) => request.method === 'PUT' && request.path.startsWith(`${SAVE_API_PREFIX}/`));
    const save = rig.simulator.saves[0];
    const beaconsDuringSave = rig.simulator.requests.filter(
      (request) => request.path === TRACKING_PATH && put !== undefined && save !== undefined && request.at > put.at && request.at < save.at,
    );
    expect(beaconsDuringSave.length).toBeGreaterThan(0);
  });

  it('a save slower than the quiet period after the click (3 s, under the 4 s save deadline): still turned off, verified, one save', async () => {
    // A quiet page is not a finished save: a fresh load that overtakes the save reads "on" and reports a failure.
    const shown = await optOutWith([], { saveLatencyMs: 3000 });
    await expectTurnedOff(shown, alex.id);
  });

  it('a slow save that fails (1.5 s, then 500): never reported off', async () => {
    const shown = await optOutWith([], { saveLatencyMs: 1500, save: 'fail' });
    expect(claims).not.toContain(shown.status);
    expect(shown.status).toBe('save-failed');
    await expectRow(alex.id, 'error');
    expect(rig.simulator.account(alex.id).aiTraining).toBe(true);
    expect(savesOf(rig.simulator, AI_SETTING_KEY).map((save) => save.result)).toEqual(['failed']);
  });
});

describe('the text path in every language (no key; labels typographically unlike the product table)', () => {
  // The facts give the toggle label exactly for these languages; the simulator writes it with other typography.
  const exactInFacts: UiLanguage[] = ['en', 'de', 'fr', 'nl', 'pt', 'pl'];

  it.each(UI_LANGUAGES.map((lang) => [lang, exactInFacts.includes(lang)] as const))(
    '%s (label known exactly: %s)',
    async (lang, known) => {
      const member = members[lang];
      await rig.signIn(member.id);
      const shown = await optOutWith(['key-missing']);
      // Italian is known only by its start and Spanish not at all: a guess is never enough to click.
      if (known) await expectTurnedOff(shown, member.id);
      else await expectRefused(shown, member.id, true);
    },
  );
});
