/**
 * What governments hear from the calendar under program-rules-v1 (issue 16): the survey invitation
 * when the survey opens, and reminders before the survey and the nominations close, only to those
 * that have not answered. On the day-step calendar of test/fixtures/machine.ts (windows of one day:
 * half-way and last-eighth leads) and, for the 14- and 3-day leads, on the real fiscal calendar.
 */
import { courseSpecSchema } from '../../domain/course';
import { advance, calendarEvents, createCourseState } from '../../domain/lifecycle';
import type { CourseState, Effect } from '../../domain/lifecycle';
import { compressedCourse, DAY, decision, nominee } from '../fixtures/courses';
import { at, course, must, planned, START } from '../fixtures/machine';

const HOUR = 3_600_000;
const TARGETS = ['BD', 'KE', 'PE', 'SN', 'VN'];

/** The government notices among effects, as kind → countries. */
const notices = (effects: Effect[]) =>
  effects.flatMap((e) => (e.type === 'notifyCountries' ? [{ kind: e.kind, countries: e.countries }] : []));

function answer(state: CourseState, country: string, now: number, wants = true): CourseState {
  const d = decision('surveyResponse', { country, wantsToParticipate: wants, expectedParticipants: wants ? 2 : 0 });
  return must(state, d, now).state;
}

/** Cycle 1 planned, scrutiny passed and surveyed by KE, SN, PE and VN: at MOFA's window. */
function atMofa(): CourseState {
  let state = advance(planned().state, at(1)).state;
  state = must(state, decision('scrutiny', { result: 'pass', reasons: ['ok'] }), at(1)).state;
  for (const c of ['KE', 'SN', 'PE', 'VN']) state = answer(state, c, at(1));
  return advance(state, at(2)).state;
}

describe('the request survey invitation', () => {
  it('goes to every target government when the survey opens, once', () => {
    const opened = advance(planned().state, at(1));
    expect(notices(opened.effects)).toEqual([{ kind: 'survey-invitation', countries: TARGETS }]);
    // The clock moving on inside the window sends nothing again.
    expect(notices(advance(opened.state, at(1) + HOUR).effects)).toEqual([]);
  });

  it('is not sent by runs under the old rules, whose histories were recorded without it', () => {
    const old = course({}, 1).state;
    const moved = advance(old, at(5));
    // The old rules tell the targets the cycle is off (no scrutiny decision), and nothing of the survey.
    expect(notices(moved.effects).map((n) => n.kind)).toEqual(['cycle-not-held']);
    expect(calendarEvents(old.cycles[0], old).some((e) => e.type === 'governmentReminderDue')).toBe(false);
  });

  it('reaches a course created while the survey is open, and not one created after it closed', () => {
    const spec = courseSpecSchema.parse(compressedCourse('TEST-001', START, DAY));
    const during = createCourseState(spec, at(1) + HOUR, 2);
    expect(notices(during.effects)).toEqual([{ kind: 'survey-invitation', countries: TARGETS }]);
    const after = createCourseState(spec, at(2) + HOUR, 2);
    expect(notices(after.effects).map((n) => n.kind)).not.toContain('survey-invitation');
  });
});

describe('reminders of the request survey', () => {
  it('go half-way and in the last eighth of a short survey, each only to governments still silent', () => {
    let state = advance(planned().state, at(1)).state;
    state = answer(state, 'KE', at(1));
    state = answer(state, 'SN', at(1), false); // a "no" is an answer too
    const half = advance(state, START + DAY + 12 * HOUR);
    expect(notices(half.effects)).toEqual([{ kind: 'survey-reminder', countries: ['BD', 'PE', 'VN'] }]);
    state = answer(half.state, 'PE', START + DAY + 13 * HOUR);
    const last = advance(state, START + 2 * DAY - 3 * HOUR);
    expect(notices(last.effects)).toEqual([{ kind: 'survey-final-reminder', countries: ['BD', 'VN'] }]);
    // Nothing more before the survey closes.
    expect(notices(advance(last.state, START + 2 * DAY - 1).effects)).toEqual([]);
  });

  it('go to nobody once every target government has answered', () => {
    let state = advance(planned().state, at(1)).state;
    for (const c of TARGETS) state = answer(state, c, at(1));
    expect(notices(advance(state, START + 2 * DAY - 1).effects)).toEqual([]);
  });

  it('stop when the cycle is not held: no reminder of a survey that no longer matters', () => {
    let state = advance(planned().state, at(1)).state;
    state = must(state, decision('scrutiny', { result: 'fail', reasons: ['Not suited'] }), at(1)).state;
    expect(notices(advance(state, START + 2 * DAY - 1).effects)).toEqual([]);
  });
});

describe('reminders of nominations', () => {
  it('go only to governments offered the course that have not nominated', () => {
    let state = must(atMofa(), decision('mofaDetermination', { approved: true }), at(2)).state;
    state = advance(state, at(3)).state;
    const nominated = decision('nominations', { country: 'KE', organizations: ['MoA'], nominees: [nominee('Amina')] });
    state = must(state, nominated, at(3)).state;
    const half = advance(state, START + 3 * DAY + 12 * HOUR);
    // BD never asked to take part, so it was not offered the course: it is not asked to nominate.
    expect(notices(half.effects)).toEqual([{ kind: 'nomination-reminder', countries: ['PE', 'SN', 'VN'] }]);
    const fromSN = decision('nominations', { country: 'SN', organizations: ['MoA'], nominees: [nominee('Awa')] });
    state = must(half.state, fromSN, START + 3 * DAY + 13 * HOUR).state;
    const last = advance(state, START + 4 * DAY - 3 * HOUR);
    expect(notices(last.effects)).toEqual([{ kind: 'nomination-final-reminder', countries: ['PE', 'VN'] }]);
  });

  it('go to nobody while MOFA has not approved: no government has been offered the course', () => {
    const waiting = advance(atMofa(), START + 4 * DAY - 1);
    expect(notices(waiting.effects).filter((n) => n.kind.startsWith('nomination'))).toEqual([]);
  });
});

describe('lead times on the real fiscal calendar', () => {
  it('are 14 and 3 days before the survey and the nominations close', () => {
    const spec = courseSpecSchema.parse({ ...compressedCourse('TEST-REAL', START, DAY), calendar: undefined });
    const state = createCourseState(spec, Date.parse('2026-04-01T00:00:00+09:00'), 2).state;
    const cycle = state.cycles[0];
    const due = calendarEvents(cycle, state).filter((e) => e.type === 'governmentReminderDue');
    const before = (window: 'requestSurvey' | 'nominations') =>
      due
        .filter((e) => e.type === 'governmentReminderDue' && e.window === window)
        .map((e) => [(e as { kind: string }).kind, (Date.parse(cycle.calendar.windows[window].closes) - e.at) / DAY]);
    expect(before('requestSurvey')).toEqual([
      ['survey-reminder', 14],
      ['survey-final-reminder', 3],
    ]);
    expect(before('nominations')).toEqual([
      ['nomination-reminder', 14],
      ['nomination-final-reminder', 3],
    ]);
  });
});
