/**
 * The course worker as the fault tests run it: a child process the test can
 * SIGKILL, built by the same bootstrap and mail activities as `npm start`,
 * with the workflow bundle the test prepared (FAULTS_BUNDLE_PATH) and mail to
 * the test's loopback sink (SMTP_URL). Logs are the worker's JSON lines.
 * It prints {"event":"ready"} once it polls, and drains on SIGTERM.
 *
 * With FAULTS_STANDBY=1 it loads its modules, prints {"event":"loaded"} and
 * waits for a line on stdin before it connects: the test keeps one such
 * standby process so that a restart after a kill costs the worker's start-up,
 * not Node loading and compiling the service's modules on a busy machine.
 */
import { Runtime } from '@temporalio/worker';
import { createCourseActivitiesFromEnv } from '../../activities';
import { loadConnectionSettings, payloadProtectionFor } from '../../platform/connection';
import { createCourseWorker } from '../../worker/bootstrap';
import { connectWorkerConnection } from '../../worker/connection';
import { createWorkerLogger, logSettingsFromEnv } from '../../worker/logging';
import { metricsSettingsFromEnv, metricsTelemetryOptions } from '../../worker/metrics';

function standby(): Promise<void> {
  if (process.env.FAULTS_STANDBY !== '1') return Promise.resolve();
  process.stdout.write(`${JSON.stringify({ event: 'loaded', pid: process.pid, courseCode: null })}\n`);
  return new Promise((resolve) => process.stdin.once('data', () => resolve()));
}

async function main(): Promise<void> {
  await standby();
  process.stdin.pause();
  const signalled = Date.now();
  Runtime.install({
    logger: createWorkerLogger(logSettingsFromEnv()),
    telemetryOptions: metricsTelemetryOptions(metricsSettingsFromEnv()),
  });
  const bundlePath = process.env.FAULTS_BUNDLE_PATH;
  if (!bundlePath) throw new Error('FAULTS_BUNDLE_PATH is required');
  const mail = createCourseActivitiesFromEnv(process.env);
  const settings = loadConnectionSettings();
  const connection = await connectWorkerConnection(settings);
  try {
    const worker = await createCourseWorker({
      connection,
      namespace: settings.namespace,
      activities: mail.activities,
      taskQueue: process.env.FAULTS_TASK_QUEUE,
      workflowBundle: { codePath: bundlePath },
      // A test that hands it keys (taking over from npm start's worker, which always encrypts) gets them; others run plain.
      ...(process.env.KCCP_CODEC_KEYS
        ? { dataConverter: (await payloadProtectionFor(settings, process.env, { worker: true })).dataConverter }
        : {}),
      extra: {
        // A killed worker's sticky queue is abandoned sooner, so its courses move on to the next worker.
        stickyQueueScheduleToStartTimeout: Number(process.env.FAULTS_STICKY_TIMEOUT_MS ?? 3_000),
        shutdownGraceTime: Number(process.env.FAULTS_SHUTDOWN_GRACE_MS ?? 20_000),
      },
    });
    process.stdout.write(
      `${JSON.stringify({ event: 'ready', pid: process.pid, startupMs: Date.now() - signalled, courseCode: null })}\n`,
    );
    await worker.run();
    process.stdout.write(`${JSON.stringify({ event: 'drained', pid: process.pid, courseCode: null })}\n`);
  } finally {
    await mail.close();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ event: 'crashed', message: String((error as Error)?.stack ?? error), courseCode: null })}\n`,
  );
  process.exit(1);
});
