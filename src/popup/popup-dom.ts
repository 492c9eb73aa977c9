import type { StateIcon } from './outcome-look';
import type { TextPart } from './time-text';

/** The popup's small DOM builders, and the one way a part is redrawn without losing focus or open <details>. */

type Attributes = Record<string, string | boolean | null | undefined>;

export function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, '');
    else if (typeof value === 'string') node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

export function textParts(doc: Document, parts: readonly TextPart[]): Array<Node | string> {
  return parts.map((part) =>
    typeof part === 'string' ? part : element(doc, 'time', { datetime: part.time.iso, title: part.time.title }, [part.time.text]),
  );
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** Stroke paths on a 24×24 grid; the icon repeats what the words say and is hidden from screen readers. */
const iconPaths: Record<StateIcon, string[]> = {
  ok: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M7.5 12.5l3 3 6-6.5'],
  warning: ['M10.3 4.2 2.6 17.5A2 2 0 0 0 4.3 20.5h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0z', 'M12 9.5v4', 'M12 17h.01'],
  unknown: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M9.6 9.3a2.5 2.5 0 1 1 3.4 2.3c-.6.3-1 .8-1 1.5v.4', 'M12 17h.01'],
  busy: ['M12 3a9 9 0 1 0 9 9'],
};

export function icon(doc: Document, name: StateIcon): SVGSVGElement {
  const svg = doc.createElementNS(svgNamespace, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  for (const d of iconPaths[name]) {
    const path = doc.createElementNS(svgNamespace, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

export function part<T extends Element = HTMLElement>(root: ParentNode, name: string): T {
  const found = root.querySelector<T & Element>(`[data-part="${name}"]`);
  if (!found) throw new Error(`popup skeleton is missing ${name}`);
  return found;
}

/** The key each part was last drawn with: a part is redrawn only when it changed. */
const renderedKeys = new WeakMap<Element, string>();

function focusKey(node: Element): string {
  const account = node.closest('[data-account]')?.getAttribute('data-account') ?? '';
  const details = node.closest('details')?.getAttribute('data-details') ?? '';
  const own = node.getAttribute('data-action') ?? (node.id || node.tagName.toLowerCase());
  return `${account}|${details}|${own}`;
}

function detailsKey(node: Element): string {
  return `${node.closest('[data-account]')?.getAttribute('data-account') ?? ''}|${node.getAttribute('data-details') ?? ''}`;
}

const focusable = 'button, a[href], summary, select, input, textarea';

/** Whether a part shows what `key` stands for: a later draw may have replaced it. */
export function isDrawnWith(container: Element, key: string): boolean {
  return renderedKeys.get(container) === key;
}

/** Replaces a part's children only when what it shows changed; true when it did. */
export function rebuild(container: Element, key: string, build: () => Array<Node | string>): boolean {
  if (renderedKeys.get(container) === key) return false;
  renderedKeys.set(container, key);
  const doc = container.ownerDocument;
  const active = doc.activeElement;
  const activeKey = active && container.contains(active) ? focusKey(active) : null;
  const openDetails = new Set([...container.querySelectorAll('details[open]')].map(detailsKey));

  container.replaceChildren(...build());

  for (const details of container.querySelectorAll('details')) {
    if (openDetails.has(detailsKey(details))) details.open = true;
  }
  if (activeKey !== null) {
    const match = [...container.querySelectorAll<HTMLElement>(focusable)].find((node) => focusKey(node) === activeKey);
    match?.focus();
  }
  return true;
}

export function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}
