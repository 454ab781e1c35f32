/**
 * Malformed decisions sent to a real course workflow on a real server, a few
 * hundred of them (the 10,000-case fuzzing of the same validator logic runs
 * without a server in fuzz-schemas.test.ts): every update is refused by the
 * validator with a reason naming a field or rule and leaves no trace in
 * history; every signal is recorded as a rejection; no workflow task fails;
 * the course's status is what it was. A 1 MB field is refused like any other;
 * a 3 MB update is refused by the server before any worker sees it
 * (worker/server-config.ts), and the course answers at once.
 *
 * FAULTS_BAD_UPDATES (300), FAULTS_BAD_SIGNALS (150), FAULTS_SEED.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import fc from 'fast-check';
import { courseWorkflowId } from '../domain/reference';
import type { DecisionKind } from '../domain/decisions';
import type { CourseStatus } from '../domain/lifecycle';
import { createRecordingActivities } from '../test/support/recording-activities';
import { createTestWorker, startDevServer } from '../test/support/temporal';
import { waitFor } from '../test/support/wait-for';
import { decisionSignals, decisionUpdates, statusQuery } from '../workflows/messages';
import { faultSeed, intFromEnv, recordFigures } from './support/figures';
import { CLEAR_REJECTION, KINDS, malformedDecision, VALID } from './support/malformed';
import { decideReliably, startFaultCourse, type FaultCourse } from './support/scenario';

const UPDATES = intFromEnv('FAULTS_BAD_UPDATES', 300);
const SIGNALS = intFromEnv('FAULTS_BAD_SIGNALS', 150);

/** What a decision may change, without the rejections list signals add to. */
const decisionState = (s: CourseStatus) =>
  JSON.stringify({
    phase: s.phase,
    outcomes: s.outcomes,
    cycles: s.cycles.map((c) => ({ ...c, waitingFor: undefined, openWindows: undefined })),
  });

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

