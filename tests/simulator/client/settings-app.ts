// The simulated "settings-web" app, run in the page: renders late, navigates with pushState, autosaves (docs/linkedin.md §2).
// Bundled by ../client-bundle.ts and served as /sim-static/settings-app.js.

import { hashClassesInDom } from '../hashed-names';
import type { PageLabels } from '../labels';
import type { AppKnobs, SettingsApiResponse, SettingsBootstrap } from '../pages/settings-shell';
import {
  AI_SETTING_KEY,
  CATEGORY_PREFIX,
  CATEGORY_SLUGS,
  RELABELLED_KEY,
  SAVE_API_PREFIX,
  SECOND_SWITCH_KEY,
  categorySections,
  resolveSettingsRoute,
  type CategorySlug,
  type Route,
} from '../site-map';
import type { MarkupVariant } from '../types';

const bootstrapElement = document.getElementById('settings-web-bootstrap');
if (!bootstrapElement?.textContent) throw new Error('settings-web: no bootstrap data');
const boot = JSON.parse(bootstrapElement.textContent) as SettingsBootstrap;
const labels: PageLabels = boot.labels;
const main = document.querySelector('main');
if (!main) throw new Error('settings-web: no <main>');
const appRoot: HTMLElement = main;
const emberIds = { value: 100 + Math.floor(Math.random() * 800) };

let knobs: AppKnobs = boot.knobs;
let navigationId = 0;
let toggleIds = 0;

/** Benchmark hook (tests/bench, reaction time): page-world timestamps, also logged as the extension closes its tab right after. */
function benchMark(name: 'toggle-inserted' | 'toggle-changed'): void {
  const at = performance.now();
  ((window as unknown as { __simTimings?: Record<string, number> }).__simTimings ??= {})[name] = at;
  console.debug(`sim-timing ${name} ${String(performance.timeOrigin + at)}`);
}

function has(variant: MarkupVariant): boolean {
  return knobs.markup.includes(variant);
}

/** Tiny element builder: el('a', { href: '/x', class: 'y' }, 'text', child). */
function el(tag: string, attributes: Record<string, string | boolean | undefined> = {}, ...children: Array<Node | string>): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

function csrfToken(): string {
  const match = /(?:^|;\s*)JSESSIONID=([^;]*)/.exec(document.cookie);
  return (match?.[1] ?? '').replace(/^"|"$/g, '');
}

async function readValues(): Promise<SettingsApiResponse> {
  const response = await fetch(SAVE_API_PREFIX, { headers: { 'csrf-token': csrfToken(), accept: 'application/json' } });
  if (!response.ok) throw new Error(`settings-web: read failed with ${String(response.status)}`);
  return (await response.json()) as SettingsApiResponse;
}

