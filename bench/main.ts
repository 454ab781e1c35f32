/**
 * `npm run bench`: what the course orchestration costs on top of Temporal, on
 * one dev server in one run. A table for people, `-- --json` for scripts;
 * progress on stderr; non-zero exit when any course misses its end state.
 *
 *   npm run bench -- [--courses N] [--open-courses N] [--step-seconds S] [--saturation-courses N] [--skip-scale] [--json]
 *   npm run bench -- --production-rss --open-courses 1000   (after npm run build)
 *   npm run bench -- --address 127.0.0.1:7233 --server-pids 11,12,13,14 --skip-scale   (a running server, e.g. npm run cluster)
 *
 * Profiling: BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" and
 * BENCH_MAX_CACHED_WORKFLOWS / BENCH_MAX_ACTIVITIES reach the worker process.
 */
// First: the runtime whose core logs stay off stdout.
import './support/runtime';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectClient } from '../platform/connection';
import { print, printJson } from '../client/output';
import { workerHeapFlag } from '../worker/bootstrap';
import { ensureDevServer } from '../worker/dev-server';
import { resolveTemporalBinaries } from '../tooling/temporal-binaries';
import { freePort } from '../test/support/ports';
import { cyclePhase, startWorker, terminateAll } from './phases/cycle-phase';
import { productionRss } from './phases/production-rss';
import { saturationPhase, type SaturationRun } from './phases/saturation';
import { openManyCourses, type ScaleResult } from './phases/scale';
import { threeCyclesTimeSkipping, type TimeSkipResult } from './phases/timeskip';
import { courseRunStart } from './phases/run-start';
import { verifyCourses } from './phases/verify';
import { cleanUp, onCleanUp } from './support/cleanup';
import { databaseMb, describeMachine, historyOf, percentile, progress, round } from './support/measure';
import { startSmtpSink } from './support/smtp-sink';
import { renderRssTable, renderTable } from './report';
import { parseOptions } from './options';

const nullableRound = (value: number | null, digits: number) => (value === null ? null : round(value, digits));

