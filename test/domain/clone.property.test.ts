/**
 * The course record's copy (domain/lifecycle/rules.ts `clone`) is a JSON round trip without the
 * string (issue 20): the same data, the same key order, the same values dropped, and no sharing but
 * of entries written once (`written`), which nothing can change.
 */
import fc from 'fast-check';
import { clone, written } from '../../domain/lifecycle/rules';
import { must, at, planned } from '../fixtures/machine';
import { decision } from '../fixtures/courses';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** JSON data, plus what a JSON round trip changes: undefined members, non-finite numbers, odd keys. */
const recordLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toJSON', 'constructor')), tie('value'), {
      maxKeys: 6,
    }),
  ),
}));

describe('clone', () => {
  it('equals a JSON round trip, key order included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), recordLike.value), (value) => {
        const copy = clone(value);
        // toEqual tells -0 from 0; the strings tell a member kept as undefined and the key order.
        expect(copy).toEqual(roundTrip(value));
        expect(JSON.stringify(copy)).toBe(JSON.stringify(roundTrip(value)));
        expect(Object.keys(copy)).toEqual(Object.keys(roundTrip(value) as object));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a key named __proto__ as a key, and shares nothing with the original', () => {
    const original = JSON.parse(
      '{"appliedKeys":{"__proto__":{"kind":"plan","cycle":1}},"cycles":[{"survey":{"KE":{"n":1}}}]}',
    ) as {
      appliedKeys: Record<string, unknown>;
      cycles: { survey: Record<string, { n: number }> }[];
    };
    const copy = clone(original);
    expect(Object.keys(copy.appliedKeys)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy.appliedKeys)).toBe(Object.prototype);
    copy.cycles[0]!.survey.KE!.n = 2;
    expect(original.cycles[0]!.survey.KE!.n).toBe(1);
  });

  it('shares the entries a decision writes once, and those entries cannot be changed', () => {
    const { state } = must(
      planned().state,
      decision('scrutiny', { result: 'pass', reasons: ['Asked for'], outsideExperts: ['Prof. Sato'] }),
      at(1),
    );
    const answered = must(
      state,
      decision('surveyResponse', { country: 'KE', wantsToParticipate: true, expectedParticipants: 2 }),
      at(1),
    ).state;
    const copy = clone(answered);
    expect(copy).toEqual(roundTrip(answered));
    const [cycle, copied] = [answered.cycles[0]!, copy.cycles[0]!];
    expect(copied.survey.KE).toBe(cycle.survey.KE);
    expect(copied.decisions.at(-1)).toBe(cycle.decisions.at(-1));
    const key = cycle.decisions.at(-1)!.idempotencyKey;
    expect(copy.appliedKeys[key]).toBe(answered.appliedKeys[key]);
    // The containers are copies: a later decision adds to the copy only.
    expect(copied.decisions).not.toBe(cycle.decisions);
    expect(() => {
      (cycle.survey.KE as { expectedParticipants?: number }).expectedParticipants = 9;
    }).toThrow(TypeError);
    expect(() => {
      (written({ at: 1 }) as { at: number }).at = 2;
    }).toThrow(TypeError);
  });
});
