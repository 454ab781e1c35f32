/** Creating a course's state, compacting it between cycles, and recording what the effects did. */
import type { CourseSpec } from '../course';
import { courseSpecSchema } from '../course';
import { calendarProblems, courseCalendar } from '../calendar';
import type { CycleNumber } from '../calendar';
import { sha256 } from '@noble/hashes/sha2';
import { isEligibleCountryCode } from '../country-regions';
import { jsonBytes } from '../decision-budget';
import { describeIssues } from '../decisions';
import type { DecisionKind } from '../decisions';
import { bytesToBase64 } from '../staff';
import { clone, focusCycle } from './rules';
import { advance } from './timeline';
import type { CoursePhase, CourseState, ProgramRules, Rejection, Transition } from './types';
import { COURSE_STATE_VERSION, isTerminal } from './types';

const MAX_REJECTIONS_KEPT = 20;
/** A stored rejection keeps this much of what the sender wrote: an oversized signal must not grow the state. */
const MAX_REJECTION_TEXT = { kind: 40, actor: 120, reason: 500 };
/** The state a course carries across continue-as-new stays well below Temporal's 2 MB payload limit. */
export const STATE_MAX_BYTES = 1024 * 1024;

export type SpecCheck = { ok: true; spec: CourseSpec } | { ok: false; reason: string };

/** Parses a course spec and checks its calendar can still run: nothing is created from a spec that fails. */
export function checkCourseSpec(input: unknown, now: number, rules: { version: 1 | 2 } = { version: 1 }): SpecCheck {
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
  // Courses begun before record-integrity-v1 took any two capitals; replaying them must not change.
  const unknown = rules.version === 2 ? spec.targetCountries.filter((c) => !isEligibleCountryCode(c)) : [];
  if (unknown.length) {
    return {
      ok: false,
      reason: `invalid field: targetCountries: ${unknown.join(', ')} is not an eligible country of the directory`,
    };
  }
  return { ok: true, spec };
}

/**
 * `programRules`: which program rules the run applies (see program-rules.ts). Courses run the first
 * rules until the workflow switches the second on behind a patch, once their end-to-end tests pass.
 */
export function createCourseState(spec: CourseSpec, now: number, programRules: ProgramRules = 1): Transition {
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
    version: COURSE_STATE_VERSION,
    retiredKeys: {},
    signaturesRequired: false,
    deliveryProblems: [],
    unplacedFindings: [],
  };
  // Old runs never wrote the field: their state stays as their histories carried it.
  if (programRules >= 2) state.programRules = programRules;
  // JSON has no -Infinity: start the clock just before the earliest window instead.
  state.clock = Math.min(...state.cycles.map((c) => Date.parse(c.calendar.windows.formulation.opens))) - 1;
  return advance(state, now, { quiet: true });
}

/**
 * A state written by an earlier shape, brought to this one. v1 → v2: no retired keys (v1 dropped
 * them), no delivery problems, refusals per kind unknown (each refused country stays refused for
 * the kinds already tried), and signatures required from the first roster that requires them.
 * v2 → v3: no unplaced findings yet. Which program rules apply is not the state's to say: each run
 * sets `programRules` from its own patch.
 */
export function upgradeState(input: CourseState): CourseState {
  if ((input.version ?? 1) >= COURSE_STATE_VERSION) return input;
  const state = clone(input);
  state.version = COURSE_STATE_VERSION;
  state.retiredKeys ??= {};
  state.signaturesRequired ??= false;
  state.deliveryProblems ??= [];
  state.unplacedFindings ??= [];
  for (const cycle of state.cycles) {
    // Only a v1 state lacks them: a v2 state's absent refusals mean none, and stay so.
    if ((input.version ?? 1) < 2)
      cycle.refusedNotices ??= Object.fromEntries(
        Object.keys(cycle.notices).map((kind) => [kind, { ...cycle.undeliverable }]),
      );
  }
  return state;
}

/** Digest of an idempotency key as kept for the life of a course: 16 characters whatever the key's length. */
export function keyDigest(idempotencyKey: string): string {
  return bytesToBase64(sha256(new TextEncoder().encode(idempotencyKey)).slice(0, 12));
}

/** The kind and cycle an idempotency key was applied to, in a running or an ended cycle. */
export function appliedKey(state: CourseState, key: string): { kind: DecisionKind; cycle: number } | undefined {
  const running = state.appliedKeys[key];
  if (running) return running;
  const retired = state.retiredKeys?.[keyDigest(key)];
  if (!retired) return undefined;
  const [kind, cycle] = retired.split(':');
  return { kind: kind as DecisionKind, cycle: Number(cycle) };
}

/**
 * Drops ended cycles (their outcomes stay) for continue-as-new. v1 dropped their idempotency keys
 * too; `retireKeys` (record-integrity-v1) keeps a digest of each, so an old decision stays old.
 */
export function compactForContinueAsNew(state: CourseState, retireKeys = false): CourseState {
  const next = clone(state);
  const running = new Set(next.cycles.filter((c) => !isTerminal(c.phase)).map((c) => c.cycle));
  next.cycles = next.cycles.filter((c) => running.has(c.cycle));
  const ended = Object.entries(next.appliedKeys).filter(([, v]) => !running.has(v.cycle));
  if (retireKeys) {
    next.retiredKeys ??= {};
    for (const [key, v] of ended) next.retiredKeys[keyDigest(key)] = `${v.kind}:${v.cycle}`;
  }
  next.appliedKeys = Object.fromEntries(Object.entries(next.appliedKeys).filter(([, v]) => running.has(v.cycle)));
  return retireKeys ? fitForContinueAsNew(next) : next;
}

/** Sheds what an operator can live without (old rejections, settled problems) if the state nears its budget. */
export function fitForContinueAsNew(current: CourseState): CourseState {
  if (jsonBytes(current) <= STATE_MAX_BYTES) return current;
  const state = clone(current);
  state.rejections = [];
  state.deliveryProblems = (state.deliveryProblems ?? []).filter((p) => Object.keys(p.failed).length > 0);
  return state;
}

export function isCourseFinished(state: CourseState): boolean {
  return state.cycles.every((c) => isTerminal(c.phase));
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function recordRejection(current: CourseState, rejection: Rejection): CourseState {
  const state = clone(current);
  const kept: Rejection = {
    ...rejection,
    kind: cut(rejection.kind, MAX_REJECTION_TEXT.kind),
    actor: rejection.actor === undefined ? undefined : cut(rejection.actor, MAX_REJECTION_TEXT.actor),
    reason: cut(rejection.reason, MAX_REJECTION_TEXT.reason),
  };
  state.rejections = [...state.rejections, kept].slice(-MAX_REJECTIONS_KEPT);
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
