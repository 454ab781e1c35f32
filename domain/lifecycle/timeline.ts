/**
 * The course's clock: `advance(state, now)` applies every calendar event due by `now`.
 * calendar-events.ts derives the events from each cycle's calendar, and its
 * `nextWakeUp(state)` tells the workflow when to look again.
 */
import type { WindowName } from '../course';
import { toTokyoIso } from '../calendar';
import { clone, endCycle, notHeld, tallyAfterScrutinyAndSurvey } from './rules';
import { meetsDemand, mofaCutOff, newRules, openFindings, requiredScrutiny } from './program-rules';
import { governmentReminder, surveyInvitation } from './government-notices';
import { actionPlanReminder, actionPlanRequests, joiningInstructions } from './participant-documents';
import { pendingEvents, type CalendarEvent } from './calendar-events';
import type { CourseState, CycleState, Effect, Transition } from './types';
import { isTerminal } from './types';

/**
 * Applies every calendar event due by `now`. With `quiet`, reminders that are
 * already past are dropped: a course created mid-window should not be told of
 * deadlines before it existed.
 */
export function advance(current: CourseState, now: number, options: { quiet?: boolean } = {}): Transition {
  if (now <= current.clock) return { state: current, effects: [] };
  const due = pendingEvents(current, current.clock, now);
  // Most tasks find nothing due: only the clock moves, so the record is not copied whole (issue 20's profile).
  if (due.length === 0) return { state: { ...current, clock: now }, effects: [] };
  const state = clone(current);
  const effects: Effect[] = [];
  for (const event of due) {
    const cycle = state.cycles.find((c) => c.cycle === event.cycle)!;
    if (isTerminal(cycle.phase)) continue;
    if (event.type === 'reminderDue') {
      if (!options.quiet) effects.push(...reminder(state, cycle, event));
    } else if (event.type === 'governmentReminderDue') {
      if (!options.quiet) effects.push(...governmentReminder(state, cycle, event));
    } else if (event.type === 'participantReminderDue') {
      if (!options.quiet) effects.push(...actionPlanReminder(state, cycle, event));
    } else if (event.type === 'windowOpened') {
      effects.push(...opened(state, cycle, event.window, now));
    } else if (event.type === 'mofaCutOff') {
      if (cycle.phase === 'MofaDetermination') effects.push(...notHeld(state, cycle, 'mofa-undecided'));
    } else {
      effects.push(...closed(state, cycle, event.window, event.at, options.quiet === true));
    }
  }
  state.clock = now;
  return { state, effects };
}

/** Opens a window; under program-rules-v1 the request survey's opening invites every target government. */
function opened(state: CourseState, cycle: CycleState, window: WindowName, now: number): Effect[] {
  switch (window) {
    case 'formulation':
      if (cycle.phase === 'Scheduled') cycle.phase = 'Formulation';
      return [];
    case 'requestSurvey':
      if (cycle.phase === 'Scheduled' || cycle.phase === 'Formulation') {
        cycle.scrutinyRequired = requiredScrutiny(state, cycle);
        cycle.phase = cycle.scrutinyRequired ? 'Scrutiny' : 'RequestSurvey';
        return surveyInvitation(state, cycle, now);
      }
      return [];
    case 'preArrival':
      if (cycle.phase === 'Selection' && cycle.selection) cycle.phase = 'PreArrival';
      return joiningInstructions(state, cycle);
    case 'inJapan':
      if (cycle.phase === 'PreArrival') cycle.phase = 'InJapan';
      return [];
    case 'postReturn':
      if (cycle.phase === 'InJapan') cycle.phase = 'PostReturn';
      return actionPlanRequests(state, cycle, now);
    case 'evaluation':
      if (cycle.phase === 'PostReturn') cycle.phase = 'Evaluation';
      return [];
    default:
      return [];
  }
}

function closed(state: CourseState, cycle: CycleState, window: WindowName, at: number, quiet: boolean): Effect[] {
  switch (window) {
    case 'formulation':
      // A course created after its formulation closed had no chance to plan: scrutiny reviews its proposal.
      if (newRules(state) && !quiet && !cycle.plan && (cycle.phase === 'Formulation' || cycle.phase === 'Scheduled'))
        return notHeld(state, cycle, 'no-plan');
      return [];
    case 'scrutiny':
      if (cycle.phase === 'Scrutiny' && !cycle.scrutiny) return notHeld(state, cycle, 'scrutiny-undecided');
      return [];
    case 'requestSurvey':
      if (cycle.phase !== 'Scrutiny' && cycle.phase !== 'RequestSurvey') return [];
      cycle.surveyClosed = true;
      return tallyAfterScrutinyAndSurvey(state, cycle);
    case 'mofaDetermination':
      // New rules: December is when MOFA typically decides, not a deadline; the cut-off event decides.
      if (cycle.phase === 'MofaDetermination' && !newRules(state)) return notHeld(state, cycle, 'mofa-undecided');
      return [];
    case 'nominations':
      if (cycle.phase !== 'Nominations') return [];
      if (Object.keys(cycle.nominations).length === 0) return notHeld(state, cycle, 'no-nominations');
      cycle.phase = 'Selection';
      return [];
    case 'selection':
      if (cycle.phase === 'Selection' && !cycle.selection) return notHeld(state, cycle, 'selection-undecided');
      return [];
    case 'evaluation':
      if (cycle.phase === 'Evaluation') return endCycle(state, cycle, 'Completed', at);
      return [];
    default:
      return [];
  }
}

function reminder(
  state: CourseState,
  cycle: CycleState,
  event: Extract<CalendarEvent, { type: 'reminderDue' }>,
): Effect[] {
  const w = cycle.calendar.windows[event.window];
  const requesting = Object.values(cycle.survey).filter((r) => r.wantsToParticipate).length;
  const open = openFindings(cycle);
  const stillDue =
    (event.window === 'formulation' && cycle.phase === 'Formulation' && (!cycle.plan || open.length > 0)) ||
    (event.window === 'scrutiny' && cycle.phase === 'Scrutiny' && !cycle.scrutiny) ||
    // The survey desk is reminded only while the course lacks the requests it needs.
    (event.window === 'requestSurvey' &&
      (cycle.phase === 'Scrutiny' || cycle.phase === 'RequestSurvey') &&
      !meetsDemand(state, cycle, requesting)) ||
    (event.window === 'mofaDetermination' && cycle.phase === 'MofaDetermination') ||
    (event.window === 'selection' && cycle.phase === 'Selection' && !cycle.selection) ||
    (event.window === 'postReturn' && cycle.phase === 'PostReturn' && !cycle.implementation);
  if (!stillDue || cycle.remindersSent.includes(event.key)) return [];
  cycle.remindersSent.push(event.key);
  const threshold = state.spec.participationThreshold;
  const facts: Record<string, string | number | string[]> | undefined =
    event.window === 'requestSurvey'
      ? { requesting, threshold, responses: Object.keys(cycle.survey).length }
      : event.window === 'formulation'
        ? { planRecorded: cycle.plan ? 'yes' : 'no', openFindings: open }
        : event.window === 'mofaDetermination' && newRules(state)
          ? { cutOff: toTokyoIso(mofaCutOff(state, cycle)) }
          : undefined;
  return [
    {
      type: 'remindStaff',
      cycle: cycle.cycle,
      office: event.office,
      subject: event.key.replace(/-(14d|3d|half|last-eighth)$/, ''),
      reminderKey: event.key,
      deadline: event.deadline === undefined ? w.closes : toTokyoIso(event.deadline),
      facts,
    },
  ];
}
