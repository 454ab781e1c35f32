/**
 * Participant records (issue 16): each nominee becomes a participant with the application form and
 * a status that only the program's path moves: nominated → selected | not-selected → accepted |
 * declined | withdrawn → attended → completed, with a substitute for a withdrawn participant.
 */
import { buildProgram } from '../../client/main';
import { participantTable } from '../../client/commands/participants';
import { advance, courseIndex, courseStatus } from '../../domain/lifecycle';
import { ROLE_DECISIONS } from '../../domain/staff';
import { decision, nominee } from '../fixtures/courses';
import { at, course, must, reject } from '../fixtures/machine';
import { accept, selectedCourse, statusOf, substitute, withdraw } from '../fixtures/participants';

const report = (
  attendance: { country: string; participants: number }[],
  absent?: { country: string; participant: string }[],
) =>
  decision('implementationReport', {
    mode: 'in-person',
    startedOn: '2027-01-10',
    endedOn: '2027-01-11',
    attendance,
    ...(absent ? { absent } : {}),
  });

test('nominees become participants with their form; the selection settles each: selected or not selected', () => {
  const state = selectedCourse();
  const records = state.cycles[0]!.participants!;
  expect(records.map((p) => [p.country, p.form.name, p.status])).toEqual([
    ['KE', 'Amina Otieno', 'selected'],
    ['KE', 'John Kamau', 'selected'],
    ['KE', 'Peter Mwangi', 'not-selected'],
    ['SN', 'Awa Diop', 'selected'],
  ]);
  expect(records[0]!.form).toMatchObject({ gender: 'female', dateOfBirth: '1985-03-02', yearsOfExperience: 12 });
  expect(records[0]!.history.map((h) => h.status)).toEqual(['nominated', 'selected']);
});

test('accepted and declined answers; a decline leaves the selection, a second answer is refused', () => {
  let state = must(selectedCourse(), accept('Amina Otieno'), at(4)).state;
  expect(statusOf(state, 'KE', 'Amina Otieno')).toBe('accepted');
  state = must(state, accept('John Kamau', 'declined'), at(4)).state;
  expect(statusOf(state, 'KE', 'John Kamau')).toBe('declined');
  expect(state.cycles[0]!.selection!.participants.KE).toEqual(['Amina Otieno']);
  expect(reject(state, accept('Amina Otieno', 'declined'), at(4))).toBe(
    'invalid field: participant: wrong status: Amina Otieno (KE) is accepted; declined follows only selected',
  );
  expect(reject(state, accept('Peter Mwangi'), at(4))).toMatch(
    /Peter Mwangi \(KE\) is not-selected; accepted follows only selected/,
  );
  expect(reject(state, accept('Nobody'), at(4))).toMatch(/Nobody is not a participant from KE in cycle 1/);
});

test('an accepted participant withdraws; a substitute replaces them before arrival and answers like anyone', () => {
  let state = must(selectedCourse(), accept('John Kamau'), at(4)).state;
  state = must(state, withdraw('John Kamau'), at(4)).state;
  expect(statusOf(state, 'KE', 'John Kamau')).toBe('withdrawn');
  expect(reject(state, withdraw('John Kamau'), at(4))).toMatch(/John Kamau is not selected from KE/);
  state = advance(state, at(5)).state;
  expect(courseIndex(state).phase).toBe('PreArrival');
  state = must(state, substitute('John Kamau', 'Mary Njeri'), at(5)).state;
  const records = state.cycles[0]!.participants!;
  expect(records.find((p) => p.form.name === 'John Kamau')).toMatchObject({ replacedBy: 'Mary Njeri' });
  expect(records.at(-1)).toMatchObject({ country: 'KE', status: 'selected', replaces: 'John Kamau' });
  expect(state.cycles[0]!.selection!.participants.KE).toEqual(['Amina Otieno', 'Mary Njeri']);
  state = must(state, accept('Mary Njeri'), at(5)).state;
  expect(statusOf(state, 'KE', 'Mary Njeri')).toBe('accepted');
  expect(reject(state, substitute('John Kamau', 'Grace Achieng'), at(5))).toBe(
    'duplicate: replaces: John Kamau (KE) is already replaced by Mary Njeri',
  );
});

test('a substitute replaces only a withdrawn participant, by a new name, and not once the course is in Japan', () => {
  let state = selectedCourse();
  expect(reject(state, substitute('Amina Otieno', 'Mary Njeri'), at(4))).toBe(
    'invalid field: replaces: Amina Otieno (KE) is selected; only a withdrawn participant may be replaced',
  );
  state = must(state, withdraw('John Kamau'), at(4)).state;
  expect(reject(state, substitute('John Kamau', 'Amina Otieno'), at(4))).toMatch(
    /^duplicate: nominee.name: Amina Otieno is already a participant from KE/,
  );
  expect(
    reject(state, { ...substitute('John Kamau', 'Mary Njeri'), nominee: { ...nominee('X'), email: 'no' } }, at(4)),
  ).toMatch(/^invalid field: nominee.email: /);
  expect(reject(advance(state, at(6)).state, substitute('John Kamau', 'Mary Njeri'), at(6))).toMatch(
    /accepted in Selection\/PreArrival.*cycle 1 is InJapan/,
  );
});

