/**
 * Temporal servers for tests, from the binaries `npm test`'s setup resolved
 * (never the SDK's download, which cannot work on our machines).
 *
 * Each suite starts its own server in beforeAll and tears it down in afterAll:
 *
 *   let env: TestWorkflowEnvironment;
 *   beforeAll(async () => { env = await startTimeSkipping(); });
 *   afterAll(async () => { await env?.teardown(); });
 */
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  type LogLevel,
  type Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createCourseWorker, type CourseWorkerOptions } from '../../worker/bootstrap';
import { COURSE_WORKFLOWS_PATH, SHARED_WORKFLOW_MODULES } from '../../worker/workflow-modules';
import { courseSearchAttributeKeys, registerCourseSearchAttributes } from '../../worker/search-attributes';
import { dynamicConfigFlags } from '../../worker/server-config';
import { resolveTemporalBinaries, type TemporalBinaries } from '../../tooling/temporal-binaries';

// Worker state changes at INFO drown test output; TEMPORAL_TEST_LOG_LEVEL=INFO brings them back.
// Installing must precede the first connection or worker of the test file; a later call finds it done.
try {
  Runtime.install({ logger: new DefaultLogger((process.env.TEMPORAL_TEST_LOG_LEVEL ?? 'WARN') as LogLevel) });
} catch {
  // A Runtime already exists in this test file; keep it.
}

let binaries: Promise<TemporalBinaries> | undefined;

/** The binaries setup installed; fails with setup's explanation when it did not run. */
export function temporalBinaries(): Promise<TemporalBinaries> {
  binaries ??= resolveTemporalBinaries({ install: false });
  return binaries;
}

export interface DevServerTestOptions {
  namespace?: string;
  /** Extra `temporal server start-dev` flags, e.g. dynamic config values. */
  extraArgs?: string[];
  /** Serve the Web UI too (browser tests), on `uiPort` (pick one with freePort()). */
  uiPort?: number;
  /** The data converter of `env.client`, e.g. testDataConverter() when kccp or a worker encrypts beside it. */
  dataConverter?: DataConverter;
}

/**
 * A real dev server (the `temporal` CLI) on 127.0.0.1 and a free port, in
 * memory, with the course search attributes registered and the dynamic config
 * `npm start`'s server has (worker/server-config.ts). Its address is
 * `env.address`, for running the CLI against it.
 */
export async function startDevServer(options: DevServerTestOptions = {}): Promise<TestWorkflowEnvironment> {
  const { cli } = await temporalBinaries();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli.path },
      ip: '127.0.0.1',
      namespace: options.namespace,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      searchAttributes: courseSearchAttributeKeys(),
      extraArgs: [...dynamicConfigFlags(), ...(options.extraArgs ?? [])],
    },
    ...(options.dataConverter ? { client: { dataConverter: options.dataConverter } } : {}),
  });
}

/**
 * The time-skipping test server: awaiting a workflow result fast-forwards its
 * timers, so a year passes in seconds. It has no flag for search attributes,
 * so they are registered through the operator service once it is up.
 */
export async function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  const { testServer } = await temporalBinaries();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServer.path } },
  });
  try {
    await registerCourseSearchAttributes(env.connection, env.namespace ?? 'default');
  } catch (error) {
    await env.teardown();
    throw error;
  }
  return env;
}

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/**
 * Bundles a workflows module once per test file (jest isolates modules per
 * file) instead of once per Worker; pass it as `workflowBundle`. The course
 * workflows share the domain modules across workflows, as the worker does.
 */
export function bundleWorkflowCodeOnce(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(workflowsPath);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath,
      logger: quietBundlerLogger,
      ...(workflowsPath === COURSE_WORKFLOWS_PATH ? { preloadModules: SHARED_WORKFLOW_MODULES } : {}),
    });
    bundles.set(workflowsPath, bundle);
  }
  return bundle;
}

const ignore = () => undefined;
const quietBundlerLogger = {
  log: ignore,
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: (message: string, meta?: Record<string, unknown>) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: Record<string, unknown>) => console.error(message, meta ?? ''),
};

export interface TestWorkerOptions {
  taskQueue: string;
  activities: object;
  /** Another workflows module than the course workflows (a test's own fixture workflow). */
  workflowsPath?: string;
  extra?: CourseWorkerOptions['extra'];
}

/**
 * A worker built the way the service builds one (worker/bootstrap.ts), on the
 * suite's server, with the workflow bundle built once per test file: tests do
 * not call Worker.create themselves, so they run the options production runs.
 */
export async function createTestWorker(env: TestWorkflowEnvironment, options: TestWorkerOptions): Promise<Worker> {
  return createCourseWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: options.taskQueue,
    activities: options.activities,
    workflowBundle: await bundleWorkflowCodeOnce(options.workflowsPath ?? COURSE_WORKFLOWS_PATH),
    extra: options.extra,
  });
}
