/**
 * The yearly Course List and Outline from the JFY2020 seed: every seeded
 * course once, grouped by subject as the page counts them, the same courses in
 * the PDF, the HTML and the CSV.
 */
import { catalogueCsv, catalogueGroups, catalogueHtml } from '../../activities/documents/catalogue';
import { cataloguePdf } from '../../activities/documents/catalogue-pdf';
import { seedCalendar, seedSpec } from '../../client/commands/seed-courses';
import { seedPlan } from '../../domain/evaluation/seed-plan';
import { NOTICE_LANGUAGES, SUBJECTS } from '../../domain/reference';
import { renderPage } from '../../scripts/pdf-pages';
import { pdfText } from '../mail/support/pdf';

const plan = seedPlan({ fiscalYear: 2020 });
// As `kccp catalogue seed --jfy2020` makes them: compressed windows from now, JFY2020 as the first cycle's year.
const calendar = seedCalendar(Date.now() + 86_400_000, 60_000);
const specs = plan.courses.map((course, i) => seedSpec(course, 2020, calendar, i));
const codes = plan.courses.map((c) => c.code);
const groups = catalogueGroups(specs, 2020);
const count = (text: string, code: string) => text.split(new RegExp(`\\b${code}\\b`)).length - 1;

test('every seeded course is listed once, grouped by subject in the program order with the page’s counts', () => {
  expect(codes).toHaveLength(286);
  const listed = groups.flatMap((g) => g.entries.map((e) => e.spec.code));
  expect([...listed].sort()).toEqual([...codes].sort());
  expect(groups.map((g) => g.subject)).toEqual(SUBJECTS.filter((s) => plan.coursesBySubject[s]));
  for (const g of groups) expect(g.entries).toHaveLength(plan.coursesBySubject[g.subject]!);
  // A course's spec read twice (e.g. from two runs) is still one entry.
  expect(catalogueGroups([...specs, ...specs], 2020).flatMap((g) => g.entries)).toHaveLength(286);
});

test('a year lists the courses with a cycle in it, at that cycle; a year without any is empty', () => {
  const [second] = catalogueGroups(specs, 2021);
  expect(second!.entries[0]!.cycle.cycle).toBe(2);
  expect(catalogueGroups(specs, 2022).flatMap((g) => g.entries)).toHaveLength(286);
  expect(catalogueGroups(specs, 2023)).toEqual([]);
});

test.each(NOTICE_LANGUAGES)('the %s CSV and HTML list every seeded course once, with its outline', (language) => {
  const csv = catalogueCsv(groups, language);
  const rows = csv.trim().split('\r\n');
  expect(rows).toHaveLength(1 + 286);
  const html = catalogueHtml(groups, 2020, language);
  for (const code of codes) {
    expect(count(csv, code)).toBe(1);
    expect(html.split(`<article id="${code}">`).length - 1).toBe(1);
  }
  expect(csv).toContain(specs[0]!.outline!.objectives[0]);
  expect(html).toContain(`<html lang="${language}">`);
});

test.each(['en', 'ja'] as const)(
  'the %s PDF lists every seeded course once and its first page renders with content',
  async (language) => {
    const pdf = await cataloguePdf(groups, 2020, language);
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const code of codes) expect(count(text, code)).toBe(1);
    expect(text).toContain(language === 'ja' ? '研修コース一覧・概要' : 'Course List and Outline');
    expect(text).toContain(language === 'ja' ? '農業開発' : 'Agricultural Development');
    expect(renderPage(pdf).ink).toBeGreaterThan(0.005);
  },
);
