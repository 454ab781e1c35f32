/**
 * The course service on the production topology (scripts/cluster: Temporal's
 * own server on PostgreSQL, history, matching, frontend and internal worker
 * as separate processes) with two `npm start` workers, while faults hit it:
 * PostgreSQL restarted, one worker SIGKILLed mid fan-out, the history service
 * SIGKILLed and started again, as the yearly evaluation schedule fires and
 * staff decisions keep arriving. Every course must end as a fault-free cycle
 * does, every notice arrive by its Message-ID, and no workflow fail.
 *
 * CLUSTER_COURSES (4), CLUSTER_WINDOW_MS (25000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { EVALUATION_SCHEDULE_ID } from '../domain/evaluation/schedule';
import { courseWorkflowId, TASK_QUEUE } from '../domain/reference';
import { testDataConverter } from '../test/support/codec-keys';
import { waitFor } from '../test/support/wait-for';
import type { WorkerProcess } from '../test/support/worker-process';
import { intFromEnv, recordFigures } from '../test-faults/support/figures';
import { startMailSink, type MailSink } from '../test-faults/support/mail-sink';
import {
  cycleEnd,
  expectedNotices,
  driveCourse,
  startFaultCourse,
  type FaultCourse,
} from '../test-faults/support/scenario';
import {
  courseStatus,
  endState,
  noticesRecorded,
  failedWorkflows,
  staffReminders,
  tallyNotices,
  waitForCycleEnd,
  waitForNotices,
} from '../test-faults/support/outcomes';
import { startClusterWorker, startTestCluster, type TestCluster } from './support/rig';

const COURSES = intFromEnv('CLUSTER_COURSES', 4);
const WINDOW_MS = intFromEnv('CLUSTER_WINDOW_MS', 25_000);

const NOTICES_PER_CYCLE = expectedNotices('X').length;

/** Every course's status once each has recorded all its cycle-1 notices; the last seen at the deadline. */
async function settledStatuses(client: Client, sink: MailSink, codes: string[], deadline: number) {
  for (;;) {
    const statuses = new Map(
      await Promise.all(codes.map(async (code) => [code, await courseStatus(client, code)] as const)),
    );
    const settled = [...statuses.values()].every((s) => {
      const { recorded, received } = noticesRecorded(s, sink);
      return recorded >= NOTICES_PER_CYCLE && recorded === received;
    });
    if (settled || Date.now() > deadline) return statuses;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

const sleepUntil = (t: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, t - Date.now())));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

