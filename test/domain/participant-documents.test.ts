/**
 * Documents to participants (issue 16, participant-documents-v1) on the pure machine: who is sent
 * which document and when, the action-plan follow-up and its reminders, and that runs under the
 * earlier rules send none.
 */
import { participantDocumentsTable } from '../../client/commands/participants';
import {
  advance,
  courseStatus,
  noticeContext,
  recordDeliveryProblem,
  retryEffect,
  type CourseState,
  type Effect,
} from '../../domain/lifecycle';
import { recordDocuments } from '../../domain/lifecycle/participant-documents';
import { DAY, decision, nominee } from '../fixtures/courses';
import { at, must, reject } from '../fixtures/machine';
import { accept, selected, withdraw } from '../fixtures/participants';

type DocumentEffect = Extract<Effect, { type: 'sendParticipantDocuments' }>;
const documents = (effects: Effect[]) =>
  effects.filter((e): e is DocumentEffect => e.type === 'sendParticipantDocuments');
const sent = (effects: Effect[], document: string) =>
  documents(effects)
    .filter((e) => e.document === document)
    .flatMap((e) => e.participants.map((p) => p.key));

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
const planBack = (participant: string, country = 'KE') => decision('actionPlanReceived', { country, participant });

/** What the workflow's deliveries record once the relay took every document of these effects. */
function delivered(state: CourseState, effects: Effect[], at: number): CourseState {
  let next = state;
  for (const e of documents(effects)) {
    const ids = Object.fromEntries(e.participants.map((p) => [p.key, `<${e.document}.${p.key}>`]));
    next = recordDocuments(next, e.cycle, e.document, ids, at);
  }
  return next;
}

function step(state: CourseState, input: unknown, now: number) {
  const r = must(state, input, now);
  return { state: delivered(r.state, r.effects, now), effects: r.effects };
}
function tick(state: CourseState, now: number) {
  const r = advance(state, now);
  return { state: delivered(r.state, r.effects, now), effects: r.effects };
}

test('the selection sends an acceptance letter to each selected participant, none to the not selected', () => {
  const { state, effects } = selected(3);
  expect(sent(effects, 'acceptance-letter')).toEqual(['KE:Amina Otieno', 'KE:John Kamau', 'SN:Awa Diop']);
  const letter = documents(effects)[0]!;
  expect(letter.participants[0]).toMatchObject({
    country: 'KE',
    name: 'Amina Otieno',
    organization: 'Ministry of Agriculture',
  });
  expect(letter.participants[0]!.email).toMatch(/@/);
  expect(state.programRules).toBe(3);
});

test('a run under program-rules-v1 alone sends participants nothing, and takes no action plans', () => {
  const { state, effects } = selected(2);
  expect(documents(effects)).toEqual([]);
  const opened = advance(state, at(5));
  expect(documents(opened.effects)).toEqual([]);
  let s = must(
    opened.state,
    report([
      { country: 'KE', participants: 2 },
      { country: 'SN', participants: 1 },
    ]),
    at(6),
  );
  expect(documents(s.effects)).toEqual([]);
  s = { state: advance(s.state, at(7)).state, effects: [] };
  expect(reject(s.state, planBack('Amina Otieno'), at(7))).toMatch(/^wrong phase: .*participant-documents-v1/);
});

test('joining instructions when pre-arrival opens, to those still expected; a substitute gets the letter and them at once', () => {
  let { state } = step(selected(3).state, accept('Amina Otieno'), at(4));
  state = delivered(state, selected(3).effects, at(4));
  state = step(state, withdraw('John Kamau'), at(4)).state;
  const opened = tick(state, at(5));
  expect(sent(opened.effects, 'joining-instructions')).toEqual(['KE:Amina Otieno', 'SN:Awa Diop']);
  const mary = { ...nominee('Mary Njeri'), documentLanguage: 'fr' as const };
  const sub = step(
    opened.state,
    decision('participantSubstitution', { country: 'KE', replaces: 'John Kamau', nominee: mary }),
    at(5),
  );
  // Only the substitute: the others have had both documents already.
  expect(sent(sub.effects, 'acceptance-letter')).toEqual(['KE:Mary Njeri']);
  expect(sent(sub.effects, 'joining-instructions')).toEqual(['KE:Mary Njeri']);
  // The substitute's form asks for French documents: the effect carries it, the others' carry none.
  expect(documents(sub.effects).map((e) => e.participants[0]!.language)).toEqual(['fr', 'fr']);
  expect(documents(opened.effects)[0]!.participants.every((p) => p.language === undefined)).toBe(true);
  const records = sub.state.cycles[0]!.participants!;
  const maryRecord = records.find((p) => p.form.name === 'Mary Njeri')!;
  expect(Object.keys(maryRecord.documents ?? {}).sort()).toEqual(['acceptance-letter', 'joining-instructions']);
  const john = records.find((p) => p.form.name === 'John Kamau')!;
  expect(john.documents?.['joining-instructions']).toBeUndefined();
});

