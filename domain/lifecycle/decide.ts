/**
 * Decisions: which cycle and phase accept each kind, the checks each must
 * pass, and what each changes. A rejected decision returns a reason and leaves
 * the state exactly as it was.
 */
import type { WindowName } from '../course';
import type { CycleNumber } from '../calendar';
import type { Decision, DecisionKind, DecisionOf } from '../decisions';
import { appliedKey } from './course';
import { resendDelivery } from './delivery';
import { clone, endCycle, notHeld, requestingCountries, tallyAfterScrutinyAndSurvey } from './rules';
import type { CourseState, CyclePhase, CycleState, Effect } from './types';
import { CYCLE_PHASES, isTerminal } from './types';

export type DecisionResult =
  | { ok: true; state: CourseState; effects: Effect[]; cycle: CycleNumber; duplicate: boolean; message: string }
  | { ok: false; reason: string };

/** Keeps a cycle's state, which carries its nominations across continue-as-new, far below Temporal's 2 MB payload limit. */
export const MAX_NOMINEES_PER_CYCLE = 300;

/** Phases up to the end of the course in Japan: when a cycle may still change mode or be cancelled. */
const BEFORE_IMPLEMENTATION: CyclePhase[] = CYCLE_PHASES.slice(0, CYCLE_PHASES.indexOf('PostReturn'));

/** Phases in which each decision is accepted, and the window staff are told about when it is not. */
export const ACCEPTED_IN: Record<DecisionKind, { phases: CyclePhase[]; window: WindowName }> = {
  plan: { phases: ['Scheduled', 'Formulation'], window: 'formulation' },
  scrutiny: { phases: ['Scrutiny'], window: 'scrutiny' },
  surveyResponse: { phases: ['Scrutiny', 'RequestSurvey'], window: 'requestSurvey' },
  mofaDetermination: { phases: ['MofaDetermination'], window: 'mofaDetermination' },
  nominations: { phases: ['Nominations'], window: 'nominations' },
  selection: { phases: ['Selection'], window: 'selection' },
  implementationReport: { phases: ['InJapan', 'PostReturn', 'Evaluation'], window: 'postReturn' },
  modeChange: { phases: BEFORE_IMPLEMENTATION, window: 'inJapan' },
  cycleCancellation: { phases: BEFORE_IMPLEMENTATION, window: 'inJapan' },
  evaluation: {
    phases: ['Evaluation', 'PostReturn', 'InJapan', 'PreArrival', 'Completed', 'NotHeld', 'Cancelled'],
    window: 'evaluation',
  },
  // A delivery problem is repaired whenever staff have fixed the address, in any phase, ended cycles too.
  noticeResend: { phases: [...CYCLE_PHASES], window: 'evaluation' },
};

function accepts(cycle: CycleState, decision: Decision): boolean {
  if (decision.kind === 'evaluation') {
    // Only a cycle that has begun its course year can be evaluated; a cycle still being planned cannot.
    return (
      cycle.fiscalYear === decision.fiscalYear &&
      !cycle.evaluation &&
      ACCEPTED_IN.evaluation.phases.includes(cycle.phase)
    );
  }
  if (!ACCEPTED_IN[decision.kind].phases.includes(cycle.phase)) return false;
  if (decision.kind === 'surveyResponse') return !cycle.surveyClosed;
  return true;
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
  const outcome = APPLY[decision.kind](state, cycle, decision as never, now);
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
  const next = state.cycles.find((c) => c.cycle > ended.cycle && !isTerminal(c.phase));
  if (next) next.carriedFindings = [...next.carriedFindings, ...d.findings];
  state.appliedKeys[d.idempotencyKey] = { kind: d.kind, cycle: ended.cycle };
  return {
    ok: true,
    state,
    effects: [],
    cycle: ended.cycle,
    duplicate: false,
    message: `evaluation of JFY${d.fiscalYear} recorded on ended cycle ${ended.cycle}`,
  };
}

type Applied = { summary: string; effects: Effect[] } | string;
type Apply<K extends DecisionKind> = (state: CourseState, cycle: CycleState, d: DecisionOf<K>, now: number) => Applied;

