/**
 * The general-information (GI) package: a PDF outline of the course and an
 * .ics of its key dates, attached to the GI notice.
 *
 * The PDF uses PDFKit's built-in Helvetica, which covers English, French and
 * Spanish but has no Japanese glyphs, and no registry package here ships a CJK
 * font the worker could rely on. Countries reading Japanese therefore get the
 * PDF in English and a sentence in the mail body saying so; the .ics and the
 * body themselves are in Japanese.
 */
import { createEvents, type DateTime as IcsDateTime, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import { PROGRAM_TIME_ZONE, type NoticeLanguage } from '../domain/reference';
import type { NoticeContext } from './contracts';
import { formatWindow, isTokyoMidnight, lastDayOf } from './templates/dates';
import { MESSAGES } from './templates/messages';
import { GOVERNMENT_WINDOWS, deadlineTitle, fillText, noticeView } from './templates/render';

/** Languages the PDF can be written in with its built-in fonts. */
const PDF_LANGUAGES: ReadonlySet<NoticeLanguage> = new Set(['en', 'fr', 'es']);

export function pdfLanguageFor(language: NoticeLanguage): NoticeLanguage {
  return PDF_LANGUAGES.has(language) ? language : 'en';
}

export class GiPackageDataError extends Error {
  override name = 'GiPackageDataError';
}

export function renderGiPdf(context: NoticeContext, requested: NoticeLanguage): Promise<Buffer> {
  const language = pdfLanguageFor(requested);
  const m = MESSAGES[language];
  const view = noticeView(context, language);
  if (!view.nominationsClose)
    throw new GiPackageDataError('the GI package needs the nominations window (its close is the deadline)');

  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `${m.pdf.heading}: ${context.course.title}`,
      Subject: `${context.course.code} JFY${context.fiscalYear} cycle ${context.cycle}`,
      Author: 'Japan International Cooperation Agency (JICA)',
      // A fixed date keeps the file identical on every retry of the same notice.
      CreationDate: new Date(Date.UTC(context.fiscalYear, 3, 1)),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const section = (title: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(title).moveDown(0.3).font('Helvetica').fontSize(11);
  const row = (label: string, value: string) =>
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);

  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#555')
    .text('Japan International Cooperation Agency (JICA) - Knowledge Co-Creation Program');
  doc.moveDown(0.5).fillColor('#000').font('Helvetica-Bold').fontSize(20).text(m.pdf.heading);
  doc.moveDown(0.3).fontSize(16).text(context.course.title);
  doc.moveDown(0.5).font('Helvetica').fontSize(11);
  row(m.labels.course, context.course.code);
  row(m.labels.subject, context.course.subject);
  row(m.labels.hostCentre, context.course.hostCentre);
  row(m.labels.fiscalYearCycle, `JFY${context.fiscalYear} / ${context.cycle}`);
  row(m.labels.mode, m.modes[context.mode]);
  if (view.languages) row(m.labels.languages, view.languages.all);

  section(m.labels.keyDates);
  for (const name of GOVERNMENT_WINDOWS) {
    const w = context.windows[name];
    if (w) row(m.windows[name], formatWindow(w, language, m.labels));
  }
  doc.moveDown(0.3).fontSize(9).fillColor('#555').text(m.pdf.calendarNote).fillColor('#000').fontSize(11);

  section(m.pdf.eligibilityTitle);
  doc.text(view.languages ? fillText(m.pdf.eligibility, view) : m.pdf.eligibilityAnyLanguage, { align: 'justify' });
  section(m.pdf.nominationTitle);
  doc.text(fillText(m.pdf.nomination, view), { align: 'justify' });
  doc.moveDown(0.5);
  row(m.labels.deadline, view.nominationsClose);

  doc.end();
  return done;
}

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

/** The GI notice's attachments in a language, and the sentence its body adds when the PDF falls back to English. */
export async function renderGiAttachments(
  context: NoticeContext,
  language: NoticeLanguage,
): Promise<{ files: GiAttachment[]; note?: string }> {
  const stem = `${context.course.code}-JFY${context.fiscalYear}-c${context.cycle}`;
  const pdfLanguage = pdfLanguageFor(language);
  return {
    files: [
      {
        filename: `${stem}-general-information-${pdfLanguage}.pdf`,
        content: await renderGiPdf(context, language),
        contentType: 'application/pdf',
      },
      {
        filename: `${stem}-key-dates.ics`,
        content: renderGiCalendar(context, language),
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      },
    ],
    note: pdfLanguage === language ? undefined : MESSAGES[language].pdfInEnglishNote,
  };
}
