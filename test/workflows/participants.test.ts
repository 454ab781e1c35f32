/**
 * Participants end to end on a dev server (issue 16): a real workflow whose own timers move the
 * course through windows a few seconds long. Nominees become participants, one withdraws after
 * selection, a substitute is accepted before arrival, and the implementation report settles all;
 * the host centre gets the list at selection and one update per change.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { CourseStatus } from '../../domain/lifecycle';
import { startHarness, type Harness } from '../client/harness';
import { json, kccp } from '../client/run-kccp';
import { compressedCourse, decision, nominee } from '../fixtures/courses';
import { record, startCourse } from '../support/course-harness';
import { waitFor } from '../support/wait-for';

const STEP = 5_000;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const cycle1 = (s: CourseStatus) => s.cycles.find((c) => c.cycle === 1);
const statuses = (s: CourseStatus) =>
  Object.fromEntries((cycle1(s)?.participants ?? []).map((p) => [`${p.country}:${p.name}`, p.status]));

function until(code: string, what: string, predicate: (s: CourseStatus) => boolean) {
  return waitFor(
    async () => {
      const s = await h.status(code);
      return predicate(s) ? s : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 200, description: `${code}: ${what}` },
  );
}

test('a participant withdraws after selection, a substitute is accepted, and the report settles everyone', async () => {
  const code = 'PARTICIPANTS-01';
  const handle = await startCourse(
    h.client,
    compressedCourse(code, Date.now() + 1_500, STEP, { participationThreshold: 2 }),
  );
  await record(handle, 'plan', decision('plan', { summary: 'Cycle 1', materialChange: false, cycle: 1 }));
  await until(code, 'scrutiny', (s) => cycle1(s)?.phase === 'Scrutiny');
  await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
  for (const country of ['KE', 'SN'])
    await record(
      handle,
      'surveyResponse',
      decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 2 }),
    );
  await until(code, 'MOFA', (s) => cycle1(s)?.phase === 'MofaDetermination');
  await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
  await record(
    handle,
    'nominations',
    decision('nominations', {
      country: 'KE',
      organizations: ['MoA'],
      nominees: [
        { ...nominee('Amina Otieno'), gender: 'female', yearsOfExperience: 9 },
        nominee('John Kamau'),
        nominee('Peter Mwangi'),
      ],
    }),
  );
  await record(
    handle,
    'nominations',
    decision('nominations', { country: 'SN', organizations: ['ISRA'], nominees: [nominee('Awa Diop')] }),
  );
  await until(code, 'selection', (s) => cycle1(s)?.phase === 'Selection');
  await record(
    handle,
    'selection',
    decision('selection', {
      participants: [
        { country: 'KE', nominees: ['Amina Otieno', 'John Kamau'] },
        { country: 'SN', nominees: ['Awa Diop'] },
      ],
    }),
  );
  const accept = (country: string, participant: string) =>
    record(
      handle,
      'participantAcceptance',
      decision('participantAcceptance', { country, participant, answer: 'accepted' }),
    );
  await accept('KE', 'Amina Otieno');
  await accept('KE', 'John Kamau');
  await record(
    handle,
    'participantWithdrawal',
    decision('participantWithdrawal', { country: 'KE', participant: 'John Kamau', reason: 'illness' }),
  );
  const err = await record(
    handle,
    'participantAcceptance',
    decision('participantAcceptance', { country: 'KE', participant: 'John Kamau', answer: 'accepted' }),
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(String((err as WorkflowUpdateFailedError).cause?.message)).toMatch(/John Kamau \(KE\) is withdrawn/);

  await until(code, 'pre-arrival', (s) => cycle1(s)?.phase === 'PreArrival');
  await record(
    handle,
    'participantSubstitution',
    decision('participantSubstitution', { country: 'KE', replaces: 'John Kamau', nominee: nominee('Mary Njeri') }),
  );
  // The substitute's answer goes through the real kccp, as staff send it.
  const accepted = await kccp(h.address, [
    'accept',
    code,
    '--country',
    'KE',
    '--participant',
    'Mary Njeri',
    '--answer',
    'accepted',
  ]);
  expect(accepted).toMatchObject({ code: 0 });
  await accept('SN', 'Awa Diop');
  const listed = await kccp(h.address, ['participant', 'list', code]);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(/John Kamau.*withdrawn.*replaced by Mary Njeri/);
  expect(listed.stdout).toMatch(/Mary Njeri.*accepted.*replaces John Kamau/);
  const asJson = json<{ cycles: { cycle: number; participants: { name: string }[] }[] }>(
    await kccp(h.address, ['--json', 'participant', 'list', code]),
  );
  expect(asJson.cycles[0]!.participants.map((p) => p.name)).toContain('Mary Njeri');
  const before = await h.status(code);
  expect(statuses(before)).toEqual({
    'KE:Amina Otieno': 'accepted',
    'KE:John Kamau': 'withdrawn',
    'KE:Peter Mwangi': 'not-selected',
    'SN:Awa Diop': 'accepted',
    'KE:Mary Njeri': 'accepted',
  });
  expect(cycle1(before)!.selectedParticipants).toEqual({ KE: 2, SN: 1 });

  // The host centre had the list at selection and one update per change, each once.
  const lists = await waitFor(
    () => {
      const sent = h.activities.hostCentreLists.filter((l) => l.context.course.code === code);
      return sent.length >= 3 ? sent : undefined;
    },
    { timeoutMs: 30_000, description: `${code}: three host centre lists` },
  );
  expect(lists.map((l) => [l.change, l.reason])).toEqual([
    [1, 'selection made'],
    [2, 'John Kamau (KE) withdrew'],
    [3, 'Mary Njeri (KE) replaces John Kamau'],
  ]);
  expect(lists[2]!.participants.map((p) => p.name)).toEqual(['Amina Otieno', 'Awa Diop', 'Mary Njeri']);
  expect(lists.every((l) => l.context.course.hostCentre === 'JICA Tsukuba')).toBe(true);

  await until(code, 'in Japan', (s) => cycle1(s)?.phase === 'InJapan');
  await record(
    handle,
    'implementationReport',
    decision('implementationReport', {
      mode: 'in-person',
      startedOn: '2027-07-01',
      endedOn: '2027-07-20',
      attendance: [
        { country: 'KE', participants: 1 },
        { country: 'SN', participants: 1 },
      ],
      absent: [{ country: 'KE', participant: 'Mary Njeri' }],
    }),
  );
  expect(statuses(await h.status(code))).toEqual({
    'KE:Amina Otieno': 'completed',
    'KE:John Kamau': 'withdrawn',
    'KE:Peter Mwangi': 'not-selected',
    'SN:Awa Diop': 'completed',
    'KE:Mary Njeri': 'withdrawn',
  });
});
