/**
 * Someone with Temporal access sends a course a 3 MB update (issue 13,
 * finding 6). Admitted, it would reach the worker, the validator would refuse
 * it, and the SDK's rejection, which carries the request back, would exceed
 * the 2 MiB payload limit: the worker fails the workflow task (TMPRL1103
 * PayloadsTooLarge), a WorkflowTaskFailed lands in the course's history, and
 * the course answers no query and no decision for seconds, for as long as
 * such updates keep coming. Every server we start or ship refuses an update
 * over 1 MiB at admission (history.maxInFlightUpdatePayloads,
 * worker/server-config.ts), so no worker ever sees it.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DECISION_MAX_BYTES } from '../../domain/decision-budget';
import { courseWorkflowId } from '../../domain/reference';
import { encryptingDataConverter } from '../../security/codec';
import { keyRingFromEnv } from '../../security/keys';
import { COURSE_WORKFLOWS_PATH, createCourseWorker } from '../../worker/bootstrap';
import { devServerArgs } from '../../worker/dev-server';
import { UPDATE_PAYLOADS_IN_FLIGHT_MAX_BYTES, dynamicConfigFlags } from '../../worker/server-config';
import { decisionUpdates } from '../../workflows/messages';
import { compressedCourse, DAY, decision } from '../fixtures/courses';
import { record, startCourse, status } from '../support/course-harness';
import { createRecordingActivities } from '../support/recording-activities';
import { bundleWorkflowCodeOnce, startDevServer } from '../support/temporal';
import { waitFor } from '../support/wait-for';

const KEY = Buffer.alloc(32, 0x5a).toString('base64');
const MiB = 1024 * 1024;
/** The server's refusal at admission, before any worker sees the update. */
const REFUSED_BY_SERVER = /RESOURCE_EXHAUSTED: limit on total payload size of in-flight updates has been reached/;
/** Updates a workflow may have in flight (history.maxInFlightUpdates' default). */
const MAX_IN_FLIGHT_UPDATES = 10;

const failureText = (error: Error) =>
  `${error.name}: ${(error as { cause?: Error }).cause?.message ?? ''} ${error.message}`;

