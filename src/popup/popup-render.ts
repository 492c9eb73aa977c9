import { renderAccountList } from './account-render';
import { part, setText } from './popup-dom';
import { buildSkeleton } from './popup-skeleton';
import type { PopupView } from './popup-view';
import { renderObjection, renderRecord } from './record-render';
import { renderOrganization, renderSettings } from './settings-render';
import { renderStatus } from './status-render';

/**
 * The DOM half of the popup: draws a `PopupView` into a root element and nothing else.
 * The skeleton is built once and kept, so live regions stay in place (screen readers announce changes
 * only in regions that already exist), focus stays where it is, and open <details> stay open.
 * Parts that are rebuilt restore focus and open <details> by a stable key.
 */

/** Draws the view into `root`, building the skeleton on first use. Safe to call on every change. */
export function renderPopup(root: HTMLElement, view: PopupView): void {
  const doc = root.ownerDocument;
  if (!root.querySelector('[data-part="popup"]')) root.replaceChildren(buildSkeleton(doc));
  if (doc.documentElement.lang !== view.lang) doc.documentElement.lang = view.lang;
  if (doc.title !== view.title) doc.title = view.title;

  setText(part(root, 'title'), view.title);
  const intro = part(root, 'intro');
  setText(intro, view.intro ?? '');
  intro.hidden = view.intro === null;

  // aria-disabled, not `disabled`: Chromium drops focus to <body> when the focused button gets disabled,
  // so a keyboard user who pressed Enter would lose their place (found by tests/e2e/popup.e2e.test.ts).
  const optOut = part(root, 'actions').querySelector<HTMLButtonElement>('[data-action="opt-out"]');
  if (optOut) {
    setText(part(optOut, 'opt-out-label'), view.actions.optOut.label);
    optOut.setAttribute('aria-disabled', String(view.actions.optOut.disabled));
    optOut.setAttribute('aria-busy', String(view.actions.optOut.busy));
  }
  const check = root.querySelector<HTMLButtonElement>('[data-part="actions"] [data-action="check"]');
  if (check) {
    setText(check, view.actions.check.label);
    check.setAttribute('aria-disabled', String(view.actions.check.disabled));
  }

  renderStatus(root, view.status);

  const accounts = part(root, 'accounts');
  accounts.hidden = view.accounts.length === 0;
  setText(part(root, 'accounts-heading'), view.accountsHeading ?? '');
  renderAccountList(part(root, 'account-list'), view.accounts);

  renderRecord(root, view.record);
  renderObjection(part(root, 'objection'), view.objection);
  renderOrganization(part(root, 'organization'), view.organization);
  renderSettings(root, view.settings);
  setText(part(root, 'privacy'), view.privacyNote);
  renderFooterLinks(root, view.footerLinks);
}

function renderFooterLinks(root: HTMLElement, links: PopupView['footerLinks']): void {
  const holder = part(root, 'footer-links');
  holder.hidden = links === null;
  if (!links) return;
  for (const [name, link] of [['privacy-link', links.privacy], ['report-link', links.report]] as const) {
    const anchor = part(root, name);
    setText(anchor, link.label);
    if (anchor.getAttribute('href') !== link.url) anchor.setAttribute('href', link.url);
  }
}
