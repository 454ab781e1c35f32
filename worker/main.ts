/**
 * `npm start`: the course worker, and on a developer's machine the Temporal
 * dev server it needs. On SIGINT or SIGTERM the worker drains (running
 * activities finish, no new task is taken) before the dev server it started
 * stops, so Ctrl-C leaves no process and no half-sent notice behind.
 */
import { Runtime, type NativeConnection, type Worker } from '@temporalio/worker';
import { createCourseActivitiesFromEnv, type CourseMail } from '../activities';
import { announceStaffKeys } from '../activities/staff-keys';
import { createEvaluationActivitiesFromEnv } from '../activities/evaluation';
import { ensureEvaluationScheduleAtStart } from '../client/commands/schedule';
import {
  describeConnectionSettings,
  isLocalPlainAddress,
  loadConnectionSettings,
  payloadProtectionFor,
  type ConnectionSettings,
} from '../client/connection';
import { TASK_QUEUE } from '../domain/reference';
import { createCourseWorker, describeWorkerMemory, workerTuningFromEnv } from './bootstrap';
import { connectWorkerConnection } from './connection';
import { DEFAULT_UI_PORT, ensureDevServer, isAnswering, type DevServerHandle } from './dev-server';
import { healthPortFromEnv, startHealthServer, type HealthServer } from './health';
import { createWorkerLogger, logSettingsFromEnv, routeConsoleToJson } from './logging';
import { metricsSettingsFromEnv, metricsTelemetryOptions } from './metrics';
import { resolveTemporalBinaries } from './temporal-binaries';

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
const started: Array<{ name: string; stop: () => Promise<void> }> = [];
let stopRequested = false;
let firstSignalAt = 0;
let worker: Worker | undefined;

function onSignal(signal: NodeJS.Signals): void {
  if (stopRequested) {
    // A terminal's Ctrl-C reaches us twice: from the terminal and relayed by tsx.
    if (Date.now() - firstSignalAt > 1_000) {
      console.log(`${signal} again: still draining; the worker stops once running activities finish.`);
    }
    return;
  }
  stopRequested = true;
  firstSignalAt = Date.now();
  console.log(`${signal}: draining the worker...`);
  if (worker?.getState() === 'RUNNING') worker.shutdown();
}

async function main(): Promise<void> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const settings = loadConnectionSettings();
  // Payload encryption (security/): resolved before anything starts, so a missing or bad key fails in a second.
  const payloads = await payloadProtectionFor(settings, process.env, { worker: true });
  // Mail settings, contacts and roster are validated before any server starts: a typo fails in a second.
  const mail: CourseMail = createCourseActivitiesFromEnv(process.env);
  started.push({ name: 'mail transport', stop: () => mail.close() });
  console.log(`Mail: ${mail.description}`);
  announceStaffKeys(process.env, await isLocalPlainAddress(settings), settings.address);

  const devServer = await localDevServer(settings);
  if (stopRequested) return;

  console.log(`Temporal: ${describeConnectionSettings(settings)}`);
  console.log(`Payload codec: ${payloads.description}`);
  const connection: NativeConnection = await connectWorkerConnection(settings);
  started.push({ name: 'Temporal connection', stop: () => connection.close() });

  const evaluation = await createEvaluationActivitiesFromEnv(settings, mail.config);
  started.push({ name: 'yearly evaluation client', stop: () => evaluation.close() });
  console.log(evaluation.description);
  worker = await createCourseWorker({
    connection,
    namespace: settings.namespace,
    activities: { ...mail.activities, ...evaluation.activities },
    dataConverter: payloads.dataConverter,
    extra: workerTuningFromEnv(process.env),
  });
  if (stopRequested) return;
  console.log(describeWorkerMemory(worker));
  console.log(await ensureEvaluationScheduleAtStart(evaluation.client));

  const healthPort = healthPortFromEnv();
  if (healthPort !== undefined) {
    const health: HealthServer = await startHealthServer({ port: healthPort, state: () => worker!.getState() });
    started.push({ name: 'health endpoint', stop: () => health.close() });
    console.log(`Health: http://127.0.0.1:${health.port}/healthz`);
  }

  console.log(`Worker polling task queue ${TASK_QUEUE} in namespace ${settings.namespace}.`);
  console.log(await webUiLine(settings, devServer));
  console.log('Press Ctrl-C to stop.');
  await worker.run();
  console.log('Worker drained.');
}

async function localDevServer(settings: ConnectionSettings): Promise<DevServerHandle | undefined> {
  if (!(await isLocalPlainAddress(settings)) || process.env.KCCP_DEV_SERVER === 'off') return undefined;
  const { cli } = await resolveTemporalBinaries({ install: true });
  const uiPort = process.env.TEMPORAL_UI_PORT ? Number(process.env.TEMPORAL_UI_PORT) : DEFAULT_UI_PORT;
  const handle = await ensureDevServer({ cliPath: cli.path, settings, uiPort });
  if (handle.startedHere) {
    started.push({ name: 'Temporal dev server', stop: () => handle.stop() });
    console.log(`Started the Temporal dev server at ${handle.address} (pid ${handle.pid}); data in var/temporal/.`);
  } else {
    console.log(`A Temporal server already answers at ${handle.address}; using it as it is.`);
  }
  return handle;
}

async function webUiLine(settings: ConnectionSettings, devServer: DevServerHandle | undefined): Promise<string> {
  if (devServer?.uiUrl) return `Web UI: ${devServer.uiUrl}`;
  if ((await isLocalPlainAddress(settings)) && (await isAnswering(`localhost:${DEFAULT_UI_PORT}`))) {
    return `Web UI: http://localhost:${DEFAULT_UI_PORT}`;
  }
  return 'Web UI: the one of your Temporal cluster (http://localhost:8080 with temporal-compose.yml).';
}

async function stopAll(): Promise<void> {
  for (const { name, stop } of started.reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error(`Stopping the ${name} failed: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
}

async function run(): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

void run();