async function main(): Promise<number> {
  const options = parseOptions(process.argv);
  const machine = describeMachine();
  const failures: string[] = [];
  const tmp = mkdtempSync(path.join(options.dbDir, 'kccp-bench-'));
  onCleanUp(() => rmSync(tmp, { recursive: true, force: true }));

  // Payloads encrypted as production encrypts them, with a key for this run only.
  process.env.KCCP_CODEC_KEYS ??= `bench:${randomBytes(32).toString('base64')}`;
  const dbFile = path.join(tmp, 'temporal.db');
  let address = options.address;
  let serverPids = options.serverPids ?? [];
  if (!address) {
    const { cli } = await resolveTemporalBinaries({ install: false });
    address = `127.0.0.1:${await freePort()}`;
    progress(`dev server at ${address}, database ${dbFile}`);
    const server = await ensureDevServer({
      cliPath: cli.path,
      settings: { address, namespace: 'default' },
      uiPort: await freePort(),
      dbFile,
      logFile: path.join(tmp, 'dev-server.log'),
    });
    onCleanUp(() => server.stop());
    if (!server.startedHere) throw new Error(`something already answers at ${address}`);
    serverPids = [server.pid!];
  } else progress(`Temporal at ${address} (not started here)`);
  // The database size is the dev server's SQLite file; another server's database is not ours to measure.
  const dbMb = () => (options.address ? null : databaseMb(dbFile));
  const client = await connectClient({ address, namespace: 'default' });
  onCleanUp(() => client.connection.close());
  if (options.productionRss) {
    const { figures, failures: missed } = await productionRss(client, address, options.openCourses, tmp);
    if (options.json) printJson({ machine, ok: missed.length === 0, production_rss: figures, failures: missed });
    else print(renderRssTable(figures, machine));
    return missed.length === 0 ? 0 : 1;
  }
  const sink = await startSmtpSink();
  onCleanUp(() => sink.close());

  // 1. The real course workflow, with real mail.
  const course = await cyclePhase('course', client, serverPids, address, options, sink);
  failures.push(...course.result.failures);
  if (course.worker.exited()) failures.push(course.worker.exited()!);
  const emails = sink.messages();
  const emailSeconds =
    sink.firstAt && sink.lastAt && sink.lastAt > sink.firstAt ? (sink.lastAt - sink.firstAt) / 1000 : Number.NaN;
  progress('course: checking every course reached its end state');
  failures.push(...(await verifyCourses(client, course.result.runs, sink)));
  const duplicates = [...sink.received.values()].filter((n) => n > 1).length;
  const largest = course.result.runs[0]!;
  const largestHistory = await historyOf(client, largest.workflowId, largest.firstRunId);
  await course.worker.stop();
  await terminateAll(
    client,
    course.result.runs.map((r) => r.workflowId),
  );

  // 2. The engine baseline, shaped by the real course's history: the activities it runs before any decision.
  const typicalPlan = course.result.runs[Math.min(1, course.result.runs.length - 1)]!.course.plan;
  const plannedActivities = typicalPlan.reduce((n, d) => n + d.activities, 0);
  const startActivities = Math.max(0, (course.typicalHistory.byType.ACTIVITY_TASK_SCHEDULED ?? 0) - plannedActivities);
  const baseline = await cyclePhase('baseline', client, serverPids, address, options, sink, startActivities);
  failures.push(...baseline.result.failures);
  const baselineLargest = baseline.result.runs[0]!;
  const baselineLargestHistory = await historyOf(client, baselineLargest.workflowId, baselineLargest.firstRunId);
  await baseline.worker.stop();
  await terminateAll(
    client,
    baseline.result.runs.map((r) => r.workflowId),
  );

  // 3. Saturation: the cost of a decision against the engine's cost of an update.
  let saturation: { course: SaturationRun; baseline: SaturationRun } | undefined;
  if (!options.skipSaturation) {
    const courseRun = await saturationPhase('course', client, address, sink, options.saturationCourses);
    const baselineRun = await saturationPhase('baseline', client, address, sink, options.saturationCourses);
    failures.push(...courseRun.failures.slice(0, 20), ...baselineRun.failures.slice(0, 20));
    saturation = { course: courseRun, baseline: baselineRun };
  }

  // 4. Scale.
  let scale:
    (ScaleResult & { rssMb: number; rssPeakMb: number; dbMb: number | null; dbBeforeMb: number | null }) | undefined;
  if (!options.skipScale) {
    progress(`scale: ${options.openCourses} courses open at once`);
    const dbBeforeMb = dbMb();
    const worker = await startWorker({
      mode: 'course',
      taskQueue: 'kccp-courses',
      temporalAddress: address,
      smtpUrl: sink.url,
    });
    const opened = await openManyCourses(client, options.openCourses, 'SCALE', () => worker.cpuSeconds());
    failures.push(...opened.failures);
    // Let the last tasks settle, then read the worker holding them all.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const died = worker.exited();
    if (died) failures.push(died);
    scale = {
      ...opened,
      rssMb: worker.currentRssMb(),
      rssPeakMb: worker.peakRssMb(),
      dbMb: dbMb(),
      dbBeforeMb,
    };
    await worker.stop();
  }

  // 5. Three cycles on the time-skipping server.
  let timeskip: TimeSkipResult | undefined;
  if (!options.skipTimeskip) {
    progress('time-skipping: one course through three cycles');
    timeskip = await threeCyclesTimeSkipping();
    if (timeskip.outcomes.join(' ') !== '1:Completed 2:Completed 3:Completed') {
      failures.push(`time-skipping course ended ${timeskip.outcomes.join(', ')}`);
    }
  }

  // 6. What creating a course run costs the workflow thread (replayed, this process).
  progress('run start: first workflow task of a new course and of a continued run, replayed');
  const runStart = await courseRunStart();

  const latencies = course.result.latencies;
  const figures = {
    courses: options.courses,
    missed_windows: course.result.missedWindows,
    baseline_courses_per_min: round(baseline.coursesPerMin, 1),
    course_courses_per_min: round(course.coursesPerMin, 1),
    ratio: round(course.coursesPerMin / baseline.coursesPerMin, 3),
    decision_latency_ms_p50: round(percentile(latencies, 50), 1),
    decision_latency_ms_p95: round(percentile(latencies, 95), 1),
    worker_rss_mb_peak: round(course.workerRssPeakMb, 0),
    saturation_course_decisions_per_s: saturation ? round(saturation.course.decisionsPerS, 1) : null,
    saturation_baseline_updates_per_s: saturation ? round(saturation.baseline.decisionsPerS, 1) : null,
    saturation_ratio: saturation ? round(saturation.course.decisionsPerS / saturation.baseline.decisionsPerS, 3) : null,
    history_events_per_cycle: largestHistory.events,
    history_bytes_per_cycle: largestHistory.bytes,
    emails_per_s: round(emails / emailSeconds, 1),
    open_courses: scale?.openCourses ?? null,
    worker_rss_mb_at_scale: scale ? round(scale.rssMb, 0) : null,
    dev_server_db_mb: nullableRound(scale ? scale.dbMb : dbMb(), 1),
    lifecycle_3y_timeskip_s: timeskip ? round(timeskip.lifecycleSeconds, 2) : null,
  };
  const details = {
    courses: options.courses,
    step_seconds: options.stepSeconds,
    largest_course_countries: largest.course.spec.targetCountries.length,
    largest_course_decisions_per_cycle: largest.course.plan.length,
    decisions_sent: latencies.length,
    decision_latency_ms_by_kind: latencyByKind(course.result.latenciesByKind),
    baseline_decision_latency_ms_by_kind: latencyByKind(baseline.result.latenciesByKind),
    worker_node_flags: workerHeapFlag(),
    // Where the throwaway server's SQLite file lived (--db-dir): a disk, or memory-backed storage.
    dev_server_db_dir: options.address ? null : options.dbDir,
    saturation: saturation && {
      courses: options.saturationCourses,
      decisions: saturation.course.decisions,
      ...Object.fromEntries(
        (['course', 'baseline'] as const).map((side) => {
          const r = saturation[side];
          return [
            side,
            {
              seconds: round(r.seconds, 1),
              per_s: round(r.decisionsPerS, 1),
              workflow_tasks_per_s: round(r.workflowTasksPerS, 1),
              worker_cpu_ms_per_decision: round(r.workerCpuMsPerDecision, 2),
              latency_ms_p50: round(r.latencyP50, 1),
              latency_ms_p95: round(r.latencyP95, 1),
              workflow_tasks: r.workflowTasks,
            },
          ];
        }),
      ),
    },
    baseline_decision_latency_ms_p50: round(percentile(baseline.result.latencies, 50), 1),
    baseline_decision_latency_ms_p95: round(percentile(baseline.result.latencies, 95), 1),
    baseline_worker_rss_mb_peak: round(baseline.workerRssPeakMb, 0),
    worker_cpu_s: { baseline: round(baseline.workerCpuS, 1), course: round(course.workerCpuS, 1) },
    course_run_start_ms: {
      new_course: round(runStart.newCourseMs, 1),
      continued_run: round(runStart.continuedRunMs, 1),
    },
    driver_event_loop_delay_ms: { baseline: baseline.driverLoopDelayMs, course: course.driverLoopDelayMs },
    dev_server_cpu_s: { baseline: round(baseline.serverCpuS, 1), course: round(course.serverCpuS, 1) },
    typical_cycle_events: { baseline: baseline.typicalHistory.byType, course: course.typicalHistory.byType },
    typical_history_events_per_cycle: {
      baseline: baseline.typicalHistory.events,
      course: course.typicalHistory.events,
    },
    largest_cycle_events: largestHistory.byType,
    largest_cycle_workflow_tasks: {
      baseline: baselineLargestHistory.workflowTasks,
      course: largestHistory.workflowTasks,
    },
    emails,
    emails_received_twice: duplicates,
    scale: scale && {
      start_s: round(scale.startSeconds, 1),
      settle_s: round(scale.settleSeconds, 1),
      worker_rss_mb_peak: round(scale.rssPeakMb, 0),
      dev_server_db_mb_before: nullableRound(scale.dbBeforeMb, 1),
    },
    timeskip_setup_s: timeskip ? round(timeskip.setupSeconds, 1) : null,
    load_average_at_end: os.loadavg().map((l) => round(l, 2)),
  };
  const ok = failures.length === 0;
  if (options.json) {
    printJson({ ...figures, machine, ok, failures: failures.slice(0, 50), details });
  } else {
    print(renderTable(figures, machine, details));
    if (!ok) print(`\n${failures.length} failure(s):\n  ${failures.slice(0, 20).join('\n  ')}`);
  }
  return ok ? 0 : 1;
}

let interrupted = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (interrupted) return;
  interrupted = true;
  progress(`${signal}: cleaning up`);
  // Calls in flight fail once their connection closes; the clean-up must still run to the end.
  process.on('uncaughtException', () => undefined);
  process.on('unhandledRejection', () => undefined);
  void cleanUp().then(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

void main()
  .then(
    (code) => code,
    (error: unknown) => {
      progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanUp();
    process.exit(interrupted ? 130 : code);
  });

function latencyByKind(byKind: Record<string, number[]>): Record<string, { sent: number; p50: number; p95: number }> {
  return Object.fromEntries(
    Object.entries(byKind).map(([kind, ms]) => [
      kind,
      { sent: ms.length, p50: round(percentile(ms, 50), 1), p95: round(percentile(ms, 95), 1) },
    ]),
  );
}
