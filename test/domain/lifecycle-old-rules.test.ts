/**
 * The course state machine under the first program rules, which runs begun before program-rules-v1
 * keep until their current cycle ends: scrutiny only in cycle 1 or after a material change, and a
 * hard MOFA deadline at the close of its window.
 */
import { advance } from '../../domain/lifecycle';
import type { CourseState } from '../../domain/lifecycle';
import { decision } from '../fixtures/courses';
import { at, course, must, planned } from '../fixtures/machine';

describe('course state machine, old rules', () => {
  it('old rules (runs begun before program-rules-v1): skips scrutiny in a later cycle unless its plan changes the course materially', () => {
    let { state } = course({}, 1);
    state = must(state, decision('cycleCancellation', { reason: 'COVID-19' }), at(0)).state;
    expect(state.outcomes[0]).toMatchObject({ phase: 'Cancelled', notHeldReason: 'cancelled' });
    state = advance(state, at(9 + 1)).state;
    expect(state.cycles[1].phase).toBe('RequestSurvey');
    state = must(state, decision('plan', { summary: 'New module on drones', materialChange: true }), at(18)).state;
    state = advance(state, at(18 + 1)).state;
    expect(state.cycles[2].phase).toBe('Scrutiny');
  });

  it.each([
    [
      'scrutiny fails',
      (s: CourseState) =>
        must(s, decision('scrutiny', { result: 'fail', reasons: ['No reason to hold it in Japan'] }), at(1)),
      'scrutiny-failed',
      ['BD', 'KE', 'PE', 'SN', 'VN'],
    ],
    [
      'too few requests',
      (s: CourseState) =>
        advance(must(s, decision('scrutiny', { result: 'pass', reasons: ['ok'] }), at(1)).state, at(2)),
      'too-few-requests',
      [],
    ],
    [
      'scrutiny undecided when its window closes',
      (s: CourseState) => advance(s, at(2)),
      'scrutiny-undecided',
      ['BD', 'KE', 'PE', 'SN', 'VN'],
    ],
  ])('does not hold the cycle when %s, and tells no government: none was offered it', (_name, act, reason) => {
    const { state, effects } = act(advance(planned().state, at(1)).state);
    expect(state.outcomes[0]).toMatchObject({ cycle: 1, phase: 'NotHeld', notHeldReason: reason });
    // Only reminders of the survey, which every target was invited to, may have reached governments.
    const told = effects.flatMap((e) => (e.type === 'notifyCountries' ? [e.kind] : []));
    expect(told.filter((k) => k !== 'survey-reminder' && k !== 'survey-final-reminder')).toEqual([]);
    expect(effects).toContainEqual(
      expect.objectContaining({ type: 'remindStaff', office: 'course-officer', subject: 'cycle-not-held' }),
    );
    expect(state.cycles[1].phase).toBe('Scheduled');
  });

  it.each([
    [
      'scrutiny fails',
      (s: CourseState) =>
        must(s, decision('scrutiny', { result: 'fail', reasons: ['No reason to hold it in Japan'] }), at(1)),
      'scrutiny-failed',
      ['BD', 'KE', 'PE', 'SN', 'VN'],
    ],
    [
      'scrutiny undecided when its window closes',
      (s: CourseState) => advance(s, at(2)),
      'scrutiny-undecided',
      ['BD', 'KE', 'PE', 'SN', 'VN'],
    ],
  ])('old rules: does not hold the cycle when %s, and tells the target countries', (_name, act, reason, told) => {
    const { state, effects } = act(advance(course({}, 1).state, at(1)).state);
    expect(state.outcomes[0]).toMatchObject({ cycle: 1, phase: 'NotHeld', notHeldReason: reason });
    const notice = effects.find((e) => e.type === 'notifyCountries');
    if (told.length) expect(notice).toMatchObject({ kind: 'cycle-not-held', countries: told, facts: { reason } });
    else expect(notice).toBeUndefined();
    expect(effects).toContainEqual(
      expect.objectContaining({ type: 'remindStaff', office: 'course-officer', subject: 'cycle-not-held' }),
    );
    expect(state.cycles[1].phase).toBe('Scheduled');
  });

  it.each([
    [
      'MOFA rejects',
      (s: CourseState) => must(s, decision('mofaDetermination', { approved: false, remarks: 'Budget' }), at(2)),
      'mofa-not-approved',
    ],
    ['MOFA is undecided past its hard deadline', (s: CourseState) => advance(s, at(3)), 'mofa-undecided'],
  ])('does not hold the cycle when %s, telling no government (none was offered it)', (_name, act, reason) => {
    let { state } = planned();
    state = must(state, decision('scrutiny', { result: 'pass', reasons: ['ok'] }), at(1)).state;
    for (const c of ['KE', 'SN', 'PE'])
      state = must(
        state,
        decision('surveyResponse', { country: c, wantsToParticipate: true, expectedParticipants: 1 }),
        at(1),
      ).state;
    state = advance(state, at(2)).state;
    const { state: after, effects } = act(state);
    expect(after.outcomes[0]).toMatchObject({
      phase: 'NotHeld',
      notHeldReason: reason,
      mofaApproved: reason === 'mofa-undecided' ? undefined : false,
    });
    expect(effects.filter((e) => e.type === 'notifyCountries')).toEqual([]);
    expect(effects).toContainEqual(expect.objectContaining({ subject: 'cycle-not-held', facts: { reason } }));
  });

  it('old rules: MOFA undecided at its window close is not held and tells the requesting countries', () => {
    let { state } = course({}, 1);
    state = must(state, decision('scrutiny', { result: 'pass', reasons: ['ok'] }), at(1)).state;
    for (const c of ['KE', 'SN', 'PE'])
      state = must(
        state,
        decision('surveyResponse', { country: c, wantsToParticipate: true, expectedParticipants: 1 }),
        at(1),
      ).state;
    const { state: after, effects } = advance(state, at(3));
    expect(after.outcomes[0]).toMatchObject({ phase: 'NotHeld', notHeldReason: 'mofa-undecided' });
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'cycle-not-held', countries: ['KE', 'PE', 'SN'] }));
  });
});
