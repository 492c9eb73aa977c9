/** LinkedIn's own origin: links anywhere else are never followed or read as a member's. */
export const linkedInOrigin = 'https://www.linkedin.com';

/** The path an `href` leads to, resolved against `base`; null when it is not on www.linkedin.com or not a URL. */
export function linkedInPath(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    return url.origin === linkedInOrigin ? url.pathname : null;
  } catch {
    return null;
  }
}
