/**
 * `kccp catalogue publish`: the year's "Course List and Outline" as PDF, HTML
 * and CSV, from the specs the courses' workflows were started with (so it
 * prints what their GI packages print).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Client } from '@temporalio/client';
import { catalogueCsv, catalogueGroups, catalogueHtml } from '../../activities/documents/catalogue';
import { cataloguePdf } from '../../activities/documents/catalogue-pdf';
import type { CourseSpec } from '../../domain/course';
import { NOTICE_LANGUAGES, type NoticeLanguage } from '../../domain/reference';
import { courseLifecycleWorkflowType } from '../../workflows/messages';
import { readCourseSpec } from '../course-access';
import { globalOptions, withClient } from '../context';
import { print, printJson, warn } from '../output';
import { parseFiscalYear } from '../parsers';

interface PublishFlags {
  fiscalYear: number;
  language: NoticeLanguage;
  out: string;
}

function parseLanguage(value: string): NoticeLanguage {
  if ((NOTICE_LANGUAGES as readonly string[]).includes(value)) return value as NoticeLanguage;
  throw new InvalidArgumentError(`"${value}" is not one of ${NOTICE_LANGUAGES.join(', ')}.`);
}

/** Every course's spec, once per course: the live end of each continue-as-new chain, read from its first event. */
export async function courseSpecs(client: Client, concurrency = 16): Promise<CourseSpec[]> {
  const query = `WorkflowType = "${courseLifecycleWorkflowType}" AND ExecutionStatus != "ContinuedAsNew"`;
  const ids = new Set<string>();
  for await (const info of client.workflow.list({ query })) ids.add(info.workflowId);
  const queue = [...ids];
  const specs: CourseSpec[] = [];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const handle = client.workflow.getHandle(id);
        specs.push(await readCourseSpec(client, { code: id, handle, running: true, executionStatus: '' }));
      }
    }),
  );
  return specs;
}

export interface PublishedFiles {
  courses: number;
  subjects: number;
  files: { pdf: string; html: string; csv: string };
}

/** Writes the three files for a year and language into `dir`; the same specs give the same bytes. */
export async function publishCatalogue(
  specs: readonly CourseSpec[],
  fiscalYear: number,
  language: NoticeLanguage,
  dir: string,
): Promise<PublishedFiles> {
  const groups = catalogueGroups(specs, fiscalYear);
  const stem = join(resolve(dir), `course-list-and-outline-JFY${fiscalYear}-${language}`);
  mkdirSync(dir, { recursive: true });
  const files = { pdf: `${stem}.pdf`, html: `${stem}.html`, csv: `${stem}.csv` };
  writeFileSync(files.pdf, await cataloguePdf(groups, fiscalYear, language));
  writeFileSync(files.html, catalogueHtml(groups, fiscalYear, language));
  writeFileSync(files.csv, catalogueCsv(groups, language));
  return { courses: groups.reduce((n, g) => n + g.entries.length, 0), subjects: groups.length, files };
}

export function registerCataloguePublish(catalogue: Command): void {
  catalogue
    .command('publish')
    .description("the year's Course List and Outline (PDF, HTML, CSV): every course with a cycle in it, by subject")
    .addOption(
      new Option('--fiscal-year <jfy>', 'Japanese fiscal year of the courses')
        .argParser(parseFiscalYear)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--language <code>', `language of the document: ${NOTICE_LANGUAGES.join(', ')}`)
        .argParser(parseLanguage)
        .default('en'),
    )
    .option('--out <dir>', 'directory to write the files into', '.')
    .addHelpText(
      'after',
      `
Example:
  $ kccp catalogue publish --fiscal-year 2020 --language fr --out public/
      writes public/course-list-and-outline-JFY2020-fr.pdf, .html and .csv`,
    )
    .action(async (flags: PublishFlags, command: Command) => {
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        const specs = await courseSpecs(client);
        const published = await publishCatalogue(specs, flags.fiscalYear, flags.language, flags.out);
        if (published.courses === 0) warn(`no course has a cycle in JFY${flags.fiscalYear}: the list is empty`);
        if (options.json) printJson({ fiscalYear: flags.fiscalYear, language: flags.language, ...published });
        else {
          print(
            `JFY${flags.fiscalYear} (${flags.language}): ${published.courses} courses in ${published.subjects} subjects`,
          );
          for (const path of Object.values(published.files)) print(`  ${path}`);
        }
      });
    });
}
