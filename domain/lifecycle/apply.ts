/**
 * What each accepted decision changes in its cycle, and the checks that depend on the cycle's
 * record. A string is a rejection: the field or rule, in words staff can act on.
 */
import type { DecisionKind, DecisionOf } from '../decisions';
import { endCycle, notHeld, requestingCountries, tallyAfterScrutinyAndSurvey } from './rules';
import { newRules, openFindings, placeFindings } from './program-rules';
import { hostCentreList, recordAttendance, recordNominees, recordSelection } from './participants';
import { acceptanceLetters, actionPlanRequests, certificates } from './participant-documents';
import type { CourseState, CycleState, Effect } from './types';
import { isTerminal } from './types';

/** Keeps a cycle's state, which carries its nominations across continue-as-new, far below Temporal's 2 MB payload limit. */
export const MAX_NOMINEES_PER_CYCLE = 300;

type Applied = { summary: string; effects: Effect[] } | string;
type Apply<K extends DecisionKind> = (state: CourseState, cycle: CycleState, d: DecisionOf<K>, now: number) => Applied;

// The kinds written before the registry; a new kind carries its apply in its own module (domain/decisions/).
export const APPLY = {
  plan(state, cycle, d, now) {
    const rules = newRules(state);
    const open = openFindings(cycle);
    if (rules && open.length > 0 && d.findingsAcknowledged !== true) {
      return `invalid field: findingsAcknowledged: cycle ${cycle.cycle} has ${open.length} open evaluation finding(s) to acknowledge in its plan (set findingsAcknowledged: true): ${open.join(' | ')}`;
    }
    if (d.outline && !d.materialChange)
      return 'invalid field: outline: a new outline is a material change of the course (set materialChange: true)';
    cycle.plan = { summary: d.summary, materialChange: d.materialChange, actor: d.actor, at: now };
    if (d.outline) cycle.plan.outline = d.outline;
    if (rules) cycle.plan.acknowledgedFindings = cycle.carriedFindings.length;
    // New rules: a proposed material change is scrutinized even if a later plan withdraws it.
    if (rules && d.materialChange) cycle.scrutinyRequired = true;
    const acknowledged = rules && open.length > 0 ? `; ${open.length} finding(s) acknowledged` : '';
    return {
      summary: `plan recorded${d.materialChange ? ' (material change: scrutiny required)' : ''}${acknowledged}`,
      effects: [],
    };
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

  nominations(state, cycle, d, now) {
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
    recordNominees(state, cycle, d.country, d.nominees, { actor: d.actor, at: now });
    // New rules: once every participating government has nominated, selection need not wait for its window.
    const everyone = cycle.participating.every((c) => cycle.nominations[c]);
    if (newRules(state) && everyone) cycle.phase = 'Selection';
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

  selection(state, cycle, d, now) {
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
    if (newRules(state) && Object.values(participants).every((names) => names.length === 0)) {
      return 'invalid field: participants: a selection names at least one participant (every nominees list is empty)';
    }
    cycle.selection = { participants, actor: d.actor, at: now };
    recordSelection(cycle, participants, { actor: d.actor, at: now });
    const countries = Object.keys(cycle.nominations).sort();
    const details = Object.fromEntries(countries.map((c) => [c, { selected: participants[c] ?? [] }]));
    const total = Object.values(participants).reduce((n, names) => n + names.length, 0);
    return {
      summary: `${total} participants selected from ${Object.keys(participants).length} countries`,
      effects: [
        { type: 'notifyCountries', cycle: cycle.cycle, kind: 'selection-result', countries, details },
        ...hostCentreList(cycle, 'selection made'),
        ...acceptanceLetters(state, cycle),
      ],
    };
  },

  implementationReport(state, cycle, d, now) {
    if (cycle.implementation) return `duplicate: the implementation report of cycle ${cycle.cycle} is already recorded`;
    const attendance: Record<string, number> = {};
    const rules = newRules(state);
    for (const { country, participants } of d.attendance) {
      // New rules: attendance is checked against the selection, not the countries that asked to take part.
      const selected = cycle.selection?.participants[country]?.length ?? 0;
      if (rules && selected === 0)
        return `unknown country: attendance.${country}: ${country} has no selected participant in cycle ${cycle.cycle}`;
      if (!rules && !cycle.participating.includes(country))
        return `unknown country: ${country} did not take part in cycle ${cycle.cycle}`;
      if (rules && participants > selected)
        return `invalid field: attendance.${country}.participants: at most ${selected}, the participants selected from ${country}`;
      if (rules && attendance[country] !== undefined)
        return `duplicate: attendance.${country}: ${country} is reported twice`;
      attendance[country] = participants;
    }
    // With participant records (new rules), everyone still expected is settled: attended or absent.
    const unsettled = recordAttendance(cycle, attendance, d.absent ?? [], { actor: d.actor, at: now });
    if (unsettled) return unsettled;
    cycle.implementation = {
      mode: d.mode,
      startedOn: d.startedOn,
      endedOn: d.endedOn,
      attendance,
      actor: d.actor,
      at: now,
    };
    cycle.mode = d.mode;
    // Certificates at once; the action-plan request once back (now, or when post-return opens).
    const documents = [...certificates(state, cycle), ...actionPlanRequests(state, cycle, now)];
    return { summary: `implementation report recorded (${d.mode})`, effects: documents };
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
    const placed = placeFindings(state, cycle.cycle, d.fiscalYear, d.findings, { actor: d.actor, at: now });
    const effects = [...placed, ...(cycle.phase === 'Evaluation' ? endCycle(state, cycle, 'Completed', now) : [])];
    if (isTerminal(cycle.phase)) {
      const outcome = state.outcomes.find((o) => o.cycle === cycle.cycle);
      if (outcome) outcome.evaluationFindings = d.findings;
    }
    return { summary: `evaluation of JFY${d.fiscalYear} recorded`, effects };
  },
} satisfies { [K in DecisionKind]?: Apply<K> };
