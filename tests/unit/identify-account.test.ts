import { describe, expect, it } from 'vitest';
import { accountFromPage } from '../../src/content/data-islands';
import { accountFromOwnNavigation } from '../../src/content/engine/identify-account';
import { classifyPage } from '../../src/shared/rules/page-kind';
import { globalNav, header, mountPage, settingPageBody, settingPath } from './fixtures/linkedin-pages';

describe("which account is signed in: only from the member's own navigation", () => {
  const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };

  it('reads the global nav as the simulator renders it, not the posts of a feed', () => {
    mountPage('/feed/', `<a href="/in/someone-else/">Promoted</a>${globalNav()}
      <main><div role="feed"><article><header><a href="/in/post-author/"><img alt="Post Author" src="data:,"></a></header>
      <p>How to opt out of AI training</p></article></div></main>`);
    expect(accountFromOwnNavigation(document)).toEqual(jana);
  });

  it("reads the settings app's own header", () => {
    mountPage(settingPath, settingPageBody('<p>settings</p>'));
    expect(accountFromOwnNavigation(document)).toEqual(jana);
  });

  it('never takes the first profile link of a page without a top bar', () => {
    mountPage('/in/viewed-member/', `<main><h1>Viewed Member</h1></main>
      <aside><h2>People also viewed</h2><a href="/in/also-viewed/"><img alt="Also Viewed" src="data:,"></a></aside>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
  });

  it('never takes a post author from a header inside a post, an aside or a dialog', () => {
    mountPage('/feed/', `<main><article><header><a href="/in/post-author/">Post Author</a></header></article></main>
      <aside><header><a href="/in/aside-person/">Aside</a></header></aside>
      <div role="dialog"><header><a href="/in/dialog-person/">Dialog</a></header></div>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
  });

  it('skips a post shown inside the top bar itself', async () => {
    mountPage('/feed/', `<header role="banner"><a href="/feed/" aria-label="LinkedIn">in</a><a href="/in/jana-schmidt-4711/"><img alt="Jana Schmidt" src="data:,"></a>
      <article><a href="/in/promoted-author/">Promoted</a></article></header><main></main>`);
    expect(accountFromOwnNavigation(document)).toEqual(jana);
  });

  it('does not guess when the own navigation names two members', () => {
    mountPage('/feed/', `${globalNav().replace('</nav>', '<a href="/in/another-member/">Another</a></nav>')}<main></main>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
  });

  it('lowercases the key: LinkedIn public ids ignore case', () => {
    mountPage('/feed/', globalNav('Jana-Schmidt-4711'));
    expect(accountFromOwnNavigation(document)).toEqual(jana);
  });

  it('decodes public identifiers in other scripts', () => {
    mountPage(settingPath, settingPageBody('', 'j%C3%BCrgen-m%C3%BCller').replace('alt="Jana Schmidt"', 'alt="Jürgen Müller"'));
    expect(accountFromOwnNavigation(document)).toEqual({ key: 'jürgen-müller', name: 'Jürgen Müller' });
  });

  it('ignores profile links to other sites and links that are not identifiers, even in the own navigation', () => {
    mountPage(settingPath, settingPageBody('').replace('href="/in/jana-schmidt-4711/"', 'href="https://evil.example/in/jana-schmidt-4711/"')
      .replace('<span>Settings</span>', '<a href="/in/%3Cscript%3E/">y</a>'));
    expect(document.querySelector('header a[href*="evil.example"]')).not.toBeNull();
    expect(accountFromOwnNavigation(document)).toBeNull();
  });
});

describe("provesOwnNavigation: a top-level header is the member's own only with proof (adversarial finding F1)", () => {
  const jana = { key: 'jana-schmidt-4711', name: 'Jana Schmidt' };
  const withoutHomeLinks = (nav: string) => nav.replace('<a href="/feed/" aria-label="LinkedIn">in</a>', '').replace('<li><a href="/feed/">Home</a></li>', '');
  const overlayHeader = '<header><button type="button">Messaging</button><a href="/in/john-doe-123/"><img alt="john-doe-123" src="data:,"></a></header><div>Hi!</div>';

  it("a messaging overlay's header after the page, with the partner's photo link, proves nobody", () => {
    mountPage(settingPath, `<main><h1>Data for Generative AI Improvement</h1></main><div id="msg-overlay">${overlayHeader}</div>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
  });

  it('nor does one placed first, ahead of the main content, without LinkedIn\'s home link', () => {
    mountPage(settingPath, `<div id="msg-overlay">${overlayHeader}</div><main><h1>Data for Generative AI Improvement</h1></main>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
  });

  it('nor a bare header with a photo link: no "Me" control, no logo', () => {
    mountPage(settingPath, '<header><a href="/in/jana-schmidt-4711/"><img alt="Jana Schmidt" src="data:,"></a></header><main></main>');
    expect(accountFromOwnNavigation(document)).toBeNull();
  });

  it("nor the settings app's header shape after the main content, or behind another top-level header", () => {
    mountPage(settingPath, `<main></main>${header()}`);
    expect(accountFromOwnNavigation(document)).toBeNull();
    mountPage(settingPath, `<div id="msg-overlay">${overlayHeader}</div>${header()}<main></main>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
  });

  it('beside the global nav, an overlay header is not the member and does not make the page ambiguous', () => {
    mountPage('/feed/', `${globalNav()}<main></main><div id="msg-overlay">${overlayHeader}</div>`);
    expect(accountFromOwnNavigation(document)).toEqual(jana);
  });

  it('an overlay header carrying the logo still proves nothing after the main content', () => {
    mountPage(settingPath, `<main></main><div id="msg-overlay">${overlayHeader.replace('<header>', '<header><a href="/feed/">in</a>')}</div>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
  });

  it('the "Me" control proves the bar in any language, by the photo\'s alt and one word, with or without aria-label', () => {
    // Without the logo, only the "Me" control can prove this bar.
    const onlyTheMeControl = (nav: string) => `${withoutHomeLinks(nav)}<main></main>`;
    const withoutAriaLabel = globalNav().replace('aria-label="Jana Schmidt Me" ', '').replace('<span aria-hidden="true">Me</span>', '<span>Ich ▾</span>');
    mountPage('/feed/', onlyTheMeControl(withoutAriaLabel));
    expect(accountFromOwnNavigation(document)).toEqual(jana);
    mountPage('/feed/', onlyTheMeControl(globalNav().replace('Jana Schmidt Me', 'Jana Schmidt Sie')));
    expect(accountFromOwnNavigation(document)).toEqual(jana);
  });

  it('a control that opens no menu, or whose name is not the photo\'s alt and one word, is no "Me" control', () => {
    mountPage('/feed/', `${withoutHomeLinks(globalNav().replace(' aria-controls="me-menu"', ''))}<main></main>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
    for (const name of ['Messaging', 'Jana Schmidt sent you a message', 'Me']) {
      mountPage('/feed/', `${withoutHomeLinks(globalNav().replace('aria-label="Jana Schmidt Me"', `aria-label="${name}"`))}<main></main>`);
      expect(accountFromOwnNavigation(document)).toBeNull();
    }
  });
});

describe("aliases and internal ids are no member", () => {
  it.each([
    ['/in/me/', 'the alias for whoever views the page'],
    ['/in/ME', 'the alias in capitals'],
    ['/in/ACoAABx7Qm2kT9vLp/', 'an internal member id'],
    ['/in/acoaabx7qm2kt9vlp/', 'an internal member id in lower case'],
  ])('a header linking to %s (%s) names nobody', (href) => {
    mountPage('/feed/', `<header><a href="/feed/">LinkedIn</a><a href="${href}"><img alt="Jana Schmidt" src="data:,"></a></header><main></main>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
    expect(accountFromPage(document)).toBeNull();
  });

  it('an alias beside the public id still names the member by the public id', () => {
    mountPage('/feed/', `<header><a href="/feed/">LinkedIn</a><a href="/in/me/">Me</a><a href="/in/jana-schmidt-4711/"><img alt="Jana Schmidt" src="data:,"></a></header><main></main>`);
    expect(accountFromOwnNavigation(document)).toEqual({ key: 'jana-schmidt-4711', name: 'Jana Schmidt' });
  });

  it('public ids that merely begin like an alias are members', () => {
    mountPage('/feed/', `<header><a href="/feed/">LinkedIn</a><a href="/in/meike-acoa/"><img alt="Meike" src="data:,"></a></header><main></main>`);
    expect(accountFromOwnNavigation(document)?.key).toBe('meike-acoa');
  });
});

describe("data islands: only the page's own record of the viewer, outside the settings app", () => {
  const miniProfile = (publicIdentifier: string, urn: string, firstName?: string, lastName?: string) => ({
    $type: 'com.linkedin.voyager.identity.shared.MiniProfile',
    publicIdentifier,
    entityUrn: urn,
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName }),
  });
  const viewerRecord = (urn: string, ...included: unknown[]) => ({ data: { $type: 'com.linkedin.voyager.common.Me', '*miniProfile': urn }, included });
  const code = (guid: number, payload: unknown) => `<code id="bpr-guid-${guid}" style="display:none">${JSON.stringify(payload)}</code>`;
  const header = '<header><a href="/feed/">LinkedIn</a></header>';

  it("names the viewer from the record typed as the member signed in, lowercased, with first and last name", () => {
    mountPage('/in/max-muster/', header + code(1, viewerRecord('urn:li:fs_miniProfile:ACoAA1', miniProfile('Max-Muster', 'urn:li:fs_miniProfile:ACoAA1', 'Max', 'Muster'))));
    expect(accountFromPage(document)).toEqual({ key: 'max-muster', name: 'Max Muster' });
  });

  it('a member without a last name gets no trailing space in the name', () => {
    mountPage('/feed/', header + code(1, viewerRecord('urn:li:fs_miniProfile:ACoAA1', miniProfile('pierre-dupont-fr', 'urn:li:fs_miniProfile:ACoAA1', 'pierre-dupont-fr', ''))));
    expect(accountFromPage(document)).toEqual({ key: 'pierre-dupont-fr', name: 'pierre-dupont-fr' });
  });

  it("a stranger's profile whose only island is the owner's names nobody", () => {
    mountPage('/in/stranger-1/', header + code(1, { data: { '*elements': ['urn:li:fs_miniProfile:ACoAA9'] }, included: [miniProfile('stranger-1', 'urn:li:fs_miniProfile:ACoAA9', 'Some', 'Stranger')] }));
    expect(accountFromPage(document)).toBeNull();
  });

  it("on a stranger's profile the viewer record wins over the owner's island, in either order", () => {
    const owner = code(1, { data: { '*elements': ['urn:li:fs_miniProfile:ACoAA9'] }, included: [miniProfile('stranger-1', 'urn:li:fs_miniProfile:ACoAA9')] });
    const viewer = code(2, viewerRecord('urn:li:fs_miniProfile:ACoAA1', miniProfile('stranger-1', 'urn:li:fs_miniProfile:ACoAA9'), miniProfile('max-muster', 'urn:li:fs_miniProfile:ACoAA1')));
    for (const islands of [owner + viewer, viewer + owner]) {
      mountPage('/in/stranger-1/', header + islands);
      expect(accountFromPage(document)?.key).toBe('max-muster');
    }
  });

  it('a record of another type, a viewer pointing at nobody included, an alias or an internal id names nobody', () => {
    const pages = [
      code(1, { data: { $type: 'com.linkedin.voyager.identity.profile.Profile', '*miniProfile': 'urn:a' }, included: [miniProfile('max-muster', 'urn:a')] }),
      code(1, viewerRecord('urn:a', miniProfile('max-muster', 'urn:b'))),
      code(1, viewerRecord('urn:a', miniProfile('me', 'urn:a'))),
      code(1, viewerRecord('urn:a', miniProfile('ACoAABx7Qm2kT9vLp', 'urn:a'))),
      code(1, 'not an object') + '<code id="bpr-guid-2">not json</code>',
    ];
    for (const page of pages) {
      mountPage('/feed/', header + page);
      expect(accountFromPage(document)).toBeNull();
    }
  });

  it('two viewer records naming two members name nobody', () => {
    mountPage('/feed/', header + code(1, viewerRecord('urn:a', miniProfile('max-muster', 'urn:a'))) + code(2, viewerRecord('urn:b', miniProfile('jana-schmidt-4711', 'urn:b'))));
    expect(accountFromPage(document)).toBeNull();
  });

  it("never name the member for the engine's header read", () => {
    mountPage('/mypreferences/d/', code(1, viewerRecord('urn:a', miniProfile('max-muster', 'urn:a', 'Max', 'Muster'))));
    expect(accountFromOwnNavigation(document)).toBeNull();
    expect(accountFromPage(document)).toEqual({ key: 'max-muster', name: 'Max Muster' });
  });

  it('are not consulted when the top bar names two members', () => {
    mountPage(
      '/feed/',
      `<header><a href="/feed/">LinkedIn</a><a href="/in/jana-schmidt-4711/">Jana</a><a href="/in/someone-else/">Other</a></header>${code(1, viewerRecord('urn:a', miniProfile('max-muster', 'urn:a')))}`,
    );
    expect(accountFromPage(document)).toBeNull();
  });
});

describe('page kinds', () => {
  it.each([
    ['/uas/login', '', 'signed-out'],
    ['/login', '', 'signed-out'],
    ['/authwall', '', 'signed-out'],
    ['/checkpoint/challenge/AgF', '', 'challenge'],
    ['/anything', 'Security Verification | LinkedIn', 'challenge'],
    ['/mypreferences/d/categories/privacy', 'Settings', 'linkedin'],
  ])('%s %s → %s', (path, title, kind) => {
    expect(classifyPage(path, title)).toBe(kind);
  });
});
