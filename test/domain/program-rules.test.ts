/**
 * The program's rules as the JICA page states them (issue 14, program-rules-v1), one rule per block,
 * on the day-step compressed calendar of test/fixtures/machine.ts (window k opens at step k, cycle n
 * at step 9(n-1)), and where the real fiscal calendar matters, on it.
 */
import { courseSpecSchema } from '../../domain/course';
import { advance, courseStatus, createCourseState } from '../../domain/lifecycle';
import type { Effect } from '../../domain/lifecycle';
import { toTokyoIso } from '../../domain/calendar';
import { compressedCourse, decision, nominee } from '../fixtures/courses';
import { at, course, must, reject, START } from '../fixtures/machine';
import { phase, plan, toMofa } from '../fixtures/program-rules';

describe('rule 1: scrutiny until the course has passed it, and again after a material change', () => {
  it('requires scrutiny in cycle 2 after cycle 1 failed it, and blocks MOFA until a pass', () => {
    let state = toMofa(course().state, 1, 'fail');
    expect(state.outcomes[0]).toMatchObject({ phase: 'NotHeld', notHeldReason: 'scrutiny-failed', scrutiny: 'fail' });
    state = toMofa(state, 2, undefined);
    // No scrutiny decision in cycle 2: the survey closed with enough requests, yet it cannot reach MOFA.
    expect(phase(state, 2)).toBe('NotHeld');
    expect(state.outcomes[1]).toMatchObject({ notHeldReason: 'scrutiny-undecided', scrutiny: undefined });
    state = toMofa(state, 3, 'pass');
    expect(phase(state, 3)).toBe('MofaDetermination');
  });

  it('requires scrutiny after a cycle cancelled before its scrutiny: the course never passed', () => {
    let state = must(course().state, decision('cycleCancellation', { reason: 'COVID-19' }), at(0)).state;
    state = must(state, plan(2), at(9)).state;
    state = advance(state, at(10)).state;
    expect(phase(state, 2)).toBe('Scrutiny');
  });

  it('skips scrutiny after a pass with nothing material changed, even when that cycle was not held later', () => {
    let state = toMofa(course().state, 1, 'pass');
    state = must(state, decision('mofaDetermination', { approved: false }), at(2)).state;
    state = toMofa(state, 2, undefined);
    expect(phase(state, 2)).toBe('MofaDetermination');
  });

  it('requires scrutiny again after a material-change plan, even one a later plan withdrew', () => {
    let state = toMofa(course().state, 1, 'pass');
    state = must(state, decision('cycleCancellation', { reason: 'typhoon' }), at(2)).state;
    state = must(state, plan(2, { materialChange: true }), at(9)).state;
    state = must(state, plan(2), at(9)).state;
    state = advance(state, at(10)).state;
    expect(phase(state, 2)).toBe('Scrutiny');
  });
});

