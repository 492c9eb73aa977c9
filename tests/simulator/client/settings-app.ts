// The simulated "settings-web" app, run in the page: renders late, navigates with pushState, autosaves (docs/linkedin.md §2).
// Bundled by ../client-bundle.ts and served as /sim-static/settings-app.js.

import { hashClassesInDom } from '../hashed-names';
import type { PageLabels } from '../labels';
import type { AppKnobs, SettingsApiResponse, SettingsBootstrap } from '../pages/settings-shell';
import {
  AI_SETTING_KEY,
  CATEGORY_PREFIX,
  CATEGORY_SLUGS,
  DATA_USE_SETTINGS,
  DECOY_KEYS,
  DIALOG_SWITCH_KEY,
  NEGATED_KEY,
  RELABELLED_KEY,
  SAVE_API_PREFIX,
  SECOND_SWITCH_KEY,
  categorySections,
  resolveSettingsRoute,
  type CategorySlug,
  type DataUseSetting,
  type Route,
  type SiteContext,
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
/** How long the 'placeholder' variant's disabled, busy stand-in shows before the real switch replaces it. */
const PLACEHOLDER_MS = 1500;
/** How long the 'late-value' variant shows its default before it asks for the member's value. */
const LATE_VALUE_MS = 1500;

/** Benchmark hook (tests/bench: reaction time, LinkedIn's own time): page-world timestamps, also logged as the extension closes its tab right after. */
function benchMark(name: 'toggle-inserted' | 'toggle-changed' | 'save-answered' | 'render-withheld'): void {
  const at = performance.now();
  ((window as unknown as { __simTimings?: Record<string, number> }).__simTimings ??= {})[name] = at;
  console.debug(`sim-timing ${name} ${String(performance.timeOrigin + at)}`);
}

function site(): SiteContext {
  return { offered: boot.offered, absentSettings: boot.absentSettings, markup: knobs.markup };
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
  // 'late-value': the setting is drawn at once with its default, before any data request of this page has returned.
  const early = resolveSettingsRoute(pathname, site());
  if (has('late-value') && early.kind === 'ai-setting') return drawDefaultThenValue(early, id);
  showSpinner();
  let data: SettingsApiResponse;
  try {
    data = await readValues();
  } catch {
    return; // a failed read leaves the spinner, as a broken app would
  }
  knobs = data.simKnobs;
  // Marked, so that a test can tell a render withheld from one still to come.
  if (knobs.neverRender) return benchMark('render-withheld');
  await sleep(startedAt + knobs.renderDelayMs - performance.now());
  if (id !== navigationId) return; // a newer navigation won
  const route = resolveSettingsRoute(pathname, site());
  if (route.kind === 'redirect') {
    // Out of the settings app ('feed-guide'): a real navigation, as LinkedIn's router would make.
    if (!route.to.startsWith('/mypreferences/')) return location.assign(route.to);
    history.replaceState(null, '', route.to);
    await navigate(route.to);
    return;
  }
  render(route, data.values);
}

/**
 * The AI setting drawn off at once, marked by nothing (enabled, not busy), and drawn again with the member's value in the
 * same task its data request returns in: what docs/linkedin.md §2 assumes of LinkedIn's app.
 */
async function drawDefaultThenValue(route: Extract<Route, { kind: 'ai-setting' }>, id: number): Promise<void> {
  render(route, { [AI_SETTING_KEY]: false });
  await sleep(LATE_VALUE_MS);
  if (id !== navigationId) return;
  const data = await readValues().catch(() => null);
  if (!data || id !== navigationId) return;
  knobs = data.simKnobs;
  render(route, data.values);
}

function render(route: Exclude<Route, { kind: 'redirect' }>, values: Record<string, boolean>): void {
  const current: CategorySlug | null =
    route.kind === 'category'
      ? route.slug
      : route.kind === 'ai-setting'
        ? 'privacy'
        : route.kind === 'data-use-setting'
          ? route.setting.category
          : route.kind === 'other-setting'
            ? 'account'
            : null;
  const content =
    route.kind === 'category'
      ? categoryContent(route.slug, values)
      : route.kind === 'ai-setting'
        ? aiSettingContent(values)
        : route.kind === 'data-use-setting'
          ? dataUseSettingContent(route.setting, values)
          : route.kind === 'other-setting'
          ? otherSettingContent(route.slug)
          : el('section', { class: 'settings-content' }, el('h1', {}, labels.notFound));
  appRoot.replaceChildren(settingsNav(current), content);
  if (route.kind === 'ai-setting') benchMark('toggle-inserted');
  appRoot.setAttribute('aria-busy', 'false');
  if (has('hashed')) hashClassesInDom(document.body, boot.buildSalt, emberIds);
  const title = route.kind === 'ai-setting' ? labels.aiSettingRow : route.kind === 'data-use-setting' ? route.setting.englishLabel : labels.settingsMenu;
  document.title = `${title} | LinkedIn`;
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
  const sections = categorySections(slug, site()).map((section) => {
    const title = section.title === 'howLinkedInUsesYourData' ? labels.howLinkedInUsesYourData : labels.sections[section.title];
    const rows = section.rows.map((row) => {
      const dataUse = typeof row.label === 'object' ? DATA_USE_SETTINGS.find((setting) => typeof row.label === 'object' && setting.key === row.label.dataUseKey) : undefined;
      const label = dataUse ? dataUse.englishLabel : row.label === 'aiSettingRow' ? labels.aiSettingRow : labels.rows[row.label as keyof PageLabels['rows']];
      const value = dataUse ? onOff(values[dataUse.key] ?? true) : row.value === 'ai' ? onOff(values[AI_SETTING_KEY] ?? true) : row.value ? onOff(row.value === 'on') : '';
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
  /** aria-labelledby key and id of the visible label; null labels the control with a <label for> instead. */
  labelKey: string | null;
  labelText: string;
  /** Where its saves go. */
  apiKey: string;
  /** The stored value. */
  value: boolean;
  /** 'negated': the switch shows, and saves, the opposite of the stored value (on = not training). */
  inverted?: boolean;
  errorBox: HTMLElement;
}

/** `aria-checked` as the current variant writes it: 'aria-conflict' always states the opposite of `checked`. */
function ariaCheckedFor(shown: boolean): string {
  return String(has('aria-conflict') ? !shown : shown);
}

/** One switch in the current markup variant; changes autosave at once, no Save button (docs/linkedin.md §2). */
function switchRow(spec: SwitchSpec): HTMLElement {
  const controlId = `setting-toggle-${String(++toggleIds)}`;
  // 'label-missing': the text is still shown, but no element carries the key the switch points to.
  const labelId = spec.labelKey === AI_SETTING_KEY && has('label-missing') ? undefined : spec.labelKey;
  const label = spec.labelKey
    ? el('span', { class: 'setting-toggle__label', id: labelId ?? undefined }, spec.labelText)
    : el('label', { class: 'setting-toggle__label', for: controlId }, spec.labelText);
  const labelling = spec.labelKey ? { 'aria-labelledby': spec.labelKey } : {};
  let shown = spec.inverted ? !spec.value : spec.value;
  const stateText = el('span', { class: has('artdeco') ? 'artdeco-toggle__text' : 'setting-toggle__state', 'aria-hidden': 'true' }, onOff(shown));

  if (has('not-a-switch')) {
    // A changed page: the hooked element is a link; there is no control at all.
    const link = el('a', { class: 'setting-toggle__link', href: '/help/linkedin/answer/a5538339', ...labelling }, onOff(shown));
    return el('div', { class: 'setting-toggle' }, label, link);
  }

  let control: HTMLElement;
  if (has('button-switch')) {
    control = el('button', { type: 'button', role: 'switch', 'aria-checked': String(shown), ...labelling });
  } else if (has('div-switch')) {
    // ARIA only: no native control, focusable by tabindex, operated by click and Space.
    control = el('div', { role: 'switch', tabindex: '0', 'aria-checked': String(shown), class: 'setting-toggle__button', ...labelling });
  } else {
    const plain = has('plain-checkbox');
    const input = el('input', { type: 'checkbox', role: plain ? undefined : 'switch', 'aria-checked': plain ? undefined : ariaCheckedFor(shown), ...labelling }) as HTMLInputElement;
    input.checked = shown;
    input.defaultChecked = shown;
    control = input;
  }
  control.id = controlId;

  const showState = (value: boolean): void => {
    shown = value;
    if (control instanceof HTMLInputElement) {
      control.checked = value;
      // 'aria-stale' leaves aria-checked at its first value; a plain checkbox has none.
      if (!has('aria-stale') && !has('plain-checkbox')) control.setAttribute('aria-checked', ariaCheckedFor(value));
    } else {
      // A <button> or <div> has no other state, so 'aria-stale' and 'aria-conflict' cannot apply to it.
      control.setAttribute('aria-checked', String(value));
    }
    stateText.textContent = onOff(value);
  };
  const commit = async (value: boolean): Promise<void> => {
    if (spec.apiKey === AI_SETTING_KEY) benchMark('toggle-changed');
    spec.errorBox.hidden = true;
    showState(value);
    const saved = await saveValue(spec.apiKey, spec.inverted ? !value : value);
    if (spec.apiKey === AI_SETTING_KEY) benchMark('save-answered');
    // 'reload-on-click': the app reloads itself once the save is answered, unloading whatever runs on the page.
    if (saved && has('reload-on-click')) location.reload();
    if (saved) return;
    showState(!value); // the server refused: back to the previous value, with an error
    spec.errorBox.textContent = labels.saveFailed;
    spec.errorBox.hidden = false;
  };
  if (control instanceof HTMLInputElement) {
    const input = control;
    input.addEventListener('change', () => void commit(input.checked));
  } else {
    control.addEventListener('click', () => void commit(!shown));
    control.addEventListener('keydown', (event) => {
      if (event.key !== ' ' || control instanceof HTMLButtonElement) return;
      event.preventDefault();
      void commit(!shown);
    });
  }

  let widget: HTMLElement;
  if (has('artdeco') || has('label-missing')) {
    control.classList.add('artdeco-toggle__button');
    widget = el('div', { class: 'artdeco-toggle artdeco-toggle--32dp' }, control, el('label', { class: 'artdeco-toggle__label', for: controlId }, stateText));
  } else {
    if (control instanceof HTMLButtonElement) control.classList.add('setting-toggle__button');
    widget = el('div', { class: 'setting-toggle__control' }, stateText, control);
  }
  return el('div', { class: 'setting-toggle' }, label, widget);
}

/** A stand-in while the app loads: same key, disabled and busy, reading the OPPOSITE of the stored value. */
function placeholderRow(spec: SwitchSpec): HTMLElement {
  const shown = !(spec.inverted ? !spec.value : spec.value);
  const input = el('input', {
    type: 'checkbox',
    role: 'switch',
    'aria-checked': String(shown),
    'aria-busy': 'true',
    'aria-disabled': 'true',
    disabled: true,
    ...(spec.labelKey ? { 'aria-labelledby': spec.labelKey } : {}),
  }) as HTMLInputElement;
  input.checked = shown;
  const label = el('span', { class: 'setting-toggle__label', id: spec.labelKey ?? undefined }, spec.labelText);
  return el('div', { class: 'setting-toggle setting-toggle--placeholder' }, label, el('div', { class: 'setting-toggle__control' }, input));
}

/** The AI switch's key: renamed ('negated', 'relabelled'), gone ('key-missing', 'reworded') or LinkedIn's own. */
function aiLabelKey(): string | null {
  if (has('key-missing') || has('reworded')) return null;
  if (has('inverted')) return AI_SETTING_KEY;
  if (has('negated')) return NEGATED_KEY;
  return has('relabelled') ? RELABELLED_KEY : AI_SETTING_KEY;
}

function aiLabelText(): string {
  if (has('negated')) return labels.negatedToggleLabel;
  if (has('inverted')) return labels.invertedToggleLabel;
  return has('reworded') ? labels.rewordedToggleLabel : labels.aiToggleLabel;
}

function aiSettingContent(values: Record<string, boolean>): HTMLElement {
  const errorBox = el('div', { class: 'setting-detail__error', role: 'alert' });
  errorBox.hidden = true;
  const keyed = (key: string): string | null => (has('key-missing') ? null : key);
  const toggles: HTMLElement[] = [];
  const aiSpec: SwitchSpec = {
    labelKey: aiLabelKey(),
    labelText: aiLabelText(),
    apiKey: AI_SETTING_KEY,
    value: values[AI_SETTING_KEY] ?? true,
    inverted: has('negated') || has('inverted'),
    errorBox,
  };
  if (has('second-switch')) {
    // An unrelated switch, also On, placed first: the extension must never touch it.
    toggles.push(
      switchRow({ labelKey: keyed(SECOND_SWITCH_KEY), labelText: labels.secondSwitchLabel, apiKey: SECOND_SWITCH_KEY, value: values[SECOND_SWITCH_KEY] ?? true, errorBox }),
    );
  }
  if (has('visible-duplicate')) {
    // A summary card repeats the switch, rendered too: two controls of one setting.
    toggles.push(switchRow(aiSpec));
  }
  if (has('hidden-duplicate')) {
    // A copy for another layout, first in the DOM and not rendered: responsive pages keep such twins.
    const twin = switchRow({ labelKey: AI_SETTING_KEY, labelText: labels.aiToggleLabel, apiKey: AI_SETTING_KEY, value: values[AI_SETTING_KEY] ?? true, errorBox });
    twin.style.display = 'none';
    toggles.push(twin);
  }
  const [learningKey, partnersKey] = DECOY_KEYS;
  if (has('decoys')) {
    // The product's label with a few words more, on another setting: a prefix, not the label.
    const label = `${labels.aiToggleLabel} (LinkedIn Learning)`;
    toggles.push(switchRow({ labelKey: keyed(learningKey), labelText: label, apiKey: learningKey, value: values[learningKey] ?? true, errorBox }));
  }
  if (has('placeholder')) {
    const placeholder = placeholderRow(aiSpec);
    toggles.push(placeholder);
    const id = navigationId;
    setTimeout(() => {
      if (id === navigationId && placeholder.isConnected) placeholder.replaceWith(switchRow(aiSpec));
    }, PLACEHOLDER_MS);
  } else {
    toggles.push(switchRow(aiSpec));
  }
  if (has('decoys')) {
    // The negated wording, on a different setting whose "on" really means "keep out".
    const label = labels.negatedToggleLabel;
    toggles.push(switchRow({ labelKey: keyed(partnersKey), labelText: label, apiKey: partnersKey, value: values[partnersKey] ?? true, errorBox }));
  }
  if (has('dialog')) showDialog(values, errorBox);
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

/** A data-use setting's page, rendered like the AI setting's from its key and English name (the only label known). */
function dataUseSettingContent(setting: DataUseSetting, values: Record<string, boolean>): HTMLElement {
  const errorBox = el('div', { class: 'setting-detail__error', role: 'alert' });
  errorBox.hidden = true;
  return el(
    'section',
    { class: 'settings-content setting-detail' },
    el('a', { class: 'setting-detail__back', href: `${CATEGORY_PREFIX}${setting.category}` }, `← ${labels.back}`),
    el('h1', { class: 'setting-detail__title' }, setting.englishLabel),
    switchRow({ labelKey: setting.key, labelText: setting.englishLabel, apiKey: setting.key, value: values[setting.key] ?? true, errorBox }),
    errorBox,
  );
}

/** 'dialog': a modal over the page, with a switch of its own that is On; scenery in English (❓). */
function showDialog(values: Record<string, boolean>, errorBox: HTMLElement): void {
  document.getElementById('settings-modal')?.remove();
  const close = (): void => modal.remove();
  const modal = el(
    'div',
    { class: 'settings-modal', id: 'settings-modal' },
    el(
      'div',
      { class: 'settings-modal__dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'settings-modal-title' },
      el('h2', { id: 'settings-modal-title' }, 'We’re updating our User Agreement'),
      el('p', {}, 'Review your choices before you continue.'),
      switchRow({ labelKey: DIALOG_SWITCH_KEY, labelText: 'Send me messages about LinkedIn products and offers', apiKey: DIALOG_SWITCH_KEY, value: values[DIALOG_SWITCH_KEY] ?? true, errorBox }),
      el('button', { type: 'button', class: 'settings-modal__accept' }, 'Accept and continue'),
      el('button', { type: 'button', class: 'settings-modal__dismiss', 'aria-label': 'Dismiss' }, '×'),
    ),
  );
  for (const button of modal.querySelectorAll('button')) button.addEventListener('click', close);
  document.body.append(modal);
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