describe('the course service on a Temporal cluster on PostgreSQL, under faults', () => {
  const reportsDir = mkdtempSync(path.join(os.tmpdir(), 'kccp-cluster-reports-'));
  let rig: TestCluster | undefined;
  let sink: MailSink | undefined;
  let connection: Connection | undefined;
  const workers: WorkerProcess[] = [];

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await connection?.close();
    await rig?.cluster.stop();
    await sink?.close();
    if (rig) rmSync(rig.dir, { recursive: true, force: true });
    rmSync(reportsDir, { recursive: true, force: true });
  });

  it(`runs ${COURSES} courses on two workers through a worker kill, a history kill and a PostgreSQL restart`, async () => {
    const began = Date.now();
    rig = await startTestCluster((line) => console.log(`cluster: ${line}`));
    const { cluster } = rig;
    console.log(`cluster up at ${cluster.address}: ${JSON.stringify(cluster.timings)} (seconds)`);
    sink = await startMailSink();
    connection = await Connection.connect({ address: cluster.address });
    const client = new Client({ connection, dataConverter: testDataConverter() });
    const workerOptions = { address: cluster.address, smtpUrl: sink.url, reportsDir };
    const [first, second] = await Promise.all([startClusterWorker(workerOptions), startClusterWorker(workerOptions)]);
    workers.push(first!, second!);

    const start = Date.now() + 2_000;
    const courses: FaultCourse[] = Array.from({ length: COURSES }, (_, i) => ({
      code: `CLU-${String(i + 1).padStart(3, '0')}`,
      start,
      windowMs: WINDOW_MS,
      taskQueue: TASK_QUEUE,
    }));
    const codes = courses.map((c) => c.code);
    await Promise.all(courses.map((c) => startFaultCourse(client, c)));
    const driving = Promise.allSettled(courses.map((c) => driveCourse(client, c)));
    const faults: string[] = [];

    // Cycle 1 on this calendar: the survey closes and MOFA decides at 2 windows (its approval fans the
    // notices out), nominations follow at once, the selection comes at 4 windows.
    // 1. PostgreSQL restarted (fast shutdown) just before the survey closes and MOFA decides.
    await sleepUntil(start + 2 * WINDOW_MS - 4_000);
    const pgDown = Date.now();
    await cluster.postgres.stop('SIGINT');
    await cluster.postgres.start();
    faults.push(
      `PostgreSQL restart at ${seconds(pgDown - start)} s, accepting again in ${seconds(Date.now() - pgDown)} s`,
    );

    // 2. A worker SIGKILLed as the first government notices go out, and a new one started in its place.
    await waitFor(() => tallyNotices(sink!, codes).delivered > 0, {
      timeoutMs: 2 * WINDOW_MS,
      intervalMs: 20,
      description: 'the first notice of the fan-out after MOFA approved',
    });
    const deliveredAtKill = tallyNotices(sink, codes).delivered;
    first!.child.kill('SIGKILL');
    const killedAt = Date.now();
    workers.push(await startClusterWorker(workerOptions));
    faults.push(
      `worker SIGKILL at ${seconds(killedAt - start)} s (${deliveredAtKill} notices out), replaced in ${seconds(Date.now() - killedAt)} s`,
    );

    // 3. The yearly schedule fires, and the history service is SIGKILLed just before the selection is sent.
    const schedule = client.schedule.getHandle(EVALUATION_SCHEDULE_ID);
    const actionsBefore = (await schedule.describe()).info.numActionsTaken;
    await sleepUntil(start + 4 * WINDOW_MS - 5_000);
    await schedule.trigger();
    await cluster.services.history.stop('SIGKILL');
    const historyDown = Date.now();
    await cluster.services.history.start();
    const listening = Date.now();
    // Describing a workflow is answered by the history service: it serves again once its shards are back.
    await waitFor(() => client.workflow.getHandle(courseWorkflowId(codes[0]!)).describe(), {
      timeoutMs: 120_000,
      intervalMs: 100,
      description: 'the restarted history service to answer',
    });
    faults.push(
      `history SIGKILL at ${seconds(historyDown - start)} s, listening in ${seconds(listening - historyDown)} s, serving in ${seconds(Date.now() - historyDown)} s`,
    );

    console.log(`faults on the cluster:\n  ${faults.join('\n  ')}`);

    const refused = (await driving).flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(refused).toEqual([]);
    await waitForCycleEnd(client, codes, cycleEnd(courses[0]!) + 180_000);
    const notices = await waitForNotices(sink, codes, Date.now() + 120_000);
    // Late copies would arrive now, if a retry were still under way.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const final = await waitForNotices(sink, codes, Date.now());
    // A cycle can end while a fan-out interrupted by the kill still retries: its deliveries are recorded
    // as they come. The end state is read once every course has recorded its notices (or at the deadline).
    const statuses = await settledStatuses(client, sink, codes, Date.now() + 120_000);

    // The run the schedule started completes on the cluster too (a second action after the trigger).
    const evaluation = await waitFor(
      async () => {
        const d = await schedule.describe();
        const action = d.info.recentActions.at(-1)?.action;
        if (d.info.numActionsTaken <= actionsBefore || !action) return undefined;
        const run = await client.workflow.getHandle(action.workflow.workflowId).describe();
        return run.status.name === 'RUNNING' ? undefined : run;
      },
      { timeoutMs: 180_000, intervalMs: 1_000, description: 'the triggered yearly evaluation to finish' },
    );
    const failures = await failedWorkflows(client, codes);
    const reminders = staffReminders(sink, codes);
    const reminderIds = new Set(reminders.map((m) => m.messageId));
    const states = courses.map((c) => JSON.stringify(endState(statuses.get(c.code)!)));
    const completed = courses.filter(
      (c) => statuses.get(c.code)!.outcomes.find((o) => o.cycle === 1)?.phase === 'Completed',
    ).length;

    recordFigures({
      test: `cluster on PostgreSQL, 2 workers (${COURSES} courses)`,
      faults: faults.length,
      courses: COURSES,
      completed,
      notices: final.delivered + reminderIds.size,
      duplicates: final.unexpected.length,
      lost: final.lost.length,
      failedWorkflows: failures.failedRuns + failures.failedTasks + (evaluation.status.name === 'COMPLETED' ? 0 : 1),
      resent: final.copies + (reminders.length - reminderIds.size),
      seconds: Math.round((Date.now() - began) / 1000),
      note: faults.join('; '),
    });

    expect(endState(statuses.get(codes[0]!)!)).toMatchObject({
      phase: 'Completed',
      scrutiny: 'pass',
      mofaApproved: true,
      requestingCountries: ['KE', 'PE', 'SN'],
      undeliverable: [],
    });
    for (const code of codes) {
      const { recorded, received } = noticesRecorded(statuses.get(code)!, sink);
      expect({ code, recorded }).toEqual({ code, recorded: received });
      expect(recorded).toBeGreaterThanOrEqual(NOTICES_PER_CYCLE);
    }
    expect(new Set(states).size).toBe(1);
    expect(completed).toBe(COURSES);
    expect(notices.lost).toEqual([]);
    expect(final.lost).toEqual([]);
    expect(final.unexpected).toEqual([]);
    expect(failures.details).toEqual([]);
    expect(evaluation.status.name).toBe('COMPLETED');
    expect(cluster.services.history.starts).toBe(2);
    expect(cluster.postgres.starts).toBe(2);
  });
});
