/**
 * The course record's copy (domain/lifecycle/rules.ts `clone`) is a JSON round trip without the
 * string (issue 20): the same data, the same key order, the same values dropped, and no sharing.
 */
import fc from 'fast-check';
import { clone } from '../../domain/lifecycle/rules';

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
});
