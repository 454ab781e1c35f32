/**
 * The program rules (program-rules-v1, issue 14) end to end on a dev server: real workflows, whose
 * own timers move courses through windows a few seconds long, and decisions sent as staff send them.
 * Five courses run side by side, one per group of rules; the domain's unit and property tests
 * (test/domain/program-rules*.test.ts) cover the same rules on the real calendar.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { CourseStatus } from '../../domain/lifecycle';
import { startHarness, type Harness } from '../client/harness';
import { compressedCourse, decision, nominee } from '../fixtures/courses';
import { record, startCourse, type CourseHandle } from '../support/course-harness';
import { waitFor } from '../support/wait-for';

/** One window: long enough for a few decisions on a loaded two-core machine. */
const STEP = 5_000;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function newCourse(code: string, overrides: Parameters<typeof compressedCourse>[3] = {}) {
  return startCourse(h.client, compressedCourse(code, Date.now() + 1_500, STEP, overrides));
}

const cycleOf = (s: CourseStatus, cycle: number) => s.cycles.find((c) => c.cycle === cycle);

function until(code: string, what: string, predicate: (s: CourseStatus) => boolean, timeoutMs = 90_000) {
  return waitFor(
    async () => {
      const s = await h.status(code);
      return predicate(s) ? s : undefined;
    },
    { timeoutMs, intervalMs: 200, description: `${code}: ${what}` },
  );
}

const rejection = async (answer: Promise<unknown>): Promise<string> => {
  const err = await answer.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return String((err as WorkflowUpdateFailedError).cause?.message);
};

const plan = (cycle: 1 | 2 | 3) =>
  decision('plan', { summary: `Cycle ${cycle}`, materialChange: false, findingsAcknowledged: true, cycle });
const surveyed = (handle: CourseHandle, countries: string[], expectedParticipants: number) =>
  Promise.all(
    countries.map((country) =>
      record(
        handle,
        'surveyResponse',
        decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants }),
      ),
    ),
  );

/** Scrutiny across cycles, who is told, and the plan before scrutiny. */
async function scrutinyStandingAndPlans(): Promise<void> {
  const code = 'RULES-SCRUTINY-01';
  const handle = await newCourse(code);
  await record(handle, 'plan', plan(1));
  await until(code, 'cycle 1 in scrutiny', (s) => cycleOf(s, 1)?.phase === 'Scrutiny');
  const failed = await record(handle, 'scrutiny', decision('scrutiny', { result: 'fail', reasons: ['Not suited'] }));
  expect(failed).toMatchObject({ accepted: true, cycle: 1, phase: 'NotHeld' });
  // The cycle ended: the course continues as new before it hears of cycle 2.
  await waitFor(async () => ((await handle.describe()).runId !== handle.firstExecutionRunId ? true : undefined), {
    timeoutMs: 30_000,
    description: `${code}: the run after cycle 1`,
  });

  // Cycle 2, planned with no material change, still goes through scrutiny: there was no pass to stand on.
  await record(handle, 'plan', plan(2));
  const second = await until(code, 'cycle 2 in scrutiny', (s) => cycleOf(s, 2)?.phase === 'Scrutiny');
  expect(cycleOf(second, 2)).toMatchObject({ scrutinyRequired: true });
  // MOFA cannot be asked before the pass.
  expect(
    await rejection(record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }))),
  ).toMatch(/MofaDetermination/);
  const passed = await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['Revised'] }));
  expect(passed).toMatchObject({ accepted: true, cycle: 2, phase: 'RequestSurvey' });

  // Cycle 3 never gets a plan: the course officer is reminded, and the cycle is not held when formulation closes.
  const result = await handle.result();
  expect(result.outcomes.map((o) => [o.cycle, o.phase, o.notHeldReason])).toEqual([
    [1, 'NotHeld', 'scrutiny-failed'],
    [2, 'NotHeld', 'too-few-requests'],
    [3, 'NotHeld', 'no-plan'],
  ]);
  const reminders = h.activities.reminders.filter((r) => r.context.course.code === code);
  expect(reminders.some((r) => r.context.cycle === 3 && r.subject === 'course-plan')).toBe(true);
  expect(reminders.filter((r) => r.subject === 'cycle-not-held').map((r) => r.context.cycle)).toEqual([1, 2, 3]);
  // None of the three cycles was offered to a government, so none is told it is off: governments heard of
  // the request survey only (issue 16), and only of the cycles whose survey opened.
  const told = h.activities.notices.filter((n) => n.course === code);
  expect(told.filter((n) => !n.kind.startsWith('survey-'))).toEqual([]);
  expect([...new Set(told.filter((n) => n.kind === 'survey-invitation').map((n) => n.cycle))]).toEqual([1, 2]);
}

