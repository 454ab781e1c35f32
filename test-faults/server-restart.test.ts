/**
 * The Temporal dev server stopped and started again on its SQLite database
 * while courses run a compressed cycle: every course ends as a fault-free
 * course does, every notice arrives once, no workflow fails.
 *
 * FAULTS_SERVER_COURSES (10), FAULTS_SERVER_RESTARTS (5), FAULTS_WINDOW_MS (20000), FAULTS_SEED.
 */
import { startFaultRig, type FaultRig } from './support/rig';
import { faultSeed, intFromEnv, prng, recordFigures } from './support/figures';
import { cycleEnd, driveCourse, startFaultCourse, type FaultCourse } from './support/scenario';
import {
  endState,
  noticesRecorded,
  failedWorkflows,
  staffReminders,
  waitForCycleEnd,
  waitForNotices,
} from './support/outcomes';

const COURSES = intFromEnv('FAULTS_SERVER_COURSES', 10);
const RESTARTS = intFromEnv('FAULTS_SERVER_RESTARTS', 5);
const WINDOW_MS = intFromEnv('FAULTS_WINDOW_MS', 20_000);

describe('the Temporal server restarted on its database mid-cycle', () => {
  let rig: FaultRig | undefined;
  afterAll(() => rig?.close());

  it(`brings ${COURSES} courses to a fault-free end state through ${RESTARTS} server restarts, every notice once`, async () => {
    const began = Date.now();
    const random = prng(faultSeed('server restart'));
    rig = await startFaultRig('server');
    const { sink, server, client } = rig;
    const worker = rig.worker('faults-server');
    await worker.start();

    const start = Date.now() + 2_000;
    const courses: FaultCourse[] = Array.from({ length: COURSES }, (_, i) => ({
      code: `SRV-${String(i + 1).padStart(3, '0')}`,
      start,
      windowMs: WINDOW_MS,
      taskQueue: 'faults-server',
    }));
    await Promise.all(courses.map((c) => startFaultCourse(client, c)));
    const driving = Promise.allSettled(courses.map((c) => driveCourse(client, c)));

    const end = cycleEnd(courses[0]);
    const instants = Array.from({ length: RESTARTS }, () => start + 3_000 + random() * (end - start - 8_000)).sort(
      (a, b) => a - b,
    );
    const restartedAt: string[] = [];
    let upAt = Date.now();
    for (const instant of instants) {
      // The server stays up a little between restarts, so each outage is its own.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.max(instant, upAt + 3_000) - Date.now())));
      const down = Date.now();
      await server.restart();
      upAt = Date.now();
      restartedAt.push(`${((down - start) / 1000).toFixed(1)} s (down ${((upAt - down) / 1000).toFixed(1)} s)`);
    }
    console.log(`server restarted at ${restartedAt.join(', ')}`);

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
    const codes = courses.map((c) => c.code);
    const statuses = await waitForCycleEnd(client, codes, end + 180_000);
    await waitForNotices(sink, codes, Date.now() + 120_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const final = await waitForNotices(sink, codes, Date.now());
    const failures = await failedWorkflows(client, codes);
    const reminders = staffReminders(sink, codes);
    const reminderIds = new Set(reminders.map((m) => m.messageId));
    const states = courses.map((c) => JSON.stringify(endState(statuses.get(c.code)!)));
    const completed = courses.filter(
      (c) => statuses.get(c.code)!.outcomes.find((o) => o.cycle === 1)?.phase === 'Completed',
    ).length;

    recordFigures({
      test: `dev server restart (${COURSES} courses)`,
      faults: server.restarts,
      courses: COURSES,
      completed,
      notices: final.delivered + reminderIds.size,
      duplicates: final.unexpected.length,
      lost: final.lost.length,
      failedWorkflows: failures.failedRuns + failures.failedTasks,
      resent: final.copies + (reminders.length - reminderIds.size),
      seconds: Math.round((Date.now() - began) / 1000),
    });

    expect(server.restarts).toBe(RESTARTS);
    expect(endState(statuses.get(courses[0].code)!)).toMatchObject({
      phase: 'Completed',
      scrutiny: 'pass',
      mofaApproved: true,
      requestingCountries: ['KE', 'PE', 'SN'],
      undeliverable: [],
    });
    // Every notice a course recorded reached the relay once, the ten the scenario predicts among them.
    for (const course of courses) {
      const { recorded, received } = noticesRecorded(statuses.get(course.code)!, sink);
      expect({ code: course.code, recorded }).toEqual({ code: course.code, recorded: received });
      expect(recorded).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(states).size).toBe(1);
    expect(completed).toBe(COURSES);
    expect(final.lost).toEqual([]);
    expect(final.unexpected).toEqual([]);
    expect(final.copies).toBe(0);
    expect(reminders.length).toBe(reminderIds.size);
    expect(failures.details).toEqual([]);
  });
});
