// The simulator itself, driven in real Chromium WITHOUT the extension: its pages must match docs/linkedin.md.

import type { Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../harness/browser';
import {
  AI_SETTING_KEY,
  AI_SETTING_MOVED_PATH,
  AI_SETTING_PATH,
  DECOY_KEYS,
  DEMO_ACCOUNTS,
  DIALOG_SWITCH_KEY,
  GUIDE_LINK_MARK,
  LABELS,
  NEGATED_KEY,
  OTHER_PEOPLE,
  POLL_PATH,
  SAVE_API_PREFIX,
  SECOND_SWITCH_KEY,
  TRACKING_PATH,
  type SimAccount,
  type Simulator,
  startSimulator,
  UI_LANGUAGES,
} from '../simulator';

const BASE = 'https://www.linkedin.com';
/** The extension's primary hook (docs/linkedin.md §2). */
const TOGGLE = 'input[type="checkbox"][role="switch"][aria-labelledby="allowDataForGenerativeAI"]';
const PRIVACY = `${BASE}/mypreferences/d/categories/privacy`;

const ALEX = 'alex-morgan-2024'; // en
const JANA = 'jana-schmidt-4711'; // de
const OLIVER = 'oliver-brown-uk'; // setting not offered
const MIA = 'mia-keller-check'; // security checkpoint

let sim: Simulator;
let browser: LaunchedBrowser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  sim = await startSimulator({ accounts: [...DEMO_ACCOUNTS] });
  browser = await launchBrowser({ simulator: sim, extensionDir: null, leanRendering: true });
  // One tab for the whole file, emptied between tests: a new tab per test started a renderer process each time,
  // two thirds of this file's CPU (130 CPU s measured, 43 with one tab).
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

beforeEach(async () => {
  sim.reset();
  await browser.context.clearCookies();
  page.removeAllListeners();
  await page.goto('about:blank');
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return () => expect(pageErrors).toEqual([]);
});

async function signIn(id: string): Promise<void> {
  await browser.context.clearCookies();
  await browser.context.addCookies(sim.signInCookies(id));
}

async function toggleState(selector = TOGGLE): Promise<{ checked: boolean; ariaChecked: string | null }> {
  return page.$eval(selector, (el) => ({ checked: (el as HTMLInputElement).checked, ariaChecked: el.getAttribute('aria-checked') }));
}

async function waitForSave(count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (sim.saves.length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${String(count)} save(s), got ${String(sim.saves.length)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('signing in and out', () => {
  test('a signed-out visit to the setting goes to /uas/login with session_redirect, and signing in returns there', async () => {
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    const login = new URL(page.url());
    expect(login.pathname).toBe('/uas/login');
    expect(login.searchParams.get('session_redirect')).toBe(`${BASE}${AI_SETTING_PATH}`);
    expect(sim.requests.find((r) => r.path === AI_SETTING_PATH)?.account).toBeNull();

    await page.getByRole('button', { name: 'Sign in as Jana Schmidt' }).click();
    await page.waitForURL(`${BASE}${AI_SETTING_PATH}`);
    await page.waitForSelector(TOGGLE);
    expect(await page.getAttribute('html', 'lang')).toBe('de');

    const cookies = await browser.context.cookies(BASE);
    const byName = new Map(cookies.map((c) => [c.name, c]));
    expect(byName.get('li_at')?.httpOnly).toBe(true);
    expect(byName.get('JSESSIONID')?.value).toMatch(/^"ajax:\d{19}"$/);
    expect(byName.get('JSESSIONID')?.httpOnly).toBe(false);
    expect(byName.get('liap')?.value).toBe('true');
    expect(byName.get('lang')?.value).toBe('v=2&lang=de-de');
    const scriptCookies = await page.evaluate(() => document.cookie);
    expect(scriptCookies).not.toContain('li_at');
    expect(scriptCookies).toContain('JSESSIONID="ajax:');
    expect(sim.requests.at(-1)?.account).toBe(JANA);
  });

  test('/login lists every account; /m/logout/ signs out', async () => {
    await page.goto(`${BASE}/login`);
    expect(await page.getByRole('button', { name: /^Sign in as / }).count()).toBe(DEMO_ACCOUNTS.length);
    await page.getByRole('button', { name: 'Sign in as Alex Morgan' }).click();
    await page.waitForURL(`${BASE}/feed/`);
    await page.goto(`${BASE}/m/logout/`);
    expect(new URL(page.url()).pathname).toBe('/uas/login');
    await page.goto(`${BASE}/feed/`);
    expect(new URL(page.url()).searchParams.get('session_redirect')).toBe(`${BASE}/feed/`);
  });

  test('a security checkpoint stands before signed-in pages until Verify', async () => {
    await signIn(MIA);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    expect(new URL(page.url()).pathname).toMatch(/^\/checkpoint\/challenge\/AgF/);
    expect(await page.title()).toBe('Security Verification | LinkedIn');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`${BASE}${AI_SETTING_PATH}`);
    await page.waitForSelector(TOGGLE);
    expect(sim.account(MIA).challenge).toBe(false);
  });

  test('responses forbid framing and the pages load nothing from elsewhere', async () => {
    await signIn(ALEX);
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(`${BASE}/`)) foreign.push(request.url());
    });
    const response = await page.goto(`${BASE}/feed/`);
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    await page.waitForSelector(TOGGLE);
    expect(foreign).toEqual([]);
    expect(await page.content()).not.toContain('/__sim');
    const control = await page.goto(`${BASE}/__sim/`);
    expect(control?.status()).toBe(200);
  });
});

