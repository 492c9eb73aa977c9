import type { Observation, Trigger } from '../shared/log/log-schema';
import type { AccountSummary } from '../shared/log/log-summary';
import type { PopupMessageKey, Translate } from './i18n';
import { outcomeLook, type Tone } from './outcome-look';
import { type TextPart, type TimeText, type TimeTexts, withTime } from './time-text';

/** An account's history: its summary line always, its rows only once the section is opened and the log read. */

export type HistoryRowView = {
  time: TimeText;
  /** For merged identical checks: how many, and when the last was. */
  repeats: TextPart[] | null;
  outcome: string;
  trigger: string;
  tone: Tone;
};

export type HistoryView = {
  summary: string;
  caption: string;
  columns: { time: string; outcome: string; trigger: string };
  /**
   * Built when the section is opened: formatting 50 dates per account is most of a big log's cost.
   * Null until the log itself is read (opening the section asks for it); as null it also changes the
   * account list's redraw key, so the rows appear once the log is in.
   */
  rows: (() => HistoryRowView[]) | null;
  /** Stands in for the rows when deciding whether to redraw: it changes with every new entry. */
  newestAt: number | null;
  empty: string | null;
  truncated: string | null;
};

/** History rows shown per account; the export holds all of them. */
export const historyRowsShown = 50;

const triggerText = {
  user: 'popupTriggerUser',
  recheck: 'popupTriggerRecheck',
  'auto-fix': 'popupTriggerAutoFix',
  policy: 'popupTriggerPolicy',
} as const satisfies Record<Trigger, PopupMessageKey>;

function buildHistoryRow(observation: Observation, t: Translate, times: TimeTexts): HistoryRowView {
  return {
    time: times.dateTime(observation.at),
    repeats: observation.count > 1 ? withTime(t, 'popupHistoryRepeats', times.dateTime(observation.lastAt), [String(observation.count)]) : null,
    outcome: t(outcomeLook[observation.outcome].short),
    trigger: t(triggerText[observation.trigger]),
    tone: outcomeLook[observation.outcome].tone,
  };
}

/** `history`: the account's entries from the log, oldest first; null while the log is not read. */
export function buildHistory(record: AccountSummary, name: string, history: readonly Observation[] | null, t: Translate, times: TimeTexts): HistoryView {
  return {
    // chrome.i18n has no plural rules: one entry gets its own message ("1 entry", "1 Eintrag").
    summary: record.historyCount === 1 ? t('popupHistorySummaryOne') : t('popupHistorySummary', [String(record.historyCount)]),
    caption: t('popupHistoryCaption', [name]),
    columns: { time: t('popupHistoryTime'), outcome: t('popupHistoryOutcome'), trigger: t('popupHistoryTrigger') },
    rows: history && (() => history.slice(-historyRowsShown).reverse().map((observation) => buildHistoryRow(observation, t, times))),
    newestAt: record.newestAt,
    empty: record.historyCount === 0 ? t('popupHistoryEmpty') : null,
    truncated: record.historyCount > historyRowsShown ? t('popupHistoryTruncated', [String(historyRowsShown), String(record.historyCount)]) : null,
  };
}
