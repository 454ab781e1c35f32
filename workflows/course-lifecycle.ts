/**
 * One workflow per KCCP course, across its three annual cycles. It is the thin
 * shell around domain/lifecycle: decisions and the clock become events, the
 * machine's effects become activity calls, and what the course waits for is
 * published to search attributes and current details for operators.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { decisionBudgetProblem } from '../domain/decision-budget';
import { refusedPayloadOf } from '../domain/decisions';
import type { StaffKeys } from '../domain/staff';
import type { DecisionKind } from '../domain/decisions';
import {
  advance,
  checkCourseSpec,
  compactForContinueAsNew,
  courseStatus,
  createCourseState,
  isCourseFinished,
  isTerminal,
  nextWakeUp,
  receiveDecision,
  recordRejection,
  upgradeState,
} from '../domain/lifecycle';
import { CourseDetails } from './course/details';
import { Deliveries, type CourseRecord } from './course/deliveries';
import { StaffRoster } from './course/staff-roster';
import { decisionSignals, decisionUpdates, staffKeysChangedSignal, statusQuery } from './messages';
import type { CourseWorkflowInput, CourseWorkflowResult, DecisionAnswer } from './messages';
import { FAILURE } from '../domain/failures';

/** Courses started before signed decisions existed never load keys: their histories have no such activity. */
const SIGNED_DECISIONS_PATCH = 'signed-decisions-v1';
/**
 * Runs begun since: signatures bind cycle and time, keys of ended cycles are kept, the roster
 * reloads when stale, decisions meet a byte budget, refusals bar one notice kind, countries are
 * checked against the directory. Runs begun before keep the old rules so their histories replay.
 */
const INTEGRITY_PATCH = 'record-integrity-v1';
/**
 * Runs begun since apply the program's rules as the JICA page states them (domain/lifecycle/program-rules.ts,
 * issue 14). A course begun before switches at its next continue-as-new, i.e. when one of its cycles ends.
 */
const PROGRAM_RULES_PATCH = 'program-rules-v1';

export async function courseLifecycle(input: CourseWorkflowInput): Promise<CourseWorkflowResult> {
  const refused = refusedPayloadOf(input);
  // Not a course failure: the run waits (its task retried) until the worker can read its input, e.g.
  // a retired key put back in the ring; a course someone started without the keys never begins.
  if (refused) throw new Error(`the course's input cannot be read: ${refused}`);
  const integrity = patched(INTEGRITY_PATCH);
  const programRules = integrity && patched(PROGRAM_RULES_PATCH) ? 2 : 1;
  const rules = { version: integrity ? (2 as const) : (1 as const) };
  const course: CourseRecord = { state: undefined as never, effects: [] };
  if (input.state) {
    course.state = integrity ? upgradeState(input.state) : input.state;
    if (programRules === 2) course.state.programRules = 2;
  } else {
    // Judged at the start the client asked for, not at the first task: a slow or stopped worker must not fail the course.
    const check = checkCourseSpec(input.spec, workflowInfo().startTime.getTime(), rules);
    if (!check.ok) throw ApplicationFailure.nonRetryable(check.reason, FAILURE.InvalidCourse);
    const created = createCourseState(check.spec, Date.now(), programRules);
    course.state = created.state;
    course.effects.push(...created.effects);
  }
  const runningAtStart = course.state.cycles.filter((c) => !isTerminal(c.phase)).length;
  const signed = patched(SIGNED_DECISIONS_PATCH);
  const roster = new StaffRoster(integrity, signed, course.state.signaturesRequired ?? false);
  const deliveries = new Deliveries(course, integrity);
  const details = new CourseDetails();

  /** Applies calendar events due by now; every path that reads or changes the state goes through here. */
  const tick = (): void => {
    const moved = advance(course.state, Date.now());
    course.state = moved.state;
    course.effects.push(...moved.effects);
  };

  /** The whole decision against a copy of the state; `keys` undefined skips the signature (the handler checks it). */
  const tryDecision = (kind: DecisionKind, raw: unknown, keys: StaffKeys | undefined) =>
    receiveDecision(course.state, kind, raw, keys, Date.now(), rules);

  const apply = async (kind: DecisionKind, raw: unknown): Promise<DecisionAnswer> => {
    // The budget first: an oversized decision must not cost a roster reload.
    const budget = integrity ? decisionBudgetProblem(raw) : undefined;
    if (budget) throw ApplicationFailure.nonRetryable(budget, FAILURE.DecisionRejected);
    const keys = await roster.forHandler(raw, () => Date.now());
    if (integrity) course.state.signaturesRequired = roster.signaturesRequired;
    tick();
    const result = tryDecision(kind, raw, keys);
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.reason, FAILURE.DecisionRejected);
    course.state = result.state;
    course.effects.push(...result.effects);
    publish();
    const phase = course.state.cycles.find((c) => c.cycle === result.cycle)?.phase ?? 'Completed';
    return { accepted: true, cycle: result.cycle, duplicate: result.duplicate, phase, message: result.message };
  };

  for (const kind of Object.keys(decisionUpdates) as DecisionKind[]) {
    setHandler(decisionUpdates[kind], (raw: unknown) => apply(kind, raw), {
      // Validation runs before anything is written to history: a rejected update leaves no trace.
      validator: (raw: unknown) => {
        // Until the keys are loaded (or while they must be reloaded) the handler checks the signature.
        const result = tryDecision(kind, raw, roster.forValidator(raw, Date.now()));
        if (!result.ok) throw new Error(result.reason);
      },
    });
    setHandler(decisionSignals[kind], async (raw: unknown) => {
      try {
        await apply(kind, raw);
      } catch (err) {
        // A bad signal must never fail a workflow task: keep it where operators can see it, cut to size.
        const actor = typeof raw === 'object' && raw !== null ? (raw as { actor?: unknown }).actor : undefined;
        course.state = recordRejection(course.state, {
          at: Date.now(),
          kind,
          actor: typeof actor === 'string' && actor ? actor : undefined,
          reason: (err as Error).message,
          via: 'signal',
        });
      }
    });
  }
  setHandler(statusQuery, () => courseStatus(course.state, Date.now()));
  setHandler(staffKeysChangedSignal, () => {
    // Only a prompt: the keys themselves come from the worker's configuration, never from the signal.
    if (signed) roster.requested = true;
  });

  const publish = () => details.publish(course.state);

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
