/** Dates in notices are shown in Japan time, in the reader's language. */
import { DateTime } from 'luxon';
import { PROGRAM_TIME_ZONE, type NoticeLanguage } from '../../domain/reference';

const LOCALES: Record<NoticeLanguage, string> = {
  en: 'en-GB',
  fr: 'fr-FR',
  es: 'es-ES',
  ja: 'ja-JP',
};

function inTokyo(iso: string, language: NoticeLanguage): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new RangeError(`not an ISO-8601 date-time: ${JSON.stringify(iso)}`);
  return dt.setZone(PROGRAM_TIME_ZONE).setLocale(LOCALES[language]);
}

/** "31 January 2027" / "31 janvier 2027" / "2027年1月31日". */
export function formatDate(iso: string, language: NoticeLanguage): string {
  return inTokyo(iso, language).toLocaleString(DateTime.DATE_FULL);
}

/** A deadline keeps its time of day: "31 January 2027, 17:00 (Japan time)". */
export function formatDeadline(iso: string, language: NoticeLanguage, suffix: string): string {
  const dt = inTokyo(iso, language);
  return `${dt.toLocaleString({ ...DateTime.DATE_FULL, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} ${suffix}`;
}
