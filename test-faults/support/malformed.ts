/**
 * Valid decisions of every kind, and fast-check arbitraries that break one of
 * them in one known way (a field dropped, mistyped, too long, unknown), so a
 * property can check that the rejection names the field that was broken.
 */
import fc from 'fast-check';
import type { DecisionKind } from '../../domain/decisions';

const base = { actor: 'tanaka@jica.example', idempotencyKey: 'fuzz-key-00000001' };
const nominee = {
  name: 'Amina Otieno',
  position: 'Director',
  email: 'amina.otieno@gov.example',
  organization: 'Ministry of Agriculture',
};

export const VALID: Record<DecisionKind, Record<string, unknown>> = {
  plan: { ...base, kind: 'plan', summary: 'Plan for the next cycle', materialChange: false },
  scrutiny: { ...base, kind: 'scrutiny', result: 'pass', reasons: ['Japanese expertise'] },
  surveyResponse: { ...base, kind: 'surveyResponse', country: 'KE', wantsToParticipate: true, expectedParticipants: 2 },
  mofaDetermination: { ...base, kind: 'mofaDetermination', approved: true, reference: 'MOFA-1' },
  nominations: {
    ...base,
    kind: 'nominations',
    country: 'KE',
    organizations: ['Ministry of Agriculture'],
    nominees: [nominee],
  },
  selection: { ...base, kind: 'selection', participants: [{ country: 'KE', nominees: ['Amina Otieno'] }] },
  implementationReport: {
    ...base,
    kind: 'implementationReport',
    mode: 'online',
    startedOn: '2027-07-01',
    endedOn: '2027-07-20',
    attendance: [{ country: 'KE', participants: 1 }],
  },
  modeChange: { ...base, kind: 'modeChange', mode: 'online', reason: 'typhoon season' },
  cycleCancellation: { ...base, kind: 'cycleCancellation', reason: 'no budget' },
  evaluation: { ...base, kind: 'evaluation', fiscalYear: 2027, findings: ['keep the field visits'] },
  noticeResend: { ...base, kind: 'noticeResend', problem: 'c1/course-notification' },
  participantWithdrawal: {
    ...base,
    kind: 'participantWithdrawal',
    country: 'KE',
    participant: 'Amina Otieno',
    reason: 'illness',
  },
  participantAcceptance: {
    ...base,
    kind: 'participantAcceptance',
    country: 'KE',
    participant: 'Amina Otieno',
    answer: 'accepted',
  },
  participantSubstitution: {
    ...base,
    kind: 'participantSubstitution',
    country: 'KE',
    replaces: 'Amina Otieno',
    nominee: { name: 'Mary Njeri', position: 'Agronomist', email: 'mary@agri.example.ke', organization: 'MoA' },
  },
  actionPlanReceived: { ...base, kind: 'actionPlanReceived', country: 'KE', participant: 'Amina Otieno' },
};

export const KINDS = Object.keys(VALID) as DecisionKind[];

/** Longest string each text field accepts (domain/decisions.ts). */
const TEXT_MAX: Record<string, number> = { actor: 120, summary: 2000, reference: 200, remarks: 2000, reason: 1000 };

export interface Malformed {
  kind: DecisionKind;
  input: Record<string, unknown>;
  /** The field that was broken: the rejection must name it. */
  field: string;
  how: string;
}

const wrongType = (value: unknown) =>
  fc
    .constantFrom<unknown>(null, 42, -1.5, true, 'text', [], {}, [1, 2], { nested: true })
    .filter((v) => typeof v !== typeof value || Array.isArray(v) !== Array.isArray(value));

export const malformedDecision: fc.Arbitrary<Malformed> = fc.constantFrom(...KINDS).chain((kind) => {
  const valid = VALID[kind];
  const keys = Object.keys(valid).filter((k) => k !== 'kind');
  const required = keys.filter((k) => k !== 'reference');
  return fc.oneof(
    fc.constantFrom(...required).map((field) => {
      const input = { ...valid };
      delete input[field];
      return { kind, input, field, how: 'missing' };
    }),
    fc.constantFrom(...keys).chain((field) =>
      wrongType(valid[field]).map((v) => ({
        kind,
        input: { ...valid, [field]: v },
        field,
        how: `wrong type ${JSON.stringify(v)}`,
      })),
    ),
    fc
      .tuple(fc.constantFrom(...keys.filter((k) => k in TEXT_MAX)), fc.integer({ min: 1, max: 5_000 }))
      .map(([field, extra]) => ({
        kind,
        input: { ...valid, [field]: 'x'.repeat(TEXT_MAX[field] + extra) },
        field,
        how: 'too long',
      })),
    fc
      .string({ minLength: 1, maxLength: 20 })
      .filter(
        (k) =>
          !(k in valid) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !['__proto__', 'constructor', 'prototype'].includes(k),
      )
      .map((k) => ({ kind, input: { ...valid, [k]: 1 }, field: k, how: 'unknown key' })),
    fc
      .oneof(
        fc.string({ maxLength: 7 }),
        fc.string({ minLength: 129, maxLength: 300 }),
        fc.constant('has spaces in it'),
        fc.constant('ключ-ключ-ключ'),
      )
      .filter((k) => !/^[A-Za-z0-9._:-]{8,128}$/.test(k))
      .map((k) => ({ kind, input: { ...valid, idempotencyKey: k }, field: 'idempotencyKey', how: 'bad key' })),
    fc
      .string({ maxLength: 30 })
      .filter((k) => !KINDS.includes(k as DecisionKind))
      .map((k) => ({ kind, input: { ...valid, kind: k }, field: 'kind', how: 'unknown kind' })),
  );
});

/** A rejection staff can act on: a known reason class, then what is wrong. */
export const CLEAR_REJECTION =
  /^(invalid field|wrong phase|window closed|not open yet|unknown country|duplicate|too large|unauthorized): \S/;