describe('rule 2: MOFA is awaited until it can no longer precede nominations', () => {
  const DAY = 86_400_000;
  const realCourse = (overrides = {}) => {
    const spec = courseSpecSchema.parse({
      ...compressedCourse('REAL-MOFA-1', START),
      calendar: undefined,
      firstCourseYear: 2028,
      ...overrides,
    });
    let { state } = createCourseState(spec, Date.parse('2027-01-10T00:00:00+09:00'), 2);
    state = must(state, plan(1), Date.parse('2027-03-10T00:00:00+09:00')).state;
    state = must(
      state,
      decision('scrutiny', { result: 'pass', reasons: ['r'] }),
      Date.parse('2027-09-01T00:00:00+09:00'),
    ).state;
    for (const c of ['KE', 'SN', 'PE'])
      state = must(
        state,
        decision('surveyResponse', { country: c, wantsToParticipate: true, expectedParticipants: 2 }),
        Date.parse('2027-09-02T00:00:00+09:00'),
      ).state;
    return advance(state, Date.parse('2027-12-01T00:00:00+09:00')).state;
  };
  const reminders = (effects: Effect[]) =>
    effects
      .filter((e) => e.type === 'remindStaff')
      .map((e) => e.type === 'remindStaff' && `${e.office}:${e.reminderKey}`);

  it('keeps the cycle past 1 January, escalating to the course officer and the operator, and ends it at the cut-off', () => {
    const state = realCourse();
    expect(state.cycles[0].phase).toBe('MofaDetermination');
    // Default: 45 days before nominations close on 1 April 2028, i.e. 16 February 2028.
    expect(courseStatus(state, Date.parse('2027-12-02T00:00:00+09:00')).cycles[0].mofaCutOff).toBe(
      '2028-02-16T00:00:00+09:00',
    );
    const january = advance(state, Date.parse('2028-01-02T00:00:00+09:00'));
    expect(january.state.cycles[0].phase).toBe('MofaDetermination');
    expect(reminders(january.effects)).toEqual([
      'mofa-liaison:mofa-determination-14d',
      'mofa-liaison:mofa-determination-3d',
      'mofa-liaison:mofa-determination-overdue',
    ]);
    const before = advance(january.state, Date.parse('2028-02-15T23:59:00+09:00'));
    expect(before.state.cycles[0].phase).toBe('MofaDetermination');
    expect(reminders(before.effects)).toEqual([
      'course-officer:mofa-determination-escalated-14d',
      'operator:mofa-determination-escalated-3d',
    ]);
    // An approval in February is still in time: nominations follow at once.
    const approved = must(
      before.state,
      decision('mofaDetermination', { approved: true }),
      Date.parse('2028-02-15T23:59:00+09:00'),
    );
    expect(approved.state.cycles[0].phase).toBe('Nominations');
    const cut = advance(before.state, Date.parse('2028-02-16T00:00:01+09:00'));
    expect(cut.state.outcomes[0]).toMatchObject({ phase: 'NotHeld', notHeldReason: 'mofa-undecided' });
    expect(cut.effects.filter((e) => e.type === 'notifyCountries')).toEqual([]);
  });

  it('takes the cut-off from the course spec (nominationLeadDays), never before the MOFA window closes', () => {
    expect(courseStatus(realCourse({ nominationLeadDays: 20 }), 0).cycles[0].mofaCutOff).toBe(
      '2028-03-12T00:00:00+09:00',
    );
    expect(courseStatus(realCourse({ nominationLeadDays: 90 }), 0).cycles[0].mofaCutOff).toBe(
      '2028-01-02T00:00:00+09:00',
    );
    // On a day-step calendar 45 days before nominations close is long before MOFA's window closes.
    const compressed = toMofa(course().state, 1, 'pass');
    expect(courseStatus(compressed, at(2)).cycles[0].mofaCutOff).toBe(toTokyoIso(START + 3 * DAY));
  });
});

