import { describe, expect, it } from 'vitest';
import { accountFromOwnNavigation } from '../../src/content/engine/identify-account';
import { classifyPage } from '../../src/content/engine/page-kind';
import { globalNav, mountPage, settingPageBody, settingPath } from './fixtures/linkedin-pages';

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

  it('skips a post shown inside the top bar itself', () => {
    mountPage('/feed/', `<header role="banner"><a href="/in/jana-schmidt-4711/"><img alt="Jana Schmidt" src="data:,"></a>
      <article><a href="/in/promoted-author/">Promoted</a></article></header>`);
    expect(accountFromOwnNavigation(document)).toEqual(jana);
  });

  it('does not guess when the top bar names two members', () => {
    mountPage('/feed/', `${globalNav()}<header><a href="/in/another-member/">Another</a></header>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
  });

  it('lowercases the key: LinkedIn public ids ignore case', () => {
    mountPage('/feed/', globalNav('Jana-Schmidt-4711'));
    expect(accountFromOwnNavigation(document)).toEqual(jana);
  });

  it('decodes public identifiers in other scripts', () => {
    mountPage('/feed/', `<header><a href="/in/j%C3%BCrgen-m%C3%BCller/"><img alt="Jürgen Müller" src="data:,"></a></header>`);
    expect(accountFromOwnNavigation(document)).toEqual({ key: 'jürgen-müller', name: 'Jürgen Müller' });
  });

  it('ignores profile links to other sites and links that are not identifiers', () => {
    mountPage('/feed/', `<header><a href="https://evil.example/in/jana-schmidt-4711/">x</a><a href="/in/%3Cscript%3E/">y</a></header>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
  });

  it('falls back to data islands that name exactly one member, lowercased', () => {
    const island = { included: [{ publicIdentifier: 'Max-Muster', entityUrn: 'urn:li:fs_miniProfile:ACoAA1', firstName: 'Max', lastName: 'Muster' }] };
    mountPage('/mypreferences/d/', `<code id="bpr-guid-1" style="display:none">${JSON.stringify(island)}</code>`);
    expect(accountFromOwnNavigation(document)).toEqual({ key: 'max-muster', name: 'Max Muster' });
  });

  it('does not guess when islands name two members (a viewed profile)', () => {
    const island = { included: [
      { publicIdentifier: 'viewer', entityUrn: 'urn:li:fs_miniProfile:A' },
      { publicIdentifier: 'viewed', entityUrn: 'urn:li:fs_miniProfile:B' },
    ] };
    mountPage('/in/viewed/', `<code id="bpr-guid-2">${JSON.stringify(island)}</code><code id="bpr-guid-3">not json</code>`);
    expect(accountFromOwnNavigation(document)).toBeNull();
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
