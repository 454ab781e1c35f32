import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { decisionSignals } from '../../workflows/messages';
import { compressedCourse, DAY, decision } from '../fixtures/courses';
import { driveHeldCycle, record, skipUntil, startCourse, status } from '../support/course-harness';
import { createRecordingActivities } from '../support/recording-activities';
import type { RecordingActivities } from '../support/recording-activities';
import { createTestWorker, startTimeSkipping } from '../support/temporal';
import { waitFor } from '../support/wait-for';

const HOUR = 3_600_000;

describe('course lifecycle workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let activities: RecordingActivities;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `courses-${randomUUID()}`;

  beforeAll(async () => {
    env = await startTimeSkipping();
    activities = createRecordingActivities();
    worker = await createTestWorker(env, {
      taskQueue,
      activities,
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  /** A course whose windows are a day apart, starting an hour from the server's now. */
  async function newCourse(code: string) {
    const now = Number(await env.currentTimeMs());
    return startCourse(env.client, compressedCourse(code, now + HOUR, DAY), taskQueue);
  }
  const phaseOf = (cycle: number) => (s: Awaited<ReturnType<typeof status>>) =>
    s.cycles.find((c) => c.cycle === cycle)?.phase;

  it('runs a course through all three cycles, with its notices, across continue-as-new', async () => {
    const handle = await newCourse('TS-FULL-001');
    const phases = [];
    phases.push(await driveHeldCycle(env, handle, 1, true));
    phases.push(await driveHeldCycle(env, handle, 2, false));
    phases.push(await driveHeldCycle(env, handle, 3, false));
    const result = await handle.result();

    const heldCycle = [
      'Scrutiny',
      'RequestSurvey',
      'MofaDetermination',
      'Nominations',
      'Selection',
      'PreArrival',
      'InJapan',
      'PostReturn',
      'Evaluation',
    ];
    expect(phases[0]).toEqual(heldCycle);
    expect(phases[1]).toEqual(heldCycle.slice(1)); // no material change: no scrutiny
    expect(phases[2]).toEqual(heldCycle.slice(1));
    expect(result.outcomes.map((o) => [o.cycle, o.phase, o.mofaApproved])).toEqual([
      [1, 'Completed', true],
      [2, 'Completed', true],
      [3, 'Completed', true],
    ]);
    expect(result.outcomes[1].evaluationFindings).toEqual(['Cycle 2: keep the field visits']);

    const mine = activities.notices.filter((n) => n.course === 'TS-FULL-001');
    for (const cycle of [1, 2, 3]) {
      const kinds = (kind: string) =>
        mine
          .filter((n) => n.cycle === cycle && n.kind === kind)
          .map((n) => n.country)
          .sort();
      expect(kinds('course-notification')).toEqual(['KE', 'PE', 'SN']);
      expect(kinds('general-information')).toEqual(['KE', 'PE', 'SN']);
      expect(kinds('nomination-acknowledgement')).toEqual(['KE', 'SN']);
      expect(kinds('selection-result')).toEqual(['KE', 'SN']);
    }
    expect(new Set(mine.map((n) => n.messageId)).size).toBe(mine.length);
    // Each cycle ran in its own run: the workflow continued as new at the cycle boundaries.
    const description = await handle.describe();
    expect(description.runId).not.toBe(handle.firstExecutionRunId);
  });

  it('does not hold a cycle whose scrutiny fails, tells the target countries, and moves on to the next cycle', async () => {
    const handle = await newCourse('TS-FAIL-001');
    await skipUntil(env, handle, (s) => s.phase === 'Scrutiny', 6 * HOUR);
    const answer = await record(
      handle,
      'scrutiny',
      decision('scrutiny', { result: 'fail', reasons: ['No reason to hold it in Japan'] }),
    );
    expect(answer).toMatchObject({ accepted: true, cycle: 1, phase: 'NotHeld' });
    const after = await skipUntil(env, handle, (s) => s.cycle === 2, 6 * HOUR);
    expect(after.outcomes[0]).toMatchObject({ cycle: 1, phase: 'NotHeld', notHeldReason: 'scrutiny-failed' });
    const told = activities.notices
      .filter((n) => n.course === 'TS-FAIL-001' && n.kind === 'cycle-not-held')
      .map((n) => n.country);
    expect(told.sort()).toEqual(['BD', 'KE', 'PE', 'SN', 'VN']);
    await waitFor(
      () => activities.reminders.find((r) => r.context.course.code === 'TS-FAIL-001' && r.subject === 'cycle-not-held'),
      {
        description: 'the course officer told that cycle 1 is not held',
      },
    );
  });

  it('does not hold a cycle when MOFA is undecided past its hard deadline, reminding the MOFA liaison first', async () => {
    const handle = await newCourse('TS-MOFA-001');
    await skipUntil(env, handle, (s) => s.phase === 'Scrutiny', 6 * HOUR);
    await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
    for (const country of ['KE', 'SN', 'PE'])
      await record(
        handle,
        'surveyResponse',
        decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 1 }),
      );
    const after = await skipUntil(env, handle, (s) => s.outcomes.length > 0, 6 * HOUR);
    expect(after.outcomes[0]).toMatchObject({ phase: 'NotHeld', notHeldReason: 'mofa-undecided' });
    const mofaReminders = activities.reminders.filter(
      (r) => r.context.course.code === 'TS-MOFA-001' && r.office === 'mofa-liaison',
    );
    expect(mofaReminders.map((r) => r.reminderKey)).toEqual([
      'mofa-determination-half',
      'mofa-determination-last-eighth',
    ]);
  });

  it('rejects a decision in the wrong phase with a clear reason and leaves the status unchanged', async () => {
    const handle = await newCourse('TS-REJ-001');
    const before = await skipUntil(env, handle, (s) => s.phase === 'Scrutiny', 6 * HOUR);
    const err = await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true })).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String(err.cause?.message ?? err.message)).toMatch(/MofaDetermination/);
    const bad = await record(
      handle,
      'surveyResponse',
      decision('surveyResponse', { country: 'XX', wantsToParticipate: true, expectedParticipants: 1 }),
    ).catch((e) => e);
    expect(String(bad.cause?.message ?? bad.message)).toMatch(/^unknown country: XX/);
    const after = await status(handle);
    expect({ ...after, asOf: before.asOf }).toEqual(before);
  });

  it('counts the same decision twice once', async () => {
    const handle = await newCourse('TS-DUP-001');
    await skipUntil(env, handle, (s) => s.phase === 'Scrutiny', 6 * HOUR);
    const once = decision('surveyResponse', { country: 'KE', wantsToParticipate: true, expectedParticipants: 3 });
    expect(await record(handle, 'surveyResponse', once)).toMatchObject({ accepted: true, duplicate: false });
    expect(await record(handle, 'surveyResponse', once)).toMatchObject({ accepted: true, duplicate: true });
    const s = await status(handle);
    expect(s.cycles[0].surveyTally).toMatchObject({ responses: 1, requesting: ['KE'], expectedParticipants: 3 });
    expect(s.cycles[0].decisions.filter((d) => d.kind === 'surveyResponse')).toHaveLength(1);
  });

  it('records an invalid signal as rejected without failing the workflow', async () => {
    const handle = await newCourse('TS-SIG-001');
    await skipUntil(env, handle, (s) => s.phase === 'Scrutiny', 6 * HOUR);
    await handle.signal(decisionSignals.scrutiny, {
      kind: 'scrutiny',
      actor: 'x',
      idempotencyKey: 'short',
      result: 'maybe',
    } as never);
    await handle.signal(
      decisionSignals.surveyResponse,
      decision('surveyResponse', { country: 'SN', wantsToParticipate: true, expectedParticipants: 1 }),
    );
    const s = await status(handle);
    expect(s.rejections).toEqual([
      expect.objectContaining({
        kind: 'scrutiny',
        via: 'signal',
        reason: expect.stringMatching(/^invalid field: .*idempotencyKey.*result/),
      }),
    ]);
    expect(s.cycles[0].surveyTally.requesting).toEqual(['SN']);
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('cancels a cycle and switches the next one to online, telling the governments', async () => {
    const handle = await newCourse('TS-COVID-01');
    await skipUntil(env, handle, (s) => s.phase === 'Scrutiny', 6 * HOUR);
    await record(handle, 'cycleCancellation', decision('cycleCancellation', { reason: 'COVID-19' }));
    await skipUntil(env, handle, (s) => phaseOf(2)(s) === 'RequestSurvey', 6 * HOUR);
    // The governments read the staff's own reason, the code staying for the template to word.
    const notHeld = activities.notices.filter((n) => n.course === 'TS-COVID-01' && n.kind === 'cycle-not-held');
    expect(notHeld.length).toBeGreaterThan(0);
    for (const notice of notHeld) expect(notice.facts).toEqual({ reason: 'cancelled', staffReason: 'COVID-19' });
    for (const country of ['KE', 'SN', 'PE'])
      await record(
        handle,
        'surveyResponse',
        decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 1 }),
      );
    await skipUntil(env, handle, (s) => phaseOf(2)(s) === 'MofaDetermination', 6 * HOUR);
    await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
    const answer = await record(
      handle,
      'modeChange',
      decision('modeChange', { mode: 'online', reason: 'Travel restrictions' }),
    );
    expect(answer).toMatchObject({ accepted: true, cycle: 2 });
    await skipUntil(
      env,
      handle,
      (s) => (s.cycles.find((c) => c.cycle === 2)?.noticesSent['mode-change'] ?? 0) === 3,
      HOUR,
      10,
    );
    const s = await status(handle);
    expect(s.outcomes[0]).toMatchObject({ cycle: 1, phase: 'Cancelled', notHeldReason: 'cancelled' });
    expect(s.cycles.find((c) => c.cycle === 2)?.mode).toBe('online');
    expect(
      activities.notices
        .filter((n) => n.course === 'TS-COVID-01' && n.kind === 'mode-change')
        .map((n) => n.country)
        .sort(),
    ).toEqual(['KE', 'PE', 'SN']);
  });
});
