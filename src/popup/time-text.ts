import type { PopupMessageKey, Translate } from './i18n';

/** A moment as the popup shows it: readable text, the exact time on hover, and a machine-readable value. */
export type TimeText = { iso: string; text: string; title: string };

/** Text with at most a few embedded times, so the renderer can wrap each in `<time>`. */
export type TextPart = string | { time: TimeText };

export type TimeTexts = {
  /** "2 hours ago", with the exact date and time as the title. */
  relative(at: number, now: number): TimeText;
  /** "29 Nov 2026, 14:03". */
  dateTime(at: number): TimeText;
  /** "29 Nov 2026", with the exact time as the title. */
  date(at: number): TimeText;
};

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Largest unit first; each applies from its threshold up. */
const relativeUnits: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * day],
  ['month', 30 * day],
  ['week', 7 * day],
  ['day', day],
  ['hour', hour],
  ['minute', minute],
];

export function createTimeTexts(locale: string, t: Translate): TimeTexts {
  const exact = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });

  const dateTime = (at: number): TimeText => {
    const text = exact.format(at);
    return { iso: new Date(at).toISOString(), text, title: text };
  };
  return {
    dateTime,
    date: (at) => ({ iso: new Date(at).toISOString(), text: dateOnly.format(at), title: exact.format(at) }),
    relative(at, now) {
      const base = dateTime(at);
      const elapsed = now - at;
      // Clock skew can put a stored time slightly in the future: still "just now", never "in 2 minutes".
      if (elapsed < minute) return { ...base, text: t('popupJustNow') };
      const [unit, size] = relativeUnits.find(([, unitMs]) => elapsed >= unitMs) ?? ['minute', minute];
      return { ...base, text: relativeFormat.format(-Math.floor(elapsed / size), unit) };
    },
  };
}

const timeMarker = '\u0000';

/** Translates with a time in the `$WHEN$` slot (the first substitution), keeping the time apart for `<time>`. */
export function withTime(t: Translate, key: PopupMessageKey, time: TimeText, more: string[] = []): TextPart[] {
  const pieces = t(key, [timeMarker, ...more]).split(timeMarker);
  const parts: TextPart[] = [];
  pieces.forEach((piece, index) => {
    if (index > 0) parts.push({ time });
    if (piece) parts.push(piece);
  });
  if (pieces.length === 1) parts.push(' ', { time });
  return parts;
}