test('certificates after the report to those who completed; the action-plan request once back, then reminders only to those whose plan is out', () => {
  let state = tick(selected(3).state, at(5)).state;
  const reported = step(
    state,
    report(
      [
        { country: 'KE', participants: 1 },
        { country: 'SN', participants: 1 },
      ],
      [{ country: 'KE', participant: 'John Kamau' }],
    ),
    at(6),
  );
  expect(sent(reported.effects, 'certificate')).toEqual(['KE:Amina Otieno', 'SN:Awa Diop']);
  // Still in Japan: the request waits for the return.
  expect(sent(reported.effects, 'action-plan-request')).toEqual([]);
  const back = tick(reported.state, at(7));
  expect(sent(back.effects, 'action-plan-request')).toEqual(['KE:Amina Otieno', 'SN:Awa Diop']);
  const request = documents(back.effects).find((e) => e.document === 'action-plan-request')!;
  const postReturn = back.state.cycles[0]!.calendar.windows.postReturn;
  expect(request.facts).toEqual({ due: postReturn.closes });
  const amina = back.state.cycles[0]!.participants!.find((p) => p.form.name === 'Amina Otieno')!;
  expect(amina.actionPlan).toEqual({ requestedAt: at(7) });

  state = step(back.state, planBack('Amina Otieno'), at(7)).state;
  const amina2 = state.cycles[0]!.participants!.find((p) => p.form.name === 'Amina Otieno')!;
  expect(amina2.actionPlan).toEqual({ requestedAt: at(7), receivedAt: at(7) });
  expect(reject(state, planBack('Amina Otieno'), at(7))).toMatch(/^duplicate: participant: the action plan of Amina/);
  expect(reject(state, planBack('John Kamau'), at(7))).toMatch(
    /John Kamau \(KE\) is withdrawn; only a participant who completed/,
  );

  // A one-day post-return window: reminders half-way and in the last eighth, to Awa alone.
  const half = tick(state, at(7) + DAY / 2);
  expect(sent(half.effects, 'action-plan-reminder')).toEqual(['SN:Awa Diop']);
  const last = tick(half.state, at(8) - 2);
  expect(sent(last.effects, 'action-plan-final-reminder')).toEqual(['SN:Awa Diop']);
  expect(sent(last.effects, 'action-plan-reminder')).toEqual([]);
});

test('a report made after the return sends certificate and request together, due when the evaluation closes', () => {
  const state = tick(tick(selected(3).state, at(5)).state, at(7)).state;
  const late = step(
    state,
    report([
      { country: 'KE', participants: 2 },
      { country: 'SN', participants: 1 },
    ]),
    at(8),
  );
  expect(sent(late.effects, 'certificate')).toHaveLength(3);
  const request = documents(late.effects).find((e) => e.document === 'action-plan-request')!;
  expect(request.participants).toHaveLength(3);
  expect(request.facts).toEqual({ due: late.state.cycles[0]!.calendar.windows.evaluation.closes });
  // Nothing holds the cycle: it ends with its evaluation window, Awa's plan recorded as never received.
  const s = step(late.state, planBack('Amina Otieno'), at(8)).state;
  const ended = advance(s, at(9));
  expect(ended.state.cycles[0]!.phase).toBe('Completed');
  const plans = ended.state.cycles[0]!.participants!.filter((p) => p.actionPlan).map((p) => [
    p.form.name,
    p.actionPlan!.receivedAt !== undefined,
  ]);
  expect(plans).toEqual([
    ['Amina Otieno', true],
    ['John Kamau', false],
    ['Awa Diop', false],
  ]);
});

test('kccp status shows per participant which document went when, and the action plan', () => {
  let state = tick(selected(3).state, at(5)).state;
  state = delivered(state, selected(3).effects, at(4));
  const rows = courseStatus(state, at(5)).cycles[0]!.participants!;
  const amina = rows.find((r) => r.name === 'Amina Otieno')!;
  expect(amina.documents).toEqual({
    'acceptance-letter': expect.stringMatching(/^2027-01-08T00:00:00/),
    'joining-instructions': expect.stringMatching(/^2027-01-09T00:00:00/),
  });
  const peter = rows.find((r) => r.name === 'Peter Mwangi')!;
  expect(peter.documents).toBeUndefined();
  // As kccp status prints it: one row per participant sent something, never the not selected.
  const printed = participantDocumentsTable(courseStatus(state, at(5)))!;
  expect(printed).toMatch(/Amina Otieno.*acceptance-letter: 2027-01-08/);
  expect(printed).toMatch(/joining-instructions: 2027-01-09/);
  expect(printed).not.toContain('Peter Mwangi');
  expect(participantDocumentsTable(courseStatus(selected(2).state, at(4)))).toBeUndefined();
});

test('a refused participant becomes a delivery problem of that document; kccp resend sends it to them alone', () => {
  const { state, effects } = selected(3);
  const letters = documents(effects)[0]!;
  const context = noticeContext(state, state.cycles[0]!);
  const failed = { 'SN:Awa Diop': 'relay refused: 550 mailbox unavailable' };
  const recorded = recordDeliveryProblem(state, letters, context, failed, at(4));
  expect(recorded.problem.id).toBe('c1/acceptance-letter');
  const retry = retryEffect(recorded.problem);
  expect(retry).toMatchObject({ type: 'sendParticipantDocuments', document: 'acceptance-letter' });
  expect((retry as DocumentEffect).participants.map((p) => p.key)).toEqual(['SN:Awa Diop']);
  const resend = must(recorded.state, decision('noticeResend', { problem: 'c1/acceptance-letter' }), at(4));
  expect(resend.effects).toEqual([{ type: 'retryDelivery', cycle: 1, problem: 'c1/acceptance-letter' }]);
});
