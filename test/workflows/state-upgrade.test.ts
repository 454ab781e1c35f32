/**
 * The state a course carries across continue-as-new is versioned: a course
 * whose previous run was written by the shape before record-integrity-v1
 * (no version, no retired keys, no delivery problems) continues under today's
 * code to its end. The state is the one the shipped v2 history handed to its
 * second run, moved in time so its windows lie ahead of the test server's clock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { toTokyoIso } from '../../domain/calendar';
import type { CourseState } from '../../domain/lifecycle';
import { courseWorkflowId } from '../../domain/reference';
import { courseLifecycle } from '../../workflows/course-lifecycle';
import type { CourseWorkflowInput } from '../../workflows/messages';
import { driveHeldCycle, skipUntil, status } from '../support/course-harness';
import { createRecordingActivities } from '../support/recording-activities';
import { createTestWorker, startTimeSkipping } from '../support/temporal';

const HOUR = 3_600_000;
const TOKYO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+09:00$/;

/** What the first run of the stored v2 course handed to its second: the previous shape's state. */
function storedContinuation(): CourseWorkflowInput {
  const history = JSON.parse(
    readFileSync(join(__dirname, '..', 'histories', 'v2', 'held-course-run-1.json'), 'utf8'),
  ) as { events: Record<string, { input?: { payloads: { data: string }[] } }>[] };
  const last = history.events[history.events.length - 1]!.workflowExecutionContinuedAsNewEventAttributes!;
  return JSON.parse(Buffer.from(last.input!.payloads[0]!.data, 'base64').toString('utf8')) as CourseWorkflowInput;
}

/** Every instant of the input moved by `delta` ms: Tokyo ISO strings, and the epoch numbers under `clock` and `at`. */
function shifted<T>(value: T, delta: number, key = ''): T {
  if (typeof value === 'string' && TOKYO_INSTANT.test(value)) return toTokyoIso(Date.parse(value) + delta) as T;
  if (typeof value === 'number' && (key === 'clock' || key === 'at')) return (value + delta) as T;
  if (Array.isArray(value)) return value.map((v) => shifted(v, delta)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shifted(v, delta, k)])) as T;
  return value;
}

describe('state carried across continue-as-new, from the previous shape', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `state-upgrade-${randomUUID()}`;

  beforeAll(async () => {
    env = await startTimeSkipping();
    worker = await createTestWorker(env, {
      taskQueue,
      activities: createRecordingActivities(),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  it('continues a course from a version-1 state through cycles 2 and 3 to its end', async () => {
    const stored = storedContinuation();
    const state = stored.state as CourseState;
    expect(state.version).toBeUndefined();
    expect(state.retiredKeys).toBeUndefined();
    expect(state.cycles.map((c) => [c.cycle, c.phase])).toEqual([
      [2, 'Formulation'],
      [3, 'Scheduled'],
    ]);
    // Move it so that cycle 2's formulation opens an hour from now on the test server's clock.
    const opens = Date.parse(state.cycles[0]!.calendar.windows.formulation.opens);
    const input = shifted(stored, Number(await env.currentTimeMs()) + HOUR - opens);

    const handle = await env.client.workflow.start(courseLifecycle, {
      workflowId: courseWorkflowId(input.spec.code),
      taskQueue,
      args: [input],
    });
    await skipUntil(env, handle, (s) => s.cycles[0]?.cycle === 2, HOUR);
    await driveHeldCycle(env, handle, 2, false);
    await skipUntil(env, handle, (s) => s.cycle === 3, 6 * HOUR);
    expect((await status(handle)).deliveryProblems).toEqual([]);
    await driveHeldCycle(env, handle, 3, false);
    const result = await handle.result();
    expect(result.outcomes.map((o) => [o.cycle, o.phase])).toEqual([
      [1, 'Completed'],
      [2, 'Completed'],
      [3, 'Completed'],
    ]);
  });
});
