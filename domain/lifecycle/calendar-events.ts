/**
 * The calendar's events: windows opening and closing, reminders before a deadline, and the
 * program rules' own instants (plan reminders, MOFA's cut-off). Derived from each cycle's
 * calendar and the course's state; timeline.ts applies them as they fall due.
 */
import type { WindowName } from '../course';
import type { CycleNumber } from '../calendar';
import type { NoticeKind, StaffOffice } from '../notices';
import { mofaCutOff, newRules, participantDocuments } from './program-rules';
import { governmentReminderEvents } from './government-notices';
import { actionPlanReminderEvents, type ParticipantReminderEvent } from './participant-documents';
import type { CourseState, CycleState } from './types';
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

export function pendingEvents(state: CourseState, after: number, upTo: number): CalendarEvent[] {
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
