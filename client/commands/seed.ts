/**
 * `kccp catalogue seed --jfy2020`: demo courses shaped like the page's JFY2020
 * figures (domain/evaluation/seed-plan.ts), played through their first cycle
 * as staff would (scrutiny, survey, MOFA, nominations, selection,
 * implementation report) on a compressed calendar, so they wait in their
 * evaluation window within minutes. Later cycles follow a day per window.
 */
import type { Client } from '@temporalio/client';
import { Option, type Command } from 'commander';
import { compressedCalendar, toTokyoIso } from '../../domain/calendar';
import { countryInfo } from '../../domain/countries';
import type { CalendarOverrides, CourseSpec } from '../../domain/course';
import type { DecisionInputOf, DecisionKind } from '../../domain/decisions';
import { evaluatedFiscalYear } from '../../domain/evaluation/schedule';
import { COUNTRIES_PER_COURSE, seedPlan, type SeedCourse, type SeedPlan } from '../../domain/evaluation/seed-plan';
import { courseWorkflowId } from '../../domain/reference';
import { decisionUpdates } from '../../workflows/messages';
import { globalOptions, withClient } from '../context';
import { checkSpec, startCourse } from '../course-start';
import { badInput, refused } from '../errors';
import { print, printJson, warn } from '../output';
import { parseInteger } from '../parsers';

const DAY = 86_400_000;
const HOST_CENTRES = ['JICA Tokyo', 'JICA Tsukuba', 'JICA Kansai', 'JICA Chubu', 'JICA Kyushu', 'JICA Hokkaido'];

/** Cycle 1 a `stepMs` per window, its evaluation window open a day; cycles 2 and 3 a day per window after it. */
export function seedCalendar(start: number, stepMs: number): CalendarOverrides {
  const first = compressedCalendar(start, stepMs)['1']!;
  const evaluationOpens = start + 8 * stepMs;
  first.evaluation = { opens: toTokyoIso(evaluationOpens), closes: toTokyoIso(evaluationOpens + DAY) };
  const later = compressedCalendar(evaluationOpens + DAY, DAY);
  return { '1': first, '2': later['1'], '3': later['2'] };
}

export function seedSpec(course: SeedCourse, fiscalYear: number, calendar: CalendarOverrides, index: number): CourseSpec {
  const languages = [...new Set(['en', ...course.countries.map((c) => countryInfo(c.country)?.language ?? 'en')])];
  const check = checkSpec({
    code: course.code,
    title: `${course.subject}: demo course ${index + 1}`,
    subject: course.subject,
    regions: course.regions,
    targetCountries: course.countries.map((c) => c.country),
    hostCentre: HOST_CENTRES[index % HOST_CENTRES.length],
    languages,
    firstCourseYear: fiscalYear,
    participationThreshold: COUNTRIES_PER_COURSE,
    calendar,
  });
  if (!check.ok) throw badInput(`seed course ${course.code}: ${check.reason}`);
  return check.spec;
}

const nominees = (country: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `Participant ${i + 1} of ${country}`, position: 'Officer', email: `p${i + 1}.${country.toLowerCase()}@gov.example`, organization: `Ministry (${country})` }));

type Step = { kind: DecisionKind; body: Record<string, unknown> }[];

/** What staff record at each window of cycle 1, by the index of the step at which that window opens. */
export function seedStages(course: SeedCourse, fiscalYear: number): { at: number; name: string; decisions: Step }[] {
  const all = course.countries;
  return [
    {
      at: 1,
      name: 'scrutiny and request survey',
      decisions: [
        { kind: 'scrutiny', body: { result: 'pass', reasons: ['Japanese experience is relevant to the participating countries'], outsideExperts: [] } },
        ...all.map((c) => ({ kind: 'surveyResponse' as const, body: { country: c.country, wantsToParticipate: true, expectedParticipants: c.participants } })),
      ],
    },
    { at: 2, name: 'MOFA determination', decisions: [{ kind: 'mofaDetermination', body: { approved: true, reference: `MOFA-${fiscalYear}-${course.code}` } }] },
    {
      at: 3,
      name: 'nominations',
      decisions: all.map((c) => ({ kind: 'nominations' as const, body: { country: c.country, organizations: [`Ministry (${c.country})`], nominees: nominees(c.country, c.participants) } })),
    },
    {
      at: 4,
      name: 'selection',
      decisions: [{ kind: 'selection', body: { participants: all.map((c) => ({ country: c.country, nominees: nominees(c.country, c.participants).map((n) => n.name) })) } }],
    },
    {
      at: 6,
      name: 'implementation report',
      decisions: [
        {
          kind: 'implementationReport',
          body: { mode: course.mode, startedOn: `${fiscalYear}-07-01`, endedOn: `${fiscalYear}-07-19`, attendance: all.map((c) => ({ country: c.country, participants: c.participants })) },
        },
      ],
    },
  ];
}

