/**
 * Property-based fuzzing of the inputs the course workflow checks itself: the
 * zod schemas of decisions and course specs, and the validator logic it runs
 * on every update (the same steps, without a server; bad-input-workflow.test.ts
 * sends a few hundred of these to a real course).
 * FUZZ_RUNS cases per target (10,000), FAULTS_SEED (random, printed).
 */
import fc from 'fast-check';
import { courseSpecSchema } from '../domain/course';
import { decisionBudgetProblem, DECISION_MAX_BYTES, jsonBytes } from '../domain/decision-budget';
import { decisionSchemas, describeIssues, parseDecision, type DecisionKind } from '../domain/decisions';
import {
  advance,
  checkCourseSpec,
  createCourseState,
  decide,
  recordRejection,
  STATE_MAX_BYTES,
  type CourseState,
} from '../domain/lifecycle';
import { faultCourseSpec } from './support/scenario';
import { faultSeed, intFromEnv, recordFigures } from './support/figures';
import { CLEAR_REJECTION, KINDS, malformedDecision, VALID } from './support/malformed';

const RUNS = intFromEnv('FUZZ_RUNS', 10_000);
const seed = faultSeed('fuzzing');
const params = (offset: number) => ({ seed: seed + offset, numRuns: RUNS });
let cases = 0;

afterAll(() => {
  recordFigures({
    test: 'fuzzing: schemas and update validators',
    faults: cases,
    courses: 0,
    completed: 0,
    notices: 0,
    duplicates: 0,
    lost: 0,
    failedWorkflows: 0,
    seconds: 0,
    note: `${cases} malformed or random inputs, seed ${seed}`,
  });
});

describe('decision schemas', () => {
  it('reject every decision broken in one known way, naming the broken field', () => {
    fc.assert(
      fc.property(malformedDecision, ({ input, field }) => {
        cases += 1;
        const parsed = parseDecision(input);
        if (parsed.ok) return false;
        return parsed.reason.startsWith('invalid field: ') && parsed.reason.includes(field);
      }),
      params(1),
    );
  });

  it('never throw on arbitrary values, and explain every rejection field by field', () => {
    const decisionLike = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.record(
        {
          kind: fc.constantFrom(...KINDS, 'nope'),
          actor: fc.string(),
          idempotencyKey: fc.string(),
          cycle: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      fc
        .constantFrom(...KINDS)
        .chain((k) =>
          fc
            .dictionary(fc.constantFrom(...Object.keys(VALID[k])), fc.anything({ maxDepth: 2 }))
            .map((d) => ({ ...VALID[k], ...d })),
        ),
    );
    fc.assert(
      fc.property(decisionLike, (input) => {
        cases += 1;
        const parsed = parseDecision(input);
        if (parsed.ok) return decisionSchemas[parsed.value.kind].safeParse(parsed.value).success;
        return /^invalid field: [^:]+: \S/.test(parsed.reason);
      }),
      params(2),
    );
  });

  it('course specs: never throw, and every rejection names a field and a rule', () => {
    const valid = faultCourseSpec({
      code: 'FUZZ-001',
      start: Date.parse('2026-08-01T00:00:00Z'),
      windowMs: 60_000,
      taskQueue: 'x',
    }) as Record<string, unknown>;
    const specLike = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc
        .dictionary(fc.constantFrom(...Object.keys(valid), 'extra'), fc.anything({ maxDepth: 2 }))
        .map((d) => ({ ...valid, ...d })),
      fc
        .record({
          code: fc.string(),
          title: fc.string({ maxLength: 400 }),
          targetCountries: fc.array(fc.string({ maxLength: 3 }), { maxLength: 300 }),
          firstCourseYear: fc.oneof(fc.integer(), fc.double()),
        })
        .map((d) => ({ ...valid, ...d })),
    );
    fc.assert(
      fc.property(specLike, (input) => {
        cases += 1;
        const parsed = courseSpecSchema.safeParse(input);
        if (parsed.success) return true;
        return parsed.error.issues.length > 0 && /^[^:]+: \S/.test(describeIssues(parsed.error));
      }),
      params(3),
    );
  });
});