/** The demand threshold counts expected participants when the course sets one. */
async function demandInParticipants(): Promise<void> {
  const code = 'RULES-DEMAND-01';
  const handle = await newCourse(code, { participationThreshold: 3, expectedParticipantsThreshold: 10 });
  await record(handle, 'plan', plan(1));
  await until(code, 'cycle 1 in scrutiny', (s) => cycleOf(s, 1)?.phase === 'Scrutiny');
  await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
  await surveyed(handle, ['KE', 'SN', 'PE'], 1);
  expect(cycleOf(await h.status(code), 1)!.surveyTally).toMatchObject({
    requesting: ['KE', 'PE', 'SN'],
    threshold: 3,
    expectedParticipants: 3,
    expectedParticipantsThreshold: 10,
  });
  // Three countries are enough, three participants are not.
  const after = await until(code, 'cycle 1 settled', (s) => s.outcomes.some((o) => o.cycle === 1));
  expect(after.outcomes[0]).toMatchObject({ phase: 'NotHeld', notHeldReason: 'too-few-requests' });
}

/** Selection once every government has nominated, never empty; attendance against the selection; the language of instruction. */
async function selectionAndAttendance(): Promise<void> {
  const code = 'RULES-SELECT-01';
  const handle = await newCourse(code, { participationThreshold: 2, languages: ['fr', 'en'] });
  await record(handle, 'plan', plan(1));
  await until(code, 'cycle 1 in scrutiny', (s) => cycleOf(s, 1)?.phase === 'Scrutiny');
  await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
  await surveyed(handle, ['KE', 'SN'], 2);
  await until(code, 'cycle 1 before MOFA', (s) => cycleOf(s, 1)?.phase === 'MofaDetermination');
  await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
  const gi = await waitFor(
    () => {
      const sent = h.activities.notices.filter((n) => n.course === code && n.kind === 'general-information');
      return sent.length === 2 ? sent : undefined;
    },
    { timeoutMs: 30_000, description: `${code}: GI packages to KE and SN` },
  );
  for (const notice of gi) expect(notice.languages).toEqual(['fr', 'en']);

  await record(
    handle,
    'nominations',
    decision('nominations', { country: 'KE', organizations: ['MoA'], nominees: [nominee('Amina Otieno')] }),
  );
  const all = await record(
    handle,
    'nominations',
    decision('nominations', { country: 'SN', organizations: ['ISRA'], nominees: [nominee('Awa Diop')] }),
  );
  // Every participating government has nominated: selection opens before the nominations window closes.
  expect(all).toMatchObject({ accepted: true, phase: 'Selection' });
  const before = await h.status(code);
  expect(cycleOf(before, 1)!.openWindows.map((w) => w.window)).not.toContain('selection');

  const empty = decision('selection', { participants: [{ country: 'KE', nominees: [] }] });
  expect(await rejection(record(handle, 'selection', empty))).toMatch(
    /^invalid field: participants: a selection names at least one participant/,
  );
  expect(cycleOf(await h.status(code), 1)).toMatchObject({ phase: 'Selection', selectedParticipants: {} });
  await record(
    handle,
    'selection',
    decision('selection', { participants: [{ country: 'KE', nominees: ['Amina Otieno'] }] }),
  );

  await until(code, 'cycle 1 in Japan', (s) => cycleOf(s, 1)?.phase === 'InJapan');
  const report = (attendance: { country: string; participants: number }[]) =>
    decision('implementationReport', { mode: 'in-person', startedOn: '2027-07-01', endedOn: '2027-07-20', attendance });
  expect(await rejection(record(handle, 'implementationReport', report([{ country: 'SN', participants: 1 }])))).toMatch(
    /SN has no selected participant in cycle 1/,
  );
  expect(await rejection(record(handle, 'implementationReport', report([{ country: 'KE', participants: 2 }])))).toMatch(
    /attendance\.KE\.participants: at most 1/,
  );
  expect(await record(handle, 'implementationReport', report([{ country: 'KE', participants: 1 }]))).toMatchObject({
    accepted: true,
  });
}

