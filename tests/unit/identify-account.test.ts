import { describe, expect, it } from 'vitest';
import { accountFromPage } from '../../src/content/data-islands';
import { accountFromOwnNavigation } from '../../src/content/engine/identify-account';
import { classifyPage } from '../../src/shared/page-kind';
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

describe('data islands, outside the settings app', () => {
  it('a member without a last name gets no trailing space in the name', () => {
    const island = { included: [{ publicIdentifier: 'pierre-dupont-fr', entityUrn: 'urn:li:fs_miniProfile:ACoAA1', firstName: 'pierre-dupont-fr', lastName: '' }] };
    mountPage('/in/max-muster/', `<code id="bpr-guid-1" style="display:none">${JSON.stringify(island)}</code>`);
    expect(accountFromPage(document)).toEqual({ key: 'pierre-dupont-fr', name: 'pierre-dupont-fr' });
  });

  it('falls back to data islands that name exactly one member, lowercased', () => {
    const island = { included: [{ publicIdentifier: 'Max-Muster', entityUrn: 'urn:li:fs_miniProfile:ACoAA1', firstName: 'Max', lastName: 'Muster' }] };
    mountPage('/in/max-muster/', `<code id="bpr-guid-1" style="display:none">${JSON.stringify(island)}</code>`);
    expect(accountFromPage(document)).toEqual({ key: 'max-muster', name: 'Max Muster' });
  });

  it('does not guess when islands name two members (a viewed profile)', () => {
    const island = { included: [
      { publicIdentifier: 'viewer', entityUrn: 'urn:li:fs_miniProfile:A' },
      { publicIdentifier: 'viewed', entityUrn: 'urn:li:fs_miniProfile:B' },
    ] };
    mountPage('/in/viewed/', `<code id="bpr-guid-2">${JSON.stringify(island)}</code><code id="bpr-guid-3">not json</code>`);
    expect(accountFromPage(document)).toBeNull();
  });

  it('never name the member for the engine: in the settings app only its own header does', () => {
    const island = { included: [{ publicIdentifier: 'max-muster', entityUrn: 'urn:li:fs_miniProfile:ACoAA1', firstName: 'Max', lastName: 'Muster' }] };
    mountPage('/mypreferences/d/', `<code id="bpr-guid-1" style="display:none">${JSON.stringify(island)}</code>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
    expect(accountFromPage(document)).toEqual({ key: 'max-muster', name: 'Max Muster' });
  });

  it('are not consulted when the top bar names two members', () => {
    const island = { included: [{ publicIdentifier: 'max-muster', entityUrn: 'urn:li:fs_miniProfile:ACoAA1' }] };
    mountPage(
      '/feed/',
      `<header><a href="/feed/">LinkedIn</a><a href="/in/jana-schmidt-4711/">Jana</a><a href="/in/someone-else/">Other</a></header><code id="bpr-guid-1">${JSON.stringify(island)}</code>`,
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
