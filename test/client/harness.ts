/** A dev server and a course worker with recording activities, for running the real kccp against. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createCourseWorker, COURSE_WORKFLOWS_PATH } from '../../worker/bootstrap';
import { courseWorkflowId } from '../../domain/reference';
import type { CourseStatus } from '../../domain/lifecycle';
import { statusQuery } from '../../workflows/messages';
import { testDataConverter } from '../support/codec-keys';
import { bundleWorkflowCodeOnce, startDevServer, type DevServerTestOptions } from '../support/temporal';
import { createRecordingActivities, type RecordingActivities } from '../support/recording-activities';
import { waitFor } from '../support/wait-for';

export interface Harness {
  env: TestWorkflowEnvironment;
  client: Client;
  address: string;
  activities: RecordingActivities;
  status(code: string): Promise<CourseStatus>;
  /** Waits until the course's focus phase (the CoursePhase value) is `phase`. */
  waitForPhase(code: string, phase: string, timeoutMs?: number): Promise<CourseStatus>;
  stop(): Promise<void>;
}

export async function startHarness(options: DevServerTestOptions = {}): Promise<Harness> {
  // kccp encrypts on any server (security/keys.ts): the worker and client here hold the ring run-kccp hands it.
  const dataConverter = testDataConverter();
  const env = await startDevServer({ ...options, dataConverter });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  try {
    const activities = createRecordingActivities();
    worker = await createCourseWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      activities,
      workflowBundle: await bundleWorkflowCodeOnce(COURSE_WORKFLOWS_PATH),
      dataConverter,
    });
    running = worker.run();
    const client = env.client;
    const status = (code: string) => client.workflow.getHandle(courseWorkflowId(code)).query(statusQuery);
    return {
      env,
      client,
      address: env.address,
      activities,
      status,
      waitForPhase: (code, phase, timeoutMs = 60_000) =>
        waitFor(
          async () => {
            const s = await status(code);
            return s.phase === phase ? s : undefined;
          },
          { timeoutMs, intervalMs: 250, description: `course ${code} in phase ${phase}` },
        ),
      async stop() {
        worker?.shutdown();
        await running;
        await env.teardown();
      },
    };
  } catch (error) {
    if (worker && running) {
      worker.shutdown();
      await running.catch(() => undefined);
    }
    await env.teardown();
    throw error;
  }
}
