/**
 * Calendar events: windows opening and closing, and reminders before a
 * deadline. They are derived from each cycle's calendar, so the workflow only
 * needs a clock: `advance(state, now)` applies every event up to `now`, and
 * `nextWakeUp(state)` tells it when to look again.
 */
import type { WindowName } from '../course';
import type { CycleNumber } from '../calendar';
import type { NoticeKind, StaffOffice } from '../notices';
import { toTokyoIso } from '../calendar';
import { clone, endCycle, notHeld, tallyAfterScrutinyAndSurvey } from './rules';
import { meetsDemand, mofaCutOff, newRules, openFindings, requiredScrutiny } from './program-rules';
import { governmentReminder, governmentReminderEvents, surveyInvitation } from './government-notices';
import {
  actionPlanReminder,
  actionPlanReminderEvents,
  actionPlanRequests,
  joiningInstructions,
  type ParticipantReminderEvent,
} from './participant-documents';
import { participantDocuments } from './program-rules';
import type { CourseState, CycleState, Effect, Transition } from './types';
import { isTerminal } from './types';

export type CalendarEvent =
  /** A reminder to participants whose action plan has not come back (participant-documents-v1). */
  | ParticipantReminderEvent
  | { type: 'windowOpened' | 'windowClosed'; cycle: CycleNumber; window: WindowName; at: number }
  /** The point after which MOFA can no longer decide in time for nominations (program-rules-v1). */
  | { type: 'mofaCutOff'; cycle: CycleNumber; at: number }
  /** A reminder to the governments that have not yet answered the survey or nominated (program-rules-v1). */
  | {
      type: 'governmentReminderDue';
      cycle: CycleNumber;
      window: 'requestSurvey' | 'nominations';
      kind: NoticeKind;
      at: number;
    }
  | {
      type: 'reminderDue';
      cycle: CycleNumber;
      window: WindowName;
      office: StaffOffice;
      key: string;
      at: number;
      /** Set for an escalation, whose deadline is the MOFA cut-off rather than the window's close. */
      deadline?: number;
    };

const DAY = 86_400_000;

/** Which office is reminded before which deadline. */
const REMINDED: Partial<Record<WindowName, { office: StaffOffice; subject: string }>> = {
  scrutiny: { office: 'scrutiny-secretariat', subject: 'scrutiny-decision' },
  requestSurvey: { office: 'survey-desk', subject: 'request-survey' },
  mofaDetermination: { office: 'mofa-liaison', subject: 'mofa-determination' },
  selection: { office: 'course-officer', subject: 'selection' },
  postReturn: { office: 'course-officer', subject: 'implementation-report' },
};

/** Lead times before a deadline: 14 and 3 days, or half and an eighth of a window shorter than four weeks. */
export function reminderLeads(opens: number, closes: number): { label: string; ms: number }[] {
  const length = closes - opens;
  if (length >= 28 * DAY)
    return [
      { label: '14d', ms: 14 * DAY },
      { label: '3d', ms: 3 * DAY },
    ];
  return [
    { label: 'half', ms: Math.floor(length / 2) },
    { label: 'last-eighth', ms: Math.floor(length / 8) },
  ];
}

/** Order of events due at one instant: what closes settles before anything opens. */
const EVENT_ORDER = {
  windowClosed: 0,
  mofaCutOff: 0,
  reminderDue: 1,
  governmentReminderDue: 1,
  participantReminderDue: 1,
  windowOpened: 2,
};

/**
 * A cycle's calendar events. With `state` under program-rules-v1, also the course officer's
 * formulation reminders, MOFA's escalations past its window and the MOFA cut-off; old runs never see
 * them, so their timers stay as their histories recorded them.
 */
export function calendarEvents(cycle: CycleState, state?: CourseState): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const [name, w] of Object.entries(cycle.calendar.windows) as [WindowName, { opens: string; closes: string }][]) {
    const opens = Date.parse(w.opens);
    const closes = Date.parse(w.closes);
    events.push({ type: 'windowOpened', cycle: cycle.cycle, window: name, at: opens });
    events.push({ type: 'windowClosed', cycle: cycle.cycle, window: name, at: closes });
    const reminded = REMINDED[name];
    if (reminded) {
      for (const lead of reminderLeads(opens, closes)) {
        events.push({
          type: 'reminderDue',
          cycle: cycle.cycle,
          window: name,
          office: reminded.office,
          key: `${reminded.subject}-${lead.label}`,
          at: closes - lead.ms,
        });
      }
    }
  }
  if (state && newRules(state)) events.push(...programRuleEvents(state, cycle));
  // Closings before openings at the same instant: a window that closes at the
  // moment the next opens is settled before the next one starts.
  return events.sort((a, b) => a.at - b.at || EVENT_ORDER[a.type] - EVENT_ORDER[b.type]);
}

function programRuleEvents(state: CourseState, cycle: CycleState): CalendarEvent[] {
  const w = cycle.calendar.windows;
  const c = cycle.cycle;
  const events: CalendarEvent[] = [];
  const formulation = { opens: Date.parse(w.formulation.opens), closes: Date.parse(w.formulation.closes) };
  for (const lead of reminderLeads(formulation.opens, formulation.closes)) {
    const key = `course-plan-${lead.label}`;
    events.push({
      type: 'reminderDue',
      cycle: c,
      window: 'formulation',
      office: 'course-officer',
      key,
      at: formulation.closes - lead.ms,
    });
  }
  events.push(...governmentReminderEvents(cycle));
  if (participantDocuments(state)) events.push(...actionPlanReminderEvents(cycle));
  const mofaCloses = Date.parse(w.mofaDetermination.closes);
  const cutOff = mofaCutOff(state, cycle);
  events.push({ type: 'mofaCutOff', cycle: c, at: cutOff });
  if (cutOff > mofaCloses) {
    // Past its month MOFA's liaison hears first, then the course officer, then the operator.
    const escalation = (office: StaffOffice, key: string, at: number): CalendarEvent => ({
      type: 'reminderDue',
      cycle: c,
      window: 'mofaDetermination',
      office,
      key,
      at,
      deadline: cutOff,
    });
    const [first, last] = reminderLeads(mofaCloses, cutOff);
    events.push(escalation('mofa-liaison', 'mofa-determination-overdue', mofaCloses));
    events.push(escalation('course-officer', `mofa-determination-escalated-${first.label}`, cutOff - first.ms));
    events.push(escalation('operator', `mofa-determination-escalated-${last.label}`, cutOff - last.ms));
  }
  return events;
}

function pendingEvents(state: CourseState, after: number, upTo: number): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const cycle of state.cycles) {
    if (isTerminal(cycle.phase)) continue;
    for (const e of calendarEvents(cycle, state)) if (e.at > after && e.at <= upTo) events.push(e);
  }
  return events.sort((a, b) => a.at - b.at || a.cycle - b.cycle || EVENT_ORDER[a.type] - EVENT_ORDER[b.type]);
}

/** The next instant at which a calendar event is due, if any cycle is still running. */
export function nextWakeUp(state: CourseState): number | undefined {
  let next: number | undefined;
  for (const cycle of state.cycles) {
    if (isTerminal(cycle.phase)) continue;
    for (const e of calendarEvents(cycle, state)) {
      if (e.at > state.clock && (next === undefined || e.at < next)) next = e.at;
    }
  }
  return next;
}

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
