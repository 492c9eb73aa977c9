import { describe, expect, it } from 'vitest';
import { browsersUnderTest } from '../harness/driver';
import { AI_SETTING_KEY, AI_SETTING_PATH, OTHER_PEOPLE } from '../simulator';
import { accountsInLog, alex, configure, feed, historyOf, jana, proveOn, rememberedMembers, rowsShown, sessionCertaintyRig, signInAs, turnOff, visit } from './session-certainty';
import { savesOf } from './support';

/** Who is signed in (session-certainty.ts): a member is proven by the page, bound to the session, and never someone else. */

const stranger = OTHER_PEOPLE[3]!;

describe.each(browsersUnderTest())('%s', (browserName) => {
  const currentRig = sessionCertaintyRig(browserName);

  it("a sign-out (li_at removed) forgets the session's member; the next member has to prove themselves", async () => {
    const rig = currentRig();
    await signInAs(rig, jana.id);
    await proveOn(rig, feed, jana.id);
    await rig.signOut();
    await expect.poll(async () => (await rememberedMembers(rig))?.default, { timeout: 10_000 }).toBeUndefined();
    await signInAs(rig, alex.id);
    await proveOn(rig, feed, alex.id);
  });

  it('lazy "Me" menu and a header-less settings app: nothing until the page\'s own record proves the member, then turned off and verified as them', async () => {
    const rig = currentRig();
    configure(rig, ['lazy-me-menu', 'no-identity']);
    await signInAs(rig, jana.id);
    await visit(rig, feed);
    await turnOff(rig, 'account-unconfirmed');
    expect(savesOf(rig.simulator, AI_SETTING_KEY)).toEqual([]);
    expect(await accountsInLog(rig)).toEqual([]);

    // Her own profile carries the page's record of the viewer: proof in this session.
    await proveOn(rig, `https://www.linkedin.com/in/${jana.id}/`, jana.id);
    await turnOff(rig, 'turned-off');
    expect(rig.simulator.account(jana.id).aiTraining).toBe(false);
    expect(await historyOf(rig, jana.id)).toContain('turned-off');
    await rig.extensionPage.waitFor(`[data-account="${jana.id}"][data-state="off"]`);
  });

  it('alias links (/in/me/): never an account called "me"; the member is filed as themselves once proven', async () => {
    const rig = currentRig();
    configure(rig, ['alias-links']);
    await signInAs(rig, jana.id);
    await visit(rig, feed);
    await turnOff(rig, 'account-unconfirmed');
    expect(await accountsInLog(rig)).toEqual([]);
    await proveOn(rig, `https://www.linkedin.com/in/${jana.id}/`, jana.id);
    await turnOff(rig, 'turned-off');
    expect(await accountsInLog(rig)).toEqual([jana.id]);
    expect(await rowsShown(rig)).toEqual([jana.id]);
  });

  it("a stranger's profile with the owner's data island: the stranger is no account, and nothing is checked for them", async () => {
    const rig = currentRig();
    configure(rig, ['lazy-me-menu', 'no-viewer-record']);
    await signInAs(rig, jana.id);
    const strangersProfile = await visit(rig, `https://www.linkedin.com/in/${stranger.id}/`);
    // Its wait for a late header ends with the page: nothing more can come from it.
    await strangersProfile.close();
    expect(await rig.operation()).toBeUndefined();
    expect(rig.simulator.requests.filter((request) => request.path === AI_SETTING_PATH)).toEqual([]);
    expect(await accountsInLog(rig)).toEqual([]);
    expect(await rowsShown(rig)).toEqual([]);
    expect((await rig.badge()).title).not.toContain(stranger.name);
  });

});
