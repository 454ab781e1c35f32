/**
 * What creating a course run costs the worker's one workflow thread: the first workflow task of a
 * new course and of a continued run, replayed from the stored histories (test/histories/v5) many
 * times with the production bundle. Every start, continue-as-new and course the workflow cache
 * evicted pays it, and it runs before any other course's task on that thread (issue 20).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { bundleWorkflowCodeOnce } from '../../test/support/temporal';

const HISTORIES = path.join(__dirname, '..', '..', 'test', 'histories', 'v5');
const WARM_UP = 20;
const RUNS = 200;

export interface RunStartResult {
  /** ms per run on the worker, first task only. */
  newCourseMs: number;
  continuedRunMs: number;
}

/** The stored history up to its second workflow task: the run's creation and first task. */
function firstTaskOf(file: string): temporal.api.history.v1.IHistory {
  const raw = JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')) as { events: { eventType: string }[] };
  const tasks = raw.events.flatMap((e, i) => (e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED' ? [i] : []));
  const secondTask = tasks[1] ?? raw.events.length;
  return historyFromJSON({ ...raw, events: raw.events.slice(0, secondTask) });
}

async function msPerRun(workflowBundle: Awaited<ReturnType<typeof bundleWorkflowCodeOnce>>, file: string) {
  const history = firstTaskOf(file);
  const replay = async (count: number, label: string) => {
    const many = Array.from({ length: count }, (_, i) => ({ workflowId: `${label}-${i}`, history }));
    for await (const result of Worker.runReplayHistories({ workflowBundle }, many)) {
      if (result.error) throw new Error(`${file} did not replay: ${String(result.error)}`);
    }
  };
  await replay(WARM_UP, 'warm');
  const began = performance.now();
  await replay(RUNS, 'run');
  return (performance.now() - began) / RUNS;
}

export async function courseRunStart(): Promise<RunStartResult> {
  const workflowBundle = await bundleWorkflowCodeOnce(require.resolve('../../workflows'));
  return {
    newCourseMs: await msPerRun(workflowBundle, 'held-course-run-1.json'),
    continuedRunMs: await msPerRun(workflowBundle, 'held-course-run-2.json'),
  };
}
