import type { SwitchHook } from '../../shared/messages/background-messages';
import { isCheckbox, isRendered, type SwitchControl } from './find-toggle';

/**
 * Reading the switch only once the settings app has finished with it. LinkedIn's app renders
 * placeholders first (disabled or busy, or a default position that marks nothing) and fills in the member's
 * value when its data request returns (docs/linkedin.md §2): a reading taken too early can say "off" while it is on.
 */

/**
 * The two readings that count wait for evidence that the member's value has arrived: the setting's data request has
 * completed (docs/linkedin.md §2). From then on the switch must stay the same for this long, looked at every frame:
 * one frame would do for every value that arrives late, twice or after a first render, but a switch a script flips
 * every 60–200 ms (the safety generator's) would be read; this is the shortest period that never reads it.
 */
export const switchQuietMs = 200;
/**
 * How often the switch is looked at while it waits: about one animation frame. `checked` is a property: a script can
 * flip it with no DOM change a MutationObserver would see. A timer, as a background tab draws no animation frames.
 */
export const switchSampleMs = 17;
/** A switch found but not settled within this long is reported as unreadable, never as on or off. */
export const switchSettleDeadlineMs = 10_000;

export type SettledReading =
  | { kind: 'read'; state: 'on' | 'off' }
  | { kind: 'wait'; recheckAt: number; because: string }
  | { kind: 'unreadable'; diagnostic: string };

/** Why the switch cannot be read right now, or null when nothing stands in the way. */
function unsettledBecause(control: SwitchControl): string | null {
  if (!control.isConnected) return 'detached';
  if (!isRendered(control)) return 'not rendered';
  if ((control as HTMLInputElement | HTMLButtonElement).disabled === true || control.hasAttribute('disabled')) return 'disabled';
  // A disabled <fieldset> disables every control inside it without touching the control's own `disabled`.
  if (control.closest('fieldset[disabled]')) return 'in a disabled fieldset';
  // aria-disabled on a group disables its descendants too.
  if (control.closest('[aria-disabled="true"]')) return 'aria-disabled';
  if (isCheckbox(control) && control.indeterminate) return 'indeterminate';
  if (control.closest('[aria-busy="true"]')) return 'in an aria-busy region';
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

/**
 * After a click only, once the page's save has finished: the switch shows off, and nothing stands in the way of
 * reading it but its quiet period. Such a switch is passed on at once, unsettled: nothing is recorded from it,
 * and only the fresh load's settled read can make it "off" (`offOnlyWhenVerified`); waiting here would only
 * delay that load. One that shows on, or is still disabled, busy or disagreeing, is waited for as before.
 */
export function showsOffUnhindered(control: SwitchControl): boolean {
  return unsettledBecause(control) === null && shownPosition(control) === 'off';
}

/**
 * Everything a reading depends on: any change restarts the quiet period. `checked` is a property, seen only
 * here. `because` (why it cannot be read now) already covers its being connected and rendered.
 */
function fingerprint(control: SwitchControl, hook: SwitchHook, because: string | null): string {
  return [hook, shownPosition(control), control.getAttribute('aria-checked'), because].join('|');
}

/**
 * Promise: a switch is read only when settled: connected, rendered, enabled (itself and its fieldset), not
 * aria-disabled (itself or a group around it), not indeterminate, not in an aria-busy region, `checked` and
 * `aria-checked` agreeing where both exist, only once `valueArrivedAt` gives evidence that the member's value has
 * arrived, and then unchanged (the same element, the same hook, the same state) at every look, at least every
 * `switchSampleMs`, and at every `input` or `change` event on it, for `switchQuietMs` after both the evidence and its
 * last change. One that does not settle within `settleDeadlineMs` of being found is "unreadable": never on and never off.
 *
 * Returns a reader fed with the identified switch at every look (each DOM change and each recheck time).
 */
export function readOnlyWhenSettled(valueArrivedAt: () => number | null, settleDeadlineMs = switchSettleDeadlineMs) {
  let firstSeenAt: number | null = null;
  let last: { control: SwitchControl; print: string; since: number } | null = null;
  /** Why the last look had to wait; null before any look and after a reading. */
  let waiting: string | null = null;
  /** An `input` or `change` on the watched switch since the last look: it may have changed and changed back in between. */
  let eventSinceLastLook = false;
  let stopListening: AbortController | null = null;

  function listenTo(control: SwitchControl | null): void {
    stopListening?.abort();
    stopListening = null;
    eventSinceLastLook = false;
    if (!control) return;
    stopListening = new AbortController();
    const onEvent = () => (eventSinceLastLook = true);
    control.addEventListener('input', onEvent, { signal: stopListening.signal });
    control.addEventListener('change', onEvent, { signal: stopListening.signal });
  }

  function look(control: SwitchControl, hook: SwitchHook, now: number): SettledReading {
    firstSeenAt ??= now;
    const because = unsettledBecause(control);
    const print = fingerprint(control, hook, because);
    if (last?.control !== control) listenTo(control);
    if (!last || last.control !== control || last.print !== print || eventSinceLastLook) last = { control, print, since: now };
    eventSinceLastLook = false;
    const arrivedAt = valueArrivedAt();
    const quietAt = Math.max(last.since, arrivedAt ?? now) + switchQuietMs;
    if (!because && arrivedAt !== null && now >= quietAt) {
      waiting = null;
      listenTo(null);
      return { kind: 'read', state: shownPosition(control) };
    }
    waiting = because ?? (arrivedAt === null ? 'no sign its value arrived' : 'kept changing');
    const giveUpAt = firstSeenAt + settleDeadlineMs;
    if (now >= giveUpAt) {
      listenTo(null);
      return { kind: 'unreadable', diagnostic: `never settled: ${waiting}` };
    }
    // Sampled, as no observer sees `checked` change or a request complete; an unsettled switch less often.
    const nextLook = because ? now + switchQuietMs : Math.min(quietAt, now + switchSampleMs);
    return { kind: 'wait', recheckAt: Math.min(nextLook, giveUpAt), because: waiting };
  }

  return { look, waiting: (): string | null => waiting };
}

export type SettledReader = ReturnType<typeof readOnlyWhenSettled>;
