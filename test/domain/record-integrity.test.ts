/** The pure rules behind the course record's integrity: retired keys, the decision budget, state versions. */
import { decisionBudgetProblem, DECISION_MAX_BYTES } from '../../domain/decision-budget';
import { parseDecision, type Decision } from '../../domain/decisions';
import {
  advance,
  appliedKey,
  compactForContinueAsNew,
  decide,
  STATE_MAX_BYTES,
  upgradeState,
  type CourseState,
} from '../../domain/lifecycle';
import { recordRejection } from '../../domain/lifecycle';
import { decision } from '../fixtures/courses';
import { at, course, must } from '../fixtures/machine';

describe('idempotency keys outlive their cycle', () => {
  it('keeps a digest of every key of an ended cycle across continue-as-new, so a copy is a duplicate', () => {
    let { state } = course();
    const cancel = decision('cycleCancellation', { reason: 'travel ban', cycle: 1 });
    state = must(state, cancel, at(0)).state;
    const compacted = compactForContinueAsNew(state, true);
    expect(compacted.cycles.map((c) => c.cycle)).toEqual([2, 3]);
    expect(compacted.appliedKeys).toEqual({});
    expect(appliedKey(compacted, cancel.idempotencyKey)).toEqual({ kind: 'cycleCancellation', cycle: 1 });
    // The copy, sent without its cycle as v1 clients did, cancels nothing.
    const { cycle: _dropped, ...unbound } = cancel;
    const copy = (parseDecision(unbound) as { value: Decision }).value;
    const before = advance(compacted, at(1)).state;
    const again = decide(before, copy, at(1));
    expect(again).toMatchObject({ ok: true, duplicate: true, cycle: 1, effects: [] });
    if (again.ok) expect(again.state).toEqual(before);
    // Before record-integrity-v1 the key went with its cycle: the same copy cancelled cycle 2.
    const v1 = compactForContinueAsNew(state, false);
    expect(appliedKey(v1, cancel.idempotencyKey)).toBeUndefined();
    const v1Again = decide(advance(v1, at(1)).state, copy, at(1));
    expect(v1Again).toMatchObject({ ok: true, duplicate: false, cycle: 2 });
  });

  it('keeps each retired key in 16 characters, whatever its length', () => {
    let { state } = course();
    state = must(state, decision('cycleCancellation', { reason: 'r', idempotencyKey: 'k'.repeat(128) }), at(0)).state;
    const compacted = compactForContinueAsNew(state, true);
    expect(Object.keys(compacted.retiredKeys!).map((k) => k.length)).toEqual([16]);
  });
});

describe('the decision budget', () => {
  it('refuses a decision over the byte budget, naming the rule and the size', () => {
    const big = decision('plan', { summary: 'x'.repeat(DECISION_MAX_BYTES), materialChange: false });
    expect(decisionBudgetProblem(big)).toMatch(
      /^too large: a decision is at most 65536 bytes of JSON \(this one is \d+\)/,
    );
    // Multi-byte characters count as the bytes they take, not as one.
    const wide = decision('plan', { summary: '日'.repeat(22_000), materialChange: false });
    expect(decisionBudgetProblem(wide)).toMatch(/^too large/);
  });

  it.each([
    ['a NUL in a name', { actor: 'sato\u0000@jica.example' }, /actor: control characters are not allowed$/],
    ['a newline in a name', { actor: 'sato\n@jica.example' }, /actor: control characters/],
    [
      'a right-to-left override',
      { reasons: ['fine\u202eenif'] },
      /reasons\.0: control characters are not allowed \(only newlines\)/,
    ],
  ])('refuses %s', (_label, change, expected) => {
    expect(decisionBudgetProblem({ ...decision('scrutiny', { result: 'pass', reasons: ['ok'] }), ...change })).toMatch(
      expected,
    );
  });

  it('takes newlines in prose, and an e-mail only up to 254 characters', () => {
    expect(decisionBudgetProblem(decision('scrutiny', { result: 'pass', reasons: ['one\ntwo'] }))).toBeUndefined();
    const nominee = (email: string) =>
      parseDecision(
        decision('nominations', {
          country: 'KE',
          organizations: ['Ministry'],
          nominees: [{ name: 'A', position: 'B', organization: 'C', email }],
        }),
      );
    expect(nominee(`${'a'.repeat(64)}@${'b'.repeat(180)}.example`).ok).toBe(true);
    expect(nominee(`${'a'.repeat(64)}@${'b'.repeat(190)}.example`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/nominees\.0\.email/),
    });
  });
});

describe('state versions', () => {
  it('upgrades a version-1 state: keys retired from now on, refusals kept per kind they were tried for', () => {
    const { state } = course();
    const v1 = JSON.parse(JSON.stringify(state)) as CourseState;
    delete v1.version;
    delete v1.retiredKeys;
    delete v1.deliveryProblems;
    delete v1.signaturesRequired;
    delete v1.unplacedFindings;
    v1.cycles[0]!.notices = { 'course-notification': { KE: '<id>' } };
    v1.cycles[0]!.undeliverable = { PE: '550' };
    const upgraded = upgradeState(v1);
    expect(upgraded).toMatchObject({
      version: 3,
      retiredKeys: {},
      deliveryProblems: [],
      signaturesRequired: false,
      unplacedFindings: [],
    });
    expect(upgraded.cycles[0]!.refusedNotices).toEqual({ 'course-notification': { PE: '550' } });
    expect(upgradeState(upgraded)).toBe(upgraded);
  });

  it('upgrades a version-2 state to 3: no unplaced findings, refusals as recorded, rules left to the run', () => {
    const v2 = JSON.parse(JSON.stringify(course({}, 1).state)) as CourseState;
    v2.version = 2;
    delete v2.unplacedFindings;
    v2.cycles[0]!.notices = { 'course-notification': { KE: '<id>' } };
    const upgraded = upgradeState(v2);
    expect(upgraded).toMatchObject({ version: 3, unplacedFindings: [] });
    expect(upgraded.programRules).toBeUndefined();
    expect(upgraded.cycles[0]!.refusedNotices).toBeUndefined();
  });

  it('keeps stored rejections short, and the carried state within its budget', () => {
    let { state } = course();
    for (let i = 0; i < 30; i++) {
      state = recordRejection(state, {
        at: i,
        kind: 'x'.repeat(1000),
        actor: 'a'.repeat(1_000_000),
        reason: 'r'.repeat(10_000),
        via: 'signal',
      });
    }
    expect(state.rejections).toHaveLength(20);
    expect(JSON.stringify(state).length).toBeLessThan(STATE_MAX_BYTES / 8);
  });
});