test('the implementation report settles everyone expected: attended and completed, or withdrawn if absent', () => {
  let state = must(selectedCourse(), accept('Amina Otieno'), at(4)).state;
  state = advance(state, at(6)).state;
  expect(
    reject(
      state,
      report([
        { country: 'KE', participants: 1 },
        { country: 'SN', participants: 1 },
      ]),
      at(6),
    ),
  ).toBe(
    'invalid field: attendance.KE.participants: 2 participant(s) of KE are expected (Amina Otieno, John Kamau); report 2, or name who did not come with absent',
  );
  expect(
    reject(
      state,
      report([{ country: 'KE', participants: 1 }], [{ country: 'KE', participant: 'Peter Mwangi' }]),
      at(6),
    ),
  ).toMatch(/^invalid field: absent: Peter Mwangi is not a selected or accepted participant of KE/);
  // SN is not reported: its participant did not come.
  state = must(
    state,
    report([{ country: 'KE', participants: 1 }], [{ country: 'KE', participant: 'John Kamau' }]),
    at(6),
  ).state;
  expect(statusOf(state, 'KE', 'Amina Otieno')).toBe('completed');
  expect(statusOf(state, 'KE', 'John Kamau')).toBe('withdrawn');
  expect(statusOf(state, 'SN', 'Awa Diop')).toBe('withdrawn');
  const amina = state.cycles[0]!.participants!.find((p) => p.form.name === 'Amina Otieno')!;
  expect(amina.history.map((h) => h.status)).toEqual(['nominated', 'selected', 'accepted', 'attended', 'completed']);
});

test('a cycle that ends early leaves nobody in between', () => {
  let state = must(selectedCourse(), accept('Amina Otieno'), at(4)).state;
  state = must(state, decision('cycleCancellation', { reason: 'typhoon' }), at(4)).state;
  expect(state.cycles[0]!.phase).toBe('Cancelled');
  expect(state.cycles[0]!.participants!.map((p) => p.status)).toEqual([
    'withdrawn',
    'withdrawn',
    'not-selected',
    'withdrawn',
  ]);
  expect(state.cycles[0]!.participants![0]!.history.at(-1)).toMatchObject({ note: 'cycle ended (Cancelled)' });
});

test('old rules keep no records, and the participant decisions say so', () => {
  let state = course({}, 1).state;
  state = must(state, decision('scrutiny', { result: 'pass', reasons: ['know-how'] }), at(1)).state;
  for (const c of ['KE', 'SN', 'PE'])
    state = must(
      state,
      decision('surveyResponse', { country: c, wantsToParticipate: true, expectedParticipants: 2 }),
      at(1),
    ).state;
  state = must(state, decision('mofaDetermination', { approved: true }), at(2)).state;
  state = must(
    state,
    decision('nominations', { country: 'KE', organizations: ['MoA'], nominees: [nominee('Amina Otieno')] }),
    at(3),
  ).state;
  state = must(
    state,
    decision('selection', { participants: [{ country: 'KE', nominees: ['Amina Otieno'] }] }),
    at(4),
  ).state;
  expect(state.cycles[0]!.participants).toBeUndefined();
  expect(reject(state, accept('Amina Otieno'), at(4))).toMatch(/keeps no participant records/);
  expect(must(state, withdraw('Amina Otieno'), at(4)).state.cycles[0]!.selection!.participants.KE).toEqual([]);
});

test('the course officer signs them, and kccp offers `kccp accept` and `kccp substitute`', () => {
  expect(ROLE_DECISIONS['course-officer']).toEqual(
    expect.arrayContaining(['participantAcceptance', 'participantSubstitution']),
  );
  const commands = buildProgram(() => undefined).commands;
  const mandatory = (name: string) =>
    commands
      .find((c) => c.name() === name)!
      .options.filter((o) => o.mandatory)
      .map((o) => o.long);
  expect(mandatory('accept')).toEqual(['--country', '--participant', '--answer']);
  expect(mandatory('substitute')).toEqual([
    '--country',
    '--replaces',
    '--name',
    '--position',
    '--organization',
    '--email',
  ]);
});

test('kccp status and `kccp participant list` show each participant, status, since when and by whom, without contact details', () => {
  let state = must(selectedCourse(), withdraw('John Kamau'), at(4)).state;
  state = must(state, substitute('John Kamau', 'Mary Njeri'), at(4)).state;
  const status = courseStatus(state, at(4));
  const rows = status.cycles[0]!.participants!;
  expect(rows.find((r) => r.name === 'Mary Njeri')).toMatchObject({
    country: 'KE',
    status: 'selected',
    replaces: 'John Kamau',
    by: 'tanaka@jica.example',
  });
  expect(JSON.stringify(rows)).not.toContain('@gov.example');
  const printed = participantTable(status);
  expect(printed).toMatch(/KE\s+│?\s*John Kamau.*withdrawn.*replaced by Mary Njeri/);
  expect(printed.split('\n').filter((l) => l.includes('not-selected'))).toHaveLength(1);
  expect(participantTable(courseStatus(course().state, at(0)))).toMatch(/^no participants recorded/);
});

test('the host centre list goes out at selection and again, numbered, only when someone expected changes', () => {
  const state = selectedCourse();
  expect(state.cycles[0]!.hostCentreLists).toBe(1);
  const accepted = must(state, accept('Amina Otieno'), at(4));
  expect(accepted.effects.filter((e) => e.type === 'notifyHostCentre')).toEqual([]);
  const declined = must(accepted.state, accept('John Kamau', 'declined'), at(4));
  expect(declined.effects).toEqual([
    expect.objectContaining({
      type: 'notifyHostCentre',
      change: 2,
      reason: 'John Kamau (KE) declined the place',
      participants: [
        { country: 'KE', name: 'Amina Otieno', organization: 'Ministry of Agriculture', status: 'accepted' },
        { country: 'SN', name: 'Awa Diop', organization: 'Ministry of Agriculture', status: 'selected' },
      ],
    }),
  ]);
});
