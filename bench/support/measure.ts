/** Small measuring helpers: percentiles, the machine, a course's history, the dev server's files. */
import { statSync } from 'node:fs';
import os from 'node:os';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export interface Machine {
  cpu_model: string;
  cores: number;
  memory_gb: number;
  node_version: string;
  platform: string;
  load_average_at_start: number[];
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory_gb: round(os.totalmem() / 1024 ** 3, 1),
    node_version: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    load_average_at_start: os.loadavg().map((l) => round(l, 2)),
  };
}

export interface HistoryFigures {
  events: number;
  bytes: number;
  byType: Record<string, number>;
  /** Where a run's decisions waited: its workflow tasks queued (scheduled → started) and on the worker (started → completed). */
  workflowTasks: WorkflowTaskFigures;
}

export interface WorkflowTaskFigures {
  count: number;
  queue_ms_p50: number;
  queue_ms_p95: number;
  worker_ms_p50: number;
  worker_ms_p95: number;
  worker_ms_max: number;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const eventMs = (e: HistoryEvent | undefined) =>
  e?.eventTime ? Number(e.eventTime.seconds ?? 0) * 1000 + (e.eventTime.nanos ?? 0) / 1e6 : Number.NaN;

export interface WorkflowTaskTimes {
  queue: number[];
  worker: number[];
}

/** Queue and worker time of each workflow task completed at or after `since`, from the events' own timestamps. */
export function workflowTaskTimes(events: HistoryEvent[], since = 0): WorkflowTaskTimes {
  const byId = new Map(events.map((e) => [Number(e.eventId), e]));
  const times: WorkflowTaskTimes = { queue: [], worker: [] };
  for (const e of events) {
    const startedId = e.workflowTaskCompletedEventAttributes?.startedEventId;
    if (startedId == null || eventMs(e) < since) continue;
    const started = byId.get(Number(startedId));
    const scheduled = byId.get(Number(started?.workflowTaskStartedEventAttributes?.scheduledEventId));
    times.worker.push(eventMs(e) - eventMs(started));
    times.queue.push(eventMs(started) - eventMs(scheduled));
  }
  return times;
}

export function workflowTaskFigures({ queue, worker }: WorkflowTaskTimes): WorkflowTaskFigures {
  return {
    count: worker.length,
    queue_ms_p50: round(percentile(queue, 50)),
    queue_ms_p95: round(percentile(queue, 95)),
    worker_ms_p50: round(percentile(worker, 50)),
    worker_ms_p95: round(percentile(worker, 95)),
    worker_ms_max: round(Math.max(...worker)),
  };
}

/** Every event of a run (the current run when `runId` is left out). */
export async function historyEvents(client: Client, workflowId: string, runId?: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId, runId },
      nextPageToken,
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return events;
}

/** Events and encoded bytes of one run's history (the run that continued-as-new is one cycle). */
export async function historyOf(client: Client, workflowId: string, runId: string): Promise<HistoryFigures> {
  const events = await historyEvents(client, workflowId, runId);
  const bytes = temporal.api.history.v1.History.encode({ events }).finish().length;
  const byType: Record<string, number> = {};
  for (const e of events) {
    const type = temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType);
    const short = type.replace(/^EVENT_TYPE_/, '');
    byType[short] = (byType[short] ?? 0) + 1;
  }
  return { events: events.length, bytes, byType, workflowTasks: workflowTaskFigures(workflowTaskTimes(events)) };
}

/** The SQLite database with its write-ahead log, in MiB. */
export function databaseMb(dbFile: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      bytes += statSync(dbFile + suffix).size;
    } catch {
      // No such file: nothing written there yet.
    }
  }
  return bytes / 1024 ** 2;
}

/** Runs `work` over items with at most `limit` in flight. */
export async function inPool<T>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}

/** Progress on stderr, one line at a time: stdout is kept for the results. */
export function progress(message: string): void {
  const at = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${at}] ${message}\n`);
}

/** Queue and worker time of the workflow tasks the current run of a workflow completed since `since` (epoch ms). */
export async function workflowTasksSince(
  client: Client,
  workflowId: string,
  since: number,
): Promise<WorkflowTaskTimes> {
  return workflowTaskTimes(await historyEvents(client, workflowId), since);
}
