/**
 * Dates in notices are shown in Japan time, in the reader's language.
 *
 * The calendar closes every window at 00:00 Tokyo of its closing day (an
 * exclusive end, domain/calendar.ts). People do not write periods that way: a
 * window closing at 00:00 on 1 September runs "until 31 August", and a
 * deadline at 00:00 on 1 April is "by 31 March". So an end that falls on
 * midnight is shown as the day before, without a time; any other end keeps its
 * own day and time ("26 February 2027 at 17:00").
 */
import { DateTime } from 'luxon';
import { PROGRAM_TIME_ZONE, type NoticeLanguage } from '../../domain/reference';

const LOCALES: Record<NoticeLanguage, string> = {
  en: 'en-GB',
  fr: 'fr-FR',
  es: 'es-ES',
  ja: 'ja-JP',
};

/**
 * Formatted dates, by function, instant and language. A fan-out writes the same few dates into every
 * country's message, and Luxon's time-zone arithmetic was the largest cost of a notice (issue 20).
 * Bounded: cleared when full, so a long-running worker never grows it without limit.
 */
const FORMATTED_MAX = 5_000;
const formatted = new Map<string, string>();
function remembered(key: string, format: () => string): string {
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const value = format();
  if (formatted.size >= FORMATTED_MAX) formatted.clear();
  formatted.set(key, value);
  return value;
}

function inTokyo(iso: string, language: NoticeLanguage): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new RangeError(`not an ISO-8601 date-time: ${JSON.stringify(iso)}`);
  return dt.setZone(PROGRAM_TIME_ZONE).setLocale(LOCALES[language]);
}

const atMidnight = (dt: DateTime) => dt.hour === 0 && dt.minute === 0 && dt.second === 0 && dt.millisecond === 0;

/** Whether an instant is 00:00 in Tokyo: as an end, it closes the day before. */
export function isTokyoMidnight(iso: string): boolean {
  return atMidnight(inTokyo(iso, 'en'));
}

/** The last Tokyo day an exclusive end at `iso` still covers, as YYYY-MM-DD. */
export function lastDayOf(iso: string): string {
  const dt = inTokyo(iso, 'en');
  return (atMidnight(dt) ? dt.minus({ days: 1 }) : dt).toISODate()!;
}

/** "31 January 2027" / "31 janvier 2027" / "2027年1月31日". */
export function formatDate(iso: string, language: NoticeLanguage): string {
  return remembered(`date|${language}|${iso}`, () => inTokyo(iso, language).toLocaleString(DateTime.DATE_FULL));
}

/** The last day of a period that ends (exclusively) at `iso`: 00:00 on 1 September reads "31 August". */
export function formatLastDay(iso: string, language: NoticeLanguage): string {
  return remembered(`last|${language}|${iso}`, () => {
    const dt = inTokyo(iso, language);
    return (atMidnight(dt) ? dt.minus({ days: 1 }) : dt).toLocaleString(DateTime.DATE_FULL);
  });
}

/**
 * A deadline: "31 March 2028 (Japan time)" when it falls at midnight (the
 * whole of 31 March counts), else with its time, "26 February 2027, 17:00 (Japan time)".
 */
export function formatDeadline(iso: string, language: NoticeLanguage, suffix: string): string {
  const day = remembered(`deadline|${language}|${iso}`, () => {
    const dt = inTokyo(iso, language);
    if (atMidnight(dt)) return dt.minus({ days: 1 }).toLocaleString(DateTime.DATE_FULL);
    return dt.toLocaleString({ ...DateTime.DATE_FULL, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  });
  return `${day} ${suffix}`;
}

/** A window as people write it: "from 1 July 2028 to 31 August 2028", or one date when it lasts a day. */
export function formatWindow(
  window: { opens: string; closes: string },
  language: NoticeLanguage,
  labels: { from: string; to: string },
): string {
  const first = formatDate(window.opens, language);
  const last = formatLastDay(window.closes, language);
  if (first === last) return first;
  return `${labels.from} ${first} ${labels.to} ${last}`.trim();
}
