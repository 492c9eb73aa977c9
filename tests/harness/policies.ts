// Real enterprise policies for one test browser, and for no other browser on the machine: Chromium's
// policy is keyed to the id of a private copy of the extension, Firefox's lives in a private copy of
// the browser's install folder. Other engineers run the same browsers with the same add-on id at the same
// time, so nothing here writes a policy any other browser could read.

import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DEFAULT_EXTENSION_DIR } from './browser';
import { firefoxPath } from './firefox';

/** Where Debian's Chromium reads mandatory policies (docs/organisations.md, "Linux"). */
export const chromiumPolicyDir = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

export type PolicyValues = Record<string, unknown>;

/** Chromium's id for an unpacked extension: the first 128 bits of SHA-256 of its absolute path, each hex digit as a letter a–p. */
export function unpackedExtensionId(absolutePath: string): string {
  const hex = createHash('sha256').update(absolutePath).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(digit, 16))).join('');
}

export type ChromiumPolicy = {
  extensionDir: string;
  extensionId: string;
  /** The organisation changes its policy: Chromium notices the file changed and tells the extension. */
  rewrite(policy: PolicyValues): Promise<void>;
  remove(): Promise<void>;
};

/**
 * A copy of the built extension in its own temporary folder and a managed policy file that names only
 * that copy's id under `3rdparty.extensions`. `remove` deletes both; call it in a finally or afterAll.
 */
export async function chromiumPolicyFor(policy: PolicyValues): Promise<ChromiumPolicy> {
  const folder = await realpath(await mkdtemp(join(tmpdir(), 'linkedin-optout-policy-ext-')));
  const extensionDir = join(folder, 'chrome');
  const policyFile = join(chromiumPolicyDir, `linkedin-optout-e2e-${randomUUID()}.json`);
  const remove = async (): Promise<void> => {
    await rm(policyFile, { force: true });
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await cp(resolve(DEFAULT_EXTENSION_DIR), extensionDir, { recursive: true });
    const extensionId = unpackedExtensionId(extensionDir);
    const rewrite = (values: PolicyValues) => writeFile(policyFile, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: values } } }, null, 2));
    await mkdir(chromiumPolicyDir, { recursive: true });
    await rewrite(policy);
    return { extensionDir, extensionId, rewrite, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

export type FirefoxPolicy = { firefoxPath: string; remove(): Promise<void> };

/**
 * A private copy of Firefox's install folder whose `distribution/policies.json` hands `policy` to the
 * add-on `geckoId` (`3rdparty.Extensions`). The shared install and /etc are never written.
 */
export async function firefoxPolicyFor(geckoId: string, policy: PolicyValues): Promise<FirefoxPolicy> {
  const executable = await realpath(firefoxPath());
  const installDir = dirname(executable);
  const folder = await mkdtemp(join(tmpdir(), 'linkedin-optout-policy-firefox-'));
  const copy = join(folder, 'firefox');
  const remove = (): Promise<void> => rm(folder, { recursive: true, force: true });
  try {
    // A real copy, not links: nothing Firefox writes there may reach the shared install.
    await cp(installDir, copy, { recursive: true, verbatimSymlinks: true });
    // Debian's distribution folder is a link into /usr/share: replaced by a folder of our own.
    await rm(join(copy, 'distribution'), { recursive: true, force: true });
    await mkdir(join(copy, 'distribution'));
    await writeFile(join(copy, 'distribution', 'policies.json'), JSON.stringify({ policies: { '3rdparty': { Extensions: { [geckoId]: policy } } } }, null, 2));
    return { firefoxPath: join(copy, basename(executable)), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
