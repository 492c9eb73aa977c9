// The 'hashed' markup variant: per-build class names like '_3fa9c1' (docs/linkedin.md §2), shared by server and client.

/** Already-hashed names are left alone, so hashing twice is harmless. */
export const HASHED_CLASS = /^_[0-9a-f]{6}$/;

/** FNV-1a of salt + name, six hex digits: stable within one simulator build, different across builds. */
export function hashedClassName(name: string, salt: string): string {
  if (HASHED_CLASS.test(name)) return name;
  let hash = 0x811c9dc5;
  for (const char of `${salt}:${name}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `_${(hash & 0xffffff).toString(16).padStart(6, '0')}`;
}

/** Rewrites class attributes and `.class` selectors of server-rendered HTML. */
export function hashClassesInHtml(html: string, salt: string): string {
  const withAttributes = html.replace(/\bclass="([^"]*)"/g, (_match, names: string) => {
    const hashed = names.split(/\s+/).filter(Boolean).map((name) => hashedClassName(name, salt));
    return `class="${hashed.join(' ')}"`;
  });
  return withAttributes.replace(/<style>([\s\S]*?)<\/style>/g, (_match, css: string) => `<style>${hashSelectors(css, salt)}</style>`);
}

/** Rewrites `.class` tokens of a stylesheet (numbers like 1.5em never start with a letter after the dot). */
export function hashSelectors(css: string, salt: string): string {
  return css.replace(/\.([a-zA-Z][\w-]*)/g, (_match, name: string) => `.${hashedClassName(name, salt)}`);
}

/** Rewrites classes under `root` and gives id-less elements Ember-style ids, as LinkedIn's older builds do. */
export function hashClassesInDom(root: Element, salt: string, nextEmberId: { value: number }): void {
  for (const element of [root, ...root.querySelectorAll('*')]) {
    const names = [...element.classList];
    if (names.length > 0) element.setAttribute('class', names.map((name) => hashedClassName(name, salt)).join(' '));
    if (!element.id && element !== root && /^(DIV|SECTION|UL|LI|NAV|H1|H2|P)$/.test(element.tagName)) {
      element.id = `ember${nextEmberId.value++}`;
    }
  }
}
