import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OptOutLog } from '../../src/shared/log/log-schema';
import { expectAccessibleInBothSchemes } from './accessibility';
import { account, type Rig, startRig } from './support';
import { parseCsv } from '../harness/csv';

/**
 * The popup end to end: the built extension in Chromium, LinkedIn served by the simulator, and every
 * step taken through the popup's own buttons (the popup opened as a tab), as a member would.
 * What the test reads is the popup's contract: `[data-account]`, `[data-state]`, `[data-status]`.
 */

const alex = account('alex-morgan-2024');
/** An operation here is a few page loads of a few hundred ms; the worker's own deadline is 90 s. */
const resultTimeoutMs = 60_000;

// ---------------------------------------------------------------------------------------------
// Reading the popup

const popupSelectors = {
  optOut: '[data-action="opt-out"]',
  check: '[data-action="check"]',
  retry: '[data-action="retry"]',
  signIn: '[data-action="sign-in"]',
  exportJson: '[data-action="export-json"]',
  exportCsv: '[data-action="export-csv"]',
  importJson: '[data-action="import-json"]',
  importNotice: '[data-part="import-notice"]',
  settingsSummary: '[data-part="settings-summary"]',
  recheckInterval: '#recheck-interval',
} as const;

/** Waits until the status region shows this outcome (or phase), then returns the region. */
async function statusShows(page: Page, dataStatus: string) {
  const region = page.locator(`[data-status="${dataStatus}"]`);
  await region.waitFor({ state: 'visible', timeout: resultTimeoutMs });
  return region;
}

async function rowShows(page: Page, id: string, dataState: string) {
  const found = page.locator(`[data-account="${id}"][data-state="${dataState}"]`);
  await found.waitFor({ state: 'visible', timeout: resultTimeoutMs });
  return found;
}

/** What the browser focuses, and whether a member can see it: :focus-visible with a real outline. */
async function focusState(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return { where: 'body', visible: false };
    const style = getComputedStyle(active);
    const box = active.getBoundingClientRect();
    const where = `${active.tagName.toLowerCase()} ${active.getAttribute('data-action') ?? active.id ?? ''} “${(active.textContent ?? '').trim().slice(0, 40)}”`;
    const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    return { where, visible: active.matches(':focus-visible') && outlined && box.width > 0 && box.height > 0 };
  });
}

/** Presses Tab (or Shift+Tab) until `selector` has focus; every element passed on the way shows its focus. */
async function tabTo(page: Page, selector: string, options: { backwards?: boolean; maxPresses?: number } = {}): Promise<string[]> {
  const path: string[] = [];
  for (let press = 0; press < (options.maxPresses ?? 30); press++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const focus = await focusState(page);
    path.push(focus.where);
    expect(focus, `focus after ${path.join(' → ')}`).toMatchObject({ visible: true });
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, selector)) return path;
  }
  throw new Error(`${selector} was not reached with the keyboard; focus went ${path.join(' → ')}`);
}

async function downloadText(page: Page, selector: string): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await download.path();
  return { download, text: await readFile(path, 'utf8') };
}

// ---------------------------------------------------------------------------------------------
// The English popup: one browser for every test, storage emptied before each like a fresh install