describe('feed and profile', () => {
  test('the feed has the Me menu with the own /in/ link, but the first /in/ link is someone else', async () => {
    await signIn(ALEX);
    await page.goto(`${BASE}/`);
    expect(page.url()).toBe(`${BASE}/feed/`);
    const me = page.locator('button[aria-label="Alex Morgan Me"]');
    expect(await me.count()).toBe(1);
    expect(await me.locator('img.global-nav__me-photo').getAttribute('alt')).toBe('Alex Morgan');
    const hrefs = await page.$$eval('a[href^="/in/"]', (links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs[0]).not.toBe(`/in/${ALEX}/`);
    const headerFollowsFirstInLink = await page.$eval('a[href^="/in/"]', (a) => {
      const header = document.querySelector('header');
      return header !== null && (a.compareDocumentPosition(header) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(headerFollowsFirstInLink).toBe(true);

    await me.click();
    const menu = page.locator('#global-nav-me-menu');
    await menu.waitFor({ state: 'visible' });
    expect(await menu.locator(`a[href="/in/${ALEX}/"]`).textContent()).toBe('View profile');
    expect(await menu.locator('a[href="/mypreferences/d/"]').textContent()).toBe('Settings & Privacy');
    expect(await menu.locator('a[href="/m/logout/"]').count()).toBe(1);

    expect(await page.locator('article').count()).toBeGreaterThanOrEqual(50);
    expect(new Set(hrefs).size).toBeGreaterThan(10);
    // DOM churn: a "New posts" pill appears every few seconds.
    await page.waitForSelector('.new-posts-pill', { timeout: 5000 });
  });

  test('a profile page carries bpr-guid JSON islands; on another profile the viewer is not the first MiniProfile', async () => {
    await signIn(JANA);
    const islands = async (): Promise<Array<{ included: Array<{ publicIdentifier: string; entityUrn: string; $type: string }> }>> =>
      page.$$eval('code[id^="bpr-guid-"]', (codes) => codes.map((c) => JSON.parse(c.textContent ?? '') as never));
    await page.goto(`${BASE}/in/${JANA}/`);
    const own = await islands();
    expect(own.at(-1)?.included[0]).toMatchObject({
      $type: 'com.linkedin.voyager.identity.shared.MiniProfile',
      publicIdentifier: JANA,
      entityUrn: sim.account(JANA).urn,
      firstName: 'Jana',
      lastName: 'Schmidt',
    });
    expect(await page.$eval('code[id^="bpr-guid-"]', (c) => (c as HTMLElement).style.display)).toBe('none');

    await page.goto(`${BASE}/in/${OTHER_PEOPLE[3]?.id ?? ''}/`);
    expect(await page.textContent('h1')).toBe(OTHER_PEOPLE[3]?.name);
    const theirs = await islands();
    expect(theirs[0]?.included[0]?.publicIdentifier).not.toBe(JANA);
    expect(theirs.at(-1)?.included[0]?.publicIdentifier).toBe(JANA);
  });
});

describe('the settings app', () => {
  test('/mypreferences/d/ lands on the account category; the privacy row shows the AI value and links to the setting', async () => {
    await signIn(ALEX);
    await page.goto(`${BASE}/mypreferences/d/`);
    expect(page.url()).toBe(`${BASE}/mypreferences/d/categories/account`);
    await page.getByRole('link', { name: 'Data privacy' }).click();
    await page.waitForSelector('text=How LinkedIn uses your data');
    const row = page.locator(`a[href="${AI_SETTING_PATH}"]`);
    expect((await row.innerText()).replace(/\s+/g, ' ')).toMatch(/^Data for Generative AI Improvement On/);
    // Another row also shows "On": the value alone does not identify the AI row.
    expect(await page.locator('a[href*="/mypreferences/d/settings/"]', { hasText: 'On' }).count()).toBeGreaterThan(1);
  });

  test('the setting page renders the hooked toggle only after the render delay', async () => {
    sim.configure({ renderDelayMs: 800 });
    await signIn(ALEX);
    // Recorded by the page as its document is parsed: a look from here may come after the delay on a busy machine.
    await page.addInitScript((toggle) => {
      document.addEventListener('DOMContentLoaded', () => {
        (window as { atParse?: unknown }).atParse = { busy: document.querySelector('main')?.getAttribute('aria-busy'), toggles: document.querySelectorAll(toggle).length };
      });
    }, TOGGLE);
    await page.goto(`${BASE}${AI_SETTING_PATH}`, { waitUntil: 'domcontentloaded' });
    expect(await page.evaluate(() => (window as { atParse?: unknown }).atParse)).toEqual({ busy: 'true', toggles: 0 });
    expect(await page.locator('header img[alt="Alex Morgan"]').count()).toBe(1);
    expect(await page.locator(`header a[href="/in/${ALEX}/"]`).count()).toBe(1);
    await page.waitForSelector(TOGGLE);
    // The app's own mark, on the page's clock from its start: the toggle came no sooner than the delay.
    expect(await page.evaluate(() => (window as { __simTimings?: Record<string, number> }).__simTimings?.['toggle-inserted'])).toBeGreaterThanOrEqual(800);
    expect(await page.getAttribute('main', 'aria-busy')).toBe('false');
    expect(await toggleState()).toEqual({ checked: true, ariaChecked: 'true' });
    const labels = LABELS.en;
    expect(await page.textContent('#allowDataForGenerativeAI')).toBe(labels.aiToggleLabel);
    expect(await page.textContent('h1')).toBe(labels.aiSettingRow);
    const text = await page.innerText('main');
    expect(text).toContain(labels.aiQuestion);
    expect(text).toContain('private messages');
    expect(await page.locator('button', { hasText: /^Save$/ }).count()).toBe(0);
  });

  test('neverRender keeps the spinner forever; latency slows every response', async () => {
    sim.configure({ neverRender: true, latencyMs: 400 });
    await signIn(ALEX);
    const started = Date.now();
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    // The app has its data and withholds the render: what it leaves is all there will be.
    await page.waitForFunction(() => (window as { __simTimings?: Record<string, number> }).__simTimings?.['render-withheld'] !== undefined);
    expect(await page.locator(TOGGLE).count()).toBe(0);
    expect(await page.getAttribute('main', 'aria-busy')).toBe('true');
  });

  test('toggling autosaves with a PUT carrying the CSRF token, and a reload shows the saved state', async () => {
    await signIn(ALEX);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    await page.click(TOGGLE);
    await waitForSave(1);
    expect(sim.saves).toEqual([{ account: ALEX, key: 'allowDataForGenerativeAI', value: false, at: expect.any(Number), result: 'stored' }]);
    expect(sim.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual(['/mysettings-api/settingsApiSettings/allowDataForGenerativeAI']);
    expect(sim.account(ALEX).aiTraining).toBe(false);
    expect(await toggleState()).toEqual({ checked: false, ariaChecked: 'false' });
    await page.reload();
    await page.waitForSelector(TOGGLE);
    expect(await toggleState()).toEqual({ checked: false, ariaChecked: 'false' });

    // A PUT without the right CSRF token is refused and changes nothing.
    const status = await page.evaluate(async () => {
      const response = await fetch('/mysettings-api/settingsApiSettings/allowDataForGenerativeAI', {
        method: 'PUT',
        headers: { 'csrf-token': 'ajax:0000000000000000000', 'content-type': 'application/json' },
        body: JSON.stringify({ value: true }),
      });
      return response.status;
    });
    expect(status).toBe(403);
    expect(sim.saves.at(-1)?.result).toBe('rejected');
    expect(sim.account(ALEX).aiTraining).toBe(false);

    // "LinkedIn turns it back on."
    sim.setAiTraining(ALEX, true);
    await page.reload();
    await page.waitForSelector(TOGGLE);
    expect(await toggleState()).toEqual({ checked: true, ariaChecked: 'true' });
  });

  test("save 'fail': the PUT answers 500, the toggle goes back On and an error shows", async () => {
    sim.configure({ save: 'fail' });
    await signIn(ALEX);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    await page.click(TOGGLE);
    await page.waitForSelector('[role="alert"]:not([hidden])');
    expect(await page.textContent('[role="alert"]')).toBe(LABELS.en.saveFailed);
    expect(await toggleState()).toEqual({ checked: true, ariaChecked: 'true' });
    expect(sim.saves.map((s) => s.result)).toEqual(['failed']);
    expect(sim.account(ALEX).aiTraining).toBe(true);
  });

  test("save 'revert': the PUT answers 200 but a fresh load shows On again", async () => {
    sim.configure({ save: 'revert' });
    await signIn(ALEX);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    await page.click(TOGGLE);
    await waitForSave(1);
    expect(await toggleState()).toEqual({ checked: false, ariaChecked: 'false' });
    expect(await page.locator('[role="alert"]').isVisible()).toBe(false);
    expect(sim.saves.map((s) => s.result)).toEqual(['not-stored']);
    await page.reload();
    await page.waitForSelector(TOGGLE);
    expect(await toggleState()).toEqual({ checked: true, ariaChecked: 'true' });
  });

  test('offered=false: no AI row, and the setting address redirects to the privacy category', async () => {
    await signIn(OLIVER);
    await page.goto(PRIVACY);
    await page.waitForSelector('text=How LinkedIn uses your data');
    expect(await page.locator('text=Data for Generative AI Improvement').count()).toBe(0);
    expect(await page.locator(`a[href="${AI_SETTING_PATH}"]`).count()).toBe(0);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    expect(page.url()).toBe(PRIVACY);
  });

  test('in-app links use pushState (no new document), and back/forward re-render', async () => {
    await signIn(ALEX);
    await page.goto(PRIVACY);
    await page.waitForSelector(`a[href="${AI_SETTING_PATH}"]`);
    await page.evaluate(() => Object.assign(window, { simMarker: 'same document' }));
    const documentsBefore = sim.requests.filter((r) => r.path.startsWith('/mypreferences/')).length;
    await page.click(`a[href="${AI_SETTING_PATH}"]`);
    await page.waitForSelector(TOGGLE);
    expect(page.url()).toBe(`${BASE}${AI_SETTING_PATH}`);
    expect(await page.evaluate(() => (window as unknown as { simMarker?: string }).simMarker)).toBe('same document');
    expect(sim.requests.filter((r) => r.path.startsWith('/mypreferences/')).length).toBe(documentsBefore);
    await page.goBack();
    await page.waitForSelector(`a[href="${AI_SETTING_PATH}"]`);
    expect(page.url()).toBe(PRIVACY);
    await page.goForward();
    await page.waitForSelector(TOGGLE);
    expect(await page.evaluate(() => (window as unknown as { simMarker?: string }).simMarker)).toBe('same document');
  });

  test('two accounts keep separate state', async () => {
    await signIn(ALEX);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    await page.click(TOGGLE);
    await waitForSave(1);
    await signIn(JANA);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    await page.waitForSelector(TOGGLE);
    expect(await page.textContent('#allowDataForGenerativeAI')).toBe(LABELS.de.aiToggleLabel);
    expect(await toggleState()).toEqual({ checked: true, ariaChecked: 'true' });
    expect(sim.account(ALEX).aiTraining).toBe(false);
    expect(sim.account(JANA).aiTraining).toBe(true);
    await signIn(ALEX);
    await page.goto(PRIVACY);
    const row = page.locator(`a[href="${AI_SETTING_PATH}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Off');
  });
});

describe('markup variants', () => {
  async function openSetting(id = ALEX): Promise<void> {
    await signIn(id);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    await page.waitForSelector('main[aria-busy="false"]');
  }

  test("'artdeco' wraps the input as LinkedIn's artdeco toggle with an On/Off text", async () => {
    sim.configure({ markup: ['artdeco'] });
    await openSetting(JANA);
    const input = page.locator(`div.artdeco-toggle > ${TOGGLE.replace('input', 'input.artdeco-toggle__button')}`);
    expect(await input.count()).toBe(1);
    const label = page.locator('div.artdeco-toggle > input + label.artdeco-toggle__label > span.artdeco-toggle__text');
    expect(await label.textContent()).toBe('Ein');
    // As in LinkedIn's artdeco CSS, the transparent input lies over the label and takes the click.
    await input.click();
    await waitForSave(1);
    expect(await label.textContent()).toBe('Aus');
    expect(sim.account(JANA).aiTraining).toBe(false);
  });

  test("'hashed' replaces every class with per-build names and adds ember ids", async () => {
    sim.configure({ markup: ['hashed', 'artdeco'] });
    await openSetting();
    const classes = await page.$$eval('[class]', (els) => els.flatMap((el) => [...el.classList]));
    expect(classes.length).toBeGreaterThan(10);
    expect(classes.filter((c) => !/^_[0-9a-f]{6}$/.test(c))).toEqual([]);
    expect(await page.locator('[id^="ember"]').count()).toBeGreaterThan(3);
    expect(await page.locator(TOGGLE).count()).toBe(1);
    expect(await page.locator('.artdeco-toggle').count()).toBe(0);
  });

  test("'aria-stale' leaves aria-checked at its first value after a change", async () => {
    sim.configure({ markup: ['aria-stale'] });
    await openSetting();
    await page.click(TOGGLE);
    await waitForSave(1);
    expect(await toggleState()).toEqual({ checked: false, ariaChecked: 'true' });
  });

  test("'second-switch' puts an unrelated On switch first, saving to its own key", async () => {
    sim.configure({ markup: ['second-switch'] });
    await openSetting();
    const switches = await page.$$eval('[role="switch"]', (els) => els.map((el) => el.getAttribute('aria-labelledby')));
    expect(switches).toEqual([SECOND_SWITCH_KEY, 'allowDataForGenerativeAI']);
    const other = `[role="switch"][aria-labelledby="${SECOND_SWITCH_KEY}"]`;
    expect(await toggleState(other)).toEqual({ checked: true, ariaChecked: 'true' });
    expect(await page.textContent(`#${SECOND_SWITCH_KEY}`)).toBe(LABELS.en.secondSwitchLabel);
    await page.click(other);
    await waitForSave(1);
    expect(sim.saves[0]).toMatchObject({ key: SECOND_SWITCH_KEY, value: false, result: 'stored' });
    expect(sim.account(ALEX).otherSettings[SECOND_SWITCH_KEY]).toBe(false);
    expect(sim.account(ALEX).aiTraining).toBe(true);
  });

  test("'relabelled' changes the aria-labelledby key; only the label text identifies the toggle", async () => {
    sim.configure({ markup: ['relabelled'] });
    await openSetting();
    expect(await page.locator(TOGGLE).count()).toBe(0);
    const toggle = page.getByRole('switch', { name: LABELS.en.aiToggleLabel });
    expect(await toggle.getAttribute('aria-labelledby')).toBe('gai-consent-x7');
    await toggle.click();
    await waitForSave(1);
    expect(sim.saves[0]).toMatchObject({ key: 'allowDataForGenerativeAI', value: false, result: 'stored' });
  });

  test("'button-switch' makes the control a <button role=switch> with aria-checked", async () => {
    sim.configure({ markup: ['button-switch'] });
    await openSetting();
    const button = page.locator('button[role="switch"][aria-labelledby="allowDataForGenerativeAI"]');
    expect(await button.getAttribute('aria-checked')).toBe('true');
    expect(await page.locator('input[type="checkbox"]').count()).toBe(0);
    await button.click();
    await waitForSave(1);
    expect(await button.getAttribute('aria-checked')).toBe('false');
    expect(sim.account(ALEX).aiTraining).toBe(false);
  });

  test("'not-a-switch' hangs the key on a plain link and offers no control", async () => {
    sim.configure({ markup: ['not-a-switch'] });
    await openSetting();
    const hooked = await page.$$eval('[aria-labelledby="allowDataForGenerativeAI"]', (els) => els.map((el) => el.tagName));
    expect(hooked).toEqual(['A']);
    expect(await page.locator('[role="switch"], input[type="checkbox"]').count()).toBe(0);
    expect(await page.textContent('#allowDataForGenerativeAI')).toBe(LABELS.en.aiToggleLabel);
  });

  test("'moved' redirects the old address to the account category; the privacy row leads to the new one", async () => {
    sim.configure({ markup: ['moved'] });
    await signIn(ALEX);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    expect(page.url()).toBe(`${BASE}/mypreferences/d/categories/account`);
    await page.goto(PRIVACY);
    const row = page.locator('a', { hasText: 'Data for Generative AI Improvement' });
    await row.waitFor();
    expect(await row.getAttribute('href')).toBe(AI_SETTING_MOVED_PATH);
    await row.click();
    await page.waitForSelector(TOGGLE);
    expect(page.url()).toBe(`${BASE}${AI_SETTING_MOVED_PATH}`);
  });

  test("'full-reload-links' makes in-app links load a new document", async () => {
    sim.configure({ markup: ['full-reload-links'] });
    await signIn(ALEX);
    await page.goto(PRIVACY);
    await page.waitForSelector(`a[href="${AI_SETTING_PATH}"]`);
    await page.evaluate(() => Object.assign(window, { simMarker: 'old document' }));
    await page.click(`a[href="${AI_SETTING_PATH}"]`);
    await page.waitForSelector(TOGGLE);
    expect(await page.evaluate(() => (window as unknown as { simMarker?: string }).simMarker)).toBeUndefined();
    expect(sim.requests.filter((r) => r.path === AI_SETTING_PATH && r.method === 'GET')).toHaveLength(1);
  });
});

describe('safety variants: the pages a redesigned LinkedIn could serve', () => {
  async function openSetting(id = ALEX): Promise<void> {
    await signIn(id);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    await page.waitForSelector('main[aria-busy="false"]');
  }

  test("'negated' inverts the switch under a renamed key: on means NOT training, and turning it on saves false", async () => {
    sim.configure({ markup: ['negated'] });
    await openSetting(JANA);
    const negated = `input[role="switch"][aria-labelledby="${NEGATED_KEY}"]`;
    expect(await page.locator(TOGGLE).count()).toBe(0);
    expect(await page.textContent(`#${NEGATED_KEY}`)).toBe(LABELS.de.negatedToggleLabel);
    expect(await toggleState(negated)).toEqual({ checked: false, ariaChecked: 'false' });
    await page.click(negated);
    await waitForSave(1);
    expect(sim.saves[0]).toMatchObject({ key: AI_SETTING_KEY, value: false, result: 'stored' });
    expect(sim.account(JANA).aiTraining).toBe(false);
  });

  test("'key-missing' and 'reworded' leave no aria-labelledby: a <label for> names the switch, reworded or not", async () => {
    for (const [markup, text] of [[['key-missing'], LABELS.en.aiToggleLabel], [['reworded'], LABELS.en.rewordedToggleLabel]] as const) {
      sim.configure({ markup: [...markup] });
      await openSetting();
      expect(await page.locator('main [aria-labelledby]').count()).toBe(0);
      const id = await page.getAttribute('main input[role="switch"]', 'id');
      expect(await page.textContent(`label[for="${id ?? ''}"]`)).toBe(text);
    }
  });

  test("'decoys' puts two On switches with near labels around the real one, each saving to its own key", async () => {
    sim.configure({ markup: ['decoys'] });
    await openSetting();
    const keys = await page.$$eval('[role="switch"]', (els) => els.map((el) => el.getAttribute('aria-labelledby')));
    expect(keys).toEqual([DECOY_KEYS[0], AI_SETTING_KEY, DECOY_KEYS[1]]);
    expect(await page.textContent(`#${DECOY_KEYS[0]}`)).toBe(`${LABELS.en.aiToggleLabel} (LinkedIn Learning)`);
    await page.click(`[aria-labelledby="${DECOY_KEYS[1]}"]`);
    await waitForSave(1);
    expect(sim.saves[0]).toMatchObject({ key: DECOY_KEYS[1], value: false, result: 'stored' });
    expect(sim.account(ALEX).aiTraining).toBe(true);
  });

  test("'plain-checkbox' and 'div-switch': a checkbox with no role or aria-checked; an ARIA-only <div>", async () => {
    sim.configure({ markup: ['plain-checkbox'] });
    await openSetting();
    const plain = page.locator('input[type="checkbox"][aria-labelledby="allowDataForGenerativeAI"]');
    expect(await plain.getAttribute('role')).toBeNull();
    expect(await plain.getAttribute('aria-checked')).toBeNull();
    sim.configure({ markup: ['div-switch'] });
    await openSetting();
    const div = page.locator('div[role="switch"][aria-labelledby="allowDataForGenerativeAI"]');
    expect(await div.getAttribute('aria-checked')).toBe('true');
    await div.press('Space');
    await waitForSave(1);
    expect(await div.getAttribute('aria-checked')).toBe('false');
    expect(sim.account(ALEX).aiTraining).toBe(false);
  });

  test("'visible-duplicate' renders the keyed switch twice", async () => {
    sim.configure({ markup: ['visible-duplicate'] });
    await openSetting();
    expect(await page.locator(`${TOGGLE}:visible`).count()).toBe(2);
  });

  test("'placeholder' shows a disabled, busy switch reading the opposite first, then the real one", async () => {
    sim.configure({ markup: ['placeholder'] });
    // Every switch the page inserts, as the page inserts it: the stand-in shows only briefly, and a look from here may
    // come after it on a busy machine.
    await page.addInitScript((toggle) => {
      const seen: unknown[] = ((window as { switchesSeen?: unknown[] }).switchesSeen = []);
      new MutationObserver((records) => {
        for (const node of records.flatMap((record) => [...record.addedNodes])) {
          if (!(node instanceof Element)) continue;
          for (const input of [node, ...node.querySelectorAll(toggle)].filter((element) => element.matches(toggle)) as HTMLInputElement[]) {
            seen.push({ disabled: input.disabled, busy: input.getAttribute('aria-busy'), ariaDisabled: input.getAttribute('aria-disabled'), checked: input.checked, ariaChecked: input.getAttribute('aria-checked') });
          }
        }
      }).observe(document, { childList: true, subtree: true });
    }, TOGGLE);
    await openSetting();
    await page.locator(`${TOGGLE}:enabled:not([aria-busy])`).waitFor();
    expect(await page.evaluate(() => (window as { switchesSeen?: unknown[] }).switchesSeen)).toEqual([
      { disabled: true, busy: 'true', ariaDisabled: 'true', checked: false, ariaChecked: 'false' },
      { disabled: false, busy: null, ariaDisabled: null, checked: true, ariaChecked: 'true' },
    ]);
    expect(await page.locator(TOGGLE).count()).toBe(1);
    expect(await page.locator(`${TOGGLE}:enabled:not([aria-busy])`).count()).toBe(1);
    expect(await toggleState()).toEqual({ checked: true, ariaChecked: 'true' });
  });

  test("'aria-conflict' keeps aria-checked opposite to checked, before and after a change", async () => {
    sim.configure({ markup: ['aria-conflict'] });
    await openSetting();
    expect(await toggleState()).toEqual({ checked: true, ariaChecked: 'false' });
    await page.click(TOGGLE);
    await waitForSave(1);
    expect(await toggleState()).toEqual({ checked: false, ariaChecked: 'true' });
  });

  test("'no-identity' and 'other-member-header': no own /in/ link or photo; the second shows only others' in a <header>", async () => {
    sim.configure({ markup: ['no-identity'] });
    await openSetting();
    expect(await page.locator('a[href*="/in/"], img[alt="Alex Morgan"]').count()).toBe(0);
    expect(await page.content()).not.toContain(ALEX);
    sim.configure({ markup: ['other-member-header'] });
    await openSetting();
    const hrefs = await page.$$eval('header a[href*="/in/"]', (links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    const others = new Set(OTHER_PEOPLE.map((person) => `/in/${person.id}/`));
    expect(hrefs.filter((href) => !others.has(href ?? ''))).toEqual([]);
    expect(await page.content()).not.toContain(ALEX);
  });

  test("'dialog' lays a modal with its own On switch over the page; its buttons close it", async () => {
    sim.configure({ markup: ['dialog'] });
    await openSetting();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await toggleState(`[role="dialog"] [aria-labelledby="${DIALOG_SWITCH_KEY}"]`)).toEqual({ checked: true, ariaChecked: 'true' });
    expect(await page.locator(TOGGLE).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Accept and continue' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(sim.saves).toEqual([]);
  });

  test("'feed-guide' sends every settings address to the feed, where posts carry the product's words and marked settings links", async () => {
    sim.configure({ markup: ['feed-guide'] });
    await signIn(JANA);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    expect(page.url()).toBe(`${BASE}/feed/`);
    const links = await page.$$eval('article a[href^="/mypreferences/"]', (els) => els.map((el) => el.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(2);
    expect(links.every((href) => href.endsWith(GUIDE_LINK_MARK))).toBe(true);
    const posts = await page.innerText('main');
    for (const words of [LABELS.de.aiToggleLabel, LABELS.de.aiSettingRow, LABELS.de.dataPrivacy]) expect(posts).toContain(words);
  });

  test('background traffic: a beacon per page view and per click, polling by XHR; none with the knob off', async () => {
    await openSetting();
    await page.click(TOGGLE);
    await waitForSave(1);
    const put = sim.requests.find((r) => r.method === 'PUT' && r.path === `${SAVE_API_PREFIX}/${AI_SETTING_KEY}`);
    await expect.poll(() => sim.requests.filter((r) => r.path === TRACKING_PATH && put !== undefined && r.at >= put.at).length).toBeGreaterThan(0);
    // The first poll comes one interval after load.
    await expect.poll(() => sim.requests.filter((r) => r.path === POLL_PATH && r.method === 'GET').length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(sim.requests.filter((r) => r.path === TRACKING_PATH && r.method === 'POST').length).toBeGreaterThanOrEqual(2);

    sim.reset();
    sim.configure({ backgroundTraffic: false });
    await openSetting();
    expect(await page.locator('script[src="/sim-static/page-traffic.js"]').count()).toBe(0);
  });

  test('saveLatencyMs holds the save back: the server stores it only when it answers', async () => {
    sim.configure({ saveLatencyMs: 600 });
    await openSetting();
    await page.click(TOGGLE);
    await expect.poll(() => sim.requests.some((r) => r.method === 'PUT')).toBe(true);
    expect(sim.account(ALEX).aiTraining).toBe(true);
    await waitForSave(1);
    expect(sim.account(ALEX).aiTraining).toBe(false);
  });
});

describe('languages', () => {
  const accountsByLanguage = new Map(DEMO_ACCOUNTS.filter((a) => a.offered !== false && !a.challenge).map((a) => [a.lang, a] as const));

  test.each([...UI_LANGUAGES])('%s: html lang, row, toggle label and On/Off follow the UI language', async (lang) => {
    sim.configure({ renderDelayMs: 0 });
    const account = accountsByLanguage.get(lang) as SimAccount;
    const labels = LABELS[lang];
    await signIn(account.id);
    await page.goto(PRIVACY);
    await page.waitForSelector(`a[href="${AI_SETTING_PATH}"]`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    const main = await page.innerText('main');
    expect(main).toContain(labels.dataPrivacy);
    expect(main).toContain(labels.howLinkedInUsesYourData);
    const row = (await page.innerText(`a[href="${AI_SETTING_PATH}"]`)).replace(/\s+/g, ' ');
    // Labels may hold no-break spaces (typographic variants): compared with all white space folded.
    expect(row).toBe(`${labels.aiSettingRow} ${labels.on} ›`.replace(/\s+/g, ' '));
    await page.goto(`${BASE}/feed/`);
    expect(await page.textContent('#global-nav-me-menu a[href="/mypreferences/d/"]')).toBe(labels.settingsMenu);
    await page.goto(`${BASE}${AI_SETTING_PATH}`);
    await page.waitForSelector(TOGGLE);
    expect(await page.textContent('#allowDataForGenerativeAI')).toBe(labels.aiToggleLabel);
    expect(await page.innerText('main')).toContain(labels.aiQuestion);
  });
});
