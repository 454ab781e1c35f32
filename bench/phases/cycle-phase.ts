/** One annual-cycle phase of the benchmark (real courses or the engine baseline) on its own worker process. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { workerHeapFlag } from '../../worker/bootstrap';
import { onCleanUp } from '../support/cleanup';
import { historyOf, inPool, progress, type HistoryFigures } from '../support/measure';
import {
  startWorkerProcess,
  treeCpuSecondsOf,
  type WorkerProcess,
  type WorkerProcessOptions,
} from '../support/processes';
import type { SmtpSink } from '../support/smtp-sink';
import { runAnnualCycle, type CycleRunResult } from './annual-cycle';

export async function startWorker(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const began = Date.now();
  // The heap budget npm start gives the worker, then any profiling flags.
  const nodeArgs = [workerHeapFlag(), ...(process.env.BENCH_WORKER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [])];
  const worker = await startWorkerProcess({ ...options, nodeArgs });
  onCleanUp(() => worker.stop());
  progress(`${options.mode} worker ${worker.pid} polling after ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return worker;
}

export async function terminateAll(client: Client, workflowIds: string[]): Promise<void> {
  await inPool(workflowIds, 16, async (id) => {
    try {
      await client.workflow.getHandle(id).terminate('benchmark phase over');
    } catch {
      // Already closed.
    }
  });
}

export interface PhaseFigures {
  result: CycleRunResult;
  coursesPerMin: number;
  workerCpuS: number;
  serverCpuS: number;
  workerRssPeakMb: number;
  typicalHistory: HistoryFigures;
  /**
   * The driver's own event-loop delay, p99 and max in ms: the sink shares the driver's process,
   * so a high figure means part of a decision's measured latency was the benchmark's.
   */
  driverLoopDelayMs: { p99: number; max: number };
}

export async function cyclePhase(
  kind: 'course' | 'baseline',
  client: Client,
  /** The Temporal server's processes (the dev server, or a cluster's services) whose CPU the phase adds up. */
  serverPids: number[],
  address: string,
  options: { courses: number; stepSeconds: number },
  sink: SmtpSink,
  baselineStartActivities = 0,
): Promise<PhaseFigures & { worker: WorkerProcess }> {
  progress(`${kind}: ${options.courses} courses through one annual cycle, windows ${options.stepSeconds} s apart`);
  const worker = await startWorker({
    mode: kind,
    taskQueue: kind === 'course' ? 'kccp-courses' : 'bench-baseline',
    temporalAddress: address,
    smtpUrl: sink.url,
  });
  const cpu0 = worker.cpuSeconds();
  const serverCpu = () => serverPids.reduce((s, pid) => s + treeCpuSecondsOf(pid), 0);
  const server0 = serverCpu();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const result = await runAnnualCycle(kind, {
    client,
    courses: options.courses,
    stepMs: options.stepSeconds * 1000,
    prefix: kind === 'course' ? 'BENCH' : 'BASE',
    baselineTaskQueue: 'bench-baseline',
    baselineStartActivities,
  });
  loop.disable();
  const workerCpuS = worker.cpuSeconds() - cpu0;
  const serverCpuS = serverPids.length ? serverCpu() - server0 : Number.NaN;
  const typical = result.runs[Math.min(1, result.runs.length - 1)]!;
  const typicalHistory = await historyOf(client, typical.workflowId, typical.firstRunId);
  const minutes = (result.endedAt - result.startedAt) / 60_000;
  progress(`${kind}: ${options.courses} cycles in ${(minutes * 60).toFixed(1)} s, ${result.failures.length} failed`);
  return {
    worker,
    result,
    coursesPerMin: options.courses / minutes,
    workerCpuS,
    serverCpuS,
    workerRssPeakMb: worker.peakRssMb(),
    typicalHistory,
    driverLoopDelayMs: { p99: Math.round(loop.percentile(99) / 1e6), max: Math.round(loop.max / 1e6) },
  };
}
