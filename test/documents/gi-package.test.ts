/**
 * The GI package as governments read it: one multi-page PDF per language, each
 * in that language's own words (Japanese in a Japanese font, not a fallback),
 * readable by pdf.js and rendered by poppler's pdftoppm.
 */
import type { NoticeContext } from '../../activities/contracts';
import { renderGiPdf } from '../../activities/gi-package';
import { courseOutlineSchema } from '../../domain/course-outline';
import { NOTICE_LANGUAGES, type NoticeLanguage } from '../../domain/reference';
import { demoDisasterRiskOutline } from '../../domain/demo-outline';
import { renderPage } from '../../scripts/pdf-pages';
import { pdfText } from '../mail/support/pdf';

const outline = courseOutlineSchema.parse({
  ...demoDisasterRiskOutline(),
  objectives: ['To strengthen community-based early warning in coastal districts.'],
});

const giContext: NoticeContext = {
  course: {
    code: 'KCCP-2028-DRR-02',
    title: 'Community-Based Disaster Risk Reduction',
    subject: 'Disaster Risk Reduction',
    hostCentre: 'JICA Kansai',
    languages: ['en', 'es'],
    outline,
  },
  cycle: 1,
  fiscalYear: 2028,
  mode: 'hybrid',
  windows: {
    nominations: { opens: '2028-01-15T00:00:00+09:00', closes: '2028-04-01T00:00:00+09:00' },
    selection: { opens: '2028-04-01T00:00:00+09:00', closes: '2028-05-01T00:00:00+09:00' },
    inJapan: { opens: '2028-07-01T00:00:00+09:00', closes: '2028-09-01T00:00:00+09:00' },
  },
};

/** Words each language's GI must print: headings, the subject, the mode, a window, in that language. */
const OWN_WORDS: Record<NoticeLanguage, string[]> = {
  en: ['Outline of the course', 'Curriculum', 'Eligibility requirements', 'Disaster Risk Reduction', 'Course in Japan'],
  fr: [
    'Descriptif du cours',
    'Programme',
    'Conditions d’admissibilité',
    'Réduction des risques de catastrophe',
    'hybride',
  ],
  es: ['Resumen del curso', 'Programa', 'Requisitos de elegibilidad', 'Reducción del riesgo de desastres', 'híbrid'],
  ja: ['研修概要', '研修の概要', 'カリキュラム', '応募資格', '防災', '本邦研修', '2028年7月1日'],
};

const flat = (text: string) => text.replace(/\s+/g, ' ');
const rendered = new Map<NoticeLanguage, Buffer>();
const pdfOf = async (language: NoticeLanguage) => {
  if (!rendered.has(language)) rendered.set(language, await renderGiPdf(giContext, language));
  return rendered.get(language)!;
};

describe.each(NOTICE_LANGUAGES)('the %s GI package', (language) => {
  test('carries the title, the objectives, the modules and the language’s own words', async () => {
    const text = flat(await pdfText(await pdfOf(language)));
    // The prose staff translated (ja, es) is printed translated; the rest as the outline has it.
    const translation = outline.translations?.[language];
    expect(text).toContain(translation?.title ?? giContext.course.title);
    expect(text).toContain(
      translation?.objectives?.[0] ?? 'To strengthen community-based early warning in coastal districts.',
    );
    const modules = translation?.modules ?? outline.modules;
    // Table cells wrap titles onto two lines; extraction puts a space at the wrap.
    const joined = text.replace(/\s+/g, '');
    for (const module of modules) expect(joined).toContain(module.title.replace(/\s+/g, ''));
    for (const word of OWN_WORDS[language]) expect(text).toContain(word);
    // Several pages: title page, outline and curriculum, the rest.
    expect(text).toMatch(/-- 2 of \d+ --/);
  });

  test('renders its first page to a PNG with content on it, and stays under 500 KB', async () => {
    const pdf = await pdfOf(language);
    const page = renderPage(pdf);
    expect(page.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(page.ink).toBeGreaterThan(0.005);
    expect(pdf.length).toBeLessThan(500 * 1024);
  });
});

test('the Japanese GI is written in Japanese with an embedded Noto Sans JP subset, not the English fallback', async () => {
  const pdf = await pdfOf('ja');
  const text = flat(await pdfText(pdf));
  expect(text).not.toMatch(/Outline of the course|Eligibility requirements|Key dates|Country reports/);
  expect(text).toContain('コミュニティ防災');
  expect(text).toContain('研修分野において3年以上の実務経験を有すること。');
  // A subset font is named with a six-letter tag before its name (PDF 32000 9.6.4).
  expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Regular/);
});

test('a course without an outline still gets its GI, saying the outline will follow', async () => {
  const { outline: _none, ...course } = giContext.course;
  const text = flat(await pdfText(await renderGiPdf({ ...giContext, course }, 'fr')));
  expect(text).toContain('Le descriptif de ce cours sera envoyé dès qu’il sera prêt.');
  expect(text).toContain('Échéance: 31 mars 2028');
});
