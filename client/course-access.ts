/** Finding a course's workflow, asking its status, reading its spec: the checks made before sending anything. */
import { isGrpcDeadlineError, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import type { CourseSpec } from '../domain/course';
import { courseCodeSchema } from '../domain/course';
import { courseWorkflowId } from '../domain/reference';
import type { CourseStatus } from '../domain/lifecycle';
import { statusQuery, type CourseWorkflowInput } from '../workflows/messages';
import { badInput, refused } from './errors';

/** A worker that does not answer within this long is most likely not running. */
export const QUERY_TIMEOUT_MS = 15_000;

export function checkCourseCode(code: string): string {
  const parsed = courseCodeSchema.safeParse(code);
  if (!parsed.success) throw badInput(`invalid course code "${code}": ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function unknownCourse(client: Client, code: string): Error {
  return refused(
    `unknown course: ${code} (no workflow ${courseWorkflowId(code)} in namespace ${client.options.namespace})`,
    ['List the courses with `kccp list --all`, or create it with `kccp course create`.'],
  );
}

export interface OpenCourse {
  code: string;
  handle: WorkflowHandle;
  running: boolean;
  executionStatus: string;
}

/** The latest run of a course's workflow; one clear message when there is none. */
export async function openCourse(client: Client, code: string): Promise<OpenCourse> {
  checkCourseCode(code);
  const handle = client.workflow.getHandle(courseWorkflowId(code));
  try {
    const description = await handle.describe();
    return { code, handle, running: description.status.name === 'RUNNING', executionStatus: description.status.name };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw unknownCourse(client, code);
    throw error;
  }
}

/** A course that takes decisions: its workflow is running. */
export async function openRunningCourse(client: Client, code: string): Promise<OpenCourse> {
  const course = await openCourse(client, code);
  if (!course.running) {
    throw refused(
      `course ${code} has ended (workflow ${courseWorkflowId(code)} is ${course.executionStatus}); it takes no more decisions`,
    );
  }
  return course;
}

export async function queryStatus(client: Client, course: OpenCourse): Promise<CourseStatus> {
  try {
    return await client.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () => course.handle.query(statusQuery));
  } catch (error) {
    if (isGrpcDeadlineError(error) || isGrpcDeadlineError((error as { cause?: unknown }).cause)) {
      throw refused(`course ${course.code} did not answer its status query within ${QUERY_TIMEOUT_MS / 1000} s`, [
        'Is a worker polling the task queue kccp-courses? Start one with `npm run worker`.',
      ]);
    }
    throw error;
  }
}

/**
 * The course spec as the current run received it: the first event of its
 * history holds the workflow input (continue-as-new carries the spec along).
 * Decoded with the client's data converter, so a payload codec is honoured.
 */
export async function readCourseSpec(client: Client, course: OpenCourse): Promise<CourseSpec> {
  const response = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId: course.handle.workflowId },
    maximumPageSize: 1,
  });
  const started = response.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
  const [input] = (await decodeArrayFromPayloads(client.options.loadedDataConverter, started?.input?.payloads)) as [
    CourseWorkflowInput | undefined,
  ];
  if (!input?.spec) throw refused(`workflow ${course.handle.workflowId} was not started with a course spec`);
  return input.spec;
}
