/**
 * The one way a course worker is built, shared by `npm start` and every test
 * that runs the real workflows, so they never poll different task queues or
 * load different workflow code.
 */
import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { TASK_QUEUE } from '../domain/reference';

export interface CourseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  /** The activity implementations, built by their factories from real or recording dependencies. */
  activities: object;
  taskQueue?: string;
  /**
   * A pre-built bundle (tests bundle once per run with bundleWorkflowCode);
   * without it the worker bundles workflows/ itself at start-up.
   */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /**
   * Payload encryption (security/, from payloadProtectionFor): the same one the
   * clients use. It runs outside the workflow sandbox; workflows never see it.
   */
  dataConverter?: DataConverter;
  /** Everything else Worker.create accepts (interceptors, tuning, identity) for callers that need it. */
  extra?: Partial<
    Omit<
      WorkerOptions,
      'connection' | 'namespace' | 'activities' | 'taskQueue' | 'workflowBundle' | 'workflowsPath' | 'dataConverter'
    >
  >;
}

export const COURSE_WORKFLOWS_PATH = require.resolve('../workflows');

export async function createCourseWorker(options: CourseWorkerOptions): Promise<Worker> {
  const workflows = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : { workflowsPath: COURSE_WORKFLOWS_PATH };
  return Worker.create({
    // On SIGTERM a notice fan-out in flight gets time to finish (and heartbeat what it sent) before it is cancelled.
    shutdownGraceTime: '30 seconds',
    ...options.extra,
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    activities: options.activities,
    ...workflows,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  });
}
