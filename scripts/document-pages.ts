/**
 * The README's pictures of the printed documents: page 1 of a Japanese GI
 * package, its curriculum page in English, and a page of the JFY2020 Course
 * List and Outline. Rendered with poppler's pdftoppm from the same code the
 * worker and `kccp catalogue publish` run.
 *
 *   npx tsx scripts/document-pages.ts [docs]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NoticeContext } from '../activities/contracts';
import { catalogueGroups } from '../activities/documents/catalogue';
import { cataloguePdf } from '../activities/documents/catalogue-pdf';
import { renderGiPdf } from '../activities/gi-package';
import { seedSpecInput } from '../client/commands/seed-courses';
import { courseCalendar } from '../domain/calendar';
import { courseSpecSchema } from '../domain/course';
import { demoDisasterRiskOutline } from '../domain/demo-outline';
import { seedPlan } from '../domain/evaluation/seed-plan';
import { renderPage } from './pdf-pages';

const DPI = 72;

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(__dirname, '..', 'docs');
  const spec = courseSpecSchema.parse({
    code: 'KCCP-2028-DRR-02',
    title: 'Community-Based Disaster Risk Reduction',
    subject: 'Disaster Risk Reduction',
    regions: ['Southeast Asia & Pacific', 'Latin America & the Caribbean'],
    targetCountries: ['PH', 'ID', 'VN', 'PE', 'CL', 'EC'],
    hostCentre: 'JICA Kansai',
    languages: ['en', 'es'],
    firstCourseYear: 2028,
    outline: demoDisasterRiskOutline(),
  });
  const [first] = courseCalendar(spec);
  const context: NoticeContext = {
    course: spec,
    cycle: first!.cycle,
    fiscalYear: first!.fiscalYear,
    windows: first!.windows,
    mode: 'hybrid',
  };
  const pages: [string, Buffer, number][] = [
    ['gi-page-1-ja.png', await renderGiPdf(context, 'ja'), 1],
    ['gi-page-2-en.png', await renderGiPdf(context, 'en'), 2],
  ];
  // The seed on the standard fiscal calendar: the dates a real JFY2020 list would carry.
  const plan = seedPlan({ fiscalYear: 2020 });
  const specs = plan.courses.map((c, i) => courseSpecSchema.parse(seedSpecInput(c, 2020, undefined, i)));
  pages.push(['catalogue-page-2-en.png', await cataloguePdf(catalogueGroups(specs, 2020), 2020, 'en'), 2]);
  for (const [name, pdf, page] of pages) {
    const path = join(dir, name);
    writeFileSync(path, renderPage(pdf, page, DPI).png);
    console.log(`${path} (page ${page} of a ${Math.round(pdf.length / 1024)} KB PDF)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
