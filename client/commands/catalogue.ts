/** `kccp catalogue import`: many courses from one CSV file, each started as its own workflow. */
import { dirname, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import type { CourseSpec, CourseSpecInput } from '../../domain/course';
import { globalOptions, withClient } from '../context';
import { checkSpec, startCourse, withDemoCalendar } from '../course-start';
import { cell, checkRows, parsedCell, readCsvFile, refuseOrSkip, RowError } from '../csv';
import { badInput, refused } from '../errors';
import { readOutlineFile } from '../outline-file';
import { registerCataloguePublish } from './catalogue-publish';
import { print, printJson, table } from '../output';
import { parseCountry, parseInteger, parseMinutes, parseRegion, parseSubject, splitList } from '../parsers';

export const CATALOGUE_COLUMNS = [
  { name: 'code', aliases: ['course_code'] },
  { name: 'title' },
  { name: 'subject' },
  { name: 'regions', aliases: ['region'], optional: true },
  { name: 'target_countries', aliases: ['countries'] },
  { name: 'host_centre', aliases: ['host_center', 'centre'] },
  { name: 'languages', optional: true },
  { name: 'first_course_year', aliases: ['first_year'] },
  { name: 'participation_threshold', aliases: ['threshold'], optional: true },
  { name: 'outline', aliases: ['outline_file'], optional: true },
];

/** Which CSV column a course spec field comes from, to name it in a row's problem. */
const COLUMN_OF: Record<string, string> = {
  code: 'code',
  title: 'title',
  subject: 'subject',
  regions: 'regions',
  targetCountries: 'target_countries',
  hostCentre: 'host_centre',
  languages: 'languages',
  firstCourseYear: 'first_course_year',
  participationThreshold: 'participation_threshold',
  outline: 'outline',
};

interface ImportFlags {
  demoCalendar?: number;
  skipBadRows?: boolean;
  progress?: boolean;
}

export function catalogueSpecs(path: string, flags: ImportFlags, now = Date.now()) {
  const file = readCsvFile(path, CATALOGUE_COLUMNS);
  const seen = new Map<string, number>();
  const { good, bad } = checkRows(file, (row): CourseSpec => {
    const optional = (column: string) => row.cells[column]?.trim() || undefined;
    const list = (column: string, parse: (v: string) => string) =>
      splitList(optional(column) ?? '').map((v) => {
        try {
          return parse(v);
        } catch (error) {
          throw new RowError(column, (error as Error).message);
        }
      });
    let input: Partial<CourseSpecInput> = {
      code: cell(row, 'code'),
      title: cell(row, 'title'),
      subject: parsedCell(row, 'subject', parseSubject),
      regions: list('regions', parseRegion) as CourseSpecInput['regions'],
      targetCountries: list('target_countries', parseCountry),
      hostCentre: cell(row, 'host_centre'),
      ...(optional('languages')
        ? { languages: splitList(optional('languages')!) as CourseSpecInput['languages'] }
        : {}),
      firstCourseYear: parsedCell(row, 'first_course_year', parseInteger),
      ...(optional('participation_threshold')
        ? { participationThreshold: parsedCell(row, 'participation_threshold', parseInteger) }
        : {}),
      // A JSON file beside the CSV: an outline's modules and lists do not fit in cells.
      ...(optional('outline')
        ? {
            outline: parsedCell(row, 'outline', (v) =>
              readOutlineFile(resolve(dirname(path), v)),
            ) as CourseSpecInput['outline'],
          }
        : {}),
    };
    if (flags.demoCalendar) input = withDemoCalendar(input, flags.demoCalendar, now);
    const check = checkSpec(input, now);
    if (!check.ok) {
      const m = /^invalid field: ([A-Za-z]+)[.:]/.exec(check.reason);
      throw new RowError(m ? (COLUMN_OF[m[1]!] ?? m[1]) : undefined, check.reason.replace(/^invalid field: /, ''));
    }
    const earlier = seen.get(check.spec.code);
    if (earlier !== undefined)
      throw new RowError('code', `duplicate: ${check.spec.code} is already on line ${earlier}`);
    seen.set(check.spec.code, row.line);
    return check.spec;
  });
  return { file, good, bad };
}

export function registerCatalogue(program: Command): void {
  const catalogue = program.command('catalogue').description('bulk operations on the course catalogue');
  registerCataloguePublish(catalogue);
  catalogue
    .command('import')
    .description('create every course of a CSV file (courses that already exist are left as they are)')
    .argument(
      '<csv>',
      `columns ${CATALOGUE_COLUMNS.map((c) => c.name + (c.optional ? '?' : '')).join(', ')}; lists separated by ; or ,`,
    )
    .option('--skip-bad-rows', 'create the good courses even if some rows are bad (they are reported)')
    .addOption(
      new Option('--demo-calendar <minutes>', 'demo: windows <minutes> apart from now for every course').argParser(
        parseMinutes,
      ),
    )
    .addOption(new Option('--progress', 'show the progress bar even when stderr is not a terminal'))
    .addHelpText(
      'after',
      `
Example:
  $ kccp catalogue import catalogue.csv
      code,title,subject,regions,target_countries,host_centre,languages,first_course_year
      KCCP-2028-HLT-01,Maternal and Child Health,Health,Africa,KE;TZ;GH,JICA Tokyo,en;fr,2028
  The optional column outline names a JSON file (relative to the CSV) with the course outline,
  as \`kccp course create --outline\` takes it.`,
    )
    .action(async (path: string, flags: ImportFlags, command: Command) => {
      const { file, good, bad } = catalogueSpecs(path, flags);
      refuseOrSkip(file, bad, flags.skipBadRows, good.length);
      if (good.length === 0) throw badInput(`${file.path}: no rows to import`);
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        const bar =
          flags.progress || process.stderr.isTTY
            ? new SingleBar({
                stream: process.stderr,
                format: 'courses {bar} {value}/{total} | {code}',
                noTTYOutput: true,
              })
            : undefined;
        bar?.start(good.length, 0, { code: '' });
        const results: {
          line: number;
          code: string;
          result: 'created' | 'exists' | 'skipped' | 'failed';
          message: string;
        }[] = bad.map((p) => ({
          line: p.line,
          code: '',
          result: 'skipped',
          message: `${p.field ? `field "${p.field}": ` : ''}${p.message}`,
        }));
        for (const { line, value: spec } of good) {
          try {
            const outcome = await startCourse(client, spec);
            results.push(
              outcome.started
                ? { line, code: spec.code, result: 'created', message: `${outcome.workflowId}, phase ${outcome.phase}` }
                : { line, code: spec.code, result: 'exists', message: outcome.reason },
            );
          } catch (error) {
            results.push({ line, code: spec.code, result: 'failed', message: (error as Error).message });
          }
          bar?.increment({ code: spec.code });
        }
        bar?.stop();
        results.sort((a, b) => a.line - b.line);
        const count = (r: string) => results.filter((x) => x.result === r).length;
        if (options.json) printJson({ file: file.path, results });
        else {
          print(
            table(
              ['line', 'course', 'result', 'message'],
              results.map((r) => [r.line, r.code, r.result, r.message]),
            ),
          );
          print(
            `${file.path}: ${count('created')} created, ${count('exists')} already existed, ${count('failed')} failed, ${count('skipped')} skipped`,
          );
        }
        if (count('failed')) throw refused(`${count('failed')} of ${good.length} courses could not be created`);
      });
    });
}