describe('a 3 MB update sent to a running course', () => {
  it('is refused by every server we start: npm start and the tests pass the same limit, between the decision budget and the blob limit', () => {
    const args = devServerArgs({
      settings: { address: '127.0.0.1:7233', namespace: 'default' },
      uiPort: 8233,
      dbFile: '/tmp/kccp.db',
    });
    expect(args.join(' ')).toContain(dynamicConfigFlags().join(' '));
    expect(dynamicConfigFlags()).toEqual([
      '--dynamic-config-value',
      `history.maxInFlightUpdatePayloads=${UPDATE_PAYLOADS_IN_FLIGHT_MAX_BYTES}`,
    ]);
    // Room for every genuine decision the server may hold at once, with a generous envelope each…
    expect(UPDATE_PAYLOADS_IN_FLIGHT_MAX_BYTES).toBeGreaterThan(
      MAX_IN_FLIGHT_UPDATES * (DECISION_MAX_BYTES + 8 * 1024),
    );
    // …and far enough under the 2 MiB blob limit that no rejection echoing an admitted update reaches it.
    expect(UPDATE_PAYLOADS_IN_FLIGHT_MAX_BYTES).toBeLessThanOrEqual(MiB);
  });

  describe('on a real dev server', () => {
    let env: TestWorkflowEnvironment;
    let worker: Worker;
    let running: Promise<void>;
    let staff: Client;
    let intruder: Client;
    let intruderConnection: Connection;
    const taskQueue = `oversized-${randomUUID()}`;

    beforeAll(async () => {
      env = await startDevServer();
      const ring = keyRingFromEnv({ KCCP_CODEC_KEYS: `kccp-main:${KEY}` })!.ring;
      staff = new Client({
        connection: env.connection,
        namespace: env.namespace ?? 'default',
        dataConverter: encryptingDataConverter(ring),
      });
      // The intruder's client: no codec, and no automatic retry, so each refusal is seen as it comes.
      intruderConnection = await Connection.connect({ address: env.address, interceptors: [] });
      intruder = new Client({ connection: intruderConnection, namespace: env.namespace ?? 'default' });
      worker = await createCourseWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        activities: createRecordingActivities(),
        workflowBundle: await bundleWorkflowCodeOnce(COURSE_WORKFLOWS_PATH),
        dataConverter: encryptingDataConverter(ring, { standIn: true }),
      });
      running = worker.run();
    });

    afterAll(async () => {
      worker?.shutdown();
      await running;
      await intruderConnection?.close();
      await env?.teardown();
    });

    const courseInScrutiny = async (code: string) => {
      const handle = await startCourse(staff, compressedCourse(code, Date.now() - 1.5 * DAY, DAY), taskQueue);
      await waitFor(async () => (await status(handle)).phase === 'Scrutiny', { description: `${code} in scrutiny` });
      return handle;
    };

    const oversized = (label: string) =>
      decision('scrutiny', { result: 'fail', reasons: ['x'.repeat(3_000_000)], idempotencyKey: `oversized-${label}` });

    /** History events that record an update: admitted, accepted, rejected or completed. */
    const updateEvents = (events: temporal.api.history.v1.IHistoryEvent[]) =>
      events.filter(
        (e) =>
          e.workflowExecutionUpdateAdmittedEventAttributes ||
          e.workflowExecutionUpdateAcceptedEventAttributes ||
          e.workflowExecutionUpdateRejectedEventAttributes ||
          e.workflowExecutionUpdateCompletedEventAttributes,
      );

    const failedTasks = async (handle: Awaited<ReturnType<typeof courseInScrutiny>>) =>
      ((await handle.fetchHistory()).events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);

    it('is refused by the server before any worker sees it: the course answers the next query and takes the genuine decision at once, and nothing is written', async () => {
      const handle = await courseInScrutiny('SEC-HUGE-01');
      const historyBefore = (await handle.fetchHistory()).events!.length;

      const sent = Date.now();
      const answer = await intruder.workflow
        .getHandle(courseWorkflowId('SEC-HUGE-01'))
        .executeUpdate(decisionUpdates.scrutiny, { args: [oversized('01')] })
        .then(() => 'accepted', failureText);
      const refusedMs = Date.now() - sent;
      expect(answer).toMatch(REFUSED_BY_SERVER);

      // Right after: the query is answered (during the hole it failed with "Failed to query Workflow")…
      const queried = Date.now();
      expect((await status(handle)).phase).toBe('Scrutiny');
      const queryMs = Date.now() - queried;
      // …nothing was written, no workflow task failed…
      // (The course's own first task may still be landing: its events are no concern.)
      expect(updateEvents((await handle.fetchHistory()).events!.slice(historyBefore))).toEqual([]);
      expect(await failedTasks(handle)).toEqual([]);
      // …and the genuine decision is taken.
      const decided = Date.now();
      const genuine = decision('scrutiny', { result: 'pass', reasons: ['Japanese expertise'] });
      expect(await record(handle, 'scrutiny', genuine)).toMatchObject({ accepted: true, duplicate: false });
      const decisionMs = Date.now() - decided;
      const after = await status(handle);
      expect(after.cycles[0]!.decisions.map((d) => d.idempotencyKey)).toEqual([genuine.idempotencyKey]);
      expect(await failedTasks(handle)).toEqual([]);
      const history = await handle.fetchHistory();
      expect(updateEvents(history.events!)).toHaveLength(2);
      const historyBytes = Buffer.byteLength(JSON.stringify(history));
      expect(historyBytes).toBeLessThan(DECISION_MAX_BYTES * 4);
      console.log(
        `3 MB update refused by the server in ${refusedMs} ms; next query ${queryMs} ms, genuine decision ${decisionMs} ms; 0 failed workflow tasks; history ${historyBytes} bytes`,
      );
    });

    it('keeps the course answering while an intruder keeps sending them', async () => {
      const handle = await courseInScrutiny('SEC-HUGE-02');
      const intruderHandle = intruder.workflow.getHandle(courseWorkflowId('SEC-HUGE-02'));

      // Eight oversized updates back to back, each answered by the server; the staff query after every one.
      const answers: string[] = [];
      const queryMs: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        answers.push(
          await intruderHandle
            .executeUpdate(decisionUpdates.scrutiny, { args: [oversized(`02-${i}`)] })
            .then(() => 'accepted', failureText),
        );
        const queried = Date.now();
        expect((await status(handle)).phase).toBe('Scrutiny');
        queryMs.push(Date.now() - queried);
      }
      expect(answers.filter((a) => !REFUSED_BY_SERVER.test(a))).toEqual([]);

      // Four at once with a genuine decision among them: the decision is taken, the four refused.
      const burst = Array.from({ length: 4 }, (_, i) =>
        intruderHandle
          .executeUpdate(decisionUpdates.scrutiny, { args: [oversized(`02-burst-${i}`)] })
          .then(() => 'accepted', failureText),
      );
      const genuine = decision('scrutiny', { result: 'pass', reasons: ['Japanese expertise'] });
      const [answer, ...refused] = await Promise.all([record(handle, 'scrutiny', genuine), ...burst]);
      expect(answer).toMatchObject({ accepted: true });
      expect(refused.filter((a) => !REFUSED_BY_SERVER.test(a))).toEqual([]);

      expect(await failedTasks(handle)).toEqual([]);
      const events = (await handle.fetchHistory()).events!;
      // The genuine decision is the only update in history, and no oversized payload is.
      expect(updateEvents(events)).toHaveLength(2);
      expect(Buffer.byteLength(JSON.stringify(events))).toBeLessThan(DECISION_MAX_BYTES * 4);
      console.log(
        `12 oversized updates refused by the server; staff queries between them ${Math.min(...queryMs)}–${Math.max(...queryMs)} ms; genuine decision taken amid 4 at once; 0 failed workflow tasks`,
      );
    });
  });
});
