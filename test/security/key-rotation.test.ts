import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
// The test environment's own client class: awaiting a result lets the time-skipping server skip ahead.
import { TimeSkippingClient } from '@temporalio/testing/lib/client';
import type { Payload } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { courseWorkflowId } from '../../domain/reference';
import { EncryptionCodec, encryptingDataConverter, METADATA_KEY_ID } from '../../security/codec';
import { keyRingFromEnv, type KeyRing } from '../../security/keys';
import { COURSE_WORKFLOWS_PATH, createCourseWorker } from '../../worker/bootstrap';
import type { courseLifecycle } from '../../workflows/course-lifecycle';
import { compressedCourse, DAY } from '../fixtures/courses';
import { driveHeldCycle, planCycle, skipUntil, startCourse } from '../support/course-harness';
import { createRecordingActivities } from '../support/recording-activities';
import { bundleWorkflowCodeOnce, startTimeSkipping } from '../support/temporal';

const HOUR = 3_600_000;
const KEY_A = Buffer.alloc(32, 0xa).toString('base64');
const KEY_B = Buffer.alloc(32, 0xb).toString('base64');
// Rotation as an operator does it: B becomes current, A stays in the ring for the histories written under it.
const beforeRotation = keyRingFromEnv({ KCCP_CODEC_KEYS: `kccp-a:${KEY_A}` })!.ring;
const afterRotation = keyRingFromEnv({
  KCCP_CODEC_KEYS: `kccp-a:${KEY_A},kccp-b:${KEY_B}`,
  KCCP_CODEC_CURRENT_KEY: 'kccp-b',
})!.ring;
const withoutA = keyRingFromEnv({ KCCP_CODEC_KEYS: `kccp-b:${KEY_B}` })!.ring;

describe('key rotation', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = `rotation-${randomUUID()}`;

  beforeAll(async () => {
    env = await startTimeSkipping();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const clientWith = (ring: KeyRing): Client =>
    new TimeSkippingClient({
      connection: env.connection,
      namespace: env.namespace ?? 'default',
      dataConverter: encryptingDataConverter(ring),
    });
  const workerWith = async (ring: KeyRing, sticky: boolean) =>
    createCourseWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: createRecordingActivities(),
      workflowBundle: await bundleWorkflowCodeOnce(COURSE_WORKFLOWS_PATH),
      dataConverter: encryptingDataConverter(ring),
      // The worker that stops keeps no sticky queue: the time-skipping server would hold the next task for it.
      ...(sticky ? {} : { extra: { maxCachedWorkflows: 0 } }),
    });
  const startInput = async (client: Client, runId: string): Promise<Payload> => {
    const history = await client.workflow.getHandle(courseWorkflowId('ROT-001'), runId).fetchHistory();
    return history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]! as Payload;
  };
  const keyIdOf = (payload: Payload) => Buffer.from(payload.metadata![METADATA_KEY_ID]!).toString();
  /** Every key id found on a payload anywhere in a history. */
  const keyIdsIn = (history: unknown): string[] => {
    const ids = new Set<string>();
    const walk = (value: unknown): void => {
      if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
      const metadata = (value as { metadata?: Record<string, Uint8Array> }).metadata;
      if (metadata?.[METADATA_KEY_ID]) ids.add(Buffer.from(metadata[METADATA_KEY_ID]).toString());
      Object.values(value).forEach(walk);
    };
    walk(history);
    return [...ids].sort();
  };

  it('finishes a course started under key A after the worker and the client switch to key B', async () => {
    const clientA = clientWith(beforeRotation);
    const now = Number(await env.currentTimeMs());
    const started = await startCourse(clientA, compressedCourse('ROT-001', now + HOUR, DAY), taskQueue);
    const workerA = await workerWith(beforeRotation, false);
    // Under A: the start, the first timers and notices, cycle 1's plan in formulation, until the course waits for its scrutiny decision.
    await workerA.runUntil(async () => {
      await planCycle(env, started, 1);
      await skipUntil(env, started, (s) => ['Scrutiny', 'RequestSurvey'].includes(s.phase), 6 * HOUR);
    });

    const clientB = clientWith(afterRotation);
    const handle = clientB.workflow.getHandle<typeof courseLifecycle>(courseWorkflowId('ROT-001'));
    const workerB = await workerWith(afterRotation, true);
    const result = await workerB.runUntil(async () => {
      for (const cycle of [1, 2, 3] as const) await driveHeldCycle(env, handle, cycle, cycle === 1);
      return handle.result();
    });
    expect(result.outcomes.map((o) => [o.cycle, o.phase])).toEqual([
      [1, 'Completed'],
      [2, 'Completed'],
      [3, 'Completed'],
    ]);

    // One run holds both keys: A from before the switch, B from worker B's decisions and notices.
    const firstRun = await clientB.workflow
      .getHandle(courseWorkflowId('ROT-001'), started.firstExecutionRunId)
      .fetchHistory();
    expect(keyIdOf(await startInput(clientB, started.firstExecutionRunId))).toBe('kccp-a');
    expect(keyIdsIn(firstRun)).toEqual(['kccp-a', 'kccp-b']);
    const lastRunId = (await handle.describe()).runId;
    expect(lastRunId).not.toBe(started.firstExecutionRunId);
    expect(keyIdOf(await startInput(clientB, lastRunId))).toBe('kccp-b');
  }, 300_000);

  it('refuses, naming the key, a run written under B to a ring rolled back to A only', async () => {
    const clientB = clientWith(afterRotation);
    const describe = await clientB.workflow.getHandle(courseWorkflowId('ROT-001')).describe();
    const history = await clientB.workflow.getHandle(courseWorkflowId('ROT-001'), describe.runId).fetchHistory();
    const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]! as Payload;
    // Each run's input is opened by a ring that holds its key, and refused by one that does not.
    await expect(new EncryptionCodec(afterRotation).decode([input])).resolves.toHaveLength(1);
    await expect(new EncryptionCodec(beforeRotation).decode([input])).rejects.toThrow(
      /key "kccp-b", an unknown key id for this key ring/,
    );
  });

  it('a worker whose ring dropped key A cannot read what A wrote, and says which key it lacks', async () => {
    const clientA = clientWith(beforeRotation);
    const now = Number(await env.currentTimeMs());
    const started = await startCourse(clientA, compressedCourse('ROT-001-A', now + HOUR, DAY), `${taskQueue}-unused`);
    const history = await started.fetchHistory();
    const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]! as Payload;
    await expect(new EncryptionCodec(withoutA).decode([input])).rejects.toThrow(
      /key "kccp-a", an unknown key id for this key ring/,
    );
    await started.terminate('test done');
  });
});