describe('the update validator logic of the course workflow', () => {
  // The same steps the workflow's validator takes: parse, check the kind, decide on the advanced state.
  const validate = (state: CourseState, kind: DecisionKind, raw: unknown, now: number) => {
    const parsed = parseDecision(raw);
    if (!parsed.ok) return { ok: false as const, reason: parsed.reason };
    if (parsed.value.kind !== kind)
      return { ok: false as const, reason: `invalid field: kind: "${parsed.value.kind}" sent as a ${kind} decision` };
    return decide(advance(state, now).state, parsed.value, now);
  };
  const now = Date.parse('2026-08-01T00:00:00Z');
  const spec = checkCourseSpec(
    faultCourseSpec({ code: 'FUZZ-002', start: now + 60_000, windowMs: 60_000, taskQueue: 'x' }),
    now,
  );
  if (!spec.ok) throw new Error(spec.reason);
  const state = createCourseState(spec.spec, now).state;
  const before = JSON.stringify(state);
  // In Scrutiny (cycle 1) and Scheduled (cycles 2, 3) these kinds are out of their phase even when well formed.
  const outOfPhase = fc.constantFrom<DecisionKind>(
    'mofaDetermination',
    'nominations',
    'selection',
    'implementationReport',
    'evaluation',
  );

  it('rejects every malformed or out-of-phase update with a clear reason and leaves the course as it was', () => {
    const update = fc.oneof(
      malformedDecision.map((m) => ({ kind: m.kind, raw: m.input as unknown })),
      outOfPhase.map((kind) => ({
        kind,
        raw: (kind === 'evaluation' ? { ...VALID.evaluation, fiscalYear: 2099 } : VALID[kind]) as unknown,
      })),
      fc.tuple(fc.constantFrom(...KINDS), fc.anything({ maxDepth: 2 })).map(([kind, raw]) => ({ kind, raw })),
      fc
        .tuple(fc.constantFrom(...KINDS), fc.constantFrom(...KINDS))
        .filter(([a, b]) => a !== b)
        .map(([kind, other]) => ({ kind, raw: VALID[other] as unknown })),
    );
    fc.assert(
      fc.property(update, fc.integer({ min: 0, max: 50_000 }), ({ kind, raw }, drift) => {
        cases += 1;
        const result = validate(state, kind, raw, now + drift);
        return !result.ok && CLEAR_REJECTION.test(result.reason) && JSON.stringify(state) === before;
      }),
      params(4),
    );
  });
});

describe('sizes: the byte budget of updates and signals', () => {
  // Text of every width UTF-8 has, so that characters and bytes differ: ASCII, Latin, kana, emoji.
  const wideText = (max: number) =>
    fc
      .array(fc.constantFrom('a', 'é', 'あ', '😀', ' '), { maxLength: max })
      .chain((chars) => fc.nat({ max: 4 }).map((n) => chars.join('').repeat(n + 1)));
  const sized = fc.tuple(
    fc.constantFrom(...KINDS),
    wideText(6_000),
    fc.constantFrom('reason', 'summary', 'actor', 'extra'),
  );

  it('refuses a decision exactly when its JSON exceeds the budget in UTF-8 bytes, before any schema', () => {
    fc.assert(
      fc.property(sized, ([kind, text, field]) => {
        cases += 1;
        const raw = { ...VALID[kind], [field]: text.repeat(4) };
        const bytes = jsonBytes(raw);
        const problem = decisionBudgetProblem(raw);
        if (bytes > DECISION_MAX_BYTES) return problem !== undefined && problem.startsWith('too large: ');
        return problem === undefined || problem.startsWith('invalid field: ');
      }),
      { ...params(5), numRuns: Math.min(RUNS, 2_000) },
    );
  });

  it('keeps the state within its budget whatever the size of rejected signals', () => {
    const now = Date.parse('2026-08-01T00:00:00Z');
    const spec = checkCourseSpec(
      faultCourseSpec({ code: 'FUZZ-003', start: now + 60_000, windowMs: 60_000, taskQueue: 'x' }),
      now,
    );
    if (!spec.ok) throw new Error(spec.reason);
    const initial = createCourseState(spec.spec, now).state;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 2_000_000 }), fc.nat({ max: 200_000 })), { minLength: 1, maxLength: 40 }),
        (signals) => {
          cases += 1;
          let state = initial;
          for (const [actorLength, kindLength] of signals) {
            state = recordRejection(state, {
              at: now,
              kind: 'k'.repeat(kindLength),
              actor: 'a'.repeat(actorLength),
              reason: `too large: ${'r'.repeat(actorLength % 5_000)}`,
              via: 'signal',
            });
          }
          return jsonBytes(state) < STATE_MAX_BYTES / 4 && state.rejections.length <= 20;
        },
      ),
      { ...params(6), numRuns: Math.min(RUNS, 300) },
    );
  });
});
