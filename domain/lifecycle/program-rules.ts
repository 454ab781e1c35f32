/**
 * The program's rules as `program-rules-v1` reads the JICA page (issue 14): scrutiny standing across
 * cycles, MOFA's cut-off, demand thresholds, who was offered a cycle, where evaluation findings go.
 * Each function reads `state.programRules`, so runs begun before keep the old rules until their next
 * continue-as-new without a parameter threaded through every call.
 */
import type { CycleNumber } from '../calendar';
import { DEFAULT_NOMINATION_LEAD_DAYS } from '../course';
import type { CourseState, CycleState, Effect, ProgramRules } from './types';
import { isTerminal } from './types';

const DAY = 86_400_000;

export const rulesOf = (state: CourseState): ProgramRules => state.programRules ?? 1;
export const newRules = (state: CourseState): boolean => rulesOf(state) >= 2;
/** Letters, joining instructions, certificates and the action-plan follow-up (participant-documents-v1). */
export const participantDocuments = (state: CourseState): boolean => rulesOf(state) === 3;

type ScrutinyMark = 'pass' | 'fail' | 'not-required' | undefined;

/** An ended or running cycle's scrutiny as later cycles read it; undefined is required but never decided. */
function scrutinyMark(state: CourseState, cycle: number): ScrutinyMark {
  const running = state.cycles.find((c) => c.cycle === cycle);
  if (running) return running.scrutiny?.result ?? (running.scrutinyRequired ? undefined : 'not-required');
  const ended = state.outcomes.find((o) => o.cycle === cycle);
  return ended ? ended.scrutiny : 'not-required';
}

/**
 * Whether the course stands passed when cycle `before` opens its scrutiny: some earlier cycle passed,
 * and no cycle since failed, lacked a required decision or changed the course materially (a
 * material-change plan makes its own cycle's scrutiny required, so it shows as that cycle's mark).
 */
export function scrutinyStanding(state: CourseState, before: CycleNumber): 'passed' | 'not-passed' {
  let standing: 'passed' | 'not-passed' = 'not-passed';
  for (let cycle = 1; cycle < before; cycle += 1) {
    const mark = scrutinyMark(state, cycle);
    if (mark === 'pass') standing = 'passed';
    else if (mark !== 'not-required') standing = 'not-passed';
  }
  return standing;
}

/** Decided when the scrutiny window opens. Old rules: cycle 1 or a material change only. */
export function requiredScrutiny(state: CourseState, cycle: CycleState): boolean {
  const own = cycle.cycle === 1 || cycle.plan?.materialChange === true;
  if (!newRules(state)) return own;
  return own || cycle.scrutinyRequired || scrutinyStanding(state, cycle.cycle) !== 'passed';
}

/**
 * The instant after which MOFA's determination can no longer precede nominations: `nominationLeadDays`
 * before the nominations window closes, never before the MOFA window itself closes.
 */
export function mofaCutOff(state: CourseState, cycle: CycleState): number {
  const w = cycle.calendar.windows;
  const lead = (state.spec.nominationLeadDays ?? DEFAULT_NOMINATION_LEAD_DAYS) * DAY;
  return Math.max(Date.parse(w.mofaDetermination.closes), Date.parse(w.nominations.closes) - lead);
}

export function expectedParticipants(cycle: CycleState): number {
  return Object.values(cycle.survey).reduce((n, r) => n + (r.wantsToParticipate ? r.expectedParticipants : 0), 0);
}

/** Both configured thresholds: countries always, expected participants when the course sets one. */
export function meetsDemand(state: CourseState, cycle: CycleState, requesting: number): boolean {
  const participants = state.spec.expectedParticipantsThreshold;
  return (
    requesting >= state.spec.participationThreshold &&
    (participants === undefined || expectedParticipants(cycle) >= participants)
  );
}

/** Governments that were offered the cycle: those sent the course notification on MOFA's approval. */
export const offeredCountries = (cycle: CycleState): string[] => (cycle.mofa?.approved ? cycle.participating : []);

/** Findings carried to the cycle that its latest plan has not acknowledged. */
export const openFindings = (cycle: CycleState): string[] =>
  cycle.carriedFindings.slice(cycle.plan?.acknowledgedFindings ?? 0);

/**
 * Sends a cycle's evaluation findings on. Old rules: to the next running cycle, whatever its phase.
 * New rules: to the next cycle still being planned (Scheduled or Formulation), where the course
 * officer meets them in `kccp status`, in that cycle's formulation reminders and in its next plan,
 * which must acknowledge them; with none, they are kept as unplaced and the course officer is told
 * at once, since nothing else would carry them.
 */
export function placeFindings(
  state: CourseState,
  from: CycleNumber,
  fiscalYear: number,
  findings: string[],
  d: { actor: string; at: number },
): Effect[] {
  const later = state.cycles.filter((c) => c.cycle > from && !isTerminal(c.phase));
  if (!newRules(state)) {
    if (later[0]) later[0].carriedFindings = [...later[0].carriedFindings, ...findings];
    return [];
  }
  if (findings.length === 0) return [];
  const target = later.find((c) => c.phase === 'Scheduled' || c.phase === 'Formulation');
  if (target) {
    target.carriedFindings = [...target.carriedFindings, ...findings];
    return [];
  }
  const why = later.length
    ? `cycles ${later.map((c) => `${c.cycle} (${c.phase})`).join(', ')} are past formulation`
    : 'no later cycle is running';
  state.unplacedFindings = [
    ...(state.unplacedFindings ?? []),
    { cycle: from, fiscalYear, findings, why, actor: d.actor, at: d.at },
  ];
  // A reminder needs a cycle the course still holds: an ended cycle is gone after continue-as-new.
  const about = state.cycles.some((c) => c.cycle === from) ? from : (later[0]?.cycle ?? from);
  return [
    {
      type: 'remindStaff',
      cycle: about,
      office: 'course-officer',
      subject: 'evaluation-findings-unplaced',
      reminderKey: `evaluation-findings-unplaced-from-c${from}`,
      facts: { fromCycle: from, findings, why },
    },
  ];
}
