/**
 * The course record against someone with Temporal access but no keys, and
 * against a roster that changes (issue 13, findings 2, 3, 4 and 6): each
 * attack is made on the time-skipping server, through the codec production
 * uses, and shown refused with the course as it was.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { TimeSkippingClient } from '@temporalio/testing/lib/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { courseWorkflowId } from '../../domain/reference';
import { encryptingDataConverter } from '../../security/codec';
import { keyRingFromEnv } from '../../security/keys';
import { COURSE_WORKFLOWS_PATH, createCourseWorker } from '../../worker/bootstrap';
import { decisionSignals, decisionUpdates, staffKeysChangedSignal, statusQuery } from '../../workflows/messages';
import type { courseLifecycle } from '../../workflows/course-lifecycle';
import { compressedCourse, DAY, decision } from '../fixtures/courses';
import { skipUntil, startCourse } from '../support/course-harness';
import { createRecordingActivities, type RecordingActivities } from '../support/recording-activities';
import { bundleWorkflowCodeOnce, startTimeSkipping } from '../support/temporal';
import { staffMember } from '../support/staff';
import { waitFor } from '../support/wait-for';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ring = keyRingFromEnv({ KCCP_CODEC_KEYS: `integrity:${Buffer.alloc(32, 0x13).toString('base64')}` })!.ring;

const reason = (err: unknown) => String((err as { cause?: Error }).cause?.message ?? (err as Error).message);

describe('integrity of the course record', () => {
  let env: TestWorkflowEnvironment;
  let staffClient: Client;
  let activities: RecordingActivities;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const taskQueue = `integrity-${randomUUID()}`;
  const officer = staffMember('sato-2027', 'sato@jica.example', 'course-officer');
  const secretariat = staffMember('kudo-2027', 'kudo@jica.example', 'scrutiny-secretariat');

  /** A worker with the codec; a fresh one (no cache) replays each course from its history, as after a restart. */
  async function startWorker(): Promise<void> {
    worker = await createCourseWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities,
      workflowBundle: await bundleWorkflowCodeOnce(COURSE_WORKFLOWS_PATH),
      dataConverter: encryptingDataConverter(ring),
      // No sticky queue: the time-skipping server would hold the next task for a stopped worker.
      extra: { maxCachedWorkflows: 0 },
    });
    running = worker.run();
  }
  async function stopWorker(): Promise<void> {
    worker?.shutdown();
    await running;
    worker = undefined;
  }

  beforeAll(async () => {
    env = await startTimeSkipping();
    staffClient = new TimeSkippingClient({
      connection: env.connection,
      namespace: env.namespace ?? 'default',
      dataConverter: encryptingDataConverter(ring),
    });
    activities = createRecordingActivities();
    activities.staffKeys = { enforce: true, keys: [officer.key, secretariat.key] };
    await startWorker();
  });

  afterAll(async () => {
    await stopWorker();
    await env?.teardown();
  });

  const now = async () => Number(await env.currentTimeMs());
  const handleOf = (code: string) => staffClient.workflow.getHandle<typeof courseLifecycle>(courseWorkflowId(code));
  const statusOf = (code: string) => handleOf(code).query(statusQuery);
  const start = async (code: string) =>
    startCourse(staffClient, compressedCourse(code, (await now()) + HOUR, DAY), taskQueue);
  /** The course officer's signed plan, recorded in formulation as the program rules require; then on to scrutiny. */
  const plannedToScrutiny = async (code: string, handle: Awaited<ReturnType<typeof start>>) => {
    await skipUntil(env, handle, (s) => s.phase === 'Formulation', 6 * HOUR);
    const plan = decision('plan', {
      summary: 'Field practice and study visits',
      materialChange: false,
      actor: 'sato@jica.example',
    });
    await handle.executeUpdate(decisionUpdates.plan, { args: [officer.sign(code, plan, await now())] });
    await skipUntil(env, handle, (s) => s.phase === 'Scrutiny', 6 * HOUR);
  };

  it('a signed cancellation of cycle 1, copied encrypted from its history by a keyless client, changes nothing in cycle 2', async () => {
    const handle = await start('INTEG-REPLAY-01');
    await skipUntil(env, handle, (s) => s.phase === 'Formulation', 6 * HOUR);
    const cancel = officer.sign(
      'INTEG-REPLAY-01',
      decision('cycleCancellation', { reason: 'travel ban', actor: 'sato@jica.example' }),
      await now(),
    );
    await handle.executeUpdate(decisionUpdates.cycleCancellation, { args: [cancel] });
    // Polled, not skipped to: the update reloads the (stale) roster, one activity, then the run continues as
    // new, and moving the time-skipping server's clock across that shape can wedge it (a test-server bug).
    const cycle2 = await waitFor(
      async () => {
        const s = await statusOf('INTEG-REPLAY-01');
        return s.cycle === 2 && s.cycles[0]?.cycle === 2 ? s : undefined;
      },
      { timeoutMs: 60_000, description: 'cycle 2 running in the continued run' },
    );
    const notices = activities.notices.length;

    // The attacker: Temporal access, no codec key. The update's input, as the first run's history holds it.
    const firstRun = await env.client.workflow.getHandle(
      courseWorkflowId('INTEG-REPLAY-01'),
      handle.firstExecutionRunId,
    );
    const accepted = (await firstRun.fetchHistory()).events!.find(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
    )!.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads![0]! as Payload;
    expect(Buffer.from(accepted.metadata!.encoding!).toString()).toBe('binary/encrypted');
    const replay = async () =>
      env.client.workflowService.signalWorkflowExecution({
        namespace: env.namespace ?? 'default',
        workflowExecution: { workflowId: courseWorkflowId('INTEG-REPLAY-01') },
        signalName: decisionSignals.cycleCancellation.name,
        input: { payloads: [accepted] },
        identity: 'attacker',
      });

    // At once (a fresh signature): its key is kept from the ended cycle, so it is the old decision, not news.
    await replay();
    // A day later (a stale signature, and cycle 2 has begun its planning).
    await env.sleep(DAY);
    await replay();
    await waitFor(async () => (await statusOf('INTEG-REPLAY-01')).rejections.length >= 1, {
      description: 'the stale replay recorded as rejected',
    });
    const after = await statusOf('INTEG-REPLAY-01');
    // The first copy is a duplicate of the ended cycle's decision (or already stale); the second is stale.
    expect(after.rejections.length).toBeGreaterThanOrEqual(1);
    for (const r of after.rejections) expect(r.reason).toMatch(/^unauthorized: the signature is older/);
    expect(after.cycles.map((c) => [c.cycle, c.phase])).not.toContainEqual([2, 'Cancelled']);
    expect(after.cycles[0]).toMatchObject({ cycle: 2 });
    expect(after.cycles[0]!.decisions).toEqual(cycle2.cycles[0]!.decisions);
    expect(after.outcomes.map((o) => [o.cycle, o.phase])).toEqual([[1, 'Cancelled']]);
    expect(activities.notices.length).toBe(notices);
  });

  it('a key revoked while no worker runs is refused after the restart; a hand edit is caught within 10 minutes', async () => {
    const handle = await start('INTEG-REVOKE-01');
    await plannedToScrutiny('INTEG-REVOKE-01', handle);

    await stopWorker();
    // `kccp staff-key revoke`: the key leaves the file, and every running course is told.
    activities.staffKeys = { enforce: true, keys: [officer.key] };
    await handleOf('INTEG-REVOKE-01').signal(staffKeysChangedSignal);
    await startWorker();
    const scrutiny = decision('scrutiny', { result: 'pass', reasons: ['ok'], actor: 'kudo@jica.example' });
    const refused = await handle
      .executeUpdate(decisionUpdates.scrutiny, { args: [secretariat.sign('INTEG-REVOKE-01', scrutiny, await now())] })
      .then(() => 'accepted', reason);
    expect(refused).toMatch(/^unauthorized: signing key kudo-2027 is not on the staff roster/);

    // A hand edit, no broadcast: the key is back in the file, and the course sees it once its roster is stale.
    activities.staffKeys = { enforce: true, keys: [officer.key, secretariat.key] };
    await env.sleep(11 * MINUTE);
    const answer = await handle.executeUpdate(decisionUpdates.scrutiny, {
      args: [secretariat.sign('INTEG-REVOKE-01', { ...scrutiny, idempotencyKey: 'scrutiny-after-edit' }, await now())],
    });
    expect(answer).toMatchObject({ accepted: true });
    await handle.terminate('test over');
  });

  it('a worker without a roster does not switch signature checks off for a course that had them', async () => {
    const handle = await start('INTEG-ROSTERLESS-01');
    await plannedToScrutiny('INTEG-ROSTERLESS-01', handle);
    const reloads = async () =>
      (await handle.fetchHistory()).events!.filter(
        (e) => e.activityTaskCompletedEventAttributes && e.activityTaskCompletedEventAttributes.scheduledEventId,
      ).length;
    const before = await reloads();
    activities.staffKeys = { enforce: false, keys: [] };
    await handle.signal(staffKeysChangedSignal);
    await waitFor(async () => (await reloads()) > before, {
      description: 'the roster reloaded from a roster-less worker',
    });
    const unsigned = decision('scrutiny', { result: 'pass', reasons: ['ok'], cycle: 1 });
    const refused = await handle
      .executeUpdate(decisionUpdates.scrutiny, { args: [unsigned] })
      .then(() => 'accepted', reason);
    expect(refused).toMatch(/^unauthorized: the decision carries no valid signature/);
    expect((await statusOf('INTEG-ROSTERLESS-01')).phase).toBe('Scrutiny');
    activities.staffKeys = { enforce: true, keys: [officer.key, secretariat.key] };
    await handle.terminate('test over');
  });

  it('oversized and control-character decisions are refused before anything is written; 1.5 MB signals leave the course answering', async () => {
    const handle = await start('INTEG-SIZE-01');
    await plannedToScrutiny('INTEG-SIZE-01', handle);
    const accepted = async () =>
      (await handle.fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    const acceptedBefore = await accepted();
    const at = await now();
    const big = secretariat.sign(
      'INTEG-SIZE-01',
      decision('scrutiny', { result: 'pass', reasons: ['x'.repeat(70_000)], actor: 'kudo@jica.example' }),
      at,
    );
    expect(
      await handle.executeUpdate(decisionUpdates.scrutiny, { args: [big] }).then(() => 'accepted', reason),
    ).toMatch(/^too large: a decision is at most 65536 bytes of JSON/);
    const hidden = secretariat.sign(
      'INTEG-SIZE-01',
      decision('scrutiny', {
        result: 'pass',
        reasons: ['ok'],
        outsideExperts: ['Prof.\u202eotaS'],
        actor: 'kudo@jica.example',
      }),
      at,
    );
    expect(
      await handle.executeUpdate(decisionUpdates.scrutiny, { args: [hidden] }).then(() => 'accepted', reason),
    ).toMatch(/^invalid field: outsideExperts\.0: control characters are not allowed/);
    expect(await accepted()).toBe(acceptedBefore);

    // Signals are written before any code sees them: two of 1.5 MB each, with a 1.5 MB actor.
    for (const i of [1, 2]) {
      await handle.signal(decisionSignals.scrutiny, {
        ...decision('scrutiny', { result: 'pass', reasons: ['ok'] }),
        actor: 'm'.repeat(1_500_000),
        idempotencyKey: `oversized-signal-${i}`,
      });
    }
    const status = await waitFor(
      async () => {
        const s = await statusOf('INTEG-SIZE-01');
        return s.rejections.length === 2 ? s : undefined;
      },
      { description: 'both signals recorded as rejected' },
    );
    expect(status.rejections.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^too large/),
      expect.stringMatching(/^too large/),
    ]);
    expect(Math.max(...status.rejections.map((r) => (r.actor ?? '').length))).toBeLessThanOrEqual(121);
    // The course still takes a real decision and goes on to the next cycle across continue-as-new.
    const pass = secretariat.sign(
      'INTEG-SIZE-01',
      decision('scrutiny', { result: 'fail', reasons: ['no reason to hold it in Japan'], actor: 'kudo@jica.example' }),
      await now(),
    );
    await handle.executeUpdate(decisionUpdates.scrutiny, { args: [pass] });
    // Polled, not skipped to, for the reason given in the first test: the run continues as new at once.
    const next = await waitFor(
      async () => {
        const s = await statusOf('INTEG-SIZE-01');
        return s.cycle === 2 ? s : undefined;
      },
      { timeoutMs: 60_000, description: 'cycle 2 running in the continued run' },
    );
    expect(next.outcomes.map((o) => [o.cycle, o.phase])).toEqual([[1, 'NotHeld']]);
    expect(JSON.stringify(next).length).toBeLessThan(200_000);
    await handle.terminate('test over');
  });

  it('refuses a course whose target countries are not in the directory', async () => {
    const spec = compressedCourse('INTEG-COUNTRY-01', (await now()) + HOUR, DAY, { targetCountries: ['KE', 'QQ'] });
    const handle = await startCourse(staffClient, spec, taskQueue);
    const failure = await handle.result().then(() => 'completed', reason);
    expect(failure).toMatch(/targetCountries: QQ is not an eligible country/);
  });
});
