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

/**
 * Worker tuning from the environment: the workflow cache bounds memory (each
 * cached course holds its own copy of the workflow modules), and fewer
 * concurrent workflow tasks keep a burst of course starts from timing out.
 * Unset variables keep the SDK's defaults.
 */
export function workerTuningFromEnv(env: NodeJS.ProcessEnv = process.env): CourseWorkerOptions['extra'] {
  const positive = (name: string): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
    return value;
  };
  const maxCachedWorkflows = positive('KCCP_MAX_CACHED_WORKFLOWS');
  const maxConcurrentWorkflowTaskExecutions = positive('KCCP_MAX_CONCURRENT_WORKFLOW_TASKS');
  return {
    ...(maxCachedWorkflows ? { maxCachedWorkflows } : {}),
    ...(maxConcurrentWorkflowTaskExecutions ? { maxConcurrentWorkflowTaskExecutions } : {}),
  };
}
