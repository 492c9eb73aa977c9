import type { Preferences } from '../shared/preferences/preferences';

/** What the member does in the popup: one listener per event type on the root, named actions out. */

export const popupActions = [
  'opt-out',
  'check',
  'sign-in',
  'open-setting',
  'retry',
  'copy-report',
  'export-json',
  'export-csv',
  'forget',
  'confirm-forget',
  'cancel-forget',
  'copy-objection',
  'import-json',
  'allow-notifications',
] as const;
export type PopupAction = (typeof popupActions)[number];

export type PopupHandlers = {
  /** A `data-action` element was activated; `accountKey` is the row's `data-account`, if any. */
  action(action: PopupAction, accountKey: string | null): void;
  /** A settings control changed. Runs synchronously inside the input event (permission requests need it). */
  preference(change: Partial<Preferences>, control: HTMLInputElement | HTMLSelectElement): void;
  /** An account's history was opened before the log was read: its rows need the log. */
  historyOpened(): void;
  /** A file was chosen for import. */
  importFile(file: File): void;
};

function isPopupAction(value: string | null): value is PopupAction {
  return value !== null && (popupActions as readonly string[]).includes(value);
}

/** One listener per event type on the root, so re-rendered parts need no re-binding. */
export function bindPopupEvents(root: HTMLElement, handlers: PopupHandlers, signal?: AbortSignal): void {
  root.addEventListener(
    'click',
    (event) => {
      const target = (event.target as Element | null)?.closest?.('[data-action]');
      if (!target || !root.contains(target)) return;
      // A busy button stays focusable (see renderPopup) but does nothing.
      if (target.getAttribute('aria-disabled') === 'true') return;
      const action = target.getAttribute('data-action');
      if (!isPopupAction(action)) return;
      if (target.tagName === 'A') event.preventDefault();
      handlers.action(action, target.closest('[data-account]')?.getAttribute('data-account') ?? null);
    },
    { signal },
  );
  root.addEventListener(
    'keydown',
    (event) => {
      // Escape leaves a pending "forget" confirmation, like closing a dialog.
      if (event.key !== 'Escape') return;
      const confirm = (event.target as Element | null)?.closest?.('.confirm');
      if (!confirm) return;
      event.preventDefault();
      handlers.action('cancel-forget', confirm.closest('[data-account]')?.getAttribute('data-account') ?? null);
    },
    { signal },
  );
  // "toggle" does not bubble: heard on the way down instead.
  root.addEventListener(
    'toggle',
    (event) => {
      const details = event.target as HTMLDetailsElement | null;
      if (details?.open && details.getAttribute?.('data-history') === 'waiting') handlers.historyOpened();
    },
    { capture: true, signal },
  );
  root.addEventListener(
    'change',
    (event) => {
      const control = event.target as HTMLInputElement | HTMLSelectElement | null;
      if (control?.getAttribute?.('data-part') === 'import-file') {
        const file = (control as HTMLInputElement).files?.[0];
        if (file) handlers.importFile(file);
        return;
      }
      const setting = control?.getAttribute?.('data-setting');
      if (!control || !setting) return;
      if (control.getAttribute('data-action') === 'choose-setting') {
        const chosen = [...root.querySelectorAll<HTMLInputElement>('input[data-action="choose-setting"]')].filter((box) => box.checked);
        handlers.preference({ chosenSettings: chosen.map((box) => box.getAttribute('data-setting') ?? '') }, control);
      } else if (setting === 'recheckIntervalHours') {
        const hours = Number(control.value);
        if (Number.isInteger(hours) && hours > 0) handlers.preference({ recheckIntervalHours: hours }, control);
      } else if ((setting === 'notifyOnFlipBack' || setting === 'keepItOff') && control.tagName === 'INPUT') {
        handlers.preference({ [setting]: (control as HTMLInputElement).checked }, control);
      }
    },
    { signal },
  );
}

/** Moves focus to an action's element (after a rebuild), e.g. to "Cancel" when a confirmation opens. */
export function focusAction(root: HTMLElement, action: PopupAction | 'accounts-heading', accountKey: string | null = null): void {
  if (action === 'accounts-heading') {
    root.querySelector<HTMLElement>('#accounts-heading')?.focus();
    return;
  }
  const scope = accountKey === null ? root : [...root.querySelectorAll<HTMLElement>('[data-account]')].find((row) => row.getAttribute('data-account') === accountKey);
  scope?.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus();
}
