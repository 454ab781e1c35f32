/** The Course List and Outline as a PDF: a title page with the subjects, then each subject's courses with their outlines. */
import type { NoticeLanguage } from '../../domain/reference';
import { MESSAGES } from '../templates/messages';
import { entryFacts, type CatalogueGroup } from './catalogue';
import { pageLabel, subjectName } from './gi-pdf';
import { PdfWriter } from './pdf-writer';
import { DOCUMENT_WORDS } from './words';

export function cataloguePdf(
  groups: readonly CatalogueGroup[],
  fiscalYear: number,
  language: NoticeLanguage,
): Promise<Buffer> {
  const m = MESSAGES[language];
  const w = DOCUMENT_WORDS[language];
  const total = groups.reduce((n, g) => n + g.entries.length, 0);
  const pdf = new PdfWriter(language, {
    title: `${w.catalogueTitle} JFY${fiscalYear}`,
    subject: `KCCP JFY${fiscalYear}: ${total} courses`,
    creationDate: new Date(Date.UTC(fiscalYear, 3, 1)),
  });

  pdf.muted(w.agency).muted(w.programme);
  pdf.doc.moveDown(3);
  pdf.title(w.catalogueTitle, 26).title(w.fiscalYear(fiscalYear), 18);
  pdf.doc.moveDown(0.5);
  pdf.paragraph(w.catalogueIntro);
  pdf.section(w.sections.contents, 2);
  pdf.table(
    [m.labels.subject, w.labels.courses],
    groups.map((g) => [subjectName(g.subject, w), String(g.entries.length)]),
    [5, 1],
    [w.labels.total, String(total)],
  );

  groups.forEach((group, i) => {
    pdf.doc.addPage();
    pdf.section(`${i + 1}. ${subjectName(group.subject, w)} (${group.entries.length})`);
    for (const entry of group.entries) {
      const f = entryFacts(entry, language);
      // Keep a course's heading with its first lines.
      if (pdf.doc.y > pdf.doc.page.height - pdf.doc.page.margins.bottom - 160) pdf.doc.addPage();
      pdf.doc.moveDown(0.6).font('bold').fontSize(12).text(f.title).font('body').fontSize(10);
      pdf.row(w.labels.code, `${f.code} · ${f.hostCentre} · ${f.cycle}`);
      if (f.regions) pdf.row(w.labels.regions, f.regions);
      pdf.row(w.labels.countries, f.countries);
      if (f.languages) pdf.row(m.labels.languages, f.languages);
      pdf.row(m.windows.inJapan, f.inJapan);
      pdf.row(m.labels.deadline, f.deadline);
      if (f.participants) {
        pdf.row(w.labels.participants, f.participants);
        pdf.row(w.labels.targetOrganisations, f.targetOrganisations);
        pdf.row(w.sections.objectives, f.objectives.join(' '));
        pdf.row(
          w.sections.curriculum,
          f.modules.map((mod, n) => `${n + 1}. ${mod.title} (${mod.duration})`).join('; '),
        );
      } else pdf.muted(w.noOutline, 10);
      pdf.doc.fontSize(11);
    }
  });

  pdf.footers(`${w.catalogueTitle} JFY${fiscalYear}`, pageLabel(language));
  return pdf.end();
}
