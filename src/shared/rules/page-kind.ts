/** Where LinkedIn sends members who are not signed in (docs/linkedin.md, "Addresses"). */
const signedOutPrefixes = ['/uas/login', '/login', '/authwall', '/signup', '/checkpoint/lg/'];
/** Security checks (captcha, PIN, identity) live below this, apart from the login flow above. */
const challengePrefix = '/checkpoint/';
/** The challenge page's fixed title, whatever the UI language. */
const challengeTitle = 'security verification';

export type PageKind = 'signed-out' | 'challenge' | 'linkedin';

/**
 * Classifies a page by its address, which is language-free, and the challenge page's title. Plain prefix
 * checks rather than regular expressions: this runs on every LinkedIn page, where each first-use regex
 * compilation costs.
 */
export function classifyPage(path: string, title: string): PageKind {
  const signedOut = signedOutPrefixes.some((prefix) => path.startsWith(prefix));
  if (!signedOut && path.startsWith(challengePrefix)) return 'challenge';
  if (title.trim().toLowerCase().startsWith(challengeTitle)) return 'challenge';
  return signedOut ? 'signed-out' : 'linkedin';
}
