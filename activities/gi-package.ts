/**
 * The general-information (GI) package: a PDF outline of the course and an
 * .ics of its key dates, attached to the GI notice.
 *
 * The PDF (./documents/gi-pdf.ts) is written in the government's own
 * language, Japanese included (with an embedded Noto Sans JP subset).
 */
import { createEvents, type DateTime as IcsDateTime, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import { PROGRAM_TIME_ZONE, type NoticeLanguage } from '../domain/reference';
import type { NoticeContext } from './contracts';
import { GiPackageDataError, renderGiPdf } from './documents/gi-pdf';
import { isTokyoMidnight, lastDayOf } from './templates/dates';
import { MESSAGES } from './templates/messages';
import { GOVERNMENT_WINDOWS, deadlineTitle } from './templates/render';

export { GiPackageDataError, renderGiPdf };

const toMillis = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();
const uid = (context: NoticeContext, what: string) =>
  `${context.course.code.toLowerCase()}.c${context.cycle}.${what.toLowerCase()}@kccp.jica.example`;
const dateArray = (isoDate: string): [number, number, number] => {
  const [y, mo, d] = isoDate.split('-').map(Number);
  return [y!, mo!, d!];
};
const tokyoDate = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(PROGRAM_TIME_ZONE).toISODate()!;
const dayAfter = (isoDate: string) => DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;

/**
 * When a window runs from midnight to midnight (Tokyo) it is a run of whole
 * days: an all-day event whose DTEND is exclusive in iCalendar, the very day
 * it closes, so calendars show its last day as the mail does ("until 31
 * August"). A window with a time of day keeps its exact instants.
 */
interface Span {
  start: IcsDateTime;
  end: IcsDateTime;
  startInputType?: 'utc';
  startOutputType?: 'utc';
  endInputType?: 'utc';
  endOutputType?: 'utc';
}

function span(opens: string, closes: string): Span {
  if (isTokyoMidnight(opens) && isTokyoMidnight(closes))
    return { start: dateArray(tokyoDate(opens)), end: dateArray(tokyoDate(closes)) };
  return {
    start: toMillis(opens),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: toMillis(closes),
    endInputType: 'utc',
    endOutputType: 'utc',
  };
}

/** The key dates as a calendar a government's staff can import; UIDs are stable so a resent file updates, not duplicates. */
export function renderGiCalendar(context: NoticeContext, language: NoticeLanguage): string {
  const m = MESSAGES[language];
  const events: EventAttributes[] = [];
  for (const name of GOVERNMENT_WINDOWS) {
    const w = context.windows[name];
    if (!w) continue;
    events.push({
      uid: uid(context, name),
      title: `${m.windows[name]}: ${context.course.title}`,
      description: `${context.course.code}, JFY${context.fiscalYear}, ${context.course.hostCentre}`,
      ...span(w.opens, w.closes),
      transp: 'TRANSPARENT',
    } as EventAttributes);
  }
  const nominations = context.windows.nominations;
  if (nominations) {
    const closes = nominations.closes;
    // A midnight deadline is the whole of its last day, as the mail says "by 31 March"; else the hour before it.
    const last = lastDayOf(closes);
    const when: Span = isTokyoMidnight(closes)
      ? { start: dateArray(last), end: dateArray(dayAfter(last)) }
      : span(DateTime.fromISO(closes, { setZone: true }).minus({ hours: 1 }).toISO()!, closes);
    events.push({
      uid: uid(context, 'nomination-deadline'),
      title: deadlineTitle(context, language),
      ...when,
      alarms: [
        {
          action: 'display',
          description: deadlineTitle(context, language),
          trigger: { hours: 7 * 24, before: true },
        },
      ],
    } as EventAttributes);
  }
  const { error, value } = createEvents(events, {
    productId: '-//JICA//KCCP course service//EN',
    method: 'PUBLISH',
    calName: context.course.title,
  });
  if (error || !value)
    throw new GiPackageDataError(`the key dates cannot be written as iCalendar: ${error?.message ?? 'no output'}`);
  return value;
}

export type GiAttachment = {
  filename: string;
  content: Buffer | string;
  contentType: string;
};

/**
 * The GI notice's attachments in a language. `note` (a sentence for the mail body) stays in the
 * shape for callers, but every notice language now has its own PDF, so it is never set.
 */
export async function renderGiAttachments(
  context: NoticeContext,
  language: NoticeLanguage,
): Promise<{ files: GiAttachment[]; note?: string }> {
  const stem = `${context.course.code}-JFY${context.fiscalYear}-c${context.cycle}`;
  return {
    files: [
      {
        filename: `${stem}-general-information-${language}.pdf`,
        content: await renderGiPdf(context, language),
        contentType: 'application/pdf',
      },
      {
        filename: `${stem}-key-dates.ics`,
        content: renderGiCalendar(context, language),
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      },
    ],
  };
}
