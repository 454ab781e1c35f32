import { courseSpecSchema } from '../../domain/course';
import { ELIGIBLE_COUNTRY_CODES } from '../../domain/countries';
import { advance, createCourseState } from '../../domain/lifecycle';
import { MAX_NOMINEES_PER_CYCLE } from '../../domain/lifecycle/decide';
import { compressedCourse, DAY, decision, nominee } from '../fixtures/courses';
import { at, must, planned, reject, START } from '../fixtures/machine';

describe('course state machine limits', () => {
  it('refuses nominations beyond what a cycle can carry across continue-as-new', () => {
    const countries = ELIGIBLE_COUNTRY_CODES.slice(0, 16);
    const spec = courseSpecSchema.parse(compressedCourse('TEST-004', START, DAY, { targetCountries: countries }));
    let { state } = createCourseState(spec, START - DAY);
    state = must(state, decision('plan', { summary: 'Rice farming', materialChange: false }), at(0)).state;
    state = must(state, decision('scrutiny', { result: 'pass', reasons: ['ok'] }), at(1)).state;
    for (const c of countries) {
      state = must(
        state,
        decision('surveyResponse', { country: c, wantsToParticipate: true, expectedParticipants: 20 }),
        at(1),
      ).state;
    }
    state = must(advance(state, at(2)).state, decision('mofaDetermination', { approved: true }), at(2)).state;
    const twenty = Array.from({ length: 20 }, (_, i) => nominee(`Nominee ${i}`));
    for (const c of countries.slice(0, 15)) {
      state = must(
        state,
        decision('nominations', { country: c, organizations: ['Ministry'], nominees: twenty }),
        at(3),
      ).state;
    }
    expect(
      reject(
        state,
        decision('nominations', {
          country: countries[15],
          organizations: ['Ministry'],
          nominees: [nominee('One Too Many')],
        }),
        at(3),
      ),
    ).toBe(
      `invalid field: nominees: a cycle takes at most ${MAX_NOMINEES_PER_CYCLE} nominees in all (300 already recorded)`,
    );
  });

  it('does not take an evaluation for a cycle still being planned', () => {
    const { state } = advance(planned().state, at(1));
    expect(reject(state, decision('evaluation', { fiscalYear: 2027, findings: ['too early'] }), at(1))).toMatch(
      /^wrong phase: /,
    );
  });
});
