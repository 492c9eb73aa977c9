/** Where LinkedIn sends members who are not signed in (linkedin-facts.md §1). */
const signedOutPaths = [/^\/uas\/login/, /^\/login/, /^\/authwall/, /^\/signup/, /^\/checkpoint\/lg\//];
/** Security checks: captcha, PIN, identity verification. */
const challengePaths = [/^\/checkpoint\/challenge/, /^\/checkpoint\/(?!lg\/)/];

export type PageKind = 'signed-out' | 'challenge' | 'linkedin';

/** Classifies a page by its address, which is language-free, and the challenge page's fixed title. */
export function classifyPage(path: string, title: string): PageKind {
  if (challengePaths.some((pattern) => pattern.test(path))) return 'challenge';
  if (/^security verification\b/i.test(title.trim())) return 'challenge';
  if (signedOutPaths.some((pattern) => pattern.test(path))) return 'signed-out';
  return 'linkedin';
}
