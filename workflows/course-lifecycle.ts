/**
 * One workflow per KCCP course, across its three annual cycles. It is the thin
 * shell around domain/lifecycle: decisions and the clock become events, the
 * machine's effects become activity calls, and what the course waits for is
 * published to search attributes and current details for operators. The pieces
 * live in workflows/course/: versions (patches), decision handlers, the staff
 * roster, deliveries and details.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { refusedPayloadOf } from '../domain/decisions';
import { FAILURE } from '../domain/failures';
import {
  advance,
  checkCourseSpec,
  compactForContinueAsNew,
  courseStatus,
  createCourseState,
  isCourseFinished,
  isTerminal,
  nextWakeUp,
  upgradeState,
} from '../domain/lifecycle';
import { registerDecisionHandlers } from './course/decision-handlers';
import { CourseDetails } from './course/details';
import { Deliveries, type CourseRecord } from './course/deliveries';
import { StaffRoster } from './course/staff-roster';
import { readRunVersions, type RunVersions } from './course/versions';
import { staffKeysChangedSignal, statusQuery } from './messages';
import type { CourseWorkflowInput, CourseWorkflowResult } from './messages';

/** The course this run carries on: the previous run's state, brought up to date, or a new one from its spec. */
function openCourse(input: CourseWorkflowInput, versions: RunVersions): CourseRecord {
  const { integrity, programRules, rules } = versions;
  if (input.state) {
    const state = integrity ? upgradeState(input.state) : input.state;
    if (programRules >= 2) state.programRules = programRules;
    return { state, effects: [] };
  }
  // Judged at the start the client asked for, not at the first task: a slow or stopped worker must not fail the course.
  const check = checkCourseSpec(input.spec, workflowInfo().startTime.getTime(), rules);
  if (!check.ok) throw ApplicationFailure.nonRetryable(check.reason, FAILURE.InvalidCourse);
  const created = createCourseState(check.spec, Date.now(), programRules);
  return { state: created.state, effects: [...created.effects] };
}

export async function courseLifecycle(input: CourseWorkflowInput): Promise<CourseWorkflowResult> {
  const refused = refusedPayloadOf(input);
  // Not a course failure: the run waits (its task retried) until the worker can read its input, e.g.
  // a retired key put back in the ring; a course someone started without the keys never begins.
  if (refused) throw new Error(`the course's input cannot be read: ${refused}`);
  const versions = readRunVersions();
  const { integrity, signed } = versions;
  const course = openCourse(input, versions);
  const runningAtStart = course.state.cycles.filter((c) => !isTerminal(c.phase)).length;
  const roster = new StaffRoster(integrity, signed, course.state.signaturesRequired ?? false);
  const deliveries = new Deliveries(course, integrity);
  const details = new CourseDetails();

  /** Applies calendar events due by now; every path that reads or changes the state goes through here. */
  const tick = (): void => {
    const moved = advance(course.state, Date.now());
    course.state = moved.state;
    course.effects.push(...moved.effects);
  };

  const publish = () => details.publish(course.state);
  registerDecisionHandlers(course, roster, versions, { tick, publish });
  setHandler(statusQuery, () => courseStatus(course.state, Date.now()));
  setHandler(staffKeysChangedSignal, () => {
    // Only a prompt: the keys themselves come from the worker's configuration, never from the signal.
    if (signed) roster.requested = true;
  });

  for (;;) {
    if (roster.requested) {
      roster.requested = false;
      await roster.reload(() => Date.now());
      if (integrity) course.state.signaturesRequired = roster.signaturesRequired;
    }
    tick();
    publish();
    while (course.effects.length > 0) {
      await deliveries.run(course.effects.shift()!);
      tick();
      publish();
    }
    if (isCourseFinished(course.state)) break;
    const cycleEnded = course.state.cycles.filter((c) => !isTerminal(c.phase)).length < runningAtStart;
    if (cycleEnded || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (course.effects.length === 0) {
        await continueAsNew<typeof courseLifecycle>({
          spec: course.state.spec,
          state: compactForContinueAsNew(course.state, integrity),
        });
      }
      continue;
    }
    const wake = nextWakeUp(course.state);
    const wait = wake === undefined ? undefined : wake - Date.now();
    const woken = () => course.effects.length > 0 || roster.requested;
    if (wait === undefined) await condition(woken);
    else if (wait > 0) await condition(woken, wait);
  }

  await condition(allHandlersFinished);
  return { code: course.state.spec.code, outcomes: course.state.outcomes };
}