describe('rule 3: evaluation findings reach the cycle in formulation, and its plan acknowledges them', () => {
  it('on the real calendar, findings of cycle 1 on 10 April go to cycle 3 in formulation, not cycle 2 already approved', () => {
    const spec = courseSpecSchema.parse({
      ...compressedCourse('REAL-EVAL-1', START),
      calendar: undefined,
      firstCourseYear: 2028,
    });
    let { state } = createCourseState(spec, Date.parse('2027-01-10T00:00:00+09:00'), 2);
    const t = (iso: string) => Date.parse(`${iso}T09:00:00+09:00`);
    state = must(state, plan(1), t('2027-03-10')).state;
    state = must(state, decision('scrutiny', { result: 'pass', reasons: ['r'], cycle: 1 }), t('2027-09-01')).state;
    for (const c of ['KE', 'SN', 'PE'])
      state = must(
        state,
        decision('surveyResponse', { country: c, wantsToParticipate: true, expectedParticipants: 2, cycle: 1 }),
        t('2027-09-02'),
      ).state;
    state = must(state, decision('mofaDetermination', { approved: true, cycle: 1 }), t('2027-12-10')).state;
    state = must(
      state,
      decision('nominations', { country: 'KE', organizations: ['MoA'], nominees: [nominee('Amina Otieno')], cycle: 1 }),
      t('2028-02-01'),
    ).state;
    state = must(state, plan(2), t('2028-03-10')).state;
    state = must(
      state,
      decision('selection', { participants: [{ country: 'KE', nominees: ['Amina Otieno'] }], cycle: 1 }),
      t('2028-04-10'),
    ).state;
    state = must(
      state,
      decision('implementationReport', {
        mode: 'online',
        startedOn: '2028-07-01',
        endedOn: '2028-07-20',
        attendance: [{ country: 'KE', participants: 1 }],
        cycle: 1,
      }),
      t('2028-07-25'),
    ).state;
    for (const c of ['KE', 'SN', 'PE'])
      state = must(
        state,
        decision('surveyResponse', { country: c, wantsToParticipate: true, expectedParticipants: 2, cycle: 2 }),
        t('2028-09-02'),
      ).state;
    state = must(state, decision('mofaDetermination', { approved: true, cycle: 2 }), t('2028-12-10')).state;
    state = must(
      state,
      decision('nominations', { country: 'SN', organizations: ['ISRA'], nominees: [nominee('Awa Diop')], cycle: 2 }),
      t('2029-02-01'),
    ).state;
    state = advance(state, t('2029-04-10')).state;
    expect(state.cycles.map((c) => [c.cycle, c.phase])).toEqual([
      [1, 'Evaluation'],
      [2, 'Selection'],
      [3, 'Formulation'],
    ]);
    const evaluated = must(
      state,
      decision('evaluation', { fiscalYear: 2028, findings: ['More field visits'] }),
      t('2029-04-10'),
    );
    state = evaluated.state;
    expect(state.cycles.find((c) => c.cycle === 2)!.carriedFindings).toEqual([]);
    expect(state.cycles.find((c) => c.cycle === 3)!.carriedFindings).toEqual(['More field visits']);
    // No message of its own: the status, the formulation reminders and the next plan carry them.
    expect(evaluated.effects.filter((e) => e.type === 'remindStaff')).toEqual([]);
    const status = courseStatus(state, t('2029-04-10'));
    expect(status.cycles.find((c) => c.cycle === 3)!.openFindings).toEqual(['More field visits']);
    // The plan must acknowledge them, and says which field.
    expect(reject(state, plan(3), t('2029-04-11'))).toMatch(
      /^invalid field: findingsAcknowledged: cycle 3 has 1 open evaluation finding/,
    );
    // The formulation reminder carries them.
    const reminded = advance(state, t('2029-07-20'));
    expect(reminded.effects).toContainEqual(
      expect.objectContaining({
        office: 'course-officer',
        subject: 'course-plan',
        facts: { planRecorded: 'no', openFindings: ['More field visits'] },
      }),
    );
    state = must(state, plan(3, { findingsAcknowledged: true }), t('2029-04-11')).state;
    expect(courseStatus(state, t('2029-04-11')).cycles.find((c) => c.cycle === 3)!.openFindings).toEqual([]);
    // Cycle 2's findings a year later find no cycle in formulation: unplaced, and the course officer is told.
    state = advance(state, t('2030-04-10')).state;
    const late = must(
      state,
      decision('evaluation', { fiscalYear: 2029, findings: ['Shorter modules'] }),
      t('2030-04-10'),
    );
    expect(late.state.unplacedFindings).toMatchObject([{ cycle: 2, fiscalYear: 2029, findings: ['Shorter modules'] }]);
    expect(late.effects).toContainEqual(
      expect.objectContaining({ office: 'course-officer', subject: 'evaluation-findings-unplaced' }),
    );
    expect(courseStatus(late.state, t('2030-04-10')).unplacedFindings[0]).toMatchObject({
      findings: ['Shorter modules'],
    });
  });
});

describe('rule 3, continued: findings of a cycle that will not be held', () => {
  it('go on to the next cycle being planned when the cycle holding them is cancelled', () => {
    let state = course().state;
    state = must(
      state,
      decision('evaluation', { fiscalYear: 2027, findings: ['Shorter modules'], cycle: 1 }),
      at(6),
    ).state;
    expect(state.cycles.find((c) => c.cycle === 2)!.carriedFindings).toEqual(['Shorter modules']);
    const cancelled = must(state, decision('cycleCancellation', { reason: 'Typhoon', cycle: 2 }), at(7));
    expect(phase(cancelled.state, 2)).toBe('Cancelled');
    expect(cancelled.state.cycles.find((c) => c.cycle === 3)!.carriedFindings).toEqual(['Shorter modules']);
    expect(courseStatus(cancelled.state, at(7)).cycles.find((c) => c.cycle === 3)!.openFindings).toEqual([
      'Shorter modules',
    ]);
  });
});
