import type { Operation } from '../shared/storage/operation-state';
import type { Translate } from './i18n';
import type { PopupInput } from './popup-input';

/** LinkedIn's objection form and a ready text to paste into it: nothing is sent by the extension. */
export type ObjectionView = { heading: string; lead: string; url: string; linkLabel: string; copyLabel: string; textLabel: string; text: string };

/** LinkedIn's Data Processing Objection Request Form (docs/linkedin.md §1). */
const objectionFormUrl = 'https://www.linkedin.com/help/linkedin/ask/TS-DPRO';

/**
 * The objection form: where the AI switch is not offered, and after it is off, as the step for data
 * already used (the switch works only from now on). Only when no operation is running.
 */
export function buildObjection(input: PopupInput, operation: Operation | null, t: Translate): ObjectionView | null {
  const result = operation || input.ui.starting ? null : input.lastResult;
  const kind = result?.outcome.kind;
  // After an opt-out the member asked for, whether it had to be clicked or was already off.
  const optedOut = kind === 'turned-off' || (kind === 'off' && result?.kind === 'opt-out');
  const lead = kind === 'not-offered' ? t('popupObjectionLeadNotOffered') : optedOut ? t('popupObjectionLeadAfterOptOut') : null;
  if (lead === null) return null;
  return {
    heading: t('popupObjectionHeading'),
    lead,
    url: objectionFormUrl,
    linkLabel: t('popupObjectionLink'),
    copyLabel: t('popupObjectionCopy'),
    textLabel: t('popupObjectionTextLabel'),
    text: t('popupObjectionText'),
  };
}
