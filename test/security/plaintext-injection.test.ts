/**
 * Someone with Temporal access but no codec key writes plaintext into a
 * course: a decision signal, a decision update, a whole course. The worker,
 * which holds the ring, refuses every one of them by the rule, and keeps
 * serving the genuine courses beside them.
 */
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { courseWorkflowId } from '../../domain/reference';
import { encryptingDataConverter } from '../../security/codec';
import { keyRingFromEnv } from '../../security/keys';
import { COURSE_WORKFLOWS_PATH, createCourseWorker } from '../../worker/bootstrap';
import { decisionSignals } from '../../workflows/messages';
import { compressedCourse, DAY, decision } from '../fixtures/courses';
import { record, startCourse, status } from '../support/course-harness';
import { createRecordingActivities } from '../support/recording-activities';
import { bundleWorkflowCodeOnce, startDevServer } from '../support/temporal';
import { waitFor } from '../support/wait-for';

const KEY = Buffer.alloc(32, 0x3c).toString('base64');
const RULE = /refused an unencrypted payload: with a codec key ring configured, every payload must be encrypted/;

describe('plaintext written by someone without the codec keys', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let staff: Client;
  let intruder: Client;
  const taskQueue = `plaintext-${randomUUID()}`;

  beforeAll(async () => {
    env = await startDevServer();
    const ring = keyRingFromEnv({ KCCP_CODEC_KEYS: `kccp-main:${KEY}` })!.ring;
    const dataConverter = encryptingDataConverter(ring);
    staff = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter });
    // The intruder's client: the same server, no codec.
    intruder = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
    worker = await createCourseWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: createRecordingActivities(),
      workflowBundle: await bundleWorkflowCodeOnce(COURSE_WORKFLOWS_PATH),
      // The worker's codec, as npm start builds it: a refused payload reaches the workflow as a refusal.
      dataConverter: encryptingDataConverter(ring, { standIn: true }),
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  /** A course of the staff's in its scrutiny window, waiting for the decision. */
  const courseInScrutiny = async (code: string) => {
    const handle = await startCourse(staff, compressedCourse(code, Date.now() - 1.5 * DAY, DAY), taskQueue);
    await waitFor(async () => (await status(handle)).phase === 'Scrutiny', { description: `${code} in scrutiny` });
    return handle;
  };

  /** The failure message of the first workflow task that failed after `afterEventId`. */
  const taskFailureAfter = (workflowId: string, afterEventId = 0) =>
    waitFor(
      async () => {
        const { events } = await staff.workflow.getHandle(workflowId).fetchHistory();
        const failed = events!.find(
          (e) => Number(e.eventId) > afterEventId && e.workflowTaskFailedEventAttributes?.failure,
        );
        return failed?.workflowTaskFailedEventAttributes!.failure!.message ?? undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, description: `a failed workflow task in ${workflowId}` },
    );

  it('refuses a plaintext decision signal: recorded as refused with the rule, never applied, and the course goes on', async () => {
    const handle = await courseInScrutiny('SEC-PLAIN-01');
    const injected = decision('scrutiny', { result: 'pass', reasons: ['injected'] });
    await intruder.workflow.getHandle(courseWorkflowId('SEC-PLAIN-01')).signal(decisionSignals.scrutiny, injected);

    const refused = await waitFor(
      async () => {
        const s = await status(handle);
        return s.rejections.length > 0 ? s : undefined;
      },
      { description: 'the injected signal recorded as refused' },
    );
    expect(refused.rejections[0]!.reason).toMatch(RULE);
    expect(refused.phase).toBe('Scrutiny');
    expect(refused.cycles[0]!.decisions.map((d) => d.idempotencyKey)).not.toContain(injected.idempotencyKey);
    // No workflow task failed: the course is not wedged, and the genuine decision goes through at once.
    const { events } = await handle.fetchHistory();
    expect(events!.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
    const genuine = decision('scrutiny', { result: 'pass', reasons: ['ok'] });
    expect(await record(handle, 'scrutiny', genuine)).toMatchObject({ accepted: true });
  });

  it('refuses a plaintext decision update with the rule, and the genuine, encrypted decision goes through at once', async () => {
    const handle = await courseInScrutiny('SEC-PLAIN-02');
    const forged = decision('scrutiny', { result: 'fail', reasons: ['injected'] });
    const injected = await intruder.workflow
      .getHandle(courseWorkflowId('SEC-PLAIN-02'))
      .executeUpdate('scrutiny', { args: [forged] })
      .then(
        () => 'accepted',
        (error: Error) => `${error.message} ${String((error as { cause?: Error }).cause?.message ?? '')}`,
      );
    // Refused by the validator, with the rule: nothing written, no workflow task failed.
    expect(injected).toMatch(RULE);
    expect((await handle.fetchHistory()).events!.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);

    const genuine = decision('scrutiny', { result: 'pass', reasons: ['ok'] });
    expect(await record(handle, 'scrutiny', genuine)).toMatchObject({ accepted: true });
    const recorded = (await status(handle)).cycles[0]!.decisions.map((d) => d.idempotencyKey);
    expect(recorded).toContain(genuine.idempotencyKey);
    expect(recorded).not.toContain(forged.idempotencyKey);
  });

  it('refuses a course started in plaintext before its first step', async () => {
    const input = compressedCourse('SEC-PLAIN-03', Date.now() + DAY, DAY);
    await startCourse(intruder, input, taskQueue);
    expect(await taskFailureAfter(courseWorkflowId('SEC-PLAIN-03'))).toMatch(RULE);
    const { events } = await staff.workflow.getHandle(courseWorkflowId('SEC-PLAIN-03')).fetchHistory();
    expect(events!.some((e) => e.workflowTaskCompletedEventAttributes)).toBe(false);
  });
});
