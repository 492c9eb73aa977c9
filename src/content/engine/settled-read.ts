import type { SwitchHook } from '../../shared/messages';
import { isCheckbox, isRendered, type SwitchControl } from './find-toggle';

/**
 * Reading the switch only once the settings app has finished with it. LinkedIn's app renders
 * placeholders first (disabled or busy, with a default position) and fills in the member's value
 * later (docs/linkedin.md, "The switch"): a reading taken too early can say "off" while it is on.
 */

/** The switch must look the same for this long before it is read: longer than a render pass, short for a person. */
export const switchQuietMs = 500;
/** A switch found but not settled within this long is reported as unreadable, never as on or off. */
export const switchSettleDeadlineMs = 10_000;

export type SettledReading =
  | { kind: 'read'; state: 'on' | 'off' }
  | { kind: 'wait'; recheckAt: number; because: string }
  | { kind: 'unreadable'; diagnostic: string };

/** Why the switch cannot be read right now, or null when nothing stands in the way. */
function unsettledBecause(control: SwitchControl): string | null {
  if (!control.isConnected) return 'it left the page';
  if (!isRendered(control)) return 'it is not rendered';
  if ((control as HTMLInputElement | HTMLButtonElement).disabled === true || control.hasAttribute('disabled')) return 'it is disabled';
  if (control.getAttribute('aria-disabled') === 'true') return 'it is aria-disabled';
  if (control.closest('[aria-busy="true"]')) return 'it is inside an aria-busy region';
  const ariaChecked = control.getAttribute('aria-checked');
  if (isCheckbox(control) && ariaChecked !== null && ariaChecked !== String(control.checked)) {
    return `checked (${control.checked}) and aria-checked (${ariaChecked}) disagree`;
  }
  return null;
}

/** The position the control shows: a checkbox's `checked`, an ARIA switch's `aria-checked`. Not a reading by itself. */
export function shownPosition(control: SwitchControl): 'on' | 'off' {
  if (isCheckbox(control)) return control.checked ? 'on' : 'off';
  return control.getAttribute('aria-checked') === 'true' ? 'on' : 'off';
}

/** Everything a reading depends on: any change restarts the quiet period. `checked` is a property, seen only here. */
function fingerprint(control: SwitchControl, hook: SwitchHook): string {
  return [
    hook,
    shownPosition(control),
    control.getAttribute('aria-checked'),
    control.isConnected,
    isRendered(control),
    unsettledBecause(control),
  ].join('|');
}

/**
 * Promise: a switch is read only when settled: connected, rendered, enabled, not aria-disabled, not in an
 * aria-busy region, `checked` and `aria-checked` agreeing where both exist, and unchanged (the same
 * element, the same hook, the same state) for `switchQuietMs`. One that does not settle within
 * `switchSettleDeadlineMs` of being found is "unreadable": never on and never off.
 *
 * Returns a reader fed with the identified switch at every look (each DOM change and each recheck time).
 */
export function readOnlyWhenSettled(settleDeadlineMs = switchSettleDeadlineMs) {
  let firstSeenAt: number | null = null;
  let last: { control: SwitchControl; print: string; since: number } | null = null;
  /** Why the last look had to wait; null before any look and after a reading. */
  let waiting: string | null = null;

  function look(control: SwitchControl, hook: SwitchHook, now: number): SettledReading {
    firstSeenAt ??= now;
    const print = fingerprint(control, hook);
    if (!last || last.control !== control || last.print !== print) last = { control, print, since: now };
    const because = unsettledBecause(control);
    const quietAt = last.since + switchQuietMs;
    if (!because && now >= quietAt) {
      waiting = null;
      return { kind: 'read', state: shownPosition(control) };
    }
    waiting = because ?? 'it kept changing';
    const giveUpAt = firstSeenAt + settleDeadlineMs;
    if (now >= giveUpAt) return { kind: 'unreadable', diagnostic: `the switch never settled: ${waiting}` };
    // `checked` is a property no MutationObserver sees: an unsettled switch is looked at again each quiet period.
    return { kind: 'wait', recheckAt: Math.min(because ? now + switchQuietMs : quietAt, giveUpAt), because: waiting };
  }

  return { look, waiting: (): string | null => waiting };
}
