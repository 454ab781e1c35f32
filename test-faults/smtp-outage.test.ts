/**
 * The mail relay down for longer than several of the mail activity's retry
 * intervals (10 s, then 20 s, 40 s: the workflow's own policy), then back.
 * MOFA decides late, so the MOFA liaison's reminder falls due while the relay
 * is down and the course notification and GI package follow it: all of them
 * arrive once after the relay returns, none is lost. The delay shows where an
 * operator looks: the pending activity's attempt count and last failure, the
 * worker's JSON log lines for the course, and the reminder arriving after the
 * relay came back with its deadline in the past.
 *
 * FAULTS_SMTP_COURSES (5), FAULTS_SMTP_DOWN_MS (32000), FAULTS_SMTP_WINDOW_MS (20000).
 */
import { courseWorkflowId } from '../domain/reference';
import { startFaultRig, type FaultRig } from './support/rig';
import { intFromEnv, recordFigures } from './support/figures';
import { cycleEnd, driveCourse, startFaultCourse, type FaultCourse } from './support/scenario';
import { endState, failedWorkflows, staffReminders, waitForCycleEnd, waitForNotices } from './support/outcomes';

const COURSES = intFromEnv('FAULTS_SMTP_COURSES', 5);
const DOWN_MS = intFromEnv('FAULTS_SMTP_DOWN_MS', 32_000);
const WINDOW_MS = intFromEnv('FAULTS_SMTP_WINDOW_MS', 20_000);

describe('the mail relay down for several retry intervals', () => {
  let rig: FaultRig | undefined;
  afterAll(() => rig?.close());

  it('delivers every notice and the reminders due during the outage once after the relay returns, none lost', async () => {
    const began = Date.now();
    rig = await startFaultRig('smtp');
    const { sink, client } = rig;
    const worker = rig.worker('faults-smtp');
    await worker.start();

    const start = Date.now() + 2_000;
    const w = WINDOW_MS;
    const courses: FaultCourse[] = Array.from({ length: COURSES }, (_, i) => ({
      code: `SMTP-${String(i + 1).padStart(3, '0')}`,
      start,
      windowMs: w,
      surveyMs: 2 * w,
      taskQueue: 'faults-smtp',
    }));
    // The MOFA window opens when the survey closes; its half-window reminder falls due at w / 2.
    const reminderDue = start + 2 * w + w / 2;
    const codes = courses.map((c) => c.code);
    await Promise.all(courses.map((c) => startFaultCourse(client, c)));
    // MOFA decides just after its half-window reminder falls due.
    const driving = Promise.allSettled(courses.map((c) => driveCourse(client, c, { mofaAfterMs: w / 2 + 1_500 })));

    const downAt = reminderDue - 2_000;
    await new Promise((resolve) => setTimeout(resolve, downAt - Date.now()));
    const before = sink.received.length;
    await sink.stop();
    const stoppedAt = Date.now();
    // Halfway through the outage, look where an operator would: the course's pending activity.
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS - 8_000));
    const described = await client.workflow.getHandle(courseWorkflowId(codes[0])).describe();
    const pending = described.raw.pendingActivities ?? [];
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + DOWN_MS - Date.now())));
    await sink.start();
    const backAt = Date.now();
    console.log(
      `relay down for ${((backAt - stoppedAt) / 1000).toFixed(1)} s; pending activities of ${codes[0]} then: ${pending.map((p) => `${p.activityType?.name} attempt ${p.attempt}: ${p.lastFailure?.message}`).join(' | ')}`,
    );

    const refused = (await driving).flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    if (refused.length > 0) {
      const failures = await failedWorkflows(
        client,
        courses.map((c) => c.code),
      );
      throw new Error(
        `decisions refused:\n${refused.slice(0, 5).join('\n')}\nworkflow failures:\n${failures.details.slice(0, 5).join('\n')}`,
      );
    }
    const statuses = await waitForCycleEnd(client, codes, cycleEnd(courses[0]) + 180_000);
    await waitForNotices(sink, codes, Date.now() + 120_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const final = await waitForNotices(sink, codes, Date.now());
    const failures = await failedWorkflows(client, codes);

    const reminders = staffReminders(sink, codes);
    const reminderIds = new Set(reminders.map((m) => m.messageId));
    const dueDuringOutage = reminders.filter((m) => m.reminder === 'mofa-determination-half');
    const governmentDuringOutage = sink.received.filter(
      (m) =>
        m.notice && ['course-notification', 'general-information'].includes(m.notice) && codes.includes(m.course ?? ''),
    );
    // Worker log lines that carry the course code and tell of a failed mail attempt.
    const retryLines = worker.lines
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { courseCode?: string | null; message?: string; attempt?: number })
      .filter((l) => l.courseCode && /fail/i.test(l.message ?? ''));
    console.log(
      `reminders due during the outage arrived ${dueDuringOutage.map((m) => `${m.course} +${((m.receivedAt - reminderDue) / 1000).toFixed(0)} s after due`).join(', ')}; ${retryLines.length} worker log lines of failed attempts, e.g. ${JSON.stringify(retryLines[0])?.slice(0, 300)}`,
    );
    const completed = courses.filter(
      (c) => statuses.get(c.code)!.outcomes.find((o) => o.cycle === 1)?.phase === 'Completed',
    ).length;

    recordFigures({
      test: `SMTP relay down ${Math.round((backAt - stoppedAt) / 1000)} s (${COURSES} courses)`,
      faults: 1,
      courses: COURSES,
      completed,
      notices: final.delivered + reminderIds.size,
      duplicates: final.unexpected.length,
      lost: final.lost.length,
      failedWorkflows: failures.failedRuns + failures.failedTasks,
      resent: final.copies + (reminders.length - reminderIds.size),
      seconds: Math.round((Date.now() - began) / 1000),
      note: `relay down ${Math.round((backAt - stoppedAt) / 1000)} s; ${sink.received.length - before} messages after it returned; MOFA reminders arrived ${Math.round(Math.min(...dueDuringOutage.map((m) => m.receivedAt - reminderDue)) / 1000)} s or more after they fell due`,
    });

    // While the relay was down the course's mail activity was retrying, visibly.
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0].attempt).toBeGreaterThanOrEqual(2);
    expect(pending[0].lastFailure?.message ?? '').toMatch(/ECONNREFUSED|connect|relay/i);
    expect(retryLines.length).toBeGreaterThan(0);
    // Every reminder that fell due during the outage, and every notice behind it, arrived once after the relay came back.
    expect(dueDuringOutage.map((m) => m.course).sort()).toEqual(codes);
    expect(dueDuringOutage.every((m) => m.receivedAt >= backAt)).toBe(true);
    expect(governmentDuringOutage.every((m) => m.receivedAt >= backAt)).toBe(true);
    expect(final.lost).toEqual([]);
    expect(final.unexpected).toEqual([]);
    expect(final.copies).toBe(0);
    expect(reminders.length).toBe(reminderIds.size);
    expect(completed).toBe(COURSES);
    expect(new Set(courses.map((c) => JSON.stringify(endState(statuses.get(c.code)!)))).size).toBe(1);
    expect(failures.details).toEqual([]);
  });
});
