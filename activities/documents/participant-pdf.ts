/**
 * The participant's PDFs (participant-documents-v1): the letter of acceptance and the certificate
 * of completion, one page each in the participant's language, on the same writer as the GI package.
 */
import type { NoticeLanguage } from '../../domain/reference';
import type { ParticipantView } from '../templates/participant-words';
import { PARTICIPANT_WORDS } from '../templates/participant-words';
import { pageLabel } from './gi-pdf';
import { PdfWriter } from './pdf-writer';

export type ParticipantPdf = 'acceptance-letter' | 'certificate';

export function renderParticipantPdf(
  document: ParticipantPdf,
  view: ParticipantView,
  language: NoticeLanguage,
): Promise<Buffer> {
  const w = PARTICIPANT_WORDS[language];
  const words = document === 'certificate' ? w.certificate : w.letter;
  const pdf = new PdfWriter(language, {
    title: `${words.title}: ${view.title}`,
    subject: `${view.code} JFY${view.fiscalYear}`,
    // Fixed, so a retried delivery sends the same bytes.
    creationDate: new Date(Date.UTC(view.fiscalYear, 3, 1)),
  });
  pdf.muted(w.closing);
  pdf.doc.moveDown(3);
  pdf.title(words.title, 24);
  pdf.doc.moveDown(1);
  if (document === 'acceptance-letter') {
    pdf.paragraph(w.dear(view));
    for (const line of words.body(view)) pdf.paragraph(line);
    pdf.doc.moveDown(1);
    pdf.row(w.labels.participant, view.name);
    pdf.row(w.labels.organization, view.organization);
    pdf.row(w.labels.country, view.country);
  } else {
    const [intro, name, rest] = words.body(view);
    pdf.paragraph(intro!);
    pdf.title(name!, 20);
    pdf.doc.moveDown(0.5);
    pdf.paragraph(rest!);
    pdf.doc.moveDown(1);
  }
  pdf.row(w.labels.course, view.title);
  pdf.row(w.labels.code, view.code);
  pdf.row(w.labels.hostCentre, view.hostCentre);
  pdf.row(w.labels.inJapan, view.inJapan);
  pdf.footers(view.code, pageLabel(language));
  return pdf.end();
}
