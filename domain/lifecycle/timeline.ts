/**
 * Calendar events: windows opening and closing, and reminders before a
 * deadline. They are derived from each cycle's calendar, so the workflow only
 * needs a clock: `advance(state, now)` applies every event up to `now`, and
 * `nextWakeUp(state)` tells it when to look again.
 */
import type { WindowName } from '../course';
import type { CycleNumber } from '../calendar';
import type { StaffOffice } from '../../activities/contracts';
import { clone, endCycle, notHeld, tallyAfterScrutinyAndSurvey } from './rules';
import type { CourseState, CycleState, Effect, Transition } from './types';
import { isTerminal } from './types';

export type CalendarEvent =
  | { type: 'windowOpened' | 'windowClosed'; cycle: CycleNumber; window: WindowName; at: number }
  | { type: 'reminderDue'; cycle: CycleNumber; window: WindowName; office: StaffOffice; key: string; at: number };

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

export function calendarEvents(cycle: CycleState): CalendarEvent[] {
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
  // Closings before openings at the same instant: a window that closes at the
  // moment the next opens is settled before the next one starts.
  const order = { windowClosed: 0, reminderDue: 1, windowOpened: 2 };
  return events.sort((a, b) => a.at - b.at || order[a.type] - order[b.type]);
}

function pendingEvents(state: CourseState, after: number, upTo: number): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const cycle of state.cycles) {
    if (isTerminal(cycle.phase)) continue;
    for (const e of calendarEvents(cycle)) if (e.at > after && e.at <= upTo) events.push(e);
  }
  const order = { windowClosed: 0, reminderDue: 1, windowOpened: 2 };
  return events.sort((a, b) => a.at - b.at || a.cycle - b.cycle || order[a.type] - order[b.type]);
}

/** The next instant at which a calendar event is due, if any cycle is still running. */
export function nextWakeUp(state: CourseState): number | undefined {
  let next: number | undefined;
  for (const cycle of state.cycles) {
    if (isTerminal(cycle.phase)) continue;
    for (const e of calendarEvents(cycle)) {
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
  const state = clone(current);
  const effects: Effect[] = [];
  for (const event of pendingEvents(state, state.clock, now)) {
    const cycle = state.cycles.find((c) => c.cycle === event.cycle)!;
    if (isTerminal(cycle.phase)) continue;
    if (event.type === 'reminderDue') {
      if (!options.quiet) effects.push(...reminder(cycle, event, state.spec.participationThreshold));
    } else if (event.type === 'windowOpened') {
      opened(cycle, event.window);
    } else {
      effects.push(...closed(state, cycle, event.window, event.at));
    }
  }
  state.clock = now;
  return { state, effects };
}

function opened(cycle: CycleState, window: WindowName): void {
  switch (window) {
    case 'formulation':
      if (cycle.phase === 'Scheduled') cycle.phase = 'Formulation';
      return;
    case 'requestSurvey':
      if (cycle.phase === 'Scheduled' || cycle.phase === 'Formulation') {
        cycle.scrutinyRequired = cycle.cycle === 1 || cycle.plan?.materialChange === true;
        cycle.phase = cycle.scrutinyRequired ? 'Scrutiny' : 'RequestSurvey';
      }
      return;
    case 'preArrival':
      if (cycle.phase === 'Selection' && cycle.selection) cycle.phase = 'PreArrival';
      return;
    case 'inJapan':
      if (cycle.phase === 'PreArrival') cycle.phase = 'InJapan';
      return;
    case 'postReturn':
      if (cycle.phase === 'InJapan') cycle.phase = 'PostReturn';
      return;
    case 'evaluation':
      if (cycle.phase === 'PostReturn') cycle.phase = 'Evaluation';
      return;
    default:
      return;
  }
}

function closed(state: CourseState, cycle: CycleState, window: WindowName, at: number): Effect[] {
  switch (window) {
    case 'scrutiny':
      if (cycle.phase === 'Scrutiny' && !cycle.scrutiny) return notHeld(state, cycle, 'scrutiny-undecided');
      return [];
    case 'requestSurvey':
      if (cycle.phase !== 'Scrutiny' && cycle.phase !== 'RequestSurvey') return [];
      cycle.surveyClosed = true;
      return tallyAfterScrutinyAndSurvey(state, cycle);
    case 'mofaDetermination':
      if (cycle.phase === 'MofaDetermination') return notHeld(state, cycle, 'mofa-undecided');
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
  cycle: CycleState,
  event: Extract<CalendarEvent, { type: 'reminderDue' }>,
  threshold: number,
): Effect[] {
  const w = cycle.calendar.windows[event.window];
  const requesting = Object.values(cycle.survey).filter((r) => r.wantsToParticipate).length;
  const stillDue =
    (event.window === 'scrutiny' && cycle.phase === 'Scrutiny' && !cycle.scrutiny) ||
    // The survey desk is reminded only while the course lacks the requests it needs.
    (event.window === 'requestSurvey' &&
      (cycle.phase === 'Scrutiny' || cycle.phase === 'RequestSurvey') &&
      requesting < threshold) ||
    (event.window === 'mofaDetermination' && cycle.phase === 'MofaDetermination') ||
    (event.window === 'selection' && cycle.phase === 'Selection' && !cycle.selection) ||
    (event.window === 'postReturn' && cycle.phase === 'PostReturn' && !cycle.implementation);
  if (!stillDue || cycle.remindersSent.includes(event.key)) return [];
  cycle.remindersSent.push(event.key);
  return [
    {
      type: 'remindStaff',
      cycle: cycle.cycle,
      office: event.office,
      subject: event.key.replace(/-(14d|3d|half|last-eighth)$/, ''),
      reminderKey: event.key,
      deadline: w.closes,
      facts:
        event.window === 'requestSurvey'
          ? { requesting, threshold, responses: Object.keys(cycle.survey).length }
          : undefined,
    },
  ];
}
