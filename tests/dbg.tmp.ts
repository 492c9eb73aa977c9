import { startBrowserRig } from './e2e/browser-rig';
import { account } from './e2e/support';
for (const name of ['firefox', 'chromium'] as const) {
  const rig = await startBrowserRig(name, [account('alex-morgan-2024')]);
  await rig.signIn('alex-morgan-2024');
  const p = rig.extensionPage;
  console.log(name, await p.evaluate(() => chrome.permissions.remove({ origins: ['https://www.linkedin.com/*'] }), null));
  console.log(name, 'contains', await p.evaluate(() => chrome.permissions.contains({ origins: ['https://www.linkedin.com/*'] }), null));
  await p.click('[data-action="opt-out"]');
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    console.log(name, i, await p.attribute('[data-status]', 'data-status'), (await p.text('[data-status]')).slice(0, 150).replace(/\n/g, ' | '), await rig.operation().then((o) => o?.phase));
  }
  console.log(name, 'contains', await p.evaluate(() => chrome.permissions.contains({ origins: ['https://www.linkedin.com/*'] }), null));
  await rig.close();
}
