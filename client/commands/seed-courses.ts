/**
 * Seeding demo courses shaped like the page's JFY2020
 * figures (domain/evaluation/seed-plan.ts), played through their first cycle
 * as staff would (scrutiny, survey, MOFA, nominations, selection, then the
 * implementation report, or the cancellation of the courses the plan cancels)
 * on a compressed calendar, so they wait in their
 * evaluation window within minutes. Later cycles follow a day per window.
 */
import type { Client } from '@temporalio/client';
import { compressedCalendar, toTokyoIso } from '../../domain/calendar';
import { countryInfo } from '../../domain/countries';
import type { CalendarOverrides, CourseSpec, CourseSpecInput } from '../../domain/course';
import type { DecisionInputOf } from '../../domain/decisions';
import { COUNTRIES_PER_COURSE, type SeedCourse, type SeedPlan } from '../../domain/evaluation/seed-plan';
import { courseWorkflowId } from '../../domain/reference';
import { sampleOutline } from '../../domain/sample-outlines';
import { decisionSignals, statusQuery } from '../../workflows/messages';
import { inLanes } from '../../platform/concurrency';
import { checkSpec, startCourse } from '../course-start';
import { badInput } from '../errors';
import { seedStages } from './seed-stages';

export { seedStages } from './seed-stages';

const DAY = 86_400_000;
const HOST_CENTRES = ['JICA Tokyo', 'JICA Tsukuba', 'JICA Kansai', 'JICA Chubu', 'JICA Kyushu', 'JICA Hokkaido'];

/** Cycle 1 a `stepMs` per window, its evaluation window open a day; cycles 2 and 3 a day per window after it. */
export function seedCalendar(start: number, stepMs: number): CalendarOverrides {
  const first = compressedCalendar(start, stepMs)['1']!;
  const evaluationOpens = start + 8 * stepMs;
  first.evaluation = { opens: toTokyoIso(evaluationOpens), closes: toTokyoIso(evaluationOpens + DAY) };
  const later = compressedCalendar(evaluationOpens + DAY, DAY);
  return { '1': first, '2': later['1'], '3': later['2'] };
}

/** A seed course as a spec input, before checks: `kccp catalogue seed` checks it, scripts/document-pages.ts prints it. */
export function seedSpecInput(
  course: SeedCourse,
  fiscalYear: number,
  calendar: CalendarOverrides | undefined,
  index: number,
): CourseSpecInput {
  const languages = [...new Set(['en', ...course.countries.map((c) => countryInfo(c.country)?.language ?? 'en')])];
  return {
    code: course.code,
    title: `${course.subject}: demo course ${index + 1}`,
    subject: course.subject,
    regions: course.regions,
    targetCountries: course.countries.map((c) => c.country),
    hostCentre: HOST_CENTRES[index % HOST_CENTRES.length]!,
    languages: languages as CourseSpecInput['languages'],
    firstCourseYear: fiscalYear,
    participationThreshold: COUNTRIES_PER_COURSE,
    ...(calendar ? { calendar } : {}),
    outline: sampleOutline(
      course.subject,
      index,
      course.countries.length,
      Math.min(20, Math.max(1, ...course.countries.map((c) => c.participants))),
    ),
  };
}

export function seedSpec(
  course: SeedCourse,
  fiscalYear: number,
  calendar: CalendarOverrides,
  index: number,
): CourseSpec {
  const check = checkSpec(seedSpecInput(course, fiscalYear, calendar, index));
  if (!check.ok) throw badInput(`seed course ${course.code}: ${check.reason}`);
  return check.spec;
}

export interface SeedOutcome {
  plan: SeedPlan;
  started: string[];
  existing: string[];
  /** Course code → the decision that failed and why: that course is left where it stopped. */
  failed: Record<string, string>;
  /** When cycle 1's evaluation window opens (Asia/Tokyo). */
  evaluationOpens: string;
}

export interface SeedRunOptions {
  stepMs: number;
  /** Time to start a group of courses before its first window opens; default: a step and a quarter second per course. */
  leadMs?: number;
  /** Courses started together on one calendar; the next group starts once these answer. */
  groupSize?: number;
  concurrency?: number;
  /** Widen later groups' windows when the worker was slow to take up the last group (default on). */
  adaptive?: boolean;
  onStage?: (stage: string, courses: number, group: number, stepMs: number) => void;
}

const MAX_ADAPTED_STEP_MS = 120_000;

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

/**
 * Starts the plan's courses and plays staff through cycle 1; resolves once
 * every course holds its implementation report (or, when the plan cancels
 * it, its cancellation) or has refused a decision.
 *
 * A busy worker runs a new course's first task late, and a course whose
 * scrutiny window has closed by then refuses to start. So courses start in
 * groups, each on its own calendar, and the next group starts only once this
 * one answers its status query: the worker is never handed more than it keeps
 * up with. Decisions go as signals: a whole window's worth of them takes one
 * workflow task per course, where updates would queue one task each.
 */