async function saveValue(key: string, value: boolean): Promise<boolean> {
  try {
    const response = await fetch(`${SAVE_API_PREFIX}/${encodeURIComponent(key)}`, {
      method: 'PUT',
      headers: { 'csrf-token': csrfToken(), 'content-type': 'application/json' },
      body: JSON.stringify({ value }),
    });
    // Like LinkedIn's data layer, the app reads the answer (which also completes its resource timing entry).
    await response.text();
    return response.ok;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function showSpinner(): void {
  appRoot.setAttribute('aria-busy', 'true');
  appRoot.replaceChildren(el('div', { class: 'settings-spinner', role: 'progressbar', 'aria-label': labels.loading }));
  if (has('hashed')) hashClassesInDom(appRoot, boot.buildSalt, emberIds);
}

async function navigate(pathname: string): Promise<void> {
  const id = ++navigationId;
  const startedAt = performance.now();
  showSpinner();
  let data: SettingsApiResponse;
  try {
    data = await readValues();
  } catch {
    return; // a failed read leaves the spinner, as a broken app would
  }
  knobs = data.simKnobs;
  if (knobs.neverRender) return;
  await sleep(startedAt + knobs.renderDelayMs - performance.now());
  if (id !== navigationId) return; // a newer navigation won
  const route = resolveSettingsRoute(pathname, { offered: boot.offered, markup: knobs.markup });
  if (route.kind === 'redirect') {
    history.replaceState(null, '', route.to);
    await navigate(route.to);
    return;
  }
  render(route, data.values);
}

function render(route: Exclude<Route, { kind: 'redirect' }>, values: Record<string, boolean>): void {
  const current: CategorySlug | null =
    route.kind === 'category' ? route.slug : route.kind === 'ai-setting' ? 'privacy' : route.kind === 'other-setting' ? 'account' : null;
  const content =
    route.kind === 'category'
      ? categoryContent(route.slug, values)
      : route.kind === 'ai-setting'
        ? aiSettingContent(values)
        : route.kind === 'other-setting'
          ? otherSettingContent(route.slug)
          : el('section', { class: 'settings-content' }, el('h1', {}, labels.notFound));
  appRoot.replaceChildren(settingsNav(current), content);
  if (route.kind === 'ai-setting') benchMark('toggle-inserted');
  appRoot.setAttribute('aria-busy', 'false');
  if (has('hashed')) hashClassesInDom(document.body, boot.buildSalt, emberIds);
  document.title = `${route.kind === 'ai-setting' ? labels.aiSettingRow : labels.settingsMenu} | LinkedIn`;
}

function settingsNav(current: CategorySlug | null): HTMLElement {
  const links = CATEGORY_SLUGS.map((slug) =>
    el(
      'a',
      { class: 'settings-nav__link', href: `${CATEGORY_PREFIX}${slug}`, 'aria-current': slug === current ? 'page' : undefined },
      labels.categories[slug],
    ),
  );
  return el('nav', { class: 'settings-nav', 'aria-label': labels.settingsMenu }, ...links);
}

function onOff(value: boolean): string {
  return value ? labels.on : labels.off;
}

function categoryContent(slug: CategorySlug, values: Record<string, boolean>): HTMLElement {
  const sections = categorySections(slug, { offered: boot.offered, markup: knobs.markup }).map((section) => {
    const title = section.title === 'howLinkedInUsesYourData' ? labels.howLinkedInUsesYourData : labels.sections[section.title];
    const rows = section.rows.map((row) => {
      const label = row.label === 'aiSettingRow' ? labels.aiSettingRow : labels.rows[row.label];
      const value = row.value === 'ai' ? onOff(values[AI_SETTING_KEY] ?? true) : row.value ? onOff(row.value === 'on') : '';
      const parts = [el('span', { class: 'settings-row__label' }, label), el('span', { class: 'settings-row__value' }, value, ' ›')];
      if (!has('button-rows')) return el('a', { class: 'settings-row', href: row.href }, ...parts);
      // 'button-rows': rows are buttons the app routes in script, with no address to read.
      const button = el('button', { type: 'button', class: 'settings-row' }, ...parts);
      button.addEventListener('click', () => {
        history.pushState(null, '', row.href);
        void navigate(row.href);
      });
      return button;
    });
    return el('section', { class: 'settings-section' }, el('h2', { class: 'settings-section__title' }, title), ...rows);
  });
  return el('section', { class: 'settings-content' }, el('h1', {}, labels.categories[slug]), ...sections);
}

function otherSettingContent(slug: string): HTMLElement {
  return el(
    'section',
    { class: 'settings-content' },
    el('a', { class: 'setting-detail__back', href: `${CATEGORY_PREFIX}account` }, `← ${labels.back}`),
    el('h1', {}, slug.replace(/-/g, ' ')),
    el('p', {}, labels.genericSettingText),
  );
}

interface SwitchSpec {
  /** aria-labelledby key and id of the visible label. */
  labelKey: string;
  labelText: string;
  /** Where its saves go. */
  apiKey: string;
  value: boolean;
  errorBox: HTMLElement;
}

/** One switch in the current markup variant; changes autosave at once, no Save button (docs/linkedin.md §2). */
function switchRow(spec: SwitchSpec): HTMLElement {
  const label = el('span', { class: 'setting-toggle__label', id: spec.labelKey }, spec.labelText);
  const stateText = el('span', { class: has('artdeco') ? 'artdeco-toggle__text' : 'setting-toggle__state', 'aria-hidden': 'true' }, onOff(spec.value));
  const checked = String(spec.value);

  if (has('not-a-switch')) {
    // A changed page: the hooked element is a link; there is no control at all.
    const link = el('a', { class: 'setting-toggle__link', href: '/help/linkedin/answer/a5538339', 'aria-labelledby': spec.labelKey }, onOff(spec.value));
    return el('div', { class: 'setting-toggle' }, label, link);
  }

  let control: HTMLInputElement | HTMLButtonElement;
  if (has('button-switch')) {
    control = el('button', { type: 'button', role: 'switch', 'aria-checked': checked, 'aria-labelledby': spec.labelKey }) as HTMLButtonElement;
  } else {
    control = el('input', { type: 'checkbox', role: 'switch', 'aria-checked': checked, 'aria-labelledby': spec.labelKey }) as HTMLInputElement;
    control.checked = spec.value;
    control.defaultChecked = spec.value;
  }

  const readState = (): boolean => (control instanceof HTMLInputElement ? control.checked : control.getAttribute('aria-checked') === 'true');
  const showState = (value: boolean): void => {
    if (control instanceof HTMLInputElement) control.checked = value;
    // A <button> has no other state, so 'aria-stale' cannot apply to it.
    if (!has('aria-stale') || control instanceof HTMLButtonElement) control.setAttribute('aria-checked', String(value));
    stateText.textContent = onOff(value);
  };
  const commit = async (value: boolean): Promise<void> => {
    if (spec.apiKey === AI_SETTING_KEY) benchMark('toggle-changed');
    spec.errorBox.hidden = true;
    showState(value);
    if (await saveValue(spec.apiKey, value)) return;
    showState(!value); // the server refused: back to the previous value, with an error
    spec.errorBox.textContent = labels.saveFailed;
    spec.errorBox.hidden = false;
  };
  if (control instanceof HTMLInputElement) {
    control.addEventListener('change', () => void commit(readState()));
  } else {
    control.addEventListener('click', () => void commit(!readState()));
  }

  let widget: HTMLElement;
  if (has('artdeco')) {
    const id = `artdeco-toggle-${String(++toggleIds)}`;
    control.id = id;
    control.classList.add('artdeco-toggle__button');
    widget = el('div', { class: 'artdeco-toggle artdeco-toggle--32dp' }, control, el('label', { class: 'artdeco-toggle__label', for: id }, stateText));
  } else {
    if (control instanceof HTMLButtonElement) control.classList.add('setting-toggle__button');
    widget = el('div', { class: 'setting-toggle__control' }, stateText, control);
  }
  return el('div', { class: 'setting-toggle' }, label, widget);
}

function aiSettingContent(values: Record<string, boolean>): HTMLElement {
  const errorBox = el('div', { class: 'setting-detail__error', role: 'alert' });
  errorBox.hidden = true;
  const toggles: HTMLElement[] = [];
  if (has('second-switch')) {
    // An unrelated switch, also On, placed first: the extension must never touch it.
    toggles.push(
      switchRow({ labelKey: SECOND_SWITCH_KEY, labelText: labels.secondSwitchLabel, apiKey: SECOND_SWITCH_KEY, value: values[SECOND_SWITCH_KEY] ?? true, errorBox }),
    );
  }
  if (has('hidden-duplicate')) {
    // A copy for another layout, first in the DOM and not rendered: responsive pages keep such twins.
    const twin = switchRow({ labelKey: AI_SETTING_KEY, labelText: labels.aiToggleLabel, apiKey: AI_SETTING_KEY, value: values[AI_SETTING_KEY] ?? true, errorBox });
    twin.style.display = 'none';
    toggles.push(twin);
  }
  toggles.push(
    switchRow({
      labelKey: has('relabelled') ? RELABELLED_KEY : AI_SETTING_KEY,
      labelText: labels.aiToggleLabel,
      apiKey: AI_SETTING_KEY,
      value: values[AI_SETTING_KEY] ?? true,
      errorBox,
    }),
  );
  return el(
    'section',
    { class: 'settings-content setting-detail' },
    el('a', { class: 'setting-detail__back', href: `${CATEGORY_PREFIX}privacy` }, `← ${labels.back}`),
    el('h1', { class: 'setting-detail__title' }, labels.aiSettingRow),
    el('p', { class: 'setting-detail__question' }, labels.aiQuestion),
    ...toggles,
    el('p', { class: 'setting-detail__help' }, labels.aiHelp),
    errorBox,
  );
}

document.addEventListener('click', (event) => {
  if (has('full-reload-links') || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (!link || link.target || link.origin !== location.origin || !link.pathname.startsWith('/mypreferences/d/')) return;
  event.preventDefault();
  history.pushState(null, '', link.pathname);
  void navigate(link.pathname);
});

window.addEventListener('popstate', () => void navigate(location.pathname));

void navigate(location.pathname);
