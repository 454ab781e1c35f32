/**
 * Saturation: decisions sent as fast as the course workflow takes them, and the same count of
 * updates into the engine baseline, on the same server in the same run. Each of `courses` courses
 * invites every eligible country and all of them answer the request survey at once (at most 8
 * updates in flight per workflow: the server admits 10). The calendar and the mail are out of the
 * way: the measure starts once the survey window is open and the invitations have gone, so what
 * it counts is the cost of a decision on top of the engine's cost of an update.
 */
import type { Client } from '@temporalio/client';
import { buildDecision, sendDecision } from '../../client/decide';
import { checkSpec, startCourse } from '../../client/course-start';
import { openRunningCourse } from '../../client/course-access';
import { compressedCalendar } from '../../domain/calendar';
import { ELIGIBLE_COUNTRY_CODES } from '../../domain/countries';
import { baselineDecisionUpdate, baselineWorkflowType } from '../workflows/messages';
import {
  inPool,
  percentile,
  progress,
  workflowTaskFigures,
  workflowTasksSince,
  type WorkflowTaskFigures,
} from '../support/measure';
import { benchCourse } from '../support/scenario';
import type { SmtpSink } from '../support/smtp-sink';
import { untilIdle } from './scale';
import { startWorker, terminateAll } from './cycle-phase';

const DAY = 86_400_000;
const ACTOR = 'bench@kccp.jica.example';
const PER_WORKFLOW_IN_FLIGHT = 8;
/** Time to start the courses and record their plans before formulation closes and the survey opens. */
const FORMULATION_LEFT_MS = 15_000;

export interface SaturationRun {
  decisions: number;
  seconds: number;
  decisionsPerS: number;
  workflowTasksPerS: number;
  workerCpuMsPerDecision: number;
  latencyP50: number;
  latencyP95: number;
  /** Where the decisions waited: queued for the worker, or on it. */
  workflowTasks: WorkflowTaskFigures;
  failures: string[];
}

interface Target {
  workflowId: string;
  send(country: string, key: string): Promise<void>;
}

/** Sends every country's update to every target side by side and measures the burst. */
async function burst(
  client: Client,
  targets: Target[],
  workerCpuSeconds: () => number,
  label: string,
): Promise<SaturationRun> {
  const failures: string[] = [];
  const latencies: number[] = [];
  const cpu0 = workerCpuSeconds();
  const began = Date.now();
  const ticker = setInterval(() => progress(`${label}: ${latencies.length} decisions answered`), 10_000);
  try {
    await Promise.all(
      targets.map((target) =>
        inPool([...ELIGIBLE_COUNTRY_CODES], PER_WORKFLOW_IN_FLIGHT, async (country) => {
          const sent = performance.now();
          try {
            await target.send(country, `sat:${target.workflowId}:${country}`);
            latencies.push(performance.now() - sent);
          } catch (error) {
            failures.push(`${target.workflowId} ${country}: ${(error as Error).message}`);
          }
        }),
      ),
    );
  } finally {
    clearInterval(ticker);
  }
  const seconds = (Date.now() - began) / 1000;
  const cpuS = workerCpuSeconds() - cpu0;
  const times = { queue: [] as number[], worker: [] as number[] };
  for (const target of targets) {
    const own = await workflowTasksSince(client, target.workflowId, began);
    times.queue.push(...own.queue);
    times.worker.push(...own.worker);
  }
  const tasks = times.worker.length;
  return {
    decisions: latencies.length,
    seconds,
    decisionsPerS: latencies.length / seconds,
    workflowTasksPerS: tasks / seconds,
    workerCpuMsPerDecision: (cpuS * 1000) / Math.max(1, latencies.length),
    latencyP50: percentile(latencies, 50),
    latencyP95: percentile(latencies, 95),
    workflowTasks: workflowTaskFigures(times),
    failures,
  };
}

