/** Starting a course's workflow so it is findable at once: search attributes, memo, summary and details. */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { compressedCalendar, courseCalendar, fiscalYearOf } from '../domain/calendar';
import { isEligibleCountry } from '../domain/countries';
import type { CourseSpec, CourseSpecInput } from '../domain/course';
import { checkCourseSpec, courseIndex, createCourseState } from '../domain/lifecycle';
import { courseWorkflowId, TASK_QUEUE } from '../domain/reference';
import { courseLifecycleWorkflowType, type CourseWorkflowInput } from '../workflows/messages';
import { CourseCode, CourseCycle, CoursePhase, CourseSubject, FiscalYear } from '../workflows/search-attributes';
import { tokyo } from './output';

/** Memo kept beside the search attributes: what `kccp list` shows and filters on (regions have no search attribute). */
export interface CourseMemo {
  title: string;
  regions: string[];
}

/** A spec the workflow will accept, or the reason it would not (checked here, before sending). */
export function checkSpec(
  input: unknown,
  now = Date.now(),
): { ok: true; spec: CourseSpec } | { ok: false; reason: string } {
  const check = checkCourseSpec(input, now);
  if (!check.ok) return check;
  const unknown = check.spec.targetCountries.filter((c) => !isEligibleCountry(c));
  if (unknown.length) {
    return {
      ok: false,
      reason: `unknown country code: targetCountries: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a country' : 'are not countries'} KCCP serves`,
    };
  }
  return check;
}

/** Windows `minutes` apart from now, for demos: a whole cycle in ten steps. */
export function withDemoCalendar(
  input: Partial<CourseSpecInput>,
  minutes: number,
  now = Date.now(),
): Partial<CourseSpecInput> {
  return {
    firstCourseYear: fiscalYearOf(now) + 1,
    ...input,
    calendar: compressedCalendar(now, Math.round(minutes * 60_000)),
  };
}

function staticDetails(spec: CourseSpec): string {
  const [first, , last] = courseCalendar(spec);
  return [
    `**${spec.code}** ${spec.title}\n`,
    `- Subject: ${spec.subject}`,
    `- Regions: ${spec.regions.join(', ') || '(the countries below)'}`,
    `- Target countries: ${spec.targetCountries.join(', ')}`,
    `- Host centre: ${spec.hostCentre}`,
    `- Notice languages: ${spec.languages.join(', ')}`,
    `- Cycles: JFY${first!.fiscalYear}–JFY${last!.fiscalYear}; scrutiny of cycle 1 closes ${tokyo(first!.windows.scrutiny.closes)}`,
    `- Participation threshold: ${spec.participationThreshold} requesting countries`,
    `- Calendar: ${spec.calendar ? 'explicit dates' : 'standard fiscal calendar (Asia/Tokyo)'}`,
  ].join('\n');
}

export type StartOutcome =
  | { started: true; workflowId: string; runId: string; phase: string }
  | { started: false; workflowId: string; reason: string };

export async function startCourse(client: Client, spec: CourseSpec, now = Date.now()): Promise<StartOutcome> {
  const workflowId = courseWorkflowId(spec.code);
  // The phase the workflow will publish on its first task, so list queries find the course at once.
  const index = courseIndex(createCourseState(spec, now).state);
  const memo: CourseMemo = { title: spec.title, regions: spec.regions };
  try {
    const handle = await client.workflow.start(courseLifecycleWorkflowType, {
      workflowId,
      taskQueue: TASK_QUEUE,
      args: [{ spec } satisfies CourseWorkflowInput],
      // A code names one course: reusable only when an earlier start failed or was terminated.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      typedSearchAttributes: [
        { key: CourseCode, value: spec.code },
        { key: CourseSubject, value: spec.subject },
        { key: CoursePhase, value: index.phase },
        { key: CourseCycle, value: index.cycle },
        { key: FiscalYear, value: index.fiscalYear },
      ],
      memo: { ...memo },
      staticSummary: `${spec.code} ${spec.title}`,
      staticDetails: staticDetails(spec),
    });
    return { started: true, workflowId, runId: handle.firstExecutionRunId, phase: index.phase };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      return { started: false, workflowId, reason: `course ${spec.code} already exists (workflow ${workflowId})` };
    }
    throw error;
  }
}
