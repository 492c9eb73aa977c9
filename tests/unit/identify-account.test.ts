import { describe, expect, it } from 'vitest';
import { identifyAccount } from '../../src/content/engine/identify-account';
import { classifyPage } from '../../src/content/engine/page-kind';
import { mountPage } from './fixtures/linkedin-pages';

describe('which account is signed in', () => {
  it('reads the own-profile link in the header, not the first /in/ link on the page', () => {
    mountPage('/feed/', `<a href="/in/someone-else/">Promoted</a>
      <header><nav><button aria-label="Jana Schmidt Me"><img alt="Jana Schmidt" src="data:,"></button>
      <div role="menu"><a href="/in/jana-schmidt-4711/">View profile</a></div></nav></header>
      <main><a href="/in/another-person/">Another Person</a></main>`);
    expect(identifyAccount(document)).toEqual({ key: 'jana-schmidt-4711', name: 'Jana Schmidt' });
  });

  it('decodes public identifiers in other scripts', () => {
    mountPage('/feed/', `<header><a href="/in/j%C3%BCrgen-m%C3%BCller/"><img alt="Jürgen Müller" src="data:,"></a></header>`);
    expect(identifyAccount(document)).toEqual({ key: 'jürgen-müller', name: 'Jürgen Müller' });
  });

  it('falls back to a data island that names exactly one member', () => {
    const island = { included: [{ publicIdentifier: 'max-muster', entityUrn: 'urn:li:fs_miniProfile:ACoAA1', firstName: 'Max', lastName: 'Muster' }] };
    mountPage('/in/max-muster/', `<code id="bpr-guid-1" style="display:none">${JSON.stringify(island)}</code>`);
    expect(identifyAccount(document)).toEqual({ key: 'max-muster', name: 'Max Muster' });
  });

  it('does not guess when islands name two members (a viewed profile)', () => {
    const island = { included: [
      { publicIdentifier: 'viewer', entityUrn: 'urn:li:fs_miniProfile:A' },
      { publicIdentifier: 'viewed', entityUrn: 'urn:li:fs_miniProfile:B' },
    ] };
    mountPage('/in/viewed/', `<code id="bpr-guid-2">${JSON.stringify(island)}</code><code id="bpr-guid-3">not json</code>`);
    expect(identifyAccount(document)).toBeNull();
  });

  it('ignores links that are not LinkedIn identifiers', () => {
    mountPage('/feed/', `<header><a href="/in/%3Cscript%3E/">x</a></header>`);
    expect(identifyAccount(document)).toBeNull();
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
