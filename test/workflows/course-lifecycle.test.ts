import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { decisionSignals } from '../../workflows/messages';
import { compressedCourse, DAY, decision } from '../fixtures/courses';
import {
  driveHeldCycle,
  planCycle,
  record,
  skipUntil,
  startCourse,
  status,
  untilScrutiny,
} from '../support/course-harness';
import { createRecordingActivities } from '../support/recording-activities';
import type { RecordingActivities } from '../support/recording-activities';
import { createTestWorker, startTimeSkipping } from '../support/temporal';

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
  async function newCourse(code: string, overrides: Parameters<typeof compressedCourse>[3] = {}) {
    const now = Number(await env.currentTimeMs());
    return startCourse(env.client, compressedCourse(code, now + HOUR, DAY, overrides), taskQueue);
  }
  const phaseOf = (cycle: number) => (s: Awaited<ReturnType<typeof status>>) =>
    s.cycles.find((c) => c.cycle === cycle)?.phase;

  it('runs a course through all three cycles, with its notices, across continue-as-new', async () => {
    const handle = await newCourse('TS-FULL-001');
    const phases = [];
    phases.push(await driveHeldCycle(env, handle, 1, true));
    // Cycle 1's findings wait in cycle 2, still being planned: its plan must acknowledge them, by name of field.
    const next = await skipUntil(env, handle, (s) => s.cycle === 2, HOUR);
    expect(next.cycles.find((c) => c.cycle === 2)!.openFindings).toEqual(['Cycle 1: keep the field visits']);
    const unacknowledged = await record(
      handle,
      'plan',
      decision('plan', { summary: 'Cycle 2', materialChange: false, findingsAcknowledged: false, cycle: 2 }),
    ).catch((e: unknown) => e);
    expect(unacknowledged).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((unacknowledged as WorkflowUpdateFailedError).cause?.message)).toMatch(
      /^invalid field: findingsAcknowledged: cycle 2 has 1 open evaluation finding/,
    );
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

  /** Plans cycle 1, passes scrutiny and brings three requests: the course is put to MOFA. */
  async function toMofa(handle: Awaited<ReturnType<typeof newCourse>>) {
    await untilScrutiny(env, handle);
    await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
    for (const country of ['KE', 'SN', 'PE'])
      await record(
        handle,
        'surveyResponse',
        decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 1 }),
      );
    return skipUntil(env, handle, (s) => s.phase === 'MofaDetermination', 6 * HOUR);
  }

  /** Lets time pass until MOFA's window has closed, the cycle still waiting for its determination. */
  const pastMofaWindow = (handle: Awaited<ReturnType<typeof newCourse>>) =>
    skipUntil(
      env,
      handle,
      (s) =>
        s.cycles[0]!.phase !== 'MofaDetermination' ||
        !s.cycles[0]!.openWindows.some((w) => w.window === 'mofaDetermination'),
      3 * HOUR,
    );

  it('keeps waiting for MOFA past its month, escalating, and holds no cycle only at the cut-off', async () => {
    // No lead time: the cut-off is when nominations close, a day after MOFA's window.
    const handle = await newCourse('TS-MOFA-001', { nominationLeadDays: 0 });
    await toMofa(handle);
    const overdue = await pastMofaWindow(handle);
    expect(overdue.cycles[0]).toMatchObject({ phase: 'MofaDetermination' });
    expect(Date.parse(overdue.cycles[0]!.mofaCutOff!)).toBeGreaterThan(Date.parse(overdue.asOf));
    const after = await skipUntil(env, handle, (s) => s.outcomes.length > 0, 6 * HOUR);
    expect(after.outcomes[0]).toMatchObject({ phase: 'NotHeld', notHeldReason: 'mofa-undecided' });
    const reminders = activities.reminders.filter((r) => r.context.course.code === 'TS-MOFA-001');
    expect(reminders.filter((r) => r.office === 'mofa-liaison').map((r) => r.reminderKey)).toEqual([
      'mofa-determination-half',
      'mofa-determination-last-eighth',
      'mofa-determination-overdue',
    ]);
    expect(
      reminders.filter((r) => r.reminderKey.startsWith('mofa-determination-escalated')).map((r) => r.office),
    ).toEqual(['course-officer', 'operator']);
    // Never offered: no government is told that it is off.
    expect(activities.notices.filter((n) => n.course === 'TS-MOFA-001' && n.kind === 'cycle-not-held')).toEqual([]);
  });

  it('takes a MOFA determination that comes after its month but before the cut-off', async () => {
    const handle = await newCourse('TS-MOFA-002', { nominationLeadDays: 0 });
    await toMofa(handle);
    expect((await pastMofaWindow(handle)).cycles[0]!.phase).toBe('MofaDetermination');
    const answer = await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
    expect(answer).toMatchObject({ accepted: true, cycle: 1, phase: 'Nominations' });
  });

  it('rejects a decision in the wrong phase with a clear reason and leaves the status unchanged', async () => {
    const handle = await newCourse('TS-REJ-001');
    const before = await untilScrutiny(env, handle);
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
    await untilScrutiny(env, handle);
    const once = decision('surveyResponse', { country: 'KE', wantsToParticipate: true, expectedParticipants: 3 });
    expect(await record(handle, 'surveyResponse', once)).toMatchObject({ accepted: true, duplicate: false });
    expect(await record(handle, 'surveyResponse', once)).toMatchObject({ accepted: true, duplicate: true });
    const s = await status(handle);
    expect(s.cycles[0].surveyTally).toMatchObject({ responses: 1, requesting: ['KE'], expectedParticipants: 3 });
    expect(s.cycles[0].decisions.filter((d) => d.kind === 'surveyResponse')).toHaveLength(1);
  });

  it('records an invalid signal as rejected without failing the workflow', async () => {
    const handle = await newCourse('TS-SIG-001');
    await untilScrutiny(env, handle);
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

  it('cancels an offered cycle with the staff reason, and switches the next one to online, telling the governments', async () => {
    const handle = await newCourse('TS-COVID-01');
    await toMofa(handle);
    await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
    await record(handle, 'cycleCancellation', decision('cycleCancellation', { reason: 'COVID-19' }));
    // Scrutiny passed in cycle 1 and nothing material changed: cycle 2 goes to the request survey.
    await planCycle(env, handle, 2);
    await skipUntil(env, handle, (s) => phaseOf(2)(s) === 'RequestSurvey', 6 * HOUR);
    // The governments offered the cycle read the staff's own reason, the code staying for the template to word.
    const notHeld = activities.notices.filter((n) => n.course === 'TS-COVID-01' && n.kind === 'cycle-not-held');
    expect(notHeld.map((n) => n.country).sort()).toEqual(['KE', 'PE', 'SN']);
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
