/**
 * The yearly evaluation's Temporal Schedule: `kccp schedule ensure|show|trigger`,
 * and ensureEvaluationSchedule, which `npm start` calls too. One schedule id,
 * created or brought up to date; its overlap policy skips a run while another
 * evaluation still runs, so two evaluations never work on the courses at once.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import type {
  CalendarSpec,
  Client,
  ScheduleDescription,
  ScheduleOptions,
  ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';
import { Option, type Command } from 'commander';
import {
  describeTiming,
  EVALUATION_SCHEDULE_ID,
  EVALUATION_WORKFLOW_TYPE,
  EVALUATION_WORKFLOW_ID,
  evaluatedFiscalYear,
  evaluationTiming,
  type EvaluationTiming,
} from '../../domain/evaluation/schedule';
import { PROGRAM_TIME_ZONE, TASK_QUEUE } from '../../domain/reference';
import type { yearlyEvaluation } from '../../workflows/evaluation';
import { globalOptions, withClient } from '../context';
import { badInput, refused } from '../errors';
import { facts, print, printJson, tokyo } from '../output';
import { parseFiscalYear, parseInteger } from '../parsers';

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

export function evaluationCalendar(t: EvaluationTiming): CalendarSpec {
  return {
    month: MONTHS[t.month - 1]!,
    dayOfMonth: t.day,
    hour: t.hour,
    minute: t.minute,
    comment: `KCCP yearly evaluation, ${describeTiming(t)}`,
  };
}

export function evaluationScheduleOptions(
  t: EvaluationTiming,
): ScheduleOptions<ScheduleOptionsStartWorkflowAction<typeof yearlyEvaluation>> {
  return {
    scheduleId: EVALUATION_SCHEDULE_ID,
    spec: { calendars: [evaluationCalendar(t)], timezone: PROGRAM_TIME_ZONE },
    action: {
      type: 'startWorkflow',
      workflowType: EVALUATION_WORKFLOW_TYPE,
      workflowId: EVALUATION_WORKFLOW_ID,
      taskQueue: TASK_QUEUE,
      args: [{}],
    },
    // SKIP: a run due while one still runs is dropped; a server down on the day catches up within a month.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days', pauseOnFailure: false },
  };
}

/** The one calendar of a schedule, as the timing it stands for; undefined when it is not one we wrote. */
export function timingOf(description: ScheduleDescription): EvaluationTiming | undefined {
  const calendars = description.spec.calendars ?? [];
  const c = calendars[0];
  const single = (ranges: { start: number | string; end?: number | string }[] | undefined) =>
    ranges?.length === 1 && (ranges[0]!.end === undefined || ranges[0]!.end === ranges[0]!.start)
      ? ranges[0]!.start
      : undefined;
  if (calendars.length !== 1 || !c) return undefined;
  const month = single(c.month as { start: string }[]);
  const day = single(c.dayOfMonth),
    hour = single(c.hour),
    minute = single(c.minute);
  if (typeof month !== 'string' || typeof day !== 'number' || typeof hour !== 'number' || typeof minute !== 'number')
    return undefined;
  return { month: MONTHS.indexOf(month as (typeof MONTHS)[number]) + 1, day, hour, minute };
}

function upToDate(d: ScheduleDescription, t: EvaluationTiming): boolean {
  const now = timingOf(d);
  const action = d.action as { workflowType?: string; taskQueue?: string };
  return (
    !!now &&
    now.month === t.month &&
    now.day === t.day &&
    now.hour === t.hour &&
    now.minute === t.minute &&
    d.spec.timezone === PROGRAM_TIME_ZONE &&
    d.policies.overlap === ScheduleOverlapPolicy.SKIP &&
    action.workflowType === EVALUATION_WORKFLOW_TYPE &&
    action.taskQueue === TASK_QUEUE
  );
}

export type EnsureOutcome = 'created' | 'updated' | 'unchanged';

/** Creates the schedule, or replaces its spec, action and policies when they differ; never a second schedule. */
export async function ensureEvaluationSchedule(client: Client, timing: EvaluationTiming): Promise<EnsureOutcome> {
  const options = evaluationScheduleOptions(timing);
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = client.schedule.getHandle(EVALUATION_SCHEDULE_ID);
  if (upToDate(await handle.describe(), timing)) return 'unchanged';
  await handle.update((previous) => ({
    ...previous,
    spec: options.spec,
    action: options.action,
    policies: { ...previous.policies, ...options.policies },
  }));
  return 'updated';
}

/** For `npm start`: ensure from KCCP_EVALUATION_* (KCCP_EVALUATION_SCHEDULE=off skips it); one line for the log. */
export async function ensureEvaluationScheduleAtStart(
  client: Client,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  if (env.KCCP_EVALUATION_SCHEDULE === 'off')
    return `Schedule ${EVALUATION_SCHEDULE_ID}: left alone (KCCP_EVALUATION_SCHEDULE=off).`;
  const timing = evaluationTiming(env);
  const outcome = await ensureEvaluationSchedule(client, timing);
  return `Schedule ${EVALUATION_SCHEDULE_ID}: ${outcome}, ${describeTiming(timing)}.`;
}

