/**
 * The yearly evaluation's Temporal Schedule: ensureEvaluationSchedule, which
 * `kccp schedule ensure` and `npm start` both call. One schedule id, created
 * or brought up to date; its overlap policy skips a run while another
 * evaluation still runs, so two evaluations never work on the courses at once.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { CalendarSpec, Client, ScheduleDescription, ScheduleOptions } from '@temporalio/client';
import {
  describeTiming,
  EVALUATION_SCHEDULE_ID,
  EVALUATION_WORKFLOW_TYPE,
  EVALUATION_WORKFLOW_ID,
  evaluationTiming,
  type EvaluationTiming,
} from '../domain/evaluation/schedule';
import { PROGRAM_TIME_ZONE, TASK_QUEUE } from '../domain/reference';

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

export function evaluationScheduleOptions(t: EvaluationTiming): ScheduleOptions {
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
