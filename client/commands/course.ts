/** `kccp course create`: a new course from flags or a JSON file. */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { CourseSpecInput } from '../../domain/course';
import { courseCalendar } from '../../domain/calendar';
import { NOTICE_LANGUAGES, type Region, type Subject } from '../../domain/reference';
import { globalOptions, withClient } from '../context';
import { checkSpec, startCourse, withDemoCalendar } from '../course-start';
import { badInput, refused } from '../errors';
import { readOutlineFile } from '../outline-file';
import { facts, print, printJson, tokyo } from '../output';
import { collect, parseInteger, parseMinutes, parseRegion, parseSubject, splitList } from '../parsers';

interface CreateFlags {
  file?: string;
  code?: string;
  title?: string;
  subject?: Subject;
  region?: Region[];
  countries?: string;
  hostCentre?: string;
  languages?: string;
  firstYear?: number;
  threshold?: number;
  outline?: string;
  demoCalendar?: number;
}

function readSpecFile(path: string): Partial<CourseSpecInput> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw badInput(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
    return value as Partial<CourseSpecInput>;
  } catch (error) {
    throw badInput(`${path} is not a course spec: ${(error as Error).message}`);
  }
}

/** Spec fields without a default, and the flag that gives each. */
const REQUIRED_FLAGS: Record<string, string> = {
  code: '--code',
  title: '--title',
  subject: '--subject',
  targetCountries: '--countries',
  hostCentre: '--host-centre',
  firstCourseYear: '--first-year',
};

/** The file's fields, with any flag given on top of them. */
export function specFromFlags(flags: CreateFlags): Partial<CourseSpecInput> {
  const spec: Partial<CourseSpecInput> = flags.file ? readSpecFile(flags.file) : {};
  if (flags.code) spec.code = flags.code;
  if (flags.title) spec.title = flags.title;
  if (flags.subject) spec.subject = flags.subject;
  if (flags.region) spec.regions = flags.region as CourseSpecInput['regions'];
  if (flags.countries) spec.targetCountries = splitList(flags.countries).map((c) => c.toUpperCase());
  if (flags.hostCentre) spec.hostCentre = flags.hostCentre;
  if (flags.languages) spec.languages = splitList(flags.languages) as CourseSpecInput['languages'];
  if (flags.firstYear !== undefined) spec.firstCourseYear = flags.firstYear;
  if (flags.threshold !== undefined) spec.participationThreshold = flags.threshold;
  if (flags.outline) {
    try {
      spec.outline = readOutlineFile(flags.outline) as CourseSpecInput['outline'];
    } catch (error) {
      throw badInput(`--outline: ${(error as Error).message}`);
    }
  }
  return flags.demoCalendar ? withDemoCalendar(spec, flags.demoCalendar) : spec;
}

export function registerCourse(program: Command): void {
  const course = program.command('course').description('create courses');
  course
    .command('create')
    .description('start a course: one workflow that runs its three annual cycles')
    .option('--file <course.json>', 'course spec as JSON (fields of domain/course.ts); flags override its fields')
    .option('--code <code>', 'course code, e.g. KCCP-2028-AGR-01')
    .option('--title <title>', 'course title')
    .option('--subject <subject>', 'one of the 19 KCCP subjects, e.g. "Agricultural Development"', parseSubject)
    .option('--region <region>', 'target region (repeatable), e.g. Africa', collect(parseRegion))
    .option('--countries <codes>', 'target countries, ISO alpha-2, comma-separated, e.g. KE,SN,VN')
    .option('--host-centre <centre>', 'JICA centre that hosts the course, e.g. "JICA Tsukuba"')
    .option('--languages <codes>', `notice languages, comma-separated: ${NOTICE_LANGUAGES.join(', ')} (default en)`)
    .option('--first-year <jfy>', 'Japanese fiscal year of the first session in Japan', parseInteger)
    .option('--threshold <n>', 'requesting countries needed to go to MOFA (default 3)', parseInteger)
    .option(
      '--outline <outline.json>',
      'course outline as JSON (objectives, expectedOutputs, modules, totalDays, participants, targetOrganisations, targetPositions, eligibility, partners, contact)',
    )
    .addOption(
      new Option(
        '--demo-calendar <minutes>',
        'demo: every window opens <minutes> after the previous one, starting now (decimals allowed)',
      ).argParser(parseMinutes),
    )
    .addHelpText(
      'after',
      `
Examples:
  $ kccp course create --code KCCP-2028-AGR-01 --title "Sustainable Rice Production" \\
      --subject "Agricultural Development" --region Africa --countries KE,SN,TZ,GH \\
      --host-centre "JICA Tsukuba" --languages en,fr --first-year 2028
  $ kccp course create --file course.json --outline outline.json
  $ kccp course create --file course.json --code KCCP-DEMO-01 --demo-calendar 2`,
    )
    .action(async (flags: CreateFlags, command: Command) => {
      const input = specFromFlags(flags);
      const missing = Object.entries(REQUIRED_FLAGS).filter(
        ([field]) => input[field as keyof CourseSpecInput] === undefined,
      );
      if (missing.length) {
        throw badInput(`missing: ${missing.map(([, flag]) => flag).join(', ')} (or give them in --file course.json)`);
      }
      const check = checkSpec(input);
      if (!check.ok) throw badInput(`invalid course: ${check.reason}`);
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        const outcome = await startCourse(client, check.spec);
        if (!outcome.started) throw refused(outcome.reason, ['See it with `kccp status ' + check.spec.code + '`.']);
        const [first] = courseCalendar(check.spec);
        if (options.json) {
          printJson({
            created: true,
            code: check.spec.code,
            workflowId: outcome.workflowId,
            runId: outcome.runId,
            phase: outcome.phase,
            spec: check.spec,
          });
          return;
        }
        print(`created course ${check.spec.code}`);
        print(
          facts([
            ['workflow id', outcome.workflowId],
            ['title', check.spec.title],
            ['subject', check.spec.subject],
            ['phase', outcome.phase],
            ['cycle 1', `JFY${first!.fiscalYear}, formulation opens ${tokyo(first!.windows.formulation.opens)}`],
          ]),
        );
      });
    });
}