describe('malformed decisions sent to a running course', () => {
  let env: TestWorkflowEnvironment | undefined;
  afterAll(async () => {
    await env?.teardown();
  });

  it(`refuses ${UPDATES} malformed updates and records ${SIGNALS} malformed signals, with no failed task and no change to the course, and a 3 MB update refused by the server with the course answering at once`, async () => {
    const began = Date.now();
    const seed = faultSeed('malformed decisions to a workflow');
    env = await startDevServer();
    const taskQueue = `bad-input-${randomUUID()}`;
    const worker = await createTestWorker(env, { taskQueue, activities: createRecordingActivities() });
    await worker.runUntil(async () => {
      const client = env!.client;
      const course: FaultCourse = { code: 'BAD-INPUT-01', start: Date.now(), windowMs: 120_000, taskQueue };
      await startFaultCourse(client, course);
      const handle = client.workflow.getHandle(courseWorkflowId(course.code));
      await decideReliably(
        client,
        course.code,
        'scrutiny',
        {
          actor: 'tanaka@jica.example',
          idempotencyKey: 'bad-input-scrutiny',
          kind: 'scrutiny',
          result: 'pass',
          reasons: ['ok'],
        } as never,
        Date.now() + 60_000,
      );
      // The course invites its five governments to the survey it was created in (issue 16): let that
      // fan-out finish, so that only the malformed input could add to the history from here on.
      await waitFor(
        async () => {
          const s = await handle.query(statusQuery);
          const pending = (await handle.describe()).raw.pendingActivities ?? [];
          return s.cycles[0]?.noticesSent['survey-invitation'] === 5 && pending.length === 0 ? true : undefined;
        },
        { timeoutMs: 60_000, description: 'the survey invitations sent' },
      );
      const before = await handle.query(statusQuery);
      const historyBefore = (await handle.fetchHistory()).events?.length ?? 0;

      // Malformed, out of phase (Scrutiny now), or sent under the wrong decision name.
      const updates = fc.sample(
        fc.oneof(
          malformedDecision.map((m) => ({ kind: m.kind, raw: m.input as unknown })),
          fc
            .constantFrom<DecisionKind>('mofaDetermination', 'nominations', 'selection', 'implementationReport')
            .map((kind) => ({ kind, raw: VALID[kind] as unknown })),
          fc.tuple(fc.constantFrom(...KINDS), fc.anything({ maxDepth: 2 })).map(([kind, raw]) => ({ kind, raw })),
        ),
        { seed, numRuns: UPDATES },
      );
      const unclear: string[] = [];
      await inBatches(updates, 10, async ({ kind, raw }) => {
        try {
          await handle.executeUpdate(decisionUpdates[kind] as never, { args: [raw] as never });
          unclear.push(`${kind} accepted: ${JSON.stringify(raw).slice(0, 200)}`);
        } catch (error) {
          const reason = (error as { cause?: Error }).cause?.message ?? String(error);
          if (!CLEAR_REJECTION.test(reason)) unclear.push(`${kind}: ${reason}`);
        }
      });
      expect(unclear).toEqual([]);
      // A refused update is never written to history.
      expect((await handle.fetchHistory()).events?.length ?? 0).toBe(historyBefore);

      const signals = fc.sample(malformedDecision, { seed: seed + 1, numRuns: SIGNALS });
      await inBatches(signals, 20, async (m) => {
        await handle.signal(decisionSignals[m.kind] as never, m.input as never);
      });
      const after = await waitFor(
        async () => {
          const s = await handle.query(statusQuery);
          const history = await handle.fetchHistory();
          const handled = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).length;
          return handled === SIGNALS && s.rejections.length === Math.min(SIGNALS, 20) ? s : undefined;
        },
        { timeoutMs: 60_000, description: 'every signal handled' },
      );
      expect(after.rejections.every((r) => r.via === 'signal' && CLEAR_REJECTION.test(r.reason))).toBe(true);
      expect(decisionState(after)).toBe(decisionState(before));

      const failedTasksOf = async () =>
        ((await handle.fetchHistory()).events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).length;
      expect(await failedTasksOf()).toBe(0);

      // Oversized: a 1 MB reason is refused by the validator's byte budget, before any schema runs.
      const huge = (size: number) => ({
        ...VALID.scrutiny,
        idempotencyKey: `bad-input-huge-${size}`,
        reasons: ['x'.repeat(size)],
      });
      await expect(
        handle.executeUpdate(decisionUpdates.scrutiny as never, { args: [huge(1_000_000)] as never }),
      ).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/^too large: a decision is at most 65536 bytes of JSON/) },
      });
      expect(await failedTasksOf()).toBe(0);
      // 3 MB: every server we start refuses it at admission (history.maxInFlightUpdatePayloads,
      // worker/server-config.ts), before any worker sees it. Admitted, it failed the course's workflow
      // tasks: the validator's rejection echoed it past the 2 MiB payload limit (PayloadsTooLarge).
      // Sent without the client's automatic retries, so the server's answer is what comes back.
      const noRetry = await Connection.connect({ address: env!.address, interceptors: [] });
      const oversized = await new Client({ connection: noRetry, namespace: env!.namespace ?? 'default' }).workflow
        .getHandle(courseWorkflowId(course.code))
        .executeUpdate(decisionUpdates.scrutiny as never, { args: [huge(3_000_000)] as never })
        .then(
          () => 'accepted',
          (error: Error) => `${error.name}: ${(error as { cause?: Error }).cause?.message ?? error.message}`,
        )
        .finally(() => noRetry.close());
      expect(oversized).toMatch(
        /RESOURCE_EXHAUSTED: limit on total payload size of in-flight updates has been reached/,
      );
      // The course answers at once: a query, and an update refused by the validator with a clear reason.
      await handle.query(statusQuery);
      const answered = await handle
        .executeUpdate(decisionUpdates.scrutiny as never, { args: [{ ...VALID.scrutiny, reasons: [] }] as never })
        .then(
          () => 'accepted',
          (error: Error) => (error as { cause?: Error }).cause?.message ?? '',
        );
      expect(answered).toMatch(CLEAR_REJECTION);
      expect(await failedTasksOf()).toBe(0);
      console.log(
        `a 3 MB update: ${oversized.slice(0, 160)}; no workflow task failed, and the course answered at once`,
      );

      const history = await handle.fetchHistory();
      const historyBytes = Buffer.byteLength(JSON.stringify(history));
      expect(decisionState(await handle.query(statusQuery))).toBe(decisionState(before));
      expect((await handle.describe()).status.name).toBe('RUNNING');
      console.log(
        `${UPDATES} updates refused, ${SIGNALS} signals recorded as rejections; history ${history.events?.length} events, ${historyBytes} bytes`,
      );

      recordFigures({
        test: 'malformed updates and signals to a workflow',
        faults: UPDATES + SIGNALS + 2,
        courses: 1,
        completed: 0,
        notices: 0,
        duplicates: 0,
        lost: 0,
        failedWorkflows: 0,
        seconds: Math.round((Date.now() - began) / 1000),
        note: `history ${Math.round(historyBytes / 1024)} KiB after ${SIGNALS} bad signals (updates leave none); a 3 MB update refused by the server, no workflow task failed`,
      });
    });
  });
});
