/** `kccp catalogue seed --jfy2020`: demo courses for the report, the evaluation and the benchmark (see ./seed-courses.ts). */
import { Option, type Command } from 'commander';
import { evaluatedFiscalYear } from '../../domain/evaluation/schedule';
import { seedPlan, type SeedPlan } from '../../domain/evaluation/seed-plan';
import { globalOptions, withClient } from '../context';
import { badInput, refused } from '../errors';
import { print, printJson, warn } from '../output';
import { parseInteger } from '../parsers';
import { seedCourses } from './seed-courses';

interface SeedFlags {
  jfy2020?: boolean;
  count?: number;
  prefix?: string;
  fiscalYear?: number;
  stepSeconds?: number;
}

export function registerSeed(program: Command): void {
  const catalogue =
    program.commands.find((c) => c.name() === 'catalogue') ??
    program.command('catalogue').description('bulk operations on the course catalogue');
  catalogue
    .command('seed')
    .description(
      "demo courses with the page's JFY2020 mix of subjects and regions, mostly online and some cancelled (COVID-19), played through cycle 1 to their evaluation window",
    )
    .requiredOption('--jfy2020', "the page's JFY2020 distribution (the only one there is)")
    .addOption(new Option('--count <n>', "how many courses (default: the page's rows, 286)").argParser(parseInteger))
    .option('--prefix <code-prefix>', 'course codes <prefix>-001... (default SEED<fiscal-year>)')
    .addOption(
      new Option(
        '--fiscal-year <year>',
        'JFY of their first cycle (default: the year `kccp schedule trigger` evaluates now)',
      ).argParser(parseInteger),
    )
    .addOption(new Option('--step-seconds <s>', 'seconds per window of cycle 1 (default 15)').argParser(parseInteger))
    .action(async (flags: SeedFlags, command: Command) => {
      const fiscalYear = flags.fiscalYear ?? evaluatedFiscalYear(Date.now());
      let plan: SeedPlan;
      try {
        plan = seedPlan({ fiscalYear, count: flags.count, prefix: flags.prefix });
      } catch (error) {
        throw badInput((error as Error).message);
      }
      const stepMs = 1000 * (flags.stepSeconds ?? 15);
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        warn(
          `Seeding ${plan.courses.length} courses for JFY${fiscalYear} in groups of 40, ${stepMs / 1000} s per window of cycle 1; each group waits in its evaluation window about ${Math.ceil((9 * stepMs) / 60_000)} min after it starts.`,
        );
        const outcome = await seedCourses(client, plan, {
          stepMs,
          onStage: (stage, n, group, step) =>
            warn(`  group ${group} (${step / 1000} s windows), ${stage}: ${n} courses`),
        });
        const failures = Object.entries(outcome.failed);
        if (options.json) printJson({ fiscalYear, ...outcome, plan: undefined, courses: plan.courses });
        else {
          print(
            `${outcome.started.length} courses created, ${outcome.existing.length} already existed (left alone), ${failures.length} stopped early.`,
          );
          for (const [code, why] of failures) print(`  ${code}: ${why}`);
          const held = plan.courses.length - plan.cancelled;
          print(
            `As JFY2020 went: ${held} held (${plan.heldByMode.online} online, ${plan.heldByMode.hybrid} hybrid, ${plan.heldByMode['in-person']} in person) and ${plan.cancelled} cancelled (COVID-19).`,
          );
          print(`Their cycle 1 (JFY${fiscalYear}) waits in its evaluation window from ${outcome.evaluationOpens}.`);
          print(
            `Next: \`kccp schedule trigger\`${fiscalYear === evaluatedFiscalYear(Date.now()) ? '' : ` --fiscal-year ${fiscalYear}`}, then \`kccp report ${fiscalYear}\`.`,
          );
        }
        if (failures.length)
          throw refused(
            `${failures.length} of ${plan.courses.length} seeded courses stopped before their evaluation window`,
            [
              'A decision that reaches a course after its window closed is refused: the worker fell behind the compressed calendar.',
              'Seed again with a larger --step-seconds (e.g. 60) and a new --prefix; the report counts only what the courses hold.',
            ],
          );
      });
    });
}
