import type { EngineFailure } from '../../shared/messages/background-messages';
import { classifyPage } from '../../shared/rules/page-kind';

/** Paths of LinkedIn's settings areas are not personal; any other path is left out of diagnostics. */
export function safePath(path: string): string {
  return /^\/(mypreferences|psettings|uas|checkpoint|login|authwall)\b/.test(path) ? path.slice(0, 120) : '(other page)';
}

/**
 * Why a page outside LinkedIn's settings app cannot show the setting: a sign-in or security page, or any other
 * page LinkedIn sent the helper tab to, where the walk never clicks (`walkOnlyThroughSettings`).
 */
export function failureOutsideSettings(path: string, title: string): { failure: EngineFailure; diagnostic: string } {
  const pageKind = classifyPage(path, title);
  if (pageKind !== 'linkedin') return { failure: pageKind, diagnostic: `LinkedIn showed ${safePath(path)}` };
  return { failure: 'not-found', diagnostic: `sent to ${safePath(path)}, outside its settings app` };
}
