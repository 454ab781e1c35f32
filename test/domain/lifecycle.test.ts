import { courseSpecSchema } from '../../domain/course';
import { parseDecision } from '../../domain/decisions';
import type { Decision } from '../../domain/decisions';
import {
  advance,
  checkCourseSpec,
  compactForContinueAsNew,
  courseIndex,
  courseStatus,
  createCourseState,
  decide,
  isCourseFinished,
} from '../../domain/lifecycle';
import type { CourseState, Effect } from '../../domain/lifecycle';
import { compressedCourse, decision, nominee } from '../fixtures/courses';
import { at, course, must, planned, reject, START } from '../fixtures/machine';

/** Drives cycle `n` (windows starting at step `base`) to MOFA approval; returns state and every effect. */
function toApproval(start: CourseState, base: number, withScrutiny: boolean) {
  const all: Effect[] = [];
  let state = start;
  const step = (r: { state: CourseState; effects: Effect[] }) => {
    state = r.state;
    all.push(...r.effects);
  };
  if (withScrutiny)
    step(must(state, decision('scrutiny', { result: 'pass', reasons: ['Japan has the know-how'] }), at(base + 1)));
  for (const c of ['KE', 'SN', 'PE']) {
    step(
      must(
        state,
        decision('surveyResponse', { country: c, wantsToParticipate: true, expectedParticipants: 2 }),
        at(base + 1),
      ),
    );
  }
  step(
    must(
      state,
      decision('surveyResponse', { country: 'VN', wantsToParticipate: false, expectedParticipants: 0 }),
      at(base + 1),
    ),
  );
  step(advance(state, at(base + 2)));
  expect(state.cycles.find((c) => c.phase === 'MofaDetermination')).toBeDefined();
  step(must(state, decision('mofaDetermination', { approved: true }), at(base + 2)));
  return { state, effects: all };
}