const APPLY: { [K in DecisionKind]: Apply<K> } = {
  plan(_state, cycle, d, now) {
    cycle.plan = { summary: d.summary, materialChange: d.materialChange, actor: d.actor, at: now };
    return { summary: `plan recorded${d.materialChange ? ' (material change: scrutiny required)' : ''}`, effects: [] };
  },

  scrutiny(state, cycle, d, now) {
    cycle.scrutiny = {
      result: d.result,
      reasons: d.reasons,
      outsideExperts: d.outsideExperts,
      actor: d.actor,
      at: now,
    };
    if (d.result === 'fail')
      return { summary: 'scrutiny failed', effects: notHeld(state, cycle, 'scrutiny-failed', now) };
    return { summary: 'scrutiny passed', effects: tallyAfterScrutinyAndSurvey(state, cycle) };
  },

  surveyResponse(state, cycle, d, now) {
    if (!state.spec.targetCountries.includes(d.country)) {
      return `unknown country: ${d.country} is not among the target countries of course ${state.spec.code}`;
    }
    if (cycle.survey[d.country])
      return `duplicate: ${d.country} already answered the request survey of cycle ${cycle.cycle}`;
    cycle.survey[d.country] = {
      wantsToParticipate: d.wantsToParticipate,
      expectedParticipants: d.expectedParticipants,
      actor: d.actor,
      at: now,
    };
    const requesting = requestingCountries(cycle).length;
    return {
      summary: `survey response of ${d.country} recorded (${requesting} of ${state.spec.participationThreshold} requests needed)`,
      effects: [],
    };
  },

  mofaDetermination(state, cycle, d, now) {
    cycle.mofa = { approved: d.approved, reference: d.reference, remarks: d.remarks, actor: d.actor, at: now };
    if (!d.approved)
      return { summary: 'MOFA did not approve', effects: notHeld(state, cycle, 'mofa-not-approved', now) };
    cycle.participating = requestingCountries(cycle);
    cycle.phase = 'Nominations';
    return {
      summary: `MOFA approved; ${cycle.participating.length} countries notified`,
      effects: [
        { type: 'notifyCountries', cycle: cycle.cycle, kind: 'course-notification', countries: cycle.participating },
        { type: 'sendGeneralInformation', cycle: cycle.cycle, countries: cycle.participating },
      ],
    };
  },

  nominations(_state, cycle, d, now) {
    if (!cycle.participating.includes(d.country)) {
      return `unknown country: ${d.country} is not a participating country of cycle ${cycle.cycle} (${cycle.participating.join(', ')})`;
    }
    if (cycle.nominations[d.country])
      return `duplicate: ${d.country} has already sent its nominations for cycle ${cycle.cycle}`;
    const nominated = Object.values(cycle.nominations).reduce((n, x) => n + x.nominees.length, 0);
    if (nominated + d.nominees.length > MAX_NOMINEES_PER_CYCLE) {
      return `invalid field: nominees: a cycle takes at most ${MAX_NOMINEES_PER_CYCLE} nominees in all (${nominated} already recorded)`;
    }
    cycle.nominations[d.country] = { organizations: d.organizations, nominees: d.nominees, actor: d.actor, at: now };
    return {
      summary: `${d.nominees.length} nominees of ${d.country} recorded`,
      effects: [
        {
          type: 'notifyCountries',
          cycle: cycle.cycle,
          kind: 'nomination-acknowledgement',
          countries: [d.country],
          details: { [d.country]: { nominees: d.nominees.length, organizations: d.organizations } },
        },
      ],
    };
  },

  selection(_state, cycle, d, now) {
    const participants: Record<string, string[]> = {};
    for (const { country, nominees } of d.participants) {
      const nominated = cycle.nominations[country];
      if (!nominated) return `unknown country: ${country} sent no nominations in cycle ${cycle.cycle}`;
      if (participants[country]) return `duplicate: ${country} appears twice in the selection`;
      const unknown = nominees.filter((n) => !nominated.nominees.some((x) => x.name === n));
      if (unknown.length)
        return `invalid field: participants.${country}: ${unknown.join(', ')} not nominated by ${country}`;
      participants[country] = nominees;
    }
    cycle.selection = { participants, actor: d.actor, at: now };
    const countries = Object.keys(cycle.nominations).sort();
    const details = Object.fromEntries(countries.map((c) => [c, { selected: participants[c] ?? [] }]));
    const total = Object.values(participants).reduce((n, names) => n + names.length, 0);
    return {
      summary: `${total} participants selected from ${Object.keys(participants).length} countries`,
      effects: [{ type: 'notifyCountries', cycle: cycle.cycle, kind: 'selection-result', countries, details }],
    };
  },

  implementationReport(_state, cycle, d, now) {
    if (cycle.implementation) return `duplicate: the implementation report of cycle ${cycle.cycle} is already recorded`;
    const attendance: Record<string, number> = {};
    for (const { country, participants } of d.attendance) {
      if (!cycle.participating.includes(country))
        return `unknown country: ${country} did not take part in cycle ${cycle.cycle}`;
      attendance[country] = participants;
    }
    cycle.implementation = {
      mode: d.mode,
      startedOn: d.startedOn,
      endedOn: d.endedOn,
      attendance,
      actor: d.actor,
      at: now,
    };
    cycle.mode = d.mode;
    return { summary: `implementation report recorded (${d.mode})`, effects: [] };
  },

  modeChange(_state, cycle, d) {
    if (cycle.mode === d.mode) return `duplicate: cycle ${cycle.cycle} is already ${d.mode}`;
    cycle.mode = d.mode;
    const countries = cycle.mofa?.approved ? cycle.participating : [];
    return {
      summary: `mode changed to ${d.mode}`,
      effects: countries.length
        ? [
            {
              type: 'notifyCountries',
              cycle: cycle.cycle,
              kind: 'mode-change',
              countries,
              facts: { mode: d.mode, reason: d.reason },
            },
          ]
        : [],
    };
  },

  cycleCancellation(state, cycle, d, now) {
    cycle.cancellation = { reason: d.reason, actor: d.actor, at: now };
    return { summary: 'cycle cancelled', effects: notHeld(state, cycle, 'cancelled', now) };
  },

  // Never reached: decide() hands a re-send to recordResend, which may concern an ended cycle.
  noticeResend: () => 'wrong phase: a notice re-send names its delivery problem',

  evaluation(state, cycle, d, now) {
    cycle.evaluation = { fiscalYear: d.fiscalYear, findings: d.findings, actor: d.actor, at: now };
    const next = state.cycles.find((c) => c.cycle > cycle.cycle && !isTerminal(c.phase));
    if (next) next.carriedFindings = [...next.carriedFindings, ...d.findings];
    const effects = cycle.phase === 'Evaluation' ? endCycle(state, cycle, 'Completed', now) : [];
    if (isTerminal(cycle.phase)) {
      const outcome = state.outcomes.find((o) => o.cycle === cycle.cycle);
      if (outcome) outcome.evaluationFindings = d.findings;
    }
    return { summary: `evaluation of JFY${d.fiscalYear} recorded`, effects };
  },
};
