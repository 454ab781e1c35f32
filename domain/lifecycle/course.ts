/** Creating a course's state, compacting it between cycles, and recording what the effects did. */
import type { CourseSpec } from '../course';
import { courseSpecSchema } from '../course';
import { calendarProblems, courseCalendar } from '../calendar';
import type { CycleNumber } from '../calendar';
import type { DeliveryReport, NoticeKind } from '../../activities/contracts';
import { describeIssues } from '../decisions';
import { clone, focusCycle } from './rules';
import { advance } from './timeline';
import type { CoursePhase, CourseState, Rejection, Transition } from './types';
import { isTerminal } from './types';

const MAX_REJECTIONS_KEPT = 20;

export type SpecCheck = { ok: true; spec: CourseSpec } | { ok: false; reason: string };

/** Parses a course spec and checks its calendar can still run: nothing is created from a spec that fails. */
export function checkCourseSpec(input: unknown, now: number): SpecCheck {
  const parsed = courseSpecSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: `invalid field: ${describeIssues(parsed.error)}` };
  const spec = parsed.data;
  const calendars = courseCalendar(spec);
  const problems = calendarProblems(calendars);
  if (problems.length) {
    return {
      ok: false,
      reason: `invalid field: ${problems.map((p) => `calendar.${p.cycle}.${p.window}: ${p.message}`).join('; ')}`,
    };
  }
  const scrutinyCloses = Date.parse(calendars[0].windows.scrutiny.closes);
  if (scrutinyCloses <= now) {
    return {
      ok: false,
      reason: `invalid field: firstCourseYear: the scrutiny of cycle 1 (JFY${spec.firstCourseYear}) closed at ${calendars[0].windows.scrutiny.closes}; choose a later first course year or explicit calendar dates`,
    };
  }
  if (new Set(spec.targetCountries).size !== spec.targetCountries.length) {
    return { ok: false, reason: 'invalid field: targetCountries: a country is listed twice' };
  }
  return { ok: true, spec };
}

export function createCourseState(spec: CourseSpec, now: number): Transition {
  const state: CourseState = {
    spec,
    clock: Number.NEGATIVE_INFINITY,
    cycles: courseCalendar(spec).map((calendar) => ({
      cycle: calendar.cycle,
      fiscalYear: calendar.fiscalYear,
      calendar,
      phase: 'Scheduled',
      mode: 'in-person',
      scrutinyRequired: calendar.cycle === 1,
      survey: {},
      surveyClosed: false,
      participating: [],
      nominations: {},
      carriedFindings: [],
      decisions: [],
      notices: {},
      undeliverable: {},
      remindersSent: [],
    })),
    outcomes: [],
    appliedKeys: {},
    rejections: [],
  };
  // JSON has no -Infinity: start the clock just before the earliest window instead.
  state.clock = Math.min(...state.cycles.map((c) => Date.parse(c.calendar.windows.formulation.opens))) - 1;
  return advance(state, now, { quiet: true });
}

/** Drops ended cycles (their outcomes stay) and their idempotency keys, for continue-as-new. */
export function compactForContinueAsNew(state: CourseState): CourseState {
  const next = clone(state);
  const running = new Set(next.cycles.filter((c) => !isTerminal(c.phase)).map((c) => c.cycle));
  next.cycles = next.cycles.filter((c) => running.has(c.cycle));
  next.appliedKeys = Object.fromEntries(Object.entries(next.appliedKeys).filter(([, v]) => running.has(v.cycle)));
  return next;
}

export function isCourseFinished(state: CourseState): boolean {
  return state.cycles.every((c) => isTerminal(c.phase));
}

/** Countries still to receive a notice of this kind in this cycle: the delivery record, read before sending. */
export function undelivered(state: CourseState, cycle: CycleNumber, kind: NoticeKind, countries: string[]): string[] {
  const c = state.cycles.find((x) => x.cycle === cycle);
  const sent = c?.notices[kind] ?? {};
  return countries.filter((country) => !sent[country] && !c?.undeliverable[country]);
}

export function recordDeliveries(
  current: CourseState,
  cycle: CycleNumber,
  kind: NoticeKind,
  report: DeliveryReport,
): CourseState {
  const state = clone(current);
  const c = state.cycles.find((x) => x.cycle === cycle);
  if (!c) return state;
  c.notices[kind] = { ...(c.notices[kind] ?? {}), ...report.delivered };
  Object.assign(c.undeliverable, report.undeliverable);
  // An ended cycle's outcome counts notices too (a not-held notice goes out as the cycle ends).
  const outcome = state.outcomes.find((o) => o.cycle === cycle);
  if (outcome) {
    outcome.noticesSent += Object.keys(report.delivered).length;
    outcome.undeliverable = [...new Set([...outcome.undeliverable, ...Object.keys(report.undeliverable)])].sort();
  }
  return state;
}

export function recordRejection(current: CourseState, rejection: Rejection): CourseState {
  const state = clone(current);
  state.rejections = [...state.rejections, rejection].slice(-MAX_REJECTIONS_KEPT);
  return state;
}

export interface CourseIndex {
  phase: CoursePhase;
  cycle: CycleNumber;
  fiscalYear: number;
}

/** What the search attributes say of the course: its focus cycle, or its end. */
export function courseIndex(state: CourseState): CourseIndex {
  const focus = focusCycle(state);
  if (focus) return { phase: focus.phase, cycle: focus.cycle, fiscalYear: focus.fiscalYear };
  // After its third cycle the course completes, whether or not every cycle was held.
  return { phase: 'Completed', cycle: 3, fiscalYear: state.spec.firstCourseYear + 2 };
}