/** Every course's survey invitations received, so the mail they cost is not counted against the decisions. */
async function untilInvited(sink: SmtpSink, courses: number): Promise<void> {
  const expected = courses * ELIGIBLE_COUNTRY_CODES.length;
  const deadline = Date.now() + 20 * 60_000;
  const invited = () =>
    [...sink.noticesByCourse.entries()]
      .filter(([code]) => code.startsWith('SAT-'))
      .reduce((n, [, ids]) => n + [...ids].filter((id) => id.includes('.survey-invitation.')).length, 0);
  let last = 0;
  while (invited() < expected) {
    if (Date.now() > deadline) throw new Error(`only ${invited()} of ${expected} survey invitations arrived`);
    if (Date.now() - last > 10_000) {
      progress(`saturation course: ${invited()}/${expected} survey invitations received`);
      last = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function saturationPhase(
  kind: 'course' | 'baseline',
  client: Client,
  address: string,
  sink: SmtpSink,
  courses: number,
): Promise<SaturationRun> {
  const label = `saturation ${kind}`;
  const taskQueue = kind === 'course' ? 'kccp-courses' : 'bench-baseline';
  const worker = await startWorker({ mode: kind, taskQueue, temporalAddress: address, smtpUrl: sink.url });
  const indexes = Array.from({ length: courses }, (_, i) => i);
  const targets: Target[] = [];
  try {
    if (kind === 'course') {
      // Formulation open for FORMULATION_LEFT_MS more, then the survey for a day.
      const surveyOpens = Date.now() + FORMULATION_LEFT_MS;
      await inPool(indexes, 8, async (i) => {
        const course = benchCourse(i, { start: surveyOpens - DAY, stepMs: DAY, prefix: 'SAT', largest: true });
        const spec = checkSpec({ ...course.spec, calendar: compressedCalendar(surveyOpens - DAY, DAY) });
        if (!spec.ok) throw new Error(`${course.spec.code}: ${spec.reason}`);
        const started = await startCourse(client, spec.spec);
        if (!started.started) throw new Error(`${course.spec.code}: ${started.reason}`);
        const open = await openRunningCourse(client, course.spec.code);
        // A cycle with no plan recorded in formulation is not held (program rules).
        const plan = buildDecision(
          'plan',
          { summary: 'Lectures and field practice', materialChange: false },
          {
            as: ACTOR,
          },
        );
        const planned = await sendDecision(client, open, plan);
        if (!planned.accepted) throw new Error(`${course.spec.code}: plan refused: ${planned.reason}`);
        targets.push({
          workflowId: started.workflowId,
          async send(country, key) {
            const answer = buildDecision(
              'surveyResponse',
              { country, wantsToParticipate: true, expectedParticipants: 2 },
              { as: ACTOR },
              key,
            );
            const outcome = await sendDecision(client, open, answer);
            if (!outcome.accepted) throw new Error(`refused: ${outcome.reason}`);
          },
        });
      });
      if (Date.now() >= surveyOpens) throw new Error(`${courses} courses took longer than formulation lasts`);
      progress(`${label}: ${courses} courses planned; waiting for the survey to open and its invitations to go`);
      await new Promise((resolve) => setTimeout(resolve, surveyOpens - Date.now() + 1_000));
      await untilInvited(sink, courses);
    } else {
      await inPool(indexes, 8, async (i) => {
        const handle = await client.workflow.start(baselineWorkflowType, {
          workflowId: `baseline-sat-${i + 1}`,
          taskQueue,
          args: [{ wakeAt: [] }],
        });
        targets.push({
          workflowId: handle.workflowId,
          async send() {
            await handle.executeUpdate(baselineDecisionUpdate, { args: [{ activities: 0 }] });
          },
        });
      });
    }
    await untilIdle(() => worker.cpuSeconds());
    progress(`${label}: ${courses} × ${ELIGIBLE_COUNTRY_CODES.length} decisions, at most 8 in flight per workflow`);
    const run = await burst(client, targets, () => worker.cpuSeconds(), label);
    const died = worker.exited();
    if (died) run.failures.push(died);
    progress(`${label}: ${run.decisions} in ${run.seconds.toFixed(1)} s, ${run.decisionsPerS.toFixed(1)}/s`);
    return run;
  } finally {
    await worker.stop();
    await terminateAll(
      client,
      targets.map((t) => t.workflowId),
    );
  }
}
