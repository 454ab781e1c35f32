import fc from 'fast-check';
import { courseSpecSchema } from '../../domain/course';
import { parseDecision } from '../../domain/decisions';
import type { Decision } from '../../domain/decisions';
import { advance, createCourseState, decide, isTerminal, CYCLE_PHASES } from '../../domain/lifecycle';
import type { CourseState, CyclePhase } from '../../domain/lifecycle';
import { compressedCourse, DAY, nominee } from '../fixtures/courses';

const START = Date.parse('2027-01-04T00:00:00+09:00');
const COUNTRIES = ['KE', 'SN', 'PE', 'VN', 'BD', 'FR'];
const SEED = Number(process.env.FC_SEED ?? 20261128);

const country = fc.constantFrom(...COUNTRIES);
const base = {
  actor: fc.constantFrom('tanaka', 'sato'),
  idempotencyKey: fc.constantFrom(...Array.from({ length: 40 }, (_, i) => `key-${String(i).padStart(4, '0')}`)),
};
const decisionArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ ...base, kind: fc.constant('plan'), summary: fc.constant('plan'), materialChange: fc.boolean() }),
  fc.record({
    ...base,
    kind: fc.constant('scrutiny'),
    result: fc.constantFrom('pass', 'pass', 'fail'),
    reasons: fc.constant(['r']),
  }),
  fc.record({
    ...base,
    kind: fc.constant('surveyResponse'),
    country,
    wantsToParticipate: fc.boolean(),
    expectedParticipants: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ ...base, kind: fc.constant('mofaDetermination'), approved: fc.boolean() }),
  fc.record({
    ...base,
    kind: fc.constant('nominations'),
    country,
    organizations: fc.constant(['Ministry']),
    nominees: fc.constant([nominee('Ana Perez')]),
  }),
  fc.record({
    ...base,
    kind: fc.constant('selection'),
    participants: fc.array(fc.record({ country, nominees: fc.constant(['Ana Perez']) }), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record({
    ...base,
    kind: fc.constant('implementationReport'),
    mode: fc.constantFrom('in-person', 'online', 'hybrid'),
    startedOn: fc.constant('2027-07-01'),
    endedOn: fc.constant('2027-07-10'),
    attendance: fc.array(fc.record({ country, participants: fc.integer({ min: 0, max: 3 }) }), { maxLength: 3 }),
  }),
  fc.record({
    ...base,
    kind: fc.constant('modeChange'),
    mode: fc.constantFrom('in-person', 'online', 'hybrid'),
    reason: fc.constant('r'),
  }),
  fc.record({ ...base, kind: fc.constant('cycleCancellation'), reason: fc.constant('r') }),
  fc.record({
    ...base,
    kind: fc.constant('evaluation'),
    fiscalYear: fc.constantFrom(2027, 2028),
    findings: fc.constant(['f']),
  }),
);
const eventArb = fc.oneof(
  { weight: 2, arbitrary: fc.record({ type: fc.constant('time' as const), hours: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 5, arbitrary: fc.record({ type: fc.constant('decision' as const), decision: decisionArb }) },
);

/** Phases a cycle may be in, in order: it only ever moves forward, and every end is final. */
const ORDER: CyclePhase[] = CYCLE_PHASES.filter((p) => !isTerminal(p));
const AFTER_MOFA: CyclePhase[] = [
  'Nominations',
  'Selection',
  'PreArrival',
  'InJapan',
  'PostReturn',
  'Evaluation',
  'Completed',
];

function checkInvariants(before: CourseState, after: CourseState): void {
  for (const cycle of after.cycles) {
    const prior = before.cycles.find((c) => c.cycle === cycle.cycle);
    if (!prior) continue;
    if (isTerminal(prior.phase)) expect(cycle.phase).toBe(prior.phase);
    else if (!isTerminal(cycle.phase))
      expect(ORDER.indexOf(cycle.phase)).toBeGreaterThanOrEqual(ORDER.indexOf(prior.phase));
    if (AFTER_MOFA.includes(cycle.phase)) expect(cycle.mofa?.approved).toBe(true);
    if (cycle.phase === 'PreArrival') expect(cycle.selection).toBeDefined();
    const keys = cycle.decisions.map((d) => d.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
  }
  const keys = after.cycles.flatMap((c) => c.decisions.map((d) => d.idempotencyKey));
  for (const key of keys) expect(after.appliedKeys[key]).toBeDefined();
  // Skipping a phase would show as an outcome reached without passing its step.
  for (const o of after.outcomes) {
    if (o.phase === 'Completed') {
      expect(o.mofaApproved).toBe(true);
      expect(o.scrutiny === 'pass' || o.scrutiny === 'not-required').toBe(true);
    }
  }
}

describe('course state machine properties', () => {
  it('keeps its invariants over random sequences of decisions and time', () => {
    const spec = courseSpecSchema.parse(
      compressedCourse('PROP-001', START, DAY, { targetCountries: COUNTRIES.slice(0, 5), participationThreshold: 2 }),
    );
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 50 }), (events) => {
        let now = START - 1;
        let state = createCourseState(spec, now).state;
        for (const event of events) {
          if (event.type === 'time') {
            now += event.hours * 3_600_000;
            const next = advance(state, now).state;
            checkInvariants(state, next);
            state = next;
            continue;
          }
          const parsed = parseDecision(event.decision);
          if (!parsed.ok) continue;
          const snapshot = JSON.stringify(state);
          const result = decide(state, parsed.value as Decision, now);
          expect(JSON.stringify(state)).toBe(snapshot); // the machine never mutates its input
          if (!result.ok) {
            expect(result.reason).toMatch(
              /^(wrong phase|window closed|not open yet|unknown country|duplicate|invalid field): /,
            );
            continue;
          }
          checkInvariants(state, result.state);
          if (result.duplicate) expect(result.state).toBe(state);
          const again = decide(result.state, parsed.value as Decision, now);
          expect(again.ok && again.duplicate).toBe(true); // the same decision twice counts once
          state = result.state;
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500), seed: SEED },
    );
  });
});
