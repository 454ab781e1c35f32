/**
 * The program rules (issue 14) over random decision sequences on the REAL fiscal calendar
 * (domain/calendar.ts from firstCourseYear, no explicit dates): time moves in steps of days, so
 * overlapping cycles, 1 January, 10 April and the MOFA cut-off all occur as they would.
 */
import fc from 'fast-check';
import { courseSpecSchema } from '../../domain/course';
import { parseDecision } from '../../domain/decisions';
import type { Decision } from '../../domain/decisions';
import { advance, courseStatus, createCourseState, decide } from '../../domain/lifecycle';
import type { CourseState, Effect } from '../../domain/lifecycle';
import { compressedCourse } from '../fixtures/courses';
import { decisionArbitraries, eventArbitrary } from '../fixtures/decision-arbitraries';

const DAY = 86_400_000;
const START = Date.parse('2027-01-10T00:00:00+09:00');
const END = Date.parse('2031-05-02T00:00:00+09:00');
const COUNTRIES = ['KE', 'SN', 'PE', 'VN', 'BD'];
const SEED = Number(process.env.FC_SEED ?? 20261201);

const arbs = decisionArbitraries(COUNTRIES, {
  actor: fc.constant('tanaka'),
  cycle: fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }),
});
const decisionArb = fc.oneof(
  arbs.plan(fc.boolean(), fc.boolean()),
  arbs.scrutiny('pass', 'fail'),
  arbs.surveyResponse(true, true, false),
  arbs.mofaDetermination(true, true, false),
  arbs.nominations(),
  arbs.selection(['Ana Perez'], []),
  arbs.cycleCancellation(),
  arbs.evaluation(2028, 2029, 2030),
);
const eventArb = eventArbitrary(decisionArb, 45);

/** What the test itself saw, independent of the machine's own bookkeeping. */
interface Seen {
  scrutiny: Map<number, 'pass' | 'fail'>;
  materialChange: Set<number>;
  offered: Map<number, Set<string>>;
}

/** Scrutiny passed in this cycle, or in an earlier one with no failure or material change since. */
function scrutinyStands(seen: Seen, cycle: number): boolean {
  if (seen.scrutiny.get(cycle) === 'pass') return true;
  if (seen.materialChange.has(cycle)) return false;
  for (let k = cycle - 1; k >= 1; k -= 1) {
    if (seen.scrutiny.get(k) === 'pass') return true;
    if (seen.scrutiny.get(k) === 'fail' || seen.materialChange.has(k)) return false;
  }
  return false;
}

const AT_OR_AFTER_MOFA = [
  'MofaDetermination',
  'Nominations',
  'Selection',
  'PreArrival',
  'InJapan',
  'PostReturn',
  'Evaluation',
];

function check(state: CourseState, effects: Effect[], seen: Seen): void {
  for (const c of state.cycles)
    if (AT_OR_AFTER_MOFA.includes(c.phase)) expect(scrutinyStands(seen, c.cycle)).toBe(true);
  for (const o of state.outcomes) if (o.mofaApproved !== undefined) expect(scrutinyStands(seen, o.cycle)).toBe(true);
  for (const e of effects) {
    if (e.type !== 'notifyCountries') continue;
    if (e.kind === 'course-notification') {
      seen.offered.set(e.cycle, new Set([...(seen.offered.get(e.cycle) ?? []), ...e.countries]));
    }
    if (e.kind === 'cycle-not-held') {
      const offered = seen.offered.get(e.cycle) ?? new Set();
      for (const c of e.countries) expect(offered.has(c)).toBe(true);
    }
  }
}

describe('program rules over random decisions on the real fiscal calendar', () => {
  const spec = courseSpecSchema.parse({
    ...compressedCourse('PROP-REAL-1', START),
    calendar: undefined,
    firstCourseYear: 2028,
    targetCountries: COUNTRIES,
    participationThreshold: 2,
  });

  it('never reaches MOFA without a standing scrutiny pass, tells only offered governments, and places or reports every finding', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 20, maxLength: 260 }), (events) => {
        let now = START;
        let state = createCourseState(spec, now, 2).state;
        const seen: Seen = { scrutiny: new Map(), materialChange: new Set(), offered: new Map() };
        let keys = 0;
        for (const event of events) {
          if (event.type === 'time') {
            now = Math.min(END, now + event.days * DAY);
            const moved = advance(state, now);
            check(moved.state, moved.effects, seen);
            state = moved.state;
            continue;
          }
          const parsed = parseDecision({
            ...event.decision,
            idempotencyKey: `key-${String((keys += 1)).padStart(5, '0')}`,
          });
          if (!parsed.ok) continue;
          const before = advance(state, now);
          check(before.state, before.effects, seen);
          const result = decide(before.state, parsed.value as Decision, now);
          state = before.state;
          if (!result.ok) continue;
          const d = parsed.value;
          if (d.kind === 'scrutiny') seen.scrutiny.set(result.cycle, d.result);
          if (d.kind === 'plan' && d.materialChange) seen.materialChange.add(result.cycle);
          check(result.state, result.effects, seen);
          if (d.kind === 'evaluation' && d.findings.length > 0) {
            // Every finding reaches a later cycle still being planned, or is reported to the course officer as unplaced.
            const placed = result.state.cycles.find(
              (c) =>
                c.cycle > result.cycle &&
                (c.phase === 'Scheduled' || c.phase === 'Formulation') &&
                c.carriedFindings.slice(-d.findings.length).join('|') === d.findings.join('|'),
            );
            const unplaced = result.state.unplacedFindings?.some(
              (u) => u.cycle === result.cycle && u.findings.join('|') === d.findings.join('|'),
            );
            // Placed ones show as open findings of their cycle; unplaced ones are told at once.
            const shown = courseStatus(result.state, now).cycles.find((c) => c.cycle === placed?.cycle);
            const told = result.effects.some(
              (e) =>
                e.type === 'remindStaff' &&
                e.office === 'course-officer' &&
                e.subject === 'evaluation-findings-unplaced',
            );
            expect(Boolean(placed) !== Boolean(unplaced)).toBe(true);
            if (placed) expect(shown?.openFindings.slice(-d.findings.length)).toEqual(d.findings);
            expect(told).toBe(Boolean(unplaced));
          }
          state = result.state;
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 200), seed: SEED },
    );
  });
});