/** Plans cycle 1, passes scrutiny, brings three requests and lets MOFA's window close undecided. */
async function pastMofaWindow(code: string, handle: CourseHandle): Promise<CourseStatus> {
  await record(handle, 'plan', plan(1));
  await until(code, 'cycle 1 in scrutiny', (s) => cycleOf(s, 1)?.phase === 'Scrutiny');
  await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
  await surveyed(handle, ['KE', 'SN', 'PE'], 2);
  // The phase starts as MOFA's window opens, so a MofaDetermination phase outside that window is past it.
  return until(code, "MOFA's window closed", (s) => {
    const cycle = cycleOf(s, 1);
    if (!cycle) return true; // ended: the expectations say how
    if (['Scheduled', 'Formulation', 'Scrutiny', 'RequestSurvey'].includes(cycle.phase)) return false;
    return cycle.phase !== 'MofaDetermination' || !cycle.openWindows.some((w) => w.window === 'mofaDetermination');
  });
}

/** MOFA awaited past its window, escalated, and the cycle not held only at the cut-off; no government told. */
async function mofaCutOff(): Promise<void> {
  const code = 'RULES-MOFA-01';
  // No lead time: the cut-off is when nominations close, a window after MOFA's.
  const handle = await newCourse(code, { nominationLeadDays: 0 });
  const overdue = await pastMofaWindow(code, handle);
  expect(cycleOf(overdue, 1)!.phase).toBe('MofaDetermination');
  expect(Date.parse(cycleOf(overdue, 1)!.mofaCutOff!)).toBeGreaterThan(Date.parse(overdue.asOf));
  const ended = await until(code, 'cycle 1 settled', (s) => s.outcomes.some((o) => o.cycle === 1));
  expect(ended.outcomes[0]).toMatchObject({ phase: 'NotHeld', notHeldReason: 'mofa-undecided' });
  const keys = h.activities.reminders
    .filter((r) => r.context.course.code === code && r.context.cycle === 1)
    .map((r) => `${r.office}:${r.reminderKey}`);
  expect(keys).toEqual(
    expect.arrayContaining([
      'mofa-liaison:mofa-determination-overdue',
      expect.stringMatching(/^course-officer:mofa-determination-escalated-/),
      expect.stringMatching(/^operator:mofa-determination-escalated-/),
    ]),
  );
  // Never offered: invited to the survey, and told nothing of the cycle being off.
  expect(h.activities.notices.filter((n) => n.course === code && n.kind === 'cycle-not-held')).toEqual([]);
  expect(h.activities.notices.some((n) => n.course === code && n.kind === 'survey-invitation')).toBe(true);
}

/** A determination after MOFA's month is taken; cancelling the offered cycle tells those governments, in staff words. */
async function lateMofaThenCancellation(): Promise<void> {
  const code = 'RULES-MOFA-02';
  const handle = await newCourse(code, { nominationLeadDays: 0 });
  expect(cycleOf(await pastMofaWindow(code, handle), 1)!.phase).toBe('MofaDetermination');
  const late = await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
  expect(late).toMatchObject({ accepted: true, cycle: 1, phase: 'Nominations' });
  await record(handle, 'cycleCancellation', decision('cycleCancellation', { reason: 'Typhoon', cycle: 1 }));
  const told = await waitFor(
    () => {
      const sent = h.activities.notices.filter((n) => n.course === code && n.kind === 'cycle-not-held');
      return sent.length === 3 ? sent : undefined;
    },
    { timeoutMs: 30_000, description: `${code}: the offered governments told` },
  );
  expect(told.map((n) => n.country).sort()).toEqual(['KE', 'PE', 'SN']);
  for (const notice of told) expect(notice.facts).toEqual({ reason: 'cancelled', staffReason: 'Typhoon' });
}

test('program rules on a dev server: scrutiny standing, plans, demand, MOFA, who is told, selection and attendance', async () => {
  // Side by side: each course keeps its own windows, so together they take as long as the longest.
  await Promise.all([
    scrutinyStandingAndPlans(),
    demandInParticipants(),
    selectionAndAttendance(),
    mofaCutOff(),
    lateMofaThenCancellation(),
  ]);
}, 240_000);