async function describeOrRefuse(client: Client): Promise<ScheduleDescription> {
  try {
    return await client.schedule.getHandle(EVALUATION_SCHEDULE_ID).describe();
  } catch (error) {
    if (error instanceof ScheduleNotFoundError)
      throw refused(`no schedule ${EVALUATION_SCHEDULE_ID}`, [
        'Create it with `kccp schedule ensure` (npm start does too).',
      ]);
    throw error;
  }
}

interface EnsureFlags {
  month?: number;
  day?: number;
  time?: string;
}

export function registerSchedule(program: Command): void {
  const schedule = program
    .command('schedule')
    .description(`the yearly evaluation's Temporal Schedule (${EVALUATION_SCHEDULE_ID})`);
  schedule
    .command('ensure')
    .description(
      'create the schedule, or bring its calendar up to date (default 10 April 09:00 Asia/Tokyo; env KCCP_EVALUATION_MONTH/DAY/TIME)',
    )
    .addOption(new Option('--month <1-12>', 'month of the yearly run').argParser(parseInteger))
    .addOption(new Option('--day <1-31>', 'day of the month').argParser(parseInteger))
    .option('--time <HH:MM>', 'time of day in Asia/Tokyo')
    .action(async (flags: EnsureFlags, command: Command) => {
      let timing: EvaluationTiming;
      try {
        timing = evaluationTiming(process.env, flags);
      } catch (error) {
        throw badInput((error as Error).message);
      }
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        const outcome = await ensureEvaluationSchedule(client, timing);
        if (options.json) printJson({ scheduleId: EVALUATION_SCHEDULE_ID, outcome, timing });
        else print(`Schedule ${EVALUATION_SCHEDULE_ID} ${outcome}: ${describeTiming(timing)}.`);
      });
    });

  schedule
    .command('show')
    .description('the schedule: when it runs next, its policy, its recent and running evaluations')
    .action(async (_flags: unknown, command: Command) => {
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        const d = await describeOrRefuse(client);
        const timing = timingOf(d);
        const shown = {
          scheduleId: d.scheduleId,
          runs: timing ? describeTiming(timing) : JSON.stringify(d.spec.calendars),
          timezone: d.spec.timezone ?? 'UTC',
          overlap: d.policies.overlap,
          paused: d.state.paused,
          next: d.info.nextActionTimes.slice(0, 3).map((t) => tokyo(t.toISOString())),
          running: d.info.runningActions.map((a) => a.workflow.workflowId),
          recent: d.info.recentActions
            .slice(-5)
            .map((a) => ({ at: tokyo(a.takenAt.toISOString()), workflowId: a.action.workflow.workflowId })),
        };
        if (options.json) return printJson(shown);
        print(
          facts([
            ['schedule', shown.scheduleId],
            ['runs', `${shown.runs} (${shown.timezone})`],
            ['overlap', `${shown.overlap}: a run due while an evaluation runs is skipped`],
            ['paused', shown.paused ? 'yes' : 'no'],
            ['next runs', shown.next.join(', ') || '—'],
            ['running', shown.running.join(', ') || '—'],
            ['recent', shown.recent.map((r) => `${r.at} ${r.workflowId}`).join('\n') || '—'],
          ]),
        );
      });
    });

  schedule
    .command('trigger')
    .description(
      'run the evaluation now, through the schedule (skipped if one is running); it evaluates the fiscal year its start time falls in (see README)',
    )
    .addOption(
      new Option(
        '--fiscal-year <year>',
        'evaluate this fiscal year instead: starts the evaluation workflow directly',
      ).argParser(parseFiscalYear),
    )
    .action(async (flags: { fiscalYear?: number }, command: Command) => {
      const options = globalOptions(command);
      await withClient(options, async (client) => {
        const d = await describeOrRefuse(client);
        if (d.info.runningActions.length)
          throw refused(
            `an evaluation is running: ${d.info.runningActions.map((a) => a.workflow.workflowId).join(', ')}`,
          );
        if (flags.fiscalYear === undefined) {
          await client.schedule.getHandle(EVALUATION_SCHEDULE_ID).trigger(ScheduleOverlapPolicy.SKIP);
          const year = evaluatedFiscalYear(Date.now());
          if (options.json) return printJson({ scheduleId: EVALUATION_SCHEDULE_ID, triggered: true, fiscalYear: year });
          return print(
            `Triggered ${EVALUATION_SCHEDULE_ID}: evaluating JFY${year}. Read it with \`kccp report ${year}\` when \`kccp schedule show\` lists no running evaluation.`,
          );
        }
        const workflowId = `${EVALUATION_WORKFLOW_ID}-JFY${flags.fiscalYear}`;
        try {
          await client.workflow.start(EVALUATION_WORKFLOW_TYPE, {
            workflowId,
            taskQueue: TASK_QUEUE,
            args: [{ fiscalYear: flags.fiscalYear }],
          });
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError)
            throw refused(`the evaluation of JFY${flags.fiscalYear} is already running (${workflowId})`);
          throw error;
        }
        if (options.json) return printJson({ workflowId, fiscalYear: flags.fiscalYear });
        print(`Started ${workflowId}. Read it with \`kccp report ${flags.fiscalYear}\` when it completes.`);
      });
    });
}
