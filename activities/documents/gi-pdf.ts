/**
 * The General Information (GI) package as a government reads it: a title
 * page, the outline, the curriculum table, the eligibility requirements, how
 * to apply and the key dates, all in the government's language. The course's
 * own prose (title, objectives, modules) is as staff wrote it; every label and
 * every name of a subject, window or mode is the reader's.
 */
import { outlineIn } from '../../domain/course-outline';
import type { Subject } from '../../domain/reference';
import type { NoticeLanguage } from '../../domain/reference';
import type { NoticeContext } from '../contracts';
import { formatWindow } from '../templates/dates';
import { MESSAGES } from '../templates/messages';
import { GOVERNMENT_WINDOWS, fillText, noticeView } from '../templates/render';
import { PdfWriter } from './pdf-writer';
import { DOCUMENT_WORDS, type DocumentWords } from './words';

export class GiPackageDataError extends Error {
  override name = 'GiPackageDataError';
}

/** A subject in the reader's words; a subject this table does not know yet keeps its own name. */
export function subjectName(subject: string, words: DocumentWords): string {
  return Object.hasOwn(words.subjects, subject) ? words.subjects[subject as Subject] : subject;
}

/** "Page 2 of 5" in the reader's words; footers only, so kept here rather than in every words file. */
const PAGE: Record<NoticeLanguage, (n: number, of: number) => string> = {
  en: (n, of) => `Page ${n} of ${of}`,
  fr: (n, of) => `Page ${n} sur ${of}`,
  es: (n, of) => `Página ${n} de ${of}`,
  ja: (n, of) => `${n} / ${of} ページ`,
};
export const pageLabel = (language: NoticeLanguage) => PAGE[language];

export function renderGiPdf(context: NoticeContext, language: NoticeLanguage): Promise<Buffer> {
  const m = MESSAGES[language];
  const w = DOCUMENT_WORDS[language];
  const view = noticeView(context, language);
  if (!view.nominationsClose)
    throw new GiPackageDataError('the GI package needs the nominations window (its close is the deadline)');
  const { course } = context;
  // The reader's translation of the title and outline, where staff wrote one.
  const local = course.outline ? outlineIn(course.outline, course.title, language) : undefined;
  const title = local?.title ?? course.title;
  const outline = local?.outline;

  const pdf = new PdfWriter(language, {
    title: `${w.giTitle}: ${title}`,
    subject: `${course.code} JFY${context.fiscalYear} cycle ${context.cycle}`,
    // A fixed date keeps the file identical on every retry of the same notice.
    creationDate: new Date(Date.UTC(context.fiscalYear, 3, 1)),
  });

  // Title page: what the course is, where and when, and the deadline.
  pdf.muted(w.agency).muted(w.programme);
  pdf.doc.moveDown(4);
  pdf.title(w.giTitle, 26).title(title, 20);
  pdf.doc.moveDown(1);
  pdf.row(w.labels.code, course.code);
  pdf.row(m.labels.subject, subjectName(course.subject, w));
  pdf.row(m.labels.hostCentre, course.hostCentre);
  pdf.row(m.labels.fiscalYearCycle, `JFY${context.fiscalYear} / ${context.cycle}`);
  pdf.row(m.labels.mode, m.modes[context.mode]);
  if (view.languages) pdf.row(m.labels.languages, view.languages.all);
  const inJapan = context.windows.inJapan;
  if (inJapan) pdf.row(m.windows.inJapan, formatWindow(inJapan, language, m.labels));
  pdf.row(m.labels.deadline, view.nominationsClose);
  pdf.doc.moveDown(1.5);
  pdf.paragraph(w.giIntro);
  const sections = [w.sections.outline, w.sections.curriculum, w.sections.eligibility, w.sections.howToApply];
  pdf.section(w.sections.contents, 2).list([...sections, w.sections.keyDates]);

  pdf.doc.addPage();
  pdf.section(`1. ${w.sections.outline}`);
  if (outline) {
    pdf.section(w.sections.objectives, 2).list(outline.objectives);
    pdf.section(w.sections.outputs, 2).list(outline.expectedOutputs);
    pdf.doc.moveDown(0.3);
    pdf.row(w.labels.participants, w.participants(outline.participants.perCountry, outline.participants.total));
    pdf.row(w.labels.targetOrganisations, outline.targetOrganisations.join('; '));
    pdf.row(w.labels.targetPositions, outline.targetPositions.join('; '));
    pdf.row(w.labels.totalDuration, w.days(outline.totalDays));
    if (outline.partners.length) pdf.row(w.labels.partners, outline.partners.join('; '));
  } else pdf.paragraph(w.noOutline);

  pdf.section(`2. ${w.sections.curriculum}`);
  if (outline) {
    pdf.table(
      [w.labels.module, w.labels.content, w.labels.method, w.labels.duration],
      outline.modules.map((mod, i) => [`${i + 1}. ${mod.title}`, mod.content, mod.method, w.days(mod.days)]),
      [3, 5, 2.2, 1.3],
      [w.labels.total, '', '', w.days(outline.modules.reduce((n, mod) => n + mod.days, 0))],
    );
  } else pdf.paragraph(w.noOutline);

  pdf.section(`3. ${w.sections.eligibility}`);
  if (outline) pdf.list(outline.eligibility);
  pdf.paragraph(view.languages ? fillText(m.pdf.eligibility, view) : m.pdf.eligibilityAnyLanguage);

  pdf.section(`4. ${w.sections.howToApply}`);
  pdf.paragraph(fillText(m.pdf.nomination, view));
  pdf.row(m.labels.deadline, view.nominationsClose);
  if (outline) {
    pdf.section(w.sections.contact, 2);
    pdf.row(w.sections.contact, outline.contact.name);
    pdf.row(w.labels.email, outline.contact.email);
    if (outline.contact.phone) pdf.row(w.labels.phone, outline.contact.phone);
  }

  pdf.section(`5. ${w.sections.keyDates}`);
  for (const name of GOVERNMENT_WINDOWS) {
    const window = context.windows[name];
    if (window) pdf.row(m.windows[name], formatWindow(window, language, m.labels));
  }
  pdf.doc.moveDown(0.3);
  pdf.muted(m.pdf.calendarNote, 9);

  pdf.footers(`${course.code} · ${w.giTitle}`, pageLabel(language));
  return pdf.end();
}
