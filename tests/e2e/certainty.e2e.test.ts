import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IdentifiedStores } from '../../src/shared/operation';
import { storageKeys } from '../../src/shared/storage';
import { browsersUnderTest, type Tab } from '../harness/driver';
import { type BrowserRig, startBrowserRig } from './browser-rig';
import { account } from './support';

/**
 * Certainty about who is signed in and what happened (issue 19), in Chromium and Firefox: the member bound to
 * LinkedIn's session (its HttpOnly `li_at` set, replaced and removed as LinkedIn does), what the member sees in
 * the popup's state and what the log keeps.
 */

const jana = account('jana-schmidt-4711', { lang: 'de' });
const alex = account('alex-morgan-2024', { lang: 'en' });
const feed = 'https://www.linkedin.com/feed/';

describe.each(browsersUnderTest())('%s', (browserName) => {
  let rig: BrowserRig;

  const rememberedMembers = async () =>
    (await rig.extensionPage.evaluate(async (key) => (await chrome.storage.session.get(key))[key], storageKeys.identifiedStores)) as IdentifiedStores | undefined;

  async function openFeed(): Promise<Tab> {
    return rig.driver.openTab(feed);
  }

  beforeAll(async () => {
    rig = await startBrowserRig(browserName, [jana, alex]);
  });

  afterAll(async () => {
    await rig?.close();
  });

  beforeEach(async () => {
    for (const tab of await rig.linkedInTabs()) await tab.close();
    rig.simulator.reset();
  });

  it("a sign-out (li_at removed) forgets the session's member; a sign-in as someone else does not inherit them", async () => {
    await rig.signIn(jana.id);
    await openFeed();
    await expect.poll(async () => (await rememberedMembers())?.default?.account.key, { timeout: 20_000 }).toBe(jana.id);
    await rig.signOut();
    await expect.poll(async () => (await rememberedMembers())?.default, { timeout: 10_000 }).toBeUndefined();
  });
});
