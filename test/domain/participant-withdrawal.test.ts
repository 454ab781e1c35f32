/**
 * participantWithdrawal, the first kind added through the registry alone
 * (domain/decisions/participant-withdrawal.ts): the course takes it after the
 * selection and before the course in Japan, from the course officer only.
 */
import { buildProgram } from '../../client/main';
import { ROLE_DECISIONS } from '../../domain/staff';
import { advance, courseIndex } from '../../domain/lifecycle';
import type { CourseState } from '../../domain/lifecycle';
import { decision, nominee } from '../fixtures/courses';
import { at, must, planned, reject } from '../fixtures/machine';

const withdrawal = (participant: string, country = 'KE') =>
  decision('participantWithdrawal', { country, participant, reason: 'illness' });

/** A cycle with KE's two nominees selected, in Selection at step 4. */
function selected(): CourseState {
  let state = planned().state;
  state = must(state, decision('scrutiny', { result: 'pass', reasons: ['know-how'] }), at(1)).state;
  for (const c of ['KE', 'SN', 'PE'])
    state = must(
      state,
      decision('surveyResponse', { country: c, wantsToParticipate: true, expectedParticipants: 2 }),
      at(1),
    ).state;
  state = must(state, decision('mofaDetermination', { approved: true }), at(2)).state;
  const nominees = [nominee('Amina Otieno'), nominee('John Kamau')];
  state = must(state, decision('nominations', { country: 'KE', organizations: ['MoA'], nominees }), at(3)).state;
  const participants = [{ country: 'KE', nominees: ['Amina Otieno', 'John Kamau'] }];
  return must(state, decision('selection', { participants }), at(4)).state;
}

test('a selected participant withdraws in Selection and in PreArrival; the record says who and why', () => {
  let state = selected();
  expect(courseIndex(state).phase).toBe('Selection');
  const first = must(state, withdrawal('John Kamau'), at(4));
  // The host centre hears of it: the list after the selection's (change 1) is change 2.
  expect(first.effects).toEqual([
    {
      type: 'notifyHostCentre',
      cycle: 1,
      change: 2,
      reason: 'John Kamau (KE) withdrew',
      participants: [
        { country: 'KE', name: 'Amina Otieno', organization: 'Ministry of Agriculture', status: 'selected' },
      ],
    },
  ]);
  state = first.state;
  expect(state.cycles[0]!.selection!.participants.KE).toEqual(['Amina Otieno']);
  expect(state.cycles[0]!.decisions.at(-1)).toMatchObject({
    kind: 'participantWithdrawal',
    summary: 'John Kamau (KE) withdrew: illness',
  });
  state = advance(state, at(5)).state;
  expect(courseIndex(state).phase).toBe('PreArrival');
  state = must(state, withdrawal('Amina Otieno'), at(5)).state;
  expect(state.cycles[0]!.selection!.participants.KE).toEqual([]);
});

test('refused for someone not selected, before a selection, and once the course is in Japan', () => {
  const state = selected();
  expect(reject(state, withdrawal('Nobody'), at(4))).toBe(
    'invalid field: participant: Nobody is not selected from KE in cycle 1 (selected: Amina Otieno, John Kamau)',
  );
  expect(reject(state, withdrawal('Awa Diop', 'SN'), at(4))).toContain('is not selected from SN');
  expect(reject(planned().state, withdrawal('Amina Otieno'), at(0))).toMatch(/^not open yet: .*Selection\/PreArrival/);
  expect(reject(advance(state, at(6)).state, withdrawal('Amina Otieno'), at(6))).toMatch(
    /accepted in Selection\/PreArrival.*cycle 1 is InJapan/,
  );
  expect(reject(state, { ...withdrawal('John Kamau'), reason: '' }, at(4))).toMatch(/^invalid field: reason: /);
});

test('the course officer signs it, and kccp offers it as `kccp withdraw`', () => {
  expect(ROLE_DECISIONS['course-officer']).toContain('participantWithdrawal');
  expect(ROLE_DECISIONS.operator).not.toContain('participantWithdrawal');
  const withdraw = buildProgram(() => undefined).commands.find((c) => c.name() === 'withdraw')!;
  expect(withdraw.options.filter((o) => o.mandatory).map((o) => o.long)).toEqual([
    '--country',
    '--participant',
    '--reason',
  ]);
});
