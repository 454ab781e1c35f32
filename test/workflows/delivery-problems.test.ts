/**
 * No delivery failure ends a course (issue 13, findings 1 and 8): a relay that
 * answers 550 for the course officer's address, or for a government's, leaves
 * a delivery problem in the record; the course goes on through its three
 * cycles; once the address is fixed `noticeResend` sends what is missing, once.
 * Real SMTP on loopback, real activities, the time-skipping server.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createCourseActivities, createSmtpTransport, type MailTransport } from '../../activities';
import { noticeMessageId } from '../../activities/contracts';
import { compressedCourse, DAY, decision } from '../fixtures/courses';
import { address, directoryOf, FROM, roster } from '../mail/support/fixtures';
import { startRelay, type LoopbackRelay } from '../mail/support/relay';
import { driveHeldCycle, record, skipUntil, startCourse, status, untilScrutiny } from '../support/course-harness';
import { createTestWorker, startTimeSkipping } from '../support/temporal';

const HOUR = 3_600_000;
const COURSE_OFFICER = 'course-officer@kccp.jica.example';
const OPERATOR = 'operator@kccp.jica.example';
const refusing = (addresses: string[]) => (rcpt: string) =>
  addresses.includes(rcpt) ? { code: 550, message: '5.1.1 No such user here' } : undefined;
const reason = (err: unknown) => String((err as { cause?: Error }).cause?.message ?? (err as Error).message);

describe('delivery problems: a refused address never ends a course', () => {
  let env: TestWorkflowEnvironment;
  let relay: LoopbackRelay;
  let transport: MailTransport;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `delivery-${randomUUID()}`;

  beforeAll(async () => {
    env = await startTimeSkipping();
    relay = await startRelay();
    transport = createSmtpTransport(
      { host: '127.0.0.1', port: relay.port, secure: false },
      { concurrency: 2, timeoutMs: 5_000 },
    );
    worker = await createTestWorker(env, {
      taskQueue,
      activities: createCourseActivities({
        transport,
        directory: directoryOf(['KE', 'SN', 'PE', 'VN', 'BD']),
        roster,
        from: FROM,
      }),
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await transport?.close();
    await relay?.close();
    await env?.teardown();
  });

  it('a 550 for the course officer: the course completes all three cycles, and the reminder is re-sent once', async () => {
    relay.behaviour.onRecipient = refusing([COURSE_OFFICER]);
    const now = Number(await env.currentTimeMs());
    const handle = await startCourse(env.client, compressedCourse('DELIV-STAFF-01', now + HOUR, DAY), taskQueue);

    await untilScrutiny(env, handle);
    await record(handle, 'scrutiny', decision('scrutiny', { result: 'fail', reasons: ['No reason to hold it'] }));
    // Before record-integrity-v1 the refused reminder failed the workflow here.
    const afterFailure = await skipUntil(
      env,
      handle,
      (s) => s.deliveryProblems.some((p) => p.id === 'c1/staff-cycle-not-held'),
      HOUR,
    );
    const problem = afterFailure.deliveryProblems.find((p) => p.id === 'c1/staff-cycle-not-held')!;
    expect(problem.failed['course-officer']).toMatch(/550/);
    // The operator hears of it, with the command that repairs it.
    const [alert] = relay.to(OPERATOR);
    expect(alert?.parsed.text).toContain('kccp resend DELIV-STAFF-01 c1/staff-cycle-not-held');

    // Cycle 1 failed scrutiny: cycle 2 is scrutinised again.
    await driveHeldCycle(env, handle, 2, true);
    // Cycle 3 runs in a new run: the problem came along across continue-as-new.
    await skipUntil(env, handle, (s) => s.cycle === 3, 6 * HOUR);
    expect((await status(handle)).deliveryProblems.map((p) => p.id)).toContain('c1/staff-cycle-not-held');

    relay.behaviour.onRecipient = undefined; // the roster's mailbox is fixed
    const resend = decision('noticeResend', { problem: 'c1/staff-cycle-not-held', cycle: 1 });
    const answer = await record(handle, 'noticeResend', resend);
    expect(answer).toMatchObject({ accepted: true, duplicate: false, cycle: 1 });
    const repaired = await skipUntil(env, handle, (s) => s.deliveryProblems.length === 0, HOUR);
    expect(repaired.deliveryProblems).toEqual([]);
    const reminderId = noticeMessageId('DELIV-STAFF-01', 1, 'staff-cycle-not-held', 'course-officer');
    expect(relay.to(COURSE_OFFICER).filter((m) => m.parsed.messageId === reminderId)).toHaveLength(1);

    // Exactly once: the same command again changes nothing; a new one has nothing left to send.
    expect(await record(handle, 'noticeResend', resend)).toMatchObject({ duplicate: true });
    const again = await record(
      handle,
      'noticeResend',
      decision('noticeResend', { problem: 'c1/staff-cycle-not-held', cycle: 1 }),
    ).catch(reason);
    expect(again).toMatch(/^nothing to re-send/);

    await driveHeldCycle(env, handle, 3, false);
    const result = await handle.result();
    expect(result.outcomes.map((o) => [o.cycle, o.phase])).toEqual([
      [1, 'NotHeld'],
      [2, 'Completed'],
      [3, 'Completed'],
    ]);
    expect(relay.to(COURSE_OFFICER).filter((m) => m.parsed.messageId === reminderId)).toHaveLength(1);
  });

  it('a country refused once still hears the rest of the cycle, and a re-send reaches it once', async () => {
    relay.behaviour.onRecipient = refusing([address('PE')]);
    const now = Number(await env.currentTimeMs());
    const handle = await startCourse(env.client, compressedCourse('DELIV-GOV-01', now + HOUR, DAY), taskQueue);
    await untilScrutiny(env, handle);
    await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['Japanese expertise'] }));
    for (const country of ['KE', 'SN', 'PE'])
      await record(
        handle,
        'surveyResponse',
        decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 2 }),
      );
    await skipUntil(env, handle, (s) => s.phase === 'MofaDetermination', 6 * HOUR);
    await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
    const refused = await skipUntil(
      env,
      handle,
      (s) => s.deliveryProblems.some((p) => p.id === 'c1/course-notification'),
      HOUR,
    );
    expect(Object.keys(refused.deliveryProblems.find((p) => p.id === 'c1/course-notification')!.failed)).toEqual([
      'PE',
    ]);

    relay.behaviour.onRecipient = undefined; // the government fixed its mailbox
    await record(handle, 'modeChange', decision('modeChange', { mode: 'online', reason: 'typhoon season' }));
    const modeChangeId = noticeMessageId('DELIV-GOV-01', 1, 'mode-change', 'PE');
    await skipUntil(env, handle, () => relay.to(address('PE')).some((m) => m.parsed.messageId === modeChangeId), HOUR);

    await record(handle, 'noticeResend', decision('noticeResend', { problem: 'c1/course-notification', cycle: 1 }));
    await skipUntil(env, handle, (s) => !s.deliveryProblems.some((p) => p.id === 'c1/course-notification'), HOUR);
    const notificationId = noticeMessageId('DELIV-GOV-01', 1, 'course-notification', 'PE');
    expect(relay.to(address('PE')).filter((m) => m.parsed.messageId === notificationId)).toHaveLength(1);
    // KE and SN had theirs the first time; the re-send did not send them a second.
    for (const country of ['KE', 'SN']) {
      const id = noticeMessageId('DELIV-GOV-01', 1, 'course-notification', country);
      expect(relay.to(address(country)).filter((m) => m.parsed.messageId === id)).toHaveLength(1);
    }
    // The workflow hands the notice the course's languages of instruction.
    const [notification] = relay
      .to(address('KE'))
      .filter((m) => m.parsed.messageId === noticeMessageId('DELIV-GOV-01', 1, 'course-notification', 'KE'));
    expect(notification!.parsed.text).toContain('The course is conducted in English, French');
    await handle.terminate('test over');
  });
});
