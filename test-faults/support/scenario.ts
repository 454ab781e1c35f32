/**
 * The course cycle the fault tests run in real time: windows open now and a
 * few seconds long, decisions sent by a driver on the clock (as staff would
 * on the day), and the notices a fault-free run sends; outcomes.ts reads what a run left.
 *
 * Cycle 1 of each course: scrutiny and the request survey are open at start
 * and close after `surveyMs`; MOFA, nominations and selection follow each
 * `windowMs` apart; the stay in
 * Japan, return and evaluation pass in a second each; the cycle completes and
 * the course continues as new into cycle 2, weeks away.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { COURSE_WORKFLOWS_PATH, SHARED_WORKFLOW_MODULES } from '../../worker/workflow-modules';
import { noticeMessageId } from '../../activities/contracts';
import { compressedCalendar, toTokyoIso } from '../../domain/calendar';
import { courseSpecSchema, type CourseSpecInput } from '../../domain/course';
import type { DecisionInputOf, DecisionKind } from '../../domain/decisions';
import { courseWorkflowId } from '../../domain/reference';
import { courseLifecycle } from '../../workflows/course-lifecycle';
import { updateOf } from '../../workflows/messages';
import { CourseCode, CoursePhase, CourseSubject } from '../../workflows/search-attributes';

const DAY = 86_400_000;
const SECOND = 1_000;

export const PARTICIPANTS = ['KE', 'PE', 'SN'] as const;
export const NOMINATING = ['KE', 'SN'] as const;

export interface FaultCourse {
  code: string;
  /** Start of cycle 1's clock: the survey closes at start + surveyMs. */
  start: number;
  windowMs: number;
  /** Length of the scrutiny and survey window from start; 2 × windowMs unless given. */
  surveyMs?: number;
  taskQueue: string;
}

export function faultCourseSpec(course: FaultCourse): CourseSpecInput {
  const { start, windowMs: w } = course;
  const s = surveyMs(course);
  const at = (ms: number) => toTokyoIso(start + ms);
  const later = compressedCalendar(start + 30 * DAY, DAY);
  return {
    code: course.code,
    title: 'Sustainable Rice Production for Food Security',
    subject: 'Agricultural Development',
    regions: ['Africa'],
    targetCountries: ['KE', 'SN', 'PE', 'VN', 'BD'],
    hostCentre: 'JICA Tsukuba',
    languages: ['en', 'fr', 'es'],
    firstCourseYear: 2027,
    participationThreshold: 3,
    calendar: {
      '1': {
        formulation: { opens: at(-2 * DAY), closes: at(-DAY) },
        scrutiny: { opens: at(-DAY), closes: at(s) },
        requestSurvey: { opens: at(-DAY), closes: at(s) },
        mofaDetermination: { opens: at(s), closes: at(s + w) },
        nominations: { opens: at(s), closes: at(s + 2 * w) },
        selection: { opens: at(s + 2 * w), closes: at(s + 3 * w) },
        preArrival: { opens: at(s + 3 * w), closes: at(s + 3 * w + SECOND) },
        inJapan: { opens: at(s + 3 * w + SECOND), closes: at(s + 3 * w + 2 * SECOND) },
        postReturn: { opens: at(s + 3 * w + 2 * SECOND), closes: at(s + 3 * w + 3 * SECOND) },
        evaluation: { opens: at(s + 3 * w + 3 * SECOND), closes: at(s + 3 * w + 4 * SECOND) },
      },
      '2': later['2'],
      '3': later['3'],
    },
  };
}

/**
 * The survey window is the longest: the course's first workflow task must run
 * before it closes (the workflow refuses a course whose scrutiny has already
 * closed), and a cold worker on a busy machine takes a while for its first tasks.
 */
const surveyMs = (course: FaultCourse) => course.surveyMs ?? 2 * course.windowMs;

/** When cycle 1 of a course completes if nothing is late. */
export const cycleEnd = (course: FaultCourse) => course.start + surveyMs(course) + 3 * course.windowMs + 4 * SECOND;

export async function startFaultCourse(client: Client, course: FaultCourse): Promise<void> {
  const spec = courseSpecSchema.parse(faultCourseSpec(course));
  await client.workflow.start(courseLifecycle, {
    workflowId: courseWorkflowId(spec.code),
    taskQueue: course.taskQueue,
    args: [{ spec }],
    typedSearchAttributes: [
      { key: CourseCode, value: spec.code },
      { key: CourseSubject, value: spec.subject },
      { key: CoursePhase, value: 'Scheduled' },
    ],
  });
}

const sleepUntil = (t: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, t - Date.now())));

