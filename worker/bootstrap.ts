/**
 * The one way a course worker is built, shared by `npm start` and every test
 * that runs the real workflows, so they never poll different task queues or
 * load different workflow code.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { TASK_QUEUE } from '../domain/reference';
import { COURSE_WORKFLOWS_PATH, SHARED_WORKFLOW_MODULES } from './workflow-modules';

export interface CourseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  /** The activity implementations, built by their factories from real or recording dependencies. */
  activities: object;
  taskQueue?: string;
  /**
   * A pre-built bundle (tests bundle once per run with bundleWorkflowCode and
   * SHARED_WORKFLOW_MODULES); without it the worker bundles workflows/ itself at start-up.
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

export { COURSE_WORKFLOWS_PATH };

/** The file `npm run build` writes the workflow bundle to, in dist/ beside the compiled worker/. */
export const PREBUILT_WORKFLOW_BUNDLE_NAME = 'workflow-bundle.js';

/**
 * The prebuilt workflow bundle, when there is one: KCCP_WORKFLOW_BUNDLE, else
 * the one `npm run build` wrote beside the compiled code (dist/workflow-bundle.js,
 * seen from dist/worker/). The TypeScript sources never see a stale dist/
 * bundle, since ../workflow-bundle.js from worker/ does not exist: development
 * keeps bundling what it edits.
 */
export function prebuiltWorkflowBundle(env: NodeJS.ProcessEnv = process.env): { codePath: string } | undefined {
  const fromEnv = env.KCCP_WORKFLOW_BUNDLE?.trim();
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`KCCP_WORKFLOW_BUNDLE names no file: ${fromEnv}`);
    return { codePath: path.resolve(fromEnv) };
  }
  const beside = path.join(__dirname, '..', PREBUILT_WORKFLOW_BUNDLE_NAME);
  return existsSync(beside) ? { codePath: beside } : undefined;
}

export async function createCourseWorker(options: CourseWorkerOptions): Promise<Worker> {
  // A bundle given by the caller, else the prebuilt one (production), else bundling at start (development).
  const bundle = options.workflowBundle ?? prebuiltWorkflowBundle();
  const workflows = bundle
    ? { workflowBundle: bundle }
    : {
        workflowsPath: COURSE_WORKFLOWS_PATH,
        bundlerOptions: { ...options.extra?.bundlerOptions, preloadModules: SHARED_WORKFLOW_MODULES },
      };
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
 * The worker's V8 heap, in MiB (`--max-old-space-size`, from KCCP_WORKER_HEAP_MB
 * in the npm scripts). It is the worker's memory budget: V8 collects before the
 * heap passes it, and the SDK sizes its workflow cache from it (about 600
 * courses per GiB above 200 MiB, so 257 courses at 640). Without it V8 let
 * garbage grow towards 4 GiB on a large machine.
 */
export const DEFAULT_WORKER_HEAP_MB = 640;

/** The node flag that gives a worker process its heap budget. */
export function workerHeapFlag(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.KCCP_WORKER_HEAP_MB?.trim();
  const mb = raw ? Number(raw) : DEFAULT_WORKER_HEAP_MB;
  if (!Number.isInteger(mb) || mb < 256)
    throw new Error(`KCCP_WORKER_HEAP_MB must be a whole number of at least 256, got "${raw}"`);
  return `--max-old-space-size=${mb}`;
}

/**
 * Worker tuning from the environment: the workflow cache bounds memory (each
 * cached course holds its state and its copy of workflows/), and fewer
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

/** One start-up line an operator can check the memory settings by. */
export function describeWorkerMemory(worker: Worker): string {
  const heapMb = Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
  // Said here because worker/main.ts prints this line: which workflow code the worker runs is part of its footprint.
  const bundle = prebuiltWorkflowBundle();
  const code = bundle ? `prebuilt workflow bundle ${bundle.codePath}` : 'workflows bundled at start';
  return `Worker memory: heap budget ${heapMb} MiB, workflow cache ${worker.options.maxCachedWorkflows} courses, ${code}`;
}
