/**
 * Decisions: which cycle takes one (its phases, window and checks come from
 * its module in domain/decisions/), and recording what it changes. A rejected
 * decision returns a reason and leaves the state exactly as it was.
 */
import type { WindowName } from '../course';
import type { CycleNumber } from '../calendar';
import { DECISIONS, DECISION_KINDS } from '../decisions';
import type { Applied, Decision, DecisionKind, DecisionOf } from '../decisions';
import { appliedKey } from './course';
import { resendDelivery } from './delivery';
import { placeFindings } from './program-rules';
import { clone } from './rules';
import type { CourseState, CyclePhase, CycleState, Effect } from './types';
import { isTerminal } from './types';

export { MAX_NOMINEES_PER_CYCLE } from './apply';

export type DecisionResult =
  | { ok: true; state: CourseState; effects: Effect[]; cycle: CycleNumber; duplicate: boolean; message: string }
  | { ok: false; reason: string };

/** Phases in which each decision is accepted, and the window staff are told about when it is not. */
export const ACCEPTED_IN = Object.fromEntries(DECISION_KINDS.map((kind) => [kind, DECISIONS[kind].acceptedIn])) as {
  readonly [K in DecisionKind]: { phases: readonly CyclePhase[]; window: WindowName };
};

/** The decision's module, typed by its own kind (indexing the registry with a union kind would lose it). */
function moduleOf<K extends DecisionKind>(decision: DecisionOf<K>) {
  return DECISIONS[decision.kind as K] as unknown as {
    acceptedIn: { phases: readonly CyclePhase[] };
    accepts?: (cycle: CycleState, decision: DecisionOf<K>) => boolean;
    apply: (state: CourseState, cycle: CycleState, decision: DecisionOf<K>, now: number) => Applied;
  };
}

function accepts(cycle: CycleState, decision: Decision): boolean {
  const module = moduleOf(decision);
  return module.acceptedIn.phases.includes(cycle.phase) && (module.accepts?.(cycle, decision) ?? true);
}

/** Why no cycle takes this decision now, in words staff can act on. */
function whyNot(state: CourseState, decision: Decision, now: number): string {
  const code = state.spec.code;
  if (decision.kind === 'evaluation') {
    return `wrong phase: course ${code} has no cycle in fiscal year ${decision.fiscalYear} awaiting evaluation`;
  }
  const { phases, window } = ACCEPTED_IN[decision.kind];
  const candidates = decision.cycle ? state.cycles.filter((c) => c.cycle === decision.cycle) : state.cycles;
  if (decision.cycle && candidates.length === 0) {
    return `wrong phase: cycle ${decision.cycle} of course ${code} has ended (${state.outcomes.find((o) => o.cycle === decision.cycle)?.phase ?? 'unknown'})`;
  }
  const running = candidates.filter((c) => !isTerminal(c.phase));
  const next = running.find((c) => now < Date.parse(c.calendar.windows[window].opens));
  const passed = [...candidates].reverse().find((c) => now >= Date.parse(c.calendar.windows[window].closes));
  const where = candidates.map((c) => `cycle ${c.cycle} is ${c.phase}`).join(', ');
  if (passed && (!next || isTerminal(passed.phase) || passed.cycle >= (next?.cycle ?? 0))) {
    return `window closed: the ${window} window of cycle ${passed.cycle} closed at ${passed.calendar.windows[window].closes} (${where})`;
  }
  if (next && !phases.includes(next.phase)) {
    return `not open yet: a ${decision.kind} decision is accepted in ${phases.join('/')}; the ${window} window of cycle ${next.cycle} opens at ${next.calendar.windows[window].opens} (${where})`;
  }
  return `wrong phase: a ${decision.kind} decision is accepted in ${phases.join('/')} (${where || 'no cycle is running'})`;
}

export function decide(current: CourseState, decision: Decision, now: number): DecisionResult {
  const earlier = appliedKey(current, decision.idempotencyKey);
  if (earlier) {
    if (earlier.kind !== decision.kind) {
      return {
        ok: false,
        reason: `duplicate: idempotency key ${decision.idempotencyKey} was already used for a ${earlier.kind} decision`,
      };
    }
    return {
      ok: true,
      state: current,
      effects: [],
      cycle: earlier.cycle as CycleNumber,
      duplicate: true,
      message: `already recorded for cycle ${earlier.cycle}`,
    };
  }
  if (decision.kind === 'noticeResend') return recordResend(current, decision, now);
  const target = current.cycles.find((c) => (!decision.cycle || c.cycle === decision.cycle) && accepts(c, decision));
  if (!target && decision.kind === 'evaluation') return evaluateEndedCycle(current, decision, now);
  if (!target) return { ok: false, reason: whyNot(current, decision, now) };

  const state = clone(current);
  const cycle = state.cycles.find((c) => c.cycle === target.cycle)!;
  const outcome = moduleOf(decision).apply(state, cycle, decision, now);
  if (typeof outcome === 'string') return { ok: false, reason: outcome };
  state.appliedKeys[decision.idempotencyKey] = { kind: decision.kind, cycle: cycle.cycle };
  cycle.decisions.push({
    kind: decision.kind,
    actor: decision.actor,
    at: now,
    idempotencyKey: decision.idempotencyKey,
    summary: outcome.summary,
  });
  return {
    ok: true,
    state,
    effects: outcome.effects,
    cycle: cycle.cycle,
    duplicate: false,
    message: `${outcome.summary}; cycle ${cycle.cycle} is now ${cycle.phase}`,
  };
}

function recordResend(current: CourseState, d: DecisionOf<'noticeResend'>, now: number): DecisionResult {
  const resent = resendDelivery(current, d, now);
  if (!resent.ok) return resent;
  const { state } = resent;
  state.appliedKeys[d.idempotencyKey] = { kind: d.kind, cycle: resent.cycle };
  state.cycles
    .find((c) => c.cycle === resent.cycle)
    ?.decisions.push({
      kind: d.kind,
      actor: d.actor,
      at: now,
      idempotencyKey: d.idempotencyKey,
      summary: resent.summary,
    });
  return { ok: true, state, effects: resent.effects, cycle: resent.cycle, duplicate: false, message: resent.summary };
}

/** A cycle that ended before the yearly evaluation (not held, cancelled) is evaluated through its outcome. */
function evaluateEndedCycle(current: CourseState, d: DecisionOf<'evaluation'>, now: number): DecisionResult {
  const ended = current.outcomes.find(
    (o) => o.fiscalYear === d.fiscalYear && !o.evaluationFindings && (!d.cycle || o.cycle === d.cycle),
  );
  if (!ended) return { ok: false, reason: whyNot(current, d, now) };
  const state = clone(current);
  state.outcomes.find((o) => o.cycle === ended.cycle)!.evaluationFindings = d.findings;
  const effects = placeFindings(state, ended.cycle, d.fiscalYear, d.findings, { actor: d.actor, at: now });
  state.appliedKeys[d.idempotencyKey] = { kind: d.kind, cycle: ended.cycle };
  return {
    ok: true,
    state,
    effects,
    cycle: ended.cycle,
    duplicate: false,
    message: `evaluation of JFY${d.fiscalYear} recorded on ended cycle ${ended.cycle}`,
  };
}
