/**
 * N courses through one annual cycle, driven like staff would: each decision
 * sent when its window opens, the cycle's end awaited as the first run's
 * continue-as-new. The same driver runs the real course workflow (through the
 * admin client's own functions) and the engine baseline.
 */
import { WorkflowContinuedAsNewError, type Client } from '@temporalio/client';
import { buildDecision, sendDecision } from '../../client/decide';
import { checkSpec, startCourse } from '../../client/course-start';
import { openRunningCourse, type OpenCourse } from '../../client/course-access';
import type { CourseSpec } from '../../domain/course';
import type { DecisionKind } from '../../domain/decisions';
import { baselineDecisionUpdate, baselineWorkflowType, type BaselineInput } from '../workflows/messages';
import { inPool, progress } from '../support/measure';
import { benchCourse, cycleOneWakeUps, type BenchCourse, type PlannedDecision } from '../support/scenario';

export interface CycleRunOptions {
  client: Client;
  courses: number;
  stepMs: number;
  prefix: string;
  /** Task queue of the baseline worker (the course worker polls the service's own). */
  baselineTaskQueue: string;
  /** Activities a course runs on starting, counted from a real course's history. */
  baselineStartActivities?: number;
}

export interface CourseRun {
  course: BenchCourse;
  workflowId: string;
  firstRunId: string;
  startedAt: number;
  endedAt?: number;
  failure?: string;
}

export interface CycleRunResult {
  runs: CourseRun[];
  /** Round trip of every decision, ms. */
  latencies: number[];
  /** The same round trips by decision kind, to tell which kind is slow. */
  latenciesByKind: Record<string, number[]>;
  /** Decisions answered (or refused) after their window had closed: each one a course that fell behind. */
  missedWindows: number;
  startedAt: number;
  endedAt: number;
  failures: string[];
}

const ACTOR = 'bench@kccp.jica.example';
/** Decisions go out this far into their window: after it opens, well before it closes. */
const MARGIN = 0.05;
/**
 * Updates in flight at once to the one course that has every country answering.
 * The server admits at most 10 in-flight updates per workflow (history.maxInFlightUpdates);
 * past that it refuses and the client retries with backoff: at 16 the slowest
 * survey answers took 15 s.
 */
const PER_COURSE_CONCURRENCY = 8;
/** From a course's start to its formulation window opening. */
const START_LEAD_MS = 2_000;

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

interface Driver {
  start(course: BenchCourse, spec: CourseSpec): Promise<{ workflowId: string; firstRunId: string }>;
  decide(run: CourseRun, decision: PlannedDecision, key: string): Promise<void>;
}

function courseDriver(client: Client): Driver {
  const open = new Map<string, Promise<OpenCourse>>();
  return {
    async start(_course, spec) {
      const outcome = await startCourse(client, spec);
      if (!outcome.started) throw new Error(outcome.reason);
      return { workflowId: outcome.workflowId, firstRunId: outcome.runId };
    },
    async decide(run, planned, key) {
      const code = run.course.spec.code;
      if (!open.has(code)) open.set(code, openRunningCourse(client, code));
      const course = await open.get(code)!;
      const decision = buildDecision(planned.kind as DecisionKind, planned.body as never, { as: ACTOR }, key);
      const outcome = await sendDecision(client, course, decision);
      if (!outcome.accepted) throw new Error(`${planned.kind} rejected: ${outcome.reason}`);
      if (planned.endsCycle && outcome.answer.phase !== 'Completed') {
        throw new Error(`cycle 1 is ${outcome.answer.phase} after its evaluation, expected Completed`);
      }
    },
  };
}

function baselineDriver(client: Client, taskQueue: string, startActivities: number): Driver {
  return {
    async start(_course, spec) {
      const input: BaselineInput = { wakeAt: cycleOneWakeUps(spec, Date.now()), startActivities };
      const handle = await client.workflow.start(baselineWorkflowType, {
        workflowId: `baseline-${spec.code}`,
        taskQueue,
        args: [input],
      });
      return { workflowId: handle.workflowId, firstRunId: handle.firstExecutionRunId };
    },
    async decide(run, planned) {
      const handle = client.workflow.getHandle(run.workflowId);
      await handle.executeUpdate(baselineDecisionUpdate, {
        args: [{ activities: planned.activities, endsCycle: planned.endsCycle }],
      });
    },
  };
}

