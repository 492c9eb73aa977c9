import { pick, type Random, seededRandom } from '../seeded-random';
import { type Concealment, type Container, groundTruth, type GroundTruth, hasKnownLabelDecoy, neverSettling, type PageSpec, type SwitchState } from './generate-page';
import { labelKey, otherSettingKeys, pageTexts } from './page-texts';
import type { VirtualClock } from './virtual-clock';

/**
 * A generated page spec as a happy-dom document: the setting's page with its switch, twins, decoys,
 * identity and dialog, and the page's own behaviour on the virtual clock (late rendering, flapping,
 * saving or refusing a click). Every element the engine may touch has a role the judge can look up.
 */

const otherMembers = ['erika-musterfrau', 'john-doe-123', 'marie-curie-9', 'kofi-mensah'];
/** States in which the page still acts on a click (a disabled or loading control does nothing). */
const actsWhileUnsettled: readonly SwitchState[] = ['flapping', 'disagree', 'indeterminate'];

/**
 * `walk-link`: a link of the settings app the walk may take; `content`: a member's post, comment or message;
 * `dialog-control`: a button of the dialog that asks to confirm the click, which only the member may answer.
 */
export type ElementRole = 'real' | 'twin' | 'decoy' | 'walk-link' | 'content' | 'dialog-control' | 'page';

export type MountedPage = {
  spec: PageSpec;
  truth: GroundTruth;
  /** LinkedIn's state right now: what the server has, whatever the page shows. */
  trainingOn(): boolean;
  roleOf(element: Element): ElementRole;
  /** Whether the real switch on the page now shows a state that can be read: rendered, enabled, not busy, attributes agreeing, not flapping. */
  realSwitchSettled(): boolean;
  /** What the real switch shows, in the setting's meaning (true: training allowed); null when it is not on the page. */
  realSwitchShowsOn(): boolean | null;
  watchForSave: () => (deadline: number) => Promise<void>;
  /** When the page's data request (or save) last completed, as the page's resource timing would show it; null before any. */
  valueArrivedAt(): number | null;
  unmount(): void;
};

