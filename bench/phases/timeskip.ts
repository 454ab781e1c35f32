/**
 * One course through its three cycles on the time-skipping server, driven as
 * the workflow tests drive it (test/support/course-harness), in this process.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { compressedCourse, DAY } from '../../test/fixtures/courses';
import { driveHeldCycle, startCourse } from '../../test/support/course-harness';
import { createRecordingActivities } from '../../test/support/recording-activities';
import { bundleWorkflowCodeOnce, startTimeSkipping } from '../../test/support/temporal';

const HOUR = 3_600_000;

export interface TimeSkipResult {
  lifecycleSeconds: number;
  setupSeconds: number;
  outcomes: string[];
}

export async function threeCyclesTimeSkipping(): Promise<TimeSkipResult> {
  const began = performance.now();
  let env: TestWorkflowEnvironment | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  try {
    env = await startTimeSkipping();
    const taskQueue = `bench-timeskip-${randomUUID()}`;
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await bundleWorkflowCodeOnce(require.resolve('../../workflows')),
      activities: createRecordingActivities(),
    });
    running = worker.run();
    const setupSeconds = (performance.now() - began) / 1000;

    const lifecycleBegan = performance.now();
    const now = Number(await env.currentTimeMs());
    const handle = await startCourse(env.client, compressedCourse('TS-BENCH-001', now + HOUR, DAY), taskQueue);
    await driveHeldCycle(env, handle, 1, true);
    await driveHeldCycle(env, handle, 2, false);
    await driveHeldCycle(env, handle, 3, false);
    const result = await handle.result();
    const lifecycleSeconds = (performance.now() - lifecycleBegan) / 1000;
    return { lifecycleSeconds, setupSeconds, outcomes: result.outcomes.map((o) => `${o.cycle}:${o.phase}`) };
  } finally {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await env?.teardown();
  }
}