describe('the popup, driven like a member would (English)', () => {
  let rig: Rig;
  let popup: Page;

  beforeAll(async () => {
    rig = await startRig([alex]);
    popup = rig.extensionPage;
  });

  afterAll(async () => {
    await rig?.close();
  });

  beforeEach(async () => {
    // A test that failed half-way may leave an operation running: let it end before wiping its state.
    await expect.poll(() => rig.operation(), { timeout: 100_000, interval: 250 }).toBeUndefined();
    for (const tab of rig.linkedInTabs()) await tab.close();
    for (const page of rig.browser.context.pages()) {
      if (page !== popup && page.url().startsWith('https://www.linkedin.com')) await page.close();
    }
    rig.simulator.reset();
    await popup.evaluate(async () => {
      await chrome.storage.local.clear();
      await chrome.storage.session.clear();
      await chrome.action.setBadgeText({ text: '' });
    });
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.reload();
    await popup.locator(popupSelectors.optOut).waitFor();
    await rig.signIn(alex.id);
  });

  /** Clicks "Turn off AI training" and waits for the status region to show `outcome`. */
  async function optOutByClick(outcome: string) {
    await popup.click(popupSelectors.optOut);
    return statusShows(popup, outcome);
  }

  // One click, already off, signed out then continue, and the flip back: popup-flows.e2e.test.ts, in both browsers.

  it('export: the JSON download is the stored log, the CSV has one row per history entry', async () => {
    await optOutByClick('turned-off');
    await popup.click(popupSelectors.check);
    await statusShows(popup, 'off');
    const log = (await rig.log()) as OptOutLog;
    expect(log.accounts[alex.id]?.history.map((entry) => entry.outcome)).toEqual(['turned-off', 'off']);

    const json = await downloadText(popup, popupSelectors.exportJson);
    expect(json.download.suggestedFilename()).toMatch(/^linkedin-ai-optout-log-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(json.text)).toEqual(log);

    const csv = await downloadText(popup, popupSelectors.exportCsv);
    expect(csv.download.suggestedFilename()).toMatch(/^linkedin-ai-optout-log-\d{4}-\d{2}-\d{2}\.csv$/);
    // A byte-order mark, so spreadsheets read UTF-8; CRLF line ends (RFC 4180).
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text.slice(1)).toMatch(/^[^\n]*\r\n/);
    const [header, ...rows] = parseCsv(csv.text.slice(1));
    expect(header).toEqual(['account_key', 'account_name', 'setting', 'time', 'last_time', 'count', 'outcome', 'trigger', 'language', 'way', 'extension_version', 'diagnostic']);
    const expected = Object.values(log.accounts).flatMap((record) =>
      record.history.map((entry) => [
        record.key,
        record.name,
        entry.ruleId,
        new Date(entry.at).toISOString(),
        new Date(entry.lastAt).toISOString(),
        String(entry.count),
        entry.outcome,
        entry.trigger,
        entry.lang ?? '',
        entry.way,
        entry.extensionVersion,
        entry.diagnostic ?? '',
      ]),
    );
    expect(rows).toEqual(expected);
  });

  it('export, forget, import: the record comes back entry for entry; a bad file is refused and changes nothing', async () => {
    await optOutByClick('turned-off');
    await popup.click(popupSelectors.check);
    await statusShows(popup, 'off');
    await expect.poll(async () => ((await rig.log()) as OptOutLog).accounts[alex.id]?.history.length, { timeout: resultTimeoutMs }).toBe(2);
    const before = (await rig.log()) as OptOutLog;
    const exported = await downloadText(popup, popupSelectors.exportJson);
    const exportPath = await exported.download.path();

    // Forget: the confirmation says the record goes with it and offers the export first.
    await popup.click(`[data-account="${alex.id}"] summary`);
    await popup.click(`[data-account="${alex.id}"] [data-action="forget"]`);
    const confirmation = popup.locator(`[data-account="${alex.id}"] .confirm`);
    expect(await confirmation.innerText()).toContain('Its record goes with it. To keep a copy, export it first:');
    expect(await confirmation.locator(popupSelectors.exportJson).count()).toBe(1);
    await confirmation.locator('[data-action="confirm-forget"]').click();
    await popup.locator(`[data-account="${alex.id}"]`).waitFor({ state: 'detached' });
    expect(((await rig.log()) as OptOutLog).accounts).toEqual({});

    // Import through the button's own file dialog (the popup is open as a tab here, where a dialog can open).
    const importFile = async (path: string) => {
      const [chooser] = await Promise.all([popup.waitForEvent('filechooser'), popup.click(popupSelectors.importJson)]);
      await chooser.setFiles(path);
    };
    await importFile(exportPath);
    await popup.locator(popupSelectors.importNotice, { hasText: 'Imported: 2 new entries' }).waitFor({ timeout: resultTimeoutMs });
    await rowShows(popup, alex.id, 'off');
    const restored = (await rig.log()) as OptOutLog;
    // Every entry and state as exported; only this browser's throttle for automatic checks starts afresh.
    expect(restored.accounts[alex.id]).toEqual({ ...before.accounts[alex.id], lastAutoCheckAt: null, autoFailures: 0, autoFixTimes: [] });

    // The same file again adds nothing; an edited one is refused with its reason, and storage stays as it was.
    await importFile(exportPath);
    await popup.locator(popupSelectors.importNotice, { hasText: 'Nothing new in this file' }).waitFor({ timeout: resultTimeoutMs });
    const edited = join(await mkdtemp(join(tmpdir(), 'linkedin-optout-import-')), 'edited.json');
    await writeFile(edited, exported.text.replace('"turned-off"', '"maybe-off"'));
    await importFile(edited);
    const refused = popup.locator(popupSelectors.importNotice, { hasText: 'Not imported, nothing was changed' });
    await refused.waitFor({ timeout: resultTimeoutMs });
    expect(await refused.innerText()).toContain('part of the file cannot be read');
    expect(await rig.log()).toEqual(restored);
  });

  it('keyboard only: reach and press the opt-out button, open the history, reach the settings; focus always shows', async () => {
    await tabTo(popup, popupSelectors.optOut, { maxPresses: 5 });
    await popup.keyboard.press('Enter');
    // The busy button keeps focus (a disabled one would drop it to <body>), and so does the finished one.
    await popup.locator(`${popupSelectors.optOut}[aria-busy="true"]`).waitFor();
    expect(await focusState(popup)).toMatchObject({ where: expect.stringContaining('opt-out'), visible: true });
    await statusShows(popup, 'turned-off');
    const off = await rowShows(popup, alex.id, 'off');
    expect(await focusState(popup)).toMatchObject({ where: expect.stringContaining('opt-out'), visible: true });

    const history = off.locator('details[data-details="history"]');
    await tabTo(popup, `[data-account="${alex.id}"] summary`);
    await popup.keyboard.press('Enter');
    expect(await history.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    // The rows come once the log itself is read: the first screen reads only its summary.
    await history.locator('table tbody tr').first().waitFor();
    expect(await history.locator('table tbody tr').count()).toBe(1);

    const settings = popup.locator('details[data-details="settings"]');
    await tabTo(popup, popupSelectors.settingsSummary);
    await popup.keyboard.press('Space');
    expect(await settings.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    await tabTo(popup, popupSelectors.recheckInterval, { maxPresses: 1 });
    // And back again the other way.
    // Settings' summary, the import, then the export.
    await tabTo(popup, popupSelectors.exportCsv, { backwards: true, maxPresses: 3 });
    await tabTo(popup, popupSelectors.optOut, { backwards: true });
  });

  it('the busy spinner turns for a member, and stands still when the system asks for reduced motion', async () => {
    const spinnerAnimation = () => popup.locator(`${popupSelectors.optOut} .button-spinner`).evaluate((spinner) => getComputedStyle(spinner).animationName);
    try {
      await popup.emulateMedia({ reducedMotion: 'no-preference' });
      expect(await spinnerAnimation()).toBe('spin');
    } finally {
      // The test browsers ask for reduced motion (leanRendering in tests/harness/browser.ts).
      await popup.emulateMedia({ reducedMotion: 'reduce' });
    }
    expect(await spinnerAnimation()).toBe('none');
  });

  it('retry after a failed manual check sends a check again, not an opt-out', async () => {
    rig.simulator.configure({ neverRender: true });
    const [helperTab] = await Promise.all([rig.browser.context.waitForEvent('page'), popup.click(popupSelectors.check)]);
    await helperTab.waitForLoadState('domcontentloaded');
    // Closing LinkedIn's tab ends the operation at once, as a timeout with "try again" (instead of waiting 30 s).
    await helperTab.close();
    const failed = await statusShows(popup, 'timeout');
    const first = await rig.lastResult();
    expect(first?.kind).toBe('check');

    rig.simulator.configure({ neverRender: false });
    await failed.locator(popupSelectors.retry).click();
    const again = await rig.waitForResult(first?.operationId, resultTimeoutMs);
    expect(again.kind).toBe('check');
    expect(again.outcome.kind).toBe('on');
    await statusShows(popup, 'on');
    expect(rig.simulator.saves).toEqual([]);
    expect(rig.simulator.account(alex.id).aiTraining).toBe(true);
  });

  it('axe: no violations when empty, after an opt-out, and on failures with a next step; light and dark', async () => {
    await expectAccessibleInBothSchemes(popup);

    await optOutByClick('turned-off');
    await popup.locator(`[data-account="${alex.id}"] summary`).click();
    await popup.locator(popupSelectors.settingsSummary).click();
    await expectAccessibleInBothSchemes(popup);

    // Not found: a link to the setting and "Copy report".
    rig.simulator.setAiTraining(alex.id, true);
    rig.simulator.configure({ markup: ['not-a-switch'] });
    await optOutByClick('not-found');
    await popup.locator('[data-status="not-found"] a[data-action="open-setting"]').waitFor();
    await expectAccessibleInBothSchemes(popup);

    // Signed out: the sign-in button.
    rig.simulator.configure({ markup: [] });
    await rig.signOut();
    await optOutByClick('signed-out');
    await expectAccessibleInBothSchemes(popup);
  });
});
