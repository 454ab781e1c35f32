/**
 * What governments hear from the calendar under program-rules-v1 (issue 16): the request survey's
 * invitation when it opens, and reminders before the survey and the nominations close to those that
 * have not yet answered. Old runs never see these events, so their histories replay as recorded.
 */
import type { NoticeKind } from '../notices';
import type { CalendarEvent } from './calendar-events';
import { reminderLeads } from './calendar-events';
import { newRules, offeredCountries } from './program-rules';
import type { CourseState, CycleState, Effect } from './types';

type AnsweredWindow = 'requestSurvey' | 'nominations';

/** The first lead (14 days, or half-way) sends the reminder, the last (3 days, or the last eighth) the final one. */
export const GOVERNMENT_REMINDERS: Record<AnsweredWindow, [NoticeKind, NoticeKind]> = {
  requestSurvey: ['survey-reminder', 'survey-final-reminder'],
  nominations: ['nomination-reminder', 'nomination-final-reminder'],
};

export function governmentReminderEvents(cycle: CycleState): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const window of ['requestSurvey', 'nominations'] as const) {
    const opens = Date.parse(cycle.calendar.windows[window].opens);
    const closes = Date.parse(cycle.calendar.windows[window].closes);
    reminderLeads(opens, closes).forEach((lead, i) => {
      const kind = GOVERNMENT_REMINDERS[window][i];
      events.push({ type: 'governmentReminderDue', cycle: cycle.cycle, window, kind, at: closes - lead.ms });
    });
  }
  return events;
}

/**
 * Every target government is invited when the survey opens. A course created mid-survey still
 * invites them (they can answer until it closes); one created after it closed does not.
 */
export function surveyInvitation(state: CourseState, cycle: CycleState, now: number): Effect[] {
  if (!newRules(state) || Date.parse(cycle.calendar.windows.requestSurvey.closes) <= now) return [];
  const countries = [...state.spec.targetCountries].sort();
  return [{ type: 'notifyCountries', cycle: cycle.cycle, kind: 'survey-invitation', countries }];
}

/**
 * Governments still owing an answer when a reminder is due: target governments that have not answered
 * the open survey, or offered governments that have not nominated. Those who answered hear nothing.
 */
export function governmentsToRemind(state: CourseState, cycle: CycleState, window: AnsweredWindow): string[] {
  if (window === 'requestSurvey') {
    if ((cycle.phase !== 'Scrutiny' && cycle.phase !== 'RequestSurvey') || cycle.surveyClosed) return [];
    return [...state.spec.targetCountries].filter((c) => !cycle.survey[c]).sort();
  }
  if (cycle.phase !== 'Nominations') return [];
  return offeredCountries(cycle).filter((c) => !cycle.nominations[c]);
}

export function governmentReminder(
  state: CourseState,
  cycle: CycleState,
  event: Extract<CalendarEvent, { type: 'governmentReminderDue' }>,
): Effect[] {
  const countries = governmentsToRemind(state, cycle, event.window);
  return countries.length ? [{ type: 'notifyCountries', cycle: cycle.cycle, kind: event.kind, countries }] : [];
}
