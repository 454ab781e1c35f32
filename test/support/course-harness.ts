/** Starting and driving course workflows in tests, through the same messages the admin client uses. */
import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { courseSpecSchema } from '../../domain/course';
import type { CourseSpecInput } from '../../domain/course';
import type { DecisionInputOf, DecisionKind } from '../../domain/decisions';
import type { CourseStatus } from '../../domain/lifecycle';
import { courseWorkflowId, TASK_QUEUE } from '../../domain/reference';
import { courseLifecycle } from '../../workflows/course-lifecycle';
import { updateOf, statusQuery } from '../../workflows/messages';
import type { DecisionAnswer } from '../../workflows/messages';
import { CourseCode, CoursePhase, CourseSubject } from '../../workflows/search-attributes';
import { decision, nominee } from '../fixtures/courses';

const HOUR = 3_600_000;

export type CourseHandle = WorkflowHandle<typeof courseLifecycle>;

export async function startCourse(
  client: Client,
  input: CourseSpecInput,
  taskQueue = TASK_QUEUE,
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof courseLifecycle>> {
  const spec = courseSpecSchema.parse(input);
  return client.workflow.start(courseLifecycle, {
    workflowId: courseWorkflowId(spec.code),
    taskQueue,
    args: [{ spec }],
    typedSearchAttributes: [
      { key: CourseCode, value: spec.code },
      { key: CourseSubject, value: spec.subject },
      { key: CoursePhase, value: 'Scheduled' },
    ],
  });
}

export function record<K extends DecisionKind>(
  handle: CourseHandle,
  kind: K,
  decision: DecisionInputOf<K>,
): Promise<DecisionAnswer> {
  return handle.executeUpdate(updateOf(kind), { args: [decision] });
}

export function status(handle: CourseHandle): Promise<CourseStatus> {
  return handle.query(statusQuery);
}

/**
 * Lets time pass on the time-skipping server in steps until the course's
 * status satisfies `predicate`; fails after `maxSteps` with the last status.
 */
export async function skipUntil(
  env: TestWorkflowEnvironment,
  handle: CourseHandle,
  predicate: (s: CourseStatus) => boolean,
  stepMs: number,
  maxSteps = 50,
): Promise<CourseStatus> {
  let last = await status(handle);
  for (let i = 0; i < maxSteps && !predicate(last); i++) {
    await env.sleep(stepMs);
    last = await status(handle);
  }
  if (!predicate(last))
    throw new Error(
      `course never reached the expected state; last status: ${JSON.stringify({ phase: last.phase, cycle: last.cycle, cycles: last.cycles.map((c) => [c.cycle, c.phase]) })}`,
    );
  return last;
}

const phaseOf = (cycle: number) => (s: CourseStatus) => s.cycles.find((c) => c.cycle === cycle)?.phase;

/**
 * Records the cycle's plan during its formulation, as the program rules require before scrutiny,
 * acknowledging the evaluation findings carried to it.
 */
export async function planCycle(
  env: TestWorkflowEnvironment,
  handle: CourseHandle,
  cycle: 1 | 2 | 3,
  materialChange = false,
): Promise<DecisionAnswer | undefined> {
  const planned = (s: CourseStatus) =>
    s.cycles.find((c) => c.cycle === cycle)?.decisions.some((d) => d.kind === 'plan') === true;
  const ready = await skipUntil(env, handle, (s) => planned(s) || phaseOf(cycle)(s) === 'Formulation', 6 * HOUR);
  if (planned(ready)) return undefined;
  return record(
    handle,
    'plan',
    decision('plan', {
      summary: `Cycle ${cycle}: field practice and study visits`,
      materialChange,
      findingsAcknowledged: true,
      cycle,
    }),
  );
}

/** Plans the cycle (the program rules require a plan before scrutiny), then lets time pass until it is in Scrutiny. */
export async function untilScrutiny(
  env: TestWorkflowEnvironment,
  handle: CourseHandle,
  cycle: 1 | 2 | 3 = 1,
): Promise<CourseStatus> {
  await planCycle(env, handle, cycle);
  return skipUntil(env, handle, (s) => phaseOf(cycle)(s) === 'Scrutiny', 6 * HOUR);
}

/**
 * Drives one cycle of a course on a day-step compressed calendar (see
 * fixtures) from its formulation to its evaluation, as staff would; returns the
 * phases the cycle was seen in (from scrutiny or the survey on).
 */
export async function driveHeldCycle(
  env: TestWorkflowEnvironment,
  handle: CourseHandle,
  cycle: 1 | 2 | 3,
  scrutiny: boolean,
  /** What staff record once the participants are back, before the evaluation (e.g. an action plan). */
  afterReturn?: () => Promise<unknown>,
): Promise<string[]> {
  const phases: string[] = [];
  const seen = (s: CourseStatus) => {
    const p = phaseOf(cycle)(s);
    if (p && phases[phases.length - 1] !== p) phases.push(p);
  };
  const until = async (phase: string) =>
    seen(await skipUntil(env, handle, (s) => phaseOf(cycle)(s) === phase, 6 * HOUR));
  await planCycle(env, handle, cycle);
  seen(await skipUntil(env, handle, (s) => ['Scrutiny', 'RequestSurvey'].includes(phaseOf(cycle)(s) ?? ''), 6 * HOUR));
  if (scrutiny) {
    await record(
      handle,
      'scrutiny',
      decision('scrutiny', {
        result: 'pass',
        reasons: ['Japanese expertise in irrigation'],
        outsideExperts: ['Prof. Sato'],
      }),
    );
  }
  for (const country of ['KE', 'SN', 'PE']) {
    await record(
      handle,
      'surveyResponse',
      decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 2 }),
    );
  }
  seen(await status(handle));
  await until('MofaDetermination');
  await record(
    handle,
    'mofaDetermination',
    decision('mofaDetermination', { approved: true, reference: `MOFA-${cycle}` }),
  );
  seen(await status(handle));
  await record(
    handle,
    'nominations',
    decision('nominations', {
      country: 'KE',
      organizations: ['Ministry of Agriculture'],
      nominees: [nominee('Amina Otieno')],
    }),
  );
  await record(
    handle,
    'nominations',
    decision('nominations', { country: 'SN', organizations: ['ISRA'], nominees: [nominee('Awa Diop')] }),
  );
  await until('Selection');
  await record(
    handle,
    'selection',
    decision('selection', {
      participants: [
        { country: 'KE', nominees: ['Amina Otieno'] },
        { country: 'SN', nominees: ['Awa Diop'] },
      ],
    }),
  );
  await until('PreArrival');
  await until('InJapan');
  await record(
    handle,
    'implementationReport',
    decision('implementationReport', {
      mode: 'in-person',
      startedOn: '2027-07-01',
      endedOn: '2027-07-20',
      attendance: [
        { country: 'KE', participants: 1 },
        { country: 'SN', participants: 1 },
      ],
    }),
  );
  await until('PostReturn');
  await afterReturn?.();
  await until('Evaluation');
  const fiscalYear = (await status(handle)).cycles.find((c) => c.cycle === cycle)!.fiscalYear;
  await record(
    handle,
    'evaluation',
    decision('evaluation', { fiscalYear, findings: [`Cycle ${cycle}: keep the field visits`] }),
  );
  return phases;
}