export async function runAnnualCycle(kind: 'course' | 'baseline', options: CycleRunOptions): Promise<CycleRunResult> {
  const { client, courses, stepMs } = options;
  const driver =
    kind === 'course'
      ? courseDriver(client)
      : baselineDriver(client, options.baselineTaskQueue, options.baselineStartActivities ?? 0);
  const runs: CourseRun[] = [];
  const latencies: number[] = [];
  const latenciesByKind: Record<string, number[]> = {};
  const record = (kind: string, ms: number) => {
    latencies.push(ms);
    (latenciesByKind[kind] ??= []).push(ms);
  };
  const failures: string[] = [];
  const startedAt = Date.now();
  let finished = 0;
  let missedWindows = 0;
  const missed = () => {
    missedWindows += 1;
  };
  const ticker = setInterval(
    () =>
      progress(
        `${kind}: ${runs.filter(Boolean).length} started, ${finished} cycles ended, ${latencies.length} decisions sent`,
      ),
    10_000,
  );
  const cycles: Promise<void>[] = [];
  try {
    // Each course's calendar starts as it is started, so the start rate (the machine's) staggers them.
    await inPool(
      Array.from({ length: courses }, (_, i) => i),
      16,
      async (index) => {
        const course = benchCourse(index, {
          start: Date.now() + START_LEAD_MS,
          stepMs,
          prefix: options.prefix,
          largest: index === 0,
        });
        const spec = checkSpec(course.spec);
        if (!spec.ok) throw new Error(`${course.spec.code}: ${spec.reason}`);
        const run: CourseRun = { course, startedAt: Date.now(), ...(await driver.start(course, spec.spec)) };
        runs[index] = run;
        cycles.push(
          (async () => {
            try {
              await driveOne(run, driver, stepMs, record, missed);
              await awaitContinueAsNew(client, run);
              run.endedAt = Date.now();
            } catch (error) {
              run.failure = `${run.course.spec.code}: ${(error as Error).message}`;
              failures.push(run.failure);
            } finally {
              finished += 1;
            }
          })(),
        );
      },
    );
    progress(`${kind}: ${courses} started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    await Promise.all(cycles);
  } finally {
    clearInterval(ticker);
  }
  const endedAt = Math.max(...runs.map((r) => r.endedAt ?? Date.now()));
  return {
    runs,
    latencies,
    latenciesByKind,
    missedWindows,
    startedAt: Math.min(...runs.map((r) => r.startedAt)),
    endedAt,
    failures,
  };
}

async function driveOne(
  run: CourseRun,
  driver: Driver,
  stepMs: number,
  record: (kind: string, ms: number) => void,
  missed: () => void,
): Promise<void> {
  const byStep = new Map<number, PlannedDecision[]>();
  for (const d of run.course.plan) byStep.set(d.step, [...(byStep.get(d.step) ?? []), d]);
  let seq = 0;
  for (const [step, decisions] of [...byStep.entries()].sort((a, b) => a[0] - b[0])) {
    await sleepUntil(run.course.calendarStart + (step + MARGIN) * stepMs);
    // The plan, or the scrutiny decision, first; then the rest of the window's decisions side by side.
    const [first, ...rest] = decisions;
    const send = async (d: PlannedDecision) => {
      const key = `bench:${run.course.spec.code}:${d.kind}:${seq++}`;
      const began = performance.now();
      const closes = run.course.calendarStart + (step + 1) * stepMs;
      try {
        await driver.decide(run, d, key);
      } catch (error) {
        if (Date.now() > closes) missed();
        throw error;
      }
      record(d.kind, performance.now() - began);
      if (Date.now() > closes) {
        missed();
        throw new Error(`${d.kind} answered after its window closed: the step is too short for this machine`);
      }
    };
    await send(first!);
    await inPool(rest, PER_COURSE_CONCURRENCY, send);
  }
}

/** The cycle has ended when the first run continued as new (and did not fail or complete). */
async function awaitContinueAsNew(client: Client, run: CourseRun): Promise<void> {
  const handle = client.workflow.getHandle(run.workflowId, run.firstRunId, { followRuns: false });
  try {
    await handle.result();
  } catch (error) {
    if (error instanceof WorkflowContinuedAsNewError) return;
    throw error;
  }
  throw new Error('the first run completed instead of continuing as new');
}
