/**
 * Records the yearly evaluation's histories for the replay test: one
 * evaluation over six courses, listed one per page, on a dev server told to
 * suggest continue-as-new after 30 events, so the evaluation continues as
 * new with its carried state. Run by `npx tsx scripts/record-histories.ts
 * <label> --evaluation`; commit test/histories/<label>/.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { createEvaluationActivities } from '../activities/evaluation';
import { loadStaffRoster } from '../activities/directory';
import { TASK_QUEUE } from '../domain/reference';
import { compressedCourse, DAY } from '../test/fixtures/courses';
import { startCourse } from '../test/support/course-harness';
import { createRecordingActivities } from '../test/support/recording-activities';
import { bundleWorkflowCodeOnce, startDevServer } from '../test/support/temporal';
import { waitFor } from '../test/support/wait-for';
import { yearlyEvaluation } from '../workflows/evaluation';

// Six courses a page each: the evaluation passes 30 events (the threshold set below) after a few pages, while a
// course waiting for its first window stays under it (a lower threshold had the courses continue as new in a loop).
const COURSES = [1, 2, 3, 4, 5, 6].map((n) => `HIST-EVAL-0${n}`);

async function runHistories(client: Client, workflowId: string, firstRunId: string) {
  const runs = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>> =
      await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push(history);
    const last = history.events?.[history.events.length - 1] ?? undefined;
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

export async function recordEvaluationHistories(dir: string): Promise<void> {
  const env = await startDevServer({
    extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=30'],
  });
  const reportsDir = await mkdtemp(join(os.tmpdir(), 'kccp-record-reports-'));
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: await bundleWorkflowCodeOnce(require.resolve('../workflows')),
      activities: {
        ...createRecordingActivities(),
        ...createEvaluationActivities({
          client: env.client,
          reportsDir,
          roster: loadStaffRoster(),
          from: 'JICA KCCP <kccp@kccp.jica.example>',
          transport: {
            mode: 'outbox',
            send: async (mail) => ({ accepted: mail.message.to as string[], rejected: [] }),
            close: async () => undefined,
          },
        }),
      },
    });
    await worker.runUntil(async () => {
      const start = Date.now() + DAY;
      for (const code of COURSES) await startCourse(env.client, compressedCourse(code, start, DAY), TASK_QUEUE);
      // The courses' FiscalYear comes from their calendar: evaluate the year they are listed under.
      const fiscalYear = await waitFor(
        async () => {
          const years: number[] = [];
          for await (const w of env.client.workflow.list({
            query: `WorkflowType = 'courseLifecycle' AND ExecutionStatus = 'Running'`,
          })) {
            // The listing's typed attributes leave this INT out; the raw ones carry it.
            const year = (w.searchAttributes?.FiscalYear as number[] | undefined)?.[0];
            if (year !== undefined) years.push(year);
          }
          return years.length === COURSES.length ? years[0] : undefined;
        },
        { timeoutMs: 180_000, description: 'the courses listed with their FiscalYear' },
      );
      const handle = await env.client.workflow.start(yearlyEvaluation, {
        workflowId: `hist-evaluation-JFY${fiscalYear}`,
        taskQueue: TASK_QUEUE,
        args: [{ fiscalYear, pageSize: 1, batchSize: 1 }],
      });
      console.error(`recording: evaluation of JFY${fiscalYear}`, JSON.stringify(await handle.result()));
      const runs = await runHistories(env.client, handle.workflowId, handle.firstExecutionRunId);
      if (runs.length < 2) throw new Error(`the evaluation did not continue as new (${runs.length} run)`);
      runs.forEach((history, i) => writeFileSync(join(dir, `evaluation-run-${i + 1}.json`), historyToJSON(history)));
    });
  } finally {
    await env.teardown();
    await rm(reportsDir, { recursive: true, force: true });
  }
}