/**
 * Sends one decision as an update until the course answers: an outage (worker
 * killed, server restarting) is retried with the same idempotency key and
 * update id, so the decision counts once; a rejection is final and thrown.
 */
export async function decideReliably<K extends DecisionKind>(
  client: Client,
  code: string,
  kind: K,
  decision: DecisionInputOf<K> & { idempotencyKey: string },
  deadline: number,
): Promise<void> {
  const handle = client.workflow.getHandle(courseWorkflowId(code));
  let lastError: unknown;
  const began = Date.now();
  let attempts = 0;
  while (Date.now() < deadline) {
    try {
      attempts += 1;
      await handle.executeUpdate(updateOf(kind), {
        args: [decision],
        updateId: decision.idempotencyKey,
      });
      if (process.env.FAULTS_DEBUG) console.log(`${code} ${kind}: ${Date.now() - began} ms, ${attempts} attempts`);
      return;
    } catch (error) {
      const cause = (error as { cause?: Error }).cause;
      if (error instanceof WorkflowUpdateFailedError || (error as Error).name === 'WorkflowUpdateFailedError') {
        throw new Error(`${code}: ${kind} rejected: ${cause?.message ?? (error as Error).message}`, { cause: error });
      }
      lastError = cause ?? error;
      if (process.env.FAULTS_DEBUG)
        console.log(
          `${code} ${kind}: attempt ${attempts} after ${Date.now() - began} ms: ${(lastError as Error).message}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(
    `${code}: ${kind} not answered before its window closed: ${(lastError as Error | undefined)?.message}`,
  );
}

const actor = 'tanaka@jica.example';

export interface DriveOptions {
  /** When MOFA decides, after its window opens (300 ms): later, and the MOFA liaison is reminded first. */
  mofaAfterMs?: number;
}

/** Staff's side of cycle 1, on the clock. */
export async function driveCourse(client: Client, course: FaultCourse, options: DriveOptions = {}): Promise<void> {
  const { code, windowMs: w } = course;
  // From here on, times count from the close of the survey.
  const start = course.start + surveyMs(course) - w;
  const key = (label: string) => `fault-${code}-${label}`;
  const send = <K extends DecisionKind>(kind: K, label: string, body: Record<string, unknown>, closes: number) =>
    decideReliably(client, code, kind, { actor, idempotencyKey: key(label), kind, ...body } as never, closes);

  await send('scrutiny', 'scrutiny', { result: 'pass', reasons: ['Japanese expertise in irrigation'] }, start + w);
  for (const country of PARTICIPANTS) {
    await send(
      'surveyResponse',
      `survey-${country}`,
      { country, wantsToParticipate: true, expectedParticipants: 2 },
      start + w,
    );
  }
  await sleepUntil(start + w + (options.mofaAfterMs ?? 300));
  await send('mofaDetermination', 'mofa', { approved: true, reference: `MOFA-${code}` }, start + 2 * w);
  for (const country of NOMINATING) {
    const name = `Nominee ${country}`;
    await send(
      'nominations',
      `nominations-${country}`,
      {
        country,
        organizations: ['Ministry of Agriculture'],
        nominees: [
          {
            name,
            position: 'Director',
            email: `nominee.${country.toLowerCase()}@gov.example`,
            organization: 'Ministry of Agriculture',
          },
        ],
      },
      start + 3 * w,
    );
  }
  await sleepUntil(start + 3 * w + 300);
  await send(
    'selection',
    'selection',
    { participants: NOMINATING.map((country) => ({ country, nominees: [`Nominee ${country}`] })) },
    start + 4 * w,
  );
}

/** Government notices a fault-free cycle 1 sends, by Message-ID. */
export function expectedNotices(code: string): string[] {
  return [
    ...PARTICIPANTS.map((c) => noticeMessageId(code, 1, 'course-notification', c)),
    ...PARTICIPANTS.map((c) => noticeMessageId(code, 1, 'general-information', c)),
    ...NOMINATING.map((c) => noticeMessageId(code, 1, 'nomination-acknowledgement', c)),
    ...NOMINATING.map((c) => noticeMessageId(code, 1, 'selection-result', c)),
  ];
}

/** Bundles workflows/ once, optionally with test-only workflow interceptors, to a file the worker children load. */
export async function bundleToFile(dir: string, workflowInterceptorModules: string[] = []): Promise<string> {
  const ignore = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: COURSE_WORKFLOWS_PATH,
    preloadModules: SHARED_WORKFLOW_MODULES,
    workflowInterceptorModules,
    logger: {
      log: ignore,
      trace: ignore,
      debug: ignore,
      info: ignore,
      warn: ignore,
      error: (m: string) => console.error(m),
    },
  });
  const file = path.join(dir, 'workflow-bundle.js');
  writeFileSync(file, code);
  return file;
}
