/** `kccp schedule ensure|show|trigger`: the yearly evaluation's Temporal Schedule (platform/schedule.ts). */
import { ScheduleNotFoundError, ScheduleOverlapPolicy, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Client, ScheduleDescription } from '@temporalio/client';
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
import { TASK_QUEUE } from '../../domain/reference';
import { ensureEvaluationSchedule, timingOf } from '../../platform/schedule';
import { globalOptions, withClient } from '../context';
import { badInput, refused } from '../errors';
import { facts, print, printJson, tokyo } from '../output';
import { parseFiscalYear, parseInteger } from '../parsers';

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