type Ids = { real: string; twin: string; label: string; help: string; decoys: string[]; dialog: string; confirm: string; cancel: string; dialogSwitch: string };

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** `top` goes before the app, `content` inside the setting's page, `overlay` after everything (as LinkedIn's messaging overlay). */
export function identityMarkup(spec: PageSpec, random: Random): { top: string; content: string; overlay?: string } {
  const name = spec.member.split('-').filter((part) => !/\d/.test(part)).map((part) => part[0]?.toUpperCase() + part.slice(1)).join(' ');
  const others = otherMembers.slice(0, 2 + Math.floor(random() * 2));
  const meMenu = `<header id="global-nav"><nav aria-label="Primary Navigation"><ul>
    <li><a href="/feed/">Home</a></li><li><a href="/mynetwork/">My Network</a></li>
    <li><button type="button" aria-label="${name} Me" aria-expanded="false"><img alt="${name}" src="data:,"><span>Me</span></button>
    <div role="menu"><a href="/in/${spec.member}/">View profile</a><a href="/mypreferences/d/">Settings &amp; Privacy</a></div></li></ul></nav></header>`;
  const othersContent = `<aside><h2>People also viewed</h2>${others.map((other) => `<a href="/in/${other}/">${other}</a>`).join('')}</aside>
    <article><header><a href="/in/${others[0]}/"><img alt="${others[0]}" src="data:,"></a> posted</header><p>Here is how to turn off AI training on LinkedIn.</p></article>`;
  const miniProfiles = (profiles: string[]) =>
    profiles.map((id, index) => ({ publicIdentifier: id, firstName: id, lastName: '', entityUrn: `urn:li:fs_miniProfile:ACoAA${index}` }));
  const codeIsland = (payload: unknown) => `<code id="bpr-guid-${Math.floor(random() * 1e6)}" style="display: none">${escapeHtml(JSON.stringify(payload))}</code>`;
  /** Islands about the members a page shows: none of them is the page's record of the viewer. */
  const island = (profiles: string[]) => codeIsland({ included: miniProfiles(profiles) });
  /** The page's own record of the member signed in, pointing at their mini profile. */
  const viewerIsland = (member: string) =>
    codeIsland({ data: { $type: 'com.linkedin.voyager.common.Me', '*miniProfile': 'urn:li:fs_miniProfile:ACoAA0' }, included: miniProfiles([member]) });
  const headerWithoutProfileLink = '<header><nav aria-label="Primary Navigation"><a href="/feed/">Home</a></nav></header>';
  switch (spec.identity) {
    case 'me-menu':
      return { top: meMenu, content: '' };
    case 'header-link':
      return { top: `<header><a href="/in/${spec.member}/"><img alt="${name}" src="data:,"></a></header>`, content: '' };
    case 'own-data-island':
      return { top: headerWithoutProfileLink, content: viewerIsland(spec.member) };
    case 'me-menu-and-others':
      return { top: `<div role="status"><a href="/in/${others[1]}/">${others[1]}</a> viewed your profile</div>${meMenu}`, content: othersContent };
    case 'me-menu-closed':
      return { top: meMenu.replace(/<div role="menu">.*?<\/div>/s, '<div role="menu"></div>'), content: othersContent };
    case 'overlay-others': {
      const overlay = `<header><button type="button">Messaging</button><a href="/in/${others[1]}/"><img alt="${others[1]}" src="data:,"></a></header><div>Hi! Did you see the new AI setting?</div>`;
      return { top: '', content: '', overlay: random() < 0.5 ? `<aside id="msg-overlay">${overlay}</aside>` : `<div id="msg-overlay">${overlay}</div>` };
    }
    case 'missing':
      return { top: '', content: '' };
    case 'others-only':
      return { top: '<header><nav aria-label="Primary Navigation"><a href="/feed/">Home</a></nav></header>', content: othersContent + (random() < 0.5 ? island([others[0] as string, others[1] as string]) : '') };
    case 'island-two-members':
      return { top: '', content: island([spec.member, others[0] as string]) };
    case 'stranger-island':
      return { top: headerWithoutProfileLink, content: island([others[0] as string]) };
    case 'alias-link':
      return { top: `<header><a href="/feed/">LinkedIn</a><a href="/in/me/"><img alt="${name}" src="data:,"></a></header>`, content: '' };
    case 'internal-id-link':
      return { top: `<header><a href="/feed/">LinkedIn</a><a href="/in/ACoAABx7Qm2kT9vLp/"><img alt="${name}" src="data:,"></a></header>`, content: '' };
  }
}

/** What hides a twin by a class of the page's stylesheet: not rendered, invisible, transparent, or moved off the screen. */
const concealingRules: Record<Exclude<Concealment, 'inline'>, string> = {
  'class-display': 'display: none',
  'class-visibility': 'visibility: hidden',
  opacity: 'opacity: 0',
  'off-screen': 'position: absolute; left: -10000px; top: 0',
};

/** The empty shell the region is mounted into, outside the document: a frame of the same origin, or a custom element's host. */
const containerMarkup: Record<Exclude<Container, 'document'>, string> = {
  iframe: '<iframe id="settings-region-frame" title="Settings" style="border: 0; width: 100%"></iframe>',
  'shadow-root': '<settings-region id="settings-region-host"></settings-region>',
};

function isShadowRoot(root: Document | ShadowRoot): root is ShadowRoot {
  return 'host' in root;
}

/** Puts the region's markup where `container` says, and returns the root its elements are found in. */
function mountRegion(container: Container, doc: Document, regionMarkup: string): Document | ShadowRoot {
  if (container === 'document') return doc;
  if (container === 'shadow-root') {
    const root = (doc.getElementById('settings-region-host') as HTMLElement).attachShadow({ mode: 'open' });
    root.innerHTML = regionMarkup;
    return root;
  }
  const frameDoc = (doc.getElementById('settings-region-frame') as HTMLIFrameElement).contentDocument as Document;
  const lang = doc.documentElement.getAttribute('lang');
  if (lang !== null) frameDoc.documentElement.setAttribute('lang', lang);
  frameDoc.body.innerHTML = regionMarkup;
  return frameDoc;
}

/**
 * The requests the page makes where it runs in a real browser (tests/e2e/generated-pages.e2e.test.ts), so that the
 * browser's resource timing and the page's server see them; in happy-dom the page's `valueArrivedAt` stands for them.
 */
