/**
 * The worker the benchmark measures, as its own process (closest to
 * production, and its RSS is its own): the shared bootstrap, bundling the
 * workflows at start-up like `npm start`. Mode `course` registers the real
 * mail activities over SMTP (SMTP_URL), mode `baseline` the engine baseline.
 *
 * Env: BENCH_MODE, BENCH_TASK_QUEUE, TEMPORAL_ADDRESS, SMTP_URL (course), and
 * for profiling BENCH_MAX_CACHED_WORKFLOWS, BENCH_MAX_ACTIVITIES.
 * Sends {ready:true} over IPC once polling; drains on SIGTERM.
 */
import path from 'node:path';
import {
  bundleWorkflowCode,
  DefaultLogger,
  makeTelemetryFilterString,
  Runtime,
  type LogLevel,
} from '@temporalio/worker';
import { createCourseActivitiesFromEnv } from '../activities';
import { loadConnectionSettings, payloadProtectionFor } from '../platform/connection';
import { createCourseWorker } from '../worker/bootstrap';
import { connectWorkerConnection } from '../worker/connection';
import * as baselineActivities from './support/baseline-activities';

// The core's warnings (slow workflow tasks, for one) flood the progress; BENCH_WORKER_LOG_LEVEL=WARN brings them back.
const level = (process.env.BENCH_WORKER_LOG_LEVEL ?? 'ERROR') as LogLevel;
const logger = new DefaultLogger(level);
Runtime.install({
  logger,
  shutdownSignals: [],
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: level }) } },
});

const optionalInt = (name: string): number | undefined => {
  const raw = process.env[name];
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
};

async function main(): Promise<void> {
  const mode = process.env.BENCH_MODE;
  if (mode !== 'course' && mode !== 'baseline') throw new Error('BENCH_MODE must be course or baseline');
  const settings = loadConnectionSettings();
  const connection = await connectWorkerConnection(settings);
  const mail = mode === 'course' ? createCourseActivitiesFromEnv(process.env) : undefined;
  const maxCachedWorkflows = optionalInt('BENCH_MAX_CACHED_WORKFLOWS');
  const maxConcurrentActivityTaskExecutions = optionalInt('BENCH_MAX_ACTIVITIES');
  const worker = await createCourseWorker({
    connection,
    namespace: settings.namespace,
    taskQueue: process.env.BENCH_TASK_QUEUE,
    activities: mail ? mail.activities : baselineActivities,
    // Payloads encrypted as in production (the benchmark sets KCCP_CODEC_KEYS for both sides).
    dataConverter: (await payloadProtectionFor(settings, process.env, { worker: true })).dataConverter,
    // The baseline bundles its own workflows the same way the worker bundles the course's.
    ...(mode === 'baseline'
      ? { workflowBundle: await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'workflows'), logger }) }
      : {}),
    extra: {
      ...(maxCachedWorkflows !== undefined ? { maxCachedWorkflows } : {}),
      ...(maxConcurrentActivityTaskExecutions !== undefined ? { maxConcurrentActivityTaskExecutions } : {}),
    },
  });
  const stop = () => worker.getState() === 'RUNNING' && worker.shutdown();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const running = worker.run();
  process.send?.({ ready: true });
  try {
    await running;
  } finally {
    await mail?.close();
    await connection.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
