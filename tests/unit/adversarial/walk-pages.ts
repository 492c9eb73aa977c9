import { seededRandom } from '../seeded-random';
import { groundTruth, type PageSpec } from './generate-page';
import { type ElementRole, identityMarkup, type MountedPage, mountPage } from './mount-page';
import { type Language, pageTexts, settingPath } from './page-texts';
import type { VirtualClock } from './virtual-clock';

/**
 * Where a page load may begin when it is not the setting itself: the settings home, the privacy
 * category, or a feed that LinkedIn sent the settings to. Each carries members' posts, comments and
 * messages with the very words and links of the walk ("how to opt out" guides), which the walk must
 * never click; the settings app's own links lead on by SPA navigation to the generated setting page.
 */

const settingsHomePath = '/mypreferences/d/categories/account';
const privacyCategoryPath = '/mypreferences/d/categories/privacy';
const otherSettingPath = '/mypreferences/d/settings/profile-visibility';

/** The "Data privacy" category's name per UI language, as the facts give it. */
const categoryNames: Record<Language, string> = {
  en: 'Data privacy',
  de: 'Datenschutz',
  fr: 'Confidentialité des données',
  nl: 'Gegevensprivacy',
  pt: 'Privacidade dos dados',
  pl: 'Prywatność danych',
  it: 'Privacy dei dati',
  es: 'Privacidad de datos',
  sv: 'Dataintegritet',
  da: 'Databeskyttelse',
};

const startPaths = { 'settings-home': settingsHomePath, 'privacy-category': privacyCategoryPath, feed: '/feed/' } as const;

export type PageLoad = MountedPage & {
  /** Whether the walk reached the setting's page. */
  arrived(): boolean;
};

/**
 * Starts the page load `spec.start` names. `setUrl` moves the document to a path (a fresh load at the
 * start, `history.pushState` for the app's own navigation).
 */
export function startPageLoad(spec: PageSpec, doc: Document, clock: VirtualClock, setUrl: (path: string) => void): PageLoad {
  if (spec.start === 'setting') {
    setUrl(settingPath);
    const page = mountPage(spec, doc, clock);
    return { ...page, arrived: () => true };
  }
  const random = seededRandom(spec.seed ^ 0x3a1c);
  const identity = identityMarkup(spec, random);
  const names = { category: categoryNames[spec.lang], row: pageTexts[spec.lang].heading };
  const roles = new Map<string, ElementRole>();
  let nextId = 900 + Math.floor(random() * 90);
  const registered = (role: ElementRole) => {
    const id = `ember${nextId++}`;
    roles.set(id, role);
    return id;
  };
  let settingPage: MountedPage | null = null;
  /** The walk's pages draw what their data request brought at once. */
  let walkDataAt: number | null = clock.now();

  /** Members' content quoting the walk: links to the settings, a shortened link, a button in a comment. */
  const content = () => `<section role="feed" aria-label="Feed">
      <article><header><a href="/in/erika-musterfrau/">Erika Musterfrau</a></header>
        <p>How to opt out: <a id="${registered('content')}" href="${privacyCategoryPath}">${names.category}</a> →
        <a id="${registered('content')}" href="${settingPath}">${names.row}</a>, or <a id="${registered('content')}" href="https://lnkd.in/e-optout">${names.row}</a></p></article>
      <div role="comment"><button type="button" id="${registered('content')}">${names.category}</button></div></section>
    <div role="dialog" aria-label="Messaging"><div role="log"><a id="${registered('content')}" href="${settingPath}">${names.row}</a></div></div>`;
  const settingsNav = () => `<nav aria-label="Settings">
      <a id="${registered('walk-link')}" href="${settingsHomePath}">Account preferences</a>
      <a id="${registered('walk-link')}" href="${privacyCategoryPath}">${names.category}</a>
      <a id="${registered('page')}" href="/help/linkedin/answer/a1337839">${names.category}</a></nav>`;
  const rows = () => `<section><h2>How LinkedIn uses your data</h2>
      <a id="${registered('walk-link')}" href="${otherSettingPath}"><span>Profile visibility</span><span>On</span></a>
      <a id="${registered('walk-link')}" href="${settingPath}"><span>${names.row}</span><span>${spec.initiallyOn ? 'On' : 'Off'}</span></a></section>`;
  const body = (path: string) => {
    const main =
      path === '/feed/'
        ? `<main>${content()}</main>`
        : `${settingsNav()}<main><h1>${path === privacyCategoryPath ? names.category : 'Account preferences'}</h1>${path === privacyCategoryPath ? rows() : ''}${content()}</main>`;
    return `${identity.top}<div class="application-outlet">${main}${identity.content}</div>${identity.overlay ?? ''}`;
  };

  function show(path: string): void {
    if (path === settingPath) {
      settingPage = mountPage(spec, doc, clock);
      return;
    }
    doc.body.innerHTML = path === otherSettingPath ? `${identity.top}<main><h1>Profile visibility</h1></main>` : body(path);
    walkDataAt = clock.now();
  }

  /** The settings app routes its own links in script; nothing on these pages ever loads another document. */
  function onClick(event: Event): void {
    const link = (event.target as Element).closest('a[href]');
    if (!link) return;
    event.preventDefault();
    if (roles.get(link.id) !== 'walk-link') return;
    const path = link.getAttribute('href') as string;
    setUrl(path);
    clock.setTimeout(() => show(path), 200 + Math.floor(random() * 600));
  }

  setUrl(startPaths[spec.start]);
  doc.documentElement.toggleAttribute('lang', spec.htmlLang !== null);
  if (spec.htmlLang !== null) doc.documentElement.setAttribute('lang', spec.htmlLang);
  doc.title = 'Settings | LinkedIn';
  doc.body.innerHTML = body(startPaths[spec.start]);
  doc.addEventListener('click', onClick, true);

  return {
    spec,
    truth: groundTruth(spec),
    arrived: () => settingPage !== null,
    trainingOn: () => settingPage?.trainingOn() ?? spec.initiallyOn,
    roleOf: (element) => settingPage?.roleOf(element) ?? roles.get(element.id) ?? 'page',
    realSwitchSettled: () => settingPage?.realSwitchSettled() ?? false,
    realSwitchShowsOn: () => settingPage?.realSwitchShowsOn() ?? null,
    valueArrivedAt: () => (settingPage ? settingPage.valueArrivedAt() : walkDataAt),
    watchForSave: () => (settingPage ? settingPage.watchForSave() : (deadline) => new Promise((resolve) => clock.setTimeout(resolve, deadline - clock.now()))),
    unmount() {
      doc.removeEventListener('click', onClick, true);
      settingPage?.unmount();
      doc.body.innerHTML = '';
    },
  };
}