describe('course state machine', () => {
  it('starts Scheduled, opens formulation, then scrutiny with the request survey for cycle 1', () => {
    let { state } = course();
    expect(courseIndex(state)).toEqual({ phase: 'Scheduled', cycle: 1, fiscalYear: 2027 });
    state = advance(state, at(0)).state;
    expect(courseIndex(state).phase).toBe('Formulation');
    state = must(state, decision('plan', { summary: 'Rice farming', materialChange: false }), at(0)).state;
    state = advance(state, at(1)).state;
    expect(courseIndex(state).phase).toBe('Scrutiny');
  });

  it('runs a held cycle: notices, GI package, nominations, selection, implementation, evaluation', () => {
    let { state, effects } = toApproval(planned().state, 0, true);
    expect(effects).toEqual([
      // BD, the one target that never answered the survey, is reminded before it closes (issue 16).
      { type: 'notifyCountries', cycle: 1, kind: 'survey-reminder', countries: ['BD'] },
      { type: 'notifyCountries', cycle: 1, kind: 'survey-final-reminder', countries: ['BD'] },
      { type: 'notifyCountries', cycle: 1, kind: 'course-notification', countries: ['KE', 'PE', 'SN'] },
      { type: 'sendGeneralInformation', cycle: 1, countries: ['KE', 'PE', 'SN'] },
    ]);
    expect(courseIndex(state).phase).toBe('Nominations');
    ({ state, effects } = must(
      state,
      decision('nominations', {
        country: 'KE',
        organizations: ['MoA'],
        nominees: [nominee('Amina Otieno'), nominee('John Kamau')],
      }),
      at(3),
    ));
    expect(effects[0]).toMatchObject({ kind: 'nomination-acknowledgement', countries: ['KE'] });
    state = must(
      state,
      decision('nominations', { country: 'SN', organizations: ['MAER'], nominees: [nominee('Awa Diop')] }),
      at(3),
    ).state;
    state = advance(state, at(4)).state;
    expect(courseIndex(state).phase).toBe('Selection');
    ({ state, effects } = must(
      state,
      decision('selection', {
        participants: [
          { country: 'KE', nominees: ['Amina Otieno'] },
          { country: 'SN', nominees: ['Awa Diop'] },
        ],
      }),
      at(4),
    ));
    expect(effects[0]).toMatchObject({
      kind: 'selection-result',
      countries: ['KE', 'SN'],
      details: { KE: { selected: ['Amina Otieno'] } },
    });
    for (const [step, phase] of [
      [5, 'PreArrival'],
      [6, 'InJapan'],
      [7, 'PostReturn'],
    ] as const) {
      state = advance(state, at(step)).state;
      expect(courseIndex(state).phase).toBe(phase);
    }
    state = must(
      state,
      decision('implementationReport', {
        mode: 'online',
        startedOn: '2027-01-10',
        endedOn: '2027-01-11',
        attendance: [
          { country: 'KE', participants: 1 },
          { country: 'SN', participants: 1 },
        ],
      }),
      at(7),
    ).state;
    state = advance(state, at(8)).state;
    expect(courseIndex(state).phase).toBe('Evaluation');
    state = must(state, decision('evaluation', { fiscalYear: 2027, findings: ['More field visits'] }), at(8)).state;
    const outcome = state.outcomes[0];
    expect(outcome).toMatchObject({
      cycle: 1,
      phase: 'Completed',
      scrutiny: 'pass',
      mofaApproved: true,
      mode: 'online',
      attendance: { KE: 1, SN: 1 },
    });
    expect(state.cycles[1].carriedFindings).toEqual(['More field visits']);
    const compacted = compactForContinueAsNew(state);
    expect(compacted.cycles.map((c) => c.cycle)).toEqual([2, 3]);
  });

  it('reminds the responsible office before a deadline, once', () => {
    const spec = courseSpecSchema.parse({
      ...compressedCourse('TEST-002', START),
      calendar: undefined,
      firstCourseYear: 2028,
    });
    let { state } = createCourseState(spec, Date.parse('2026-12-01T00:00:00+09:00'));
    const plan = decision('plan', { summary: 'Rice farming', materialChange: false });
    state = must(state, plan, Date.parse('2027-03-10T00:00:00+09:00')).state;
    const due = advance(state, Date.parse('2027-10-20T00:00:00+09:00'));
    expect(
      due.effects
        .filter((e) => e.type === 'remindStaff')
        .map((e) => e.type === 'remindStaff' && `${e.office}:${e.reminderKey}`),
    ).toEqual(['scrutiny-secretariat:scrutiny-decision-14d', 'survey-desk:request-survey-14d']);
    state = due.state;
    expect(advance(state, Date.parse('2027-10-21T00:00:00+09:00')).effects).toEqual([]);
  });

  it('rejects a decision in the wrong phase or after its window, naming why, and changes nothing', () => {
    const { state } = planned();
    const before = JSON.stringify(state);
    expect(reject(state, decision('mofaDetermination', { approved: true }), at(1))).toMatch(
      /^(not open yet|wrong phase): .*MofaDetermination/,
    );
    const late = advance(state, at(2)).state;
    expect(
      reject(
        late,
        decision('surveyResponse', { country: 'KE', wantsToParticipate: true, expectedParticipants: 1 }),
        at(2),
      ),
    ).toMatch(/^window closed: the requestSurvey window of cycle 1 closed at/);
    expect(
      reject(
        state,
        decision('surveyResponse', { country: 'FR', wantsToParticipate: true, expectedParticipants: 1 }),
        at(1),
      ),
    ).toMatch(/^unknown country: FR/);
    expect(
      reject(
        state,
        { ...decision('surveyResponse', { country: 'ke', wantsToParticipate: true, expectedParticipants: 1 }) },
        at(1),
      ),
    ).toMatch(/^invalid field: country/);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('counts the same decision twice once, and rejects a second answer from one country', () => {
    let { state } = advance(planned().state, at(1));
    const answer = decision('surveyResponse', { country: 'KE', wantsToParticipate: true, expectedParticipants: 1 });
    state = must(state, answer, at(1)).state;
    const again = decide(state, parseDecision(answer).ok ? (answer as Decision) : (undefined as never), at(1));
    expect(again).toMatchObject({ ok: true, duplicate: true });
    expect(again.ok && again.state).toBe(state);
    expect(
      reject(
        state,
        decision('surveyResponse', { country: 'KE', wantsToParticipate: false, expectedParticipants: 0 }),
        at(1),
      ),
    ).toMatch(/^duplicate: KE/);
    expect(courseStatus(state, at(1)).cycles[0].surveyTally.requesting).toEqual(['KE']);
  });

  it('switches a cycle to online and tells the participating countries', () => {
    const { state } = toApproval(planned().state, 0, true);
    const { effects, state: after } = must(
      state,
      decision('modeChange', { mode: 'online', reason: 'Travel restrictions' }),
      at(3),
    );
    expect(after.cycles[0].mode).toBe('online');
    expect(effects).toEqual([
      {
        type: 'notifyCountries',
        cycle: 1,
        kind: 'mode-change',
        countries: ['KE', 'PE', 'SN'],
        facts: { mode: 'online', reason: 'Travel restrictions' },
      },
    ]);
  });

  it('completes after three cycles', () => {
    let { state } = course();
    for (const [cycle, step] of [
      [1, 0],
      [2, 9],
      [3, 18],
    ] as const) {
      state = must(state, decision('cycleCancellation', { cycle, reason: 'COVID-19' }), at(step)).state;
    }
    expect(isCourseFinished(state)).toBe(true);
    expect(courseIndex(state).phase).toBe('Completed');
  });

  it('refuses a course spec whose first scrutiny has already closed', () => {
    const check = checkCourseSpec(
      { ...compressedCourse('TEST-003', START), calendar: undefined, firstCourseYear: 2020 },
      Date.parse('2026-11-28T00:00:00Z'),
    );
    expect(check).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^invalid field: firstCourseYear: the scrutiny of cycle 1/),
    });
  });
});