export interface SeedOutcome {
  plan: SeedPlan;
  started: string[];
  existing: string[];
  /** Course code → the decision that failed and why: that course is left where it stopped. */
  failed: Record<string, string>;
  /** When cycle 1's evaluation window opens (Asia/Tokyo). */
  evaluationOpens: string;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

export interface SeedRunOptions {
  stepMs: number;
  /** Time to start every course before the first window opens. */
  leadMs?: number;
  concurrency?: number;
  now?: number;
  onStage?: (stage: string, courses: number) => void;
}

/** Starts the plan's courses and plays staff through cycle 1; resolves once the last implementation report is in. */
export async function seedCourses(client: Client, plan: SeedPlan, options: SeedRunOptions): Promise<SeedOutcome> {
  const concurrency = options.concurrency ?? 16;
  const lead = options.leadMs ?? Math.max(options.stepMs, plan.courses.length * 40);
  const start = (options.now ?? Date.now()) + lead;
  const calendar = seedCalendar(start, options.stepMs);
  const outcome: SeedOutcome = { plan, started: [], existing: [], failed: {}, evaluationOpens: toTokyoIso(start + 8 * options.stepMs) };
  const specs = plan.courses.map((course, i) => seedSpec(course, plan.fiscalYear, calendar, i));
  await inParallel(specs, concurrency, async (spec) => {
    const started = await startCourse(client, spec);
    (started.started ? outcome.started : outcome.existing).push(spec.code);
  });
  const driven = plan.courses.filter((c) => outcome.started.includes(c.code));
  const margin = Math.min(options.stepMs * 0.2, 3_000);
  for (const stage of seedStages(driven[0] ?? plan.courses[0]!, plan.fiscalYear).map((s) => s.at)) {
    const wait = start + stage * options.stepMs + margin - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const live = driven.filter((c) => !outcome.failed[c.code]);
    options.onStage?.(seedStages(live[0] ?? driven[0]!, plan.fiscalYear).find((s) => s.at === stage)!.name, live.length);
    await inParallel(live, concurrency, async (course) => {
      const handle = client.workflow.getHandle(courseWorkflowId(course.code));
      const { decisions } = seedStages(course, plan.fiscalYear).find((s) => s.at === stage)!;
      for (const [i, d] of decisions.entries()) {
        const decision = { ...d.body, kind: d.kind, actor: 'kccp-seed', idempotencyKey: `seed-${course.code}-${stage}-${i}` } as DecisionInputOf<typeof d.kind>;
        try {
          await handle.executeUpdate(decisionUpdates[d.kind] as never, { args: [decision] as never });
        } catch (error) {
          const cause = (error as { cause?: Error }).cause;
          outcome.failed[course.code] = `${d.kind}: ${cause?.message ?? (error as Error).message}`;
          return;
        }
      }
    });
  }
  return outcome;
}

interface SeedFlags {
  jfy2020?: boolean;
  count?: number;
  prefix?: string;
  fiscalYear?: number;
  stepSeconds?: number;
}

export function registerSeed(program: Command): void {
  const catalogue = program.commands.find((c) => c.name() === 'catalogue') ?? program.command('catalogue').description('bulk operations on the course catalogue');
  catalogue
    .command('seed')
    .description('demo courses with the page\'s JFY2020 mix of subjects and regions, played through cycle 1 to their evaluation window')
    .requiredOption('--jfy2020', 'the page\'s JFY2020 distribution (the only one there is)')
    .addOption(new Option('--count <n>', 'how many courses (default: the page\'s rows, 286)').argParser(parseInteger))
    .option('--prefix <code-prefix>', 'course codes <prefix>-001... (default SEED<fiscal-year>)')
    .addOption(new Option('--fiscal-year <year>', 'JFY of their first cycle (default: the year `kccp schedule trigger` evaluates now)').argParser(parseInteger))
    .addOption(new Option('--step-seconds <s>', 'seconds per window of cycle 1 (default: 5, or more for many courses)').argParser(parseInteger))
    .action(async (flags: SeedFlags, command: Command) => {
      const fiscalYear = flags.fiscalYear ?? evaluatedFiscalYear(Date.now());
      let plan: SeedPlan;
      try {
        plan = seedPlan({ fiscalYear, count: flags.count, prefix: flags.prefix });
      } catch (error) {
        throw badInput((error as Error).message);
      }
      const stepMs = 1000 * (flags.stepSeconds ?? Math.max(5, Math.ceil(plan.courses.length / 10)));
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        warn(`Seeding ${plan.courses.length} courses for JFY${fiscalYear}, ${stepMs / 1000} s per window; cycle 1 reaches its evaluation window in about ${Math.ceil((9 * stepMs) / 60_000)} min.`);
        const outcome = await seedCourses(client, plan, { stepMs, onStage: (stage, n) => warn(`  ${stage}: ${n} courses`) });
        const failures = Object.entries(outcome.failed);
        if (options.json) printJson({ fiscalYear, ...outcome, plan: undefined, courses: plan.courses });
        else {
          print(`${outcome.started.length} courses created, ${outcome.existing.length} already existed (left alone), ${failures.length} stopped early.`);
          for (const [code, why] of failures) print(`  ${code}: ${why}`);
          print(`Their cycle 1 (JFY${fiscalYear}) waits in its evaluation window from ${outcome.evaluationOpens}.`);
          print(`Next: \`kccp schedule trigger\`${fiscalYear === evaluatedFiscalYear(Date.now()) ? '' : ` --fiscal-year ${fiscalYear}`}, then \`kccp report ${fiscalYear}\`.`);
        }
        if (failures.length) throw refused(`${failures.length} of ${plan.courses.length} seeded courses stopped before their evaluation window`);
      });
    });
}
