/**
 * The program's rules, continued (issue 14, program-rules-v1): who is told, plans, selection and
 * attendance, and demand; rules 1 to 3 are in program-rules.test.ts.
 */
import { courseSpecSchema } from '../../domain/course';
import { advance, createCourseState } from '../../domain/lifecycle';
import { compressedCourse, decision } from '../fixtures/courses';
import { at, course, must, planned, reject, START } from '../fixtures/machine';
import { phase, toMofa, toNominated } from '../fixtures/program-rules';

describe('rule 4 (who is told): only governments offered the cycle hear that it is off', () => {
  it('a cancellation before MOFA tells no government; after approval it tells the offered ones, with the staff reason', () => {
    const before = must(planned().state, decision('cycleCancellation', { reason: 'typhoon' }), at(1));
    expect(before.effects.filter((e) => e.type === 'notifyCountries')).toEqual([]);
    expect(before.effects).toContainEqual(
      expect.objectContaining({ subject: 'cycle-not-held', facts: { reason: 'cancelled', staffReason: 'typhoon' } }),
    );
    const approved = must(
      toMofa(course().state, 1, 'pass'),
      decision('mofaDetermination', { approved: true }),
      at(2),
    ).state;
    const after = must(approved, decision('cycleCancellation', { reason: 'travel ban' }), at(3));
    expect(after.effects).toContainEqual({
      type: 'notifyCountries',
      cycle: 1,
      kind: 'cycle-not-held',
      countries: ['KE', 'PE', 'SN'],
      facts: { reason: 'cancelled', staffReason: 'travel ban' },
    });
  });
});

describe('rule 5: plan, selection and attendance', () => {
  it('reminds the course officer during formulation and does not hold a cycle whose formulation closes without a plan', () => {
    const spec = courseSpecSchema.parse({
      ...compressedCourse('REAL-PLAN-1', START),
      calendar: undefined,
      firstCourseYear: 2028,
    });
    const { state } = createCourseState(spec, Date.parse('2027-01-10T00:00:00+09:00'), 2);
    const { state: after, effects } = advance(state, Date.parse('2027-08-01T00:00:01+09:00'));
    expect(
      effects.filter((e) => e.type === 'remindStaff').map((e) => e.type === 'remindStaff' && e.reminderKey),
    ).toEqual(['course-plan-14d', 'course-plan-3d', 'cycle-not-held']);
    expect(after.outcomes[0]).toMatchObject({ phase: 'NotHeld', notHeldReason: 'no-plan' });
    expect(effects.filter((e) => e.type === 'notifyCountries')).toEqual([]);
  });

  it('refuses a selection naming nobody, naming the field', () => {
    const state = advance(toNominated(toMofa(course().state, 1, 'pass'), 1), at(4)).state;
    expect(reject(state, decision('selection', { participants: [{ country: 'KE', nominees: [] }] }), at(4))).toBe(
      'invalid field: participants: a selection names at least one participant (every nominees list is empty)',
    );
  });

  it('takes the selection before its window once every participating government has nominated', () => {
    let state = toNominated(toMofa(course({ participationThreshold: 2 }).state, 1, 'pass', 2), 1);
    expect(phase(state, 1)).toBe('Selection');
    state = must(
      state,
      decision('selection', { participants: [{ country: 'KE', nominees: ['Amina Otieno'] }] }),
      at(3),
    ).state;
    expect(advance(state, at(5)).state.cycles[0].phase).toBe('PreArrival');
  });

  it('checks attendance against the selected participants', () => {
    let state = advance(toNominated(toMofa(course().state, 1, 'pass'), 1), at(4)).state;
    state = must(
      state,
      decision('selection', { participants: [{ country: 'KE', nominees: ['Amina Otieno'] }] }),
      at(4),
    ).state;
    state = advance(state, at(6)).state;
    const report = (attendance: { country: string; participants: number }[]) =>
      decision('implementationReport', {
        mode: 'in-person',
        startedOn: '2027-01-10',
        endedOn: '2027-01-11',
        attendance,
      });
    expect(reject(state, report([{ country: 'PE', participants: 1 }]), at(6))).toMatch(
      /^unknown country: attendance\.PE: PE has no selected participant/,
    );
    expect(reject(state, report([{ country: 'KE', participants: 2 }]), at(6))).toMatch(
      /^invalid field: attendance\.KE\.participants: at most 1/,
    );
    expect(
      must(state, report([{ country: 'KE', participants: 1 }]), at(6)).state.cycles[0].implementation?.attendance,
    ).toEqual({ KE: 1 });
  });
});

describe('rule 6: demand thresholds on countries and expected participants', () => {
  it('puts the course to MOFA only when both configured thresholds are met', () => {
    expect(phase(toMofa(course({ expectedParticipantsThreshold: 7 }).state, 1, 'pass'), 1)).toBe('NotHeld');
    expect(phase(toMofa(course({ expectedParticipantsThreshold: 7 }).state, 1, 'pass', 4), 1)).toBe(
      'MofaDetermination',
    );
    expect(
      phase(toMofa(course({ expectedParticipantsThreshold: 2, participationThreshold: 1 }).state, 1, 'pass', 1), 1),
    ).toBe('MofaDetermination');
  });
});
