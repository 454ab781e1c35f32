/**
 * SIGKILL the course worker at random points while courses run a compressed
 * cycle in real time, start it again each time, and compare with courses that
 * ran the same cycle on a worker nobody touched.
 *
 * FAULTS_COURSES (20; the 50), FAULTS_KILLS (5; the 20), FAULTS_WINDOW_MS (30000),
 * FAULTS_MIN_ALIVE_MS (5000: a restarted worker polls this long before the next kill),
 * FAULTS_SEED (random, printed).
 */
import { startFaultRig, type FaultRig } from './support/rig';
import { faultSeed, intFromEnv, prng, recordFigures } from './support/figures';
import { cycleEnd, driveCourse, startFaultCourse, type FaultCourse } from './support/scenario';
import { endState, failedWorkflows, staffReminders, waitForCycleEnd, waitForNotices } from './support/outcomes';

const COURSES = intFromEnv('FAULTS_COURSES', 20);
const KILLS = intFromEnv('FAULTS_KILLS', 5);
const WINDOW_MS = intFromEnv('FAULTS_WINDOW_MS', 30_000);
const CONTROL = 2;
/** A worker gets at least this long after it is ready before the next kill, so courses move between kills. */
const MIN_ALIVE_MS = intFromEnv('FAULTS_MIN_ALIVE_MS', 5_000);

describe('the course worker killed with SIGKILL at random points', () => {
  let rig: FaultRig | undefined;
  afterAll(() => rig?.close());

  it(`brings ${COURSES} courses to the end state of an untouched run after ${KILLS} kills, every notice once, no workflow failed`, async () => {
    const began = Date.now();
    const random = prng(faultSeed('worker SIGKILL'));
    rig = await startFaultRig('kill', [require.resolve('./support/heartbeat-interceptor')]);
    const { sink, client } = rig;
    const victim = rig.worker('faults-kill', { standby: true });
    const control = rig.worker('faults-control');
    await Promise.all([victim.start(), control.start()]);

    const start = Date.now() + 2_000;
    const faulted: FaultCourse[] = Array.from({ length: COURSES }, (_, i) => ({
      code: `KILL-${String(i + 1).padStart(3, '0')}`,
      start,
      windowMs: WINDOW_MS,
      taskQueue: 'faults-kill',
    }));
    const untouched: FaultCourse[] = Array.from({ length: CONTROL }, (_, i) => ({
      code: `CTRL-${String(i + 1).padStart(3, '0')}`,
      start,
      windowMs: WINDOW_MS,
      taskQueue: 'faults-control',
    }));
    const all = [...faulted, ...untouched];
    await Promise.all(all.map((c) => startFaultCourse(client, c)));
    const driving = Promise.allSettled(all.map((c) => driveCourse(client, c)));

    // Kill instants spread over the cycle, from the survey to the last window.
    const end = cycleEnd(faulted[0]);
    const instants = Array.from({ length: KILLS }, () => start + random() * (end - start - 2_000)).sort(
      (a, b) => a - b,
    );
    let readyAt = Date.now();
    const killedAt: number[] = [];
    const restartMs: number[] = [];
    for (const instant of instants) {
      const at = Math.max(instant, readyAt + MIN_ALIVE_MS);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
      await victim.kill();
      killedAt.push(Date.now() - start);
      const restarting = Date.now();
      await victim.start();
      readyAt = Date.now();
      restartMs.push(readyAt - restarting);
    }
    console.log(
      `worker killed at ${killedAt.map((t) => (t / 1000).toFixed(1)).join(', ')} s after the cycle started; restarts took ${restartMs.join(', ')} ms (worker start-up ${victim.lines
        .filter((l) => l.includes('"event":"ready"'))
        .map((l) => JSON.parse(l).startupMs)
        .join(', ')} ms)`,
    );

    const driven = await driving;
    const refused = driven.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    if (refused.length > 0) {
      const failures = await failedWorkflows(
        client,
        all.map((c) => c.code),
      );
      throw new Error(
        `decisions refused:\n${refused.slice(0, 5).join('\n')}\nworkflow failures:\n${[...failures.details.filter((d) => d.includes('task failed')).slice(0, 3), ...failures.details.slice(0, 2)].join('\n')}`,
      );
    }

    const statuses = await waitForCycleEnd(
      client,
      all.map((c) => c.code),
      end + 180_000,
    );
    const notices = await waitForNotices(
      sink,
      all.map((c) => c.code),
      Date.now() + 120_000,
    );
    // Late copies would arrive now, if a retry were still under way.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const final = await waitForNotices(
      sink,
      all.map((c) => c.code),
      Date.now(),
    );
    const failures = await failedWorkflows(
      client,
      all.map((c) => c.code),
    );

    const reference = endState(statuses.get(untouched[0].code)!);
    const differing = faulted.filter(
      (c) => JSON.stringify(endState(statuses.get(c.code)!)) !== JSON.stringify(reference),
    );
    const completed = faulted.filter(
      (c) => statuses.get(c.code)!.outcomes.find((o) => o.cycle === 1)?.phase === 'Completed',
    ).length;
    const reminders = staffReminders(
      sink,
      all.map((c) => c.code),
    );
    const reminderIds = new Set(reminders.map((m) => m.messageId));

    recordFigures({
      test: `worker SIGKILL (${COURSES}+${CONTROL} courses)`,
      faults: killedAt.length,
      courses: all.length,
      completed: completed + CONTROL,
      notices: final.delivered + reminderIds.size,
      duplicates: final.unexpected.length,
      lost: final.lost.length,
      failedWorkflows: failures.failedRuns + failures.failedTasks,
      resent: final.copies + (reminders.length - reminderIds.size),
      seconds: Math.round((Date.now() - began) / 1000),
    });

    expect(reference).toMatchObject({
      phase: 'Completed',
      scrutiny: 'pass',
      mofaApproved: true,
      requestingCountries: ['KE', 'PE', 'SN'],
      undeliverable: [],
    });
    expect(differing.map((c) => ({ code: c.code, state: endState(statuses.get(c.code)!) }))).toEqual([]);
    expect(completed).toBe(COURSES);
    expect(notices.lost).toEqual([]);
    expect(final.lost).toEqual([]);
    expect(final.unexpected).toEqual([]);
    expect(failures.details).toEqual([]);
    expect(killedAt).toHaveLength(KILLS);
  });
});
