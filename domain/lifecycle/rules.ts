/** Rules shared by calendar events and decisions: when a cycle is not held, when it ends, the survey tally. */
import { closeParticipants, participantFigures } from './participants';
import type { CourseState, CycleOutcome, CycleState, CyclePhase, Effect, NotHeldReason } from './types';
import { isTerminal } from './types';
import { meetsDemand, newRules, offeredCountries, openFindings, placeFindings } from './program-rules';

/** Plain-data copy: the machine never mutates the state it was given. */
/**
 * A deep copy of JSON data, equal to a JSON round trip (undefined and functions dropped from objects, -0 as 0,
 * null in arrays, non-finite numbers null) without building the string: every decision copies the
 * whole course, and the round trip was a quarter of a busy worker's workflow thread (issue 20).
 */
export function clone<T>(value: T): T {
  return copyJson(value) as T;
}

const own = Object.prototype.hasOwnProperty;

function copyJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return value.map((item: unknown) => {
      const copy = copyJson(item);
      return copy === undefined || typeof copy === 'function' || typeof copy === 'symbol' ? null : copy;
    });
  }
  // Anything with its own JSON form (a Date, say) takes the round trip's path.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(value)) as unknown;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!own.call(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    // A key named __proto__ (an idempotency key may be one) stays a key, as JSON.parse keeps it.
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: copyJson(item), enumerable: true, writable: true, configurable: true });
    else copy[key] = copyJson(item);
  }
  return copy;
}

export function requestingCountries(cycle: CycleState): string[] {
  return Object.entries(cycle.survey)
    .filter(([, r]) => r.wantsToParticipate)
    .map(([country]) => country)
    .sort();
}

/**
 * Governments to tell that a cycle will not be held. New rules: only those offered it (sent the course
 * notification on MOFA's approval); a cycle never offered concerns no government. Old rules: those
 * still involved at the point it stopped.
 */
function governmentsConcerned(state: CourseState, cycle: CycleState): string[] {
  if (newRules(state)) return offeredCountries(cycle);
  if (cycle.mofa?.approved) return cycle.participating;
  if (cycle.surveyClosed) return requestingCountries(cycle);
  return [...state.spec.targetCountries].sort();
}

export function notHeld(state: CourseState, cycle: CycleState, reason: NotHeldReason, at = state.clock): Effect[] {
  const countries = governmentsConcerned(state, cycle);
  cycle.notHeldReason = reason;
  // The template renders plain words from the code; a cancellation also carries the staff's own words
  // (an activity input only, so every run passes it).
  const facts: Record<string, string> = { reason };
  if (reason === 'cancelled' && cycle.cancellation) facts.staffReason = cycle.cancellation.reason;
  const effects: Effect[] = [];
  if (countries.length > 0) {
    effects.push({ type: 'notifyCountries', cycle: cycle.cycle, kind: 'cycle-not-held', countries, facts });
  }
  effects.push({
    type: 'remindStaff',
    cycle: cycle.cycle,
    office: 'course-officer',
    subject: 'cycle-not-held',
    reminderKey: 'cycle-not-held',
    facts,
  });
  const ended = endCycle(state, cycle, reason === 'cancelled' ? 'Cancelled' : 'NotHeld', at);
  // Findings meant for a cycle that will not be held go on to the next one being planned; with none, the
  // ones its plan never acknowledged are reported as unplaced (acknowledged ones were already weighed).
  if (newRules(state)) {
    const planning = state.cycles.some(
      (c) => c.cycle > cycle.cycle && (c.phase === 'Scheduled' || c.phase === 'Formulation'),
    );
    const findings = planning ? cycle.carriedFindings : openFindings(cycle);
    if (findings.length > 0) {
      cycle.carriedFindings = [];
      effects.push(...placeFindings(state, cycle.cycle, cycle.fiscalYear, findings, { actor: 'kccp', at }));
    }
  }
  return [...effects, ...ended];
}

/** Ends a cycle, keeps its outcome, and carries its evaluation findings to the next cycle's planning. */
export function endCycle(state: CourseState, cycle: CycleState, phase: CyclePhase, at: number): Effect[] {
  cycle.phase = phase;
  closeParticipants(cycle, at);
  state.outcomes = state.outcomes.filter((o) => o.cycle !== cycle.cycle);
  state.outcomes.push(outcomeOf(cycle));
  state.outcomes.sort((a, b) => a.cycle - b.cycle);
  return [];
}

export function outcomeOf(cycle: CycleState): CycleOutcome {
  const figures = participantFigures(cycle);
  return {
    cycle: cycle.cycle,
    fiscalYear: cycle.fiscalYear,
    phase: cycle.phase,
    notHeldReason: cycle.notHeldReason,
    scrutiny: cycle.scrutiny?.result ?? (cycle.scrutinyRequired ? undefined : 'not-required'),
    mofaApproved: cycle.mofa?.approved,
    requestingCountries: requestingCountries(cycle),
    mode: cycle.implementation?.mode ?? cycle.mode,
    attendance: cycle.implementation?.attendance ?? {},
    undeliverable: Object.keys(cycle.undeliverable).sort(),
    evaluationFindings: cycle.evaluation?.findings,
    noticesSent: Object.values(cycle.notices).reduce((n, byCountry) => n + Object.keys(byCountry ?? {}).length, 0),
    // Counted here because the records leave with the cycle at continue-as-new; the evaluation reads only this.
    ...(figures ? { participantFigures: figures } : {}),
  };
}

/** After the survey closes and scrutiny is settled: put the course to MOFA, or not. */
export function tallyAfterScrutinyAndSurvey(state: CourseState, cycle: CycleState): Effect[] {
  if (cycle.scrutinyRequired && !cycle.scrutiny) return []; // still waiting for scrutiny
  if (!cycle.surveyClosed) {
    cycle.phase = 'RequestSurvey';
    return [];
  }
  if (!meetsDemand(state, cycle, requestingCountries(cycle).length)) {
    return notHeld(state, cycle, 'too-few-requests');
  }
  cycle.phase = 'MofaDetermination';
  return [];
}

/** The cycle the course is mostly about now: the earliest one that is under way, else the next to start. */
export function focusCycle(state: CourseState): CycleState | undefined {
  const running = state.cycles.filter((c) => !isTerminal(c.phase));
  return running.find((c) => c.phase !== 'Scheduled') ?? running[0];
}
