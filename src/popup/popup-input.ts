import type { ImportRefusal } from '../shared/messages/import-limits';
import type { Preferences } from '../shared/preferences/preferences';
import type { StoredPopupState } from './popup-state';

/** What the popup's view is built from: the stored state and what happened inside this popup window. */

/** Transient things that happen only inside this popup window, never stored. */
export type PopupNotice =
  | { kind: 'report-copied' }
  | { kind: 'objection-copied' }
  | { kind: 'report-copy-failed'; report: string }
  | { kind: 'notify-refused' }
  | { kind: 'access-refused' }
  | { kind: 'send-failed'; error: string };

/** What became of an import, shown next to its button. */
export type ImportNotice = { kind: 'in-tab' } | { kind: 'imported'; added: number } | { kind: 'refused'; refusal: ImportRefusal; detail: string };

export type PopupUiState = {
  /** The account whose "forget" is waiting for confirmation. */
  confirmingForget: string | null;
  /** An opt-out or check was sent and the background has not answered yet. */
  starting: boolean;
  notice: PopupNotice | null;
  /** Preference changes sent but not yet back from storage, shown meanwhile so controls do not flicker. */
  pendingPreferences: Partial<Preferences>;
  /** Whether the optional notifications permission is granted; null until known. */
  notificationsAllowed: boolean | null;
  importNotice: ImportNotice | null;
};

/** `homepageUrl`: the manifest's, where the privacy policy and the issue form live; no links without it. */
export type PopupInput = StoredPopupState & { ui: PopupUiState; homepageUrl?: string | null };

export function initialUiState(): PopupUiState {
  return { confirmingForget: null, starting: false, notice: null, pendingPreferences: {}, notificationsAllowed: null, importNotice: null };
}
