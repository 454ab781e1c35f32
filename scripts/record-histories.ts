/**
 * Records the histories that the replay test keeps: one course driven through
 * its three cycles (one workflow run per cycle, joined by continue-as-new) and
 * one whose first cycle fails scrutiny. Run it when a workflow shape ships:
 *
 *   npx tsx scripts/record-histories.ts [label]
 *   npx tsx scripts/record-histories.ts <label> --evaluation   (the yearly evaluation's runs)
 *
 * From v4 (participant-documents-v1) the held course also records, each cycle, one participant's
 * action plan coming back after the return, so the stored shape has the follow-up's request,
 * reminders and decision.
 *
 * and commit test/histories/<label>/. Never re-record over a shipped label:
 * those files are the proof that courses started under that code still replay.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { compressedCourse, DAY, decision } from '../test/fixtures/courses';
import { driveHeldCycle, record, startCourse, untilScrutiny } from '../test/support/course-harness';
import { waitFor } from '../test/support/wait-for';
import { createRecordingActivities } from '../test/support/recording-activities';
import { bundleWorkflowCodeOnce, startTimeSkipping } from '../test/support/temporal';
import { recordEvaluationHistories } from './record-evaluation-histories';

const HOUR = 3_600_000;

/** Follows continue-as-new from the first run and returns every run's history. */
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

async function main(): Promise<void> {
  const label = process.argv[2] ?? 'v1';
  const dir = join(__dirname, '..', 'test', 'histories', label);
  mkdirSync(dir, { recursive: true });
  if (process.argv.includes('--evaluation')) {
    await recordEvaluationHistories(dir);
    console.error(`histories written to ${dir}`);
    return;
  }
  const env = await startTimeSkipping();
  const taskQueue = `record-${randomUUID()}`;
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await bundleWorkflowCodeOnce(require.resolve('../workflows')),
      activities: createRecordingActivities(),
    });
    await worker.runUntil(async () => {
      const now = Number(await env.currentTimeMs());
      const held = await startCourse(env.client, compressedCourse('HIST-HELD-01', now + HOUR, DAY), taskQueue);
      const actionPlans = label >= 'v4';
      for (const cycle of [1, 2, 3] as const) {
        console.error(`recording: cycle ${cycle} of HIST-HELD-01`);
        const planBack = () =>
          record(
            held,
            'actionPlanReceived',
            decision('actionPlanReceived', { country: 'KE', participant: 'Amina Otieno', cycle }),
          );
        await driveHeldCycle(env, held, cycle, cycle === 1, actionPlans ? planBack : undefined);
      }
      await held.result();
      const runs = await runHistories(env.client, held.workflowId, held.firstExecutionRunId);
      runs.forEach((history, i) => writeFileSync(join(dir, `held-course-run-${i + 1}.json`), historyToJSON(history)));

      console.error('recording: HIST-FAIL-01 (scrutiny fails)');
      const later = Number(await env.currentTimeMs());
      const failed = await startCourse(env.client, compressedCourse('HIST-FAIL-01', later + HOUR, DAY), taskQueue);
      await untilScrutiny(env, failed);
      await record(
        failed,
        'surveyResponse',
        decision('surveyResponse', { country: 'KE', wantsToParticipate: true, expectedParticipants: 1 }),
      );
      await record(
        failed,
        'scrutiny',
        decision('scrutiny', { result: 'fail', reasons: ['No reason to hold it in Japan'] }),
      );
      // The first run ends with the cycle: wait for continue-as-new without moving the clock.
      await waitFor(async () => ((await failed.describe()).runId !== failed.firstExecutionRunId ? true : undefined), {
        description: 'HIST-FAIL-01 continued as new',
      });
      const [first] = await runHistories(env.client, failed.workflowId, failed.firstExecutionRunId);
      writeFileSync(join(dir, 'scrutiny-failed-run-1.json'), historyToJSON(first));
      await failed.terminate('recorded');
    });
    console.error(`histories written to ${dir}`);
  } finally {
    await env.teardown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
