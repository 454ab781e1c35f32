/**
 * The governments' notices (issue 16) over random decisions on the REAL fiscal calendar: whatever
 * staff record and whenever, each survey or nomination reminder goes to exactly the governments
 * still owing an answer at that moment, the invitation to every target once per cycle, and no
 * government gets one notice kind of one cycle twice.
 */
import fc from 'fast-check';
import { courseSpecSchema } from '../../domain/course';
import { parseDecision } from '../../domain/decisions';
import type { Decision } from '../../domain/decisions';
import { advance, createCourseState, decide } from '../../domain/lifecycle';
import type { Effect } from '../../domain/lifecycle';
import { compressedCourse } from '../fixtures/courses';
import { decisionArbitraries, eventArbitrary } from '../fixtures/decision-arbitraries';

const DAY = 86_400_000;
const START = Date.parse('2027-01-10T00:00:00+09:00');
const END = Date.parse('2029-05-02T00:00:00+09:00');
const COUNTRIES = ['BD', 'KE', 'PE', 'SN', 'VN'];
const SEED = Number(process.env.FC_SEED ?? 20261201);

const arbs = decisionArbitraries(COUNTRIES, {
  actor: fc.constant('tanaka'),
  cycle: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
});
const decisionArb = fc.oneof(
  arbs.plan(fc.constant(false), fc.constant(true)),
  arbs.scrutiny('pass', 'pass', 'fail'),
  arbs.surveyResponse(true, true, false),
  arbs.mofaDetermination(true, true, false),
  arbs.nominations(),
);
const eventArb = eventArbitrary(decisionArb, 30);

/** What the test saw accepted, per cycle: independent of the machine's own records. */
interface Seen {
  answered: Map<number, Set<string>>;
  nominated: Map<number, Set<string>>;
  offered: Map<number, Set<string>>;
  /** `cycle/kind/country` of every government notice asked for. */
  told: Set<string>;
}

const setOf = (map: Map<number, Set<string>>, cycle: number) => {
  if (!map.has(cycle)) map.set(cycle, new Set());
  return map.get(cycle)!;
};
const minus = (all: Iterable<string>, gone: Set<string>) => [...all].filter((c) => !gone.has(c)).sort();

function check(effects: Effect[], seen: Seen): void {
  for (const e of effects) {
    if (e.type !== 'notifyCountries') continue;
    for (const c of e.countries) {
      const key = `${e.cycle}/${e.kind}/${c}`;
      expect(seen.told.has(key)).toBe(false);
      seen.told.add(key);
    }
    const sorted = [...e.countries].sort();
    switch (e.kind) {
      case 'survey-invitation':
        expect(sorted).toEqual(COUNTRIES);
        break;
      case 'survey-reminder':
      case 'survey-final-reminder':
        expect(sorted).toEqual(minus(COUNTRIES, setOf(seen.answered, e.cycle)));
        expect(seen.told.has(`${e.cycle}/survey-invitation/${e.countries[0]}`)).toBe(true);
        break;
      case 'nomination-reminder':
      case 'nomination-final-reminder':
        expect(sorted).toEqual(minus(setOf(seen.offered, e.cycle), setOf(seen.nominated, e.cycle)));
        break;
      case 'course-notification':
        for (const c of e.countries) setOf(seen.offered, e.cycle).add(c);
        break;
    }
  }
}

describe('government notices over random decisions on the real fiscal calendar', () => {
  const spec = courseSpecSchema.parse({
    ...compressedCourse('PROP-GOV-1', START),
    calendar: undefined,
    firstCourseYear: 2028,
    targetCountries: COUNTRIES,
    participationThreshold: 2,
  });

  it('reminds exactly those still owing an answer, invites every target, and tells no government one thing twice', () => {
    const reminders = { survey: 0, nomination: 0 };
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 80, maxLength: 240 }), (events) => {
        let now = START;
        const created = createCourseState(spec, now, 2);
        let state = created.state;
        const seen: Seen = { answered: new Map(), nominated: new Map(), offered: new Map(), told: new Set() };
        check(created.effects, seen);
        let keys = 0;
        for (const event of events) {
          if (event.type === 'time') {
            now = Math.min(END, now + event.days * DAY);
            const moved = advance(state, now);
            check(moved.effects, seen);
            for (const e of moved.effects) {
              if (e.type !== 'notifyCountries') continue;
              if (e.kind.startsWith('survey-') && e.kind.endsWith('reminder')) reminders.survey += 1;
              if (e.kind.startsWith('nomination-') && e.kind.endsWith('reminder')) reminders.nomination += 1;
            }
            state = moved.state;
            continue;
          }
          const parsed = parseDecision({ ...event.decision, idempotencyKey: `prop-key-${(keys += 1)}` });
          if (!parsed.ok) continue;
          const moved = advance(state, now);
          check(moved.effects, seen);
          state = moved.state;
          const result = decide(state, parsed.value as Decision, now);
          if (!result.ok) continue;
          const d = parsed.value;
          if (d.kind === 'surveyResponse') setOf(seen.answered, result.cycle).add(d.country);
          if (d.kind === 'nominations') setOf(seen.nominated, result.cycle).add(d.country);
          check(result.effects, seen);
          state = result.state;
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
    // The generator must reach reminders at all, or the property says nothing.
    expect(reminders.survey).toBeGreaterThan(20);
    expect(reminders.nomination).toBeGreaterThan(5);
  });
});
