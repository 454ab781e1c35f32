/** Starting and driving course workflows in tests, through the same messages the admin client uses. */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { courseSpecSchema } from '../../domain/course';
import type { CourseSpecInput } from '../../domain/course';
import type { DecisionInputOf, DecisionKind } from '../../domain/decisions';
import type { CourseStatus } from '../../domain/lifecycle';
import { courseWorkflowId, TASK_QUEUE } from '../../domain/reference';
import { courseLifecycle } from '../../workflows/course-lifecycle';
import { decisionUpdates, statusQuery } from '../../workflows/messages';
import type { DecisionAnswer } from '../../workflows/messages';
import { CourseCode, CoursePhase, CourseSubject } from '../../workflows/search-attributes';

export type CourseHandle = WorkflowHandle<typeof courseLifecycle>;

export async function startCourse(client: Client, input: CourseSpecInput, taskQueue = TASK_QUEUE): Promise<CourseHandle> {
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

export function record<K extends DecisionKind>(handle: CourseHandle, kind: K, decision: DecisionInputOf<K>): Promise<DecisionAnswer> {
  return handle.executeUpdate(decisionUpdates[kind] as never, { args: [decision] as never }) as Promise<DecisionAnswer>;
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
  if (!predicate(last)) throw new Error(`course never reached the expected state; last status: ${JSON.stringify({ phase: last.phase, cycle: last.cycle, cycles: last.cycles.map((c) => [c.cycle, c.phase]) })}`);
  return last;
}