export type PageNetwork = {
  /** The data request that brings the member's value: its completion is the evidence a reading waits for. */
  loadValue(): void;
  /** LinkedIn stores `on` (training allowed): by the save request the save watcher waits for, or by none (`seen` false). */
  store(on: boolean, seen: boolean): void;
};

const offline: PageNetwork = { loadValue: () => undefined, store: () => undefined };

/** The few timers a page needs: the virtual clock in happy-dom, the browser's own in a real one. */
export type PageClock = Pick<VirtualClock, 'now' | 'setTimeout' | 'clearTimeout'>;

/** Mounts the page in `doc` (whose address is set by the caller) and plays its timeline on `clock`. */
export function mountPage(spec: PageSpec, doc: Document, clock: PageClock, network: PageNetwork = offline): MountedPage {
  const random = seededRandom(spec.seed ^ 0x5eed);
  const truth = groundTruth(spec);
  const base = 100 + Math.floor(random() * 800);
  const ids: Ids = {
    real: `ember${base}`,
    twin: `ember${base + 7}`,
    label: spec.key === 'present' || spec.key === 'label-missing' ? labelKey : spec.key === 'renamed' ? spec.renamedKey : `ember${base + 3}`,
    help: `ember${base + 5}`,
    decoys: Array.from({ length: spec.decoyCount }, (_, index) => `ember${base + 20 + index}`),
    dialog: `ember${base + 60}`,
    confirm: `ember${base + 61}`,
    cancel: `ember${base + 62}`,
    dialogSwitch: `ember${base + 63}`,
  };
  const roles = new Map<string, ElementRole>([[ids.real, 'real'], [ids.twin, 'twin'], ...ids.decoys.map((id) => [id, 'decoy'] as [string, ElementRole])]);
  // Both kinds of inversion: on means "do not use my data".
  const negated = spec.label === 'negated' || spec.label === 'inverted';
  const checkboxKind = spec.kind === 'checkbox-switch' || spec.kind === 'plain-checkbox';
  let trainingOn = spec.initiallyOn;
  let rendered = spec.state !== 'late' && spec.state !== 'placeholder';
  let savesDone = 0;
  /** Whether the member's value has been drawn; before, a late-arriving page shows a default position, unmarked. */
  const drawnWithValue = spec.arrival === 'first' || spec.arrival === 'twice';
  let valueDrawn = drawnWithValue || spec.arrival === 'unseen';
  let arrivedAt: number | null = null;
  const saveWaiters = new Set<() => void>();
  const texts = pageTexts[spec.lang];

  /** Shown position (checked / aria-checked) for a training state: inverted under a negated label. */
  const positionFor = (on: boolean) => (negated ? !on : on);

  function switchMarkup(id: string, shownOn: boolean, ariaShownOn: boolean, unsettled: boolean): string {
    const disabled = unsettled && (spec.state === 'disabled' || spec.state === 'placeholder') ? (spec.kind === 'aria-only' ? ' aria-disabled="true"' : ' disabled') : '';
    const busy = unsettled && (spec.state === 'busy' || spec.state === 'placeholder') ? ' aria-busy="true"' : '';
    const ariaDisabled = unsettled && spec.state === 'aria-disabled' ? ' aria-disabled="true"' : '';
    const labelling = spec.key === 'missing' ? (checkboxKind && id === ids.real ? '' : ` aria-label="${escapeHtml(spec.labelText)}"`) : ` aria-labelledby="${ids.label}"`;
    const described = ` aria-describedby="${ids.help}"`;
    const aria = spec.kind === 'plain-checkbox' && spec.state !== 'disagree' ? '' : ` aria-checked="${ariaShownOn}"`;
    const attributes = `id="${id}"${labelling}${described}${aria}${disabled}${busy}${ariaDisabled}`;
    switch (spec.kind) {
      case 'checkbox-switch':
        return `<input type="checkbox" role="switch" ${attributes}${shownOn ? ' checked' : ''}>`;
      case 'plain-checkbox':
        return `<input type="checkbox" ${attributes}${shownOn ? ' checked' : ''}>`;
      case 'button':
        return `<button type="button" role="switch" ${attributes}><span aria-hidden="true">${shownOn ? 'On' : 'Off'}</span></button>`;
      case 'aria-only':
        return `<div role="switch" tabindex="0" ${attributes}></div>`;
    }
  }

  /** The real switch with its label; a checkbox without a key is labelled by a `<label for>`. */
  function realSwitchRegion(): string {
    const unsettled = !rendered || neverSettling.includes(spec.state);
    // An unsettled switch shows the opposite of LinkedIn's state: reading it would be a false claim.
    const shown = unsettled && spec.state !== 'disagree' && spec.state !== 'flapping' ? !trainingOn : trainingOn;
    // Before the member's value is drawn, a late-arriving page shows the switch off, enabled and not busy.
    const position = !valueDrawn && !unsettled ? false : positionFor(shown);
    const disagreeOnAria = random() < 0.5;
    const checkedPosition = spec.state === 'disagree' && !disagreeOnAria ? !position : position;
    const ariaPosition = spec.state === 'disagree' && disagreeOnAria ? !position : position;
    const onOffLabel = `<span>${escapeHtml(spec.labelText)}</span><label for="${ids.real}">${escapeHtml(texts.onOff[position ? 0 : 1])}</label>`;
    const label =
      spec.key === 'label-missing'
        ? onOffLabel
        : spec.key === 'missing'
        ? checkboxKind
          ? `<label for="${ids.real}">${escapeHtml(spec.labelText)}</label>`
          : ''
        : `<span id="${ids.label}">${escapeHtml(spec.labelText)}</span>`;
    const help = `<p id="${ids.help}">${escapeHtml(texts.help)}</p>`;
    const real = `<div>${label}${switchMarkup(ids.real, checkedPosition, ariaPosition, unsettled)}${help}</div>`;
    if (spec.twin === 'none') return real;
    const twin = switchMarkup(ids.twin, checkedPosition, ariaPosition, unsettled);
    if (spec.twin === 'visible') return `${real}<div class="sticky-summary">${twin}</div>`;
    const hiding = spec.concealment === 'inline' ? pick(random, ['style="display: none"', 'hidden', 'style="visibility: hidden"']) : `class="${concealedClass}"`;
    const sheet = spec.concealment === 'inline' ? '' : `<style>.${concealedClass} { ${concealingRules[spec.concealment]} }</style>`;
    return sheet + (random() < 0.5 ? `${real}<div ${hiding}>${twin}</div>` : `<div ${hiding}>${twin}</div>${real}`);
  }

  /** A disabled `<fieldset>` or an aria-disabled group disables every control inside it. */
  function inDisabledContainer(content: string): string {
    if (spec.state === 'fieldset-disabled') return `<fieldset disabled><legend>${escapeHtml(texts.heading)}</legend>${content}</fieldset>`;
    if (spec.state === 'group-aria-disabled') return `<div role="group" aria-disabled="true">${content}</div>`;
    return content;
  }

  /** `indeterminate` is a property only, set by script after every render. */
  function applyProperties(): void {
    if (spec.state !== 'indeterminate') return;
    for (const element of mirrored()) if (element instanceof HTMLInputElement) element.indeterminate = true;
  }

  function decoyMarkup(): string[] {
    const knownLabelAt = hasKnownLabelDecoy(spec) ? Math.floor(random() * ids.decoys.length) : -1;
    const unusedKeys = [...otherSettingKeys];
    return ids.decoys.map((id, index) => {
      const key = random() < 0.7 ? unusedKeys.splice(Math.floor(random() * unusedKeys.length), 1)[0] : `${id}-label`;
      const on = random() < 0.5;
      const label = index === knownLabelAt ? (texts.known as string) : pick(random, texts.decoys);
      return `<div><span id="${key}">${escapeHtml(label)}</span><input type="checkbox" role="switch" id="${id}" aria-labelledby="${key}" aria-checked="${on}"${on ? ' checked' : ''}>${index === 0 ? `<p>${escapeHtml(texts.help)}</p>` : ''}</div>`;
    });
  }

  function dialogMarkup(): string {
    if (!spec.dialog) return '';
    const dialogDecoy = random() < 0.5 ? `<input type="checkbox" role="switch" id="ember${base + 40}" aria-label="${escapeHtml(pick(random, texts.decoys))}" checked aria-checked="true">` : '';
    if (dialogDecoy) roles.set(`ember${base + 40}`, 'decoy');
    return `<div role="dialog" aria-modal="true" aria-labelledby="ember${base + 41}"><h2 id="ember${base + 41}">We're updating our terms</h2>
      <p>${escapeHtml(texts.heading)}</p>${dialogDecoy}<button type="button">Got it</button></div>`;
  }

  const identity = identityMarkup(spec, random);
  const decoys = decoyMarkup();
  const regionId = `ember${base + 50}`;
  /** A hashed-looking class name, as LinkedIn's builds have: the rule behind it is what hides the twin. */
  const concealedClass = `_${(base * 2654435761 >>> 0).toString(36)}`;
  function regionContent(): string {
    if (!spec.settingShown) return decoys.join('');
    if (spec.state === 'late' && !rendered) return '<div class="spinner"></div>';
    const before = decoys.slice(0, Math.ceil(decoys.length / 2)).join('');
    const after = decoys.slice(Math.ceil(decoys.length / 2)).join('');
    return `${before}${inDisabledContainer(realSwitchRegion())}${after}`;
  }
  const busyMain = spec.state === 'late' && random() < 0.5 ? ' aria-busy="true"' : '';
  doc.documentElement.toggleAttribute('lang', spec.htmlLang !== null);
  if (spec.htmlLang !== null) doc.documentElement.setAttribute('lang', spec.htmlLang);
  doc.title = 'Settings | LinkedIn';
  doc.body.innerHTML = `${identity.top}<div class="application-outlet"><nav aria-label="Settings">
      <a href="/mypreferences/d/categories/account">Account preferences</a><a href="/mypreferences/d/categories/privacy">Data privacy</a></nav>
      <main${busyMain}><h1>${escapeHtml(texts.heading)}</h1><section>${spec.container === 'document' ? `<div id="${regionId}">${regionContent()}</div>` : containerMarkup[spec.container]}</section>${identity.content}</main></div>${dialogMarkup()}${identity.overlay ?? ''}`;

  /** Where the region lives: the page, the frame's document or the shadow root, filled once the page is in place. */
  const regionRoot = mountRegion(spec.container, doc, `<div id="${regionId}">${spec.container === 'document' ? '' : regionContent()}</div>`);
  const realElement = () => regionRoot.getElementById(ids.real) as HTMLElement | null;
  const mirrored = () => [realElement(), regionRoot.getElementById(ids.twin) as HTMLElement | null].filter((element): element is HTMLElement => element !== null);

  function showPosition(element: HTMLElement, position: boolean, aria: boolean): void {
    if (element instanceof HTMLInputElement) element.checked = position;
    if (aria && (spec.kind !== 'plain-checkbox' || element.hasAttribute('aria-checked'))) element.setAttribute('aria-checked', String(position));
  }

  function announceSave(): void {
    // A save is a request of the settings app too: its end is a completed data request.
    arrivedAt = clock.now();
    network.store(trainingOn, true);
    savesDone += 1;
    for (const waiter of [...saveWaiters]) waiter();
  }

  /** The app finishes loading: the real state replaces the placeholder or fills the empty slot. */
  function redraw(): void {
    const region = regionRoot.getElementById(regionId);
    if (region) region.innerHTML = regionContent();
    applyProperties();
  }

  /** The member's value arrives with a data request, and the app draws it at once (docs/linkedin.md §2). */
  function valueArrives(): void {
    if (spec.arrival !== 'unseen') arrivedAt = clock.now();
    if (spec.arrival !== 'unseen') network.loadValue();
    valueDrawn = true;
    redraw();
    afterValueDrawn();
  }

  /** The app finishes loading: the real switch replaces the placeholder or fills the empty slot. */
  function renderReal(): void {
    rendered = true;
    if (drawnWithValue) arrivedAt = clock.now();
    if (drawnWithValue) network.loadValue();
    redraw();
    doc.querySelector('main')?.removeAttribute('aria-busy');
    if (drawnWithValue) afterValueDrawn();
  }
  // What the page does after it drew the value, with no request of its own (`valueTiming`).
  let lagging = false;
  let flippedBack = false;
  let realClicked = false;
  let flipBackTimer: unknown = null;
  function afterValueDrawn(): void {
    if (!spec.settingShown || neverSettling.includes(spec.state)) return;
    flippedBack = false;
    if (spec.valueTiming === 'aria-lag' && spec.kind === 'checkbox-switch') {
      // One of the two shows the opposite for a moment, as an app that sets them in two steps would.
      const ariaLate = random() < 0.5;
      const drawn = mirrored().map((element) => [element, (element as HTMLInputElement).checked] as const);
      for (const [element, position] of drawn) {
        if (ariaLate) element.setAttribute('aria-checked', String(!position));
        else (element as HTMLInputElement).checked = !position;
      }
      lagging = true;
      clock.setTimeout(() => {
        for (const [element, position] of drawn) showPosition(element, position, true);
        lagging = false;
      }, 5 + Math.floor(random() * 150));
    }
    if (spec.valueTiming === 'redrawn') clock.setTimeout(redraw, 17 + Math.floor(random() * 400));
    if (spec.valueTiming === 'flip-back') {
      clock.clearTimeout(flipBackTimer);
      // Strictly after the quiet period of a reading that began with the drawing (settled-read.ts: 200 ms).
      flipBackTimer = clock.setTimeout(() => {
        if (realClicked) return;
        flippedBack = true;
        const shown = realElement();
        const position = !(shown instanceof HTMLInputElement ? shown.checked : shown?.getAttribute('aria-checked') === 'true');
        for (const element of mirrored()) showPosition(element, position, true);
      }, 201 + Math.floor(random() * 800));
    }
  }

  applyProperties();
  const renderAt = rendered ? 0 : spec.renderAtMs;
  if (rendered && drawnWithValue) arrivedAt = clock.now();
  if (rendered && drawnWithValue) network.loadValue();
  if (rendered && drawnWithValue) afterValueDrawn();
  if (!rendered && spec.settingShown) clock.setTimeout(renderReal, spec.renderAtMs);
  if (spec.settingShown && !valueDrawn) {
    const valueAt = renderAt + 200 + Math.floor(random() * 2800);
    clock.setTimeout(valueArrives, valueAt);
    if (spec.arrival === 'late-redrawn') clock.setTimeout(redraw, (renderAt + valueAt) / 2);
  }
  if (spec.settingShown && spec.arrival === 'twice') clock.setTimeout(valueArrives, renderAt + 300 + Math.floor(random() * 1500));

  if (spec.state === 'flapping' && spec.settingShown) {
    const flapMs = 60 + Math.floor(random() * 140);
    const flap = () => {
      // Always a change from what the switch shows now, even right after the app drew it anew.
      const shown = realElement();
      const position = !(shown instanceof HTMLInputElement ? shown.checked : shown?.getAttribute('aria-checked') === 'true');
      for (const element of mirrored()) showPosition(element, position, true);
      clock.setTimeout(flap, flapMs);
    };
    clock.setTimeout(flap, flapMs);
  }

  function onClick(event: Event): void {
    // A click inside the shadow root reaches the document retargeted to its host.
    const target = event.composedPath()[0] as HTMLElement;
    const role = roles.get(target.id);
    if (role === 'dialog-control') return answerConfirmation(target.id === ids.confirm);
    if (role === 'decoy' && !(target instanceof HTMLInputElement)) target.setAttribute('aria-checked', String(target.getAttribute('aria-checked') !== 'true'));
    if (role !== 'real' && role !== 'twin') return;
    realClicked = true;
    const unsettled = !rendered || neverSettling.includes(spec.state);
    if (unsettled) {
      // A disabled or loading control does nothing a user could see; a disagreeing or flapping one still acts.
      if (actsWhileUnsettled.includes(spec.state)) {
        trainingOn = !trainingOn;
        for (const element of mirrored()) showPosition(element, positionFor(trainingOn), true);
      } else if (target instanceof HTMLInputElement) target.checked = !target.checked;
      return;
    }
    const wasOn = trainingOn;
    const newPosition = target instanceof HTMLInputElement ? target.checked : target.getAttribute('aria-checked') !== 'true';
    if (spec.clickResponse === 'ignores') {
      if (target instanceof HTMLInputElement) target.checked = !newPosition;
      return;
    }
    if (spec.confirmation !== 'none') return askToConfirm(newPosition);
    const syncAria = spec.clickResponse !== 'saves-aria-stale' || !checkboxKind;
    for (const element of mirrored()) showPosition(element, newPosition, syncAria);
    if (spec.clickResponse === 'reverts') {
      clock.setTimeout(() => {
        for (const element of mirrored()) showPosition(element, positionFor(wasOn), true);
        announceSave();
      }, 20 + Math.floor(random() * 300));
      return;
    }
    trainingOn = negated ? !newPosition : newPosition;
    const saveMs = 30 + Math.floor(random() * 1500);
    if (spec.clickResponse === 'saves-silently') return network.store(trainingOn, false);
    clock.setTimeout(() => {
      announceSave();
      if (spec.clickResponse === 'saves') return;
      const region = regionRoot.getElementById(regionId);
      if (spec.clickResponse === 're-renders' && region) region.innerHTML = regionContent();
      applyProperties();
    }, saveMs);
  }
  /** The position the click asked for, while the dialog waits for the member's answer. */
  let pendingPosition: boolean | null = null;

  /** LinkedIn asks "are you sure?": nothing is saved until the member confirms; the switch shows on again, or off unsaved. */
  function askToConfirm(newPosition: boolean): void {
    for (const element of mirrored()) showPosition(element, spec.confirmation === 'shows-off' ? newPosition : !newPosition, true);
    if (pendingPosition !== null) return;
    pendingPosition = newPosition;
    // Half of them repeat the setting's known label on a switch of their own, which must not be taken for the setting.
    const echo = texts.known !== null && random() < 0.5 ? `<label><input type="checkbox" role="switch" id="${ids.dialogSwitch}" aria-checked="true" checked>${escapeHtml(texts.known)}</label>` : '';
    doc.body.insertAdjacentHTML(
      'beforeend',
      `<div role="dialog" aria-modal="true" id="${ids.dialog}" aria-labelledby="${ids.dialog}-title"><h2 id="${ids.dialog}-title">${escapeHtml(texts.heading)}?</h2>
        <p>${escapeHtml(texts.help)}</p>${echo}<button type="button" id="${ids.cancel}">Cancel</button><button type="button" id="${ids.confirm}">OK</button></div>`,
    );
  }

  function answerConfirmation(confirmed: boolean): void {
    if (pendingPosition === null) return;
    const position = pendingPosition;
    pendingPosition = null;
    doc.getElementById(ids.dialog)?.remove();
    if (confirmed) trainingOn = negated ? !position : position;
    for (const element of mirrored()) showPosition(element, positionFor(trainingOn), true);
    if (confirmed) clock.setTimeout(announceSave, 30 + Math.floor(random() * 500));
  }

  roles.set(ids.confirm, 'dialog-control').set(ids.cancel, 'dialog-control').set(ids.dialogSwitch, 'decoy');
  const clickRoots = [doc, ...(regionRoot !== doc && !isShadowRoot(regionRoot) ? [regionRoot as Document] : [])];
  for (const root of clickRoots) root.addEventListener('click', onClick);

  return {
    spec,
    truth,
    trainingOn: () => trainingOn,
    roleOf: (element) => roles.get(element.id) ?? 'page',
    realSwitchSettled: () => spec.settingShown && rendered && valueDrawn && spec.arrival !== 'unseen' && !neverSettling.includes(spec.state) && !lagging && !flippedBack,
    // A frame's requests show in the frame's own timing, never in the page's.
    valueArrivedAt: () => (spec.container === 'iframe' ? null : arrivedAt),
    realSwitchShowsOn() {
      const element = realElement();
      if (!element) return null;
      const position = element instanceof HTMLInputElement ? element.checked : element.getAttribute('aria-checked') === 'true';
      return negated ? !position : position;
    },
    watchForSave() {
      const savesBefore = savesDone;
      return (deadline) =>
        new Promise<void>((resolve) => {
          if (savesDone > savesBefore) return resolve();
          const done = () => {
            saveWaiters.delete(done);
            clock.clearTimeout(timer);
            resolve();
          };
          const timer = clock.setTimeout(done, Math.max(0, deadline - clock.now()));
          saveWaiters.add(done);
        });
    },
    unmount() {
      for (const root of clickRoots) root.removeEventListener('click', onClick);
      saveWaiters.clear();
      doc.body.innerHTML = '';
    },
  };
}

