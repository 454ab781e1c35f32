/**
 * `npm start`: the course worker, and on a developer's machine the Temporal
 * dev server it needs. On SIGINT or SIGTERM the worker drains (running
 * activities finish, no new task is taken) before the dev server it started
 * stops, so Ctrl-C leaves no process and no half-sent notice behind. A signal
 * during start-up abandons the step under way and stops whatever was started
 * (worker/startup.ts), the dev server included even before it answers.
 */
import { Runtime, type NativeConnection, type Worker } from '@temporalio/worker';
import { createCourseActivitiesFromEnv, type CourseMail } from '../activities';
import { announceStaffKeys } from '../platform/staff-keys';
import { createEvaluationActivitiesFromEnv } from '../activities/evaluation';
import { ensureEvaluationScheduleAtStart } from '../platform/schedule';
import {
  describeConnectionSettings,
  isLocalPlainAddress,
  loadConnectionSettings,
  payloadProtectionFor,
} from '../platform/connection';
import { TASK_QUEUE } from '../domain/reference';
import { createCourseWorker, describeWorkerMemory, workerTuningFromEnv } from './bootstrap';
import { connectWorkerConnection } from './connection';
import { healthPortFromEnv, startHealthServer, type HealthServer } from './health';
import { createWorkerLogger, logSettingsFromEnv, routeConsoleToJson } from './logging';
import { metricsSettingsFromEnv, metricsTelemetryOptions } from './metrics';
import { startLocalServices, webUiLines } from './local-services';
import { StartupStack, StopRequested } from './startup';

// Signals are ours to handle: the drain must finish before the dev server stops.
// Logs are JSON lines with the course code (LOG_FORMAT, LOG_LEVEL); metrics at METRICS_PORT when set.
const logSettings = logSettingsFromEnv();
routeConsoleToJson(logSettings);
const metrics = metricsSettingsFromEnv();
Runtime.install({
  shutdownSignals: [],
  logger: createWorkerLogger(logSettings),
  telemetryOptions: metricsTelemetryOptions(metrics),
});
if (metrics) console.log(`Metrics: http://${metrics.bindAddress}/metrics`);

/** Everything started so far, stopped in reverse order whatever happens. */
const stack = new StartupStack();
let firstSignalAt = 0;
let worker: Worker | undefined;

function onSignal(signal: NodeJS.Signals): void {
  if (stack.stopRequested) {
    // A terminal's Ctrl-C reaches us twice: from the terminal and relayed by tsx.
    if (Date.now() - firstSignalAt > 1_000) {
      console.log(`${signal} again: still stopping; the worker stops once running activities finish.`);
    }
    return;
  }
  firstSignalAt = Date.now();
  if (worker?.getState() === 'RUNNING') {
    console.log(`${signal}: draining the worker...`);
    worker.shutdown();
  } else {
    console.log(`${signal}: stopping start-up...`);
  }
  // Aborts the start-up step under way, if any; a running worker drains first (worker.run() returns).
  stack.requestStop(signal);
}

async function main(): Promise<void> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const settings = loadConnectionSettings();
  // Payload encryption (security/): resolved before anything starts, so a missing or bad key fails in a second.
  const payloads = await stack.step(payloadProtectionFor(settings, process.env, { worker: true }));
  // Mail settings, contacts and roster are validated before any server starts: a typo fails in a second.
  const mail: CourseMail = createCourseActivitiesFromEnv(process.env);
  stack.register('mail transport', () => mail.close());
  console.log(`Mail: ${mail.description}`);
  if (mail.placeholders.length > 0) {
    const some = mail.placeholders.slice(0, 3).join(', ');
    console.warn(
      `Contacts: ${mail.placeholders.length} directory contacts are placeholders until staff confirm them (e.g. ${some}); set "placeholder": false in ${mail.config.directoryPath ?? 'data/country-directory.json'} as each is confirmed`,
    );
  }
  announceStaffKeys(process.env, await stack.step(isLocalPlainAddress(settings)), settings.address);

  const local = await startLocalServices(settings, stack);

  console.log(`Temporal: ${describeConnectionSettings(settings)}`);
  console.log(`Payload codec: ${payloads.description}`);
  const connection: NativeConnection = await stack.step(connectWorkerConnection(settings));
  stack.register('Temporal connection', () => connection.close());

  const evaluation = await stack.step(createEvaluationActivitiesFromEnv(settings, mail.config));
  stack.register('yearly evaluation client', () => evaluation.close());
  console.log(evaluation.description);
  console.log('Bundling the workflows and creating the worker...');
  worker = await stack.step(
    createCourseWorker({
      connection,
      namespace: settings.namespace,
      activities: { ...mail.activities, ...evaluation.activities },
      dataConverter: payloads.dataConverter,
      extra: workerTuningFromEnv(process.env),
    }),
  );
  stack.register('worker', () => releaseUnrunWorker(worker!));
  console.log(describeWorkerMemory(worker));
  console.log(await stack.step(ensureEvaluationScheduleAtStart(evaluation.client)));

  const healthPort = healthPortFromEnv();
  if (healthPort !== undefined) {
    const health: HealthServer = await stack.step(
      startHealthServer({ port: healthPort, state: () => worker!.getState() }),
    );
    stack.register('health endpoint', () => health.close());
    console.log(`Health: http://127.0.0.1:${health.port}/healthz`);
  }

  console.log(`Worker polling task queue ${TASK_QUEUE} in namespace ${settings.namespace}.`);
  for (const line of await stack.step(webUiLines(settings, local))) console.log(line);
  console.log('Press Ctrl-C to stop.');
  // A signal that came while the last step finished: the worker has not run, so it has nothing to drain.
  if (stack.stopRequested) return;
  await worker.run();
  console.log('Worker drained.');
}

/**
 * A worker created but never run still holds the connection, which then refuses
 * to close: a stop between creation and run() runs it and drains it at once.
 */
async function releaseUnrunWorker(created: Worker): Promise<void> {
  if (created.getState() !== 'INITIALIZED') return;
  const running = created.run();
  created.shutdown();
  await running;
}

async function run(): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof StopRequested)) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  } finally {
    if ((await stack.stopAll()) > 0) process.exitCode = 1;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (stack.abandoned) {
      // An abandoned step (bundling, say) may keep the event loop busy for seconds
      // after everything it could have started has stopped: nothing is left to wait for.
      console.log('Stopped.');
      process.exit();
    }
    console.log('Stopped.');
  }
}

void run();