export async function seedCourses(client: Client, plan: SeedPlan, options: SeedRunOptions): Promise<SeedOutcome> {
  const groupSize = options.groupSize ?? 40;
  const outcome: SeedOutcome = { plan, started: [], existing: [], failed: {}, evaluationOpens: '' };
  const drives: Promise<void>[] = [];
  let stepMs = options.stepMs;
  for (let first = 0; first < plan.courses.length; first += groupSize) {
    const group = plan.courses.slice(first, first + groupSize);
    const start = Date.now() + (options.leadMs ?? stepMs + group.length * 250);
    const calendar = seedCalendar(start, stepMs);
    const started: SeedCourse[] = [];
    await inLanes(group, options.concurrency ?? 16, async (course) => {
      const result = await startCourse(
        client,
        seedSpec(course, plan.fiscalYear, calendar, plan.courses.indexOf(course)),
      );
      (result.started ? outcome.started : outcome.existing).push(course.code);
      if (result.started) started.push(course);
    });
    outcome.evaluationOpens = toTokyoIso(start + 8 * stepMs);
    const startedAt = Date.now();
    await answering(client, started, start + stepMs);
    drives.push(driveGroup(client, plan, started, { start, stepMs, group: first / groupSize + 1 }, options, outcome));
    // A worker slow to take up new courses is as slow with their decisions: give the next group wider windows.
    const lag = Date.now() - startedAt;
    // At most doubled per group and two minutes in all: the lag of a group includes the previous groups' load.
    if (options.adaptive !== false) {
      stepMs = Math.min(Math.max(stepMs, Math.ceil((4 * lag) / 1000) * 1000), 2 * stepMs, MAX_ADAPTED_STEP_MS);
    }
  }
  await Promise.all(drives);
  return outcome;
}

/** Waits until every course has run its first task (it answers a query), or the deadline passes. */
async function answering(client: Client, courses: SeedCourse[], deadline: number): Promise<void> {
  const waiting = new Set(courses.map((c) => c.code));
  while (waiting.size > 0 && Date.now() < deadline) {
    await inLanes([...waiting], 16, async (code) => {
      const status = await client.workflow
        .getHandle(courseWorkflowId(code))
        .query(statusQuery)
        .catch(() => undefined);
      if (status) waiting.delete(code);
    });
    if (waiting.size > 0) await sleepUntil(Date.now() + 250);
  }
}

async function driveGroup(
  client: Client,
  plan: SeedPlan,
  driven: SeedCourse[],
  { start, stepMs, group }: { start: number; stepMs: number; group: number },
  options: SeedRunOptions,
  outcome: SeedOutcome,
): Promise<void> {
  if (driven.length === 0) return;
  const concurrency = options.concurrency ?? 16;
  const margin = Math.min(stepMs * 0.2, 3_000);
  for (const { at, name } of seedStages(driven[0]!, plan.fiscalYear)) {
    await sleepUntil(start + at * stepMs + margin);
    const live = driven.filter((c) => !outcome.failed[c.code]);
    const acting = live.filter((c) => seedStages(c, plan.fiscalYear).find((x) => x.at === at)!.decisions.length > 0);
    if (acting.length > 0) options.onStage?.(name, acting.length, group, stepMs);
    await inLanes(live, concurrency, async (course) => {
      const handle = client.workflow.getHandle(courseWorkflowId(course.code));
      const { decisions } = seedStages(course, plan.fiscalYear).find((s) => s.at === at)!;
      for (const [i, d] of decisions.entries()) {
        const decision = {
          ...d.body,
          kind: d.kind,
          actor: 'kccp-seed',
          idempotencyKey: `seed-${course.code}-${at}-${i}`,
        } as DecisionInputOf<typeof d.kind>;
        try {
          await handle.signal(decisionSignals[d.kind], decision);
        } catch (error) {
          // A course that already failed (e.g. started too late for its own calendar) is reported, not fatal.
          outcome.failed[course.code] ??= `${d.kind}: ${(error as Error).message}`;
          return;
        }
      }
    });
  }
  // A refused signal is kept in the course's rejections; the report must be in before the evaluation window.
  const deadline = start + 8 * stepMs;
  const pending = new Set(driven.filter((c) => !outcome.failed[c.code]).map((c) => c.code));
  const planned = new Map(driven.map((c) => [c.code, c]));
  while (pending.size > 0) {
    await inLanes([...pending], concurrency, async (code) => {
      const status = await client.workflow
        .getHandle(courseWorkflowId(code))
        .query(statusQuery)
        .catch(() => undefined);
      if (!status) return; // asked again until the deadline
      const first = status.cycles.find((c) => c.cycle === 1);
      const ended = status.outcomes.find((o) => o.cycle === 1);
      if (status.rejections.length > 0)
        outcome.failed[code] = `${status.rejections[0]!.kind}: ${status.rejections[0]!.reason}`;
      else if (planned.get(code)!.cancelled) {
        if (!ended) return; // the cancellation has not been applied yet
        if (ended.phase !== 'Cancelled') outcome.failed[code] = `cycle 1 ended ${ended.phase}, not cancelled`;
      } else if (!first) outcome.failed[code] = `cycle 1 ended early (${ended?.notHeldReason ?? 'unknown'})`;
      else if (!first.decisions.some((d) => d.kind === 'implementationReport')) return;
      pending.delete(code);
    });
    if (pending.size === 0) break;
    if (Date.now() > deadline) {
      for (const code of pending)
        outcome.failed[code] = 'the implementation report was not recorded before the evaluation window';
      break;
    }
    await sleepUntil(Date.now() + 500);
  }
}
